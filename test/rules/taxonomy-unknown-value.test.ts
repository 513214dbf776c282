import { ruleTester } from '../helpers/ruleTester';

const files = {
  'vocabulary.yml': 'topics:\n  - mfa\n  - users\n  - user-profile\ncontentType:\n  - index\n  - how-to\n',
};
const config = { docsRoot: 'articles', vocabulary: 'vocabulary.yml' };
const page = (fm: string): string => `---\ntitle: Page\ndescription: About it.\n${fm}---\n\nText.\n`;

ruleTester('taxonomy-unknown-value', {
  valid: [
    { name: 'values from the vocabulary', text: page('topics:\n  - mfa\n  - users\ncontentType: index\nuseCase: anything\n'), files, config },
    { name: 'a field the vocabulary does not list is not checked', text: page('useCase:\n  - whatever\n'), files, config },
    { name: 'no vocabulary configured: nothing is checked', text: page('topics: nonsense\n'), config: { docsRoot: 'articles' } },
    { name: 'a JSON vocabulary works the same', text: page('topics: [mfa]\n'), files: { 'v.json': '{"topics": ["mfa"]}' }, config: { docsRoot: 'articles', vocabulary: 'v.json' } },
    { name: 'a YAML error is front-matter-syntax\'s to report', text: page('topics: [mfa\n'), files, config },
  ],
  invalid: [
    {
      name: 'a typo in a list: did-you-mean, offered as a suggestion (not applied by fix-all)',
      text: page('topics:\n  - mfa\n  - usres\n'),
      files,
      config,
      errors: [{ range: '6:5-6:10', message: '`topics` value `usres` is not in the vocabulary. Did you mean `users`?', fix: false }],
    },
    {
      name: 'a value in another case is fixed to the vocabulary\'s spelling, quotes and all',
      text: page('topics:\n  - "MFA"\ncontentType: Index\n'),
      files,
      config,
      errors: [
        { range: '5:5-5:10', message: '`topics` value `MFA` is not in the vocabulary. Did you mean `mfa`?' },
        { range: '6:14-6:19', message: '`contentType` value `Index` is not in the vocabulary. Did you mean `index`?' },
      ],
      output: page('topics:\n  - mfa\ncontentType: index\n'),
    },
    {
      name: 'nothing near: no suggestion',
      text: page('contentType: tutorial\n'),
      files,
      config,
      errors: [{ range: '4:14-4:22', message: '`contentType` value `tutorial` is not in the vocabulary.', fix: false }],
    },
    {
      name: 'on ordinary pages too, in flow lists',
      text: '---\ntitle: Plain\ntopics: [users, user-profiles]\n---\n\nText.\n',
      path: 'articles/plain.md',
      files,
      config,
      errors: [{ range: '3:17-3:30', message: '`topics` value `user-profiles` is not in the vocabulary. Did you mean `user-profile`?', fix: false }],
    },
  ],
});

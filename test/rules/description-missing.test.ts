import { ruleTester } from '../helpers/ruleTester';

const header = '\n<div class="topic-page-header">\n  <h1>Users</h1>\n  <p>\n    Learn about   users.\n  </p>\n</div>\n';

ruleTester('description-missing', {
  valid: [
    { name: 'has a description', text: `---\nclasses: topic-page\ntitle: Users\ndescription: About users\n---\n${header}` },
    { name: 'a folded multi-line description', text: '---\nclasses: topic-page\ntitle: Users\ndescription: >\n  About\n  users\n---\n' },
    { name: 'not a topic page', text: '---\ntitle: Users\n---\n' },
    { name: 'a list is a description (its type is front-matter-schema\'s to report)', text: '---\nclasses: topic-page\ntitle: Users\ndescription:\n  - About\n---\n' },
    { name: 'a YAML error is front-matter-syntax\'s to report', text: '---\nclasses: topic-page\ntitle: Users\ndescription: [unclosed\n---\n' },
    { name: 'a key YAML cannot read (`@description`) is not called missing: front-matter-syntax reports it', text: '---\nclasses: topic-page\ntitle: Users\n@description: x\n---\n' },
  ],
  invalid: [
    {
      name: 'no description key: the fix adds one from the header <p>, white space folded',
      text: `---\nclasses: topic-page\ntitle: Users\n---\n${header}`,
      errors: [{ range: '1:1-1:4', message: 'The front matter has no `description`.' }],
      suggested: `---\nclasses: topic-page\ntitle: Users\ndescription: Learn about users.\n---\n${header}`,
      noSuppressionTest: 'the finding is on the opening `---` line, which no comment can precede',
    },
    {
      name: 'empty description',
      text: `---\nclasses: topic-page\ndescription: ''\ntitle: Users\n---\n${header}`,
      errors: [{ range: '3:1-3:12', message: 'The front matter `description` is empty.' }],
      suggested: `---\nclasses: topic-page\ndescription: Learn about users.\ntitle: Users\n---\n${header}`,
    },
    {
      name: 'no header <p>: no fix',
      text: '---\nclasses: topic-page\ntitle: Users\ndescription:\n---\n',
      errors: [{ range: '4:1-4:12', message: 'The front matter `description` is empty.', suggestion: false }],
    },
  ],
});

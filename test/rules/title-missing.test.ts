import { ruleTester } from '../helpers/ruleTester';

const header = '\n<div class="topic-page-header">\n  <h1>Users &amp; Roles</h1>\n  <p>About users.</p>\n</div>\n';

ruleTester('title-missing', {
  valid: [
    { name: 'has a title', text: `---\nclasses: topic-page\ntitle: Users\ndescription: d\n---\n${header}` },
    { name: 'a number is a title (its type is front-matter-schema\'s to report)', text: `---\nclasses: topic-page\ntitle: 2024\ndescription: d\n---\n` },
    { name: 'not a topic page', text: '---\ndescription: d\n---\n\nBody\n' },
    { name: 'a YAML error is front-matter-syntax\'s to report', text: '---\nclasses: topic-page\ntitle: [unclosed\n---\n' },
    { name: 'a key YAML cannot read (`@title`) is not called missing: front-matter-syntax reports it', text: '---\nclasses: topic-page\ndescription: d\n@title: x\n---\n' },
  ],
  invalid: [
    {
      name: 'no title key: range is the opening fence, the fix adds a line from the <h1>',
      text: `---\nclasses: topic-page\ndescription: d\n---\n${header}`,
      errors: [{ range: '1:1-1:4', message: 'The front matter has no `title`.' }],
      suggested: `---\nclasses: topic-page\ndescription: d\ntitle: "Users & Roles"\n---\n${header}`,
      noSuppressionTest: 'the finding is on the opening `---` line, which no comment can precede',
    },
    {
      name: 'title: with no value: the fix writes after the colon',
      text: `---\nclasses: topic-page\ntitle:\ndescription: d\n---\n${header}`,
      errors: [{ range: '3:1-3:6', message: 'The front matter `title` is empty.' }],
      suggested: `---\nclasses: topic-page\ntitle: "Users & Roles"\ndescription: d\n---\n${header}`,
    },
    {
      name: 'an empty quoted title is replaced; a value that needs quotes gets them',
      text: `---\nclasses: topic-page\ntitle: ""\ndescription: d\n---\n${header.replace('Users &amp; Roles', 'Users: Roles')}`,
      errors: [{ range: '3:1-3:6', message: 'The front matter `title` is empty.' }],
      suggested: `---\nclasses: topic-page\ntitle: "Users: Roles"\ndescription: d\n---\n${header.replace('Users &amp; Roles', 'Users: Roles')}`,
    },
    {
      name: 'title: followed by a comment: the value goes between, spaced',
      text: `---\nclasses: topic-page\ntitle: # TODO\ndescription: d\n---\n${header}`,
      errors: [{ range: '3:1-3:6', message: 'The front matter `title` is empty.' }],
      suggested: `---\nclasses: topic-page\ntitle: "Users & Roles" # TODO\ndescription: d\n---\n${header}`,
    },
    {
      name: 'no header <h1>: the suggestion takes the first Markdown `# Heading` (not a `##` one, not one in code)',
      text: '---\nclasses: topic-page\ndescription: d\n---\n\n```\n# Not this\n```\n\n## Nor this\n\n# Best Practices: *Rules*\n\nText.\n',
      errors: [{ range: '1:1-1:4', message: 'The front matter has no `title`.', suggestion: true }],
      suggested: '---\nclasses: topic-page\ndescription: d\ntitle: "Best Practices: *Rules*"\n---\n\n```\n# Not this\n```\n\n## Nor this\n\n# Best Practices: *Rules*\n\nText.\n',
      noSuppressionTest: 'the finding is on the opening `---` line, which no comment can precede',
    },
    {
      name: 'no <h1> to take a title from: no fix',
      text: '---\nclasses: topic-page\ntitle: "  "\n---\n',
      errors: [{ range: '3:1-3:6', message: 'The front matter `title` is empty.', suggestion: false }],
    },
  ],
});

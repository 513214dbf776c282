import { ruleTester } from '../helpers/ruleTester';

const fm = (lines: string): string => `---\nclasses: topic-page\ntitle: Users\ndescription: About users\n${lines}---\n\nBody\n`;

ruleTester('front-matter-schema', {
  valid: [
    { name: 'every known key with a good value', text: fm('topics:\n  - users\n  - 2\ncontentType: index\nuseCase: manage-users\nsection: Users\nurl: /users\ntoc: true\n') },
    { name: 'contentType as a list', text: fm('contentType:\n  - index\n  - concept\n') },
    { name: 'classes as a list', text: '---\nclasses:\n  - topic-page\n  - wide\ntitle: T\ndescription: D\n---\n' },
    { name: 'not a topic page', text: '---\ntitle: T\ntopics: users\n---\n' },
    { name: 'missing title and description belong to the *-missing rules', text: '---\nclasses: topic-page\n---\n' },
    {
      name: 'a workspace schema replaces the built-in one',
      text: fm('topics: users\n'),
      files: { 'schema.json': JSON.stringify({ type: 'object', properties: { topics: { type: 'string' } } }) },
      config: { docsRoot: 'articles', schema: 'schema.json' },
    },
  ],
  invalid: [
    {
      name: 'topics as a string: range is the value',
      text: fm('topics: managed-private-cloud\n'),
      errors: [{ range: '5:9-5:30', message: '`topics` must be array.' }],
    },
    {
      name: 'an item of the wrong type, nested',
      text: fm('topics:\n  - users\n  - {a: 1}\n'),
      errors: [{ range: '7:5-7:11', message: '`topics.1` must be string or number.' }],
    },
    {
      name: 'url must start with /, toc must be a boolean',
      text: fm('url: users\ntoc: "yes"\n'),
      errors: [
        { range: '5:6-5:11', message: /^`url` must match pattern/ },
        { range: '6:6-6:11', message: '`toc` must be boolean.' },
      ],
    },
    {
      name: 'a title that is a list is a type error',
      text: '---\nclasses: topic-page\ntitle:\n  - a\ndescription: d\n---\n',
      errors: [{ range: '4:3-5:1', message: '`title` must be string.' }],
    },
    {
      name: 'a workspace schema with its own rules',
      text: fm('owner: 7\n'),
      files: { 'schema.json': JSON.stringify({ type: 'object', properties: { owner: { type: 'string' } } }) },
      config: { docsRoot: 'articles', schema: 'schema.json' },
      errors: [{ range: '5:8-5:9', message: '`owner` must be string.' }],
    },
  ],
});

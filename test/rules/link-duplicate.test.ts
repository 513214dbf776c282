import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const items = (...hrefs: string[]): string =>
  topicPage(`\n<ul class="topic-links">\n${hrefs.map((h) => `  <li><a href="${h}">Link</a></li>\n`).join('')}</ul>\n`);
const files = { 'articles/users/roles.md': '---\ntitle: Roles\n---\n\n## Assign\n\n## Remove\n' };
const config = { docsRoot: 'articles', siteBases: ['/docs'] };

ruleTester('link-duplicate', {
  valid: [
    { name: 'different routes', text: items('/users/roles', '/users'), files },
    { name: 'same page, different fragments', text: items('/users/roles#assign', '/users/roles#remove'), files },
    { name: 'not a topic page', text: '---\ntitle: T\n---\n\n[a](/users/roles) [b](/users/roles)\n', files },
  ],
  invalid: [
    {
      name: 'the second link to a route is reported at its href',
      text: items('/users/roles', '/users/roles'),
      files,
      errors: [{ range: '9:16-9:28', message: '`/users/roles` is already linked on line 8.' }],
    },
    {
      name: 'spellings of the same route: trailing slash, site base',
      text: items('/users/roles', '/users/roles/', '/docs/users/roles'),
      files,
      config,
      errors: [
        { range: '9:16-9:29', message: '`/users/roles/` is already linked on line 8.' },
        { range: '10:16-10:33', message: '`/docs/users/roles` is already linked on line 8.' },
      ],
    },
    {
      name: 'a broken route linked twice is still a duplicate',
      text: items('/nowhere', '/nowhere'),
      errors: [{ range: '9:16-9:24', message: /already linked on line 8/ }],
    },
  ],
});

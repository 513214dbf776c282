import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const files = {
  'articles/users/roles.md': '---\ntitle: Roles\n---\n\n## Assign roles\n\n<h2 id="retry-after">Retry</h2>\n\n```\n## not a heading\n```\n',
};
const link = (href: string): string => topicPage(`\n<h2>On this page</h2>\n\n<ul class="topic-links">\n  <li><a href="${href}">Roles</a></li>\n</ul>\n`);

ruleTester('link-fragment', {
  valid: [
    ...['/users/roles#assign-roles', '/users/roles#retry-after', '/users/roles#Assign%20Roles', '/users/roles', '#on-this-page', '/nowhere#x'].map((href) => ({ name: `fragment found (or nothing to check): ${href}`, text: link(href), files })),
  ],
  invalid: [
    {
      name: 'no such heading on the target: range from # to the end of the href',
      text: link('/users/roles#assign'),
      files,
      errors: [{ range: '10:28-10:35', message: 'No heading or id `assign` on `articles/users/roles.md`. Did you mean `#assign-roles`?' }],
    },
    {
      name: 'a heading inside a code fence is no anchor',
      text: link('/users/roles#not-a-heading'),
      files,
      errors: [{ range: '10:28-10:42', message: 'No heading or id `not-a-heading` on `articles/users/roles.md`.' }],
    },
    {
      name: 'same-page fragment',
      text: link('#on-this-pag'),
      files,
      errors: [{ range: '10:16-10:28', message: 'No heading or id `on-this-pag` on this page. Did you mean `#on-this-page`?' }],
    },
  ],
});

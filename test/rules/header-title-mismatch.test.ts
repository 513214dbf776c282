import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const page = (title: string, h1: string): string =>
  topicPage(`\n<div class="topic-page-header">\n  <h1>${h1}</h1>\n  <p>Intro.</p>\n</div>\n`, `title: ${title}\ndescription: About users.`);

ruleTester('header-title-mismatch', {
  valid: [
    { name: 'same text', text: page('Users and Roles', 'Users and Roles') },
    { name: 'entities and white space as the reader sees them', text: page('"Users & Roles"', '\n    Users &amp; Roles\n  ') },
    { name: 'no header <h1>', text: topicPage('\n<div class="topic-page-header">\n  <p>Intro.</p>\n</div>\n') },
    { name: 'not a topic page', text: '---\ntitle: Users\n---\n\n<div class="topic-page-header">\n  <h1>Other</h1>\n</div>\n' },
  ],
  invalid: [
    {
      name: '<h1> differs from title: the fix rewrites the <h1>',
      text: page('Users and Roles', 'Users'),
      errors: [{ range: '8:7-8:12', message: 'Header <h1> "Users" differs from the front matter title "Users and Roles".' }],
      suggested: page('Users and Roles', 'Users and Roles'),
    },
    {
      name: 'a title with markup characters is escaped in the <h1>',
      text: page('"Users <and> Roles"', 'Users'),
      errors: [{ range: '8:7-8:12', message: /differs from the front matter title "Users <and> Roles"/ }],
      suggested: page('"Users <and> Roles"', 'Users &lt;and&gt; Roles'),
    },
  ],
});

import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const target = { 'articles/users/index.md': '---\ntitle: Users & Groups\ndescription: All about users.\n---\n' };
const list = (item: string): string => topicPage(`\n<ul class="topic-links">\n  <li>\n    ${item}\n  </li>\n</ul>\n`);

ruleTester('link-text-empty', {
  valid: [
    { name: 'link with text', text: list('<a href="/users">Users</a>'), files: target },
    { name: 'link whose content is an icon', text: list('<a href="/users"><i class="icon icon-budicon-715"></i></a>'), files: target },
    { name: 'Markdown link with text outside HTML', text: topicPage('\nSee [Users](/users).\n'), files: target },
    { name: 'include keys have no text of their own', text: topicPage("\n<%= include('../_includes/_topic-links', { links: ['users'] }) %>\n"), files: { ...target, 'articles/_includes/_topic-links.md': 'x' } },
  ],
  invalid: [
    {
      name: 'empty <a> to a page with a title: the fix writes the title, HTML-escaped',
      text: list('<a href="/users"></a>'),
      files: target,
      errors: [{ range: '9:5-9:26', message: 'Link to `/users` has no text.' }],
      suggested: list('<a href="/users">Users &amp; Groups</a>'),
    },
    {
      name: 'whitespace-only text across lines counts as empty',
      text: list('<a href="/users">\n    </a>'),
      files: target,
      errors: [{ range: '9:5-10:9', message: /has no text/ }],
      suggested: list('<a href="/users">Users &amp; Groups</a>'),
    },
    {
      name: 'empty Markdown link',
      text: topicPage('\nSee [](/users) first.\n'),
      files: target,
      errors: [{ range: '7:5-7:15', message: 'Link to `/users` has no text.' }],
      suggested: topicPage('\nSee [Users &amp; Groups](/users) first.\n'),
    },
    {
      name: 'no fix when the target has no page',
      text: list('<a href="/nowhere"></a>'),
      errors: [{ range: '9:5-9:28', message: 'Link to `/nowhere` has no text.', suggestion: false }],
    },
  ],
});

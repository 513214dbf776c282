import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const list = (link: string): string => topicPage(`\n<ul class="topic-links">\n  <li>\n    ${link}\n    <p>Text.</p>\n  </li>\n</ul>\n`);
const target = { 'articles/users.md': '---\ntitle: Users\n---\n' };

ruleTester('href-empty', {
  valid: [
    { name: 'a route', text: list('<a href="/users">Users</a>'), files: target },
    { name: 'a fragment', text: list('<a href="#top">Top</a>') },
    { name: 'an <a name> outside topic lists is an anchor, not a link', text: topicPage('\n<a name="top"></a>\n\nText.\n') },
    { name: 'not a topic page', text: '---\ntitle: T\n---\n\n<a href="">x</a>\n' },
  ],
  invalid: [
    {
      name: 'empty href: range is the whole attribute',
      text: list('<a href="">Volume Discounts</a>'),
      errors: [{ range: '9:8-9:15', message: 'Link "Volume Discounts" has an empty href.' }],
    },
    {
      name: 'blank href',
      text: list("<a href='  '>Plans</a>"),
      errors: [{ range: '9:8-9:17', message: 'Link "Plans" has an empty href.' }],
    },
    {
      name: 'bare # leads nowhere',
      text: list('<a href="#">HIPAA</a>'),
      errors: [{ range: '9:8-9:16', message: 'Link "HIPAA" points to `#`, which leads nowhere.' }],
    },
    {
      name: 'a topic-link <a> with no href at all: range is the open tag',
      text: list('<a class="x">SOC 2</a>'),
      errors: [{ range: '9:5-9:18', message: 'Link "SOC 2" has no href.' }],
    },
    {
      name: 'empty Markdown link destination',
      text: topicPage('\nSee [the guide]() first.\n'),
      errors: [{ range: '7:17-7:17', message: 'Link "the guide" has an empty href.' }],
    },
  ],
});

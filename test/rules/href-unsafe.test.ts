import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const list = (href: string): string => topicPage(`\n<ul class="topic-links">\n  <li>\n    <a href="${href}">Chat</a>\n  </li>\n</ul>\n`);

ruleTester('href-unsafe', {
  valid: [
    { name: 'https', text: list('https://example.com/') },
    { name: 'mailto', text: list('mailto:support@example.com') },
    { name: 'a route that contains the word javascript', text: list('/libraries/javascript:guide'), files: { 'articles/libraries/javascript:guide.md': '---\ntitle: G\n---\n' } },
  ],
  invalid: [
    {
      name: 'javascript: URL, range is the href value',
      text: list('javascript:openBillingChat()'),
      errors: [{ range: '9:14-9:42', message: 'Unsafe `javascript:` URL in a link: documentation links must not run code or embed data.' }],
    },
    {
      name: 'scheme case and leading space do not hide it',
      text: list(' JavaScript:alert(1)'),
      errors: [{ range: '9:14-9:34', message: /^Unsafe `javascript:` URL/ }],
    },
    {
      name: 'data: URL in a Markdown link',
      text: topicPage('\n[logo](data:text/html;base64,PHNjcmlwdD4=)\n'),
      errors: [{ range: '7:8-7:42', message: /^Unsafe `data:` URL/ }],
    },
  ],
});

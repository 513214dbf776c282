import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const inList = (p: string): string => topicPage(`\n<ul class="topic-links">\n  <li>\n    <a href="/a">A</a>\n    <p>\n      ${p}\n    </p>\n  </li>\n</ul>\n`);

ruleTester('markdown-link-in-html', {
  valid: [
    { name: 'an <a> in HTML', text: inList('See <a href="/extensions">extensions</a>.') },
    { name: 'a Markdown link in a paragraph', text: topicPage('\nSee [extensions](/extensions).\n') },
    { name: 'after the blank line that ends the HTML block', text: topicPage('\n<div class="note">\n\nSee [extensions](/extensions).\n\n</div>\n') },
    { name: 'in a code span', text: inList('Type `[text](/route)` to link.') },
    { name: 'an image', text: inList('![logo](/media/logo.png)') },
  ],
  invalid: [
    {
      name: 'Markdown link inside <p> in the topic list: the fix writes an <a>',
      text: inList('Learn about the [extensions](/extensions) available'),
      errors: [{ range: '11:23-11:48', message: 'Markdown link `[extensions](/extensions)` is inside an HTML block, where it is printed as typed, not rendered as a link.' }],
      output: inList('Learn about the <a href="/extensions">extensions</a> available'),
    },
    {
      name: 'text and href are escaped in the <a>',
      text: inList('[Q&A <beta>](/search?q="x"&y=1)'),
      errors: [{ range: '11:7-11:38', message: /^Markdown link `\[Q&A <beta>\]/ }],
      output: inList('<a href="/search?q=&quot;x&quot;&y=1">Q&amp;A &lt;beta&gt;</a>'),
    },
    {
      name: 'parentheses in the link text stay in the text, not the href',
      text: inList('[Proof Key for Code Exchange (PKCE)](/flows/pkce)'),
      errors: [{ range: '11:7-11:56', message: 'Markdown link `[Proof Key for Code Exchange (PKCE)](/flows/pkce)` is inside an HTML block, where it is printed as typed, not rendered as a link.' }],
      output: inList('<a href="/flows/pkce">Proof Key for Code Exchange (PKCE)</a>'),
    },
    {
      name: 'two links on one line',
      text: inList('[a](/a) and [b](/b)'),
      errors: [
        { range: '11:7-11:14', message: /`\[a\]\(\/a\)`/ },
        { range: '11:19-11:26', message: /`\[b\]\(\/b\)`/ },
      ],
      output: inList('<a href="/a">a</a> and <a href="/b">b</a>'),
    },
  ],
});

import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const files = { 'articles/a.md': '---\ntitle: A\n---\n' };

ruleTester('item-missing-link', {
  valid: [
    { name: 'every item has a link', text: topicPage('\n<ul class="topic-links">\n  <li>\n    <a href="/a">A</a>\n  </li>\n</ul>\n'), files },
    { name: 'a nested item with a link under an item with a link', text: topicPage('\n<ul class="topic-links">\n  <li><a href="/a">A</a>\n    <ul>\n      <li><a href="/a#x">x</a></li>\n    </ul>\n  </li>\n</ul>\n'), files },
    { name: 'items of an ordinary list', text: topicPage('\n<ul>\n  <li>Plain</li>\n</ul>\n') },
  ],
  invalid: [
    {
      name: 'an item with text only: range is the <li> open tag, message quotes its text before the description',
      text: topicPage('\n<ul class="topic-links">\n  <li class="x">\n    <i class="icon"></i> Directory <b>Sync</b>\n    <p>Coming soon.</p>\n  </li>\n</ul>\n'),
      errors: [{ range: '8:3-8:17', message: 'Topic list item "Directory Sync" has no `<a>` link.' }],
    },
    {
      name: 'an empty nested item',
      text: topicPage('\n<ul class="topic-links">\n  <li><a href="/a">A</a>\n    <ul>\n      <li></li>\n    </ul>\n  </li>\n</ul>\n'),
      files,
      errors: [{ range: '10:7-10:11', message: 'Topic list item has no `<a>` link.' }],
    },
  ],
});

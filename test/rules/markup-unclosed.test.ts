import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

ruleTester('markup-unclosed', {
  valid: [
    { name: 'everything closed, void and self-closed tags', text: topicPage('\n<ul class="topic-links">\n  <li><img class="icon-logo" src="x.png"><br/><i class="icon"/><a href="#a">A</a></li>\n</ul>\n') },
    { name: 'a tag inside a code span or fence', text: topicPage('\nType `<li>` here.\n\n```html\n<div>\n```\n') },
    { name: 'closed EJS tags', text: topicPage("\n<%= include('../x') %>\n") },
    { name: 'not a topic page', text: '---\ntitle: T\n---\n\n<ul class="topic-links"><li>x</ul>\n' },
  ],
  invalid: [
    {
      name: 'an <a> with no </a>: the browser closes it at the </li>',
      text: topicPage('\n<ul class="topic-links">\n  <li>\n    <a href="#usage">Usage Alerts\n  </li>\n</ul>\n'),
      errors: [{ range: '9:5-9:22', message: '`<a>` is never closed; the browser closes it at line 10.' }],
    },
    {
      name: 'header <div> and <p> left open to the end of the file',
      text: topicPage('\n<div class="topic-page-header">\n  <h1>Title</h1>\n  <p>\n    Intro.\n'),
      errors: [
        { range: '7:1-7:32', message: '`<div>` is never closed before the end of the file.' },
        { range: '9:3-9:6', message: '`<p>` is never closed before the end of the file.' },
      ],
    },
    {
      name: 'an EJS tag with no %>',
      text: topicPage("\nText.\n\n<%= include('../x') \n"),
      errors: [{ range: '9:1-9:3', message: 'EJS tag `<%` is never closed with `%>`.' }],
    },
  ],
});

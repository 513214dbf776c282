import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const files = { 'articles/users/roles.md': '---\ntitle: Roles\ndescription: Assign <roles> & permissions\n---\n' };
const item = (p: string, href = '/users/roles'): string => topicPage(`\n<ul class="topic-links">\n  <li>\n    <a href="${href}">Roles</a>\n    ${p}\n  </li>\n</ul>\n`);

ruleTester('link-description-empty', {
  valid: [
    { name: 'a description', text: item('<p>Assign roles.</p>'), files },
    { name: 'no <p> at all', text: item(''), files },
    { name: 'a <p> outside topic lists', text: topicPage('\n<p></p>\n'), files },
  ],
  invalid: [
    {
      name: 'empty <p> on one line: range is the whole element; the fix fills in the target description, escaped',
      text: item('<p></p>'),
      files,
      errors: [{ range: '10:5-10:12', message: 'The description of link "Roles" is empty.' }],
      suggested: item('<p>Assign &lt;roles&gt; &amp; permissions</p>'),
    },
    {
      name: 'a multi-line empty <p> keeps its layout',
      text: item('<p>\n    </p>'),
      files,
      errors: [{ range: '10:5-11:9', message: 'The description of link "Roles" is empty.' }],
      suggested: item('<p>\n      Assign &lt;roles&gt; &amp; permissions\n    </p>'),
    },
    {
      name: 'a nested item, and a target without a description: no fix',
      text: topicPage('\n<ul class="topic-links">\n  <li><a href="/users/roles">Roles</a><p>Roles.</p>\n    <ul>\n      <li><a href="/nowhere">x</a><p> </p></li>\n    </ul>\n  </li>\n</ul>\n'),
      files,
      errors: [{ range: '10:35-10:43', message: 'The description of link "x" is empty.', suggestion: false }],
    },
  ],
});

import { ruleTester } from '../helpers/ruleTester';

const list = '\n<ul class="topic-links">\n  <li><a href="#a">A</a></li>\n</ul>\n';

ruleTester('topic-page-class-missing', {
  valid: [
    { name: 'declares topic-page', text: `---\nclasses: topic-page\ntitle: T\n---\n${list}` },
    { name: 'topic-page among other classes (list)', text: `---\nclasses: [wide, topic-page]\ntitle: T\n---\n${list}` },
    { name: 'no topic-links list', text: '---\ntitle: T\n---\n\n<ul>\n  <li>x</li>\n</ul>\n' },
    { name: 'a partial renders lists for other pages', text: `---\ntitle: T\n---\n${list}`, path: 'articles/_includes/_topic-links.md' },
    { name: 'topic-links inside a code fence', text: '---\ntitle: T\n---\n\n```html\n<ul class="topic-links"></ul>\n```\n' },
  ],
  invalid: [
    {
      name: 'no classes key: the fix adds one; range is the <ul> open tag',
      text: `---\ntitle: Identity Labs\n---\n${list}`,
      errors: [{ range: '5:1-5:25', message: 'This page has a `topic-links` list but its front matter does not declare `classes: topic-page`.' }],
      suggested: `---\ntitle: Identity Labs\nclasses: topic-page\n---\n${list}`,
    },
    {
      name: 'another class: the fix appends topic-page',
      text: `---\nclasses: wide\ntitle: T\n---\n${list}`,
      errors: [{ range: '6:1-6:25', message: /does not declare `classes: topic-page`/ }],
      suggested: `---\nclasses: wide topic-page\ntitle: T\n---\n${list}`,
    },
    {
      name: 'no front matter: the fix adds it',
      text: `# AWS${list}`,
      errors: [{ range: '2:1-2:25', message: /does not declare/ }],
      suggested: `---\nclasses: topic-page\n---\n# AWS${list}`,
    },
    {
      name: 'classes as a list: reported without a fix',
      text: `---\nclasses: [wide]\n---\n${list}`,
      errors: [{ range: '5:1-5:25', message: /does not declare/, suggestion: false }],
    },
  ],
});

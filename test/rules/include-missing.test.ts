import { ruleTester } from '../helpers/ruleTester';

const PAGE = 'articles/identity-labs/03-mobile-native-app/index.md';
const page = (path: string): string => `---\nclasses: topic-page\ntitle: Lab 3\ndescription: d\n---\n\n<%= include('${path}') %>\n`;
const files = { 'articles/identity-labs/_includes/what-you-need.md': 'x', 'articles/identity-labs/_includes/_banner.html': 'x' };

ruleTester('include-missing', {
  valid: [
    { name: 'a file without extension in the call', text: page('../_includes/what-you-need'), path: PAGE, files },
    { name: 'an .html partial', text: page('../_includes/_banner'), path: PAGE, files },
    { name: 'a dynamic path', text: page('../_includes/${name}'), path: PAGE, files },
  ],
  invalid: [
    {
      name: 'a near miss (underscore): range is the path inside the quotes, a suggestion',
      text: page('../_includes/_what-you-need'),
      path: PAGE,
      files,
      errors: [{
        range: '7:14-7:41',
        message: 'No file for include `../_includes/_what-you-need` (looked for `articles/identity-labs/_includes/_what-you-need`, `articles/identity-labs/_includes/_what-you-need.md`, `articles/identity-labs/_includes/_what-you-need.html`, `articles/identity-labs/_includes/_what-you-need.ejs`). Did you mean `../_includes/what-you-need`?',
      }],
    },
    {
      name: 'a path that climbs out of the workspace',
      text: page('../../../../_includes/_topic-links'),
      path: PAGE,
      files,
      errors: [{ range: '7:14-7:48', message: 'Include path `../../../../_includes/_topic-links` leaves the workspace; it is not read.' }],
    },
  ],
});

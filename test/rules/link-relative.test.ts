import { ruleTester } from '../helpers/ruleTester';

const PAGE = 'articles/best-practices/custom-db-connections/index.md';
const page = (href: string): string => `---\nclasses: topic-page\ntitle: Custom DB\ndescription: d\n---\n\n<ul class="topic-links">\n  <li><a href="${href}">ID tokens</a></li>\n</ul>\n`;
const files = {
  'articles/tokens/id-token.md': '---\ntitle: ID Token\n---\n',
  'articles/best-practices/error-handling.md': '---\ntitle: Errors\n---\n',
};

ruleTester('link-relative', {
  valid: [
    { name: 'root-relative', text: page('/tokens/id-token'), path: PAGE, files },
    { name: 'a fragment on this page', text: page('#top'), path: PAGE, files },
    { name: 'relative, broken both ways: link-broken reports it', text: page('nowhere/at-all'), path: PAGE, files },
    { name: 'external', text: page('https://example.com/tokens/id-token'), path: PAGE, files },
  ],
  invalid: [
    {
      name: 'works only written root-relative: a suggestion (not a fix: another destination) adds the slash',
      text: page('tokens/id-token'),
      path: PAGE,
      files,
      errors: [{ range: '8:16-8:31', message: "Relative href `tokens/id-token` resolves to `/best-practices/tokens/id-token`, which has no page; the root-relative `/tokens/id-token` does." }],
      suggested: page('/tokens/id-token'),
    },
    {
      name: 'works relative to the page route: the fix writes the route it reaches, keeping the fragment',
      text: page('error-handling#retry'),
      path: PAGE,
      files,
      errors: [{ range: '8:16-8:36', message: "Relative href `error-handling#retry` resolves against this page's route to `/best-practices/error-handling`; write it root-relative." }],
      output: page('/best-practices/error-handling#retry'),
    },
  ],
});

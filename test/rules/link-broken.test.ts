import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const stub = (title: string, extra = ''): string => `---\ntitle: ${title}\n${extra}---\n`;
const files = {
  'articles/users/index.md': stub('Users'),
  'articles/users/roles.md': stub('Roles'),
  'articles/users/import-export.md': stub('Import and export'),
  'articles/connections/index.md': stub('Identity providers', 'url: /identityproviders\n'),
  'articles/security/bulletins/cve-2019-16929.md': stub('CVE'),
  'articles/_includes/_topic-links.md': 'partial',
  'redirects.json': JSON.stringify([{ from: '/clients', to: '/applications' }, { from: '/applications', to: '/users' }, { from: '/old-roles', to: '/gone' }, { from: '/quickstart/:platform', to: '/users' }]),
};
const config = { docsRoot: 'articles', siteBases: ['/docs', 'https://auth0.com/docs'], redirects: 'redirects.json' };
const link = (href: string): string => topicPage(`\n<ul class="topic-links">\n  <li>\n    <a href="${href}">Target</a>\n  </li>\n</ul>\n`);
const include = (keys: string): string => topicPage(`\n<%= include('../_includes/_topic-links', { links: [\n  ${keys}\n] }) %>\n`);

ruleTester('link-broken', {
  valid: [
    ...['/users', '/users/', '/users/roles?tab=1#assign', '/identityproviders', '/docs/users/roles', 'https://auth0.com/docs/users', '/clients', '/quickstart/spa', 'https://example.com/x', '#top', '${manage_url}/#/users', 'mailto:a@b.c'].map((href) => ({
      name: `resolves or is not a route: ${href}`,
      text: link(href),
      files,
      config,
    })),
    { name: 'include keys that name articles (a folder key means its index.md)', text: include("'users', 'users/roles'"), files, config },
    { name: 'a Markdown link whose text has parentheses (the href starts after `](`)', text: topicPage('\n* [Single-page app (SPA)](/users/roles)\n'), files, config },
    { name: 'not a topic page', text: '---\ntitle: T\n---\n\n[x](/nowhere)\n', files, config },
  ],
  invalid: [
    {
      name: 'a typo: range is the href value, with a suggestion',
      text: link('/users/import-exprot'),
      files,
      config,
      errors: [{ range: '9:14-9:34', message: 'No page for route `/users/import-exprot`. Did you mean `/users/import-export`?' }],
    },
    {
      name: 'a site-base href keeps its base in the message route',
      text: link('https://auth0.com/docs/users/rolez#x'),
      files,
      config,
      errors: [{ range: '9:14-9:50', message: /^No page for route `\/users\/rolez`\. Did you mean `\/users\/roles`\?/ }],
    },
    {
      name: 'a file path in the URL (.md)',
      text: link('/security/bulletins/cve-2019-16929.md'),
      files,
      config,
      errors: [{ range: '9:14-9:51', message: 'No page for route `/security/bulletins/cve-2019-16929.md`. Did you mean `/security/bulletins/cve-2019-16929`?' }],
    },
    {
      name: 'a redirect to a route without a page',
      text: link('/old-roles'),
      files,
      config,
      errors: [{ range: '9:14-9:24', message: 'No page for route `/old-roles` (it redirects to `/gone`, which has no page either).' }],
    },
    {
      name: 'the file route of a page whose url: moved it elsewhere still works, a Markdown link that is broken does not',
      text: topicPage('\nSee [providers](/connections) and [old](/identity-providers).\n'),
      files,
      config,
      errors: [{ range: '7:41-7:60', message: /^No page for route `\/identity-providers`\./ }],
    },
    {
      name: 'a Markdown link whose text has parentheses: range is the href, not text inside the label',
      text: topicPage('\n* [Proof Key (PKCE)](/users/rolez)\n'),
      files,
      config,
      errors: [{ range: '7:22-7:34', message: /^No page for route `\/users\/rolez`\./ }],
    },
    {
      name: 'an include key with no article: range is the key inside its quotes',
      text: include("'users',\n  'users/rolez'"),
      files,
      config,
      errors: [{ range: '9:4-9:15', message: "No article `users/rolez` for the `_topic-links` include (looked for users/rolez.md and users/rolez/index.md under the docs root): the include fails to render. Did you mean `users/roles`?" }],
      noSuppressionTest: 'the key sits inside an EJS tag, where a comment line would break the code',
    },
  ],
});

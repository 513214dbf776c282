/**
 * The preview plugin with markdown-it itself: the fixture page with every template form
 * (rendered against a real WorkspaceIndex), each form in other places (HTML blocks,
 * attributes, code, paragraphs), front matter with and without VS Code's front-matter
 * plugin, escaping of everything the plugin generates.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import frontMatterPlugin from 'markdown-it-front-matter';
import { currentDocumentOf, previewContextFromIndex, relativeHref, topicPagesPreview } from '../../src/preview';
import { FIXTURE_CONFIG, FIXTURE_FILES, FIXTURE_PAGE } from './fixture';
import { anchorsOf, elementsOf, previewOf, snippetRenderer, stubContext, type Preview } from './helpers';

const chip = (name: string): string =>
  `<span class="tp-chip tp-placeholder" title="Placeholder \${${name}}, filled in when the site is built"><span class="tp-chip-label">$</span>${name}</span>`;

describe('the fixture page (every template form, a real workspace index)', () => {
  let preview: Preview;
  let html: string;
  before(async () => {
    preview = await previewOf(FIXTURE_FILES, FIXTURE_CONFIG);
    html = preview.render(FIXTURE_PAGE);
  });

  it('hides the front matter: the page starts with its header', () => {
    assert.ok(html.startsWith('<div class="topic-page-header">\n  <div data-name="guides" class="topic-page-badge"></div>\n  <h1>Guides</h1>\n'), html.slice(0, 200));
    assert.ok(!html.includes('classes:'));
    assert.ok(!html.includes('<hr>'));
  });

  it('shows placeholders as labelled chips, in HTML and in Markdown', () => {
    assert.ok(html.includes(`<p>Everything you need to run ${chip('product_name')} for your team.</p>`));
    assert.ok(html.includes(`<p>Enterprise teams can <a href="../support/tickets.md" data-tp-route="/support/tickets">open a ticket</a> at ${chip('support_url')}.</p>`));
  });

  it('shows `<%= expr %>` as an output chip and `<% code %>` as a code chip', () => {
    assert.ok(html.includes('<p>Set up the agent on <span class="tp-chip tp-ejs-output" title="EJS output, filled in when the site is built: platform"><span class="tp-chip-label">ejs</span>platform</span> in five minutes.</p>'));
    assert.ok(html.includes('<div class="tp-ejs"><span class="tp-chip tp-ejs-code" title="EJS code, run when the site is built: if (account.plan === &#39;enterprise&#39;) {"><span class="tp-chip-label">ejs</span>if (account.plan === &#39;enterprise&#39;) {</span></div>\n'));
    assert.ok(html.includes('<div class="tp-ejs"><span class="tp-chip tp-ejs-code" title="EJS code, run when the site is built: }"><span class="tp-chip-label">ejs</span>}</span></div>\n'));
  });

  it('never prints an EJS tag, and drops `<%# comments %>`', () => {
    assert.ok(!html.includes('<%'));
    assert.ok(!html.includes('%>'));
    assert.ok(!html.includes('A comment the site never prints'));
  });

  it('points resolved links at their files and strikes broken ones with the reason', () => {
    assert.ok(html.includes('<i class="icon icon-budicon-715"></i><a data-tp-route="/guides/install" href="install/index.md">Install the Agent</a>'));
    assert.ok(html.includes('<i class="icon icon-budicon-695"></i><a data-tp-route="/guides/install/linux" href="install/linux.md">Linux</a>'));
    assert.ok(html.includes('<i class="icon icon-budicon-695"></i><a data-tp-broken="" title="No page for route `/guides/install/solaris`." href="/guides/install/solaris">Solaris</a>'));
    assert.ok(html.includes('<a data-tp-placeholder="" title="Placeholder link: the href is only `#`." href="#">Roadmap</a>'));
  });

  it('expands the `_topic-links` include into items with each target\'s title and description', () => {
    const expected = [
      '<div class="tp-ejs"><ul class="topic-links" data-tp-include="../_includes/_topic-links">',
      '<li><i class="icon icon-budicon-715"></i><a href="install/index.md" data-tp-key="guides/install">Install the Agent</a><p>Download the agent and connect it to your account.</p></li>',
      '<li><i class="icon icon-budicon-715"></i><a href="configure.md" data-tp-key="guides/configure">Configure the Agent</a><p>Settings, environment variables and log levels.</p></li>',
      '<li><i class="icon icon-budicon-715"></i><a data-tp-broken="" title="No article `guides/upgrade` for the `_topic-links` include (looked for guides/upgrade.md and guides/upgrade/index.md under the docs root): the include fails to render." data-tp-key="guides/upgrade">guides/upgrade</a></li>',
      '</ul></div>\n',
    ].join('\n');
    assert.ok(html.includes(expected), html);
  });

  it('inlines an include that resolves (its Markdown rendered, its placeholders as chips) in a labelled box', () => {
    assert.ok(html.includes(`<div class="tp-ejs"><div class="tp-include" data-tp-include="articles/_includes/_note.md"><div class="tp-include-label">include <code>../_includes/_note</code></div>\n<p><strong>Tip:</strong> keep your ${chip('api_key')} out of source control.</p>\n</div></div>\n`));
  });

  it('shows an include that does not resolve as a labelled box with the reason', () => {
    const reason = 'No file for this include (looked for articles/_includes/_retired-banner, articles/_includes/_retired-banner.md, articles/_includes/_retired-banner.html, articles/_includes/_retired-banner.ejs).';
    assert.ok(html.endsWith(`<div class="tp-ejs"><div class="tp-include tp-include-missing" title="${reason}"><span class="tp-include-label">include</span> <code>../_includes/_retired-banner</code> <span class="tp-include-reason">${reason}</span></div></div>\n`));
  });

  it('marks exactly the links the link-broken rule reports', () => {
    const broken = anchorsOf(html).filter((a) => 'data-tp-broken' in a.attributes).map((a) => a.attributes['data-tp-key'] ?? a.attributes['href']);
    const reported = preview.engine.check(FIXTURE_PAGE).filter((f) => f.ruleId === 'link-broken').map((f) => f.data?.['key'] ?? f.data?.['route']);
    assert.deepEqual(broken, ['/guides/install/solaris', 'guides/upgrade']);
    assert.deepEqual(broken, reported);
  });

  it('leaves a document outside the workspace exactly as markdown-it renders it', async () => {
    const text = FIXTURE_FILES[FIXTURE_PAGE] ?? '';
    const plain = new MarkdownIt({ html: true }).render(text, {});
    assert.equal(preview.md.render(text, { path: 'notes/elsewhere.txt' }), plain);
    assert.equal(preview.md.render(text, {}), plain);
    assert.ok(plain.includes('&lt;%= include('), 'the plain rendering prints the EJS tag: the plugin is what hides it');
  });
});

describe('front matter', () => {
  const page = '---\nclasses: topic-page\ntitle: A\n---\n\n<%= x %>\n\nBody ${y}.\n';

  it('renders the same with VS Code\'s front-matter plugin registered first', async () => {
    const files = { 'articles/a.md': page };
    const alone = await previewOf(files, { docsRoot: 'articles' });
    const withPlugin = await previewOf(files, { docsRoot: 'articles' }, (md) => md.use(frontMatterPlugin, () => undefined));
    const expected = `<div class="tp-ejs"><span class="tp-chip tp-ejs-output" title="EJS output, filled in when the site is built: x"><span class="tp-chip-label">ejs</span>x</span></div>\n<p>Body ${chip('y')}.</p>\n`;
    assert.equal(alone.render('articles/a.md'), expected);
    assert.equal(withPlugin.render('articles/a.md'), expected);
  });

  it('leaves no trace before the first block, with or without VS Code\'s plugin', async () => {
    const files = { 'articles/b.md': '---\ntitle: B\n---\n# Heading\n\nText.\n' };
    assert.equal((await previewOf(files, { docsRoot: 'articles' })).render('articles/b.md'), '<h1>Heading</h1>\n<p>Text.</p>\n');
    const withPlugin = await previewOf(files, { docsRoot: 'articles' }, (md) => md.use(frontMatterPlugin, () => undefined));
    // markdown-it-front-matter's token is hidden: markdown-it starts the next block on a new line.
    assert.equal(withPlugin.render('articles/b.md'), '\n<h1>Heading</h1>\n<p>Text.</p>\n');
  });

  it('is hidden with CRLF line endings too', () => {
    const render = snippetRenderer(stubContext({}));
    assert.equal(render(page.replace(/\n/g, '\r\n')), render(page));
  });

  it('is rendered as text when it is never closed (the writer sees the problem)', () => {
    const render = snippetRenderer(stubContext({}));
    assert.equal(render('---\ntitle: A\n\nText\n'), '<hr>\n<p>title: A</p>\n<p>Text</p>\n');
  });
});

describe('template forms in every place', () => {
  const render = snippetRenderer(
    stubContext({
      routes: { '/ok': { href: 'ok.md', title: 'OK' }, '/gone': { broken: 'No page for route `/gone`.' } },
      keys: { a: { title: 'Page A', description: 'About A.', href: 'a.md' } },
      includes: {
        '_loop-a': { path: '_loop-a.md', text: 'A <%- include(\'_loop-b\') %>\n' },
        '_loop-b': { path: '_loop-b.md', text: '<%- include(\'_loop-a\') %>\n' },
        '_html': { path: '_html.html', text: '<div class="note">Hello ${who}</div>\n' },
      },
    }),
  );

  it('an EJS tag inside a paragraph is an inline chip', () => {
    assert.equal(render('Hello <%= user.name %>!'), '<p>Hello <span class="tp-chip tp-ejs-output" title="EJS output, filled in when the site is built: user.name"><span class="tp-chip-label">ejs</span>user.name</span>!</p>\n');
  });

  it('a tag on its own line interrupts a paragraph, as a block', () => {
    assert.equal(render('Text\n<%= x %>\nMore'), '<p>Text</p>\n<div class="tp-ejs"><span class="tp-chip tp-ejs-output" title="EJS output, filled in when the site is built: x"><span class="tp-chip-label">ejs</span>x</span></div>\n<p>More</p>\n');
  });

  it('an unclosed `<%` is a chip and the rest of the text stays', () => {
    const unclosed = '<span class="tp-chip tp-ejs-unclosed" title="An EJS tag opens here and is never closed with %&gt;: the site fails to build the page"><span class="tp-chip-label">ejs</span>unclosed &lt;%</span>';
    assert.equal(render('Text <% if (a) {\n\nMore'), `<p>Text ${unclosed} if (a) {</p>\n<p>More</p>\n`);
    assert.equal(render('<div>\n<% oops\n<a href="/ok">x</a>\n</div>'), `<div>\n${unclosed} oops\n<a data-tp-route="/ok" href="ok.md">x</a>\n</div>`);
  });

  it('inside a tag: kept escaped in an attribute value, dropped elsewhere', () => {
    assert.equal(render('<li <% if (a) { %>class="x"<% } %>>A</li>'), '<li  class="x" >A</li>');
    // Dropped code never joins its neighbours into a tag.
    assert.equal(render('<div>\n<s<% x %>cript>alert(1)</s>\n<<%# c %>script>\n</div>'), '<div>\n<s cript>alert(1)</s>\n<<!---->script>\n</div>');
    assert.equal(render('<a href="<%= base %>/x" title="${q}">y</a>'), '<p><a href="&lt;%= base %&gt;/x" title="${q}">y</a></p>\n');
    assert.equal(render('<div>\n<a href="<%= base %>/x" title="${"q"}">y</a>\n</div>'), '<div>\n<a href="&lt;%= base %&gt;/x" title="${&quot;q&quot;}">y</a>\n</div>');
    assert.equal(render('<div class="box">\n<a href="${manage_url}/#/apis">Dashboard</a>\n</div>'), '<div class="box">\n<a href="${manage_url}/#/apis">Dashboard</a>\n</div>');
  });

  it('inside a tag: what follows a dropped tag never becomes an event attribute', () => {
    // As the page is written, the tag ends at the `%>`: `onerror=…` is text there, and stays inert here.
    assert.equal(render('<div>\n<img src=x <%= a %>onerror=alert(1)>\n</div>'), '<div>\n<img src=x  data-tp-onerror=alert(1)>\n</div>');
    assert.equal(render('<div>\n<i class="ic"<% x %>ONCLICK="f()" title="on x" onmouseover=g>i</i>\n</div>'), '<div>\n<i class="ic" data-tp-ONCLICK="f()" title="on x" data-tp-onmouseover=g>i</i>\n</div>');
    // Event attributes written before the tag, and in the next tag, are the page's own.
    assert.equal(render('<div>\n<b onclick=f <% x %> id=a><u onclick=g>u</u></b>\n</div>'), '<div>\n<b onclick=f   id=a><u onclick=g>u</u></b>\n</div>');
  });

  it('inside a bogus comment (`</` or `<!` not followed by a tag name): left as written', () => {
    // The browser reads `</<%= …` as a comment up to its first `>`: a chip there (which holds `>`)
    // would end it early and turn the rest of the page's text into markup (a script element).
    assert.equal(render("<div>\n<p>Soon.</<%= '<script>alert(2)</script>' %></p>\n</div>"), "<div>\n<p>Soon.</<%= '<script>alert(2)</script>' %></p>\n</div>");
    assert.equal(render("<div>\n<p>Soon.</<%= '<script>\n</div>"), "<div>\n<p>Soon.</<%= '<script>\n</div>");
    // After the comment's `>`, a tag is text again.
    assert.equal(render('<div>\n<!x <%= a %> y> <%= b %>\n</div>'), '<div>\n<!x <%= a %> y> <span class="tp-chip tp-ejs-output" title="EJS output, filled in when the site is built: b"><span class="tp-chip-label">ejs</span>b</span>\n</div>');
  });

  it('a broken EJS tag that takes a link\'s `[` leaves the link title\'s `<script>` as text', () => {
    const text = 'See <%[<%# note %>md](/guides/nope "<script>") here.';
    const scripts = (h: string): number => elementsOf(h).filter((e) => e.name === 'script').length;
    assert.equal(scripts(new MarkdownIt({ html: true }).render(text)), 0, 'markdown-it alone: a link title');
    assert.equal(scripts(render(text)), 0);
    assert.ok(render(text).includes('&lt;script&gt;'));
  });

  it('inside code (fences, spans): shown as written', () => {
    assert.equal(render('```\n<%= include(\'x\') %> ${y}\n```'), '<pre><code>&lt;%= include(\'x\') %&gt; ${y}\n</code></pre>\n');
    assert.equal(render('Use `${y}` or `<% x %>`.'), '<p>Use <code>${y}</code> or <code>&lt;% x %&gt;</code>.</p>\n');
  });

  it('several tags on a line make one block; a comment alone renders nothing', () => {
    assert.equal(render('<% } %> <% if (b) { %>\n'), '<div class="tp-ejs"><span class="tp-chip tp-ejs-code" title="EJS code, run when the site is built: }"><span class="tp-chip-label">ejs</span>}</span>\n<span class="tp-chip tp-ejs-code" title="EJS code, run when the site is built: if (b) {"><span class="tp-chip-label">ejs</span>if (b) {</span></div>\n');
    assert.equal(render('<%# note %>\n\nText'), '<p>Text</p>\n');
  });

  it('an include inside an HTML block is expanded in place', () => {
    assert.equal(
      render('<div class="wrap">\n  <%= include(\'../_includes/_topic-links\', { links: [\'a\'] }) %>\n</div>'),
      '<div class="wrap">\n  <ul class="topic-links" data-tp-include="../_includes/_topic-links">\n<li><i class="icon icon-budicon-715"></i><a href="a.md" data-tp-key="a">Page A</a><p>About A.</p></li>\n</ul>\n</div>',
    );
  });

  it('an HTML include is inlined with its placeholders as chips', () => {
    assert.equal(render('<%- include(\'_html\') %>'), `<div class="tp-ejs"><div class="tp-include" data-tp-include="_html.html"><div class="tp-include-label">include <code>_html</code></div>\n<div class="note">Hello ${chip('who')}</div>\n</div></div>\n`);
  });

  it('an include cycle stops with a box', () => {
    const out = render('<%- include(\'_loop-a\') %>');
    assert.ok(out.includes('<div class="tp-include tp-include-missing" title="Include cycle: _loop-a.md is already being included here.">'), out);
    assert.equal(out.split('data-tp-include="_loop-a.md"').length - 1, 1);
    assert.equal(out.split('data-tp-include="_loop-b.md"').length - 1, 1);
  });

  it('a `_topic-links` include that cannot render says why', () => {
    assert.equal(render('<%= include(\'../_includes/_topic-links\') %>'), '<div class="tp-ejs"><div class="tp-include tp-include-missing" title="This `_topic-links` include has no `links: [...]` array."><span class="tp-include-label">include</span> <code>../_includes/_topic-links</code> <span class="tp-include-reason">This `_topic-links` include has no `links: [...]` array.</span></div></div>\n');
    const malformed = render('<%= include(\'../_includes/_topic-links\', { links: [\'a\' \'b\'] }) %>');
    assert.ok(malformed.includes('<a href="a.md" data-tp-key="a">Page A</a>'));
    assert.ok(malformed.includes('<a data-tp-key="b">b</a>'), 'a key the context does not know is shown as written, not struck');
    assert.ok(malformed.includes('<span class="tp-include-reason">Missing comma before &#39;b&#39; in the `links` array: the include fails to render.</span>'), malformed);
  });

  it('a computed include path, and one the context does not know yet, are boxes', () => {
    assert.ok(render('<%- include(\'${dir}/_x\') %>').includes('<span class="tp-include-reason">The include path is computed when the site is built.</span>'));
    assert.ok(render('<%- include(\'_unknown\') %>').includes('<span class="tp-include-reason">Not known to the preview yet.</span>'));
  });

  it('Markdown links are checked like HTML links', () => {
    assert.equal(render('[a](/ok) [b](/gone) [c](https://example.com)'), '<p><a href="ok.md" data-tp-route="/ok">a</a> <a href="/gone" data-tp-broken="" title="No page for route `/gone`.">b</a> <a href="https://example.com">c</a></p>\n');
  });

  it('rendering leaves the tokens as they were (VS Code renders cached tokens again)', () => {
    const md = new MarkdownIt({ html: true }).use(topicPagesPreview, stubContext({ routes: { '/gone': { broken: 'gone' } } }));
    const env = { path: 'page.md' };
    const tokens = md.parse('[b](/gone)', env);
    const first = md.renderer.render(tokens, md.options, env);
    assert.deepEqual(tokens[1]?.children?.[0]?.attrs, [['href', '/gone']]);
    assert.equal(first, '<p><a href="/gone" data-tp-broken="" title="gone">b</a></p>\n');
    assert.equal(md.renderer.render(tokens, md.options, env), first);
  });
});

describe('escaping: nothing the plugin generates can inject markup', () => {
  const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const render = snippetRenderer(
    stubContext({
      routes: { '/x': { broken: evil }, '/y': { href: evil }, '/z': { placeholder: evil } },
      keys: { k: { title: evil, description: evil, href: evil }, b: { broken: evil } },
      includes: { inc: { missing: evil } },
    }),
  );
  const page = [
    '<a href="/x">x</a> <a href="/y">y</a> <a href="/z">z</a>',
    '',
    '[x](/x) [y](/y) [z](/z)',
    '',
    `<%= include('../_includes/_topic-links', { links: ['k', 'b', '"><script>alert(3)</script>'] }) %>`,
    '',
    "<%- include('inc') %> <%- include('<script>alert(4)</script>') %>",
    '',
    '${"<script>alert(5)</script>"} <%= "<script>alert(6)</script>" %> <% "<script>alert(7)</script>" %>',
    '',
    '<p>${"</p><script>alert(8)</script>"}</p>',
  ].join('\n');
  const out = render(page);

  it('no script element and no event-handler attribute in the output', () => {
    const elements = elementsOf(out);
    assert.deepEqual(elements.filter((e) => e.name === 'script' || e.name === 'img'), []);
    assert.deepEqual(elements.flatMap((e) => e.attributes.filter((a) => a.startsWith('on'))), []);
    assert.ok(!/<script/i.test(out));
  });

  it('titles, descriptions, reasons and hrefs are escaped as text', () => {
    const escaped = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;';
    assert.ok(out.includes(`<a data-tp-broken="" title="${escaped}" href="/x">x</a> <a data-tp-route="/y" href="${escaped}">y</a> <a data-tp-placeholder="" title="${escaped}" href="/z">z</a>`), out);
    assert.ok(out.includes(`<a href="/x" data-tp-broken="" title="${escaped}">x</a> <a href="${escaped}" data-tp-route="/y">y</a> <a href="/z" data-tp-placeholder="" title="${escaped}">z</a>`), out);
    assert.ok(out.includes(`<a data-tp-broken="" title="${escaped}" data-tp-key="b">b</a>`), out);
    assert.ok(out.includes(`<li><i class="icon icon-budicon-715"></i><a href="${escaped}" data-tp-key="k">${escaped}</a><p>${escaped}</p></li>`), out);
    assert.ok(out.includes(`<span class="tp-chip tp-placeholder" title="Placeholder \${&quot;&lt;script&gt;alert(5)&lt;/script&gt;&quot;}, filled in when the site is built"><span class="tp-chip-label">$</span>&quot;&lt;script&gt;alert(5)&lt;/script&gt;&quot;</span>`), out);
  });
});

describe('the index adapter', () => {
  it('makes hrefs relative to the page, URL-encoded', () => {
    assert.equal(relativeHref('articles/users/index.md', 'articles/user-profile/index.md'), '../user-profile/index.md');
    assert.equal(relativeHref('articles/a/index.md', 'articles/a/b c.md', 'x y'), 'b%20c.md#x%20y');
    assert.equal(relativeHref('articles/a.md', 'articles/a.md'), 'a.md');
  });

  it('reads VS Code\'s env.currentDocument structurally', () => {
    assert.deepEqual(currentDocumentOf({ currentDocument: { scheme: 'file', path: '/w/articles/a.md', extra: 1 } }), { scheme: 'file', path: '/w/articles/a.md' });
    assert.equal(currentDocumentOf({}), undefined);
    assert.equal(currentDocumentOf(undefined), undefined);
    assert.equal(currentDocumentOf({ currentDocument: 'file:///x' }), undefined);
  });

  it('answers pathOf only for pages under the docs root', async () => {
    const { engine } = await previewOf(FIXTURE_FILES, FIXTURE_CONFIG);
    const context = previewContextFromIndex(engine.index, { pathOf: (env) => String(env) });
    assert.equal(context.pathOf('articles/guides/index.md'), 'articles/guides/index.md');
    assert.equal(context.pathOf('README.md'), undefined);
    assert.equal(context.pathOf('articles/notes.txt'), undefined);
  });

  it('reads an include the index does not hold through readText', async () => {
    const { engine } = await previewOf({ ...FIXTURE_FILES, 'articles/_includes/_banner.html': '<b>hi</b>' }, FIXTURE_CONFIG);
    const context = previewContextFromIndex(engine.index, { pathOf: () => undefined, readText: (p) => (p === 'articles/_includes/_banner.html' ? '<b>hi</b>' : undefined) });
    assert.deepEqual(context.readInclude('../_includes/_banner.html', FIXTURE_PAGE), { path: 'articles/_includes/_banner.html', text: '<b>hi</b>' });
    assert.deepEqual(context.readInclude('../../../etc/passwd', FIXTURE_PAGE), { missing: 'The path leaves the workspace: not read.' });
    const withoutReader = previewContextFromIndex(engine.index, { pathOf: () => undefined });
    assert.deepEqual(withoutReader.readInclude('../_includes/_banner.html', FIXTURE_PAGE), { missing: 'articles/_includes/_banner.html could not be read.' });
  });

  it('classifies hrefs: placeholders, unsafe, external and dynamic links', async () => {
    const { engine } = await previewOf(FIXTURE_FILES, FIXTURE_CONFIG);
    const context = previewContextFromIndex(engine.index, { pathOf: () => undefined });
    assert.deepEqual(context.lookupRoute('', FIXTURE_PAGE), { placeholder: 'Placeholder link: the href is empty.' });
    assert.deepEqual(context.lookupRoute('javascript:alert(1)', FIXTURE_PAGE), { broken: 'Unsafe `javascript:` link: the site does not follow it.' });
    assert.equal(context.lookupRoute('https://example.com/x', FIXTURE_PAGE), undefined);
    assert.equal(context.lookupRoute('${manage_url}/x', FIXTURE_PAGE), undefined);
    assert.equal(context.lookupRoute('#top', FIXTURE_PAGE), undefined);
    // Relative to the page's route `/guides`, `install` is `/install`: broken, as on the site.
    assert.deepEqual(context.lookupRoute('install', FIXTURE_PAGE), { broken: 'No page for route `/install`. Did you mean `/guides/install`?' });
    // Written without its leading `/`, a route that works root-relative is followed (link-relative reports the style).
    assert.deepEqual(context.lookupRoute('guides/install/linux#debian', FIXTURE_PAGE), { title: 'Install on Linux', description: 'Packages for Debian, Ubuntu and Fedora.', href: 'install/linux.md#debian' });
    assert.deepEqual(context.lookupKey('', FIXTURE_PAGE), { broken: 'Empty key in the `links` array.' });
  });
});

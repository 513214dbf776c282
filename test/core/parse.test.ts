/** Parsing with exact ranges: front matter, body model, templates, lines. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { parsePage, allTopicLinks } from '../../src/core/page';
import { classifyHref, routeOfFile } from '../../src/core/routes';
import { LineIndex } from '../../src/core/text';
import { applyEdits, fixAll, OverlappingEditsError } from '../../src/core/edits';
import { parseSuppressions } from '../../src/core/suppressions';

const slice = (text: string, r: { start: number; end: number } | undefined): string => (r ? text.slice(r.start, r.end) : '<none>');

test('LineIndex counts LF, CRLF and lone CR as line breaks', () => {
  const index = new LineIndex('a\nbc\r\nd\re');
  assert.deepEqual([0, 2, 3, 6, 8].map((o) => index.positionAt(o)), [
    { line: 0, character: 0 },
    { line: 1, character: 0 },
    { line: 1, character: 1 },
    { line: 2, character: 0 },
    { line: 3, character: 0 },
  ]);
  assert.equal(index.offsetAt({ line: 1, character: 99 }), 4);
  assert.equal(index.lineEnd(1), 4);
  assert.equal(index.eol, '\r\n');
});

test('front matter keys and values keep exact ranges, with LF, CRLF and a BOM', () => {
  for (const [eol, bom] of [['\n', ''], ['\r\n', ''], ['\n', '\uFEFF'], ['\r\n', '\uFEFF']] as const) {
    const text = `${bom}---${eol}title: Users${eol}topics:${eol}  - a${eol}---${eol}body`;
    const fm = parseFrontMatter(text);
    assert.ok(fm);
    assert.equal(fm.closed, true);
    assert.deepEqual(fm.problems, []);
    const title = fm.entries.find((e) => e.key === 'title');
    assert.equal(slice(text, title?.keyRange), 'title');
    assert.equal(slice(text, title?.valueRange), 'Users');
    assert.deepEqual(fm.data['topics'], ['a']);
    assert.equal(text.slice(fm.range.end), `${eol}body`);
  }
});

test('an unclosed fence is a problem at the fence, and the body is still found', () => {
  const text = '---\ntitle: X\n\n<ul class="topic-links"></ul>\n';
  const fm = parseFrontMatter(text);
  assert.ok(fm);
  assert.equal(fm.closed, false);
  assert.deepEqual(fm.problems.map((p) => [p.code, slice(text, p.range)]), [['unclosed', '---']]);
  assert.equal(fm.data['title'], 'X');
  const page = parsePage('a.md', text);
  assert.equal(page.topicLists.length, 1);
});

test('a YAML error is reported at its position', () => {
  const text = '---\ntitle: A\ndescription: Lab 1: Web\n---\n';
  const fm = parseFrontMatter(text);
  const problem = fm?.problems[0];
  assert.equal(problem?.code, 'yaml');
  assert.equal(new LineIndex(text).positionAt(problem?.range.start ?? 0).line, 2);
});

test('the body model: header, nested topic links, descriptions, icons, exact ranges', () => {
  const text = [
    '---',
    'classes: topic-page',
    'title: Users',
    '---',
    '<div class="topic-page-header">',
    '  <div data-name="example" class="topic-page-badge"></div>',
    '  <h1>Users</h1>',
    '  <p>Work with users.</p>',
    '</div>',
    '<ul class="topic-links">',
    '  <li>',
    '    <i class="icon icon-budicon-715"></i><a href="/user-profile">User Profile</a>',
    '    <p>',
    '      An overview.',
    '    </p>',
    '    <ul>',
    '      <li><i class="icon icon-budicon-695"></i><a href="/user-profile/structure">Structure</a></li>',
    '    </ul>',
    '  </li>',
    '</ul>',
  ].join('\n');
  const page = parsePage('articles/users/index.md', text);
  assert.equal(page.isTopicPage, true);
  assert.equal(page.header?.title?.text, 'Users');
  assert.equal(page.header?.intro?.text, 'Work with users.');
  assert.ok(page.header?.badge);
  const [first] = page.topicLinks;
  assert.equal(first?.link?.href, '/user-profile');
  assert.equal(slice(text, first?.link?.hrefRange), '/user-profile');
  assert.equal(slice(text, first?.link?.textRange), 'User Profile');
  assert.equal(first?.description?.text, 'An overview.');
  assert.match(slice(text, first?.icon?.openTag), /^<i class="icon icon-budicon-715">$/);
  assert.deepEqual(first?.children.map((c) => c.link?.href), ['/user-profile/structure']);
  assert.equal(allTopicLinks(page.topicLinks).length, 2);
});

test('EJS tags and ${placeholders} never confuse the HTML parser', () => {
  const text = '---\nclasses: topic-page\n---\n<ul class="topic-links">\n<li><a href="${manage_url}/x">M</a><%= include(\'../_includes/_x\', { a: "<li>" }) %></li>\n<li><a href="/b">B</a></li>\n</ul>\n';
  const page = parsePage('articles/p.md', text);
  assert.deepEqual(page.topicLinks.map((t) => t.link?.href), ['${manage_url}/x', '/b']);
  assert.deepEqual(page.includes.map((i) => [i.path, slice(text, i.pathRange)]), [['../_includes/_x', '../_includes/_x']]);
  assert.deepEqual(page.placeholders.map((r) => slice(text, r)), ['${manage_url}']);
});

test('_topic-links include keys are links with ranges; a missing comma is a problem, not a crash', () => {
  const text = "---\nclasses: topic-page\n---\n<%= include('../_includes/_topic-links', { links: [\n  'tokens',\n  'users/search'\n  'rules',\n] }) %>\n";
  const page = parsePage('articles/p/index.md', text);
  assert.deepEqual(page.links.map((l) => [l.kind, l.href, slice(text, l.hrefRange)]), [
    ['include', 'tokens', 'tokens'],
    ['include', 'users/search', 'users/search'],
    ['include', 'rules', 'rules'],
  ]);
  const [problem] = page.includes[0]?.linkProblems ?? [];
  assert.match(problem?.message ?? '', /Missing comma before 'rules'/);
  assert.equal(problem?.insert && text.slice(problem.insert.at - 7, problem.insert.at), "search'");
});

test('Markdown links inside an HTML block are literal; outside they are links', () => {
  const text = '---\nclasses: topic-page\n---\n[Outside](/a)\n\n<ul class="topic-links">\n  <li><p>See [inside](/b)</p></li>\n</ul>\n\nAfter [again](/c) and `<a href="/code">`\n';
  const page = parsePage('articles/p.md', text);
  assert.deepEqual(page.literalMarkdownLinks.map((m) => m.href), ['/b']);
  assert.deepEqual(page.links.map((l) => `${l.kind}:${l.href}`), ['markdown:/a', 'markdown:/c']);
});

test('anchors: heading slugs and id/name attributes', () => {
  const page = parsePage('articles/p.md', '---\nclasses: topic-page\n---\n## Custom Attributes!\n<h2 id="retry-after">Retry</h2>\n```\n# not a heading\n```\n');
  assert.deepEqual([...page.anchors].sort(), ['custom-attributes', 'retry', 'retry-after']);
});

test('hrefs: routes, site bases, fragments, queries, relative, external, unsafe, dynamic', () => {
  const bases = ['/docs', 'https://auth0.com/docs'];
  const c = (href: string): unknown => classifyHref(href, '/best-practices/custom-db', bases);
  assert.deepEqual(c('/users/search/?q=1#top'), { kind: 'route', route: '/users/search', fragment: 'top', relative: false, base: undefined });
  assert.deepEqual(c('https://auth0.com/docs/tokens'), { kind: 'route', route: '/tokens', fragment: undefined, relative: false, base: 'https://auth0.com/docs' });
  assert.deepEqual(c('/docs'), { kind: 'route', route: '/', fragment: undefined, relative: false, base: '/docs' });
  assert.deepEqual(c('/docsearch'), { kind: 'route', route: '/docsearch', fragment: undefined, relative: false, base: undefined });
  assert.deepEqual(c('tokens/id-token'), { kind: 'route', route: '/best-practices/tokens/id-token', fragment: undefined, relative: true, base: undefined });
  assert.deepEqual(c('https://example.com/x'), { kind: 'external' });
  assert.deepEqual(c('mailto:a@b.c'), { kind: 'external' });
  assert.deepEqual(c(' JavaScript:alert(1)'), { kind: 'unsafe', scheme: 'javascript' });
  assert.deepEqual(c('data:text/html,x'), { kind: 'unsafe', scheme: 'data' });
  assert.deepEqual(c('${manage_url}/x'), { kind: 'dynamic' });
  assert.deepEqual(c('#x'), { kind: 'fragment', fragment: 'x' });
  assert.deepEqual(c('  '), { kind: 'empty' });
  assert.equal(routeOfFile('users/index.md'), '/users');
  assert.equal(routeOfFile('index.md'), '/');
  assert.equal(routeOfFile('users/search.md'), '/users/search');
});

test('applyEdits refuses overlapping edits; fixAll stops when nothing changes', () => {
  assert.equal(applyEdits('abcdef', [{ range: { start: 4, end: 5 }, newText: 'E' }, { range: { start: 0, end: 1 }, newText: 'A' }]), 'AbcdEf');
  assert.throws(() => applyEdits('abc', [{ range: { start: 0, end: 2 }, newText: '' }, { range: { start: 1, end: 3 }, newText: '' }]), OverlappingEditsError);
  let calls = 0;
  const result = fixAll('aaa', (text) => {
    calls++;
    const at = text.indexOf('a');
    return at < 0 ? [] : [{ ruleId: 'x', message: 'm', severity: 'warning', range: { start: at, end: at + 1 }, fix: { title: 't', edits: [{ range: { start: at, end: at + 1 }, newText: 'b' }] } }];
  });
  assert.deepEqual(result, { text: 'bbb', passes: 3 });
  assert.equal(calls, 4);
});

test('suppression comments: next line, same line, file-level, enable again, YAML form', () => {
  const s = parseSuppressions('<!-- topic-pages-disable-next-line mojibake -->\nx\n<!-- topic-pages-disable link-broken -->\ny\n<!-- topic-pages-enable link-broken -->\nz <!-- topic-pages-disable-line -->\n# topic-pages-disable-next-line title-missing\nw\n');
  assert.equal(s.isSuppressed('mojibake', 1), true);
  assert.equal(s.isSuppressed('mojibake', 2), false);
  assert.equal(s.isSuppressed('link-broken', 3), true);
  assert.equal(s.isSuppressed('link-broken', 5), true);
  assert.equal(s.isSuppressed('href-empty', 5), true);
  assert.equal(s.isSuppressed('link-broken', 4), false);
  assert.equal(s.isSuppressed('link-broken', 6), false);
  assert.equal(s.isSuppressed('title-missing', 7), true);
});

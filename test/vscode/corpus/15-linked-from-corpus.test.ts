// The Linked From view on real data: a workspace made of the auth0-docs corpus with the seed page
// as its Users topic page (scripts/test-editor.mjs builds it with prepareCorpusWorkspace when
// ../shared has both; third-party text, never copied into the repository). The expected rows are
// computed here, from the files in ../shared, by a small scanner of their links written for this
// test (HTML and Markdown links, `_topic-links` include keys; site routes with the `/docs` and
// `https://auth0.com/docs` bases, `#fragment`, `?query` and a trailing `/` dropped, `url:` overrides).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, repoRoot, uri } from '../suite/helpers';

const SHARED = path.join(repoRoot(), '..', 'shared');
const SEED = path.join(SHARED, 'seed', 'users-topic-page.md');
const ARTICLES = path.join(SHARED, 'corpus', 'auth0-docs', 'articles');
/** The seed's place in the workspace: the corpus's Users topic page. */
const SEED_PATH = 'articles/users/index.md';

interface Link {
  readonly path: string;
  readonly line: number;
  readonly route: string;
}

function markdownFiles(dir: string, rel: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = `${rel}/${e.name}`;
    return e.isDirectory() ? markdownFiles(path.join(dir, e.name), r) : e.name.endsWith('.md') ? [r] : [];
  });
}

/** The workspace's pages as the suite's workspace has them: the corpus, with the seed as SEED_PATH. */
function pages(): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of markdownFiles(ARTICLES, 'articles')) out.set(rel, fs.readFileSync(path.join(ARTICLES, ...rel.split('/').slice(1)), 'utf8'));
  out.set(SEED_PATH, fs.readFileSync(SEED, 'utf8'));
  return out;
}

/** The site route of an href, or undefined for external, relative, placeholder and in-page links. */
function routeOf(href: string): string | undefined {
  const h = href.trim().replace(/^https?:\/\/auth0\.com\/docs(?=[/#?]|$)/, '').replace(/^\/docs(?=[/#?]|$)/, '');
  if (!h.startsWith('/')) return undefined;
  const bare = h.replace(/[#?].*$/s, '').replace(/\/+$/, '');
  return bare === '' ? '/' : bare;
}

/** Route -> file: `articles/a/b.md` and `articles/a/b/index.md` serve `/a/b`; a `url:` line serves its value. Routes served twice are dropped. */
function routes(all: Map<string, string>): Map<string, string> {
  const seen = new Map<string, string[]>();
  const add = (route: string, file: string): void => {
    const list = seen.get(route) ?? [];
    if (!list.includes(file)) list.push(file);
    seen.set(route, list);
  };
  for (const [file, text] of all) {
    const base = file.replace(/^articles/, '').replace(/(\/index)?\.md$/, '');
    add(base === '' ? '/' : base, file);
    const url = /^---\r?\n[\s\S]*?^url:[ \t]*(\S+)[ \t]*\r?$/m.exec(text);
    if (url?.[1]) add(routeOf(url[1]) ?? url[1], file);
  }
  return new Map([...seen].filter(([, files]) => files.length === 1).map(([route, files]) => [route, files[0] ?? '']));
}

/** Every link of a page outside fenced code blocks: `<a href>`, `[text](href)` outside HTML blocks and `_topic-links` include keys. */
function linksOf(file: string, text: string): Link[] {
  const out: Link[] = [];
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  // Blank out fenced code blocks, keeping offsets.
  const scan = text.replace(/^([ \t]*)(```|~~~)[\s\S]*?^\1\2[^\n]*$/gm, (m) => m.replace(/[^\n]/g, ' '));
  for (const m of scan.matchAll(/<a\s[^>]*?\bhref\s*=\s*(["'])(.*?)\1/gis)) {
    const route = routeOf(m[2] ?? '');
    if (route) out.push({ path: file, line: lineAt(m.index), route });
  }
  // Markdown link syntax inside an HTML block (CommonMark type 6: a line opening a block-level tag, up to the
  // next blank line) is shown literally, not as a link.
  const htmlBlocks = [...scan.matchAll(/^ {0,3}<\/?(?:address|article|aside|blockquote|details|div|dl|dd|dt|figure|footer|h[1-6]|header|li|nav|ol|p|section|table|tbody|td|th|thead|tr|ul)(?=[\s/>]|$)[\s\S]*?(?=\n[ \t]*\n|$(?![\s\S]))/gim)].map((m) => [m.index, m.index + m[0].length] as const);
  const inHtmlBlock = (offset: number): boolean => htmlBlocks.some(([a, b]) => a <= offset && offset < b);
  for (const m of scan.matchAll(/(?<!!)\[(?:[^\]\n]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (inHtmlBlock(m.index)) continue;
    const route = routeOf(m[1] ?? '');
    if (route) out.push({ path: file, line: lineAt(m.index), route });
  }
  for (const m of scan.matchAll(/include\(\s*'[^']*_topic-links'\s*,\s*\{\s*links:\s*\[([^\]]*)\]/g)) {
    const start = m.index + m[0].indexOf('[') + 1;
    for (const k of (m[1] ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)) out.push({ path: file, line: lineAt(start + k.index), route: `/${(k[1] ?? k[2] ?? '').replace(/\/+$/, '')}` });
  }
  return out;
}

describe('Linked From on the auth0-docs corpus, with the seed as the Users topic page', function () {
  let all = new Map<string, string>();
  let served = new Map<string, string>();
  let links: Link[] = [];
  /** `path:line` of every link to `file`, sorted. */
  const expectedFor = (file: string): string[] =>
    links.filter((l) => served.get(l.route) === file).map((l) => `${l.path}:${l.line}`).sort();
  const actualFor = async (file: string): Promise<string[]> => {
    const rows = await (await api()).linkedFrom(uri(file));
    return rows.map((r) => r.description.replace(/ · .*$/s, '')).sort();
  };

  before(async function () {
    if (!fs.existsSync(SEED) || !fs.existsSync(ARTICLES)) {
      assert.ok(!process.env['CI'], `the seed (${SEED}) and the corpus (${ARTICLES}) are required when CI is set`);
      console.log(`    (skipped: no seed at ${SEED} or no corpus at ${ARTICLES})`);
      this.skip();
    }
    all = pages();
    served = routes(all);
    links = [...all].flatMap(([file, text]) => linksOf(file, text));
    // The workspace really is the corpus with the seed in place.
    assert.equal(fs.readFileSync(uri(SEED_PATH).fsPath, 'utf8'), all.get(SEED_PATH));
    await api();
  });

  it('each page the seed links to: every page linking to it, with the line of each link', async () => {
    const targets = [...new Set(linksOf(SEED_PATH, all.get(SEED_PATH) ?? '').map((l) => served.get(l.route)))].filter((f): f is string => f !== undefined && f !== SEED_PATH).sort();
    // The seed links to pages the corpus has (the scanner must find them, or this test would prove nothing).
    assert.ok(targets.length >= 3, `targets: ${targets.join(', ')}`);
    let fromCorpus = 0;
    for (const target of targets) {
      const expected = expectedFor(target);
      assert.ok(expected.some((e) => e.startsWith(`${SEED_PATH}:`)), `${target}: the seed links to it`);
      fromCorpus += expected.filter((e) => !e.startsWith(`${SEED_PATH}:`)).length;
      assert.deepEqual(await actualFor(target), expected, `Linked From ${target}`);
    }
    assert.ok(fromCorpus > 0, 'some corpus pages link to the same pages as the seed');
  });
  it('the seed page: exactly the corpus links to /users (none in this corpus), then those of a page added to it', async () => {
    assert.equal(served.get('/users'), SEED_PATH);
    assert.deepEqual(await actualFor(SEED_PATH), expectedFor(SEED_PATH));
    // A page of our own (not corpus text) linking /users in the ways the site does, added and removed again.
    const rel = 'articles/users-linking-test-page.md';
    const text = [
      '---',
      'classes: topic-page',
      'title: Linking Test',
      'description: Links to the Users page.',
      '---',
      '<ul class="topic-links">',
      '  <li>',
      '    <i class="icon icon-budicon-715"></i><a href="/docs/users">Users</a>',
      '  </li>',
      '  <li>',
      '    <i class="icon icon-budicon-715"></i><a href="https://auth0.com/docs/users/#user-profile">Profiles</a>',
      '  </li>',
      '</ul>',
      '',
      'See [the Users page](/users?tab=1) and the [profile](/user-profile).',
      '',
      "<%= include('./_includes/_topic-links', { links: [",
      "  'users',",
      "  'metadata'",
      '] }) %>',
      '',
    ].join('\n');
    const expected = [...expectedFor(SEED_PATH), ...linksOf(rel, text).filter((l) => served.get(l.route) === SEED_PATH).map((l) => `${l.path}:${l.line}`)].sort();
    assert.deepEqual(expected, [`${rel}:18`, `${rel}:11`, `${rel}:15`, `${rel}:8`].sort());
    const seen = async (ms: number): Promise<string[]> => {
      const deadline = Date.now() + ms;
      let actual = await actualFor(SEED_PATH);
      while (JSON.stringify(actual) !== JSON.stringify(expected) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        actual = await actualFor(SEED_PATH);
      }
      return actual;
    };
    await vscode.workspace.fs.writeFile(uri(rel), new TextEncoder().encode(text));
    try {
      let actual = await seen(20_000);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        // The editor's file watcher starts a while after the window opens; on a loaded machine the first
        // event can come before it is up and be lost. Say so, and write the file once more.
        console.log(`    (the server had not seen ${rel} after 20 s; writing it again)`);
        await vscode.workspace.fs.writeFile(uri(rel), new TextEncoder().encode(text));
        actual = await seen(30_000);
      }
      assert.deepEqual(actual, expected);
    } finally {
      await vscode.workspace.fs.delete(uri(rel));
    }
    const deadline = Date.now() + 30_000;
    while ((await actualFor(SEED_PATH)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(await actualFor(SEED_PATH), expectedFor(SEED_PATH), 'the removed page no longer links');
  });
});

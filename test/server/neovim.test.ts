/**
 * The language server in a real editor other than VS Code: headless Neovim (0.7 and later, as
 * Debian ships it) with its own LSP client, started as the README's "Other editors" section says
 * (`topic-pages-language-server --stdio`, here `node dist/server.js --stdio`). The Lua side
 * (neovim/client.lua) records what the editor got at each step; this file checks it exactly.
 * Skipped, with a message, where `nvim` is not installed, unless TOPIC_PAGES_REQUIRE_NEOVIM=1 (CI).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { engineFor, topicPage } from '../helpers/memoryHost';
import { fixAll } from '../../src/core/edits';
import { CORPUS_CONFIG, SEED_FILE, sharedDataMissing, stubWorkspace } from '../helpers/corpus';
import { buildServer } from '../helpers/lspServer';

const repo = join(__dirname, '..', '..');

const INDEX = topicPage(
  '<ul class="topic-links">\n' +
    '  <li><a href="/guide#intro">Guide</a><p>Read it.</p></li>\n' +
    '  <li><a href="/guide"></a><p>Again.</p></li>\n' +
    '  <li><a href="/gude">Typo</a><p>Broken.</p></li>\n' +
    '</ul>\n',
  'title: Home\ndescription: The start.',
);
const GUIDE = '---\ntitle: The Guide\ndescription: How to.\n---\n## Intro\n\nText.\n';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription: { href: string };
}
interface Recorded {
  ok: boolean;
  error?: string;
  nvim: string;
  uri: string;
  steps: {
    diagnostics: Diagnostic[];
    vimDiagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; message: string; severity: number }[];
    hover: { contents: { kind: string; value: string }; range: Range };
    definition: { uri: string; range: Range } | { uri: string; range: Range }[];
    links: { range: Range; target: string; tooltip: string }[];
    completion: string[];
    symbols: string[];
    quickFix: { titles: string[]; version: number; after: Diagnostic[]; text: string };
    fixAll: { title: string; kind: string; after: Diagnostic[]; text: string };
    typed: { version: number; after: Diagnostic[] };
    stopped: boolean;
  };
}

function neovim(): { version: string } | { missing: string } {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { missing: r.error?.message ?? `exit ${r.status}` };
  return { version: r.stdout.split('\n')[0] ?? '' };
}

/**
 * Writes `files` into a fresh temp folder's workspace, runs client.lua in headless Neovim on `page`
 * and returns what it recorded, with the workspace folder. The caller removes `dir`.
 */
function runNeovim(files: Readonly<Record<string, string | Uint8Array>>, page: string, steps: 'all' | 'diagnostics'): { dir: string; recorded: Recorded } {
  buildServer();
  const dir = mkdtempSync(join(tmpdir(), 'topic-pages-nvim-'));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'ws', p)), { recursive: true });
    writeFileSync(join(dir, 'ws', p), t);
  }
  mkdirSync(join(dir, 'cache'));
  const out = join(dir, 'out.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'neovim', 'client.lua')}`], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TP_ROOT: join(dir, 'ws'), TP_PAGE: page, TP_NODE: process.execPath, TP_SERVER: join(repo, 'dist', 'server.js'), TP_CACHE: join(dir, 'cache'), TP_OUT: out, TP_STEPS: steps },
  });
  assert.equal(run.status, 0, `nvim exited ${run.status} ${run.signal ?? ''}: ${run.stderr}${run.stdout}`);
  const recorded = JSON.parse(readFileSync(out, 'utf8')) as Recorded;
  assert.equal(recorded.error ?? null, null);
  assert.equal(recorded.ok, true);
  for (const [name, value] of Object.entries(recorded.steps)) {
    assert.ok(!(typeof value === 'object' && value !== null && 'error' in value), `${name}: ${JSON.stringify(value)}`);
  }
  return { dir, recorded };
}

const found = neovim();
const required = process.env['TOPIC_PAGES_REQUIRE_NEOVIM'] === '1';
const skip = 'missing' in found && !required ? `nvim is not installed (${found.missing}); apt-get install neovim to run this test` : undefined;

describe('the language server in Neovim', { skip }, () => {
  let dir: string;
  let recorded: Recorded;
  const doc = TextDocument.create('x', 'markdown', 0, INDEX);
  /** The range of `needle` in the page, or of its first `length` characters from `skip` on. */
  const rangeOf = (needle: string, skip = 0, length = needle.length - skip): Range => {
    const at = INDEX.indexOf(needle);
    assert.ok(at >= 0, needle);
    return { start: doc.positionAt(at + skip), end: doc.positionAt(at + skip + length) };
  };
  const ruleDoc = (id: string): string => pathToFileURL(join(repo, 'docs', 'rules', `${id}.md`)).href;

  before(() => {
    assert.ok(!('missing' in found), `TOPIC_PAGES_REQUIRE_NEOVIM=1 but nvim is missing: ${'missing' in found ? found.missing : ''}`);
    ({ dir, recorded } = runNeovim({ 'articles/index.md': INDEX, 'articles/guide.md': GUIDE }, 'articles/index.md', 'all'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes exact diagnostics, which Neovim places on the right columns', () => {
    assert.equal(recorded.uri, pathToFileURL(join(dir, 'ws', 'articles', 'index.md')).href);
    assert.deepEqual(recorded.steps.diagnostics, [
      { range: rangeOf('<a href="/guide"></a>'), severity: 1, code: 'link-text-empty', source: 'Topic Pages', message: 'Link to `/guide` has no text.', codeDescription: { href: ruleDoc('link-text-empty') } },
      { range: rangeOf('/gude'), severity: 1, code: 'link-broken', source: 'Topic Pages', message: 'No page for route `/gude`. Did you mean `/guide`?', codeDescription: { href: ruleDoc('link-broken') } },
    ]);
    assert.deepEqual(
      recorded.steps.vimDiagnostics,
      recorded.steps.diagnostics.map((d) => ({ lnum: d.range.start.line, col: d.range.start.character, end_lnum: d.range.end.line, end_col: d.range.end.character, message: d.message, severity: d.severity })),
    );
  });

  it('answers hover, definition, document links, completion and symbols', () => {
    assert.deepEqual(recorded.steps.hover, {
      contents: { kind: 'markdown', value: '**The Guide**\n\nHow to.\n\n`articles/guide.md` · route `/guide` · `#intro`' },
      range: rangeOf('/guide#intro'),
    });
    const guide = pathToFileURL(join(dir, 'ws', 'articles', 'guide.md')).href;
    const intro = TextDocument.create('g', 'markdown', 0, GUIDE).positionAt(GUIDE.indexOf('## Intro'));
    const definition = recorded.steps.definition;
    assert.deepEqual(Array.isArray(definition) ? definition : [definition], [{ uri: guide, range: { start: intro, end: intro } }]);
    // The broken href has no link: a `command:` target is for the VS Code client only.
    assert.deepEqual(
      recorded.steps.links.map((l) => [l.range, l.target]),
      [
        [rangeOf('/guide#intro'), guide],
        [rangeOf('<a href="/guide"></a>', '<a href="'.length, '/guide'.length), guide],
      ],
    );
    assert.ok(recorded.steps.completion.includes('/guide'), JSON.stringify(recorded.steps.completion));
    assert.deepEqual(recorded.steps.symbols, ['Guide', '/guide', 'Typo']);
  });

  it('applies a quick fix through Neovim: only the href changes, and the next diagnostics follow the edit', () => {
    const fix = recorded.steps.quickFix;
    assert.deepEqual(fix.titles, ['Change to /guide', 'Disable link-broken for this line']);
    // Neovim's buffer lines, joined, without the final newline.
    assert.equal(fix.text + '\n', INDEX.replace('href="/gude"', 'href="/guide"'));
    // The fixed href now repeats the empty link's: one more finding, on the fixed href.
    assert.deepEqual(
      fix.after.map((d) => [d.code, d.message, d.range]),
      [
        ['link-text-empty', 'Link to `/guide` has no text.', rangeOf('<a href="/guide"></a>')],
        ['link-duplicate', '`/guide` is already linked on line 8.', rangeOf('<a href="/gude">', '<a href="'.length, '/guide'.length)],
      ],
    );
  });

  it('follows a typed character (an incremental change) with new diagnostics for that version, then shuts down', () => {
    assert.equal(recorded.steps.typed.version, recorded.steps.quickFix.version + 1);
    // A character typed into the empty link gives it text: its finding goes, the duplicate stays.
    assert.deepEqual(
      recorded.steps.typed.after.map((d) => [d.code, d.range]),
      [['link-duplicate', rangeOf('<a href="/gude">', '<a href="'.length, '/guide'.length)]],
    );
    assert.equal(recorded.steps.stopped, true);
  });
});

describe('the language server in Neovim, on the seed page', { skip: skip ?? sharedDataMissing(SEED_FILE) }, () => {
  const PAGE = 'articles/users/index.md';
  let dir: string;

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('places each of the seed’s findings where the engine finds it, after non-ASCII text too (UTF-16 on the wire, bytes in Neovim), and applies fix all as the engine does', async () => {
    assert.ok(!('missing' in found), `TOPIC_PAGES_REQUIRE_NEOVIM=1 but nvim is missing: ${'missing' in found ? found.missing : ''}`);
    const seed = readFileSync(SEED_FILE, 'utf8');
    // The corpus's paths as stub pages, so the seed's links resolve as in the docs repository.
    const workspace = stubWorkspace({ [PAGE]: seed });
    const files = { ...workspace, 'topic-pages.json': JSON.stringify(CORPUS_CONFIG) };
    const engine = await engineFor(workspace, CORPUS_CONFIG);
    const expected = engine.check(PAGE);
    let recorded: Recorded;
    ({ dir, recorded } = runNeovim(files, PAGE, 'diagnostics'));
    const doc = TextDocument.create('s', 'markdown', 0, seed);
    const lines = seed.split('\n');
    const byteColumn = (p: Position): number => Buffer.byteLength((lines[p.line] ?? '').slice(0, p.character), 'utf8');
    const want = expected.map((f) => ({ code: f.ruleId, message: f.message, range: { start: doc.positionAt(f.range.start), end: doc.positionAt(f.range.end) } }));
    assert.deepEqual(
      recorded.steps.diagnostics.map((d) => ({ code: d.code, message: d.message, range: d.range })),
      want,
    );
    for (const rule of ['markdown-link-in-html', 'mojibake', 'link-text-empty', 'link-description-empty']) assert.ok(want.some((w) => w.code === rule), rule);
    // The mojibake `â€™` is 3 UTF-16 units and 8 bytes: Neovim's columns count bytes.
    const mojibake = want.find((w) => w.code === 'mojibake');
    assert.ok(mojibake && byteColumn(mojibake.range.end) - byteColumn(mojibake.range.start) === 8);
    // Fix all, applied by Neovim: the engine's own fix-all text, byte for byte (the mojibake's fix lands after non-ASCII text).
    const fixed = fixAll(seed, (text) => engine.check(PAGE, text)).text;
    assert.notEqual(fixed, seed);
    assert.deepEqual([recorded.steps.fixAll.title, recorded.steps.fixAll.kind], ['Fix all Topic Pages problems', 'source.fixAll.topicPages']);
    // Neovim's buffer lines, joined: the text without its final newline, if it has one (the seed has none).
    assert.equal(recorded.steps.fixAll.text, fixed.replace(/\n$/, ''));
    const after = engine.check(PAGE, fixed);
    const fixedDoc = TextDocument.create('f', 'markdown', 0, fixed);
    assert.deepEqual(
      recorded.steps.fixAll.after.map((d) => ({ code: d.code, message: d.message, range: d.range })),
      after.map((f) => ({ code: f.ruleId, message: f.message, range: { start: fixedDoc.positionAt(f.range.start), end: fixedDoc.positionAt(f.range.end) } })),
    );
    assert.ok(!recorded.steps.fixAll.after.some((d) => d.code === 'mojibake' || d.code === 'markdown-link-in-html'));
    const byPlace = (a: (string | number)[], b: (string | number)[]): number => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]);
    assert.deepEqual(
      recorded.steps.vimDiagnostics.map((d) => [d.lnum, d.col, d.end_lnum, d.end_col, d.message]).sort(byPlace),
      want.map((w) => [w.range.start.line, byteColumn(w.range.start), w.range.end.line, byteColumn(w.range.end), w.message]).sort(byPlace),
    );
  });
});

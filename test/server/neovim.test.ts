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
import { buildServer } from '../helpers/lspServer';

const repo = join(__dirname, '..', '..');

const INDEX = [
  '---',
  'classes: topic-page',
  'title: Home',
  'description: The start.',
  '---',
  '<ul class="topic-links">',
  '  <li><a href="/guide#intro">Guide</a><p>Read it.</p></li>',
  '  <li><a href="/guide"></a><p>Again.</p></li>',
  '  <li><a href="/gude">Typo</a><p>Broken.</p></li>',
  '</ul>',
  '',
].join('\n');
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
    typed: { version: number; after: Diagnostic[] };
    stopped: boolean;
  };
}

function neovim(): { version: string } | { missing: string } {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { missing: r.error?.message ?? `exit ${r.status}` };
  return { version: r.stdout.split('\n')[0] ?? '' };
}

const found = neovim();
const required = process.env['TOPIC_PAGES_REQUIRE_NEOVIM'] === '1';
const skip = 'missing' in found && !required ? `nvim is not installed (${found.missing}); apt-get install neovim to run this test` : false;

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
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'topic-pages-nvim-'));
    const files: Record<string, string> = { 'ws/articles/index.md': INDEX, 'ws/articles/guide.md': GUIDE };
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    mkdirSync(join(dir, 'cache'));
    const out = join(dir, 'out.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'neovim', 'client.lua')}`], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        TP_ROOT: join(dir, 'ws'),
        TP_PAGE: 'articles/index.md',
        TP_NODE: process.execPath,
        TP_SERVER: join(repo, 'dist', 'server.js'),
        TP_CACHE: join(dir, 'cache'),
        TP_OUT: out,
      },
    });
    assert.equal(run.status, 0, `nvim exited ${run.status} ${run.signal ?? ''}: ${run.stderr}${run.stdout}`);
    recorded = JSON.parse(readFileSync(out, 'utf8')) as Recorded;
    assert.equal(recorded.error ?? null, null);
    assert.equal(recorded.ok, true);
    for (const [name, value] of Object.entries(recorded.steps)) {
      assert.ok(!(typeof value === 'object' && value !== null && 'error' in value), `${name}: ${JSON.stringify(value)}`);
    }
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

/**
 * The language server keeps each folder's index between sessions in the cache folder its editor
 * names (`initializationOptions.cacheDirectory`), else in `$XDG_CACHE_HOME/topic-pages`, never in
 * the workspace; `null` keeps none. A second session starts from it and reports what a first would.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { decodeIndex } from '../../src/core/service/indexCache';
import { buildServer } from '../helpers/lspServer';

const repo = join(__dirname, '..', '..');

const topic = (title: string, links: string[]): string =>
  `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}.\n---\n<ul class="topic-links">\n${links.map((l) => `  <li><a href="${l}">${l.slice(1)}</a><p>More.</p></li>\n`).join('')}</ul>\n`;
const plain = (title: string): string => `---\ntitle: ${title}\ndescription: About ${title}.\n---\n# ${title}\n`;

interface TreeNode {
  readonly id: string;
  readonly label: string;
}

/** Every file under `root` with its size and modification time. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path);
      else {
        const s = statSync(join(root, path));
        out.set(path, `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  visit('');
  return out;
}

/** One session: initialize, settle, read the diagnostics and the tree's roots, shut down and exit. */
async function session(workspace: string, env: NodeJS.ProcessEnv, options: Record<string, unknown>): Promise<{ diagnostics: Map<string, string[]>; roots: string[] }> {
  const server = spawn(process.execPath, [join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  if (!server.stdout || !server.stdin) throw new Error('no stdio');
  const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const diagnostics = new Map<string, string[]>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string; message: string }[] }) => {
    diagnostics.set(p.uri.slice(pathToFileURL(workspace).href.length + 1), p.diagnostics.map((d) => `${d.code ?? ''} ${d.message}`));
  });
  conn.onRequest('workspace/configuration', () => [{}]);
  conn.listen();
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  try {
    await conn.sendRequest('initialize', { processId: process.pid, workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'docs' }], capabilities: {}, initializationOptions: options });
    await conn.sendNotification('initialized', {});
    await conn.sendRequest('topicPages/whenIdle', {});
    const roots = ((await conn.sendRequest('topicPages/tree/roots', {})) as TreeNode[]).map((n) => `${n.id} ${n.label}`);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
    return { diagnostics: new Map([...diagnostics].filter(([, d]) => d.length > 0).sort()), roots };
  } finally {
    conn.dispose();
    if (server.exitCode === null) server.kill();
  }
}

describe('the server keeps its index between sessions', () => {
  let base = '';
  let workspace = '';
  before(() => {
    buildServer();
    base = mkdtempSync(join(tmpdir(), 'topic-pages-index-cache-'));
    workspace = join(base, 'workspace');
    const files: Record<string, string> = {
      'articles/index.md': topic('Home', ['/guide', '/missing']),
      'articles/guide/index.md': topic('Guide', ['/guide/start']),
      'articles/guide/start.md': plain('Start'),
    };
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(workspace, p)), { recursive: true });
      writeFileSync(join(workspace, p), t);
    }
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('writes it in the folder the editor names, only there, and starts the next session from it', async () => {
    const cache = join(base, 'editor-storage');
    const xdg = join(base, 'xdg');
    const before = snapshot(workspace);
    const first = await session(workspace, { XDG_CACHE_HOME: xdg }, { cacheDirectory: cache });
    assert.deepEqual(snapshot(workspace), before, 'nothing written in the workspace');
    assert.throws(() => readdirSync(xdg), /ENOENT/, 'nothing written in the user cache folder');
    // The index, and the tree's roots beside it (src/core/service/keptRoots.ts), named by the folder.
    const files = readdirSync(cache).sort();
    assert.equal(files.length, 2, `two files: ${files.join(', ')}`);
    assert.match(files[0] ?? '', /^index-[0-9a-f]{16}\.json$/);
    assert.equal(files[1], (files[0] ?? '').replace('index-', 'roots-'));
    const kept = decodeIndex(readFileSync(join(cache, files[0] ?? ''), 'utf8'));
    assert.deepEqual(kept?.pages.map((p) => [p.summary.path, p.summary.title]).sort(), [
      ['articles/guide/index.md', 'Guide'],
      ['articles/guide/start.md', 'Start'],
      ['articles/index.md', 'Home'],
    ]);
    assert.ok(first.diagnostics.get('articles/index.md')?.some((d) => d.startsWith('link-broken ')), JSON.stringify([...first.diagnostics]));

    // The next session, after a page changed on disk: the same report, with the change.
    const second = await session(workspace, { XDG_CACHE_HOME: xdg }, { cacheDirectory: cache });
    assert.deepEqual(second, first);
    writeFileSync(join(workspace, 'articles/guide/index.md'), topic('Guide, renamed', ['/guide/start', '/guide/gone']));
    const third = await session(workspace, { XDG_CACHE_HOME: xdg }, { cacheDirectory: cache });
    assert.ok(third.roots.length > 0);
    assert.ok(third.diagnostics.get('articles/guide/index.md')?.some((d) => d.startsWith('link-broken ') && d.includes('/guide/gone')), JSON.stringify([...third.diagnostics]));
    assert.equal(decodeIndex(readFileSync(join(cache, files[0] ?? ''), 'utf8'))?.pages.find((p) => p.summary.path === 'articles/guide/index.md')?.summary.title, 'Guide, renamed');
  });

  it('uses $XDG_CACHE_HOME/topic-pages when the editor names no folder, and keeps nothing when told null', async () => {
    const xdg = join(base, 'xdg-default');
    await session(workspace, { XDG_CACHE_HOME: xdg }, {});
    assert.deepEqual(readdirSync(join(xdg, 'topic-pages')).filter((f) => f.endsWith('.json')).length, 2);
    const none = join(base, 'xdg-none');
    await session(workspace, { XDG_CACHE_HOME: none }, { cacheDirectory: null });
    assert.throws(() => readdirSync(none), /ENOENT/);
  });

  it('kept inside the workspace, its own writes are no change to react to (no write loop)', async () => {
    const cache = join(workspace, '.topic-pages-cache');
    // Written as soon as it changes (not at most every 30 s): a loop would show within the test.
    const server = spawn(process.execPath, [join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TOPIC_PAGES_INDEX_SAVE_MS: '0' } });
    if (!server.stdout || !server.stdin) throw new Error('no stdio');
    const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    conn.listen();
    const indexMtime = (): number => {
      const file = readdirSync(cache).find((f) => f.endsWith('.json'));
      return file ? statSync(join(cache, file)).mtimeMs : 0;
    };
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    try {
      // No file watching in the client's capabilities: the server watches the folder itself.
      await conn.sendRequest('initialize', { processId: process.pid, workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'docs' }], capabilities: {}, initializationOptions: { cacheDirectory: cache } });
      await conn.sendNotification('initialized', {});
      await conn.sendRequest('topicPages/whenIdle', {});
      await sleep(1000);
      writeFileSync(join(workspace, 'articles/guide/start.md'), plain('Start, changed'));
      await sleep(1500);
      await conn.sendRequest('topicPages/whenIdle', {});
      const first = indexMtime();
      assert.ok(first > 0, 'the index is kept in the folder inside the workspace');
      const file = readdirSync(cache).find((f) => f.endsWith('.json')) ?? '';
      assert.equal(decodeIndex(readFileSync(join(cache, file), 'utf8'))?.pages.find((p) => p.summary.path === 'articles/guide/start.md')?.summary.title, 'Start, changed', 'written again after the change');
      await sleep(2000);
      assert.equal(indexMtime(), first, 'written once after the change, not again and again');
    } finally {
      conn.dispose();
      server.kill();
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

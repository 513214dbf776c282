// The workspace boundary on a real disk: nothing whose real path lies outside the workspace
// root is listed, read or written, whatever symbolic links the workspace holds. Every tree is
// built inside a fresh temp folder; "outside" is a sibling folder inside that same temp
// folder, never `/` or a home folder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { run } from '../../src/cli/main';
import { NodeFileHost } from '../../src/node/fileHost';
import { isWithin, RealPathGuard } from '../../src/node/realPathGuard';
import { Engine } from '../../src/core/engine';

const TOPIC = (title: string, body = ''): string => `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}\n---\n${body}`;
/** A page whose mojibake `--fix` rewrites (`â€™` back to `’`). */
const MOJIBAKE_PAGE = TOPIC('Secret', '<p>Itâ€™s outside the workspace.</p>\n');
const LEADS_OUTSIDE = 'File skipped: it is a symbolic link that leads outside the workspace; not followed.';

interface Tree {
  /** The temp folder holding everything. */
  readonly base: string;
  /** The workspace root: `base/ws`. */
  readonly ws: string;
  /** A sibling of the workspace: `base/outside`. */
  readonly outside: string;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/**
 * A workspace with links that escape by file, by folder and to the folder above it, links that
 * loop, and a sibling folder with pages `--fix` would rewrite.
 */
function hostileTree(): Tree {
  const base = mkdtempSync(join(tmpdir(), 'topic-pages-boundary-'));
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  write(outside, { 'secret.md': MOJIBAKE_PAGE, 'folder/inner.md': MOJIBAKE_PAGE, 'notes.txt': 'not a page' });
  write(ws, {
    'articles/index.md': TOPIC('Home', '<ul class="topic-links"><li><a href="/escape-file">Escaped</a><p>d</p></li></ul>\n'),
    'articles/fixable.md': TOPIC('Fixable', '<p>Itâ€™s inside.</p>\n'),
    'articles/a/page.md': TOPIC('A'),
    'articles/b/page.md': TOPIC('B'),
  });
  // Escape by file, by folder, to the folder above the workspace, and a non-page file.
  symlinkSync('../../outside/secret.md', join(ws, 'articles', 'escape-file.md'));
  symlinkSync('../../outside/folder', join(ws, 'articles', 'escape-dir'));
  symlinkSync('../..', join(ws, 'articles', 'up'));
  symlinkSync('../../outside/notes.txt', join(ws, 'articles', 'notes.txt'));
  // Loops of two links: two folders linking to each other, two files linking to each other, `x → .`.
  symlinkSync('../b', join(ws, 'articles', 'a', 'to-b'));
  symlinkSync('../a', join(ws, 'articles', 'b', 'to-a'));
  symlinkSync('two.md', join(ws, 'articles', 'one.md'));
  symlinkSync('one.md', join(ws, 'articles', 'two.md'));
  symlinkSync('.', join(ws, 'articles', 'x'));
  return { base, ws, outside };
}

interface Bytes {
  readonly bytes: Buffer;
  readonly ino: number;
  readonly mtimeMs: number;
}

function snapshotOutside(outside: string): Map<string, Bytes> {
  const out = new Map<string, Bytes>();
  for (const path of ['secret.md', 'folder/inner.md', 'notes.txt']) {
    const st = statSync(join(outside, path));
    out.set(path, { bytes: readFileSync(join(outside, path)), ino: st.ino, mtimeMs: st.mtimeMs });
  }
  return out;
}

async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const saved = Object.keys(env).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, env);
  try {
    const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, stderrIsTty: false });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs the CLI bundled into `dir` (outside the workspace) in a child process. */
async function bundledCli(dir: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const outfile = join(dir, 'cli.js');
  await build({ entryPoints: [resolve(__dirname, '..', '..', 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  const r = spawnSync(process.execPath, [outfile, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly message: string }[];
}

/** `path → [ruleId: message]` from a JSON report, paths relative to the workspace root. */
function findingsByPath(stdout: string, ws: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of JSON.parse(stdout) as JsonResult[]) {
    const path = relative(ws, resolve(ws, r.filePath)).split(sep).join('/');
    out.set(path, r.messages.map((m) => `${m.ruleId ?? ''}: ${m.message}`));
  }
  return out;
}

describe('isWithin / RealPathGuard', () => {
  it('compares real paths by segments, not by string prefix', () => {
    const root = resolve(tmpdir(), 'ws');
    assert.equal(isWithin(root, root), true);
    assert.equal(isWithin(root, join(root, 'a', 'b.md')), true);
    assert.equal(isWithin(root, join(root, '..foo')), true, 'a name starting with two dots is inside');
    assert.equal(isWithin(root, resolve(root, '..', 'ws2', 'a.md')), false, 'a sibling sharing the prefix is outside');
    assert.equal(isWithin(root, resolve(root, '..')), false);
    assert.equal(isWithin(root, resolve(root, '..', 'outside', 'x.md')), false);
  });

  it('resolves links before deciding', () => {
    const t = hostileTree();
    try {
      const guard = new RealPathGuard(t.ws);
      assert.deepEqual(guard.check(join(t.ws, 'articles', 'escape-file.md')).inside, false);
      assert.deepEqual(guard.check(join(t.ws, 'articles', 'escape-dir', 'inner.md')).inside, false);
      assert.deepEqual(guard.check(join(t.ws, 'articles', 'up', 'outside', 'secret.md')).inside, false);
      const inside = guard.check(join(t.ws, 'articles', 'x', 'a', 'to-b', 'page.md'));
      assert.deepEqual(inside, { inside: true, real: join(guard.rootReal, 'articles', 'b', 'page.md') });
      assert.match((guard.check(join(t.ws, 'articles', 'one.md')) as { reason: string }).reason, /symbolic link loop/);
    } finally {
      rmSync(t.base, { recursive: true, force: true });
    }
  });
});

describe('NodeFileHost on a workspace with hostile links', () => {
  it('lists nothing behind a link that leaves, reports each such link once, and lists each folder once', async () => {
    const t = hostileTree();
    try {
      const host = new NodeFileHost(t.ws);
      const files = await host.listFiles();
      assert.deepEqual(files, ['articles/a/page.md', 'articles/b/page.md', 'articles/escape-file.md', 'articles/fixable.md', 'articles/index.md', 'articles/notes.txt']);
      assert.deepEqual(
        host.refused.map((r) => `${r.path}: ${r.reason}`),
        ['articles/escape-dir', 'articles/escape-file.md', 'articles/notes.txt', 'articles/up'].map((p) => `${p}: it is a symbolic link that leads outside the workspace; not followed`),
      );
      assert.deepEqual(
        host.listingProblems.map((p) => p.path),
        ['articles/a/to-b', 'articles/b/to-a', 'articles/one.md', 'articles/two.md', 'articles/x'],
        'each loop is reported once',
      );
      assert.match(host.listingProblems.find((p) => p.path === 'articles/x')?.reason ?? '', /symbolic link loop, or a second link to `articles`/);
      // Reading through a link that leaves is refused, whether or not it was listed.
      for (const path of ['articles/escape-file.md', 'articles/escape-dir/inner.md', 'articles/up/outside/secret.md', 'articles/notes.txt']) {
        assert.deepEqual(await host.readFile(path), { error: 'it leads outside the workspace (through a symbolic link); not followed' }, path);
      }
      assert.deepEqual(await host.readFile('../outside/secret.md'), { error: 'it leads outside the workspace (through a symbolic link); not followed' });
      const read = await host.readFile('articles/x/fixable.md');
      assert.ok('bytes' in read && Buffer.from(read.bytes).toString('utf8').includes('inside'), 'a link inside the workspace is still read');
    } finally {
      rmSync(t.base, { recursive: true, force: true });
    }
  });

  it('a link planted after listing is refused when read', async () => {
    const t = hostileTree();
    try {
      const host = new NodeFileHost(t.ws);
      await host.listFiles();
      rmSync(join(t.ws, 'articles', 'fixable.md'));
      symlinkSync('../../outside/secret.md', join(t.ws, 'articles', 'fixable.md'));
      assert.deepEqual(await host.readFile('articles/fixable.md'), { error: 'it leads outside the workspace (through a symbolic link); not followed' });
    } finally {
      rmSync(t.base, { recursive: true, force: true });
    }
  });

  it('stops listing at maxEntries and says where', async () => {
    const base = mkdtempSync(join(tmpdir(), 'topic-pages-boundary-'));
    try {
      write(base, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`articles/p${i}.md`, TOPIC(`P${i}`)])));
      const host = new NodeFileHost(base, { maxEntries: 5 });
      const files = await host.listFiles();
      // `articles` itself is the first entry.
      assert.deepEqual(files, ['articles/p0.md', 'articles/p1.md', 'articles/p2.md', 'articles/p3.md']);
      assert.deepEqual(host.refused, [
        { path: 'articles/p4.md', reason: 'listing stopped here: the workspace holds more than 5 files and folders (environment variable TOPIC_PAGES_MAX_ENTRIES), the rest is not checked' },
      ]);
      const engine = await Engine.load(host);
      assert.deepEqual(engine.check('articles/p4.md').map((f) => [f.ruleId, f.severity]), [['file-skipped', 'warning']]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('check on a workspace with hostile links', () => {
  for (const jobs of ['1', '2']) {
    it(`reports each link that leaves as one file-skipped finding, nothing behind it (--jobs ${jobs})`, async () => {
      const t = hostileTree();
      try {
        // Worker threads cannot load TypeScript: the threaded check runs the bundled CLI.
        const r = jobs === '1' ? await cli(['check', t.ws, '--format', 'json', '--jobs', jobs], t.ws) : await bundledCli(t.base, ['check', t.ws, '--format', 'json', '--jobs', jobs], t.ws);
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        const byPath = findingsByPath(r.stdout, t.ws);
        for (const path of ['articles/escape-dir', 'articles/escape-file.md', 'articles/notes.txt', 'articles/up']) {
          assert.deepEqual(byPath.get(path), [`file-skipped: ${LEADS_OUTSIDE}`], path);
        }
        assert.deepEqual([...byPath.keys()].filter((p) => !p.startsWith('articles/') || p.includes('/up/') || p.includes('escape-dir/')), [], 'nothing behind a link that leaves');
        // The link to the escaping page's route is not broken: the page exists, it is just not read.
        assert.ok(!(byPath.get('articles/index.md') ?? []).some((m) => m.startsWith('link-broken')), String(byPath.get('articles/index.md')));
        assert.match(r.stderr, /skipped articles\/x: symbolic link loop/);
        assert.equal((r.stderr.match(/skipped articles\/x:/g) ?? []).length, 1);
      } finally {
        rmSync(t.base, { recursive: true, force: true });
      }
    });
  }

  it('TOPIC_PAGES_MAX_ENTRIES stops the listing with a finding', async () => {
    const base = mkdtempSync(join(tmpdir(), 'topic-pages-boundary-'));
    try {
      write(base, Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`articles/p${i}.md`, TOPIC(`P${i}`)])));
      const r = await cli(['check', base, '--format', 'json'], base, { TOPIC_PAGES_MAX_ENTRIES: '3' });
      const byPath = findingsByPath(r.stdout, base);
      assert.deepEqual(byPath.get('articles/p2.md'), [
        'file-skipped: File skipped: listing stopped here: the workspace holds more than 3 files and folders (environment variable TOPIC_PAGES_MAX_ENTRIES), the rest is not checked.',
      ]);
      assert.equal(byPath.has('articles/p3.md'), false);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('--fix writes nothing outside the workspace, and still fixes the pages inside', async () => {
    const t = hostileTree();
    try {
      const before = snapshotOutside(t.outside);
      const r = await cli(['check', t.ws, '--fix', '--format', 'json'], t.ws);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.deepEqual(snapshotOutside(t.outside), before, 'a file outside the workspace was written');
      assert.equal(readFileSync(join(t.ws, 'articles', 'fixable.md'), 'utf8'), TOPIC('Fixable', '<p>It’s inside.</p>\n'), 'the page inside is fixed');
      assert.ok(lstatSync(join(t.ws, 'articles', 'escape-file.md')).isSymbolicLink(), 'the link is left as it is');
    } finally {
      rmSync(t.base, { recursive: true, force: true });
    }
  });

  it('--fix refuses a page swapped for a link that leaves after it was read', async () => {
    const t = hostileTree();
    try {
      const before = snapshotOutside(t.outside);
      let stderr = '';
      // With a TTY, the CLI reports indexing progress: the last report comes after every page was read.
      const code = await run(['check', t.ws, '--fix', '--format', 'json'], {
        stdout: () => undefined,
        stderr: (text) => {
          stderr += text;
          if (/Indexing (\d+)\/\1/.test(text)) {
            rmSync(join(t.ws, 'articles', 'fixable.md'));
            symlinkSync('../../outside/secret.md', join(t.ws, 'articles', 'fixable.md'));
          }
        },
        cwd: t.ws,
        stderrIsTty: true,
      });
      assert.ok(code === 0 || code === 1, stderr);
      assert.deepEqual(snapshotOutside(t.outside), before, 'the page outside was rewritten through the swapped link');
      assert.match(stderr, /not fixing articles\/fixable\.md: it leads outside the workspace/);
      assert.ok(lstatSync(join(t.ws, 'articles', 'fixable.md')).isSymbolicLink());
    } finally {
      rmSync(t.base, { recursive: true, force: true });
    }
  });
});

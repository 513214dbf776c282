// `topic-pages check --fix` on copies of the example workspace: it writes only files that
// changed, atomically (temp file + rename), keeps line endings and BOM, leaves a file
// untouched when its fixes cannot be applied, and a second run changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, symlinkSync, lstatSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import * as edits from '../../src/core/edits';
import type { Finding } from '../../src/core/types';

const EXAMPLES = resolve(__dirname, '..', '..', 'examples', 'docs');

// The CLI is loaded after wrapping fixAll, so one test can make fixing a file fail.
const editsPath = require.resolve('../../src/core/edits');
let failFixOf: ((text: string) => Error | undefined) | undefined;
const cached = require.cache[editsPath];
if (cached) {
  cached.exports = {
    ...edits,
    fixAll(text: string, check: (text: string) => readonly Finding[], maxPasses?: number) {
      const error = failFixOf?.(text);
      if (error) throw error;
      return edits.fixAll(text, check, maxPasses);
    },
  };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run } = require('../../src/cli/main') as typeof import('../../src/cli/main');

interface Snapshot {
  readonly bytes: Buffer;
  readonly ino: bigint;
  readonly mtimeNs: bigint;
  readonly mode: bigint;
}

function copyExamples(): string {
  const dir = mkdtempSync(join(tmpdir(), 'topic-pages-fix-'));
  cpSync(EXAMPLES, dir, { recursive: true });
  return dir;
}

function listAll(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (lstatSync(full).isDirectory()) visit(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

function snapshot(dir: string): Map<string, Snapshot> {
  const out = new Map<string, Snapshot>();
  for (const path of listAll(dir)) {
    const full = join(dir, path);
    const st = lstatSync(full, { bigint: true });
    out.set(path, { bytes: st.isSymbolicLink() ? Buffer.from('') : readFileSync(full), ino: st.ino, mtimeNs: st.mtimeNs, mode: st.mode });
  }
  return out;
}

async function fix(dir: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['check', dir, '--fix', '--format', 'json', ...extra], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, stderrIsTty: false });
  return { code, stdout, stderr };
}

async function check(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['check', dir, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, stderrIsTty: false });
  return { code, stdout, stderr };
}

/** `path → "line:column ruleId message"` lines from a JSON report, paths relative to `dir`. */
function reportFindings(stdout: string, dir: string): Map<string, string[]> {
  const report = JSON.parse(stdout) as { filePath: string; messages: { line?: number; column?: number; ruleId: string | null; message: string }[] }[];
  return new Map(report.map((r) => [relative(dir, resolve(dir, r.filePath)).split(sep).join('/'), r.messages.map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? ''} ${m.message}`)]));
}

/** Files whose bytes changed, and checks that every other file kept its inode and mtime. */
function compare(before: Map<string, Snapshot>, after: Map<string, Snapshot>): string[] {
  assert.deepEqual([...after.keys()], [...before.keys()], 'no file appeared or vanished (no temp file left behind)');
  const changed: string[] = [];
  for (const [path, b] of before) {
    const a = after.get(path);
    assert.ok(a);
    if (a.bytes.equals(b.bytes)) {
      assert.equal(a.ino, b.ino, `${path} is unchanged but was rewritten (inode)`);
      assert.equal(a.mtimeNs, b.mtimeNs, `${path} is unchanged but was rewritten (mtime)`);
    } else {
      changed.push(path);
      assert.notEqual(a.ino, b.ino, `${path} was written in place, not through a temp file and rename`);
      assert.equal(a.mode, b.mode, `${path} lost its permissions`);
    }
  }
  return changed;
}

describe('check --fix', () => {
  it('writes only the files it changes, by rename; a second run changes nothing', async () => {
    const dir = copyExamples();
    try {
      const before = snapshot(dir);
      const first = await fix(dir);
      assert.ok(first.code === 0 || first.code === 1, first.stderr);
      const afterFirst = snapshot(dir);
      const changed = compare(before, afterFirst);
      assert.ok(changed.length > 0, 'the examples have fixable defects');
      assert.ok(changed.every((p) => p.endsWith('.md')), `only pages are written: ${changed.join(', ')}`);
      // What the JSON report says about fixed files is what is on disk now: the same findings
      // as a fresh check of the fixed workspace, not those found before fixing.
      const fresh = await check(dir);
      assert.deepEqual(reportFindings(first.stdout, dir), reportFindings(fresh.stdout, dir));
      assert.ok(
        [...reportFindings(first.stdout, dir).keys()].some((p) => changed.includes(p)),
        'the report covers the fixed pages',
      );

      const second = await fix(dir);
      assert.equal(second.code, first.code);
      assert.deepEqual(compare(afterFirst, snapshot(dir)), [], 'the second run changed files: fix is not idempotent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps CRLF line endings and the BOM', async () => {
    const lf = copyExamples();
    const crlf = copyExamples();
    try {
      const pages = listAll(crlf).filter((p) => p.endsWith('.md'));
      for (const p of pages) {
        const text = readFileSync(join(crlf, p), 'utf8');
        writeFileSync(join(crlf, p), '\uFEFF' + text.replace(/\r?\n/g, '\r\n'));
      }
      await fix(lf);
      await fix(crlf);
      let changed = 0;
      for (const p of pages) {
        const fixedLf = readFileSync(join(lf, p), 'utf8');
        const fixedCrlf = readFileSync(join(crlf, p), 'utf8');
        assert.ok(fixedCrlf.startsWith('\uFEFF'), `${p} lost its BOM`);
        assert.doesNotMatch(fixedCrlf, /(^|[^\r])\n/, `${p} has a bare LF after fixing`);
        assert.equal(fixedCrlf, '\uFEFF' + fixedLf.replace(/\n/g, '\r\n'), `${p}: the CRLF copy was fixed differently`);
        if (fixedLf !== readFileSync(join(EXAMPLES, p), 'utf8')) changed++;
      }
      assert.ok(changed > 0);
    } finally {
      rmSync(lf, { recursive: true, force: true });
      rmSync(crlf, { recursive: true, force: true });
    }
  });

  it('leaves a file untouched, and says so, when applying its fixes fails; other files are fixed', async () => {
    const dir = copyExamples();
    try {
      const before = snapshot(dir);
      const victim = 'articles/users/index.md';
      const victimText = before.get(victim)?.bytes.toString('utf8');
      failFixOf = (text) => (text === victimText ? new edits.OverlappingEditsError('edit 10-20 overlaps another edit or lies outside the text') : undefined);
      let result;
      try {
        result = await fix(dir);
      } finally {
        failFixOf = undefined;
      }
      const after = snapshot(dir);
      const changed = compare(before, after);
      assert.ok(!changed.includes(victim), 'the file whose fixes failed was written');
      assert.equal(after.get(victim)?.ino, before.get(victim)?.ino);
      assert.ok(changed.length > 0, 'the other files are still fixed');
      assert.match(result.stderr, /not fixing articles\/users\/index\.md: edit 10-20 overlaps/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unexpected error while fixing one file does not stop the run', async () => {
    const dir = copyExamples();
    try {
      const before = snapshot(dir);
      const victim = 'articles/users/index.md';
      const victimText = before.get(victim)?.bytes.toString('utf8');
      failFixOf = (text) => (text === victimText ? new TypeError('boom') : undefined);
      let result;
      try {
        result = await fix(dir);
      } finally {
        failFixOf = undefined;
      }
      assert.ok(result.code === 0 || result.code === 1);
      assert.ok(!compare(before, snapshot(dir)).includes(victim));
      assert.match(result.stderr, /not fixing articles\/users\/index\.md: boom/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never writes through a symlink planted at the temp name it picks, and leaves no temp file', async () => {
    const dir = copyExamples();
    const outside = mkdtempSync(join(tmpdir(), 'topic-pages-outside-'));
    // The temp name's random part is made predictable, so the symlinks sit at the very name
    // the CLI creates next to the page.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeCrypto = require('node:crypto') as { randomBytes: (n: number) => Buffer };
    const realRandomBytes = nodeCrypto.randomBytes;
    try {
      const target = join(outside, 'precious.txt');
      writeFileSync(target, 'precious');
      const victims = ['articles/users/index.md', 'articles/billing/index.md'];
      for (const page of victims) {
        const base = page.split('/').pop() ?? '';
        symlinkSync(target, join(dir, page, '..', `.${base}.topic-pages-${process.pid}-${'ab'.repeat(6)}.tmp`));
      }
      const before = snapshot(dir);
      nodeCrypto.randomBytes = (n: number) => Buffer.alloc(n, 0xab);
      let result;
      try {
        result = await fix(dir);
      } finally {
        nodeCrypto.randomBytes = realRandomBytes;
      }
      assert.ok(result.code === 0 || result.code === 1, result.stderr);
      assert.equal(readFileSync(target, 'utf8'), 'precious', 'the file behind the planted symlink was written');
      const changed = compare(before, snapshot(dir));
      for (const page of victims) {
        assert.ok(!changed.includes(page), `${page} was replaced although its temp file could not be created`);
        assert.match(result.stderr, new RegExp(`could not write ${page.replace(/[./]/g, '\\$&')}: EEXIST`));
      }
      assert.ok(changed.length > 0, 'the other pages are still fixed');
    } finally {
      nodeCrypto.randomBytes = realRandomBytes;
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('fixes a symlinked page in its real file and keeps the link', async () => {
    const dir = copyExamples();
    try {
      const real = join(dir, 'shared-index.md');
      cpSync(join(dir, 'articles/users/index.md'), real);
      unlinkSync(join(dir, 'articles/users/index.md'));
      symlinkSync('../../shared-index.md', join(dir, 'articles/users/index.md'));
      const before = readFileSync(real, 'utf8');
      await fix(dir);
      assert.ok(lstatSync(join(dir, 'articles/users/index.md')).isSymbolicLink(), 'the symlink was replaced by a file');
      assert.notEqual(readFileSync(real, 'utf8'), before, 'the real file was fixed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a page deleted or replaced after indexing is not fixed and does not stop the run', async () => {
    const dir = copyExamples();
    try {
      const gone = 'articles/users/index.md';
      const edited = 'articles/billing/index.md';
      const editedText = '---\nclasses: topic-page\ntitle: Edited meanwhile\ndescription: Saved by someone else.\n---\n<p>Keep me.</p>\n';
      let stderr = '';
      // With a TTY, the CLI reports indexing progress: the last report comes after every page was read.
      const code = await run(['check', dir, '--fix', '--format', 'json'], {
        stdout: () => undefined,
        stderr: (t) => {
          stderr += t;
          if (/Indexing (\d+)\/\1/.test(t)) {
            rmSync(join(dir, gone));
            writeFileSync(join(dir, edited), editedText);
          }
        },
        cwd: dir,
        stderrIsTty: true,
      });
      assert.ok(code === 0 || code === 1, stderr);
      assert.ok(!listAll(dir).includes(gone), 'the deleted page was written back');
      assert.equal(readFileSync(join(dir, edited), 'utf8'), editedText, 'the page saved meanwhile lost its new text');
      assert.match(stderr, /not fixing articles\/users\/index\.md/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});


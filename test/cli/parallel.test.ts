// `check --jobs N` checks on worker threads; its report must be the one a single thread writes,
// byte for byte, in every format, with the same exit code. Workers start from the bundled CLI
// (they run its own file), so each test runs a bundle built once into a fresh temp folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import fc from 'fast-check';
import { CORPUS_DIR, sharedDataMissing } from '../helpers/corpus';
import { anyPageArb, otherArb, pathArb } from '../helpers/workspaceArbitraries';

const RUNS = Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? 60);
const REPO = resolve(__dirname, '..', '..');
const FORMATS = ['json', 'stylish', 'sarif', 'github'] as const;

let base = '';
let cliFile = '';

before(async () => {
  base = mkdtempSync(join(tmpdir(), 'topic-pages-parallel-'));
  cliFile = join(base, 'cli.js');
  await build({ entryPoints: [join(REPO, 'src', 'cli', 'main.ts')], outfile: cliFile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
});

after(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

function check(ws: string, format: string, jobs: number, extra: readonly string[] = []): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, 'check', ws, '--format', format, '--jobs', String(jobs), ...extra], { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts that `--jobs` 2 and 3 write what one thread writes, in each format. */
function assertSameAsOneThread(ws: string, formats: readonly string[] = FORMATS, extra: readonly string[] = []): void {
  for (const format of formats) {
    const one = check(ws, format, 1, extra);
    assert.ok(one.stdout.length > 0, `${format}: the report is not empty`);
    for (const jobs of [2, 3]) {
      const many = check(ws, format, jobs, extra);
      assert.equal(many.stderr, one.stderr, `${format}, --jobs ${jobs}: stderr`);
      assert.equal(many.code, one.code, `${format}, --jobs ${jobs}: exit code`);
      assert.equal(many.stdout, one.stdout, `${format}, --jobs ${jobs}: report`);
    }
  }
}

function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('check --jobs N writes what one thread writes', () => {
  it('on the bundled example workspace, in every format', () => {
    const ws = join(base, 'example');
    cpSync(join(REPO, 'examples', 'docs'), ws, { recursive: true });
    assertSameAsOneThread(ws);
    // Only some pages reported (a path argument): the workers check the others' pages for the index only.
    assertSameAsOneThread(ws, ['json'], [join(ws, 'articles', 'users')]);
  });

  it('with a --config file outside the workspace and a page .gitignore excludes, as one thread reads them', () => {
    const ws = join(base, 'configured');
    cpSync(join(REPO, 'examples', 'docs'), ws, { recursive: true });
    mkdirSync(join(ws, '.git'));
    writeFileSync(join(ws, '.gitignore'), 'articles/users/\n');
    // Severities the workspace's own topic-pages.json does not set: the workers must read this file, not that one.
    const config = join(base, 'outside.json');
    writeFileSync(config, JSON.stringify({ docsRoot: 'articles', siteBases: ['/docs'], rules: { 'link-broken': 'warning', 'link-description-empty': 'off' } }));
    const one = check(ws, 'json', 1, ['--config', config]);
    const shared = check(ws, 'json', 1);
    assert.notEqual(one.stdout, shared.stdout, 'the outside file changes the report');
    assert.ok(!one.stdout.includes('/articles/users/'), 'the .gitignore\'d folder is not reported');
    assertSameAsOneThread(ws, ['json', 'stylish'], ['--config', config]);
  });

  const corpusSkip = sharedDataMissing(join(CORPUS_DIR, 'articles'));
  it('on the corpus', { skip: corpusSkip }, () => {
    const ws = join(base, 'corpus');
    cpSync(join(CORPUS_DIR, 'articles'), join(ws, 'articles'), { recursive: true });
    writeFileSync(join(ws, 'topic-pages.json'), JSON.stringify({ docsRoot: 'articles', siteBases: ['/docs', 'https://auth0.com/docs'] }));
    assertSameAsOneThread(ws, ['json', 'stylish']);
  });

  it('on random workspaces: pages with links, fragments, include keys and other files', () => {
    const workspace = fc.record({
      pages: fc.dictionary(pathArb, anyPageArb, { minKeys: 1, maxKeys: 14 }),
      others: fc.uniqueArray(otherArb, { maxLength: 3 }),
    });
    let n = 0;
    fc.assert(
      fc.property(workspace, ({ pages, others }) => {
        const ws = join(base, `random-${n++}`);
        writeTree(ws, { ...pages, ...Object.fromEntries(others.map((o) => [o, 'not a page'])) });
        const one = check(ws, 'json', 1);
        const three = check(ws, 'json', 3);
        rmSync(ws, { recursive: true, force: true });
        assert.equal(three.code, one.code);
        assert.equal(three.stdout, one.stdout);
      }),
      { numRuns: Math.max(5, Math.round(RUNS / 4)) },
    );
  });
});

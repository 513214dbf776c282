/** `npm start` prints the check and the tree and keeps the check's exit code (a stub CLI stands in for dist/cli.js). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';

const repo = resolve(__dirname, '../..');

it('npm start runs scripts/start.mjs after the build', () => {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.equal(pkg.scripts['start'], 'npm run build --silent && node scripts/start.mjs');
});

it('start.mjs prints the check, then the tree, and exits with the check\'s code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topic-pages-start-'));
  try {
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'dist'));
    copyFileSync(join(repo, 'scripts/start.mjs'), join(dir, 'scripts/start.mjs'));
    for (const [checkCode, treeCode, expected] of [[1, 0, 1], [0, 0, 0], [0, 2, 2], [2, 0, 2]] as const) {
      writeFileSync(join(dir, 'dist/cli.js'), `console.log(process.argv.slice(2).join(' ')); process.exitCode = process.argv[2] === 'check' ? ${checkCode} : ${treeCode};\n`);
      const r = spawnSync(process.execPath, [join(dir, 'scripts/start.mjs')], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.stdout, 'check examples/docs\ntree examples/docs\n', 'both commands ran, in order');
      assert.equal(r.status, expected, `check ${checkCode}, tree ${treeCode}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

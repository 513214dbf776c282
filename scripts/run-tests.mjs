// Runs every test/**/*.test.ts file on node's own test runner through tsx.
// Node 20's runner does not discover .ts files by itself, so list them here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const skip = new Set(['harness', 'vscode', 'e2e', 'fixtures']);
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skip.has(name)) walk(path);
    } else if (name.endsWith('.test.ts')) {
      files.push(path);
    }
  }
}
for (const root of roots) {
  if (statSync(root).isDirectory()) walk(root); else files.push(root);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

// `npm start`: check the example workspace, then print its topic tree, and exit with the
// check's code (1 for the planted defects), so the findings are never hidden behind the tree.
// Usage: node scripts/start.mjs [workspace] (default examples/docs); the CLI is dist/cli.js.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const workspace = process.argv[2] ?? 'examples/docs';
const run = (command) => spawnSync(process.execPath, [cli, command, workspace], { stdio: 'inherit' });

const check = run('check');
if (check.error) throw check.error;
const tree = run('tree');
if (tree.error) throw tree.error;
// The check decides; a tree that failed (2) says so too.
const checkCode = check.status ?? 2;
process.exitCode = checkCode !== 0 ? checkCode : (tree.status ?? 2);

#!/usr/bin/env node
// `npm run test:editor`: the editor tests in a real VS Code (code-server), offline.
//   1. package the extension (npm run package -> dist/topic-pages.vsix)
//   2. install code-server, Node 24 and Chromium if needed (scripts/e2e/install-code-server.sh)
//   3. bundle and run the integration suite (test/vscode) inside the extension host
//   4. run the UI end-to-end test (test/e2e/ui.e2e.mjs) through Playwright
// Every step runs even if an earlier suite failed; exit 1 if anything failed.
// Options: --skip-install, --skip-package (reuse dist/topic-pages.vsix), --only integration|corpus|ui
// (integration runs the corpus suite too, when ../shared has the seed and the corpus).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './e2e/code-server.mjs';
import { CORPUS, SEED, prepareCorpusWorkspace, prepareWorkspace } from '../test/vscode/workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    'skip-install': { type: 'boolean', default: false },
    'skip-package': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const VSIX = path.join(repoRoot, 'dist', 'topic-pages.vsix');
const RESULTS = path.join(repoRoot, 'test-results');
const timings = [];
const failures = [];

function step(name, cmd, args, { env, fatal = false } = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = r.status === 0;
  timings.push(`${ok ? 'ok  ' : 'FAIL'} ${seconds.padStart(6)} s  ${name}${ok ? '' : ` (exit ${r.status ?? r.signal})`}`);
  if (!ok) {
    failures.push(name);
    if (fatal) finish();
  }
  return ok;
}

function finish() {
  console.log('\n=== editor tests: timings');
  for (const t of timings) console.log(`  ${t}`);
  if (failures.length > 0) {
    console.log(`\nFAILED: ${failures.join(', ')} (screenshots and logs in ${path.relative(repoRoot, RESULTS)}/)`);
    process.exit(1);
  }
  console.log('\nall editor tests passed');
  process.exit(0);
}

fs.mkdirSync(RESULTS, { recursive: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!opts['skip-package']) {
  fs.rmSync(VSIX, { force: true });
  step('package the extension', npm, ['run', 'package', '--', '--out', VSIX], { fatal: true });
}
if (!fs.existsSync(VSIX)) {
  failures.push(`no ${VSIX}`);
  finish();
}
if (!opts['skip-install']) step('install code-server', 'bash', ['scripts/e2e/install-code-server.sh'], { fatal: true });

const integration = !opts.only || opts.only === 'integration';
const corpus = integration || opts.only === 'corpus';
if ((integration || corpus) && step('bundle the integration suite', process.execPath, ['test/vscode/build.mjs'])) {
  if (integration) {
    const workspace = prepareWorkspace();
    step('integration suite (extension host)', process.execPath, [
      'scripts/e2e/run-in-code-server.mjs', '--vsix', VSIX, '--suite', 'out/test/vscode/index.js',
      '--workspace', workspace, '--results', path.join(RESULTS, 'integration-results.json'),
      '--screenshot', path.join(RESULTS, 'integration-end.png'), '--timeout', '600',
    ]);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  // The corpus suite (test/vscode/corpus) needs the real data in ../shared: skipped without it, except in CI.
  const corpusWorkspace = corpus ? prepareCorpusWorkspace() : undefined;
  if (corpusWorkspace) {
    step('integration suite on the auth0-docs corpus (extension host)', process.execPath, [
      'scripts/e2e/run-in-code-server.mjs', '--vsix', VSIX, '--suite', 'out/test/vscode/corpusIndex.js',
      '--workspace', corpusWorkspace, '--results', path.join(RESULTS, 'integration-corpus-results.json'), '--timeout', '600',
    ]);
    fs.rmSync(corpusWorkspace, { recursive: true, force: true });
  } else if (corpus && process.env.CI) {
    failures.push(`corpus suite: no seed at ${SEED} or no corpus at ${CORPUS} (required when CI is set)`);
  } else if (corpus) {
    console.log(`\n=== corpus suite skipped: no seed at ${SEED} or no corpus at ${CORPUS}`);
  }
}
if (!opts.only || opts.only === 'ui') {
  step('UI end-to-end (Playwright)', process.execPath, ['--test', '--test-reporter=spec', 'test/e2e/ui.e2e.mjs'], {
    env: { TOPIC_PAGES_VSIX: VSIX, TOPIC_PAGES_RESULTS_DIR: RESULTS },
  });
}
finish();

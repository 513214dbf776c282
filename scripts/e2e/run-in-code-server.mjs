#!/usr/bin/env node
// Run a mocha suite inside the extension host of a real VS Code (code-server).
//
//   node scripts/e2e/run-in-code-server.mjs --vsix topic-pages-0.1.0.vsix \
//     --workspace examples/docs --suite out/test/e2e/index.js \
//     [--results test-results/e2e.json] [--port 0] [--timeout 300] [--keep]
//
// --extension-dir DIR instead of --vsix runs an unpacked extension (symlinked).
// The suite is a JS file exporting run(): Promise<void> (the @vscode/test-electron
// convention: it builds a Mocha, adds files, runs it). The harness extension in
// test/harness runs it on startup and writes the results file; this script waits
// for it, prints the mocha output and exits 0 (all passed), 1 (a test failed or the
// suite threw) or 2 (timeout / could not start). Everything it started is killed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCodeServer, tail } from './code-server.mjs';

const { values: a } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'extension-dir': { type: 'string' },
    workspace: { type: 'string' },
    suite: { type: 'string' },
    results: { type: 'string', default: 'test-results/e2e-results.json' },
    port: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    screenshot: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (a.help || !a.suite || (!a.vsix && !a['extension-dir'])) {
  console.error('usage: run-in-code-server.mjs (--vsix FILE | --extension-dir DIR) --suite FILE.js '
    + '[--workspace DIR] [--results FILE] [--port N] [--timeout SECONDS] [--screenshot FILE.png] [--keep]');
  process.exit(a.help ? 0 : 2);
}

const log = (m) => console.error(`[e2e] ${m}`);
const suite = path.resolve(a.suite);
const results = path.resolve(a.results);
if (!fs.existsSync(suite)) { log(`no suite at ${suite}`); process.exit(2); }
fs.mkdirSync(path.dirname(results), { recursive: true });
fs.rmSync(results, { force: true });

let cs;
let exitCode = 2;
const tStart = Date.now();
const stop = async (signal) => {
  log(`${signal}: stopping`);
  await cs?.close({ keepFiles: true });
  process.exit(130);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

try {
  cs = await startCodeServer({
    vsix: a.vsix,
    extensionDir: a['extension-dir'],
    workspace: a.workspace,
    port: a.port,
    keep: a.keep,
    log,
    startupTimeoutMs: Number(a.timeout) * 1000,
    env: { TOPIC_PAGES_TEST_SUITE: suite, TOPIC_PAGES_TEST_RESULTS: results },
  });
  const t0 = Date.now();
  const deadline = tStart + Number(a.timeout) * 1000;
  while (!fs.existsSync(results) && Date.now() < deadline) {
    if (cs.process.exitCode !== null || cs.process.signalCode !== null) throw new Error('code-server exited');
    await sleep(250);
  }
  if (a.screenshot) {
    fs.mkdirSync(path.dirname(path.resolve(a.screenshot)), { recursive: true });
    await cs.page.screenshot({ path: a.screenshot });
    log(`screenshot: ${a.screenshot}`);
  }
  if (!fs.existsSync(results)) {
    log(`timeout: no results after ${a.timeout} s. code-server log (${cs.logFile}):\n${tail(cs.logFile, 30)}`);
    log(`extension host logs: ${path.join(cs.userDataDir, 'logs')}; browser console: ${cs.consoleLog}`);
    await cs.close({ keepFiles: true });
    process.exit(2);
  }
  const r = JSON.parse(fs.readFileSync(results, 'utf8'));
  process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
  if (r.error) log(`suite error: ${r.error}`);
  log(`${r.passed} passed, ${r.failed} failed, ${r.pending} pending; suite ${r.durationMs} ms `
    + `(results ready ${Date.now() - t0} ms after the workbench); code-server ready in ${cs.timings.serverReadyMs} ms, `
    + `workbench in ${cs.timings.workbenchMs} ms, total ${Date.now() - tStart} ms`);
  for (const f of r.failures) log(`FAILED: ${f.fullTitle}: ${f.message}`);
  exitCode = r.failed > 0 || r.error ? 1 : 0;
  if (r.passed + r.failed === 0 && !r.error) { log('no tests ran'); exitCode = 1; }
} catch (e) {
  log(`error: ${e?.stack ?? e}`);
  exitCode = 2;
} finally {
  await cs?.close({ keepFiles: a.keep || exitCode === 2 });
}
process.exit(exitCode);

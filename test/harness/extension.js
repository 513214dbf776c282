// Test harness extension: when the extension host starts with
// TOPIC_PAGES_TEST_SUITE set (path to a JS file exporting `run(): Promise<void>`,
// the @vscode/test-electron convention), it runs that suite here, inside the
// extension host, and writes a JSON report to TOPIC_PAGES_TEST_RESULTS:
//   { passed, failed, pending, failures: [{ title, fullTitle, message, stack }],
//     error, output, durationMs }
// `output` is everything the suite printed (the mocha reporter's text).
// Counts come from hooking Mocha.prototype.run of the mocha the suite itself
// loads (resolved from the suite's folder, or TOPIC_PAGES_MOCHA).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

let started = false;

function activate() {
  const suite = process.env.TOPIC_PAGES_TEST_SUITE;
  const resultsFile = process.env.TOPIC_PAGES_TEST_RESULTS;
  if (!suite || !resultsFile || started) return;
  // One run per results file: a reloaded window must not run the suite again.
  if (fs.existsSync(resultsFile)) return;
  started = true;
  // Let activate() return first so the product extension and the workbench settle.
  setTimeout(() => { runSuite(path.resolve(suite), path.resolve(resultsFile)); }, 0);
}

async function runSuite(suitePath, resultsFile) {
  const t0 = Date.now();
  const report = { passed: 0, failed: 0, pending: 0, failures: [], error: null, output: '', durationMs: 0 };
  const out = [];
  const write = (s) => { out.push(typeof s === 'string' ? s : String(s)); };

  // Capture what the suite prints. The extension host pins console.log & co. and
  // process.stdout.write with getter/no-op-setter properties (assigning them is
  // silently ignored), so swap the global console object and process.stdout/stderr
  // for capturing stand-ins during the run. Mocha's reporters print through
  // Base.consoleLog, which is replaced below.
  const origConsole = globalThis.console;
  const capConsole = Object.create(origConsole);
  for (const m of ['log', 'info', 'warn', 'error', 'debug']) {
    Object.defineProperty(capConsole, m, {
      value: (...args) => { write(util.format(...args) + '\n'); return origConsole[m](...args); },
      writable: true, configurable: true,
    });
  }
  const setGlobal = (obj, key, value) => {
    try { Object.defineProperty(obj, key, { value, writable: true, configurable: true }); } catch { /* keep */ }
  };
  const streams = {};
  for (const name of ['stdout', 'stderr']) {
    const desc = Object.getOwnPropertyDescriptor(process, name);
    const stream = process[name];
    streams[name] = desc;
    const capWrite = (chunk, ...rest) => { write(chunk); return stream.write(chunk, ...rest); };
    const proxy = new Proxy(stream, {
      get(target, key) {
        if (key === 'write') return capWrite;
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    setGlobal(process, name, proxy);
  }
  const restore = () => {
    setGlobal(globalThis, 'console', origConsole);
    for (const [name, desc] of Object.entries(streams)) {
      try { Object.defineProperty(process, name, desc); } catch { /* keep */ }
    }
  };
  setGlobal(globalThis, 'console', capConsole);

  // Hook the mocha the suite will use, to count results whatever its reporter.
  let unhook = () => {};
  try {
    const mochaPath = process.env.TOPIC_PAGES_MOCHA
      || require.resolve('mocha', { paths: [path.dirname(suitePath), process.cwd()] });
    const Mocha = require(mochaPath);
    const origRun = Mocha.prototype.run;
    const Base = Mocha.reporters && Mocha.reporters.Base;
    const origConsoleLog = Base && Base.consoleLog;
    if (Base) Base.consoleLog = (...args) => { write(util.format(...args) + '\n'); origConsole.log(...args); };
    Mocha.prototype.run = function (fn) {
      const runner = origRun.call(this, fn);
      runner.on('pass', () => { report.passed++; });
      runner.on('pending', () => { report.pending++; });
      runner.on('fail', (test, err) => {
        report.failed++;
        report.failures.push({
          title: test.title,
          fullTitle: typeof test.fullTitle === 'function' ? test.fullTitle() : test.title,
          message: err && err.message ? String(err.message) : String(err),
          stack: err && err.stack ? String(err.stack) : '',
        });
      });
      return runner;
    };
    unhook = () => { Mocha.prototype.run = origRun; if (Base) Base.consoleLog = origConsoleLog; };
  } catch (e) {
    write(`[test-harness] could not hook mocha (counts come only from run()): ${e && e.message}\n`);
  }

  try {
    const suite = require(suitePath);
    const run = suite.run || (suite.default && suite.default.run);
    if (typeof run !== 'function') throw new Error(`${suitePath} does not export run()`);
    await run();
  } catch (e) {
    report.error = e && e.stack ? String(e.stack) : String(e);
    // run() rejects with "N tests failed." in the test-electron style; that is
    // not a harness error when the failures were counted.
    if (report.failed > 0 && /tests? failed/i.test(String(e && e.message))) report.error = null;
  } finally {
    unhook();
    restore();
  }
  report.output = out.join('');
  report.durationMs = Date.now() - t0;
  // Write atomically so the driver never reads half a file.
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile + '.tmp', JSON.stringify(report, null, 2));
  fs.renameSync(resultsFile + '.tmp', resultsFile);
}

function deactivate() {}

module.exports = { activate, deactivate };

// Entry point of the integration suite (the @vscode/test-electron convention):
// run() builds a Mocha, adds every bundled test file, and rejects when a test fails.
// It runs inside the extension host, under code-server (scripts/test-editor.mjs)
// or under a downloaded VS Code (test/vscode/runTest.mjs).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type MochaType from 'mocha';

export function run(): Promise<void> {
  return runFolder('suite');
}

/** Runs every bundled `*.test.js` of `out/test/vscode/<folder>` in file-name order. */
export function runFolder(folder: string): Promise<void> {
  // mocha 12 is an ES module whose CommonJS build is lib/mocha.cjs; requiring that file
  // directly works on every Node an editor ships (the harness's require('mocha') reaches the same instance).
  const Mocha = createRequire(__filename)('mocha/lib/mocha.cjs') as typeof MochaType;
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000, slow: 5_000 });
  const grep = process.env.TOPIC_PAGES_TEST_GREP;
  if (grep) mocha.grep(grep);
  const dir = path.join(__dirname, folder);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}

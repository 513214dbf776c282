// Bundles the integration suite for the extension host: out/test/vscode/index.js
// (the run() entry point) and one file per test under out/test/vscode/suite/.
// `vscode` and mocha stay external (the editor and the repo's node_modules give them).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const out = path.join(repo, 'out', 'test', 'vscode');
fs.rmSync(out, { recursive: true, force: true });
// suite/: on the copy of examples/docs; corpus/: on the auth0-docs corpus with the seed page (corpusIndex.ts).
const tests = ['suite', 'corpus'].flatMap((folder) =>
  fs.readdirSync(path.join(here, folder)).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(here, folder, f)),
);
await build({
  entryPoints: [path.join(here, 'index.ts'), path.join(here, 'corpusIndex.ts'), ...tests],
  outbase: here,
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', 'mocha/*'],
  logLevel: 'warning',
});
console.log(`built ${tests.length} test files into ${path.relative(repo, out)}`);

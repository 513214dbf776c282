// Bundles the CLI, the language server and the extension with esbuild: one file each, CommonJS,
// `vscode` left to the editor. `--watch` rebuilds on change; `--production` minifies.
import { build, context } from 'esbuild';
import { existsSync, readFileSync, chmodSync } from 'node:fs';
import { ruleDocs } from './rule-docs.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  define: { TOPIC_PAGES_VERSION: JSON.stringify(version), TOPIC_PAGES_RULE_DOCS: JSON.stringify(ruleDocs()) },
  logLevel: 'warning',
};

const targets = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (existsSync('src/server/main.ts')) {
  targets.push({ ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } });
}
if (existsSync('src/extension/extension.ts')) {
  targets.push({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
  // The Markdown preview's plugin and the parser it needs, loaded by the extension when a preview
  // first renders (src/extension/authoring/preview.ts), not at activation.
  targets.push({ ...common, entryPoints: ['src/preview/plugin.ts'], outfile: 'dist/preview.js' });
}

// `--only=server` builds one bundle (dist/server.js), e.g. for the protocol test.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only) targets.splice(0, targets.length, ...targets.filter((t) => t.outfile === `dist/${only}.js`));

if (watch) {
  for (const t of targets) await (await context(t)).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build(t)));
  for (const t of targets) if (t.banner) chmodSync(t.outfile, 0o755);
}

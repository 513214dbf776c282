/** The CLI end to end on the bundled example workspace and on temp folders: formats, exit codes, the tree. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, repo, workspace as makeWorkspace } from '../helpers/cli';

const examples = join(repo, 'examples/docs');


const workspace = (files: Record<string, string>): string => makeWorkspace(files, 'cli');

const CLEAN = {
  'articles/index.md': '---\nclasses: topic-page\ntitle: Home\ndescription: Start here.\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>How to.</p></li>\n</ul>\n',
  'articles/guide.md': '---\ntitle: Guide\ndescription: How to.\n---\n# Guide\n',
};

test('check on the example workspace: stylish output, exit 1, every planted defect reported', async () => {
  const r = await cli(['check', 'examples/docs']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  for (const rule of ['link-broken', 'link-text-empty', 'link-description-empty', 'markdown-link-in-html', 'mojibake', 'href-empty', 'href-unsafe', 'link-fragment', 'link-relative', 'link-duplicate', 'header-title-mismatch', 'description-missing', 'include-links-malformed', 'include-missing', 'item-missing-link', 'markup-unclosed']) {
    assert.match(r.stdout, new RegExp(`  ${rule}\\n`), `${rule} missing from the report`);
  }
  assert.match(r.stdout, /examples\/docs\/articles\/users\/index\.md\n/);
  assert.match(r.stdout, /51:51 +error +No page for route `\/users\/import-exprot`\. Did you mean `\/users\/import-export`\? +link-broken/);
  assert.match(r.stdout, /✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ info\)/);
});

test('check --format json has ESLint\'s shape', async () => {
  const r = await cli(['check', examples, '--format', 'json']);
  assert.equal(r.code, 1);
  const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; warningCount: number; messages: { ruleId: string; severity: number; line: number; column: number; endLine: number; endColumn: number; message: string; fix?: { range: [number, number]; text: string } }[] }[];
  const users = results.find((x) => x.filePath.endsWith('articles/users/index.md'));
  assert.ok(users);
  const moji = users.messages.find((m) => m.ruleId === 'mojibake');
  assert.deepEqual(moji && { line: moji.line, column: moji.column, endLine: moji.endLine, endColumn: moji.endColumn, severity: moji.severity, text: moji.fix?.text }, { line: 36, column: 42, endLine: 36, endColumn: 45, severity: 1, text: '’' });
  assert.equal(users.errorCount, users.messages.filter((m) => m.severity === 2).length);
  // info findings (header-title-mismatch and link-duplicate by default) are severity-1 messages outside warningCount.
  const info = new Set(['header-title-mismatch', 'link-duplicate']);
  assert.equal(users.warningCount, users.messages.filter((m) => m.severity === 1 && !info.has(m.ruleId)).length);
  assert.ok(users.messages.some((m) => info.has(m.ruleId)), 'the example page has an info finding');
});

test('check --format sarif is SARIF 2.1.0 with rules and regions', async () => {
  const r = await cli(['check', examples, '--format', 'sarif']);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const [runEntry] = sarif.runs;
  assert.ok(runEntry);
  assert.equal(runEntry.tool.driver.name, 'topic-pages');
  for (const result of runEntry.results) assert.equal(runEntry.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
  assert.ok(runEntry.results.some((x) => x.ruleId === 'href-unsafe' && x.level === 'error'));
});

test('a clean workspace exits 0; warnings exit 1 only over --max-warnings', async () => {
  const dir = workspace(CLEAN);
  const clean = await cli(['check', dir]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.match(clean.stdout, /No problems found/);
  const warned = workspace({ ...CLEAN, 'articles/guide.md': '---\ntitle: Guide\ndescription: Itâ€™s how.\n---\n' });
  assert.equal((await cli(['check', warned])).code, 0);
  assert.equal((await cli(['check', warned, '--max-warnings', '1'])).code, 0);
  assert.equal((await cli(['check', warned, '--max-warnings', '0'])).code, 1);
});

test('usage and configuration errors exit 2 with one line naming the problem', async () => {
  const bad = await cli(['check', '--format', 'xml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^topic-pages: --format must be stylish, json, sarif or github, not 'xml'\n/);
  assert.equal((await cli(['frobnicate'])).code, 2);
  const dir = workspace({ ...CLEAN, 'topic-pages.json': '{ "rules": { "link-broken": "loud" } }' });
  const config = await cli(['check', dir]);
  assert.equal(config.code, 2);
  assert.equal(config.stderr, 'topic-pages: topic-pages.json: `rules.link-broken` must be one of `off`, `info`, `warning`, `error`\n');
  const notJson = workspace({ ...CLEAN, 'topic-pages.json': 'module.exports = {}' });
  const r = await cli(['check', notJson]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^topic-pages: topic-pages\.json: not valid JSON/);
});

test('config severities apply: a rule set to off disappears, to error fails the run', async () => {
  const files = { ...CLEAN, 'articles/guide.md': '---\ntitle: Guide\ndescription: Itâ€™s how.\n---\n' };
  assert.equal((await cli(['check', workspace({ ...files, 'topic-pages.json': '{"rules":{"mojibake":"error"}}' })])).code, 1);
  const off = await cli(['check', workspace({ ...files, 'topic-pages.json': '{"rules":{"mojibake":"off"}}' })]);
  assert.equal(off.code, 0);
  assert.doesNotMatch(off.stdout, /mojibake/);
});

test('paths and globs narrow the check to those files', async () => {
  const r = await cli(['check', '--root', 'examples/docs', 'examples/docs/articles/billing/**', '--format', 'json']);
  const files = (JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath);
  assert.ok(files.length > 0);
  assert.ok(files.every((f) => f.includes('articles/billing/')), files.join());
});

test('--fix rewrites only changed files and reports what is left', async () => {
  const dir = workspace({ ...CLEAN, 'articles/guide.md': '---\ntitle: Guide\ndescription: Itâ€™s how.\n---\n' });
  const before = readFileSync(join(dir, 'articles/index.md'), 'utf8');
  const r = await cli(['check', dir, '--fix']);
  assert.equal(r.code, 0);
  assert.equal(readFileSync(join(dir, 'articles/guide.md'), 'utf8'), '---\ntitle: Guide\ndescription: It’s how.\n---\n');
  assert.equal(readFileSync(join(dir, 'articles/index.md'), 'utf8'), before);
});

test('tree prints the hierarchy with routes, broken links and cycles marked', async () => {
  const r = await cli(['tree', 'examples/docs']);
  assert.equal(r.code, 0);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'Acme Cloud Documentation  /  (articles/index.md)');
  assert.ok(lines.includes('│  ├─ ✖ Import and Export Users  /users/import-exprot  [broken link]'), r.stdout);
  assert.ok(lines.some((l) => /↻ Users and Roles {2}\/users {2}\[cycle: links back to a page above\]$/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /Security {2}\/security {2}\[expanded above\]$/.test(l)), r.stdout);
});

test('rules lists every rule once', async () => {
  const r = await cli(['rules']);
  const ids = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.includes('link-broken') && ids.includes('mojibake'));
});

/**
 * The report formats as their consumers read them: SARIF validated against the official SARIF
 * 2.1.0 schema (test/fixtures/sarif), ESLint's JSON fed to real ESLint formatters (dev
 * dependencies, called as ESLint's `loadFormatter` calls them), GitHub workflow commands, and
 * `--output-file`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, it } from 'node:test';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { build } from 'esbuild';
import { run } from '../../src/cli/main';
import { escapeData, escapeProperty, formatGithub, rulesMeta, totals, type EslintResult } from '../../src/cli/formatters';
import { REPOSITORY_URL, ruleDocsUrl } from '../../src/core/rule';
import { DOCS_URL } from '../../src/core/features/settingsManifest';
import { allRules } from '../../src/core/rules';

const repo = resolve(__dirname, '../..');
const examples = join(repo, 'examples/docs');
const requireHere = createRequire(__filename);

async function cli(args: string[], cwd = repo): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, stderrIsTty: false });
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'topic-pages-formats-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A page with one `mojibake` warning (fixable) and one `link-broken` error, at `name`. */
const PAGE = (title: string): string =>
  `---\nclasses: topic-page\ntitle: ${title}\ndescription: Itâ€™s here.\n---\n<ul class="topic-links">\n  <li><a href="/nowhere">Nowhere</a><p>Gone.</p></li>\n</ul>\n`;
/** File names that need percent-encoding in a URI. */
const ODD = {
  'articles/with space/index.md': PAGE('Space'),
  'articles/a#b%c.md': PAGE('Hash'),
  'articles/ünï cödé.md': PAGE('Unicode'),
  'articles/x:y,z.md': PAGE('Colon'),
};

// ------------------------------------------------------------------------------------------ SARIF

interface SarifLog {
  $schema: string;
  runs: {
    tool: { driver: { informationUri: string; rules: { id: string; helpUri: string; help: { text: string; markdown: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
    }[];
  }[];
}

const schema = JSON.parse(readFileSync(join(repo, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv4({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function assertValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  assert.ok(valid, `not valid SARIF 2.1.0:\n${JSON.stringify(validateSarif.errors, null, 2)}`);
}

describe('--format sarif', () => {
  it('the schema check can fail: it rejects the shape the report used to have (relative helpUri, raw spaces in uris)', () => {
    const old = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'topic-pages', rules: [{ id: 'mojibake', helpUri: 'docs/rules/mojibake.md' }] } }, results: [{ ruleId: 'mojibake', message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'with space/a#b%c.md' } } }] }] }],
    };
    assert.equal(validateSarif(old), false);
    const paths = (validateSarif.errors ?? []).map((e) => e.instancePath);
    assert.ok(paths.some((p) => p.endsWith('/helpUri')), JSON.stringify(validateSarif.errors));
    assert.ok(paths.some((p) => p.endsWith('/artifactLocation/uri')), JSON.stringify(validateSarif.errors));
  });

  it('is valid SARIF 2.1.0 for the example workspace, with every rule documented by an absolute URL', async () => {
    const r = await cli(['check', examples, '--format', 'sarif']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as SarifLog;
    assertValidSarif(log);
    const [runEntry] = log.runs;
    assert.ok(runEntry && runEntry.results.length > 10);
    assert.equal(runEntry.columnKind, 'utf16CodeUnits');
    assert.equal(runEntry.tool.driver.informationUri, REPOSITORY_URL);
    assert.deepEqual(runEntry.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(examples).href}/` } });
    for (const rule of runEntry.tool.driver.rules) {
      // The URL names the page that exists in this repository, and help is that page.
      const prefix = `${REPOSITORY_URL}/blob/main/`;
      assert.ok(rule.helpUri.startsWith(prefix), rule.helpUri);
      const page = readFileSync(join(repo, rule.helpUri.slice(prefix.length)), 'utf8');
      assert.equal(rule.help.markdown, page);
      assert.match(page, new RegExp(`^# ${rule.id}\\n`));
    }
    for (const result of runEntry.results) {
      assert.equal(runEntry.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
      const location = result.locations[0]?.physicalLocation.artifactLocation;
      assert.equal(location?.uriBaseId, '%SRCROOT%');
      assert.match(location?.uri ?? '', /^articles\//);
      assert.match(result.partialFingerprints['primaryLocationLineHash'] ?? '', /^[0-9a-f]{16}:\d+$/);
    }
    assert.ok(runEntry.results.some((x) => x.ruleId === 'href-unsafe' && x.level === 'error'));
  });

  it('percent-encodes file names (space, #, %, :, non-ASCII) relative to %SRCROOT%; no file-system path appears', async () => {
    const dir = workspace(ODD);
    const r = await cli(['check', '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as SarifLog;
    assertValidSarif(log);
    const [runEntry] = log.runs;
    assert.ok(runEntry);
    const uris = [...new Set(runEntry.results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri))].sort();
    assert.deepEqual(uris, ['articles/a%23b%25c.md', 'articles/with%20space/index.md', 'articles/x%3Ay%2Cz.md', 'articles/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9.md'].sort());
    // Each decodes back to the file it names.
    for (const uri of uris) assert.ok(existsSync(new URL(uri ?? '', `${pathToFileURL(dir).href}/`)), uri);
    // The root appears once, as the file URI of %SRCROOT%; never as a path.
    assert.equal(r.stdout.split(dir).length - 1, 1, 'the root folder is named once (in originalUriBaseIds)');
    assert.ok(r.stdout.includes(`"uri": "${pathToFileURL(dir).href}/"`));
  });

  it('columns are UTF-16 code units: a finding after an astral character counts it as two', async () => {
    const dir = workspace({ 'articles/index.md': '---\nclasses: topic-page\ntitle: Emoji\ndescription: 😀 Itâ€™s.\n---\n' });
    const log = JSON.parse((await cli(['check', '--format', 'sarif'], dir)).stdout) as SarifLog;
    assertValidSarif(log);
    const region = log.runs[0]?.results.find((x) => x.ruleId === 'mojibake')?.locations[0]?.physicalLocation.region;
    // `description: ` is 13 code units, 😀 two more, then ` It`: `â€™` starts at code unit 18, column 19 (18 if code points).
    assert.deepEqual(region, { startLine: 4, startColumn: 19, endLine: 4, endColumn: 22 });
  });

  it('fingerprints survive lines inserted above and tell identical lines apart', async () => {
    const body = '<ul class="topic-links">\n  <li><a href="/nowhere">Nowhere</a><p>Gone.</p></li>\n  <li><a href="/nowhere">Nowhere</a><p>Gone.</p></li>\n</ul>\n';
    const head = '---\nclasses: topic-page\ntitle: T\ndescription: D.\n---\n';
    const prints = async (text: string): Promise<string[]> => {
      const log = JSON.parse((await cli(['check', '--format', 'sarif'], workspace({ 'articles/index.md': text }))).stdout) as SarifLog;
      return (log.runs[0]?.results ?? []).filter((x) => x.ruleId === 'link-broken').map((x) => x.partialFingerprints['primaryLocationLineHash'] ?? '');
    };
    const before = await prints(head + body);
    const after = await prints(head + '\nAn added paragraph.\n\n' + body);
    assert.equal(before.length, 2);
    assert.equal(new Set(before).size, 2, 'two identical lines get two fingerprints');
    assert.deepEqual(after, before);
  });

  it('the bundled CLI carries every rule page for help, with no repository next to it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'topic-pages-bundle-'));
    const { ruleDocs } = (await import(pathToFileURL(join(repo, 'scripts/rule-docs.mjs')).href)) as { ruleDocs(): Record<string, string> };
    // The options of scripts/build.mjs that matter here: the same entry point and define.
    await build({ entryPoints: [join(repo, 'src/cli/main.ts')], outfile: join(out, 'cli.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent', define: { TOPIC_PAGES_VERSION: '"9.9.9"', TOPIC_PAGES_RULE_DOCS: JSON.stringify(ruleDocs()) } });
    const dir = workspace(ODD);
    const r = spawnSync(process.execPath, [join(out, 'cli.js'), 'check', '--format', 'sarif'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as SarifLog & { runs: { tool: { driver: { version: string } } }[] };
    assertValidSarif(log);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.deepEqual(rules.map((x) => x.id), ['link-broken', 'mojibake']);
    for (const rule of rules) assert.equal(rule.help.markdown, readFileSync(join(repo, 'docs/rules', `${rule.id}.md`), 'utf8'));
    assert.equal(log.runs[0]?.tool.driver.version, '9.9.9');
  });

  it('a clean workspace is valid SARIF with no results', async () => {
    const dir = workspace({ 'articles/index.md': '---\ntitle: Home\n---\n' });
    const log = JSON.parse((await cli(['check', '--format', 'sarif'], dir)).stdout) as SarifLog;
    assertValidSarif(log);
    assert.deepEqual(log.runs[0]?.results, []);
  });
});

// ------------------------------------------------------------------------------ ESLint formatters

type Formatter = (results: EslintResult[], context: { cwd: string; rulesMeta: ReturnType<typeof rulesMeta> }) => string | Promise<string>;

const eslintBuiltIn = (name: string): string => join(dirname(requireHere.resolve('eslint')), 'cli-engine', 'formatters', `${name}.js`);

/** Formatters as ESLint's `loadFormatter` finds them: built-ins by path, the others by package name. */
const FORMATTERS: [string, string][] = [
  ['json', eslintBuiltIn('json')],
  ['json-with-metadata', eslintBuiltIn('json-with-metadata')],
  ['stylish', eslintBuiltIn('stylish')],
  ['html', eslintBuiltIn('html')],
  ['@microsoft/eslint-formatter-sarif', '@microsoft/eslint-formatter-sarif'],
  ['eslint-formatter-codeclimate', 'eslint-formatter-codeclimate'],
  ['eslint-formatter-rdjson', 'eslint-formatter-rdjson'],
  ['eslint-formatter-junit', 'eslint-formatter-junit'],
  ['eslint-formatter-checkstyle', 'eslint-formatter-checkstyle'],
  ['eslint-formatter-unix', 'eslint-formatter-unix'],
  ['eslint-formatter-compact', 'eslint-formatter-compact'],
  ['eslint-formatter-tap', 'eslint-formatter-tap'],
  ['eslint-formatter-html', 'eslint-formatter-html'],
  ['eslint-formatter-table', 'eslint-formatter-table'],
  ['eslint-formatter-jslint-xml', 'eslint-formatter-jslint-xml'],
  ['eslint-formatter-visualstudio', 'eslint-formatter-visualstudio'],
];

async function loadFormatter(specifier: string): Promise<Formatter> {
  const loaded = (await import(specifier.startsWith('/') ? pathToFileURL(specifier).href : specifier)) as { default?: unknown };
  let format: unknown = loaded.default ?? loaded;
  // A CommonJS module imported from ESM: `default` is module.exports, sometimes itself `{ default }`.
  if (typeof format === 'object' && format !== null && 'default' in format) format = (format as { default: unknown }).default;
  assert.equal(typeof format, 'function', `${specifier} exports no formatter function`);
  return format as Formatter;
}

/** eslint-formatter-html embeds the results deflated, as a list of byte values: the JSON they hold. */
function inflatedData(html: string): string {
  const bytes = /window\.EslintResults = '([\d,]+)'/.exec(html)?.[1];
  assert.ok(bytes, 'no EslintResults in the page');
  return inflateRawSync(Uint8Array.from(bytes.split(',').map(Number))).toString('utf8');
}

describe('--format json feeds real ESLint formatters', () => {
  it('has ESLint\'s LintResult shape: absolute filePath, every count, source, fixes as range + text', async () => {
    const dir = workspace(ODD);
    const r = await cli(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout) as EslintResult[];
    assert.equal(results.length, 4);
    for (const result of results) {
      assert.ok(result.filePath.startsWith(dir + '/'), result.filePath);
      assert.deepEqual(Object.keys(result).sort(), ['errorCount', 'fatalErrorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'source', 'suppressedMessages', 'usedDeprecatedRules', 'warningCount']);
      const source = readFileSync(result.filePath, 'utf8');
      assert.equal(result.source, source);
      assert.deepEqual([result.errorCount, result.warningCount, result.fixableErrorCount, result.fixableWarningCount, result.fatalErrorCount], [1, 1, 0, 1, 0]);
      const moji = result.messages.find((m) => m.ruleId === 'mojibake');
      assert.ok(moji?.fix);
      // Applying the fix as ESLint would: splice `text` into `source` at `range`.
      const fixed = source.slice(0, moji.fix.range[0]) + moji.fix.text + source.slice(moji.fix.range[1]);
      assert.equal(fixed, source.replace('â€™', '’'));
      assert.deepEqual({ line: moji.line, column: moji.column, endLine: moji.endLine, endColumn: moji.endColumn, severity: moji.severity }, { line: 4, column: 16, endLine: 4, endColumn: 19, severity: 1 });
    }
  });

  it('a file without findings has no source, as in ESLint', async () => {
    const dir = workspace({ 'articles/index.md': '---\ntitle: Home\n---\n' });
    const [result] = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as EslintResult[];
    assert.deepEqual(result, { filePath: join(dir, 'articles/index.md'), messages: [], suppressedMessages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [] });
  });

  it('one URL base for rule pages: the package\'s repository, as the editor\'s settings link them', () => {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { repository: { url: string }; homepage: string };
    assert.equal(manifest.repository.url, REPOSITORY_URL);
    assert.ok(manifest.homepage.startsWith(REPOSITORY_URL));
    assert.equal(ruleDocsUrl('mojibake'), `${DOCS_URL}mojibake.md`);
  });

  it('rulesMeta describes every rule with an absolute docs URL', () => {
    const meta = rulesMeta();
    assert.deepEqual(Object.keys(meta).sort(), allRules.map((r) => r.id).sort());
    assert.deepEqual(meta['mojibake'], { type: 'suggestion', docs: { description: allRules.find((r) => r.id === 'mojibake')?.description, url: `${REPOSITORY_URL}/blob/main/docs/rules/mojibake.md` }, fixable: 'code' });
    assert.equal(meta['link-broken']?.type, 'problem');
  });

  for (const [name, specifier] of FORMATTERS) {
    it(`${name} formats the example workspace's report and names our rules`, async () => {
      const r = await cli(['check', examples, '--format', 'json']);
      const results = JSON.parse(r.stdout) as EslintResult[];
      const format = await loadFormatter(specifier);
      const output = await format(results, { cwd: repo, rulesMeta: rulesMeta() });
      assert.equal(typeof output, 'string');
      const text = name === 'eslint-formatter-html' ? inflatedData(output) : output;
      for (const rule of ['link-broken', 'mojibake', 'href-unsafe']) assert.ok(text.includes(rule), `${name}: ${rule} missing from\n${text.slice(0, 2000)}`);
      if (name === '@microsoft/eslint-formatter-sarif') assertValidSarif(JSON.parse(output));
    });
  }
});

// ---------------------------------------------------------------------- info, github, output file

describe('info findings, --format github and --output-file', () => {
  const infoWorkspace = (): string => workspace({
    'topic-pages.json': '{ "rules": { "mojibake": "info" } }',
    'articles/index.md': '---\ntitle: Home\ndescription: Itâ€™s here.\n---\n',
  });

  it('an info finding never counts: not in JSON warningCount, not against --max-warnings, apart in the stylish summary', async () => {
    const dir = infoWorkspace();
    const [result] = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as EslintResult[];
    assert.deepEqual([result?.messages[0]?.severity, result?.warningCount, result?.errorCount], [1, 0, 0]);
    const atZero = await cli(['check', '--max-warnings', '0'], dir);
    assert.equal(atZero.code, 0);
    assert.match(atZero.stdout, /✖ 1 problem \(0 errors, 0 warnings, 1 info\)/);
    assert.deepEqual(totals([{ filePath: 'a.md', text: '', findings: [
      { ruleId: 'a', message: '', severity: 'info', range: { start: 0, end: 0 } },
      { ruleId: 'b', message: '', severity: 'warning', range: { start: 0, end: 0 }, fix: { title: 't', edits: [{ range: { start: 0, end: 0 }, newText: 'x' }] } },
      { ruleId: 'c', message: '', severity: 'error', range: { start: 0, end: 0 } },
    ] }]), { errors: 1, warnings: 1, infos: 1, fixableErrors: 0, fixableWarnings: 1 });
  });

  it('github: one workflow command per finding; info is a notice; properties and message escaped', async () => {
    const dir = infoWorkspace();
    writeFileSync(join(dir, 'articles', 'x:y,z.md'), PAGE('Colon'));
    const r = await cli(['check', '--format', 'github'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.split('\n'), [
      '::notice file=articles/index.md,line=3,col=16,endLine=3,endColumn=19,title=topic-pages(mojibake)::Mojibake `â€™`: UTF-8 text misread as Windows-1252; it should read `’`. (mojibake)',
      '::notice file=articles/x%3Ay%2Cz.md,line=4,col=16,endLine=4,endColumn=19,title=topic-pages(mojibake)::Mojibake `â€™`: UTF-8 text misread as Windows-1252; it should read `’`. (mojibake)',
      '::error file=articles/x%3Ay%2Cz.md,line=7,col=16,endLine=7,endColumn=24,title=topic-pages(link-broken)::No page for route `/nowhere`. (link-broken)',
      '',
    ]);
    // In a workflow, paths are relative to GITHUB_WORKSPACE even when the check runs in a subfolder.
    const inSub = formatGithub([{ filePath: 'index.md', text: 'x', findings: [{ ruleId: 'mojibake', message: 'm', severity: 'warning', range: { start: 0, end: 1 } }] }], { cwd: join(dir, 'articles'), githubWorkspace: dir });
    assert.equal(inSub, '::warning file=articles/index.md,line=1,col=1,endLine=1,endColumn=2,title=topic-pages(mojibake)::m (mojibake)\n');
    const outside = formatGithub([{ filePath: 'index.md', text: 'x', findings: [{ ruleId: 'mojibake', message: 'm', severity: 'info', range: { start: 0, end: 1 } }] }], { cwd: dir, githubWorkspace: join(dir, 'elsewhere') });
    assert.match(outside, /^::notice file=index\.md,/);
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('--output-file writes the report there (folders created) and prints nothing', async () => {
    const dir = infoWorkspace();
    const r = await cli(['check', '--format', 'sarif', '--output-file', 'reports/deep/topic-pages.sarif', '--max-warnings', '0'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    const log = JSON.parse(readFileSync(join(dir, 'reports/deep/topic-pages.sarif'), 'utf8')) as SarifLog;
    assertValidSarif(log);
    assert.equal(log.runs[0]?.results[0]?.level, 'note');
    const stylish = await cli(['check', '-o', join(dir, 'out.txt')], dir);
    assert.equal(stylish.stdout, '');
    assert.match(readFileSync(join(dir, 'out.txt'), 'utf8'), /^articles\/index\.md\n {2}3:16 +info +Mojibake/);
  });

  it('--output-file that cannot be written: exit 2 with the reason', async () => {
    const dir = infoWorkspace();
    writeFileSync(join(dir, 'blocker'), '');
    const r = await cli(['check', '--output-file', 'blocker/report.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^topic-pages: cannot write blocker\/report\.txt: E[A-Z]+: /);
  });
});

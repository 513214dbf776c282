/**
 * The npm package as another docs repository gets it: `npm pack` (which runs `prepare`, the
 * build) in a copy of the repository, the tarball installed into a fresh folder (dependencies
 * from the npm cache or the registry), then every `bin` run there with npx; and the GitHub
 * Action's command line and the pre-commit hook's entry run as their runners would.
 * Slow (a build and an install), well under a minute.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { FORMATS } from '../../src/cli/args';

const run = promisify(execFile);
const repo = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

/** What the package needs to build: sources, .npmignore and the files it lets in (node_modules linked, not copied). */
const SOURCES = ['package.json', '.npmignore', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'tsconfig.json', 'scripts', 'src', 'docs/rules', 'schemas', 'syntaxes', 'snippets', 'media'];

/** A small docs workspace with one planted broken link. */
const WORKSPACE: Record<string, string> = {
  'topic-pages.json': '{ "docsRoot": "articles" }\n',
  'articles/index.md': '---\nclasses: topic-page\ntitle: Home\ndescription: Start here.\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>How to.</p></li>\n  <li><a href="/gone">Gone</a><p>Not here.</p></li>\n</ul>\n',
  'articles/guide.md': '---\ntitle: Guide\ndescription: How to.\n---\n# Guide\n',
  'README.md': '# Docs\n',
};
const BROKEN = /No page for route `\/gone`\./;

let tmp = '';
let app = '';
let packed: string[] = [];

function npmEnv(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', CI: process.env['CI'] ?? '' };
}

async function sh(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the packed npm package in a fresh folder', { timeout: 180_000 }, () => {
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'topic-pages-pack-'));
    const source = join(tmp, 'source');
    for (const entry of SOURCES) if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(source, entry), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(source, 'node_modules'), 'dir');
    const pack = await sh('npm', ['pack', '--json', '--pack-destination', tmp], source);
    assert.equal(pack.code, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    packed = info.files.map((f) => f.path);
    app = join(tmp, 'docs-repo');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "docs-repo", "private": true }\n');
    const install = await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(tmp, info.filename)], app);
    assert.equal(install.code, 0, install.stderr);
    for (const [path, text] of Object.entries(WORKSPACE)) {
      mkdirSync(join(app, path, '..'), { recursive: true });
      writeFileSync(join(app, path), text);
    }
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the built CLI, the rule docs, the schemas, README and LICENSE, and no sources or tests', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'schemas/topic-pages.config.schema.json', 'docs/rules/link-broken.md']) assert.ok(packed.includes(file), `${file} is packed`);
    assert.deepEqual(packed.filter((f) => /^(src|test|examples|bench|scripts)\//.test(f) || f.endsWith('.map')), [], 'nothing but what users run and read');
    assert.ok(readdirSync(join(repo, 'docs/rules')).every((f) => packed.includes(`docs/rules/${f}`)), 'every rule page');
  });

  for (const [name, file] of Object.entries(pkg.bin)) {
    const path = file.replace(/^\.\//, '');
    it(`npx ${name} runs from the installed package`, async (t) => {
      if (!packed.includes(path)) {
        t.skip(`${path} is not in the package (not built on this branch)`);
        return;
      }
      if (name === pkg.name) {
        const version = await sh('npx', ['--no', '--', name, '--version'], app);
        assert.equal(version.stdout.trim(), pkg.version);
        const check = await sh('npx', ['--no', name, 'check'], app);
        assert.equal(check.code, 1, check.stdout + check.stderr);
        assert.match(check.stdout, BROKEN);
        assert.match(check.stdout, /articles\/index\.md\n/);
        return;
      }
      // Any other bin is the language server: it must answer an LSP initialize request over stdio.
      const server = spawn('npx', ['--no', '--', name, '--stdio'], { cwd: app, env: npmEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
      try {
        const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: `file://${app}`, capabilities: {}, workspaceFolders: null } });
        server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        const reply = await new Promise<string>((done, fail) => {
          let out = '';
          const timer = setTimeout(() => fail(new Error(`no initialize response; got ${JSON.stringify(out)}`)), 30_000);
          server.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /Content-Length: (\d+)\r\n\r\n/.exec(out);
            if (m && Buffer.byteLength(out.slice((m.index ?? 0) + m[0].length)) >= Number(m[1])) {
              clearTimeout(timer);
              done(out.slice((m.index ?? 0) + m[0].length));
            }
          });
        });
        const message = JSON.parse(reply) as { id: number; result?: { capabilities?: object } };
        assert.equal(message.id, 1);
        assert.ok(message.result?.capabilities, 'initialize result with capabilities');
      } finally {
        server.kill();
      }
    });
  }

  it('the GitHub Action: its command line, with the inputs\' defaults, as the runner runs it', async (t) => {
    interface Step { id?: string; run?: string; shell?: string; env?: Record<string, string>; uses?: string; if?: string; with?: Record<string, string> }
    const action = parseYaml(readFileSync(join(repo, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };
    assert.equal(action.runs.using, 'composite');
    const step = action.runs.steps.find((s) => s.run !== undefined);
    assert.ok(step?.run && step.shell === 'bash');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload && /inputs\.format == 'sarif'/.test(upload.if ?? '') && upload.with?.['sarif_file'] === '${{ inputs.sarif-file }}', 'SARIF is uploaded when format is sarif');

    const runWith = async (inputs: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; output: string }> => {
      const value = (expr: string): string => expr.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, key: string) => inputs[key] ?? action.inputs[key]?.default ?? '');
      const env: NodeJS.ProcessEnv = { ...npmEnv(), GITHUB_OUTPUT: join(tmp, 'github-output'), GITHUB_ACTIONS: 'true' };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = value(v);
      writeFileSync(env['GITHUB_OUTPUT'] ?? '', '');
      const script = join(tmp, 'action-step.sh');
      writeFileSync(script, value(step.run ?? ''));
      // GitHub runs a `shell: bash` step as `bash --noprofile --norc -eo pipefail {0}`.
      const r = await sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], app, env);
      return { ...r, output: readFileSync(env['GITHUB_OUTPUT'] ?? '', 'utf8') };
    };

    const format = action.inputs['format']?.default ?? '';
    assert.equal(format, 'github');
    if ((FORMATS as readonly string[]).includes(format)) {
      const r = await runWith({});
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^::error file=articles\/index\.md,line=\d+/m);
    } else {
      t.diagnostic(`--format ${format} is not in this build's formats (${FORMATS.join(', ')}): the default command line is run with --format stylish`);
      const r = await runWith({ format: 'stylish' });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, BROKEN);
    }
    const narrowed = await runWith({ format: 'stylish', paths: 'articles/guide.md', args: '--max-warnings 0' });
    assert.equal(narrowed.code, 0, narrowed.stdout + narrowed.stderr);
    const sarif = await runWith({ format: 'sarif' });
    assert.equal(sarif.code, 1, sarif.stderr);
    assert.match(sarif.output, /^sarif-file=topic-pages\.sarif$/m);
    const log = JSON.parse(readFileSync(join(app, 'topic-pages.sarif'), 'utf8')) as { runs: { results: { message: { text: string } }[] }[] };
    assert.ok(log.runs[0]?.results.some((x) => BROKEN.test(x.message.text)));
  });

  it('the pre-commit hook: its entry and the matching file names, as pre-commit runs it', async () => {
    const hooks = parseYaml(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const hook = hooks.find((h) => h.id === 'topic-pages');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    const files = new RegExp(hook.files);
    // pre-commit puts the installed package's bin folder on PATH and appends the staged files that match `files`.
    const env = { ...npmEnv(), PATH: `${join(app, 'node_modules', '.bin')}${delimiter}${process.env['PATH'] ?? ''}` };
    const [command, ...args] = hook.entry.split(/\s+/);
    assert.ok(command);
    const staged = Object.keys(WORKSPACE).filter((f) => files.test(f));
    assert.deepEqual(staged, ['articles/index.md', 'articles/guide.md', 'README.md']);
    const all = await sh(command, [...args, ...staged], app, env);
    assert.equal(all.code, 1, all.stdout + all.stderr);
    assert.match(all.stdout, BROKEN);
    assert.match(all.stderr, /README\.md: File ignored because it is not a Markdown page under the docs root "articles"\./);
    const clean = await sh(command, [...args, 'articles/guide.md'], app, env);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  });
});

/**
 * The CLI's contract with CI: it never passes by mistake. Paths that match nothing exit 2,
 * the root is found upward (checking a folder reports what a full check reports for it),
 * .gitignore is respected, --fix-dry-run shows and writes nothing, a closed stdout is quiet,
 * usage errors are one line.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { applyPatch } from 'diff';
import { CORPUS_DIR } from '../helpers/corpus';
import { cli, workspace as makeWorkspace, type CliResult } from '../helpers/cli';

const repo = resolve(__dirname, '../..');
const examples = join(repo, 'examples/docs');

type Result = CliResult;


const workspace = (files: Record<string, string>): string => makeWorkspace(files, 'contract');

const TOPIC = (title: string, links: string[] = []): string =>
  `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}.\n---\n<ul class="topic-links">\n${links.map((l) => `  <li><a href="${l}">${l}</a><p>d</p></li>\n`).join('')}</ul>\n`;
const PAGE = (title: string): string => `---\ntitle: ${title}\ndescription: d\n---\n# ${title}\n`;

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; message: string }[];
}

/** Findings as `absolute path line:col rule message`, sorted. */
function findings(r: Result, cwd: string): string[] {
  const results = JSON.parse(r.stdout) as JsonResult[];
  return results.flatMap((x) => x.messages.map((m) => `${resolve(cwd, x.filePath)} ${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
}

describe('paths that match nothing never pass', () => {
  it('a missing path, a glob matching nothing, a path outside the root: exit 2, "No files matching"', async () => {
    for (const args of [['check', 'examples/docs/articles/nope'], ['check', 'examples/docs/**/*.txt'], ['check', '--root', 'examples/docs', 'src']]) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /^topic-pages: No files matching the pattern "[^"]+" were found/, args.join(' '));
      assert.equal(r.stdout, '', 'no "No problems found" for nothing checked');
    }
  });

  it('a docsRoot that does not exist, and a workspace without pages: exit 2', async () => {
    const missing = workspace({ 'topic-pages.json': '{"docsRoot": "content"}', 'articles/a.md': PAGE('A') });
    const r = await cli(['check', missing]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^topic-pages: No files matching the docs root "content" were found: .*content does not exist \(docsRoot in topic-pages\.json\)\.\n$/);
    const empty = workspace({ 'topic-pages.json': '{}', 'notes.txt': 'x' });
    const e = await cli(['check'], empty);
    assert.equal(e.code, 2);
    assert.match(e.stderr, /^topic-pages: No files matching "\*\*\/\*\.md" were found in /);
    const named = await cli(['check', empty]);
    assert.equal(named.code, 2);
    assert.equal(named.stderr, `topic-pages: No files matching the pattern "${empty}" were found.\n`);
  });

  it('an explicit ignored file is a warning, as in ESLint; a folder whose pages are all ignored exits 2', async () => {
    const dir = workspace({ 'topic-pages.json': '{"ignore": ["articles/drafts/**"]}', 'articles/index.md': TOPIC('Home', ['/a']), 'articles/a.md': PAGE('A'), 'articles/drafts/x.md': PAGE('X') });
    const file = await cli(['check', join(dir, 'articles/drafts/x.md')]);
    assert.equal(file.code, 0);
    assert.match(file.stderr, /warning: .*articles\/drafts\/x\.md: File ignored because of a matching ignore pattern \(`ignore` in the configuration\)\./);
    const folder = await cli(['check', join(dir, 'articles/drafts')]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /All files matched by ".*articles\/drafts" are ignored\./);
  });
});

describe('the root is found upward', () => {
  it('checking a folder of the example workspace reports exactly what a full check reports for it', async () => {
    const full = findings(await cli(['check', 'examples/docs', '--format', 'json']), repo);
    const users = join(examples, 'articles/users');
    const expected = full.filter((f) => f.startsWith(users + '/'));
    assert.ok(expected.length > 0, 'the folder has findings');
    assert.deepEqual(findings(await cli(['check', 'examples/docs/articles/users', '--format', 'json']), repo), expected, 'check articles/users');
    assert.deepEqual(findings(await cli(['check', '--format', 'json'], users), users), expected, 'run from inside articles/users');
    assert.deepEqual(findings(await cli(['check', 'examples/docs/articles/users/*.md', '--format', 'json']), repo), expected, 'a glob');
    const one = join(users, 'index.md');
    assert.deepEqual(findings(await cli(['check', 'index.md', '--format', 'json'], users), users), full.filter((f) => f.startsWith(one + ' ')), 'one file from inside its folder');
  });

  it('without topic-pages.json the repository root (.git) is the root', async () => {
    const dir = workspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'articles/index.md': TOPIC('Home', ['/users/roles']), 'articles/users/index.md': TOPIC('Users', ['/users/roles', '/']), 'articles/users/roles.md': PAGE('Roles') });
    const r = await cli(['check', 'articles/users', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const inside = await cli(['check', '--format', 'json'], join(dir, 'articles/users'));
    assert.equal(inside.code, 0, 'no false link-broken: `/` and `/users/roles` resolve against the repository root');
    assert.deepEqual((JSON.parse(inside.stdout) as JsonResult[]).map((x) => relative(join(dir, 'articles/users'), x.filePath)).sort(), ['index.md', 'roles.md'], 'JSON paths are absolute, as in ESLint');
  });

  it('with neither topic-pages.json nor .git, the folder holding articles/ is the root', async () => {
    const dir = workspace({ 'articles/index.md': TOPIC('Home', ['/users']), 'articles/users/index.md': TOPIC('Users', ['/users/roles', '/']), 'articles/users/roles.md': PAGE('Roles') });
    const inside = await cli(['check', '--format', 'json'], join(dir, 'articles/users'));
    assert.equal(inside.code, 0, inside.stdout + inside.stderr);
    assert.deepEqual((JSON.parse(inside.stdout) as JsonResult[]).map((x) => relative(join(dir, 'articles/users'), x.filePath)).sort(), ['index.md', 'roles.md'], 'JSON paths are absolute, as in ESLint');
    assert.equal((await cli(['check', join(dir, 'articles/users')])).code, 0, 'named from elsewhere');
  });

  it('--config accepts a file outside the workspace; the paths inside it stay relative to the root', async () => {
    const dir = workspace({ '.git/HEAD': 'x', 'articles/index.md': TOPIC('Home', ['/old']), 'articles/new.md': PAGE('New'), 'redirects.json': '[{"from": "/old", "to": "/new"}]' });
    const elsewhere = workspace({ 'shared.json': '{"redirects": "redirects.json", "rules": {"link-broken": "warning"}}' });
    const r = await cli(['check', '--config', join(elsewhere, 'shared.json'), '--format', 'json'], join(dir, 'articles'));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r, join(dir, 'articles')), [], 'the redirect (a path relative to the root) is read');
    const up = await cli(['check', '--config', '../topic-pages.json'], join(dir, 'articles'));
    assert.equal(up.code, 2);
    assert.equal(up.stderr, 'topic-pages: ../topic-pages.json: does not exist\n');
  });

  it('the corpus: a folder check equals the full check filtered to that folder', { skip: existsSync(join(CORPUS_DIR, 'articles')) ? undefined : `corpus not found at ${CORPUS_DIR}` }, async () => {
    const full = findings(await cli(['check', '--format', 'json'], CORPUS_DIR), CORPUS_DIR);
    const users = join(CORPUS_DIR, 'articles/users');
    const expected = full.filter((f) => f.startsWith(users + '/'));
    assert.ok(expected.length > 0);
    assert.deepEqual(findings(await cli(['check', 'articles/users', '--format', 'json'], CORPUS_DIR), CORPUS_DIR), expected);
    assert.deepEqual(findings(await cli(['check', '--format', 'json'], users), users), expected, 'run from inside articles/users');
    assert.deepEqual(findings(await cli(['check', users, '--format', 'json']), repo), expected, 'named from another folder');
  });
});

describe('.gitignore', () => {
  const files = {
    '.git/HEAD': 'x',
    '.gitignore': 'build/\n*.tmp.md\n',
    'articles/index.md': TOPIC('Home', ['/a', '/generated/page']),
    'articles/a.md': PAGE('Itâ€™s A'),
    'articles/scratch.tmp.md': PAGE('Itâ€™s scratch'),
    'articles/build/b.md': PAGE('Itâ€™s B'),
    'articles/generated/.gitignore': '*\n!keep.md\n!.gitignore\n',
    'articles/generated/page.md': PAGE('Itâ€™s generated'),
    'articles/generated/keep.md': PAGE('Itâ€™s kept'),
  };
  const checked = (r: Result, dir: string): string[] => (JSON.parse(r.stdout) as JsonResult[]).map((x) => relative(dir, x.filePath)).sort();

  it('is respected by default: root and nested files, negation; ignored pages are not link targets', async () => {
    const dir = workspace(files);
    const r = await cli(['check', '--format', 'json'], dir);
    assert.deepEqual(checked(r, dir), ['articles/a.md', 'articles/generated/keep.md', 'articles/index.md']);
    const index = (JSON.parse(r.stdout) as JsonResult[]).find((x) => relative(dir, x.filePath) === 'articles/index.md');
    assert.deepEqual(index?.messages.map((m) => m.message), ['No page for route `/generated/page`.']);
  });

  it('--no-gitignore and "gitignore": false check everything', async () => {
    const dir = workspace(files);
    const all = ['articles/a.md', 'articles/build/b.md', 'articles/generated/keep.md', 'articles/generated/page.md', 'articles/index.md', 'articles/scratch.tmp.md'];
    assert.deepEqual(checked(await cli(['check', '--no-gitignore', '--format', 'json'], dir), dir), all);
    writeFileSync(join(dir, 'topic-pages.json'), '{"gitignore": false}');
    assert.deepEqual(checked(await cli(['check', '--format', 'json'], dir), dir), all);
  });

  it('applies the .gitignore files between the repository root and a workspace below it', async () => {
    const dir = workspace({ '.git/HEAD': 'x', '.gitignore': 'docs/articles/old/\n', 'docs/topic-pages.json': '{}', 'docs/articles/index.md': TOPIC('Home'), 'docs/articles/old/x.md': PAGE('X') });
    assert.deepEqual(checked(await cli(['check', '--format', 'json'], join(dir, 'docs')), join(dir, 'docs')), ['articles/index.md']);
    const named = await cli(['check', 'articles/old/x.md'], join(dir, 'docs'));
    assert.equal(named.code, 0);
    assert.match(named.stderr, /articles\/old\/x\.md: File ignored because of a matching ignore pattern \(\.gitignore\)\. Use --no-gitignore to check it\./);
  });
});

describe('--fix-dry-run', () => {
  function snapshot(dir: string): Map<string, string> {
    const out = new Map<string, string>();
    const visit = (d: string): void => {
      for (const e of readdirSync(d)) {
        const full = join(d, e);
        if (statSync(full).isDirectory()) visit(full);
        else out.set(full, readFileSync(full, 'latin1') + String(statSync(full).mtimeMs));
      }
    };
    visit(dir);
    return out;
  }

  it('prints the diff --fix would apply, writes nothing, and exits as --fix does', async () => {
    const dry = mkdtempSync(join(tmpdir(), 'topic-pages-dry-'));
    cpSync(examples, dry, { recursive: true });
    const before = snapshot(dry);
    const r = await cli(['check', '--fix-dry-run'], dry);
    assert.deepEqual(snapshot(dry), before, 'nothing written');
    assert.match(r.stdout, /^--- a\/articles\/[^\n]+\n\+\+\+ b\/articles\//);
    assert.match(r.stderr, /✖ \d+ problems/, 'the findings that would be left go to stderr');
    const outside = await cli(['check', dry, '--fix-dry-run']);
    assert.equal(outside.stdout, r.stdout, 'a workspace outside the current folder: paths relative to its root, not absolute');

    const fixed = mkdtempSync(join(tmpdir(), 'topic-pages-fixed-'));
    cpSync(examples, fixed, { recursive: true });
    const f = await cli(['check', '--fix'], fixed);
    assert.equal(r.code, f.code, 'same exit code as --fix');
    // Each file's patch, applied to the original, gives exactly what --fix wrote.
    const patches = r.stdout.split(/(?=^--- a\/)/m).filter(Boolean);
    assert.ok(patches.length >= 3, `patches for the fixable pages (${patches.length})`);
    for (const patch of patches) {
      const path = /^--- a\/(\S+)/.exec(patch)?.[1] ?? '';
      const applied = applyPatch(readFileSync(join(dry, path), 'utf8'), patch);
      assert.equal(applied, readFileSync(join(fixed, path), 'utf8'), path);
    }
    rmSync(dry, { recursive: true, force: true });
    rmSync(fixed, { recursive: true, force: true });
  });

  it('checks what would be left against every page whole: a fragment on a page checked later is found', async () => {
    const dir = workspace({
      'topic-pages.json': '{"docsRoot": "articles"}',
      // Checked first; the fix turns its Markdown link into an HTML one, whose fragment names a heading of a page checked after it.
      'articles/a/index.md': TOPIC('Home', ['/b']).replace('<p>d</p>', '<p>See [setup](/b#setup).</p>'),
      'articles/b.md': '---\ntitle: B\ndescription: d\n---\n## Setup\n\nText.\n',
    });
    const r = await cli(['check', '--fix-dry-run'], dir);
    assert.match(r.stdout, /^--- a\/articles\/a\/index\.md\n[^]*\+[^\n]*<a href="\/b#setup">setup<\/a>/, 'the Markdown link would be converted');
    assert.doesNotMatch(r.stderr, /link-fragment|No heading or id/, r.stderr);
    assert.equal(r.code, 0, r.stderr);
  });

  it('cannot be combined with --fix', async () => {
    const r = await cli(['check', '--fix', '--fix-dry-run']);
    assert.equal(r.code, 2);
  });
});

describe('output and usage', () => {
  it('usage errors print the reason and a pointer to --help, not the whole usage', async () => {
    for (const args of [['check', '--format', 'xml'], ['frobnicate'], ['check', '--max-warnings']]) {
      const r = await cli(args);
      assert.equal(r.code, 2);
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, r.stderr);
      assert.match(lines[0] ?? '', /^topic-pages: /);
      assert.equal(lines[1], 'Run with --help for usage.');
      assert.equal(r.stdout, '');
    }
  });

  it('a reader that closes the pipe early (| head -1) ends the run quietly, with the check\'s exit code', async () => {
    // Far more output than a pipe buffers (64 kB), so writes go on after the reader has gone.
    const pages: Record<string, string> = {};
    for (let i = 0; i < 200; i++) pages[`articles/p${i}.md`] = TOPIC(`P${i}`, Array.from({ length: 10 }, (_, j) => `/missing/route-${i}-${j}`));
    const dir = workspace(pages);
    // Exactly as a shell runs it: `topic-pages check … | head -1`, with pipefail to see the CLI's exit code.
    const child = spawn('bash', ['-o', 'pipefail', '-c', 'node --import tsx "$0" check "$1" | head -1', join(repo, 'src/cli/main.ts'), dir], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    assert.equal(stdout.split('\n').length, 2, 'head printed one line');
    assert.doesNotMatch(stderr, /EPIPE|Error|at /, stderr);
    assert.equal(code, 1, 'the errors still fail the run');
    rmSync(dir, { recursive: true, force: true });
  });
});

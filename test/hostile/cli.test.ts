// The CLI on hostile workspaces: symlink loops, unreadable files, bad files, bad config.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';

const TOPIC = (title: string, body = ''): string => `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}\n---\n${body}`;

function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'topic-pages-hostile-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, stderrIsTty: false });
  return { code, stdout, stderr };
}

describe('CLI: symlink loops, unreadable and bad files', () => {
  it('carries on past a symlink loop, a dangling symlink and a binary page, and says what it skipped', async () => {
    const dir = workspace({
      'articles/index.md': TOPIC('Home', '<ul class="topic-links"><li><a href="/guide">Guide</a><p>d</p></li><li><a href="/image">Image</a><p>d</p></li></ul>\n'),
      'articles/guide.md': TOPIC('Guide'),
      'articles/image.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    });
    try {
      symlinkSync('.', join(dir, 'articles', 'loop'));
      symlinkSync('..', join(dir, 'articles', 'up'));
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      symlinkSync('../../a', join(dir, 'a', 'b', 'again'));
      symlinkSync('missing.md', join(dir, 'articles', 'dangling.md'));
      symlinkSync('self.md', join(dir, 'articles', 'self.md'));
      for (const args of [['--format', 'stylish'], ['--format', 'json']]) {
        const r = await cli(['check', dir, ...args], dir);
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
        assert.match(r.stderr, /skipped articles\/loop: symbolic link loop/);
        assert.match(r.stderr, /skipped articles\/dangling\.md: no longer exists/);
        assert.match(r.stderr, /skipped articles\/self\.md: symbolic link loop/);
        assert.match(r.stderr, /skipped a\/b\/again: symbolic link loop/);
        assert.doesNotMatch(r.stderr, /internal error/);
        // The binary page is one finding; the links to it and to the guide are fine.
        assert.equal((r.stdout.match(/file-skipped/g) ?? []).length, 1, r.stdout);
        assert.doesNotMatch(r.stdout, /link-broken/);
      }
      const tree = await cli(['tree', dir], dir);
      assert.equal(tree.code, 0, tree.stderr);
      assert.match(tree.stdout, /Home/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder named like a page and an empty page do not stop the run', async () => {
    const dir = workspace({ 'articles/index.md': TOPIC('Home'), 'articles/folder.md/inner.md': TOPIC('Inner'), 'articles/empty.md': '' });
    try {
      const r = await cli(['check', dir], dir);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI: invalid config exits 2 naming the file and the reason', () => {
  const cases: [string, Record<string, string>, string[], RegExp][] = [
    ['config that is not JSON', { 'topic-pages.json': '{ docsRoot: "articles", }' }, [], /topic-pages\.json: not valid JSON/],
    ['config that is JavaScript', { 'topic-pages.json': 'module.exports = { docsRoot: "articles" }' }, [], /topic-pages\.json: not valid JSON/],
    ['config with an unknown key', { 'topic-pages.json': '{"docsRot": "articles"}' }, [], /topic-pages\.json: the file has an unknown key `docsRot`/],
    ['config with a wrong type', { 'topic-pages.json': '{"maxFileSize": "big"}' }, [], /topic-pages\.json: `maxFileSize` must be integer/],
    ['config with an unknown severity', { 'topic-pages.json': '{"rules": {"link-broken": "fatal"}}' }, [], /topic-pages\.json: `rules\.link-broken` must be one of/],
    ['config naming an unknown rule', { 'topic-pages.json': '{"rules": {"no-such-rule": "off"}}' }, [], /topic-pages\.json: `rules` names an unknown rule `no-such-rule`/],
    ['config that is binary', { 'topic-pages.json': '\u0000\u0001' }, [], /topic-pages\.json: cannot be read: it looks binary/],
    ['empty config', { 'topic-pages.json': '' }, [], /topic-pages\.json: not valid JSON/],
    ['a schema that is not JSON', { 'topic-pages.json': '{"schema": "fm.schema.json"}', 'fm.schema.json': '{ type: object' }, [], /fm\.schema\.json: not valid JSON/],
    ['a schema that is not a schema', { 'topic-pages.json': '{"schema": "fm.schema.json"}', 'fm.schema.json': '{"type": 12}' }, [], /fm\.schema\.json: not a usable JSON Schema/],
    ['a schema with an unresolvable remote $ref', { 'topic-pages.json': '{"schema": "fm.schema.json"}', 'fm.schema.json': '{"$ref": "https://evil.example/s.json"}' }, [], /fm\.schema\.json: not a usable JSON Schema: can't resolve reference/],
    ['a missing schema file', { 'topic-pages.json': '{"schema": "nope.json"}' }, [], /nope\.json: no longer exists/],
    ['a schema path outside the workspace', { 'topic-pages.json': '{"schema": "../../../etc/passwd"}' }, [], /\.\.\/\.\.\/\.\.\/etc\/passwd: outside the workspace/],
    ['redirects that are not a list', { 'topic-pages.json': '{"redirects": "r.json"}', 'r.json': '{"from": "/a"}' }, [], /r\.json: not a list of \{"from", "to"\} entries/],
    ['a --config file that does not exist', {}, ['--config', 'other.json'], /other\.json: does not exist/],
  ];
  for (const [name, files, args, reason] of cases) {
    it(name, async () => {
      const dir = workspace({ 'articles/index.md': TOPIC('Home'), ...files });
      try {
        for (const command of [['check', dir], ['check', dir, '--jobs', '2'], ['tree', dir]]) {
          const r = await cli([...command, ...args], dir);
          assert.equal(r.code, 2, `${command[0]}: exit ${r.code}\n${r.stderr}`);
          assert.match(r.stderr, reason);
          assert.equal(r.stdout, '', 'no findings are printed with a broken config');
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

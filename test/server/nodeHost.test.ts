/**
 * The server's file host on a hostile tree, built only inside a fresh temp folder: links out of
 * the workspace (to a sibling folder), link loops, a linked page inside the workspace.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { WorkspaceService } from '../../src/core/service/service';
import { NodeFileHost } from '../../src/server/nodeHost';

describe('NodeFileHost (server)', () => {
  const base = mkdtempSync(join(tmpdir(), 'topic-pages-host-'));
  const root = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'articles', 'a'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'articles', 'a', 'page.md'), '# Page\n');
  writeFileSync(join(root, 'node_modules', 'x', 'skip.md'), 'x');
  writeFileSync(join(outside, 'secret.md'), 'secret');
  symlinkSync(outside, join(root, 'articles', 'out'));
  symlinkSync(join(outside, 'secret.md'), join(root, 'articles', 'secret.md'));
  symlinkSync('.', join(root, 'articles', 'a', 'loop'));
  symlinkSync('..', join(root, 'articles', 'a', 'up'));
  symlinkSync(join(root, 'articles', 'a', 'page.md'), join(root, 'articles', 'alias.md'));
  after(() => rmSync(base, { recursive: true, force: true }));

  it('lists each real folder once, never what lies outside the root, never node_modules; refuses what leads outside as the CLI does', async () => {
    const host = new NodeFileHost(root);
    const files = await host.listFiles();
    // A linked file that leads outside is listed by name (links to its route resolve) and refused: never read.
    assert.deepEqual(files, ['articles/a/page.md', 'articles/alias.md', 'articles/secret.md']);
    const outsideReason = 'it is a symbolic link that leads outside the workspace; not followed';
    assert.deepEqual(host.refused, [
      { path: 'articles/out', reason: outsideReason },
      { path: 'articles/secret.md', reason: outsideReason },
    ]);
    assert.deepEqual(
      host.listingProblems.map((p) => p.path),
      ['articles/a/loop', 'articles/a/up'],
    );
  });

  it('gives the service a file-skipped finding for a link that leads outside, as the CLI reports it', async () => {
    const service = new WorkspaceService(new NodeFileHost(root), {}, {});
    await service.load();
    await service.whenIdle();
    assert.deepEqual(
      service.diagnostics('articles/secret.md').map((f) => `${f.ruleId}: ${f.message}`),
      ['file-skipped: File skipped: it is a symbolic link that leads outside the workspace; not followed.'],
    );
  });

  it('never reads a file whose real path leaves the root', async () => {
    const host = new NodeFileHost(root);
    const outsideReason = { error: 'it leads outside the workspace (through a symbolic link); not followed' };
    assert.deepEqual(await host.readFile('articles/secret.md'), outsideReason);
    assert.deepEqual(await host.readFile('articles/out/secret.md'), outsideReason);
    assert.deepEqual(await host.readFile('../outside/secret.md'), outsideReason);
    // The synchronous read the service uses inside its slices keeps the same boundary.
    assert.deepEqual(host.readFileSync('articles/secret.md'), outsideReason);
    assert.deepEqual(host.readFileSync('articles/nope.md'), { error: 'no longer exists' });
    const alias = await host.readFile('articles/alias.md');
    assert.ok('bytes' in alias);
    assert.equal(Buffer.from(alias.bytes).toString(), '# Page\n');
    assert.deepEqual(await host.readFile('articles/a/page.md', 3), { tooLarge: 7 });
    assert.equal(await host.isFolder('articles/a'), true);
    assert.equal(await host.isFolder('articles/out'), false);
  });

  it('lists one folder as the whole listing lists it there, or says only the listing can tell', async () => {
    const host = new NodeFileHost(root);
    const all = await host.listFiles();
    const inFolder = (folder: string): string[] => all.filter((f) => f.slice(0, Math.max(0, f.lastIndexOf('/'))) === folder);
    // A plain folder: its plain files, as the listing gives them.
    assert.deepEqual(await host.listFolder('articles/a/..'), undefined);
    // `articles/a` holds links (`loop`, `up`): only the listing can tell what it makes of them.
    assert.equal(await host.listFolder('articles/a'), undefined);
    assert.equal(await host.listFolder('articles'), undefined);
    // Reached through a link (inside or out): never listed here, never read outside.
    assert.equal(await host.listFolder('articles/out'), undefined);
    assert.equal(await host.listFolder('articles/a/loop'), undefined);
    // No such folder, a file as a folder, and what the listing never enters: nothing there.
    assert.deepEqual(await host.listFolder('articles/none'), []);
    assert.deepEqual(await host.listFolder('articles/a/page.md'), []);
    // A linked file taken as a folder: reached through a link, so only the listing can tell.
    assert.equal(await host.listFolder('articles/alias.md'), undefined);
    assert.deepEqual(await host.listFolder('node_modules/x'), []);
    assert.deepEqual(inFolder('node_modules/x'), []);
    // A folder without links answers exactly what the listing holds there.
    mkdirSync(join(root, 'articles', 'plain', 'deep'), { recursive: true });
    writeFileSync(join(root, 'articles', 'plain', 'one.md'), '# One\n');
    writeFileSync(join(root, 'articles', 'plain', 'Two.MD'), '# Two\n');
    try {
      const listed = await host.listFiles();
      const plain = listed.filter((f) => f.startsWith('articles/plain/') && !f.slice('articles/plain/'.length).includes('/'));
      assert.deepEqual([...((await host.listFolder('articles/plain')) ?? [])].sort(), plain);
      assert.deepEqual(plain, ['articles/plain/Two.MD', 'articles/plain/one.md']);
      assert.deepEqual(await host.listFolder('articles/plain/deep'), []);
    } finally {
      rmSync(join(root, 'articles', 'plain'), { recursive: true, force: true });
    }
  });
});

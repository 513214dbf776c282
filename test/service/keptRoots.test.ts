/**
 * The tree's roots kept between sessions (src/core/service/keptRoots.ts): written beside the index,
 * read back by the next session before it reads anything else, and never trusted to be well formed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeKeptRoots, encodeKeptRoots, KEPT_ROOTS_FORMAT } from '../../src/core/service/keptRoots';
import type { ServiceTreeNode } from '../../src/core/service/service';
import { exampleFiles } from '../helpers/corpus';
import { MemoryStore, StampedHost } from '../helpers/indexCacheHarness';
import { harnessFor, serviceFor } from '../helpers/serviceHarness';

const VERSION = 'test';

const folderNode: ServiceTreeNode = {
  id: 'folder:articles/guides',
  kind: 'folder',
  label: 'articles/guides',
  description: '240 topic pages · 3 problems',
  tooltip: 'Topic pages under `articles/guides`',
  icon: 'folder',
  iconColor: undefined,
  contextValue: 'topicFolder',
  hasChildren: true,
  expanded: false,
  target: undefined,
  route: undefined,
  href: undefined,
  source: undefined,
};
const pageNode: ServiceTreeNode = { ...folderNode, id: 'articles/index.md', kind: 'topic-page', label: 'Home – “é”', icon: 'book', iconColor: 'list.errorForeground', contextValue: 'topic-page target route', expanded: true, target: 'articles/index.md', route: '/' };

describe('the tree’s roots kept between sessions', () => {
  it('round-trip', () => {
    assert.deepEqual(decodeKeptRoots(encodeKeptRoots(VERSION, [folderNode, pageNode]), VERSION), [folderNode, pageNode]);
  });

  it('are refused when written by another build or format, damaged, or of the wrong shape', () => {
    const good = encodeKeptRoots(VERSION, [pageNode]);
    assert.equal(decodeKeptRoots(good, 'other'), undefined);
    assert.equal(decodeKeptRoots(good.replace(`"format":${KEPT_ROOTS_FORMAT}`, `"format":${KEPT_ROOTS_FORMAT + 1}`), VERSION), undefined);
    for (let cut = 0; cut < good.length; cut++) assert.equal(decodeKeptRoots(good.slice(0, cut), VERSION), undefined, `cut at ${cut}`);
    const shaped = (roots: unknown): string => JSON.stringify({ format: KEPT_ROOTS_FORMAT, version: VERSION, roots });
    assert.equal(decodeKeptRoots(shaped({}), VERSION), undefined);
    assert.equal(decodeKeptRoots(shaped([{ ...pageNode, kind: 'script' }]), VERSION), undefined);
    assert.equal(decodeKeptRoots(shaped([{ ...pageNode, label: 7 }]), VERSION), undefined);
    assert.equal(decodeKeptRoots(shaped([{ ...pageNode, target: null }]), VERSION), undefined);
    assert.equal(decodeKeptRoots(shaped([{ ...pageNode, expanded: 'yes' }]), VERSION), undefined);
    assert.equal(decodeKeptRoots(shaped([pageNode, null]), VERSION), undefined);
    assert.equal(decodeKeptRoots('null', VERSION), undefined);
    // A node written with a link source (not a root) comes back without it.
    assert.deepEqual(decodeKeptRoots(shaped([{ ...pageNode, source: { path: 'a.md', range: { start: 0, end: 1 } } }]), VERSION), [pageNode]);
  });

  it('never throw, whatever the file holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((roots) => JSON.stringify({ format: KEPT_ROOTS_FORMAT, version: VERSION, roots }))), (text) => {
        const got = decodeKeptRoots(text, VERSION);
        assert.ok(got === undefined || Array.isArray(got));
      }),
      { numRuns: 500 },
    );
  });

  it('are written with the index and read back by the next session before it has read anything', async () => {
    const host = new StampedHost(exampleFiles());
    const index = new MemoryStore();
    const roots = new MemoryStore();
    const first = await serviceFor(host.files, { cacheVersion: VERSION, indexStore: index, rootsStore: roots }, host);
    await first.service.whenSaved();
    const shown = first.service.treeRoots();
    assert.ok(shown.length > 0, 'the example workspace has topic pages');
    assert.equal(roots.writes, 1);

    const next = harnessFor(host.copy(), { cacheVersion: VERSION, indexStore: index, rootsStore: roots }).service;
    assert.equal(next.nothingRead, true);
    assert.deepEqual(
      await next.keptTreeRoots(),
      shown.map((n) => ({ ...n, source: undefined })),
    );
    await next.load();
    assert.equal(next.nothingRead, false);
    assert.deepEqual(next.treeRoots().map((n) => n.id), shown.map((n) => n.id));
  });

  it('that cannot be written or read are logged, and the index is kept all the same', async () => {
    const host = new StampedHost(exampleFiles());
    const index = new MemoryStore();
    const logged: string[] = [];
    const failing = { read: () => Promise.reject(new Error('EACCES: permission denied')), write: () => Promise.reject(new Error('EROFS: read-only file system')) };
    const h = await serviceFor(host.files, { cacheVersion: VERSION, indexStore: index, rootsStore: failing, log: (m) => logged.push(m) }, host);
    await h.service.whenSaved();
    assert.equal(index.writes, 1);
    assert.equal(await h.service.keptTreeRoots(), undefined);
    assert.deepEqual(logged, [
      "The topic tree's roots could not be kept for the next session: Error: EROFS: read-only file system",
      "The topic tree's roots kept from the last session could not be read: Error: EACCES: permission denied",
    ]);
  });

  it('are none when no roots store is given or it holds nothing', async () => {
    const host = new StampedHost(exampleFiles());
    const h = await serviceFor(host.files, { cacheVersion: VERSION, rootsStore: new MemoryStore() }, host);
    assert.equal(await h.service.keptTreeRoots(), undefined);
    const without = await serviceFor(host.files, { cacheVersion: VERSION }, host);
    assert.equal(await without.service.keptTreeRoots(), undefined);
  });
});

/**
 * The index kept between sessions: a second session indexes unchanged pages from it without
 * reading them (the tree and links are complete at once), reads what changed, heals what the
 * stamps missed, and ends with exactly what a session without it reports. A bad cache is ignored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_FILE } from '../../src/core/config';
import { decodeIndex, encodeIndex, INDEX_CACHE_FORMAT, MAX_CACHED_DEPTH, type CachedIndex, type CachedPage, type IndexStore } from '../../src/core/service/indexCache';
import type { WorkspaceService } from '../../src/core/service/service';
import type { OutlineItem } from '../../src/core/workspace';
import { CORPUS_CONFIG, corpusArticles, CORPUS_DIR, exampleFiles, sharedDataMissing } from '../helpers/corpus';
import { StampedHost, MemoryStore } from '../helpers/indexCacheHarness';
import { harnessFor, serviceFor, sorted, type Harness } from '../helpers/serviceHarness';
import type { MemoryFiles } from '../helpers/memoryHost';

const VERSION = { cacheVersion: 'test' };

/** The whole tree, as ids, kinds and labels (problem counts left out: they come with the checks). */
function treeShape(service: WorkspaceService): unknown[] {
  const walk = (nodes: ReturnType<WorkspaceService['treeRoots']>, depth: number): unknown[] =>
    nodes.map((n) => [n.id, n.kind, n.label, depth < 12 && n.hasChildren ? walk(service.treeChildren(n.id), depth + 1) : []]);
  return walk(service.treeRoots(), 0);
}

function pageCount(h: Harness): number {
  return h.service.index?.pageCount ?? 0;
}

/** A session over `files` with the store, settled (checked, and its index kept). */
async function startSession(files: MemoryFiles, store: IndexStore): Promise<{ h: Harness }> {
  const host = new StampedHost(files);
  const h = await serviceFor(host.files, { ...VERSION, indexStore: store }, host);
  await h.service.whenSaved();
  return { h };
}

describe('the index kept between sessions', () => {
  it('round-trips every summary field, nested outlines, and non-ASCII text', () => {
    const outline = (depth: number): OutlineItem => ({ text: `Level ${depth} – é`, href: `/l${depth}`, kind: depth % 2 ? 'html' : 'markdown', range: { start: depth, end: depth + 5 }, children: depth < 5 ? [outline(depth + 1), { text: '', href: '', kind: 'none', range: { start: 0, end: 0 }, children: [] }] : [] });
    const pages: CachedPage[] = [
      { stamp: '12:1700000000000.123', hash: 0xffffffff, summary: { path: 'articles/a/index.md', route: '/a', url: '/alias', title: 'A “quoted” \\ title', description: 'About\nA.', isTopicPage: true, anchors: new Set(['one', 'two']), outline: [outline(1)] }, links: ['r:/b', 'k:_inc'] },
      { stamp: '0:0', hash: 0, summary: { path: 'articles/_partial.md', route: undefined, url: undefined, title: undefined, heading: 'Only a heading', description: undefined, isTopicPage: false, anchors: new Set(), outline: [] }, links: [] },
    ];
    pages.push({ ...(pages[0] as CachedPage), stamp: '13:1', summary: { ...(pages[0] as CachedPage).summary, path: 'articles/b/index.md' }, checked: { deps: ['r:/a', 'f:articles/x.md', 's:/', 'n:a'], findings: [{ ruleId: 'link-broken', severity: 'error', start: 3, end: 9, message: 'No page at `/x`; did you mean “/y”?' }, { ruleId: 'mojibake', severity: 'info', start: 0, end: 0, message: '' }] } });
    const index: CachedIndex = { key: 'k', checkKey: 'c', files: ['articles/_includes/_x.ejs', 'media/a.png'], pages };
    assert.deepEqual(decodeIndex(encodeIndex(index)), index);
  });

  it('leaves out a page nested deeper than it keeps, and never throws on a damaged file', () => {
    let deep: OutlineItem = { text: 'x', href: '/x', kind: 'html', range: { start: 0, end: 1 }, children: [] };
    for (let i = 0; i < MAX_CACHED_DEPTH; i++) deep = { ...deep, children: [deep] };
    const page = (path: string, outline: OutlineItem[]): CachedPage => ({ stamp: '1:1', hash: 7, summary: { path, route: '/' + path, url: undefined, title: 'T', description: undefined, isTopicPage: true, anchors: new Set(), outline }, links: [] });
    const text = encodeIndex({ key: 'k', checkKey: 'c', files: ['a.png'], pages: [page('deep.md', [deep]), { ...page('flat.md', []), checked: { deps: ['r:/x'], findings: [{ ruleId: 'r', severity: 'warning', start: 1, end: 2, message: 'm' }] } }] });
    assert.deepEqual(decodeIndex(text)?.pages.map((p) => p.summary.path), ['flat.md']);
    // Every truncation and a sample of single-character damages: undefined or a well-formed index, never a throw.
    for (let cut = 0; cut < text.length; cut += 7) {
      const got = decodeIndex(text.slice(0, cut));
      assert.equal(got, undefined, `truncated at ${cut}`);
    }
    for (let at = 0; at < text.length; at += 3) {
      for (const ch of ['"', '1', ']', 'x', '-', 'null']) {
        const got = decodeIndex(text.slice(0, at) + ch + text.slice(at + 1));
        if (got) for (const p of got.pages) assert.equal(typeof p.summary.path, 'string');
      }
    }
    for (const bad of ['', 'null', '[]', '{"key":1,"pages":[]}', '{"key":"k","pages":[[]]}', '{"key":"k","pages":{}}']) assert.equal(decodeIndex(bad), undefined, bad);
  });

  it('keeps the index once everything is checked, and the next session starts from it without reading unchanged pages', async () => {
    const files = exampleFiles();
    const store = new MemoryStore();
    const first = await startSession(files, store);
    assert.equal(store.writes, 1);
    const kept = decodeIndex(store.text ?? '');
    assert.ok(kept);
    const settings = first.h.service.settings?.settings;
    assert.equal(kept.key, JSON.stringify([INDEX_CACHE_FORMAT, 'test', settings?.docsRoot, settings?.siteBases]), 'the key names the format, the build, the docs root and the site bases');
    assert.equal(kept.pages.length, pageCount(first.h));
    for (const p of kept.pages) assert.deepEqual(p.summary, first.h.service.index?.summary(p.summary.path));

    // The second session: nothing read before the tree and the links are complete.
    const host = new StampedHost(files);
    const second = await sessionWatchingLoad(host, store);
    assert.equal(second.readsDuringLoad, 0, 'no page read while loading');
    assert.equal(second.readyAtLoad, true, 'indexed as soon as listed');
    assert.deepEqual(second.shapeAtLoad, treeShape(first.h.service));
    for (const path of files.keys()) assert.deepEqual(second.backlinksAtLoad.get(path), first.h.service.backlinks(path), `backlinks of ${path}`);
    // Then every page is read once (the editor places findings by its text), none is checked: the
    // same findings and problem counts, nothing written again.
    assert.equal(host.pageReads, pageCount(first.h));
    assert.equal(second.h.service.checks, 0);
    assert.deepEqual(second.h.service.status().problems, first.h.service.status().problems);
    assert.deepEqual(sorted(second.h.live), sorted(first.h.live));
    assert.ok(first.h.live.size > 0, 'the example workspace has findings to compare');
    assert.equal(store.writes, 1, 'an unchanged index is not written again');
  });

  it('reads pages changed, added or deleted since, heals an entry whose stamp missed a change, and keeps the new index', async () => {
    const files = exampleFiles();
    const pages = [...files.keys()].filter((p) => p.startsWith('articles/') && p.endsWith('.md') && /^title: /m.test(files.get(p) ?? '')).sort();
    const [changed, deleted, stale] = pages as [string, string, string];
    const store = new MemoryStore();
    await startSession(files, store);

    const host = new StampedHost(files);
    host.write(changed, (files.get(changed) ?? '').replace(/^title: .*$/m, 'title: Changed On Disk'));
    host.files.delete(deleted);
    host.write('articles/added/index.md', '---\ntitle: Added Page\ndescription: A page added between sessions.\n---\n# Added Page\n');
    // Same stamp, other text (a tool that restored the modification time): the cache is wrong until the page is read.
    const staleText = (files.get(stale) ?? '').replace(/^title: (.)/m, (_, c: string) => `title: ${c === 'Q' ? 'R' : 'Q'}`);
    assert.equal(staleText.length, (files.get(stale) ?? '').length);
    host.files.set(stale, staleText);

    const second = await sessionWatchingLoad(host, store);
    assert.equal(second.readsDuringLoad, 2, 'the changed and the added page are read while loading');
    assert.equal(second.titlesAtLoad.get(changed), 'Changed On Disk');
    assert.equal(second.titlesAtLoad.get('articles/added/index.md'), 'Added Page');
    assert.equal(second.titlesAtLoad.has(deleted), false);
    assert.equal(second.titlesAtLoad.get(stale), (files.get(stale) ?? '').match(/^title: (.*)$/m)?.[1], 'the stale entry is used at first');

    // Only what the changes can affect is checked (the stale page is re-read and healed as it changed on disk).
    assert.ok(second.h.service.checks < pageCount(second.h), `${second.h.service.checks} checks of ${pageCount(second.h)} pages`);
    // Once settled, the session equals one that never had a cache.
    const fresh = await serviceFor(host.files, VERSION);
    assert.equal(second.h.service.index?.summary(stale)?.title, staleText.match(/^title: (.*)$/m)?.[1]);
    assert.deepEqual(sorted(second.h.live), sorted(fresh.live));
    assert.deepEqual(treeShape(second.h.service), treeShape(fresh.service));
    // The kept index was written again, with the healed entry and without the deleted page.
    assert.equal(store.writes, 2);
    const kept = decodeIndex(store.text ?? '');
    assert.equal(kept?.pages.find((p) => p.summary.path === stale)?.summary.title, staleText.match(/^title: (.*)$/m)?.[1]);
    assert.equal(kept?.pages.some((p) => p.summary.path === deleted), false);
  });

  it('checks again a kept page whose broken link a page written between sessions now serves, whichever its kind', async () => {
    // A `git pull` between sessions adds the page a kept check found missing. The language server
    // indexes a page read at start-up by its front matter first (`frontMatterFirst`), its body at
    // its check: the kept check that looked the page's route up must run again all the same.
    const hub = '---\nclasses: topic-page\ntitle: Hub\ndescription: d\n---\n<ul class="topic-links">\n  <li><a href="/users/a">A</a><p>About A.</p></li>\n</ul>\n';
    const added = {
      plain: '---\ntitle: A\ndescription: d\n---\nText.\n',
      'with a list': '---\ntitle: A\ndescription: d\n---\n<ul class="topic-links">\n  <li><a href="/users/hub">Hub</a><p>Back.</p></li>\n</ul>\n',
      'topic page': '---\nclasses: topic-page\ntitle: A\ndescription: d\n---\n<ul class="topic-links">\n  <li><a href="/users/hub">Hub</a><p>Back.</p></li>\n</ul>\n',
    };
    for (const [kind, text] of Object.entries(added)) {
      const options = { ...VERSION, frontMatterFirst: true };
      const host = new StampedHost({ 'articles/users/hub.md': hub });
      const store = new MemoryStore();
      const first = await serviceFor(host.files, { ...options, indexStore: store }, host);
      await first.service.whenSaved();
      assert.deepEqual(first.live.get('articles/users/hub.md'), ['link-broken 94-102 No page for route `/users/a`.'], kind);

      const next = host.copy();
      next.write('articles/users/a.md', text);
      const second = await serviceFor(next.files, { ...options, indexStore: store }, next);
      await second.service.whenSaved();
      assert.equal(second.live.has('articles/users/hub.md'), false, `${kind}: the link is no longer broken`);
      const fresh = await serviceFor(next.files, VERSION);
      assert.deepEqual(sorted(second.live), sorted(fresh.live), kind);
    }
  });

  it('ignores a damaged, foreign or unreadable cache and replaces it with a good one', async () => {
    const files = exampleFiles();
    const good = new MemoryStore();
    const baseline = await startSession(files, good);
    const goodText = good.text ?? '';
    const otherRoot = new Map(files);
    otherRoot.set(CONFIG_FILE, JSON.stringify({ ...JSON.parse(files.get(CONFIG_FILE) ?? '{}'), docsRoot: 'elsewhere' }));
    const foreign = new MemoryStore();
    await startSession(otherRoot, foreign);
    const cases: [string, IndexStore][] = [
      ['garbage', new MemoryStore('not json at all')],
      ['truncated', new MemoryStore(goodText.slice(0, Math.floor(goodText.length / 2)))],
      ['another build', new MemoryStore(encodeIndex({ ...(decodeIndex(goodText) as CachedIndex), key: JSON.stringify([INDEX_CACHE_FORMAT, '0.0.1', 'articles', []]) }))],
      ['another format', new MemoryStore(encodeIndex({ ...(decodeIndex(goodText) as CachedIndex), key: (decodeIndex(goodText) as CachedIndex).key.replace(/^\[\d+/, `[${INDEX_CACHE_FORMAT + 1}`) }))],
      ['another docs root', new MemoryStore(foreign.text)],
    ];
    const logged: string[] = [];
    const failing: IndexStore = { read: () => Promise.reject(new Error('EACCES: permission denied')), write: () => Promise.reject(new Error('EROFS: read-only file system')) };
    cases.push(['unreadable and unwritable', failing]);
    for (const [name, store] of cases) {
      const host = new StampedHost(files);
      const s = await sessionWatchingLoad(host, store, { log: (m) => logged.push(m) });
      assert.equal(s.readsDuringLoad, pageCount(baseline.h), `${name}: every page read while loading`);
      assert.deepEqual(sorted(s.h.live), sorted(baseline.h.live), name);
      if (store instanceof MemoryStore) assert.deepEqual(decodeIndex(store.text ?? '')?.pages.length, pageCount(baseline.h), `${name}: replaced by a good one`);
    }
    assert.deepEqual(logged.map((m) => m.replace(/:.*$/, '')), ['The index kept from the last session could not be read', 'The index could not be kept for the next session']);
  });

  it('is written once everything is checked, then at most every saveIntervalMs, and at once by whenSaved', async () => {
    const files = exampleFiles();
    const path = [...files.keys()].find((p) => p.endsWith('.md') && /^title: /m.test(files.get(p) ?? '')) ?? '';
    const retitle = (host: StampedHost, title: string): void => host.write(path, (files.get(path) ?? '').replace(/^title: .*$/m, `title: ${title}`));
    const keptTitle = (store: MemoryStore): string | undefined => decodeIndex(store.text ?? '')?.pages.find((p) => p.summary.path === path)?.summary.title;

    const store = new MemoryStore();
    const host = new StampedHost(files);
    const h = await serviceFor(host.files, { ...VERSION, indexStore: store, saveIntervalMs: 150 }, host);
    await h.service.whenSaved();
    assert.equal(store.writes, 1, 'written once the workspace is indexed and checked');
    retitle(host, 'First Change');
    await h.service.filesChanged([{ path, type: 'changed' }]);
    await h.service.whenIdle();
    assert.equal(store.writes, 1, 'not again within the interval');
    await new Promise((r) => setTimeout(r, 300));
    await h.service.whenSaved();
    assert.equal(store.writes, 2, 'written once the interval passed');
    assert.equal(keptTitle(store), 'First Change');

    const slow = new MemoryStore();
    const host2 = new StampedHost(files);
    const h2 = await serviceFor(host2.files, { ...VERSION, indexStore: slow, saveIntervalMs: 60_000 }, host2);
    await h2.service.whenSaved();
    retitle(host2, 'Before Shutdown');
    await h2.service.filesChanged([{ path, type: 'changed' }]);
    await h2.service.whenIdle();
    assert.equal(slow.writes, 1);
    await h2.service.whenSaved();
    assert.equal(slow.writes, 2, 'whenSaved (shutdown) writes what waits');
    assert.equal(keptTitle(slow), 'Before Shutdown');
  });

  it('is not written again for an unsaved edit, and keeps describing the disk while the page is open', async () => {
    const files = exampleFiles();
    const store = new MemoryStore();
    const host = new StampedHost(files);
    const h = await serviceFor(host.files, { ...VERSION, indexStore: store, saveIntervalMs: 0 }, host);
    await h.service.whenSaved();
    assert.equal(store.writes, 1);
    const path = [...files.keys()].find((p) => p.endsWith('.md') && /^title: /m.test(files.get(p) ?? '')) ?? '';
    const diskTitle = files.get(path)?.match(/^title: (.*)$/m)?.[1];
    const keptTitle = (): string | undefined => decodeIndex(store.text ?? '')?.pages.find((p) => p.summary.path === path)?.summary.title;
    h.service.openDocument(path, 1, (files.get(path) ?? '').replace(/^title: .*$/m, 'title: Unsaved'));
    h.service.changeDocument(path, 2, (files.get(path) ?? '').replace(/^title: .*$/m, 'title: Unsaved again'));
    await h.service.whenIdle();
    await h.service.whenSaved();
    assert.equal(store.writes, 1, 'the kept index still describes the disk: not written again');
    assert.equal(keptTitle(), diskTitle);
    await h.service.closeDocument(path);
    await h.service.whenIdle();
    await h.service.whenSaved();
    assert.equal(store.writes, 1, 'closed without saving: the disk text is the kept one');
    assert.equal(keptTitle(), diskTitle);
    assert.equal(h.service.index?.summary(path)?.title, diskTitle);
  });

  it('keeps a page open with its disk text as it is on disk when the index is written', async () => {
    const files = exampleFiles();
    const titled = [...files.keys()].filter((p) => p.endsWith('.md') && /^title: /m.test(files.get(p) ?? ''));
    const [open, other] = [titled[0] ?? '', titled[1] ?? ''];
    // Pages parsed after it, so that opening it parses its text again (a workspace larger than the parse cache).
    for (let i = 0; i < 100; i++) files.set(`articles/zz-filler-${i}.md`, `---\ntitle: Filler ${i}\n---\nText.\n`);
    const store = new MemoryStore();
    const host = new StampedHost(files);
    const h = await serviceFor(host.files, { ...VERSION, indexStore: store, saveIntervalMs: 0 }, host);
    await h.service.whenSaved();
    const keptStamp = (): string | undefined => decodeIndex(store.text ?? '')?.pages.find((p) => p.summary.path === open)?.stamp;
    const diskStamp = keptStamp();
    h.service.openDocument(open, 1, files.get(open) ?? '');
    host.write(other, (files.get(other) ?? '').replace(/^title: .*$/m, 'title: Saved Elsewhere'));
    await h.service.filesChanged([{ path: other, type: 'changed' }]);
    await h.service.whenIdle();
    await h.service.whenSaved();
    assert.equal(store.writes, 2);
    assert.equal(keptStamp(), diskStamp, 'the editor shows the disk text: kept with its stamp, not as changed');
    assert.ok(decodeIndex(store.text ?? '')?.pages.find((p) => p.summary.path === open)?.checked, 'with its findings');
  });

  it('written while a page holds an unsaved edit, leads the next session to check what that edit touched', async () => {
    const files = exampleFiles();
    const target = [...files.keys()].find((p) => p.endsWith('.md') && /^title: /m.test(files.get(p) ?? '')) ?? '';
    const other = [...files.keys()].find((p) => p !== target && p.endsWith('.md') && /^title: /m.test(files.get(p) ?? '')) ?? '';
    const linker = 'articles/links-to-an-unsaved-url.md';
    files.set(linker, '---\ntitle: Linker\ndescription: Links to a route only an unsaved edit serves.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/served-only-in-the-editor">Unsaved</a><p>Served by an edit never saved.</p></li>\n</ul>\n');
    const store = new MemoryStore();
    const host = new StampedHost(files);
    const h = await serviceFor(host.files, { ...VERSION, indexStore: store, saveIntervalMs: 0 }, host);
    await h.service.whenSaved();
    const broken = (live: Harness['live']): boolean => (live.get(linker) ?? []).some((f) => f.startsWith('link-broken '));
    assert.ok(broken(h.live), 'the route is served by no page on disk');
    // The edit serves the route; the linker is checked against it and its finding goes.
    h.service.openDocument(target, 1, (files.get(target) ?? '').replace(/^title: /m, 'url: /served-only-in-the-editor\ntitle: '));
    await h.service.whenIdle();
    assert.ok(!broken(h.live));
    // Another page saved: the index is written while the edit is still unsaved.
    host.write(other, (files.get(other) ?? '').replace(/^title: .*$/m, 'title: Saved Elsewhere'));
    await h.service.filesChanged([{ path: other, type: 'changed' }]);
    await h.service.whenIdle();
    await h.service.whenSaved();
    assert.equal(store.writes, 2);
    // The editor closes without saving; the next session starts from that index and the disk.
    const next = host.copy();
    const second = await serviceFor(next.files, { ...VERSION, indexStore: store }, next);
    const fresh = await serviceFor(next.copy().files, VERSION, next.copy());
    assert.ok(broken(second.live), 'the linker is checked again: the route is served by no page on disk');
    assert.deepEqual(sorted(second.live), sorted(fresh.live));
  });

  it('gives the corpus the same findings and tree from its kept index', { skip: sharedDataMissing(CORPUS_DIR) }, async () => {
    const files: Record<string, string | Uint8Array> = { ...corpusArticles(), [CONFIG_FILE]: JSON.stringify(CORPUS_CONFIG) };
    const store = new MemoryStore();
    const first = await startSession(files, store);
    const host = new StampedHost(files);
    const second = await sessionWatchingLoad(host, store);
    assert.equal(second.readsDuringLoad, 0);
    assert.deepEqual(second.shapeAtLoad, treeShape(first.h.service));
    assert.deepEqual(sorted(second.h.live), sorted(first.h.live));
    assert.ok(first.h.live.size > 20, `corpus findings: ${first.h.live.size} pages`);
  });
});

/**
 * A session whose first load is watched: what it had read, indexed and could show when the load
 * returned (before any check ran), then the settled session.
 */
async function sessionWatchingLoad(
  host: StampedHost,
  store: IndexStore,
  extra: { log?: (m: string) => void } = {},
): Promise<{ h: Harness; readsDuringLoad: number; readyAtLoad: boolean; shapeAtLoad: unknown[]; titlesAtLoad: Map<string, string | undefined>; backlinksAtLoad: Map<string, string[]> }> {
  const h = harnessFor(host, { ...VERSION, indexStore: store, ...extra });
  await h.service.load();
  // The load has returned; the checks start at the scheduler's next macrotask (this host answers
  // in microtasks): what is there now is what loading gave.
  const s = h.service;
  const index = s.index;
  const seen = {
    reads: host.pageReads,
    ready: s.ready,
    shape: treeShape(s),
    titles: new Map(index ? index.pagePaths().map((p) => [p, index.summary(p)?.title]) : []),
    backlinks: new Map([...host.files.keys()].map((p) => [p, s.backlinks(p)])),
  };
  await h.service.whenIdle();
  await h.service.whenSaved();
  return { h, readsDuringLoad: seen.reads, readyAtLoad: seen.ready, shapeAtLoad: seen.shape, titlesAtLoad: seen.titles, backlinksAtLoad: seen.backlinks };
}

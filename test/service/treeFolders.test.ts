/**
 * The topic tree of a workspace with more root topic pages than FOLDER_ROOTS_ABOVE: the roots are
 * shown in folders (by folder under the docs root), and children, parent and find agree with them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FOLDER_ROOTS_ABOVE } from '../../src/core/service/service';
import { harnessFor, MemoryServiceHost, serviceFor } from '../helpers/serviceHarness';

const topic = (title: string, items = ''): string => `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}.\n---\n<ul class="topic-links">\n${items}</ul>\n`;
const item = (href: string, text: string): string => `  <li><a href="${href}">${text}</a><p>More.</p></li>\n`;

describe('topic tree in folders', () => {
  it('shows few roots flat', async () => {
    const h = await serviceFor({ 'articles/a/index.md': topic('A'), 'articles/b/index.md': topic('B') });
    assert.deepEqual(h.service.treeRoots().map((n) => [n.id, n.kind]), [
      ['articles/a/index.md', 'topic-page'],
      ['articles/b/index.md', 'topic-page'],
    ]);
  });

  it('shows more than FOLDER_ROOTS_ABOVE roots in folders under the docs root, with their counts', async () => {
    // Three sections: "guides" holds 150 roots and one page two of them link to, "api" 60, "top" 1 page at the top level.
    const files: Record<string, string> = { 'articles/start.md': topic('Start'), 'articles/guides/shared.md': '---\ntitle: Shared\ndescription: S.\n---\nText.\n' };
    for (let i = 0; i < 150; i++) files[`articles/guides/g${String(i).padStart(3, '0')}.md`] = topic(`Guide ${i}`, i < 2 ? item('/guides/shared', 'Shared') + item('/nowhere', 'Gone') : '');
    for (let i = 0; i < 60; i++) files[`articles/api/v1/a${String(i).padStart(2, '0')}.md`] = topic(`API ${i}`);
    const h = await serviceFor(files);
    assert.ok(150 + 60 + 1 > FOLDER_ROOTS_ABOVE);
    const roots = h.service.treeRoots();
    assert.deepEqual(
      roots.map((n) => [n.id, n.kind, n.label, n.description, n.hasChildren, n.expanded]),
      [
        ['folder:', 'folder', '(top level)', '1 topic page', true, false],
        ['folder:api', 'folder', 'api', '60 topic pages', true, false],
        ['folder:guides', 'folder', 'guides', '150 topic pages · 2 problems', true, false],
      ],
    );
    const guides = h.service.treeChildren('folder:guides');
    assert.equal(guides.length, 150);
    assert.deepEqual(guides.slice(0, 2).map((n) => [n.id, n.label, n.hasChildren]), [
      ['articles/guides/g000.md', 'Guide 0', true],
      ['articles/guides/g001.md', 'Guide 1', true],
    ]);
    assert.deepEqual(h.service.treeChildren('folder:api').map((n) => n.id).slice(0, 1), ['articles/api/v1/a00.md']);
    assert.deepEqual(h.service.treeChildren('folder:nope'), []);
    assert.equal(h.service.treeParent('articles/guides/g000.md')?.id, 'folder:guides');
    assert.equal(h.service.treeParent('articles/guides/g000.md/0')?.id, 'articles/guides/g000.md');
    assert.equal(h.service.treeParent('folder:guides'), undefined);
    assert.deepEqual(h.service.treeFind('articles/guides/shared.md').map((n) => n.id), ['folder:guides', 'articles/guides/g000.md', 'articles/guides/g000.md/0']);
    assert.deepEqual(h.service.treeFind('articles/start.md').map((n) => n.id), ['folder:', 'articles/start.md']);
  });
});

describe('topic tree in folders while a first load reads', () => {
  /** A memory host whose read of `gated` waits until `open` is called. */
  const gatedHost = (files: Record<string, string>, gated: string): { host: MemoryServiceHost; open: () => void } => {
    let open: () => void = () => undefined;
    const wait = new Promise<void>((resolve) => (open = resolve));
    const host = new (class extends MemoryServiceHost {
      override async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
        if (path === gated) await wait;
        return super.readFile(path);
      }
    })(files);
    return { host, open };
  };
  const until = async (what: () => boolean): Promise<void> => {
    for (let i = 0; i < 1000 && !what(); i++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(what());
  };
  /** 5 sections of 50 root topic pages at `path(section, i)`: a first load whose read of section 1 waits; the roots once section 0 is read, then at the end. */
  const rootsWhileSection0IsRead = async (path: (section: number, i: string) => string): Promise<{ reading: string[]; loaded: string[] }> => {
    const files: Record<string, string> = {};
    for (let f = 0; f < 5; f++) for (let i = 0; i < 50; i++) files[path(f, String(i).padStart(2, '0'))] = topic(`S${f} T${i}`);
    const { host, open } = gatedHost(files, path(1, '00'));
    const h = harnessFor(host, { frontMatterFirst: true });
    const loaded = h.service.load();
    await until(() => h.service.index?.summary(path(0, '49')) !== undefined);
    assert.equal(h.service.ready, false);
    const reading = h.service.treeRoots().map((n) => `${n.id} ${n.label} ${n.description}`);
    open();
    await loaded;
    await h.service.whenIdle();
    return { reading, loaded: h.service.treeRoots().map((n) => n.id) };
  };

  it('starts in folders when the pages read so far foretell more roots than FOLDER_ROOTS_ABOVE', async () => {
    // The first section read foretells 250 roots: one folder, not 50 rows drawn flat and folded later.
    const roots = await rootsWhileSection0IsRead((f, i) => `articles/s${f}/t${i}.md`);
    assert.deepEqual(roots.reading, ['folder:s0 s0 50 topic pages']);
    assert.deepEqual(roots.loaded, ['folder:s0', 'folder:s1', 'folder:s2', 'folder:s3', 'folder:s4']);
  });

  it('while it reads, puts the roots in the folders the listed pages split into, not in the deep folder the first roots share', async () => {
    // Each section under `guides/`: the first roots read all lie in `s0/guides`.
    const roots = await rootsWhileSection0IsRead((f, i) => `articles/s${f}/guides/t${i}.md`);
    assert.deepEqual(roots.reading, ['folder:s0 s0 50 topic pages']);
    assert.deepEqual(roots.loaded, ['folder:s0', 'folder:s1', 'folder:s2', 'folder:s3', 'folder:s4']);
  });

  it('while it reads, goes as deep as the listed pages need when they all lie in one folder', async () => {
    // Every page under `one/`: the listing splits at its sections, as the whole tree will.
    const roots = await rootsWhileSection0IsRead((f, i) => `articles/one/s${f}/t${i}.md`);
    assert.deepEqual(roots.reading, ['folder:one/s0 one/s0 50 topic pages']);
    assert.deepEqual(roots.loaded, ['folder:one/s0', 'folder:one/s1', 'folder:one/s2', 'folder:one/s3', 'folder:one/s4']);
  });

  it('counts a page open in an editor as nothing read: the view waits for pages from disk, or the roots kept last session', async () => {
    const files: Record<string, string> = { 'articles/a.md': topic('A'), 'articles/b.md': topic('B'), 'articles/c.md': topic('C') };
    const { host, open } = gatedHost(files, 'articles/a.md');
    const h = harnessFor(host, { frontMatterFirst: true });
    h.service.openDocument('articles/c.md', 1, files['articles/c.md'] as string);
    const loaded = h.service.load();
    await until(() => h.service.index?.summary('articles/c.md') !== undefined);
    assert.equal(h.service.status().indexing?.done, 1, 'the open page counts as indexed');
    assert.equal(h.service.nothingRead, true, 'but a tree of the open page alone is not the workspace\'s');
    open();
    await loaded;
    await h.service.whenIdle();
    assert.equal(h.service.nothingRead, false);
  });

  it('stays flat when the pages read so far foretell fewer, and once the load is over counts the roots it found', async () => {
    // 150 root topic pages, then 150 plain pages: the first half foretells 300 roots, the whole has 150.
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`articles/a/t${String(i).padStart(3, '0')}.md`] = topic(`T${i}`);
    for (let i = 0; i < 150; i++) files[`articles/b/p${String(i).padStart(3, '0')}.md`] = `---\ntitle: P${i}\ndescription: About P${i}.\n---\nText.\n`;
    const { host, open } = gatedHost(files, 'articles/b/p000.md');
    const h = harnessFor(host, { frontMatterFirst: true });
    const loaded = h.service.load();
    await until(() => h.service.index?.summary('articles/a/t149.md') !== undefined);
    assert.deepEqual(h.service.treeRoots().map((n) => n.id), ['folder:a'], 'foretold: 150 of 300 pages read, all roots');
    open();
    await loaded;
    await h.service.whenIdle();
    assert.equal(h.service.treeRoots().length, 150, 'the load over: 150 roots, shown flat');
    assert.equal(h.service.treeRoots()[0]?.kind, 'topic-page');
  });
});

/**
 * The indexing progress a load reports (the status bar's and the Topic Pages view's "Indexing N of
 * M pages"): its total is every page of the workspace, the open ones included, and the count of
 * pages indexed goes up with it, so the two figures never disagree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceService, type IndexingProgress } from '../../src/core/service/service';
import { topicPage } from '../helpers/memoryHost';
import { MemoryServiceHost } from '../helpers/serviceHarness';

const FILES = {
  'articles/a.md': topicPage('<ul class="topic-links"><li><a href="/b">B</a><p>About B.</p></li></ul>'),
  'articles/b.md': '---\ntitle: B\n---\n\nB.\n',
  'articles/c.md': '---\ntitle: C\n---\n\nC.\n',
  'articles/d.md': '---\ntitle: D\n---\n\nD.\n',
  'notes.txt': 'not a page',
};

/** Every status a load reports, with one page open before it starts and one opened while it reads. */
async function statusesOfLoad(frontMatterFirst: boolean): Promise<{ indexing: IndexingProgress; pages: number }[]> {
  const seen: { indexing: IndexingProgress; pages: number }[] = [];
  const service: WorkspaceService = new WorkspaceService(
    new MemoryServiceHost(FILES),
    {
      onStatus() {
        const s = service.status();
        if (s.indexing) seen.push({ indexing: s.indexing, pages: s.pages });
        // The second page opens while the load reads the others.
        if (s.indexing && s.indexing.done === 2 && service.documentVersion('articles/d.md') === undefined) service.openDocument('articles/d.md', 1, FILES['articles/d.md']);
      },
    },
    { frontMatterFirst, sliceMs: 0 },
  );
  service.openDocument('articles/b.md', 1, FILES['articles/b.md']);
  await service.load();
  await service.whenIdle();
  assert.equal(service.status().indexing, null);
  assert.equal(service.status().pages, 4);
  return seen;
}

describe('indexing progress', () => {
  for (const frontMatterFirst of [true, false]) {
    it(`counts the open pages as indexed, of every page, up to the total${frontMatterFirst ? ' (front matter first, as the language server loads)' : ''}`, async () => {
      const seen = await statusesOfLoad(frontMatterFirst);
      assert.ok(seen.length >= 3, `statuses seen: ${JSON.stringify(seen)}`);
      // Every page is in the total, the open one too; the open page counts as indexed from the start.
      for (const s of seen) assert.equal(s.indexing.total, 4, JSON.stringify(s));
      assert.equal(seen[0]?.indexing.done, 1);
      // What is counted as indexed is what the status bar counts as pages (until the second page opens:
      // its editor's text is indexed at once, and counted when the load comes to it).
      for (const s of seen.slice(0, seen.findIndex((x) => x.indexing.done === 2) + 1)) assert.equal(s.indexing.done, s.pages, JSON.stringify(s));
      for (const s of seen) assert.ok(s.indexing.done <= s.pages && s.pages <= s.indexing.done + 1, JSON.stringify(s));
      // The page opened during the load is counted once: the count reaches the total.
      assert.equal(seen.at(-1)?.indexing.done, 4, JSON.stringify(seen));
    });
  }
});

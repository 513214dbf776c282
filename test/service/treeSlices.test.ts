/**
 * The topic tree's roots computed in slices (the language server answers the view's roots this way,
 * so keystrokes are answered meanwhile): the same roots as computed at once, with yields between.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_FILE } from '../../src/core/config';
import { TopicTree } from '../../src/core/hierarchy';
import { CORPUS_CONFIG, corpusArticles, CORPUS_DIR, exampleFiles, sharedDataMissing } from '../helpers/corpus';
import { MemoryServiceHost, serviceFor } from '../helpers/serviceHarness';

async function slicedAndWhole(files: ReadonlyMap<string, string | Uint8Array>): Promise<{ sliced: unknown; whole: unknown; yields: number }> {
  let yields = 0;
  const host = new MemoryServiceHost(new Map(files));
  const h = await serviceFor(host.files, { sliceMs: 0, yieldToEventLoop: () => ((yields += 1), new Promise((r) => setImmediate(r))) }, host);
  yields = 0;
  const sliced = await h.service.treeRootsInSlices();
  const afterSlices = yields;
  const whole = h.service.treeRoots();
  return { sliced, whole, yields: afterSlices };
}

describe('the topic tree in slices', () => {
  it('gives the roots computed at once, yielding between slices (examples)', async () => {
    const r = await slicedAndWhole(exampleFiles());
    assert.deepEqual(r.sliced, r.whole);
    assert.ok((r.whole as unknown[]).length > 0);
  });

  it('gives the roots computed at once, yielding between slices (corpus)', { skip: sharedDataMissing(CORPUS_DIR) }, async () => {
    const files = new Map<string, string | Uint8Array>(Object.entries(corpusArticles()));
    files.set(CONFIG_FILE, JSON.stringify(CORPUS_CONFIG));
    const r = await slicedAndWhole(files);
    assert.deepEqual(r.sliced, r.whole);
    assert.ok(r.yields >= 1, `${r.yields} yields`);
  });

  it('shares one computation between rootSteps() and roots()', async () => {
    // More topic pages than one step takes.
    const files = new Map<string, string>();
    for (let i = 0; i < 100; i++) files.set(`articles/t${i}/index.md`, `---\nclasses: topic-page\ntitle: T${i}\ndescription: D.\n---\n<ul class="topic-links">\n  <li><a href="/t${i + 1}">Next</a><p>More.</p></li>\n</ul>\n`);
    const h = await serviceFor(files);
    const index = h.service.index;
    assert.ok(index);
    const tree = new TopicTree(index);
    const steps = tree.rootSteps();
    steps.next();
    assert.equal(tree.hasRoots, false);
    const roots = tree.roots();
    assert.equal(tree.hasRoots, true);
    assert.equal(steps.next().done, true, 'the shared computation ended');
    assert.equal(tree.roots(), roots);
    assert.deepEqual(roots.map((r) => r.id), new TopicTree(index).roots().map((r) => r.id));
  });
});

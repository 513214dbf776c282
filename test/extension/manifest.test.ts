// The views' welcome texts (package.json, contributes.viewsWelcome): a text that states a result
// ("no page links here", "every page is reached") is shown only once the workspace is indexed
// (`topicPages.indexed`, set by the extension when the server's first load is over); while it is
// read, each view says so instead.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

interface Welcome {
  readonly view: string;
  readonly contents: string;
  readonly when?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { viewsWelcome: Welcome[] } };
const welcomes = manifest.contributes.viewsWelcome;

describe('views\' welcome texts', () => {
  for (const view of ['topicPages.tree', 'topicPages.linkedFrom', 'topicPages.orphans']) {
    it(`${view}: says it is reading while the workspace is read, and states a result only once it is indexed`, () => {
      const mine = welcomes.filter((w) => w.view === view);
      const reading = mine.filter((w) => /(^|&& )!topicPages\.indexed\b/.test(w.when ?? ''));
      assert.equal(reading.length, 1, 'one text while the workspace is read');
      assert.match(reading[0]?.contents ?? '', /Indexing|Reading the workspace/);
      // Without a folder open there is nothing to read (the tree asks to open one).
      const after = mine.filter((w) => !reading.includes(w) && w.when !== 'workspaceFolderCount == 0');
      assert.ok(after.length > 0, 'a text for once it is indexed');
      for (const w of after) assert.match(w.when ?? '', /(^|&& )topicPages\.indexed\b/, `"${w.contents.slice(0, 40)}…" is shown only once the workspace is indexed`);
    });
  }
});

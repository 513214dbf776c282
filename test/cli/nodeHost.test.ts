/** NodeFileHost: files over the size limit are judged by their size, never read into memory. */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NodeFileHost } from '../../src/node/fileHost';
import { Engine } from '../../src/core/engine';

test('a file over maxBytes is answered by its size; the engine skips it with that size', async () => {
  const root = mkdtempSync(join(tmpdir(), 'topic-pages-host-'));
  mkdirSync(join(root, 'articles'));
  writeFileSync(join(root, 'articles/big.md'), 'x'.repeat(3000));
  writeFileSync(join(root, 'topic-pages.json'), JSON.stringify({ maxFileSize: 2000 }));
  const host = new NodeFileHost(root);
  assert.deepEqual(await host.readFile('articles/big.md', 2000), { tooLarge: 3000 });
  const read = await host.readFile('articles/big.md', 5000);
  assert.equal('bytes' in read && read.bytes.length, 3000);
  const engine = await Engine.load(host);
  assert.deepEqual(engine.check('articles/big.md').map((f) => [f.ruleId, f.message]), [
    ['file-skipped', 'File skipped: it is 3.0 kB, over the 2.0 kB limit (setting `maxFileSize`).'],
  ]);
});

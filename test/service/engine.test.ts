/** The CLI's Engine shares the service's fixes: pure checks of other text, non-page files never findings. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../src/core/engine';
import { MemoryFileHost } from '../helpers/memoryHost';

const topic = (items: string): string => `---\nclasses: topic-page\ntitle: Home\ndescription: D.\n---\n<ul class="topic-links">\n${items}</ul>\n`;

describe('Engine', () => {
  it('a non-page file that changes after load (binary, unreadable) is never a file-skipped finding', async () => {
    const host = new MemoryFileHost({ 'articles/index.md': topic(''), 'articles/logo.png': 'png' });
    const engine = await Engine.load(host);
    host.files.set('articles/logo.png', new Uint8Array([0, 1, 0, 2]));
    assert.deepEqual(await engine.readAndIndex('articles/logo.png'), []);
    host.files.delete('assets/gone.bin');
    assert.deepEqual(await engine.readAndIndex('assets/gone.bin'), []);
    assert.deepEqual(engine.checkablePaths(), ['articles/index.md']);
    assert.deepEqual([...engine.checkAll().keys()], []);
  });

  it('checking a buffer that differs from the index leaves the page dependency edges alone', async () => {
    const page = topic('  <li><a href="/b">B</a><p>x</p></li>\n');
    const host = new MemoryFileHost({ 'articles/index.md': page });
    const engine = await Engine.load(host);
    assert.deepEqual(engine.check('articles/index.md').map((f) => f.ruleId), ['link-broken']);
    // A hypothetical buffer without the link: its check must not drop the edge to /b.
    assert.deepEqual(engine.check('articles/index.md', topic('')), []);
    assert.deepEqual(engine.setText('articles/b.md', '---\ntitle: B\n---\n'), ['articles/b.md', 'articles/index.md']);
  });
});

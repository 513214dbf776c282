/**
 * `topicPages/whenIdle` answers once every folder is indexed and checked, also when a client asks
 * before it has sent `initialized` (the first load starts then): it never answers "idle" early.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startStdioServer } from '../helpers/lspServer';

const PAGE = '---\ntitle: Home\ndescription: The start.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/missing">Missing</a><p>Gone.</p></li>\n</ul>\n';

describe('topicPages/whenIdle', () => {
  const s = startStdioServer({ 'articles/index.md': PAGE, 'articles/guide.md': '---\ntitle: Guide\ndescription: How.\n---\n' }, 'topic-pages-idle-');
  after(() => s.stop());

  it('asked before initialized, answers after the first load, with every page counted', async () => {
    s.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    s.conn.listen();
    await s.conn.sendRequest('initialize', { processId: process.pid, rootUri: s.uri(''), workspaceFolders: [{ uri: s.uri(''), name: 'docs' }], capabilities: { workspace: { configuration: true } } });
    let answered = false;
    const idle = s.conn.sendRequest('topicPages/whenIdle', {}).then(() => (answered = true));
    // Far longer than the server takes to answer a request it can answer at once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(answered, false, 'not idle before the first load has started');
    await s.conn.sendNotification('initialized', {});
    await idle;
    const status = (await s.conn.sendRequest('topicPages/status', {})) as { indexing: unknown; pages: number; indexed: boolean; problems: { errors: number } };
    assert.deepEqual([status.indexing, status.pages, status.indexed, status.problems.errors], [null, 2, true, 1]);
  });
});

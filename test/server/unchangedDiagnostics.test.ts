/**
 * An open page checked again with the same result is not sent its diagnostics again: each message
 * costs the editor a redraw (in a first indexing, the open page is checked again each time a page it
 * links to is read). A changed result, or a new version, is always sent.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startStdioServer } from '../helpers/lspServer';

const INDEX = '---\ntitle: Home\ndescription: The start.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/guide#intro">Guide</a><p>Read it.</p></li>\n  <li><a href="/gone">Gone</a><p>Broken.</p></li>\n</ul>\n';
const GUIDE = '---\ntitle: Guide\ndescription: How.\n---\n## Intro\n\nText.\n';

describe('an open page\'s unchanged diagnostics', () => {
  const s = startStdioServer({ 'articles/index.md': INDEX, 'articles/guide.md': GUIDE }, 'topic-pages-unchanged-', { env: { TOPIC_PAGES_TRACE_TIMING: '1' } });
  after(() => s.stop());

  it('are not sent again when a check finds the same; a changed result is', async () => {
    const sent: { version: number | undefined; codes: string[] }[] = [];
    const logs: string[] = [];
    s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: { code?: string | number }[] }) => {
      if (p.uri === s.uri('articles/index.md')) sent.push({ version: p.version, codes: p.diagnostics.map((d) => String(d.code)) });
    });
    s.conn.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    s.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    s.conn.onRequest('client/registerCapability', () => null);
    s.conn.listen();
    await s.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: s.uri(''),
      workspaceFolders: [{ uri: s.uri(''), name: 'docs' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await s.conn.sendNotification('initialized', {});
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uri('articles/index.md'), languageId: 'markdown', version: 1, text: INDEX } });
    await s.conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(sent.at(-1), { version: 1, codes: ['link-broken'] });
    const before = sent.length;

    // The guide gains a heading (its anchors change): the open page, which links to it, is checked again and finds the same.
    writeFileSync(join(s.dir, 'articles', 'guide.md'), GUIDE + '\n## More\n');
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri('articles/guide.md'), type: 2 }] });
    await s.conn.sendRequest('topicPages/whenIdle', {});
    assert.equal(sent.length, before, `nothing new sent: ${JSON.stringify(sent.slice(before))}`);
    assert.ok(logs.some((l) => l.includes(`timing unchanged ${s.uri('articles/index.md')} v1`)), 'the page was checked again, and its unchanged answer not sent');

    // The guide loses the heading the page links to: a changed result is sent, for the same version.
    writeFileSync(join(s.dir, 'articles', 'guide.md'), GUIDE.replace('## Intro', '## Start'));
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri('articles/guide.md'), type: 2 }] });
    await s.conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(sent.slice(before), [{ version: 1, codes: ['link-fragment', 'link-broken'] }]);

    // Closed and opened again with the same version and text: sent again.
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: s.uri('articles/index.md') } });
    await s.conn.sendRequest('topicPages/whenIdle', {});
    const closed = sent.length;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uri('articles/index.md'), languageId: 'markdown', version: 1, text: INDEX } });
    await s.conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(sent.slice(closed).at(-1), { version: 1, codes: ['link-fragment', 'link-broken'] });
  });
});

/**
 * Settings given with `initialize` (`initializationOptions.folderSettings`, as the VS Code client
 * sends them): the server loads at once instead of waiting for the client to answer
 * workspace/configuration, and loads a folder again when that answer differs.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startStdioServer } from '../helpers/lspServer';

const PAGE = 'articles/index.md';
const TEXT = '---\ntitle: Home\ndescription: The start.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>Itâ€™s here.</p></li>\n  <li><a href="/missing">Missing</a><p>Gone.</p></li>\n</ul>\n';
const GUIDE = '---\ntitle: Guide\ndescription: How.\n---\n# Guide\n';

describe('settings given with initialize', () => {
  const s = startStdioServer({ [PAGE]: TEXT, 'articles/guide.md': GUIDE }, 'topic-pages-folder-settings-');
  after(() => s.stop());

  it('start the first load before workspace/configuration is answered; a different answer loads again', { timeout: 30_000 }, async () => {
    const published: { rules: string[]; answered: boolean }[] = [];
    let answer: (() => void) | undefined;
    const asked = new Promise<void>((resolve) => (answer = resolve));
    let answered = false;
    s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string | number }[] }) => {
      if (p.uri === s.uri(PAGE)) published.push({ rules: p.diagnostics.map((d) => String(d.code)).sort(), answered });
    });
    s.conn.onRequest('client/registerCapability', () => null);
    // The client answers only when released, and then with link-broken turned off.
    s.conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      await asked;
      answered = true;
      return p.items.map(() => ({ rules: { 'link-broken': 'off' } }));
    });
    s.conn.listen();
    await s.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: s.uri(''),
      workspaceFolders: [{ uri: s.uri(''), name: 'docs' }],
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { folderSettings: { [s.uri('')]: { rules: { mojibake: 'warning' } } } },
    });
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uri(PAGE), languageId: 'markdown', version: 1, text: TEXT } });
    await s.conn.sendNotification('initialized', {});
    // Loaded and checked with the given settings while the client has not answered.
    await s.conn.sendRequest('topicPages/whenIdle', {});
    assert.ok(published.length > 0, 'published before the client answered');
    assert.deepEqual(published.at(-1), { rules: ['link-broken', 'mojibake'], answered: false });
    answer?.();
    // The answer differs (link-broken off): the folder is loaded again with it.
    for (let i = 0; i < 200 && !published.some((p) => p.answered); i++) await new Promise((r) => setTimeout(r, 25));
    await s.conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(published.at(-1), { rules: ['mojibake'], answered: true });
  });
});

/**
 * The server's start-up, as its log tells it (`window/logMessage`): every milestone once, in order,
 * an open page's early findings (its broken links too) before its full ones, and what the listing
 * could not follow.
 * The link loop is built inside the server's fresh temp workspace and points into it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startStdioServer } from '../helpers/lspServer';

const PAGE = 'articles/index.md';
const TEXT = '---\ntitle: Home\ndescription: The start.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>Itâ€™s here.</p></li>\n  <li><a href="/missing">Missing</a><p>Gone.</p></li>\n</ul>\n';
const GUIDE = '---\ntitle: Guide\ndescription: How.\n---\n# Guide\n';

describe('the server logs its start-up', () => {
  const s = startStdioServer({ [PAGE]: TEXT, 'articles/guide.md': GUIDE }, 'topic-pages-startup-');
  mkdirSync(join(s.dir, 'articles', 'looped'));
  symlinkSync('.', join(s.dir, 'articles', 'looped', 'loop'));
  after(() => s.stop());

  it('says when it was initialized, read its settings, listed, published and finished, in that order', async () => {
    const logs: { type: number; message: string }[] = [];
    const published: { partial: boolean; rules: string[] }[] = [];
    s.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      logs.push(p);
    });
    s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string | number }[] }) => {
      if (p.uri !== s.uri(PAGE)) return;
      published.push({ partial: !logs.some((l) => l.message.includes("an open page's diagnostics at")), rules: p.diagnostics.map((d) => String(d.code)).sort() });
    });
    s.conn.onRequest('client/registerCapability', () => null);
    s.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    s.conn.listen();
    await s.conn.sendRequest('initialize', { processId: process.pid, rootUri: s.uri(''), workspaceFolders: [{ uri: s.uri(''), name: 'docs' }], capabilities: { workspace: { configuration: true } } });
    // Opened before the workspace is listed, as an editor restores its tabs.
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uri(PAGE), languageId: 'markdown', version: 1, text: TEXT } });
    await s.conn.sendNotification('initialized', {});
    await s.conn.sendRequest('topicPages/whenIdle', {});
    await new Promise((r) => setTimeout(r, 200));

    const info = logs.filter((l) => l.type === 3).map((l) => l.message.replace(/ at \d+\.\d\d s/, ' at T').replace(/^Topic Pages: /, ''));
    const milestones = [
      'initialized at T',
      'settings read at T',
      "an open page's first diagnostics (before the workspace's files are indexed) at T",
      'docs: 2 files listed at T',
      "an open page's diagnostics at T",
      'every page indexed at T',
      'docs: 2 pages indexed and checked at T (every page checked; 3 checks, 2 parses)',
    ];
    for (const m of milestones) assert.equal(info.filter((l) => l === m).length, 1, `${m} once in:\n${info.join('\n')}`);
    const order = milestones.map((m) => info.indexOf(m));
    assert.deepEqual([...order].sort((a, b) => a - b), order, info.join('\n'));
    // The loop is said, as the CLI says it on stderr.
    const warnings = logs.filter((l) => l.type === 2).map((l) => l.message);
    assert.ok(warnings.some((w) => /docs: skipped articles\/looped\/loop: symbolic link loop/.test(w)), warnings.join('\n'));
    // Before the listing (the folders the links lead into were probed). The full check after it
    // found the same, so nothing was sent again.
    assert.deepEqual(published, [{ partial: true, rules: ['link-broken', 'mojibake'] }]);
  });
});

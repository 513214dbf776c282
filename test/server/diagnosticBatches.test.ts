/**
 * `topicPages/diagnostics` batches (docs/protocol.md), as the VS Code client asks for them: the
 * built server over stdio on a workspace of 1,201 pages. The open page's answer comes alone
 * and first; the background check comes in a few batches of at most 500 files, never as
 * publishDiagnostics; every file's list is exact; all of it is sent before `whenIdle` answers.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CompactDiagnostic, DiagnosticBatchParams } from '../../src/server/protocol';
import { startStdioServer } from '../helpers/lspServer';

const PAGES = 1200;

const page = (i: number): string =>
  `---\nclasses: topic-page\ntitle: Page ${i}\ndescription: Number ${i}.\n---\n<ul class="topic-links">\n  <li><a href="/missing-${i}">Missing</a><p>Gone.</p></li>\n</ul>\n`;
const INDEX = '---\nclasses: topic-page\ntitle: Home\ndescription: The start.\n---\n<ul class="topic-links">\n  <li><a href="/p/0001"></a><p>First.</p></li>\n</ul>\n';

describe('diagnostic batches over stdio', () => {
  let dir: string;
  let conn: MessageConnection;
  let stop: () => void = () => undefined;
  const batches: DiagnosticBatchParams[] = [];
  let published = 0;
  const uri = (path: string): string => pathToFileURL(join(dir, path)).href;

  before(() => {
    const files: Record<string, string> = { 'articles/index.md': INDEX };
    for (let i = 1; i <= PAGES; i++) files[`articles/p/${String(i).padStart(4, '0')}.md`] = page(i);
    const s = startStdioServer(files, 'topic-pages-batches-');
    ({ dir, conn, stop } = s);
    conn.onNotification('textDocument/publishDiagnostics', () => {
      published++;
    });
    conn.onNotification('topicPages/diagnostics', (p: DiagnosticBatchParams) => {
      batches.push(p);
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
  });

  after(() => stop());

  it('sends the open page alone and first, then the workspace in batches of at most 500 files, before whenIdle answers', async () => {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'docs' }],
      capabilities: {},
      initializationOptions: { diagnosticBatches: true, rulesDocs: 'https://example.org/rules' },
    });
    // Opened before indexing starts, as an editor restores its tabs.
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('articles/index.md'), languageId: 'markdown', version: 1, text: INDEX } });
    await conn.sendNotification('initialized', {});
    await conn.sendRequest('topicPages/whenIdle', {});

    assert.equal(published, 0, 'no publishDiagnostics once batches are asked for');
    const emptyLink: CompactDiagnostic = [6, 6, 6, 28, 1, 'link-text-empty', 'Link to `/p/0001` has no text.'];
    const openPage = { files: [{ uri: uri('articles/index.md'), diagnostics: [emptyLink] }] };
    // First, before the workspace is listed, what the page holds alone (the empty link needs no
    // other file; only its suggestion, the target's title, does), alone. Its full check, and its
    // checks as the index completes, find the same: nothing is sent again.
    assert.deepEqual(batches[0], openPage);
    const [forOpen, background] = [batches.filter((b) => b.files.some((f) => f.uri === uri('articles/index.md'))), batches.filter((b) => b.files.every((f) => f.uri !== uri('articles/index.md')))];
    assert.deepEqual(forOpen, [openPage]);
    assert.ok(background.length >= 3, `${background.length} background batches`);
    for (const b of background) assert.ok(b.files.length <= 500, `a batch of ${b.files.length} files`);
    const byUri = new Map(background.flatMap((b) => b.files.map((f) => [f.uri, f.diagnostics] as const)));
    assert.equal(byUri.size, PAGES, 'each page with a finding once');
    for (let i = 1; i <= PAGES; i++) {
      const href = `/missing-${i}`;
      const broken: CompactDiagnostic = [6, 15, 6, 15 + href.length, 1, 'link-broken', `No page for route \`${href}\`.`];
      const got = byUri.get(uri(`articles/p/${String(i).padStart(4, '0')}.md`));
      assert.equal(got?.length, 1, `page ${i}`);
      assert.deepEqual(got?.[0], broken, `page ${i}`);
    }
  });

  it('answers an edit of the open page at once, alone, and clears its list when fixed', async () => {
    const before = batches.length;
    const fixed = INDEX.replace('<a href="/p/0001"></a>', '<a href="/p/0001">Page 1</a>');
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri('articles/index.md'), version: 2 }, contentChanges: [{ text: fixed }] });
    await conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(batches.slice(before), [{ files: [{ uri: uri('articles/index.md'), diagnostics: [] }] }]);
  });

  it('lists closed pages no more once the scope is openPages, and the open page only while it is open', async () => {
    const before = batches.length;
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: { topicPages: { diagnostics: { scope: 'openPages' } } } });
    await conn.sendRequest('topicPages/whenIdle', {});
    const cleared = new Map(batches.slice(before).flatMap((b) => b.files.map((f) => [f.uri, f.diagnostics] as const)));
    for (let i = 1; i <= PAGES; i++) assert.deepEqual(cleared.get(uri(`articles/p/${String(i).padStart(4, '0')}.md`)), [], `page ${i} cleared`);
    // Counted all the same: the status (and the tree) see every page's problems.
    const status = (await conn.sendRequest('topicPages/status', {})) as { problems: { errors: number } };
    assert.equal(status.problems.errors, PAGES);
    const afterScope = batches.length;
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri('articles/index.md'), version: 3 }, contentChanges: [{ text: INDEX }] });
    await conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(batches.slice(afterScope), [{ files: [{ uri: uri('articles/index.md'), diagnostics: [[6, 6, 6, 28, 1, 'link-text-empty', 'Link to `/p/0001` has no text.']] }] }]);
    const afterEdit = batches.length;
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('articles/index.md') } });
    await conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(batches.slice(afterEdit).flatMap((b) => b.files), [{ uri: uri('articles/index.md'), diagnostics: [] }]);
  });
});

describe('diagnostics scope auto on a workspace of more than 5,000 pages', () => {
  it('lists the open page only', async () => {
    const files: Record<string, string> = { 'articles/index.md': INDEX };
    for (let i = 1; i <= 5001; i++) files[`articles/p/${String(i).padStart(4, '0')}.md`] = page(i);
    const { conn, uri: fileUri, stop, dir } = startStdioServer(files, 'topic-pages-scope-');
    const sent: DiagnosticBatchParams['files'][number][] = [];
    conn.onNotification('topicPages/diagnostics', (p: DiagnosticBatchParams) => {
      sent.push(...p.files);
    });
    conn.listen();
    try {
      await conn.sendRequest('initialize', { processId: process.pid, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'docs' }], capabilities: {}, initializationOptions: { diagnosticBatches: true } });
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri('articles/index.md'), languageId: 'markdown', version: 1, text: INDEX } });
      await conn.sendNotification('initialized', {});
      await conn.sendRequest('topicPages/whenIdle', {});
      assert.deepEqual([...new Set(sent.map((f) => f.uri))], [fileUri('articles/index.md')]);
      const status = (await conn.sendRequest('topicPages/status', {})) as { problems: { errors: number }; pages: number };
      assert.deepEqual({ errors: status.problems.errors, pages: status.pages }, { errors: 5002, pages: 5002 });
    } finally {
      stop();
    }
  });
});

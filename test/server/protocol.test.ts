/**
 * The built language server (dist/server.js) over stdio, driven by a real JSON-RPC client
 * the way an editor drives it: initialize, open, diagnostics, a quick fix, edits, navigation,
 * completion, rename edits, shutdown and exit.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startStdioServer } from '../helpers/lspServer';
import type { CodeAction, CompletionItem, Diagnostic, DocumentLink, Hover, Location, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';

const repo = join(__dirname, '..', '..');

const INDEX = [
  '---',
  'classes: topic-page',
  'title: Home',
  'description: The start.',
  '---',
  '<ul class="topic-links">',
  '  <li><a href="/guide#intro">Guide</a><p>Read it.</p></li>',
  '  <li><a href="/guide"></a><p>Again.</p></li>',
  '</ul>',
  '',
].join('\n');
const GUIDE = '---\ntitle: The Guide\ndescription: How to.\n---\n## Intro\n\nText.\n';
const PLAIN = '---\ntitle: Notes\ndescription: Notes.\n---\nSee [the guide](/guide) and <a href="/guide#intro">its intro</a>.\n';

describe('language server over stdio', () => {
  let dir: string;
  let server: ChildProcess;
  let conn: MessageConnection;
  let exited: Promise<number | null>;
  const diagnostics: PublishDiagnosticsParams[] = [];
  const waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const registrations: string[] = [];
  const uri = (path: string): string => pathToFileURL(join(dir, path)).href;
  const nextDiagnostics = (match: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> => {
    const seen = diagnostics.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };

  let stop: () => void = () => undefined;

  before(() => {
    const started = startStdioServer({ 'articles/index.md': INDEX, 'articles/guide.md': GUIDE, 'articles/notes.md': PLAIN }, 'topic-pages-lsp-');
    ({ dir, server, conn, stop } = started);
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      diagnostics.push(p);
      for (const w of waiters.filter((w) => w.match(p))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ links: { updateOnMove: 'always' } })));
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
  });

  after(() => stop());

  let doc: TextDocument;
  const lineOf = (text: string, needle: string): { line: number; character: number } => TextDocument.create('x', 'markdown', 0, text).positionAt(text.indexOf(needle));

  it('initializes with the features it serves', async () => {
    const result = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'docs' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
      },
    })) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    assert.equal(result.serverInfo.name, 'topic-pages-language-server');
    assert.deepEqual(result.capabilities['textDocumentSync'], { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(result.capabilities['completionProvider'], { triggerCharacters: ['/', '"', "'", ':', '-'] });
    await conn.sendNotification('initialized', {});
    await conn.sendRequest('topicPages/whenIdle', {});
    assert.deepEqual(registrations.sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  it('publishes exact diagnostics for an opened page, tagged with its version', async () => {
    doc = TextDocument.create(uri('articles/index.md'), 'markdown', 1, INDEX);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: 'markdown', version: 1, text: INDEX } });
    const p = await nextDiagnostics((d) => d.uri === doc.uri && d.version === 1);
    const line = lineOf(INDEX, '<a href="/guide"></a>');
    assert.deepEqual(p.diagnostics, [
      {
        range: { start: line, end: { line: line.line, character: line.character + '<a href="/guide"></a>'.length } },
        severity: 1,
        code: 'link-text-empty',
        codeDescription: { href: pathToFileURL(join(repo, 'docs', 'rules', 'link-text-empty.md')).href },
        source: 'Topic Pages',
        message: 'Link to `/guide` has no text.',
      },
    ]);
    const status = (await conn.sendRequest('topicPages/status', {})) as { indexing: unknown; pages: number; indexed: boolean };
    assert.deepEqual({ indexing: status.indexing, pages: status.pages, indexed: status.indexed }, { indexing: null, pages: 3, indexed: true });
  });

  it('answers an opened page without problems with empty diagnostics for its version', async () => {
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('articles/guide.md'), languageId: 'markdown', version: 7, text: GUIDE } });
    assert.deepEqual((await nextDiagnostics((d) => d.uri === uri('articles/guide.md') && d.version === 7)).diagnostics, []);
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('articles/guide.md') } });
  });

  it('offers the quick fix (here a suggestion: it changes the visible text); applying it clears the problem', async () => {
    const diagnostic = (diagnostics.filter((d) => d.uri === doc.uri).at(-1)?.diagnostics ?? [])[0] as Diagnostic;
    const actions = (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        [`Use the target's title "The Guide"`, 'quickfix', false],
        ['Disable link-text-empty for this line', 'quickfix', false],
      ],
    );
    const edits = (actions[0]?.edit as WorkspaceEdit).changes?.[doc.uri] as TextEdit[];
    const fixed = TextDocument.applyEdits(doc, edits);
    assert.equal(fixed, INDEX.replace('<a href="/guide"></a>', '<a href="/guide">The Guide</a>'));
    doc = TextDocument.update(doc, [{ text: fixed }], 2);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const p = await nextDiagnostics((d) => d.uri === doc.uri && d.version === 2);
    assert.deepEqual(p.diagnostics, []);
  });

  it('re-checks after an incremental edit', async () => {
    const at = doc.positionAt(doc.getText().indexOf('/guide#intro') + '/guide'.length);
    const change = { range: { start: at, end: at }, text: 's' };
    doc = TextDocument.update(doc, [change], 3);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: 3 }, contentChanges: [change] });
    const p = await nextDiagnostics((d) => d.uri === doc.uri && d.version === 3);
    const start = doc.positionAt(doc.getText().indexOf('/guides#intro'));
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range, d.message]),
      [['link-broken', { start, end: { line: start.line, character: start.character + '/guides#intro'.length } }, 'No page for route `/guides`. Did you mean `/guide`?']],
    );
    // Undo it for the next steps.
    const undo = { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    doc = TextDocument.update(doc, [undo], 4);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: 4 }, contentChanges: [undo] });
    assert.deepEqual((await nextDiagnostics((d) => d.uri === doc.uri && d.version === 4)).diagnostics, []);
  });

  it('hovers, goes to the definition and lists document links', async () => {
    const onHref = doc.positionAt(doc.getText().indexOf('/guide#intro') + 2);
    const hover = (await conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: onHref })) as Hover;
    assert.deepEqual(hover.contents, { kind: 'markdown', value: '**The Guide**\n\nHow to.\n\n`articles/guide.md` · route `/guide` · `#intro`' });
    const def = (await conn.sendRequest('textDocument/definition', { textDocument: { uri: doc.uri }, position: onHref })) as Location;
    assert.deepEqual(def, { uri: uri('articles/guide.md'), range: { start: lineOf(GUIDE, '## Intro'), end: lineOf(GUIDE, '## Intro') } });
    const links = (await conn.sendRequest('textDocument/documentLink', { textDocument: { uri: doc.uri } })) as DocumentLink[];
    assert.deepEqual(
      links.map((l) => [doc.getText({ start: l.range.start, end: l.range.end }), l.target]),
      [
        ['/guide#intro', uri('articles/guide.md')],
        ['/guide', uri('articles/guide.md')],
      ],
    );
  });

  it('completes routes inside href=""', async () => {
    const end = doc.positionAt(doc.getText().length);
    const insert = { range: { start: end, end }, text: '<a href=""></a>\n' };
    doc = TextDocument.update(doc, [insert], 5);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: 5 }, contentChanges: [insert] });
    const inside = doc.positionAt(doc.getText().lastIndexOf('href=""') + 6);
    const items = (await conn.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position: inside })) as CompletionItem[];
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description, i.detail]),
      [
        ['/', 'Home', 'articles/index.md'],
        ['/guide', 'The Guide', 'articles/guide.md'],
        ['/notes', 'Notes', 'articles/notes.md'],
      ],
    );
    assert.deepEqual(items[1]?.textEdit, { range: { start: inside, end: inside }, newText: '/guide' });
  });

  it('returns the link edits for a page about to be renamed', async () => {
    const edit = (await conn.sendRequest('workspace/willRenameFiles', { files: [{ oldUri: uri('articles/guide.md'), newUri: uri('articles/handbook.md') }] })) as WorkspaceEdit;
    const changes = edit.changes ?? {};
    assert.deepEqual(Object.keys(changes).sort(), [uri('articles/index.md'), uri('articles/notes.md')]);
    const notes = TextDocument.create(uri('articles/notes.md'), 'markdown', 0, PLAIN);
    assert.equal(TextDocument.applyEdits(notes, changes[notes.uri] ?? []), PLAIN.replace('(/guide)', '(/handbook)').replace('"/guide#intro"', '"/handbook#intro"'));
    assert.equal(
      TextDocument.applyEdits(doc, changes[doc.uri] ?? []),
      doc.getText().replace('"/guide#intro"', '"/handbook#intro"').replace('"/guide"', '"/handbook"'),
    );
  });

  it('answers the tree requests', async () => {
    const roots = (await conn.sendRequest('topicPages/tree/roots', {})) as { id: string; label: string; expanded: boolean; targetUri: string }[];
    assert.deepEqual(roots.map((r) => [r.id, r.label, r.expanded, r.targetUri]), [['articles/index.md', 'Home', true, uri('articles/index.md')]]);
    const children = (await conn.sendRequest('topicPages/tree/children', { id: 'articles/index.md' })) as { id: string; label: string; source: { uri: string } }[];
    assert.deepEqual(children.map((c) => [c.id, c.label, c.source.uri]), [
      ['articles/index.md/0', 'Guide', uri('articles/index.md')],
      ['articles/index.md/1', 'The Guide', uri('articles/index.md')],
    ]);
  });

  it('follows workspace folders added and removed while it runs', async () => {
    const second = mkdtempSync(join(tmpdir(), 'topic-pages-lsp-second-'));
    try {
      const broken = '---\nclasses: topic-page\ntitle: Second\ndescription: D.\n---\n<ul class="topic-links">\n  <li><a href="/nowhere">X</a><p>Y.</p></li>\n</ul>\n';
      writeFileSync(join(second, 'index.md'), broken);
      const page = pathToFileURL(join(second, 'index.md')).href;
      await conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(second).href, name: 'second' }], removed: [] } });
      await conn.sendRequest('topicPages/whenIdle', {});
      const p = await nextDiagnostics((d) => d.uri === page && d.diagnostics.length > 0);
      assert.deepEqual(p.diagnostics.map((d) => [d.code, d.message]), [['link-broken', 'No page for route `/nowhere`.']]);
      const roots = (await conn.sendRequest('topicPages/tree/roots', {})) as { id: string }[];
      assert.deepEqual(roots.map((r) => r.id), ['docs:articles/index.md', 'second:index.md']);
      await conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: pathToFileURL(second).href, name: 'second' }] } });
      assert.deepEqual((await nextDiagnostics((d) => d.uri === page && d.diagnostics.length === 0)).diagnostics, []);
      assert.deepEqual(((await conn.sendRequest('topicPages/tree/roots', {})) as { id: string }[]).map((r) => r.id), ['articles/index.md']);
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('shuts down and exits', async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
  });
});

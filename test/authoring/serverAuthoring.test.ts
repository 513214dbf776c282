/**
 * The server's authoring requests over a workspace service (no LSP connection): preview data
 * read through the service (includes read between renders) equals what the engine's own index
 * answers, and edits come back as LSP workspace edits under the page's URI.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertLink, linkedFrom, moveLink, pages, previewData, type AuthoringAccess, type AuthoringFolder } from '../../src/server/authoring';
import { previewContextFromIndex } from '../../src/preview';
import { collectPreviewData } from '../../src/preview/previewData';
import { FIXTURE_CONFIG, FIXTURE_FILES, FIXTURE_PAGE } from '../preview/fixture';
import { engineFor } from '../helpers/memoryHost';
import { serviceFor } from '../helpers/serviceHarness';

const ROOT = 'file:///ws/';

async function accessFor(files: Record<string, string>, open?: { path: string; version: number }): Promise<AuthoringAccess> {
  const h = await serviceFor({ ...files, 'topic-pages.json': JSON.stringify(FIXTURE_CONFIG) });
  if (open) h.service.openDocument(open.path, open.version, files[open.path] ?? '');
  const folder: AuthoringFolder = { service: h.service, uriOf: (path) => ROOT + path };
  return {
    locate: (uri) => (uri.startsWith(ROOT) ? { folder, path: uri.slice(ROOT.length) } : undefined),
    folders: () => [folder],
  };
}

describe('server authoring requests', () => {
  it('previewData: the same answers as the engine\'s index, included files read through the service', async () => {
    const access = await accessFor(FIXTURE_FILES);
    const data = await previewData(access, ROOT + FIXTURE_PAGE);
    const engine = await engineFor(FIXTURE_FILES, FIXTURE_CONFIG);
    const expected = collectPreviewData(previewContextFromIndex(engine.index, { pathOf: () => FIXTURE_PAGE }), FIXTURE_PAGE, FIXTURE_FILES[FIXTURE_PAGE] ?? '');
    assert.deepEqual(data, expected);
    const note = data?.includes[`${FIXTURE_PAGE}\n../_includes/_note`];
    assert.ok(note && 'text' in note, 'the included file was read');
    assert.equal(await previewData(access, 'file:///elsewhere/x.md'), null);
  });

  it('pages, insertLink and moveLink answer with LSP positions under the page\'s URI; linkedFrom lists the link', async () => {
    const access = await accessFor(FIXTURE_FILES);
    assert.ok(pages(access).some((p) => p.uri === ROOT + 'articles/support/tickets.md'));
    const text = FIXTURE_FILES[FIXTURE_PAGE] ?? '';
    const lines = text.split('\n');
    const solaris = lines.findIndex((l) => l.includes('/guides/install/solaris'));
    const added = await insertLink(access, { uri: ROOT + FIXTURE_PAGE, target: ROOT + 'articles/support/tickets.md', position: { line: solaris, character: 10 } });
    const edits = added.edit?.changes?.[ROOT + FIXTURE_PAGE];
    assert.ok(edits && edits.length === 1, added.reason);
    assert.match(edits[0]?.newText ?? '', /<a href="\/support\/tickets">/);
    const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const e = edits[0];
    assert.ok(e);
    const after = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
    assert.match(after, /solaris">Solaris<\/a>\n {6}<\/li>\n {6}<li>\n {8}<i class="icon icon-budicon-695"><\/i><a href="\/support\/tickets">/, 'right after the Solaris item, at its depth');
    const linux = lines.findIndex((l) => l.includes('/guides/install/linux'));
    const linuxAt = { line: linux, character: (lines[linux] ?? '').indexOf('<a ') };
    const solarisAt = { line: solaris, character: (lines[solaris] ?? '').indexOf('<a ') };
    const moved = await moveLink(access, { uri: ROOT + FIXTURE_PAGE, from: solarisAt, beside: linuxAt });
    assert.equal(moved.edit?.changes?.[ROOT + FIXTURE_PAGE]?.length, 2, moved.reason);
    const refused = await moveLink(access, { uri: ROOT + FIXTURE_PAGE, from: { line: 0, character: 0 }, top: true });
    assert.deepEqual(refused, { reason: 'no topic link starts there' });
    const back = await linkedFrom(access, ROOT + 'articles/guides/install/linux.md');
    assert.deepEqual(back.map((b) => `${b.path}:${b.range.start.line} ${b.text} ${b.topicLink}`), [`${FIXTURE_PAGE}:${linux} Linux true`]);
  });

  it('refuses an edit when the editor\'s version of the page is not the one the server holds', async () => {
    const access = await accessFor(FIXTURE_FILES, { path: FIXTURE_PAGE, version: 7 });
    const target = ROOT + 'articles/support/tickets.md';
    const stale = await insertLink(access, { uri: ROOT + FIXTURE_PAGE, target, version: 6 });
    assert.match(stale.reason ?? '', /^The page changed while the edit was being computed/);
    assert.equal(stale.edit, undefined);
    const fresh = await insertLink(access, { uri: ROOT + FIXTURE_PAGE, target, version: 7 });
    assert.ok(fresh.edit, fresh.reason);
    const move = await moveLink(access, { uri: ROOT + FIXTURE_PAGE, from: { line: 0, character: 0 }, top: true, version: 8 });
    assert.match(move.reason ?? '', /^The page changed/);
  });
});

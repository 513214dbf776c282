// The authoring requests of the language server (docs/protocol.md, "Authoring"): preview data,
// the page picker, link insertion and moves as workspace edits, backlinks and orphan pages.
// Each answer comes from the folder's workspace service; edits are never applied here.
import type { Connection, Range as LspRange, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { Authoring, type InsertAt, type PageEditResult } from '../core/service/authoring';
import type { WorkspaceService } from '../core/service/service';
import { LineIndex } from '../core/text';
import { previewContextFromIndex } from '../preview';
import { collectPreviewData, type PreviewData } from '../preview/previewData';

/** What the authoring requests need of the server: its folders, and which folder a URI is in. */
export interface AuthoringAccess {
  locate(uri: string): { folder: AuthoringFolder; path: string } | undefined;
  folders(): readonly AuthoringFolder[];
}

export interface AuthoringFolder {
  readonly service: WorkspaceService;
  uriOf(path: string): string;
}

type Position = { readonly line: number; readonly character: number };

export const AuthoringRequests = {
  previewData: 'topicPages/previewData',
  pages: 'topicPages/pages',
  insertLink: 'topicPages/insertLink',
  moveLink: 'topicPages/moveLink',
  linkedFrom: 'topicPages/linkedFrom',
  orphans: 'topicPages/orphans',
  taxonomyCompletion: 'topicPages/taxonomyCompletion',
  titleActions: 'topicPages/titleActions',
} as const;

export interface TaxonomyItem {
  readonly value: string;
  readonly count: number;
  readonly range: LspRange;
}

export interface TitleActionItem {
  readonly title: string;
  readonly edit: WorkspaceEdit;
}

/** A page of the picker. */
export interface PageItem {
  readonly uri: string;
  readonly path: string;
  readonly title: string;
  readonly route: string;
  readonly description?: string;
  readonly isTopicPage: boolean;
}

/** A link to a page, where it is written. */
export interface LinkedFromItem {
  readonly uri: string;
  readonly path: string;
  /** The title of the page holding the link. */
  readonly title: string;
  readonly range: LspRange;
  readonly text: string;
  readonly href: string;
  readonly topicLink: boolean;
}

export interface OrphanItem {
  readonly uri: string;
  readonly path: string;
  readonly title?: string;
  readonly route?: string;
  readonly isTopicPage: boolean;
}

/** `{ edit }` to apply, or `{ reason }` nothing was done. */
export interface EditAnswer {
  readonly edit?: WorkspaceEdit;
  readonly reason?: string;
}

export interface InsertLinkParams {
  readonly uri: string;
  /** The page to link to. */
  readonly target: string;
  /** The cursor in `uri`: after the topic link holding it. */
  readonly position?: Position;
  /** The start of a tree item's link in `uri`: right after that item. */
  readonly item?: Position;
  /** The editor's version of the open page: the edit is refused when the server holds another one. */
  readonly version?: number;
}

export interface MoveLinkParams {
  readonly uri: string;
  /** The start of the moved item's link (a tree node's `source.range.start`). */
  readonly from: Position;
  /** The start of the new parent item's link; null: the top level. */
  readonly toParent?: Position | null;
  /** The position among the new parent's items (after the move). */
  readonly index?: number;
  /** Instead of toParent/index, a drop: take the place of the item whose link starts here (same list). */
  readonly beside?: Position;
  /** Instead of toParent/index, a drop: become the last item nested under the item whose link starts here. */
  readonly into?: Position;
  /** Instead of toParent/index, a drop: the end of the top level. */
  readonly top?: boolean;
  /** The editor's version of the open page: the edit is refused when the server holds another one. */
  readonly version?: number;
}

const folderAuthoring = new WeakMap<WorkspaceService, Authoring>();
function authoringOf(folder: AuthoringFolder): Authoring {
  let a = folderAuthoring.get(folder.service);
  if (!a) folderAuthoring.set(folder.service, (a = new Authoring(folder.service)));
  return a;
}

/** Why an edit computed now would not fit the editor's text, if it would not. */
function staleReason(folder: AuthoringFolder, path: string, version: number | undefined): string | undefined {
  if (version === undefined) return undefined;
  const held = folder.service.documentVersion(path);
  return held === version ? undefined : 'The page changed while the edit was being computed (or is not checked as you type); save it or try again.';
}

/** The open page an edit request names, checked as the editor's version, with its text's line index. */
async function pageForEdit(access: AuthoringAccess, uri: string, version: number | undefined): Promise<{ at: { folder: AuthoringFolder; path: string }; authoring: Authoring; lines: LineIndex } | { reason: string }> {
  const at = access.locate(uri);
  if (!at) return { reason: 'The page is not in a workspace folder.' };
  const stale = staleReason(at.folder, at.path, version);
  if (stale) return { reason: stale };
  const authoring = authoringOf(at.folder);
  const text = await authoring.textOf(at.path);
  if (text === undefined) return { reason: `${at.path} is not a page of the workspace.` };
  return { at, authoring, lines: new LineIndex(text) };
}

function toEdit(folder: AuthoringFolder, r: PageEditResult): EditAnswer {
  if (!r.ok) return { reason: r.reason };
  const lines = new LineIndex(r.text);
  const edits: LspTextEdit[] = r.edits.map((e) => ({ range: { start: lines.positionAt(e.range.start), end: lines.positionAt(e.range.end) }, newText: e.newText }));
  return { edit: { changes: { [folder.uriOf(r.path)]: edits } } };
}

export async function previewData(access: AuthoringAccess, uri: string): Promise<PreviewData | null> {
  const at = access.locate(uri);
  const index = at?.folder.service.index;
  if (!at || !index || !index.isPagePath(at.path)) return null;
  const authoring = authoringOf(at.folder);
  const text = await authoring.textOf(at.path);
  if (text === undefined) return null;
  // Rendering is synchronous: included files are read between renders until none is missing (includes of includes too).
  const read = new Map<string, string | undefined>();
  for (let pass = 0; ; pass++) {
    const wanted = new Set<string>();
    const context = previewContextFromIndex(index, {
      pathOf: () => at.path,
      readText: (path) => {
        if (!read.has(path)) wanted.add(path);
        return read.get(path);
      },
    });
    const data = collectPreviewData(context, at.path, text);
    if (wanted.size === 0 || pass >= 8) return data;
    for (const path of wanted) read.set(path, await authoring.textOf(path));
  }
}

export function pages(access: AuthoringAccess): PageItem[] {
  return access.folders().flatMap((f) =>
    authoringOf(f)
      .pages()
      .map((p) => ({ uri: f.uriOf(p.path), path: p.path, title: p.title, route: p.route, ...(p.description !== undefined ? { description: p.description } : {}), isTopicPage: p.isTopicPage })),
  );
}

export async function insertLink(access: AuthoringAccess, p: InsertLinkParams): Promise<EditAnswer> {
  const page0 = access.locate(p.uri);
  const target = access.locate(p.target);
  if (!page0 || !target) return { reason: 'The page is not in a workspace folder.' };
  if (target.folder !== page0.folder) return { reason: 'The pages are in different workspace folders.' };
  const page = await pageForEdit(access, p.uri, p.version);
  if ('reason' in page) return page;
  const { at, authoring, lines } = page;
  const where: InsertAt = p.position ? { cursor: lines.offsetAt(p.position) } : p.item ? { item: lines.offsetAt(p.item) } : { end: true };
  return toEdit(at.folder, await authoring.insertLink(at.path, where, target.path));
}

export async function moveLink(access: AuthoringAccess, p: MoveLinkParams): Promise<EditAnswer> {
  const page = await pageForEdit(access, p.uri, p.version);
  if ('reason' in page) return page;
  const { at, authoring, lines } = page;
  const from = lines.offsetAt(p.from);
  if (p.beside) return toEdit(at.folder, await authoring.moveLinkTo(at.path, from, { beside: lines.offsetAt(p.beside) }));
  if (p.into) return toEdit(at.folder, await authoring.moveLinkTo(at.path, from, { into: lines.offsetAt(p.into) }));
  if (p.top) return toEdit(at.folder, await authoring.moveLinkTo(at.path, from, { top: true }));
  if (p.index === undefined) return { reason: 'No destination: give toParent and index, beside, into or top.' };
  return toEdit(at.folder, await authoring.moveLink(at.path, from, p.toParent ? lines.offsetAt(p.toParent) : null, p.index));
}

export async function linkedFrom(access: AuthoringAccess, uri: string): Promise<LinkedFromItem[]> {
  const at = access.locate(uri);
  if (!at) return [];
  const authoring = authoringOf(at.folder);
  const index = at.folder.service.index;
  const lines = new Map<string, LineIndex>();
  const links = await authoring.linksTo(at.path);
  for (const b of links) if (!lines.has(b.path)) lines.set(b.path, new LineIndex((await authoring.textOf(b.path)) ?? ''));
  return links.map((b) => {
    const l = lines.get(b.path) ?? new LineIndex('');
    const summary = index?.summary(b.path);
    return {
      uri: at.folder.uriOf(b.path),
      path: b.path,
      title: summary?.title?.trim() || summary?.heading || b.path,
      range: { start: l.positionAt(b.range.start), end: l.positionAt(b.range.end) },
      text: b.text,
      href: b.href,
      topicLink: b.topicLink,
    };
  });
}

export async function orphans(access: AuthoringAccess): Promise<OrphanItem[]> {
  const all = await Promise.all(access.folders().map(async (f) => ({ f, list: await authoringOf(f).orphans() })));
  return all.flatMap(({ f, list }) =>
    list.map((o) => ({ uri: f.uriOf(o.path), path: o.path, ...(o.title !== undefined ? { title: o.title } : {}), ...(o.route !== undefined ? { route: o.route } : {}), isTopicPage: o.isTopicPage })),
  );
}

export async function taxonomyCompletion(access: AuthoringAccess, uri: string, position: Position): Promise<TaxonomyItem[]> {
  const at = access.locate(uri);
  if (!at) return [];
  const authoring = authoringOf(at.folder);
  const text = await authoring.textOf(at.path);
  if (text === undefined) return [];
  const lines = new LineIndex(text);
  return (await authoring.taxonomyCompletion(at.path, lines.offsetAt(position))).map((c) => ({
    value: c.value,
    count: c.count,
    range: { start: lines.positionAt(c.range.start), end: lines.positionAt(c.range.end) },
  }));
}

export async function titleActions(access: AuthoringAccess, uri: string, position: Position): Promise<TitleActionItem[]> {
  const at = access.locate(uri);
  if (!at) return [];
  const authoring = authoringOf(at.folder);
  const text = await authoring.textOf(at.path);
  if (text === undefined) return [];
  const actions = await authoring.titleActions(at.path, new LineIndex(text).offsetAt(position));
  return actions.map((a) => {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const page of a.edits) {
      const lines = new LineIndex(page.text);
      changes[at.folder.uriOf(page.path)] = page.edits.map((e) => ({ range: { start: lines.positionAt(e.range.start), end: lines.positionAt(e.range.end) }, newText: e.newText }));
    }
    return { title: a.title, edit: { changes } };
  });
}

/** Registers the authoring requests on the server's connection. */
export function registerAuthoring(connection: Connection, access: AuthoringAccess): void {
  connection.onRequest(AuthoringRequests.previewData, (p: { uri: string }) => previewData(access, p.uri));
  connection.onRequest(AuthoringRequests.pages, () => pages(access));
  connection.onRequest(AuthoringRequests.insertLink, (p: InsertLinkParams) => insertLink(access, p));
  connection.onRequest(AuthoringRequests.moveLink, (p: MoveLinkParams) => moveLink(access, p));
  connection.onRequest(AuthoringRequests.linkedFrom, (p: { uri: string }) => linkedFrom(access, p.uri));
  connection.onRequest(AuthoringRequests.orphans, () => orphans(access));
  connection.onRequest(AuthoringRequests.taxonomyCompletion, (p: { uri: string; position: Position }) => taxonomyCompletion(access, p.uri, p.position));
  connection.onRequest(AuthoringRequests.titleActions, (p: { uri: string; position: Position }) => titleActions(access, p.uri, p.position));
}

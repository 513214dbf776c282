/**
 * Authoring on a workspace service: the pages a writer can link to, where a new link goes,
 * moving links, who links to a page and which pages nothing reaches. Each edit is computed on
 * the page's current text (the open document's, else the indexed copy) as text edits, which
 * the editor applies as one undoable change.
 */
import { addressAt, insertTopicLink, linkTargetFor, moveTopicLink, topicLinkAt, type EditResult, type LinkPosition } from '../authoring/linkEdits';
import { LinkGraph, type Backlink, type Orphan } from '../authoring/reach';
import { TAXONOMY_FIELDS, taxonomy, type TaxonomyField, type TaxonomyFieldUse } from '../authoring/taxonomy';
import { titleChangeEdits, type PageEdits } from '../authoring/titleEdits';
import { decodeFile } from '../engine';
import { frontMatterContext } from '../features/completionContext';
import { parseFrontMatter } from '../frontMatter';
import type { Range } from '../types';
import { allTopicLinks, parsePage, type Page, type TopicLink } from '../page';
import type { TextEdit } from '../types';
import type { WorkspaceIndex } from '../workspace';
import type { WorkspaceService } from './service';

/** A page a link can point to, as the picker lists it. */
export interface PageChoice {
  readonly path: string;
  readonly title: string;
  readonly route: string;
  readonly description: string | undefined;
  readonly isTopicPage: boolean;
}

/** An edit to one page (`text`: the text the edits apply to), or why there is none. */
export type PageEditResult = { readonly ok: true; readonly path: string; readonly text: string; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly reason: string };

/** A completion of a taxonomy value in front matter: a value in use elsewhere, with how many pages use it. */
export interface TaxonomyCompletion {
  readonly value: string;
  readonly count: number;
  readonly range: Range;
}

/** "Update the text of N links to this page": the edits on every page, with the text they apply to. */
export interface TitleAction {
  readonly title: string;
  readonly field: 'title' | 'description';
  readonly count: number;
  readonly edits: readonly (PageEdits & { readonly text: string })[];
}

/** How long the workspace's taxonomy (read from every page) is reused for completion. */
const TAXONOMY_TTL_MS = 10_000;

/** Where an insertion goes on a page: at a cursor offset, after the link starting at an offset (a tree item), or at the end. */
export type InsertAt = { readonly cursor: number } | { readonly item: number } | { readonly end: true };

/**
 * How long backlinks and orphans wait for a first load to index every page's links before they read
 * and parse the pages not indexed yet themselves (a load that never ends must not hold a view forever).
 */
const BODIES_WAIT_MS = 20_000;

export class Authoring {
  /** `bodiesWaitMs`: see BODIES_WAIT_MS. */
  constructor(
    private readonly service: WorkspaceService,
    private readonly bodiesWaitMs = BODIES_WAIT_MS,
  ) {}

  /**
   * During a first load the pages' links are indexed as they are checked: what needs every page's
   * links waits for them (at most bodiesWaitMs) rather than read and parse every page again.
   */
  private async bodiesIndexed(): Promise<void> {
    await this.service.whenBodiesIndexed(this.bodiesWaitMs);
  }

  private get index(): WorkspaceIndex | undefined {
    return this.service.index;
  }

  /** The text the editor shows for `path`: the open document's, else the file's. */
  async textOf(path: string): Promise<string | undefined> {
    return this.service.currentText(path) ?? (await this.service.readText(path));
  }

  /** The texts of `paths`, read (a few at a time) into a map for the synchronous LinkGraph. */
  private async texts(paths: Iterable<string>): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const queue = [...paths];
    const worker = async (): Promise<void> => {
      for (let p = queue.pop(); p !== undefined; p = queue.pop()) {
        const text = await this.textOf(p);
        if (text !== undefined) out.set(p, text);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return out;
  }

  /** Every routed page of the workspace, sorted by title. */
  pages(): PageChoice[] {
    const index = this.index;
    if (!index) return [];
    const out: PageChoice[] = [];
    for (const path of index.pagePaths()) {
      const target = linkTargetFor(index, path);
      if (!target) continue;
      out.push({ path, title: target.title, route: target.route, description: target.description, isTopicPage: index.summary(path)?.isTopicPage ?? false });
    }
    return out.sort((a, b) => a.title.localeCompare(b.title) || a.path.localeCompare(b.path));
  }

  /** The edits that add a link to the page `targetPath` on the page `path`, at `at`. */
  async insertLink(path: string, at: InsertAt, targetPath: string): Promise<PageEditResult> {
    const index = this.index;
    const text = await this.textOf(path);
    if (!index || text === undefined) return { ok: false, reason: `${path} is not a page of the workspace` };
    const target = linkTargetFor(index, targetPath);
    if (!target) return { ok: false, reason: `${targetPath} is not a page with a route` };
    const page = parsePage(path, text);
    const position = insertPosition(page, at);
    return withPath(path, text, insertTopicLink(text, path, position, target));
  }

  /**
   * The edits that move the topic link starting at offset `from` (a tree item's link) to `index`
   * among the children of the link starting at `toParent` (null: the top level) on the page `path`.
   */
  async moveLink(path: string, from: number, toParent: number | null, index: number): Promise<PageEditResult> {
    const text = await this.textOf(path);
    if (text === undefined) return { ok: false, reason: `${path} is not a page of the workspace` };
    const page = parsePage(path, text);
    const fromAddress = addressAt(page, from);
    if (fromAddress === undefined) return { ok: false, reason: 'no topic link starts there' };
    const parentAddress = toParent === null ? null : addressAt(page, toParent);
    if (parentAddress === undefined) return { ok: false, reason: 'the drop target is not a topic link of the same page' };
    return withPath(path, text, moveTopicLink(text, path, fromAddress, parentAddress, index));
  }

  /**
   * Moves the topic link starting at offset `from` on the page `path`, as a drop in a tree does:
   * `beside` an item of the same list (it takes that item's place: after it when moving down,
   * before it when moving up), `into` an item (its last child; the `<ul>` is created when
   * missing), or to the end of the `top` level.
   */
  async moveLinkTo(path: string, from: number, to: { readonly beside: number } | { readonly into: number } | { readonly top: true }): Promise<PageEditResult> {
    const text = await this.textOf(path);
    if (text === undefined) return { ok: false, reason: `${path} is not a page of the workspace` };
    const page = parsePage(path, text);
    const fromAddress = addressAt(page, from);
    if (fromAddress === undefined) return { ok: false, reason: 'no topic link starts there' };
    let parent: string | null;
    let index: number;
    if ('top' in to) {
      parent = null;
      index = page.topicLinks.filter((t) => t !== topicLinkAt(page, fromAddress)).length;
    } else {
      const target = addressAt(page, 'beside' in to ? to.beside : to.into);
      if (target === undefined) return { ok: false, reason: 'the drop target is not a topic link of the same page' };
      if ('beside' in to) {
        const parts = target.split('/');
        index = Number(parts.pop());
        parent = parts.length > 0 ? parts.join('/') : null;
      } else {
        parent = target;
        const moved = topicLinkAt(page, fromAddress);
        index = (topicLinkAt(page, target)?.children ?? []).filter((t) => t !== moved).length;
      }
    }
    return withPath(path, text, moveTopicLink(text, path, fromAddress, parent, index));
  }

  private taxonomyCache: { at: number; uses: TaxonomyFieldUse[] } | undefined;

  /** The taxonomy values in use across the workspace (reused for a few seconds: completion asks on every key). */
  async taxonomy(now = Date.now()): Promise<TaxonomyFieldUse[]> {
    const index = this.index;
    if (!index) return [];
    if (this.taxonomyCache && now - this.taxonomyCache.at < TAXONOMY_TTL_MS) return this.taxonomyCache.uses;
    const texts = await this.texts(index.pagePaths());
    const uses = taxonomy(index, (p) => texts.get(p));
    this.taxonomyCache = { at: now, uses };
    return uses;
  }

  /** Values of `topics`, `contentType` or `useCase` in use, when the cursor is on such a front-matter value. */
  async taxonomyCompletion(path: string, offset: number): Promise<TaxonomyCompletion[]> {
    const text = await this.textOf(path);
    if (text === undefined) return [];
    const at = frontMatterContext(text, offset);
    if (!at || at.kind !== 'value' || !(TAXONOMY_FIELDS as readonly string[]).includes(at.key)) return [];
    const field = (await this.taxonomy()).find((f) => f.field === (at.key as TaxonomyField));
    const mine = new Set(fieldValuesOf(text, at.key));
    return (field?.values ?? []).filter((v) => !mine.has(v.value) || v.value === at.typed).map((v) => ({ value: v.value, count: v.count, range: at.replace }));
  }

  /**
   * On the `title:` or `description:` line of a page whose value differs from the saved file's:
   * the edits that carry the new value into the topic links to this page whose text (or `<p>`)
   * still equals the old one.
   */
  async titleActions(path: string, offset: number): Promise<TitleAction[]> {
    const index = this.index;
    const text = await this.textOf(path);
    if (!index || text === undefined) return [];
    const entry = parseFrontMatter(text)?.entries.find((e) => (e.key === 'title' || e.key === 'description') && e.keyRange.start <= offset && offset <= (e.valueRange?.end ?? e.keyRange.end));
    if (!entry || typeof entry.value !== 'string') return [];
    const saved = await this.service.host.readFile(path);
    const decoded = 'bytes' in saved ? decodeFile(saved.bytes) : undefined;
    const old = decoded && 'text' in decoded ? parseFrontMatter(decoded.text)?.data[entry.key] : undefined;
    if (typeof old !== 'string' || old.trim() === entry.value.trim()) return [];
    const field = entry.key as 'title' | 'description';
    const pages: { path: string; text: string }[] = [];
    for (const p of this.service.backlinks(path)) {
      const t = await this.textOf(p);
      if (t !== undefined) pages.push({ path: p, text: t });
    }
    const edits = titleChangeEdits(index, pages, path, field === 'title' ? { oldTitle: old } : { oldDescription: old }, entry.value);
    const count = edits.reduce((n, e) => n + e.edits.length, 0);
    if (count === 0) return [];
    const textOfPage = new Map(pages.map((p) => [p.path, p.text]));
    return [
      {
        title: `Update the text of ${count} link${count === 1 ? '' : 's'} to this page`,
        field,
        count,
        edits: edits.map((e) => ({ ...e, text: textOfPage.get(e.path) ?? '' })),
      },
    ];
  }

  /** The links to the page at `path` from every page of the workspace (only the pages the backlink index names are read). */
  async linksTo(path: string): Promise<Backlink[]> {
    await this.bodiesIndexed();
    const index = this.index;
    if (!index) return [];
    const texts = await this.texts(this.service.backlinks(path));
    return new LinkGraph(index, (p) => texts.get(p)).linksTo(path);
  }

  /** Pages under the docs root no topic page reaches (reads every page). */
  async orphans(): Promise<Orphan[]> {
    await this.bodiesIndexed();
    const index = this.index;
    if (!index) return [];
    const texts = await this.texts(index.pagePaths());
    return new LinkGraph(index, (p) => texts.get(p)).orphans();
  }
}

function fieldValuesOf(text: string, key: string): string[] {
  const value = parseFrontMatter(text)?.data[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

function withPath(path: string, text: string, r: EditResult): PageEditResult {
  return r.ok ? { ok: true, path, text, edits: r.edits } : r;
}

/**
 * Where a new link goes. At a cursor: after the innermost topic link holding it, else at its
 * place in the top-level list holding it, else at the end of the top level. After a tree item:
 * right after that item. Else: at the end of the top level.
 */
export function insertPosition(page: Page, at: InsertAt): LinkPosition {
  const end: LinkPosition = { parent: null, index: page.topicLinks.length };
  if ('end' in at) return end;
  if ('item' in at) {
    const address = addressAt(page, at.item);
    return address === undefined ? end : after(address);
  }
  const offset = at.cursor;
  let best: { link: TopicLink; address: string } | undefined;
  for (const link of allTopicLinks(page.topicLinks)) {
    if (link.range.start <= offset && offset <= link.range.end && (!best || link.range.start >= best.link.range.start)) {
      const address = addressAt(page, link.link?.range.start ?? link.range.start) ?? addressAt(page, link.range.start);
      if (address !== undefined) best = { link, address };
    }
  }
  if (best) return after(best.address);
  const inList = page.topicLists.some((l) => l.openTag.start <= offset && offset <= l.end);
  if (inList) return { parent: null, index: page.topicLinks.filter((t) => t.range.start < offset).length };
  return end;
}

function after(address: string): LinkPosition {
  const parts = address.split('/');
  const last = Number(parts.pop());
  return { parent: parts.length > 0 ? parts.join('/') : null, index: last + 1 };
}

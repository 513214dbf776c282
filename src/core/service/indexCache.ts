import type { Range } from '../types';
import type { OutlineItem, PageSummary } from '../workspace';

/**
 * The index a session leaves for the next one: each page's summary and link keys with the
 * stamp of the file they were read from (size and modification time). At start-up a page whose
 * stamp is unchanged is indexed from here without being read, so the tree and every link
 * resolve at once; every page is still read and checked afterwards, and a page found different
 * then is indexed again (a stale entry costs a moment, never a wrong result for long).
 */
export interface CachedIndex {
  /** What the summaries were computed under (format, product version, docs root, site bases). */
  readonly key: string;
  readonly pages: readonly CachedPage[];
}

export interface CachedPage {
  readonly stamp: string;
  readonly summary: PageSummary;
  /** Its backlink keys (see BacklinkIndex). */
  readonly links: readonly string[];
}

/** Where a session's index is kept between sessions (a file in the editor's storage folder). */
export interface IndexStore {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** Bumped whenever PageSummary or the encoding changes shape. */
export const INDEX_CACHE_FORMAT = 1;

type EncodedOutline = [text: string, href: string, kind: OutlineItem['kind'], start: number, end: number, children: EncodedOutline[]];
type EncodedPage = [
  stamp: string,
  path: string,
  route: string | null,
  url: string | null,
  title: string | null,
  heading: string | null,
  description: string | null,
  isTopicPage: boolean,
  anchors: string[],
  outline: EncodedOutline[],
  links: string[],
];

/** Outlines nested deeper than this are left out (their pages are read at start-up as without a cache). */
export const MAX_CACHED_DEPTH = 64;

/** The text a store keeps: compact JSON (arrays, not objects: a fifth of the size). */
export function encodeIndex(index: CachedIndex): string {
  const pages: EncodedPage[] = index.pages.filter((p) => outlineDepth(p.summary.outline) <= MAX_CACHED_DEPTH).map(({ stamp, summary: s, links }) => [
    stamp,
    s.path,
    s.route ?? null,
    s.url ?? null,
    s.title ?? null,
    'heading' in s && s.heading !== undefined ? s.heading : null,
    s.description ?? null,
    s.isTopicPage,
    [...s.anchors],
    s.outline.map(encodeOutline),
    [...links],
  ]);
  return JSON.stringify({ key: index.key, pages });
}

function outlineDepth(items: readonly OutlineItem[]): number {
  let max = 0;
  const stack: [readonly OutlineItem[], number][] = [[items, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [list, depth] = next;
    for (const item of list) {
      max = Math.max(max, depth);
      if (item.children.length > 0) stack.push([item.children, depth + 1]);
    }
  }
  return max;
}

function encodeOutline(item: OutlineItem): EncodedOutline {
  return [item.text, item.href, item.kind, item.range.start, item.range.end, item.children.map(encodeOutline)];
}

const KINDS: ReadonlySet<string> = new Set<OutlineItem['kind']>(['html', 'markdown', 'include', 'none']);

/**
 * Reads what `encodeIndex` wrote, checking every field: a cache file is outside input (truncated
 * by a crash, written by another version, edited by hand), so anything unexpected gives
 * undefined, never a throw or a half-read index.
 */
export function decodeIndex(text: string): CachedIndex | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(raw) || typeof raw['key'] !== 'string' || !Array.isArray(raw['pages'])) return undefined;
  const pages: CachedPage[] = [];
  for (const p of raw['pages'] as unknown[]) {
    const page = decodePage(p);
    if (!page) return undefined;
    pages.push(page);
  }
  return { key: raw['key'], pages };
}

function decodePage(p: unknown): CachedPage | undefined {
  if (!Array.isArray(p) || p.length !== 11) return undefined;
  const [stamp, path, route, url, title, heading, description, isTopicPage, anchors, outline, links] = p as unknown[];
  if (typeof stamp !== 'string' || typeof path !== 'string' || path === '') return undefined;
  if (!isOptionalString(route) || !isOptionalString(url) || !isOptionalString(title) || !isOptionalString(heading) || !isOptionalString(description)) return undefined;
  if (typeof isTopicPage !== 'boolean' || !isStringArray(anchors) || !isStringArray(links) || !Array.isArray(outline)) return undefined;
  const items: OutlineItem[] = [];
  for (const o of outline) {
    const item = decodeOutline(o);
    if (!item) return undefined;
    items.push(item);
  }
  const summary: PageSummary = {
    path,
    route: route ?? undefined,
    url: url ?? undefined,
    title: title ?? undefined,
    // As the index makes them: a heading is there (maybe undefined) exactly when the title is blank.
    ...(title?.trim() ? {} : { heading: heading ?? undefined }),
    description: description ?? undefined,
    isTopicPage,
    anchors: new Set(anchors),
    outline: items,
  };
  return { stamp, summary, links };
}

/** Iterative, so a page nested thousands deep (hostile input) cannot overflow the stack. */
function decodeOutline(o: unknown): OutlineItem | undefined {
  type Mutable = { text: string; href: string; kind: OutlineItem['kind']; range: Range; children: OutlineItem[] };
  const make = (x: unknown): Mutable | undefined => {
    if (!Array.isArray(x) || x.length !== 6) return undefined;
    const [text, href, kind, start, end, children] = x as unknown[];
    if (typeof text !== 'string' || typeof href !== 'string' || typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
    if (!isOffset(start) || !isOffset(end) || end < start || !Array.isArray(children)) return undefined;
    return { text, href, kind: kind as OutlineItem['kind'], range: { start, end }, children: [] };
  };
  const root = make(o);
  if (!root) return undefined;
  const stack: [unknown, Mutable][] = [[o, root]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [raw, item] = next;
    for (const c of (raw as unknown[])[5] as unknown[]) {
      const child = make(c);
      if (!child) return undefined;
      item.children.push(child);
      stack.push([c, child]);
    }
  }
  return root;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isOptionalString(x: unknown): x is string | null {
  return x === null || typeof x === 'string';
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

function isOffset(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

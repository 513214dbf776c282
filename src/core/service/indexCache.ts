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
  /** What the findings were computed under: the format, the product version and every setting. */
  readonly checkKey: string;
  /** The workspace's other files (not pages), whose coming or going can change findings. */
  readonly files: readonly string[];
  readonly pages: readonly CachedPage[];
}

export interface CachedPage {
  readonly stamp: string;
  /** `contentHash` of the bytes the summary was made from: a page whose stamp missed a change is caught when read. */
  readonly hash: number;
  readonly summary: PageSummary;
  /** Its backlink keys (see BacklinkIndex). */
  readonly links: readonly string[];
  /** The routes and files its check looked up (its dependency keys), with the findings that check gave. */
  readonly checked?: { readonly deps: readonly string[]; readonly findings: readonly CachedFinding[] } | undefined;
}

/** A finding as the Problems panel and the counts need it (fixes are computed again when the page is opened). */
export interface CachedFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** Where a session's index is kept between sessions (a file in the editor's storage folder). */
export interface IndexStore {
  read(): Promise<string | undefined>;
  /** Replaces what is kept with the text of `chunks`, whole or not at all. */
  write(chunks: Iterable<string>): Promise<void>;
}

/** Bumped whenever PageSummary or the encoding changes shape. */
export const INDEX_CACHE_FORMAT = 2;

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
  deps: string[] | null,
  findings: [ruleId: string, severity: CachedFinding['severity'], start: number, end: number, message: string][] | null,
  hash: number,
];

/** Outlines nested deeper than this are left out (their pages are read at start-up as without a cache). */
export const MAX_CACHED_DEPTH = 64;

/**
 * The text a store keeps: JSON lines, a header (keys, other files) then a page per line, each a
 * compact array (a fifth of the size of objects). Lines let a reader parse it a page at a time.
 */
export function encodeIndex(index: CachedIndex): string {
  return [...encodeIndexChunks(index)].join('');
}

/**
 * The same text, a page at a time: a store writes it as it comes, so a large workspace's index
 * never sits in memory as one string (tens of megabytes) beside the arrays it is made from.
 */
export function* encodeIndexChunks(index: CachedIndex): Generator<string> {
  yield JSON.stringify({ key: index.key, checkKey: index.checkKey, files: index.files });
  for (const { stamp, hash, summary: s, links, checked } of index.pages) {
    if (outlineDepth(s.outline) > MAX_CACHED_DEPTH) continue;
    const page: EncodedPage = [
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
      checked ? [...checked.deps] : null,
      checked ? checked.findings.map((f) => [f.ruleId, f.severity, f.start, f.end, f.message]) : null,
      hash,
    ];
    yield '\n' + JSON.stringify(page);
  }
  yield '\n';
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
  const steps = decodeIndexInSteps(text);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same, a page per step: a caller that must stay responsive (a language server answering
 * keystrokes) yields between steps. Returns the index, or undefined for anything unexpected.
 */
export function* decodeIndexInSteps(text: string): Generator<void, CachedIndex | undefined> {
  let start = 0;
  const nextLine = (): string | undefined => {
    if (start >= text.length) return undefined;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    return line;
  };
  const header = parseJson(nextLine());
  if (!isObject(header) || typeof header['key'] !== 'string' || typeof header['checkKey'] !== 'string' || !isStringArray(header['files'])) return undefined;
  const pages: CachedPage[] = [];
  // The text must end with a line break: a file cut short loses its last page, which is caught.
  if (!text.endsWith('\n')) return undefined;
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    if (line === '') continue;
    const page = decodePage(parseJson(line));
    if (!page) return undefined;
    pages.push(page);
    yield;
  }
  return { key: header['key'], checkKey: header['checkKey'], files: header['files'], pages };
}

function parseJson(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function decodePage(p: unknown): CachedPage | undefined {
  if (!Array.isArray(p) || p.length !== 14) return undefined;
  const [stamp, path, route, url, title, heading, description, isTopicPage, anchors, outline, links, deps, findings, hash] = p as unknown[];
  if (typeof stamp !== 'string' || typeof path !== 'string' || path === '' || !isOffset(hash) || hash > 0xffffffff) return undefined;
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
  if ((deps === null) !== (findings === null)) return undefined;
  if (deps === null) return { stamp, hash, summary, links };
  if (!isStringArray(deps) || !Array.isArray(findings)) return undefined;
  const decoded: CachedFinding[] = [];
  for (const f of findings) {
    if (!Array.isArray(f) || f.length !== 5) return undefined;
    const [ruleId, severity, start, end, message] = f as unknown[];
    if (typeof ruleId !== 'string' || !SEVERITIES.has(severity as string) || !isOffset(start) || !isOffset(end) || end < start || typeof message !== 'string') return undefined;
    decoded.push({ ruleId, severity: severity as CachedFinding['severity'], start, end, message });
  }
  return { stamp, hash, summary, links, checked: { deps, findings: decoded } };
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info']);

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

/** FNV-1a over the bytes (32 bits): cheap next to a parse, enough to tell a changed file from an unchanged one. */
export function contentHash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

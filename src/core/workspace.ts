import { posix } from 'node:path';
import { compileGlob } from './linearRegExp';
import { PageKeyIndex } from './pageKeys';
import { distance } from 'fastest-levenshtein';
import { pageHeading, parsePage, topicItemLabel, type FrontMatterFacts, type Page, type PageLink, type TopicLink } from './page';
import { Redirects, type Redirect } from './redirects';
import { resolveLink, type LinkResolution, type RouteLookup } from './resolve';
import { lastSegment, normalizeRoute, parentRoute, routeOfFile } from './routes';
import { detached } from './text';
import type { Range, SeveritySetting } from './types';

/** Everything the engine needs to know about a workspace, resolved from its config. */
export interface Settings {
  /** Folder routes resolve against, relative to the workspace root, no trailing slash ('' for the root). */
  readonly docsRoot: string;
  readonly siteBases: readonly string[];
  readonly redirects: readonly Redirect[];
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  /** A JSON Schema replacing the built-in front-matter schema. */
  readonly frontMatterSchema: object | undefined;
  readonly ignore: readonly string[];
  readonly maxFileSize: number;
  /** Allowed values per taxonomy field (`topics`, `contentType`, `useCase`), from the config's `vocabulary` file. */
  readonly vocabulary?: Readonly<Partial<Record<string, readonly string[]>>> | undefined;
}

export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

export function defaultSettings(overrides: Partial<Settings> = {}): Settings {
  return { docsRoot: '', siteBases: [], redirects: [], severities: {}, frontMatterSchema: undefined, ignore: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, ...overrides };
}

/** A topic link as the hierarchy sees it. */
export interface OutlineItem {
  readonly text: string;
  readonly href: string;
  readonly kind: PageLink['kind'] | 'none';
  readonly range: Range;
  readonly children: readonly OutlineItem[];
}

/** What the index keeps of each page: enough to resolve links and build the tree. */
export interface PageSummary {
  readonly path: string;
  /** The route its file location gives it; undefined for partials (`_name.md`). */
  readonly route: string | undefined;
  /** Its `url:` route, when that differs from `route`. */
  readonly url: string | undefined;
  readonly title: string | undefined;
  /** The page's heading (header `<h1>` or first `# Heading`), kept only when it has no `title`: the tree labels it so. */
  readonly heading?: string | undefined;
  readonly description: string | undefined;
  readonly isTopicPage: boolean;
  readonly anchors: ReadonlySet<string>;
  readonly outline: readonly OutlineItem[];
}

/**
 * What a rule may ask of the workspace: lookups, never a change. The index records each lookup as
 * a dependency of the page being checked; rules neither see nor steer that.
 */
export interface IndexView {
  readonly settings: Settings;
  /** What the index keeps of the page at `path`, if it is an indexed page. */
  summary(path: string): PageSummary | undefined;
  /** Files serving `route` directly: by their location, and by a `url:` override. */
  filesForRoute(route: string): { readonly byFile: readonly string[]; readonly byUrl: readonly string[] };
  /** Routes that look like `route` (a few edits away, or the same page name elsewhere), best first. */
  suggestRoutes(route: string, max?: number): string[];
  /** An include path written on `fromPath`, resolved relative to it. */
  resolveInclude(includePath: string, fromPath: string): { readonly target: string | undefined; readonly outside: boolean; readonly tried: readonly string[] };
}

/**
 * The workspace index: every file, every page's summary and text, routes,
 * and which page depends on which route, so that a change re-checks only
 * the pages it can affect.
 */
export class WorkspaceIndex implements RouteLookup, IndexView {
  private readonly files = new Set<string>();
  private readonly texts = new Map<string, string>();
  private readonly summaries = new Map<string, PageSummary>();
  private readonly byFileRoute = new Map<string, string[]>();
  private readonly byUrlRoute = new Map<string, string[]>();
  /** The routes and files each page looked up while checked, and who looked up each. */
  private readonly dependencies = new PageKeyIndex();
  private readonly redirectTable: Redirects;
  private readonly isIgnored: (path: string) => boolean;
  private siblings: Map<string, string[]> | undefined;
  private bySegment: Map<string, string[]> | undefined;
  private readonly lowerRoutes = new Map<string, string>();
  /** Suggestions by route and count; cleared whenever a route comes or goes. */
  private readonly suggestionCache = new Map<string, string[]>();
  private recording: Set<string> | undefined;
  /** Pages known by name only (skipped: binary, too large, unreadable): their routes still resolve. */
  private readonly unread = new Map<string, PageSummary>();
  /** Pages indexed by their front matter alone (`setFrontMatterSummary`): their bodies are not known yet. */
  private readonly bodiless = new Set<string>();
  /**
   * A clock that moves forward whenever what a link resolves to can change: a route's files (a page
   * serving it came or went, or changed places in its list) or the set of files (include keys).
   * `resolveKept` checks a kept answer against when each route, and the file set, last changed.
   */
  private clock = 0;
  private readonly routeChangedAt = new Map<string, number>();
  private filesChangedAt = 0;
  /** Where links the index keeps resolving lead (the tree's outline items), by the link object. */
  private readonly kept = new WeakMap<object, KeptEntry>();

  /**
   * `keepTexts: false` keeps summaries only (a long-running service re-reads a closed page
   * when it checks it); the CLI keeps every text it loaded.
   */
  constructor(readonly settings: Settings, private readonly keepTexts = true) {
    this.redirectTable = new Redirects(settings.redirects, normalizeRoute);
    // Globs run in linear time (a glob that cannot is reported by loadSettings and left out);
    // each path is matched once.
    const matchers = settings.ignore.map(compileGlob).filter((m) => typeof m === 'function');
    const ignored = new Map<string, boolean>();
    this.isIgnored = (p) => {
      let hit = ignored.get(p);
      if (hit === undefined) ignored.set(p, (hit = matchers.some((m) => m(p))));
      return hit;
    };
  }

  get siteBases(): readonly string[] {
    return this.settings.siteBases;
  }

  /** True when `path` is a Markdown file under the docs root that is not ignored. */
  isPagePath(path: string): boolean {
    if (!/\.md$/i.test(path) || this.isIgnored(path)) return false;
    return this.settings.docsRoot === '' || path.startsWith(this.settings.docsRoot + '/');
  }

  ignores(path: string): boolean {
    return this.isIgnored(path);
  }

  /** Adds or replaces a file. Returns the pages whose findings may have changed (sorted). */
  setFile(path: string, text?: string): string[] {
    const isNew = !this.files.has(path);
    this.addFile(path);
    if (text === undefined || !this.isPagePath(path)) {
      if (text === undefined) this.addUnread(path);
      return isNew ? this.dependentsOf(this.keysOfPath(path, undefined)) : [];
    }
    const page = parsePage(path, text);
    return this.setParsedPage(page, isNew);
  }

  /** Like setFile, for a page the caller already parsed. */
  setParsedPage(page: Page, isNew = !this.files.has(page.path)): string[] {
    const path = page.path;
    this.addFile(path);
    const before = this.summaries.get(path);
    // The same list as before keeps its items: what was resolved for them (`resolveKept`) still holds.
    const after = summarize(page, this.routeOf(path), before?.outline);
    // No check used a bodiless summary's anchors (a check that asked for them waited): only what its front matter said can have changed.
    const wasBodiless = this.bodiless.delete(path);
    if (this.keepTexts) this.texts.set(path, page.text);
    this.summaries.set(path, after);
    this.replaceRoutes(before, after);
    const affected = new Set<string>([path]);
    // While loading, no page has been checked yet: nothing depends on anything.
    if (this.dependencies.keyCount > 0 && (isNew || !before || (wasBodiless ? factsChanged(before, after) : summaryChanged(before, after)))) {
      for (const p of this.dependentsOf([...this.keysOfPath(path, before), ...this.keysOfPath(path, after)])) affected.add(p);
    }
    return [...affected].filter((p) => this.summaries.has(p)).sort();
  }

  /**
   * Adds a page by its summary alone, as an earlier session's kept index holds it: links to it
   * resolve and the tree sees it; its text is read when it is checked.
   */
  setSummary(summary: PageSummary): void {
    this.addFile(summary.path);
    this.bodiless.delete(summary.path);
    const before = this.summaries.get(summary.path);
    this.summaries.set(summary.path, summary);
    this.replaceRoutes(before, summary);
  }

  /**
   * Indexes a page by its front matter alone, before its body is parsed: its routes, title,
   * description and kind are as `setParsedPage` gives them; its anchors, heading and outline are
   * not known (empty) until `setParsedPage` replaces it. Nothing may depend on them meanwhile:
   * `hasBody` says which pages have them (a check that asks for a bodiless page's summary waits).
   * For a load that then parses each page once, when it checks it. Returns the pages whose
   * findings may have changed (sorted): none in a load that checks every page after it has read
   * them all, but a load that keeps checks from an earlier session (their dependencies restored)
   * must check again the pages that looked up what a new or changed page now serves.
   */
  setFrontMatterSummary(path: string, facts: FrontMatterFacts): string[] {
    this.addFile(path);
    const before = this.summaries.get(path);
    const after = summaryOf(path, this.routeOf(path), facts, { anchors: new Set(), outline: [], heading: undefined });
    this.summaries.set(path, after);
    this.bodiless.add(path);
    this.replaceRoutes(before, after);
    if (this.dependencies.keyCount === 0 || (before && !factsChanged(before, after))) return [];
    return this.dependentsOf([...this.keysOfPath(path, before), ...this.keysOfPath(path, after)]).filter((p) => p !== path && this.summaries.has(p));
  }

  /** False for a page indexed by its front matter alone (`setFrontMatterSummary`), until its body is. */
  hasBody(path: string): boolean {
    return !this.bodiless.has(path);
  }

  /** How many pages are indexed by their front matter alone. */
  get bodilessCount(): number {
    return this.bodiless.size;
  }

  /** The pages indexed by their front matter alone (their links are not known yet). */
  bodilessPaths(): IterableIterator<string> {
    return this.bodiless.values();
  }

  /** Removes a file. Returns the pages whose findings may have changed (sorted). */
  deleteFile(path: string): string[] {
    if (!this.files.delete(path)) return [];
    this.filesChangedAt = ++this.clock;
    this.dropUnread(path);
    this.bodiless.delete(path);
    const before = this.summaries.get(path);
    this.texts.delete(path);
    if (before) {
      this.summaries.delete(path);
      this.unindexRoutes(before);
    }
    this.forgetDependencies(path);
    return this.dependentsOf(this.keysOfPath(path, before)).filter((p) => p !== path);
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Every file the index knows (unsorted). */
  filePaths(): IterableIterator<string> {
    return this.files.values();
  }

  /** How many pages are indexed (cheap, unlike `pagePaths().length`). */
  get pageCount(): number {
    return this.summaries.size;
  }

  pagePaths(): string[] {
    return [...this.summaries.keys()].sort();
  }

  summary(path: string): PageSummary | undefined {
    return this.summaries.get(path);
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** All routes with a page, for completion and suggestions. */
  routes(): string[] {
    return [...new Set([...this.byFileRoute.keys(), ...this.byUrlRoute.keys()])].sort();
  }

  /** The route a page is reached by: its `url:` if it has one, else its file route. */
  routeOfPage(path: string): string | undefined {
    const s = this.summaries.get(path);
    return s?.url ?? s?.route ?? this.routeOf(path);
  }

  // RouteLookup
  filesForRoute(route: string): { byFile: readonly string[]; byUrl: readonly string[] } {
    return { byFile: this.byFileRoute.get(route) ?? NO_FILES, byUrl: this.byUrlRoute.get(route) ?? NO_FILES };
  }

  redirectChain(route: string): readonly string[] {
    return this.redirectTable.follow(route);
  }

  /**
   * No dependency is noted here: the caller notes `k:<key>` (resolveLink), and a file that comes or
   * goes at either candidate is found under that key (keysOfPath gives `k:` keys for both forms).
   */
  fileForArticleKey(key: string): string | undefined {
    const root = this.settings.docsRoot ? this.settings.docsRoot + '/' : '';
    for (const candidate of [`${root}${key}.md`, `${root}${key}/index.md`]) {
      if (this.files.has(candidate)) return candidate;
    }
    return undefined;
  }

  noteDependency(key: string): void {
    this.recording?.add(key);
  }

  /** Resolves a link written on page `fromPath`, recording the dependency while a check runs. */
  resolve(link: Pick<PageLink, 'href' | 'kind'>, fromPath: string): LinkResolution {
    return resolveLink(link, this.routeOfPage(fromPath) ?? '/', this);
  }

  /**
   * Where a link the caller keeps (an outline item of a page's summary) leads, as `resolve` says:
   * its kind, route and target file. The answer is kept with the object, and given again until
   * what it looked up changes. The topic tree resolves every link of every topic page each time it
   * is built, and it is built again after each change: kept answers leave it only the links a change
   * can affect. Lookups while a check records its dependencies are resolved afresh.
   */
  resolveKept(link: Pick<PageLink, 'href' | 'kind'> & object, fromPath: string): KeptTarget {
    if (this.recording) return keptEntry(this.resolve(link, fromPath), fromPath, undefined, 0);
    const fromRoute = this.routeOfPage(fromPath);
    const kept = this.kept.get(link);
    if (kept && kept.from === fromPath && kept.fromRoute === fromRoute && this.unchangedSince(kept)) {
      // Still right now: until something changes, the next look checks nothing.
      kept.at = this.clock;
      return kept;
    }
    const fresh = keptEntry(this.resolve(link, fromPath), fromPath, fromRoute, this.clock);
    this.kept.set(link, fresh);
    return fresh;
  }

  /**
   * The change clock: it moves whenever what a link resolves to can change. An answer computed
   * from `resolveKept` answers at one reading still holds while the clock reads the same.
   */
  get changeClock(): number {
    return this.clock;
  }

  /** True when nothing a kept answer looked up (its route and each redirect it followed, or files by name) changed after it. */
  private unchangedSince(kept: KeptEntry): boolean {
    if (kept.at === this.clock) return true;
    switch (kept.kind) {
      case 'route':
        if ((this.routeChangedAt.get(kept.route as string) ?? 0) > kept.at) return false;
        for (const hop of kept.hops) if ((this.routeChangedAt.get(hop) ?? 0) > kept.at) return false;
        return true;
      case 'article':
        return this.filesChangedAt <= kept.at;
      default:
        // Every other kind depends on the href, the page's route and the settings alone.
        return true;
    }
  }

  /**
   * Resolves an include path written on `fromPath` (relative to that file). Paths that climb
   * out of the workspace are never looked up.
   */
  resolveInclude(includePath: string, fromPath: string): { target: string | undefined; outside: boolean; tried: readonly string[] } {
    const joined = posix.normalize(posix.join(posix.dirname(fromPath), includePath));
    if (joined.startsWith('../') || joined === '..' || posix.isAbsolute(includePath)) return { target: undefined, outside: true, tried: [] };
    const tried = /\.[a-z]+$/i.test(joined) ? [joined] : [joined, `${joined}.md`, `${joined}.html`, `${joined}.ejs`];
    for (const t of tried) {
      this.noteDependency(`f:${t}`);
      if (this.files.has(t)) return { target: t, outside: false, tried };
    }
    return { target: undefined, outside: false, tried };
  }

  /** Routes that look like `route`: siblings a few edits away, or the same page name elsewhere. */
  suggestRoutes(route: string, max = 3): string[] {
    if (!this.siblings || !this.bySegment) this.buildSuggestionIndex();
    const parent = parentRoute(route);
    const name = lastSegment(route);
    const nameLower = name.toLowerCase();
    // Suggestions change when a sibling or a same-named page comes or goes: depend on both.
    this.noteDependency(`s:${parent}`);
    this.noteDependency(`n:${nameLower}`);
    const stripped = route.replace(/\.(md|html?)$/i, '').replace(/\/index$/, '');
    const strippedRoute = normalizeRoute(stripped);
    let strippedCandidate: string | undefined;
    if (stripped !== route) {
      this.noteDependency(`r:${strippedRoute}`);
      const { byFile, byUrl } = this.filesForRoute(strippedRoute);
      if (byFile.length + byUrl.length > 0) strippedCandidate = strippedRoute;
    }
    // The answer depends only on the set of routes (the dependencies above are noted on every call).
    const cacheKey = `${max} ${route}`;
    const cached = this.suggestionCache.get(cacheKey);
    if (cached) return [...cached];
    const lower = route.toLowerCase();
    const limit = Math.max(2, Math.floor(name.length / 3));
    // The best `max` so far, in the order a stable sort by (score, route) gives; a candidate
    // whose distance cannot beat the last of them (it is at least the length difference) is
    // not measured. With many same-named pages this skips most Levenshtein computations.
    const best: { route: string; score: number }[] = [];
    const seen = new Set<string>();
    const consider = (c: string, knownSameName: boolean): void => {
      if (seen.has(c)) return;
      seen.add(c);
      if (c === route) return;
      const isStripped = c === strippedRoute;
      let cLower = this.lowerRoutes.get(c);
      if (cLower === undefined) this.lowerRoutes.set(c, (cLower = c.toLowerCase()));
      // Lower-casing never makes or moves a `/`, so the last segments compare lower-cased.
      const sameName = knownSameName || lastSegment(cLower) === nameLower;
      if (!isStripped) {
        const atLeast = Math.abs(lower.length - cLower.length);
        if (!sameName && atLeast > limit) return;
        const last = best[best.length - 1];
        if (best.length >= max && (last === undefined || atLeast > last.score)) return;
      }
      const d = editDistance(lower, cLower);
      if (d <= limit || sameName || isStripped) {
        const item = { route: c, score: isStripped ? -1 : d };
        let i = best.length;
        while (i > 0 && compareSuggestions(best[i - 1] as { route: string; score: number }, item) > 0) i--;
        best.splice(i, 0, item);
        if (best.length > max) best.pop();
      }
    };
    for (const c of nearest(this.siblings?.get(parent) ?? [], route)) consider(c, false);
    for (const c of nearest(this.bySegment?.get(nameLower) ?? [], route)) consider(c, true);
    if (strippedCandidate !== undefined) consider(strippedCandidate, false);
    const result = best.map((s) => s.route);
    if (this.suggestionCache.size >= 5000) this.suggestionCache.clear();
    this.suggestionCache.set(cacheKey, result);
    return [...result];
  }

  /** Runs `fn` while recording the routes and files it looks up as `path`'s dependencies. */
  recordDependencies<T>(path: string, fn: () => T): T {
    const previous = this.recording;
    this.recording = new Set();
    try {
      return fn();
    } finally {
      const keys = this.recording;
      this.recording = previous;
      this.dependencies.set(path, keys);
    }
  }

  /** Pages that looked up any of `keys` (sorted). */
  dependentsOf(keys: Iterable<string>): string[] {
    return this.dependencies.pagesOf(keys);
  }

  /** Pages whose findings can change when the file at `path` (with `summary`, if a page) comes or goes (sorted). */
  dependentsOfFile(path: string, summary: PageSummary | undefined): string[] {
    return this.dependentsOf(this.keysOfPath(path, summary));
  }

  /** The routes and files `path`'s last check looked up. */
  dependencyKeys(path: string): readonly string[] {
    return this.dependencies.keysOf(path);
  }

  /** Sets what `path`'s check looked up, as an earlier session recorded it for the same text. */
  restoreDependencies(path: string, keys: readonly string[]): void {
    this.dependencies.set(path, keys);
  }

  /** The keys a dependency on this file can have been recorded under. */
  private keysOfPath(path: string, summary: PageSummary | undefined): string[] {
    const keys = [`f:${path}`];
    const route = summary?.route ?? this.routeOf(path);
    for (const r of [route, summary?.url]) {
      if (r === undefined) continue;
      keys.push(`r:${r}`, `s:${parentRoute(r)}`, `n:${lastSegment(r).toLowerCase()}`);
    }
    const root = this.settings.docsRoot ? this.settings.docsRoot + '/' : '';
    if (path.startsWith(root) && /\.md$/i.test(path)) {
      const key = path.slice(root.length).replace(/\.md$/i, '');
      keys.push(`k:${key}`, `k:${key.replace(/\/index$/, '')}`);
    }
    return keys;
  }

  private forgetDependencies(path: string): void {
    this.dependencies.delete(path);
  }

  private routeOf(path: string): string | undefined {
    if (!this.isPagePath(path)) return undefined;
    const inRoot = this.settings.docsRoot ? path.slice(this.settings.docsRoot.length + 1) : path;
    if (inRoot.split('/').some((segment) => segment.startsWith('_'))) return undefined;
    return routeOfFile(inRoot);
  }

  /**
   * A page that exists but could not be read still serves its route: a link to a binary or
   * oversize page is not broken, and one bad file does not turn into a finding on every page
   * that links to it.
   */
  private addUnread(path: string): void {
    if (!this.isPagePath(path) || this.summaries.has(path) || this.unread.has(path)) return;
    const route = this.routeOf(path);
    if (route === undefined) return;
    const stub: PageSummary = { path, route, url: undefined, title: undefined, description: undefined, isTopicPage: false, anchors: new Set(), outline: [] };
    this.unread.set(path, stub);
    this.indexRoutes(stub);
  }

  private dropUnread(path: string, note = true): void {
    const stub = this.unread.get(path);
    if (!stub) return;
    this.unread.delete(path);
    this.unindexRoutes(stub, note);
  }

  /**
   * Indexes a page's routes in place of those of its summary before. When they are the same (a
   * page parsed again, or its body indexed after its front matter), nothing moves: taking a route
   * out and putting it back would clear the suggestions' cache and rebuild its lists for nothing.
   */
  private replaceRoutes(before: PageSummary | undefined, after: PageSummary): void {
    if (before && before.route === after.route && before.url === after.url && !this.unread.has(after.path)) return;
    // A page's stub swapped for its summary, on the same route, serves that route as before: a
    // route is marked changed only when the files serving it are not the same as before.
    const stub = this.unread.get(after.path);
    const touched = [...new Set([before?.route, before?.url, stub?.route, after.route, after.url])].filter((r): r is string => r !== undefined);
    const was = touched.map((r) => this.servedBy(r));
    if (before) this.unindexRoutes(before, false);
    this.indexRoutes(after, false);
    touched.forEach((r, i) => {
      if (this.servedBy(r) !== was[i]) this.routeChanged(r);
    });
  }

  /** The files serving `route`, in order (by `url:`, then by location), as one string to compare. */
  private servedBy(route: string): string {
    return `${(this.byUrlRoute.get(route) ?? []).join('\n')}\n\n${(this.byFileRoute.get(route) ?? []).join('\n')}`;
  }

  private routeChanged(route: string): void {
    this.routeChangedAt.set(route, ++this.clock);
  }

  /** Adds `path` to the file set; include keys look files up by name. */
  private addFile(path: string): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    this.filesChangedAt = ++this.clock;
  }

  private indexRoutes(s: PageSummary, note = true): void {
    if (this.unread.get(s.path) !== s) this.dropUnread(s.path, note);
    for (const [map, route] of [[this.byFileRoute, s.route], [this.byUrlRoute, s.url]] as const) {
      if (route === undefined) continue;
      const isNew = !this.hasRoute(route);
      push(map, route, s.path);
      if (note) this.routeChanged(route);
      if (isNew) this.addSuggestionRoute(route);
    }
  }

  private unindexRoutes(s: PageSummary, note = true): void {
    for (const [map, route] of [[this.byFileRoute, s.route], [this.byUrlRoute, s.url]] as const) {
      if (route === undefined) continue;
      pull(map, route, s.path);
      if (note) this.routeChanged(route);
      if (!this.hasRoute(route)) this.removeSuggestionRoute(route);
    }
  }

  private hasRoute(route: string): boolean {
    return this.byFileRoute.has(route) || this.byUrlRoute.has(route);
  }

  // The suggestion index is built on first use, then kept up to date route by route
  // (rebuilding it over every route after each edit cost more than the edit's re-check).
  private addSuggestionRoute(route: string): void {
    this.suggestionCache.clear();
    if (!this.siblings || !this.bySegment) return;
    insertSorted(this.siblings, parentRoute(route), route);
    insertSorted(this.bySegment, lastSegment(route).toLowerCase(), route);
  }

  private removeSuggestionRoute(route: string): void {
    this.suggestionCache.clear();
    if (!this.siblings || !this.bySegment) return;
    pull(this.siblings, parentRoute(route), route);
    pull(this.bySegment, lastSegment(route).toLowerCase(), route);
    this.lowerRoutes.delete(route);
  }

  private buildSuggestionIndex(): void {
    const siblings = new Map<string, string[]>();
    const bySegment = new Map<string, string[]>();
    // routes() is sorted, so each list is built in order.
    for (const r of this.routes()) {
      insertSorted(siblings, parentRoute(r), r);
      insertSorted(bySegment, lastSegment(r).toLowerCase(), r);
    }
    this.siblings = siblings;
    this.bySegment = bySegment;
  }
}

/**
 * At most this many siblings, and this many same-named routes, are compared with a broken
 * route. Up to this many the suggestions are exactly the best of all; beyond it (a name
 * used by hundreds of pages) they are the best of the routes nearest in sorted order,
 * so the work per broken link stays bounded as the workspace grows.
 */
export const SUGGESTION_CANDIDATES = 256;

/** The `SUGGESTION_CANDIDATES` routes of a sorted list nearest to where `route` sorts (all of a short list). */
function nearest(list: readonly string[], route: string): readonly string[] {
  if (list.length <= SUGGESTION_CANDIDATES) return list;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < route) lo = mid + 1;
    else hi = mid;
  }
  const start = Math.max(0, Math.min(lo - SUGGESTION_CANDIDATES / 2, list.length - SUGGESTION_CANDIDATES));
  return list.slice(start, start + SUGGESTION_CANDIDATES);
}

const NO_FILES: readonly string[] = Object.freeze([]);

/**
 * Levenshtein distance, measured on what differs: a common prefix and suffix never change it,
 * and routes compared here share most of theirs (a sibling's folder), so what is measured is
 * short and fits the library's allocation-free path.
 */
export function editDistance(a: string, b: string): number {
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  if (start === endA) return endB - start;
  if (start === endB) return endA - start;
  return distance(start === 0 && endA === a.length ? a : a.slice(start, endA), start === 0 && endB === b.length ? b : b.slice(start, endB));
}

function compareSuggestions(a: { route: string; score: number }, b: { route: string; score: number }): number {
  return a.score - b.score || a.route.localeCompare(b.route);
}

/** Adds `value` to the list at `key`, keeping it sorted as `Array.prototype.sort()` does (UTF-16 code units). */
function insertSorted(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== value) list.splice(lo, 0, value);
}

/** Where a link leads, as `resolveKept` answers: the kind of its resolution, and for a route or an include key, what it found. */
export interface KeptTarget {
  readonly kind: LinkResolution['kind'];
  /** For a route: the route looked up. */
  readonly route: string | undefined;
  /** The file it leads to, if any. */
  readonly target: string | undefined;
}

/** A kept answer, with what it was resolved from, what it looked up and when it was last known right. */
interface KeptEntry extends KeptTarget {
  /** For a route: the redirects followed, in order. */
  readonly hops: readonly string[];
  readonly from: string;
  readonly fromRoute: string | undefined;
  /** The index's change clock when it was last known to be right. */
  at: number;
}

const NO_HOPS: readonly string[] = Object.freeze([]);

function keptEntry(r: LinkResolution, from: string, fromRoute: string | undefined, at: number): KeptEntry {
  const route = r.kind === 'route' ? r.route : undefined;
  const target = r.kind === 'route' || r.kind === 'article' ? r.target : undefined;
  const hops = r.kind === 'route' && r.redirects.length > 0 ? r.redirects : NO_HOPS;
  return { kind: r.kind, route, target, hops, from, fromRoute, at };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) {
      list.push(value);
      list.sort();
    }
  } else map.set(key, [value]);
}

function pull(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

/** A parsed page's summary; with the outline it had before, that outline's items when its list is the same. */
function summarize(page: Page, route: string | undefined, previous?: readonly OutlineItem[]): PageSummary {
  const fresh = page.topicLinks.map((t) => outlineOf(t, page.text));
  const outline = previous && sameOutline(previous, fresh) ? previous : fresh;
  return summaryOf(page.path, route, page, { anchors: page.anchors, outline, heading: page.title?.trim() ? undefined : pageHeading(page) });
}

/** A page's summary from what its front matter says and what its body gives. */
function summaryOf(path: string, route: string | undefined, facts: FrontMatterFacts, body: { anchors: ReadonlySet<string>; outline: readonly OutlineItem[]; heading: string | undefined }): PageSummary {
  const url = facts.url !== undefined && facts.url.trim().startsWith('/') ? detached(normalizeRoute(facts.url)) : undefined;
  // The summary outlives the page's text: it keeps copies, not slices of it (see `detached`).
  return {
    path,
    route,
    url: url !== route ? url : undefined,
    title: detached(facts.title),
    ...(facts.title?.trim() ? {} : { heading: detached(body.heading) }),
    description: detached(facts.description),
    isTopicPage: facts.isTopicPage,
    anchors: detachedSet(body.anchors),
    outline: body.outline,
  };
}

/** The same set, each string of it `detached` (an empty set is kept as it is). */
function detachedSet(set: ReadonlySet<string>): ReadonlySet<string> {
  if (set.size === 0) return set;
  const copy = new Set<string>();
  for (const s of set) copy.add(detached(s));
  return copy;
}

/** The outline of a topic link and its nested links; iterative, so any nesting depth is safe. */
function outlineOf(topic: TopicLink, text: string): OutlineItem {
  const make = (t: TopicLink): OutlineItem & { children: OutlineItem[] } => ({
    text: detached(t.link?.text ?? topicItemLabel(t, text)),
    href: detached(t.link?.href ?? ''),
    kind: t.link?.kind ?? 'none',
    range: t.link?.range ?? t.range,
    children: [],
  });
  const root = make(topic);
  const stack: [TopicLink, OutlineItem & { children: OutlineItem[] }][] = [[topic, root]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [from, to] = next;
    for (const child of from.children) {
      const item = make(child);
      to.children.push(item);
      stack.push([child, item]);
    }
  }
  return root;
}

/** True when what the front matter gives (routes, title, description, kind) differs. */
/** True when two outlines have the same items (text, link and range), nested alike. */
export function sameOutline(a: readonly OutlineItem[], b: readonly OutlineItem[]): boolean {
  const stack: [readonly OutlineItem[], readonly OutlineItem[]][] = [[a, b]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [x, y] = next;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      const p = x[i] as OutlineItem;
      const q = y[i] as OutlineItem;
      if (p.text !== q.text || p.href !== q.href || p.kind !== q.kind || p.range.start !== q.range.start || p.range.end !== q.range.end) return false;
      stack.push([p.children, q.children]);
    }
  }
  return true;
}

function factsChanged(a: PageSummary, b: PageSummary): boolean {
  return a.route !== b.route || a.url !== b.url || a.title !== b.title || a.description !== b.description || a.isTopicPage !== b.isTopicPage;
}

/** True when another page's findings could change: routes, title, description or anchors. */
function summaryChanged(a: PageSummary, b: PageSummary): boolean {
  if (factsChanged(a, b)) return true;
  if (a.anchors.size !== b.anchors.size) return true;
  for (const x of a.anchors) if (!b.anchors.has(x)) return true;
  // The outline feeds only the tree, which is rebuilt from summaries: no other page's findings depend on it.
  return false;
}

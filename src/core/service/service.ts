import { CONFIG_FILE, type UserConfig } from '../config';
import { compatibleFixEdits, fixAll } from '../edits';
import { checkPageAlone, checkPageOrWait, compareFindings, decodeFile, loadSettings, readInOrder, skippedFinding, tooLargeReason, type FileHost, type FileRead, type LoadedSettings } from '../engine';
import { frontMatterContext, hrefAt, schemaKeys, schemaValues } from '../features/completionContext';
import { articleKeyForFile, hrefEditsForMoves, pageMoves, type PageMove } from '../features/linkUpdates';
import { fragmentOffset, hoverMarkdown, linkTargets, targetAt } from '../features/navigation';
import { pageOutline, type OutlineSymbol } from '../features/outline';
import { disableNextLineEdit } from '../features/suppression';
import { minimalEdit } from '../features/textDiff';
import { presentNode, snapshotTree, type NodePresentation, type ProblemCount, type TreeSnapshotNode } from '../features/treeModel';
import { TopicTree, type TopicNode } from '../hierarchy';
import { slugify } from '../markdown';
import { parseFrontMatter } from '../frontMatter';
import { frontMatterFacts, parsePage, type Page } from '../page';
import { allRules, rulesById } from '../rules';
import type { Finding, Range, TextEdit } from '../types';
import { internalized } from '../text';
import { sameOutline, WorkspaceIndex, type PageSummary } from '../workspace';
import frontMatterSchema from '../../../schemas/topic-page.frontmatter.schema.json';
import { BacklinkIndex, keysOfTarget, linkKeys } from './backlinks';
import { NONE, type CancellationToken } from './cancellation';
import { contentHash, decodeIndexInSteps, encodeIndexChunks, INDEX_CACHE_FORMAT, type CachedFinding, type CachedIndex, type CachedPage, type IndexStore } from './indexCache';
import { decodeKeptRoots, encodeKeptRoots } from './keptRoots';

/** A change on disk, by workspace-relative path (a file or a folder). */
export interface FileEvent {
  readonly path: string;
  readonly type: 'created' | 'changed' | 'deleted';
}

/** A FileHost that can also tell folders from files (for "folder created" events). */
export interface ServiceHost extends FileHost {
  isFolder?(path: string): Promise<boolean>;
  /**
   * The files directly in one folder (`` for the root), as `listFiles` would list them there,
   * without listing the rest: [] when there is no such folder or listing never enters it;
   * undefined when only the whole listing can tell (a folder reached through a symbolic link, or
   * holding one). Before the first listing, an open page's links are looked up this way.
   */
  listFolder?(path: string): Promise<readonly string[] | undefined>;
}

/** What the service tells its owner (a language server, a test). */
export interface ServiceEvents {
  /** New findings for a file, computed on `text` (`version` is the open document's, if open). */
  /** `partial`: an open page's findings before the workspace is listed (see `checkPageAlone`); the full check follows. */
  onDiagnostics?(path: string, findings: readonly Finding[], text: string, version: number | undefined, partial?: boolean): void;
  /** A file is no longer checked (deleted, ignored, no longer a page): drop its findings. */
  onForget?(path: string): void;
  /** The topic tree's data changed (pages, titles, links; not problem counts). */
  onTreeChanged?(): void;
  /** Indexing progress or problem totals changed. */
  onStatus?(): void;
}

export interface ServiceOptions {
  /** Editor settings: the defaults under the workspace's own `topic-pages.json`. */
  readonly defaults?: UserConfig;
  readonly configFile?: string;
  /** The longest stretch of work between two yields to the event loop (ms). */
  readonly sliceMs?: number;
  /** Lets queued messages in; the default waits for the next macrotask. */
  readonly yieldToEventLoop?: () => Promise<void>;
  readonly now?: () => number;
  /**
   * Where the index is kept between sessions: pages unchanged since (same stamp) are indexed from
   * it at start-up, without being read, then read and checked in the background as the others.
   */
  readonly indexStore?: IndexStore;
  /**
   * Where the tree's roots are kept between sessions, written with the index: the next session
   * shows them (`keptTreeRoots`) before it has read its index.
   */
  readonly rootsStore?: IndexStore;
  /** Tells one build's cached index from another's (the product version). */
  readonly cacheVersion?: string;
  /** After its first write, the index is written at most this often (ms; default 30 s). */
  readonly saveIntervalMs?: number;
  /** Something went wrong that the user may want to know of (a cache that could not be written). */
  readonly log?: (message: string) => void;
  /** What the first load did and when (a kept index read), for the editor's log. */
  readonly trace?: (message: string) => void;
  /**
   * A one-shot batch run (the CLI's `check`) that never changes a page after its check can turn
   * these off (both default to on):
   * - `recordDependencies`: which routes and files each check looked up, so an edit re-checks the
   *   pages that depend on it;
   * - `backlinks`: the backlink index (`backlinks`, `renameFilesEdits`).
   */
  readonly recordDependencies?: boolean;
  readonly backlinks?: boolean;
  /**
   * Parse each page read by the load once instead of twice: the load indexes a page by its front
   * matter alone (its routes, title, description and kind: what other pages' checks need of it),
   * and its body is parsed when it is checked, one parse for its index entry and its check. A
   * check that asks for the summary of a page whose body is not parsed yet (its anchors, for a
   * `#fragment` link) waits and runs again once every body is; an open page's check publishes what
   * it found meanwhile. Pages the tree needs whole (topic pages, pages with a topic-links list or
   * without a title) are checked first, so the tree is whole early: until then it shows the topic
   * pages read so far, those not parsed yet with their lists to come. The texts read are kept for
   * their checks (within a budget), so most pages are read once.
   * With `all`, no page goes first (a one-shot check shows no tree).
   */
  readonly frontMatterFirst?: boolean | 'all';
  /**
   * One share of a check spread over threads (with `frontMatterFirst: 'all'`): the pages this
   * service checks. It indexes every page by its front matter and checks only its own, parsing
   * each once; another share's page has its body parsed only when a check asks for what only the
   * body says (its anchors, an untitled page's heading, its list). Its findings are the ones a
   * check of every page gives for the same pages.
   */
  readonly share?: (path: string) => boolean;
}

export interface IndexingProgress {
  readonly done: number;
  readonly total: number;
}

export interface ServiceStatus {
  readonly indexing: IndexingProgress | null;
  readonly problems: ProblemCount;
  readonly pages: number;
}

export type ServiceCodeActionKind = 'quickfix' | 'source.fixAll.topicPages';
export const FIX_ALL_KIND: ServiceCodeActionKind = 'source.fixAll.topicPages';

/** A code action on one file: edits against its current text, the findings it resolves. */
export interface ServiceCodeAction {
  readonly title: string;
  readonly kind: ServiceCodeActionKind;
  readonly edits: readonly TextEdit[];
  readonly findings: readonly Finding[];
  readonly isPreferred?: boolean;
}

export interface ServiceDocumentLink {
  readonly range: Range;
  readonly target: string;
  readonly tooltip: string;
}

export interface ServiceLocation {
  readonly path: string;
  readonly range: Range;
  /** The target file's text, to turn the range into positions. */
  readonly text: string;
}

export interface ServiceHover {
  readonly markdown: string;
  readonly range: Range;
}

export interface ServiceCompletion {
  readonly label: string;
  readonly kind: 'route' | 'include-key' | 'property' | 'value';
  readonly range: Range;
  readonly description?: string;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly sortText?: string;
  /** A snippet (`$0` marks the cursor) to insert instead of the label. */
  readonly snippet?: string;
}

/** A tree node as the editors show it, free of editor types. */
export interface ServiceTreeNode extends Omit<NodePresentation, 'problems' | 'kind'> {
  /** A node of the hierarchy, or `folder`: the root topic pages of one folder, when there are many roots. */
  readonly kind: NodePresentation['kind'] | 'folder';
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  readonly target: string | undefined;
  readonly route: string | undefined;
  readonly href: string | undefined;
  readonly source: { readonly path: string; readonly range: Range } | undefined;
}

/** The edits that keep links working after a rename, for one linking file. */
export interface FileEdits {
  /** The file holding the links, by its path before the move. */
  readonly path: string;
  /** Its text the edits apply to. */
  readonly text: string;
  readonly edits: readonly TextEdit[];
}

/** One load of the workspace: its settings and everything indexed under them. */
class Loaded {
  readonly skipped = new Map<string, string>();
  readonly backlinks = new BacklinkIndex();
  /** The stamp and content hash of the disk text each page was indexed from (none for an editor's text). */
  readonly stamps = new Map<string, { readonly stamp: string; readonly hash: number }>();
  /**
   * The stamps of pages an editor changed, whose disk text the index kept on disk still describes:
   * an unsaved edit alone does not make the index be written again. An index written meanwhile
   * holds the page as changed (see saveCache).
   */
  readonly heldForDisk = new Map<string, { readonly stamp: string; readonly hash: number }>();
  /** Pages whose check asked for a page indexed by its front matter alone (`frontMatterFirst`): checked again once every body is. */
  readonly waiting = new Set<string>();
  /** With `share`: the pages of other shares, indexed by their front matter alone, whose summary a waiting check read. */
  readonly asked = new Set<string>();
  /** With `share`: no body is left to parse for the waiting checks, which then publish what they found. */
  bodiesExhausted = false;
  /**
   * Pages the tree needs whole, indexed by their front matter alone (`frontMatterFirst: true`): the
   * load's checks start with them, and the tree is whole once their bodies are indexed (`treeWhole`).
   * A page leaves the set when its body is indexed, or when it is skipped or deleted.
   */
  readonly treeFirst = new Set<string>();
  constructor(readonly loaded: LoadedSettings, readonly index: WorkspaceIndex) {}
}

const PARSE_CACHE = 64;
const UTF8 = new TextEncoder();
/** The stamp a kept page indexed from an editor's text gets: no file has it, so it reads as changed. */
const EDITOR_TEXT_STAMP = 'editor';
/**
 * More root topic pages than this are shown in folders (a repository of several sites or
 * sections can have thousands): a view of thousands of top-level rows is slow for the editor
 * to draw and refresh, and hard to scan.
 */
export const FOLDER_ROOTS_ABOVE = 200;
/** Id prefix of a folder node. */
const FOLDER_ID = 'folder:';
/** Closed pages read at once by the re-check scheduler. */
const READ_BATCH = 20;
/** The kept index is written at most this often while the editor is open (ms). */
const SAVE_INTERVAL_MS = 30_000;
/**
 * Characters of page text kept from indexing until the page's check, so most checks need no second
 * read. The bench's 10,500 pages (30 M characters) fit: 0.2-0.5 s faster to load than with 16 M (about
 * half read twice), for the same peak (it comes later, once the findings are kept). A larger
 * workspace reads the rest again at its check.
 */
const FRESH_BUDGET = 32_000_000;

/** How many rounds of folder probing an open page's check before the listing may take (each round follows what the last one found: a redirect, a root-relative retry, an include's near misses). */
const EARLY_PROBE_PASSES = 4;
/** At most this many folders are probed before the listing (a page with thousands of links waits for the listing instead). */
const EARLY_PROBE_FOLDERS = 500;

/** The first load before its listing: settings read without it, and the folders probed for open pages' links. */
interface Early {
  readonly loaded: LoadedSettings;
  readonly index: WorkspaceIndex;
  readonly folders: Map<string, readonly string[] | null>;
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The workspace service: the file set, open-document overlays, one parse per text version, the
 * index, and a re-check scheduler, behind queries by workspace path and text offset. It knows
 * nothing of editors or protocols; a language server and tests drive it.
 *
 * Dependency edges change only when the index changes: findings of the indexed text of a page
 * are computed with `checkPage(..., { record: true })`; a hypothetical buffer (fix-all passes)
 * is checked without recording.
 */
export class WorkspaceService {
  private state: Loaded | undefined;
  private readonly overlays = new Map<string, { version: number; text: string }>();
  /** Open documents whose file was deleted on disk: out of the index until written again or closed. */
  private readonly goneOnDisk = new Set<string>();
  private readonly parsed = new Map<string, Page>();
  private readonly results = new Map<string, { text: string; findings: readonly Finding[] }>();
  private readonly counts = new Map<string, ProblemCount>();
  private totals = { errors: 0, warnings: 0, infos: 0 };
  private readonly dirty = new Set<string>();
  /** Texts read (and indexed) but not yet checked, within FRESH_BUDGET characters. */
  private readonly fresh = new Map<string, string>();
  private freshChars = 0;
  private readonly published = new Set<string>();
  /**
   * Until the first load has listed the workspace: its settings, read without the listing, and an
   * index that knows no file. Open pages get a first check of what they hold alone (checkPageAlone).
   */
  private early: Early | undefined;
  /** Disk changes reported before the first load had its state (see filesChanged). */
  private beforeFirstState: FileEvent[] = [];
  private progress: IndexingProgress | undefined;
  /** Open pages the current load indexed from their editors' texts: `status` counts them as indexed. */
  private openAtLoad = 0;
  private generation = 0;
  private running: Promise<void> | undefined;
  private busy = 0;
  private idleWaiters: (() => void)[] = [];
  private openWaiters: (() => void)[] = [];
  private bodyWaiters: (() => void)[] = [];
  private tree: TopicTree | undefined;
  /** The roots by folder, for the tree they were computed from. */
  private rootGroups: { tree: TopicTree; groups: Map<string, TopicNode[]> | undefined } | undefined;
  /** The folder depth the listed pages of a load split at (see `rootFolders`), kept for that load. */
  private listingDepth: { readonly state: Loaded; readonly depth: number } | undefined;
  private defaults: UserConfig;
  private readonly sliceMs: number;
  private readonly yieldToEventLoop: () => Promise<void>;
  private readonly now: () => number;
  /** The index differs from the one last kept in (or read from) the index store. */
  private cacheStale = false;
  /** Each page's findings at its last check, kept for the next session (with an index store only). */
  private readonly checkedFindings = new Map<string, readonly CachedFinding[]>();
  /**
   * Findings the last session left for pages unchanged since (same stamp, same settings, nothing they
   * depend on changed): published as they are, without a parse or a check, unless something marks the
   * page dirty first.
   */
  private readonly restored = new Map<string, readonly Finding[]>();
  /** Pages checked (parsed texts run through the rules) since the service started: for benchmarks and tests. */
  private checkRuns = 0;
  /** Texts parsed since the service started: for benchmarks and tests. */
  private parseRuns = 0;
  private saving: Promise<void> | undefined;
  /** The roots the last session kept, read once (see keptTreeRoots). */
  private keptRoots: Promise<ServiceTreeNode[] | undefined> | undefined;
  /** A load has indexed every page at least once. */
  private loadedOnce = false;
  /** When the last write of the kept index ended, and the write waiting for SAVE_INTERVAL_MS to pass. */
  private lastSaved = -Infinity;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly host: ServiceHost, private readonly events: ServiceEvents = {}, private readonly options: ServiceOptions = {}) {
    this.defaults = options.defaults ?? {};
    this.sliceMs = options.sliceMs ?? 10;
    this.yieldToEventLoop = options.yieldToEventLoop ?? defaultYield;
    this.now = options.now ?? (() => performance.now());
  }

  // ---------------------------------------------------------------- loading

  /** True once a load has indexed every page. */
  get ready(): boolean {
    return this.state !== undefined && this.progress === undefined;
  }

  /**
   * True once a load has indexed every page, and the body of every page the tree needs whole (with
   * `frontMatterFirst`, topic pages are indexed by their front matter first: until their check,
   * the tree shows them with their lists to come).
   */
  get treeWhole(): boolean {
    return this.ready && this.state?.treeFirst.size === 0;
  }

  /**
   * True while the first load has read no page yet, from disk or from the kept index (the open
   * pages aside): the tree then holds the open pages at most.
   */
  get nothingRead(): boolean {
    return !this.loadedOnce && (this.progress?.done ?? 0) === 0;
  }

  /** How many pages wait for a check (a burst after a load or a branch switch, or a few after an edit). */
  get queued(): number {
    return this.dirty.size;
  }

  get index(): WorkspaceIndex | undefined {
    return this.state?.index;
  }

  get settings(): LoadedSettings | undefined {
    return this.state?.loaded;
  }

  /** New editor settings; reloads when they differ (or always, with `force`). */
  async setDefaults(defaults: UserConfig, force = false): Promise<void> {
    if (!force && this.state && JSON.stringify(defaults) === JSON.stringify(this.defaults)) return;
    this.defaults = defaults;
    await this.load();
  }

  /**
   * (Re)lists and reads the workspace. Open documents are indexed and checked first; the other
   * pages are read a bounded number at a time, yielding between slices; every page is queued for
   * a check when the index is complete. A newer load supersedes an older one.
   */
  async load(token: CancellationToken = NONE): Promise<void> {
    const generation = ++this.generation;
    this.busy++;
    try {
      // Before the first listing: pages open now, or opened while it runs, get their early check.
      if (!this.state) await this.checkOpenPagesAlone();
      if (generation !== this.generation || token.isCancellationRequested) return;
      const files = await this.host.listFiles();
      if (!this.state) this.options.trace?.(`${files.length.toLocaleString('en')} files listed`);
      const loaded = await loadSettings(this.host, files, this.options.configFile, this.defaults);
      if (generation !== this.generation || token.isCancellationRequested) return;
      const state = new Loaded(loaded, new WorkspaceIndex(loaded.settings, false));
      const listed: string[] = [];
      let sliceStart = this.now();
      for (const f of files) {
        if (this.now() - sliceStart >= this.sliceMs) {
          await this.yieldToEventLoop();
          if (generation !== this.generation || token.isCancellationRequested) return;
          sliceStart = this.now();
        }
        if (state.index.ignores(f)) continue;
        // Every page is known by name at once, so links to it resolve while its text is read.
        state.index.setFile(f);
        if (state.index.isPagePath(f) && !this.overlays.has(f)) listed.push(f);
      }
      this.skipRefused(state, listed);
      const previous = this.published;
      this.state = state;
      this.early = undefined;
      this.results.clear();
      this.dirty.clear();
      this.restored.clear();
      this.checkedFindings.clear();
      this.fresh.clear();
      this.freshChars = 0;
      this.invalidateTree();
      // Open pages are indexed from their editors' texts at once (`status` counts them as indexed).
      const open = [...this.overlays].filter(([path]) => state.index.isPagePath(path));
      this.openAtLoad = open.length;
      this.progress = { done: 0, total: listed.length };
      // A new load: the tree is built again from what is indexed, and shown while the rest is read.
      this.tree = undefined;
      this.events.onTreeChanged?.();
      for (const [path, o] of open) this.indexText(state, path, o.text);
      this.kick();
      this.events.onStatus?.();
      const missed = this.beforeFirstState.splice(0);
      if (missed.length > 0) void this.filesChanged(missed, token);
      // The last session's index is read while the open pages get their first check.
      const pages = await this.applyCache(state, files, listed);
      if (generation !== this.generation || token.isCancellationRequested) return;
      const unchanged = listed.length - pages.length;
      sliceStart = this.now();
      let done = unchanged;
      await readInOrder(
        pages,
        (path) => this.read(path, loaded.settings.maxFileSize),
        (path, read) => {
          if (generation !== this.generation) return;
          // A page opened while the load reads was indexed from its editor's text (openDocument): counted, not read.
          if (!this.overlays.has(path)) {
            if (this.options.frontMatterFirst) this.indexFrontMatter(state, path, read);
            else this.indexRead(state, path, read);
          }
          this.progress = { done: ++done, total: listed.length };
        },
        undefined,
        () => generation !== this.generation || token.isCancellationRequested,
        async () => {
          if (this.now() - sliceStart < this.sliceMs) return;
          this.events.onStatus?.();
          await this.yieldToEventLoop();
          sliceStart = this.now();
        },
      );
      if (generation !== this.generation) return;
      this.progress = undefined;
      this.loadedOnce = true;
      const checkable = new Set(this.checkablePaths());
      for (const path of previous) if (!checkable.has(path)) this.forget(path);
      this.queueTreeFirst(state);
      for (const path of checkable) if (this.ownsCheck(path)) this.dirty.add(path);
      this.tree = undefined;
      this.events.onTreeChanged?.();
      this.events.onStatus?.();
      this.kick();
    } finally {
      this.done();
    }
  }

  /**
   * The load's checks start with the pages the tree needs whole and that are indexed by their
   * front matter alone (open pages still go before them: `nextDirty`).
   */
  private queueTreeFirst(state: Loaded): void {
    if (state.treeFirst.size === 0) return;
    const first = [...state.treeFirst].sort();
    const queued = [...this.dirty];
    this.dirty.clear();
    for (const path of first) this.dirty.add(path);
    for (const path of queued) this.dirty.add(path);
  }

  /**
   * What the host refused on purpose (`FileHost.refused`: a link leading outside the workspace,
   * where listing stopped at a limit) is never read: each path is a skipped file with the host's
   * reason, as `Engine.load` reports it. Refused pages are taken out of `pages` (the pages to read).
   */
  private skipRefused(state: Loaded, pages: string[]): void {
    const refused = this.host.refused;
    if (!refused || refused.length === 0) return;
    const reasons = new Map(refused.map((r) => [r.path, r.reason]));
    for (let i = pages.length - 1; i >= 0; i--) {
      const path = pages[i] as string;
      const reason = reasons.get(path);
      if (reason === undefined) continue;
      pages.splice(i, 1);
      this.markSkipped(state, path, reason);
    }
    // Refused files that are not pages, and refused folders: one finding each, nothing indexed.
    for (const [path, reason] of reasons) if (!state.skipped.has(path) && !state.index.ignores(path)) state.skipped.set(path, reason);
  }

  /** Every path that has findings to report: indexed pages and skipped files (sorted). */
  checkablePaths(): string[] {
    const state = this.state;
    if (!state) return [];
    return [...new Set([...state.index.pagePaths(), ...state.skipped.keys()])].sort();
  }

  /** The paths of `checkablePaths` this service checks and reports: all of them, or its `share`'s (sorted). */
  ownCheckablePaths(): string[] {
    const paths = this.checkablePaths();
    return this.options.share === undefined ? paths : paths.filter((p) => this.ownsCheck(p));
  }

  /** True when `path` is a page the service checks. */
  isPage(path: string): boolean {
    return !!this.state && (this.state.index.isPagePath(path) || this.state.skipped.has(path));
  }

  /** The files whose change reloads everything: the config file and the files it names. */
  configFiles(): string[] {
    const config = this.state?.loaded.config;
    return [this.options.configFile ?? CONFIG_FILE, config?.redirects, config?.schema].filter((f): f is string => typeof f === 'string').map((f) => f.replace(/^\.\//, ''));
  }

  /** Indexes what reading a page gave; returns its text, if it has one. */
  private indexRead(state: Loaded, path: string, r: FileRead): string | undefined {
    const text = this.decodeRead(state, path, r);
    if (text === undefined || !('bytes' in r)) return undefined;
    this.indexText(state, path, text);
    // Stamps and hashes serve the kept index only: a service without one (the CLI) neither hashes nor keeps them.
    if (this.options.indexStore) this.setStamp(state, path, r.stamp === undefined ? undefined : { stamp: r.stamp, hash: contentHash(r.bytes) });
    this.keepFresh(path, text);
    return text;
  }

  /** A page's text from what reading it gave; a page that cannot be checked is marked skipped. */
  private decodeRead(state: Loaded, path: string, r: FileRead): string | undefined {
    const max = state.loaded.settings.maxFileSize;
    if ('error' in r) return this.markSkipped(state, path, `it cannot be read (${r.error})`);
    if ('tooLarge' in r) return this.markSkipped(state, path, tooLargeReason(r.tooLarge, max));
    const decoded = decodeFile(r.bytes, max);
    if ('skip' in decoded) return this.markSkipped(state, path, decoded.skip);
    return decoded.text;
  }

  /** Indexes a page by its front matter alone (`frontMatterFirst`): its body is parsed when it is checked. */
  private indexFrontMatter(state: Loaded, path: string, r: FileRead): void {
    const text = this.decodeRead(state, path, r);
    if (text === undefined || !('bytes' in r)) return;
    const facts = frontMatterFacts(parseFrontMatter(text));
    state.skipped.delete(path);
    for (const p of state.index.setFrontMatterSummary(path, facts)) this.markDirty(p);
    if (this.options.indexStore) this.setStamp(state, path, r.stamp === undefined ? undefined : { stamp: r.stamp, hash: contentHash(r.bytes) });
    // Another share's text is never checked here: not kept.
    if (this.ownsCheck(path)) this.keepFresh(path, text);
    if (this.options.frontMatterFirst === 'all') return;
    // The tree shows topic pages' lists and labels untitled pages by their heading: those bodies are parsed first.
    // Meanwhile the tree shows the topic pages read so far, their lists to come (`present`).
    if (facts.isTopicPage || !facts.title?.trim() || text.includes('topic-links')) {
      state.treeFirst.add(path);
      this.invalidateTree();
    } else state.treeFirst.delete(path);
  }

  private setStamp(state: Loaded, path: string, stamp: { readonly stamp: string; readonly hash: number } | undefined): void {
    const held = state.heldForDisk.get(path);
    if (held) {
      state.heldForDisk.delete(path);
      // The disk text the kept index holds, read again (an editor closed without saving): nothing to write.
      if (stamp !== undefined && held.stamp === stamp.stamp && held.hash === stamp.hash) {
        state.stamps.set(path, stamp);
        return;
      }
      this.cacheStale = true;
    }
    const old = state.stamps.get(path);
    if (old?.stamp === stamp?.stamp && old?.hash === stamp?.hash) return;
    if (stamp === undefined) state.stamps.delete(path);
    else state.stamps.set(path, stamp);
    this.cacheStale = true;
  }

  /** An editor's text replaces the disk text `path` was indexed from (unless it is that text: a page just opened). */
  private holdForDisk(state: Loaded, path: string, text: string): void {
    const stamp = state.stamps.get(path);
    if (!stamp) return;
    const bytes = UTF8.encode(text);
    if (contentHash(bytes) === stamp.hash || contentHash(UTF8.encode('\ufeff' + text)) === stamp.hash) return;
    state.stamps.delete(path);
    state.heldForDisk.set(path, stamp);
  }

  /**
   * Before the first listing: the open pages' findings, published at once: what needs no other
   * file, and their links looked up in the folders they lead into (settings read without the
   * listing: the config file, and whether `articles/` exists). The full check follows once the
   * workspace is listed and replaces them.
   */
  private async checkOpenPagesAlone(): Promise<void> {
    const isFolder = this.host.isFolder?.bind(this.host);
    if (!isFolder) return;
    const known: string[] = [];
    if (this.options.configFile === undefined && 'bytes' in (await this.host.readFile(CONFIG_FILE))) known.push(CONFIG_FILE);
    // All loadSettings asks of the listing besides the config file: is there anything under `articles/`.
    if (await isFolder('articles')) known.push('articles/');
    let loaded: LoadedSettings;
    try {
      loaded = await loadSettings(this.host, known, this.options.configFile, this.defaults);
    } catch {
      return;
    }
    if (this.state) return;
    const early: Early = { loaded, index: new WorkspaceIndex(loaded.settings, false), folders: new Map() };
    this.early = early;
    await Promise.all([...this.overlays.keys()].map((path) => this.publishAlone(early, path)));
  }

  /**
   * An open page's findings before the listing. With a host that lists single folders, the
   * folders its links lead into are probed first (a pass that names them, their listing, again
   * until nothing new is asked, at most EARLY_PROBE_PASSES times), so its broken links show
   * before the workspace is listed. Nothing is published once the listing's state is set, or
   * when the page changed meanwhile (its newer text has its own pass).
   */
  private async publishAlone(early: Early, path: string): Promise<void> {
    const open = this.overlays.get(path);
    if (!open || !early.index.isPagePath(path)) return;
    const page = this.parse(path, open.text);
    const settings = early.loaded.settings;
    const listFolder = this.host.listFolder?.bind(this.host);
    let result = checkPageAlone(page, settings, { folders: early.folders, discover: listFolder !== undefined });
    for (let pass = 1; listFolder && result.wanted.length > 0; pass++) {
      if (pass > EARLY_PROBE_PASSES || early.folders.size + result.wanted.length > EARLY_PROBE_FOLDERS) {
        // Still asking: what is known is checked, the rest waits for the listing.
        result = checkPageAlone(page, settings, { folders: early.folders });
        break;
      }
      await Promise.all(
        result.wanted.map(async (folder) => {
          if (early.folders.has(folder)) return;
          const files = await listFolder(folder).catch(() => undefined);
          if (!early.folders.has(folder)) early.folders.set(folder, files ?? null);
        }),
      );
      if (this.state || this.early !== early || this.overlays.get(path) !== open) return;
      result = checkPageAlone(page, settings, { folders: early.folders, discover: true });
    }
    this.published.add(path);
    this.events.onDiagnostics?.(path, result.findings, open.text, open.version, true);
  }

  private keepFresh(path: string, text: string | undefined): void {
    const old = this.fresh.get(path);
    if (old !== undefined) {
      this.freshChars -= old.length;
      this.fresh.delete(path);
    }
    if (text === undefined || this.freshChars + text.length > FRESH_BUDGET) return;
    this.fresh.set(path, text);
    this.freshChars += text.length;
  }

  /** Indexes a page's text (disk or overlay): one parse, shared with every query on this text. */
  private indexText(state: Loaded, path: string, text: string): void {
    state.skipped.delete(path);
    const before = state.index.summary(path);
    const page = this.parse(path, text);
    const affected = state.index.setParsedPage(page);
    state.treeFirst.delete(path);
    const after = state.index.summary(path);
    if (this.options.backlinks !== false) state.backlinks.set(path, linkKeys(page, state.index.routeOfPage(path) ?? '/', state.loaded.settings.siteBases));
    if (!before || !after || !sameForTree(before, after)) this.invalidateTree();
    for (const p of affected) this.markDirty(p);
    this.markDirty(path);
  }

  private markSkipped(state: Loaded, path: string, reason: string): undefined {
    const affected = state.index.hasFile(path) ? state.index.deleteFile(path) : [];
    state.index.setFile(path);
    state.skipped.set(path, reason);
    state.treeFirst.delete(path);
    state.backlinks.delete(path);
    this.setStamp(state, path, undefined);
    this.invalidateTree();
    for (const p of affected) this.markDirty(p);
    this.markDirty(path);
    return undefined;
  }

  private deleteFromIndex(state: Loaded, path: string): void {
    const wasChecked = state.index.summary(path) !== undefined || state.skipped.has(path);
    const affected = state.index.deleteFile(path);
    state.skipped.delete(path);
    state.treeFirst.delete(path);
    state.backlinks.delete(path);
    this.setStamp(state, path, undefined);
    this.parsed.delete(path);
    this.keepFresh(path, undefined);
    if (wasChecked) this.invalidateTree();
    this.forget(path);
    for (const p of affected) this.markDirty(p);
  }

  /** `path` needs a check: whatever the last session left for it no longer holds. */
  private markDirty(path: string): void {
    if (!this.ownsCheck(path)) return;
    this.restored.delete(path);
    this.dirty.add(path);
  }

  /** False for a page another share of the check checks (`share`). */
  private ownsCheck(path: string): boolean {
    return this.options.share === undefined || this.options.share(path);
  }

  private forget(path: string): void {
    this.dirty.delete(path);
    this.restored.delete(path);
    this.checkedFindings.delete(path);
    this.results.delete(path);
    this.setCount(path, undefined);
    if (this.published.delete(path)) this.events.onForget?.(path);
    this.settleOpenWaiters();
  }

  // ---------------------------------------------------------------- documents and disk

  /** An editor opened a document (or changed it): its text wins over the disk until it closes. */
  openDocument(path: string, version: number, text: string): void {
    this.overlays.set(path, { version, text });
    const state = this.state;
    if (!state && this.early) void this.publishAlone(this.early, path);
    // A page deleted on disk while open stays out of the index (links to it are broken) until it is written again.
    if (state && state.index.isPagePath(path) && !this.goneOnDisk.has(path)) {
      const previous = this.parsed.get(path);
      if (previous?.text !== text || state.skipped.has(path) || !state.index.summary(path)) {
        this.holdForDisk(state, path, text);
        this.indexText(state, path, text);
      } else this.markDirty(path);
    }
    this.kick();
  }

  changeDocument(path: string, version: number, text: string): void {
    this.openDocument(path, version, text);
  }

  /** An editor closed a document: the disk is the truth again (a file never saved is gone). */
  async closeDocument(path: string): Promise<void> {
    this.goneOnDisk.delete(path);
    if (!this.overlays.delete(path)) return;
    const state = this.state;
    if (!state || !state.index.isPagePath(path)) return;
    this.busy++;
    try {
      const read = await this.host.readFile(path, state.loaded.settings.maxFileSize);
      if (this.state !== state || this.overlays.has(path)) return;
      if ('error' in read) this.deleteFromIndex(state, path);
      else this.indexRead(state, path, read);
      this.kick();
    } finally {
      this.done();
    }
  }

  /** The version of an open document, if open. */
  documentVersion(path: string): number | undefined {
    return this.overlays.get(path)?.version;
  }

  /**
   * Files or folders changed on disk (a watcher's batch: a branch switch may bring thousands).
   * Pages are re-read a bounded number at a time; other files count by name only; a change to
   * the config reloads everything. Open documents keep their editor text.
   */
  async filesChanged(events: readonly FileEvent[], token: CancellationToken = NONE): Promise<void> {
    const state = this.state;
    if (!state) {
      // The first load is listing (it lets messages in): a file created behind the listing would
      // be missed. Replayed once the load has its state.
      this.beforeFirstState.push(...events);
      return;
    }
    this.busy++;
    try {
      const configFiles = this.configFiles();
      if (events.some((e) => configFiles.includes(e.path))) {
        await this.load(token);
        return;
      }
      // What the index keeps for the next session may change (non-page files come and go by name).
      this.cacheStale = true;
      const toRead = new Set<string>();
      let known: string[] | undefined;
      const under = (folder: string): string[] => {
        known ??= [...state.index.filePaths()];
        return known.filter((f) => f.startsWith(folder + '/'));
      };
      for (const e of events) {
        const path = e.path.replace(/\/+$/, '');
        if (path === '' || state.index.ignores(path)) continue;
        if (e.type === 'deleted') {
          const gone = state.index.hasFile(path) ? [path] : under(path);
          for (const f of gone) {
            toRead.delete(f);
            // An open document whose file is deleted leaves the site all the same: its page is
            // unindexed (links to it become broken) and its editor text waits until it is written again.
            if (this.overlays.has(f)) this.goneOnDisk.add(f);
            this.deleteFromIndex(state, f);
          }
          continue;
        }
        const overlay = this.overlays.get(path);
        if (overlay) {
          // Saved or written by another tool: what the kept index held for it is no longer the disk.
          if (state.heldForDisk.delete(path)) this.cacheStale = true;
          // Written again (restored, saved): the editor's text is the page.
          if (this.goneOnDisk.delete(path) && state.index.isPagePath(path)) this.indexText(state, path, overlay.text);
          continue;
        }
        if (state.index.isPagePath(path)) {
          toRead.add(path);
          continue;
        }
        if (!state.index.hasFile(path) && (await this.host.isFolder?.(path))) {
          if (this.state !== state) return;
          const listed = (await this.host.listFiles()).filter((f) => f.startsWith(path + '/') && !state.index.ignores(f));
          for (const f of listed) {
            if (state.index.isPagePath(f)) {
              const open = this.overlays.get(f);
              if (!open) toRead.add(f);
              // An open page of the restored folder: its editor text is the page again.
              else if (this.goneOnDisk.delete(f)) this.indexText(state, f, open.text);
            } else this.addOtherFile(state, f);
          }
          continue;
        }
        this.addOtherFile(state, path);
      }
      let sliceStart = this.now();
      await readInOrder(
        [...toRead],
        (path) => this.read(path, state.loaded.settings.maxFileSize),
        (path, read) => {
          if (this.state !== state || this.overlays.has(path)) return;
          if ('error' in read && !state.index.hasFile(path)) return; // gone again before it was read
          this.indexRead(state, path, read);
        },
        undefined,
        () => this.state !== state || token.isCancellationRequested,
        async () => {
          if (this.now() - sliceStart < this.sliceMs) return;
          await this.yieldToEventLoop();
          sliceStart = this.now();
        },
      );
      this.kick();
    } finally {
      this.done();
    }
  }

  /** Reads a file, at once when the host can (a local disk), else through its asynchronous call. */
  private read(path: string, maxBytes: number | undefined): FileRead | Promise<FileRead> {
    return this.host.readFileSync ? this.host.readFileSync(path, maxBytes) : this.host.readFile(path, maxBytes);
  }

  /** A file that is not a page: it matters by its name only (includes, `_topic-links` targets). */
  private addOtherFile(state: Loaded, path: string): void {
    for (const p of state.index.setFile(path)) this.markDirty(p);
  }

  // ---------------------------------------------------------------- the re-check scheduler

  /**
   * Starts the scheduler unless it runs: it checks queued pages, open documents first, and
   * yields at least every `sliceMs`. While indexing only open documents are checked.
   */
  private kick(): void {
    if (this.state) this.releaseWaiting(this.state);
    if (this.running || this.dirty.size === 0) return;
    this.busy++;
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.done();
      // Work queued after the last pick starts a new run.
      if (this.dirty.size > 0 && this.nextDirty() !== undefined) this.kick();
    });
  }

  private nextDirty(): string | undefined {
    for (const path of this.overlays.keys()) if (this.dirty.has(path)) return path;
    if (this.progress !== undefined) return undefined;
    return this.dirty.values().next().value;
  }

  private async run(): Promise<void> {
    await this.yieldToEventLoop();
    // A share of a check goes on with the bodies its waiting checks asked for, then those checks.
    do await this.runDirty();
    while (await this.indexAskedBodies());
  }

  private async runDirty(): Promise<void> {
    let sliceStart = this.now();
    for (let path = this.nextDirty(); path !== undefined; path = this.nextDirty()) {
      const state = this.state;
      if (!state) return;
      const restored = this.restored.get(path);
      const fresh = this.fresh.get(path);
      if (restored !== undefined) {
        await this.publishRestored(state, path, restored);
      } else if (this.overlays.has(path) || state.skipped.has(path) || !state.index.isPagePath(path) || !state.index.hasFile(path)) {
        this.publish(state, path, this.currentText(path));
      } else if (fresh !== undefined) {
        if (!state.index.hasBody(path)) this.indexText(state, path, fresh);
        this.publish(state, path, fresh);
      } else {
        // Closed pages are read again to be checked, a bounded number at a time.
        const batch: string[] = [];
        for (const p of this.dirty) {
          if (batch.length >= READ_BATCH) break;
          if (!this.overlays.has(p) && !this.fresh.has(p) && !this.restored.has(p) && !state.skipped.has(p) && state.index.isPagePath(p) && state.index.hasFile(p)) batch.push(p);
        }
        const reads = await Promise.all(batch.map((p) => this.read(p, state.loaded.settings.maxFileSize)));
        for (let i = 0; i < batch.length; i++) {
          const p = batch[i] as string;
          // Skipped when a newer read (a disk change) or an editor took over while this one was in flight.
          if (this.state !== state || !this.dirty.has(p) || this.overlays.has(p) || this.fresh.has(p)) continue;
          const read = reads[i] as FileRead;
          // Gone without a watcher event yet: it is no page of the workspace any more.
          if ('error' in read) this.deleteFromIndex(state, p);
          else this.publish(state, p, this.indexRead(state, p, read));
          if (this.now() - sliceStart >= this.sliceMs) {
            await this.yieldToEventLoop();
            sliceStart = this.now();
          }
        }
      }
      this.releaseWaiting(state);
      if (this.now() - sliceStart >= this.sliceMs) {
        await this.yieldToEventLoop();
        sliceStart = this.now();
      }
    }
  }

  /**
   * Queues the pages whose check waited for other pages' bodies, once every body is indexed (with
   * `share`: once every page of the share is checked and the bodies the waiting checks asked for are indexed).
   */
  private releaseWaiting(state: Loaded): void {
    this.settleBodyWaiters();
    if (state.waiting.size === 0) return;
    if (this.options.share === undefined ? state.index.bodilessCount > 0 : !this.ownChecksDone() || state.asked.size > 0) return;
    for (const path of state.waiting) this.markDirty(path);
    state.waiting.clear();
  }

  /** Every page read and every page queued checked: with `share`, the share's own checks are done. */
  private ownChecksDone(): boolean {
    return this.progress === undefined && this.dirty.size === 0;
  }

  /**
   * With `share`, once the share's pages are checked: reads and indexes the other shares' pages
   * whose bodies the waiting checks asked for (their findings are another share's to publish),
   * and queues those checks again. False when nothing waits.
   */
  private async indexAskedBodies(): Promise<boolean> {
    const state = this.state;
    if (this.options.share === undefined || !state || state.waiting.size === 0 || !this.ownChecksDone()) return false;
    const asked = [...state.asked].filter((p) => state.index.hasFile(p) && !state.index.hasBody(p)).sort();
    state.asked.clear();
    // Each round gives a body to every page asked for, or marks it skipped: a check that still waits
    // with none left to ask for (it cannot, but a loop here would never end) publishes what it found.
    if (asked.length === 0) state.bodiesExhausted = true;
    for (const path of asked) {
      const read = await this.read(path, state.loaded.settings.maxFileSize);
      if (this.state !== state) return false;
      if ('error' in read) {
        this.deleteFromIndex(state, path);
        continue;
      }
      const text = this.decodeRead(state, path, read);
      if (text !== undefined) this.indexText(state, path, text);
    }
    this.releaseWaiting(state);
    return this.dirty.size > 0;
  }

  /**
   * Publishes the findings the last session left for an unchanged page: its text is read (the
   * editor places findings by it), not parsed or checked. Changed since it was listed: checked.
   */
  private async publishRestored(state: Loaded, path: string, findings: readonly Finding[]): Promise<void> {
    const read = await this.read(path, state.loaded.settings.maxFileSize);
    // Marked dirty meanwhile (markDirty drops the kept findings): checked as any other page.
    const stillKept = this.restored.get(path) === findings;
    this.restored.delete(path);
    if (this.state !== state || !this.dirty.has(path) || this.overlays.has(path)) return;
    if (!stillKept) {
      if ('error' in read) this.deleteFromIndex(state, path);
      else this.publish(state, path, this.indexRead(state, path, read));
      return;
    }
    // The stamp said unchanged; the bytes say so too (a tool can restore a modification time).
    const kept = state.stamps.get(path);
    if ('bytes' in read && read.stamp !== undefined && read.stamp === kept?.stamp && contentHash(read.bytes) === kept.hash) {
      const decoded = decodeFile(read.bytes, state.loaded.settings.maxFileSize);
      if ('text' in decoded) {
        this.dirty.delete(path);
        this.setCount(path, findings);
        this.published.add(path);
        this.events.onDiagnostics?.(path, findings, decoded.text, undefined);
        this.settleOpenWaiters();
        return;
      }
    }
    if ('error' in read) this.deleteFromIndex(state, path);
    else this.publish(state, path, this.indexRead(state, path, read));
  }

  private publish(state: Loaded, path: string, text: string | undefined): void {
    if (!this.isPage(path) || (!state.index.hasFile(path) && !this.overlays.has(path))) {
      this.forget(path);
      return;
    }
    const findings = text !== undefined && !state.skipped.has(path) ? this.checkIndexed(state, path, text, true) : this.diagnostics(path);
    if (!findings) return;
    this.published.add(path);
    this.events.onDiagnostics?.(path, findings, text ?? '', this.overlays.get(path)?.version);
    this.settleOpenWaiters();
  }

  private settleOpenWaiters(): void {
    if (this.openWaiters.length > 0 && !this.openPageWaiting()) for (const w of this.openWaiters.splice(0)) w();
  }

  /**
   * Resolves once no open page waits for its check (at once when none does): what an editor shows
   * first. Work that can wait (building the topic tree, watching the disk) waits for it.
   */
  whenOpenPagesChecked(): Promise<void> {
    if (!this.openPageWaiting()) return Promise.resolve();
    return new Promise((resolve) => this.openWaiters.push(resolve));
  }

  private openPageWaiting(): boolean {
    for (const path of this.overlays.keys()) if (this.dirty.has(path)) return true;
    return false;
  }

  /**
   * Resolves once a load has read every page and indexed every page's body (at once when it has):
   * with `frontMatterFirst`, a first load parses bodies as it checks, so what needs every page's
   * links (the pages linking to a page, the orphans) waits for it rather than parse them all again.
   * With `limitMs`, resolves to false when that time passes first, and forgets its waiter: a load
   * that never ends must not gather one per ask.
   */
  whenBodiesIndexed(limitMs?: number): Promise<boolean> {
    if (this.bodiesIndexed()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      if (limitMs !== undefined) {
        timer = setTimeout(() => {
          this.bodyWaiters = this.bodyWaiters.filter((w) => w !== waiter);
          resolve(false);
        }, limitMs);
      }
      this.bodyWaiters.push(waiter);
    });
  }

  /** How many asks wait for every body to be indexed (`whenBodiesIndexed`): for tests. */
  get bodyWaitersCount(): number {
    return this.bodyWaiters.length;
  }

  private bodiesIndexed(): boolean {
    return this.ready && (this.state?.index.bodilessCount ?? 0) === 0;
  }

  private settleBodyWaiters(): void {
    if (this.bodyWaiters.length > 0 && this.bodiesIndexed()) for (const w of this.bodyWaiters.splice(0)) w();
  }

  /** Resolves when nothing is queued or running (loads, disk changes, re-checks). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.busy === 0 && (this.dirty.size === 0 || this.nextDirty() === undefined) && this.progress === undefined;
  }

  private done(): void {
    this.busy--;
    this.settleOpenWaiters();
    this.settleBodyWaiters();
    if (!this.isIdle()) return;
    for (const w of this.idleWaiters.splice(0)) w();
    if (this.cacheStale) this.scheduleSave();
  }

  // ---------------------------------------------------------------- the index between sessions

  private cacheKey(loaded: LoadedSettings): string {
    return JSON.stringify([INDEX_CACHE_FORMAT, this.options.cacheVersion ?? '', loaded.settings.docsRoot, loaded.settings.siteBases]);
  }

  /** Findings are valid under the same build and every setting the same (severities, schema, redirects…). */
  private checkKey(loaded: LoadedSettings): string {
    return JSON.stringify([INDEX_CACHE_FORMAT, this.options.cacheVersion ?? '', loaded.settings]);
  }

  /** The last session's index, when it was made under the same settings and build. */
  private async readCache(loaded: LoadedSettings): Promise<{ pages: Map<string, CachedPage>; files: ReadonlySet<string>; checks: boolean } | undefined> {
    const store = this.options.indexStore;
    if (!store || !this.host.stampSync) return undefined;
    let text: string | undefined;
    try {
      text = await store.read();
    } catch (error) {
      this.options.log?.(`The index kept from the last session could not be read: ${String(error)}`);
      return undefined;
    }
    let index: CachedIndex | undefined;
    if (text !== undefined) {
      // A page at a time, yielding to the editor's messages (30 MB at 10,500 pages).
      const steps = decodeIndexInSteps(text);
      let sliceStart = this.now();
      let step = steps.next();
      for (; !step.done; step = steps.next()) {
        if (this.now() - sliceStart < this.sliceMs) continue;
        await this.yieldToEventLoop();
        sliceStart = this.now();
      }
      index = step.value;
    }
    if (!index || index.key !== this.cacheKey(loaded)) return undefined;
    this.options.trace?.(`the index kept from the last session read (${index.pages.length.toLocaleString('en')} pages)`);
    return { pages: new Map(index.pages.map((p) => [p.summary.path, p])), files: new Set(index.files), checks: index.checkKey === this.checkKey(loaded) };
  }

  /**
   * Indexes the pages of `listed` unchanged since the last session (same stamp) from its index;
   * returns the others, to be read. Under the same settings their findings and dependencies come
   * back too: only the pages whose findings can have changed since (what they looked up came,
   * went or changed) are marked for a check; the others' findings are published as they were.
   * The open pages are checked again: what they link to is known now.
   */
  private async applyCache(state: Loaded, files: readonly string[], listed: readonly string[]): Promise<readonly string[]> {
    const cache = await this.readCache(state.loaded);
    if (this.state !== state) return listed;
    const toRead: string[] = [];
    let sliceStart = this.now();
    for (const path of listed) {
      // Sliced: at 10,500 pages the stamps alone are a second of work while the editor's window starts.
      if (this.now() - sliceStart >= this.sliceMs) {
        await this.yieldToEventLoop();
        if (this.state !== state) return listed;
        sliceStart = this.now();
      }
      const c = cache?.pages.get(path);
      if (c === undefined || this.overlays.has(path) || this.host.stampSync?.(path) !== c.stamp) {
        toRead.push(path);
        continue;
      }
      // Unchanged since the last session: indexed as it left it.
      state.index.setSummary(c.summary);
      state.backlinks.set(path, c.links);
      state.stamps.set(path, { stamp: c.stamp, hash: c.hash });
      if (cache?.checks && c.checked && !this.dirty.has(path)) {
        state.index.restoreDependencies(path, c.checked.deps);
        this.checkedFindings.set(path, c.checked.findings);
        this.restored.set(path, c.checked.findings.map(toFinding));
      }
    }
    let changed = cache === undefined || toRead.length > 0 || listed.length !== cache.pages.size;
    if (cache?.checks) {
      // What came, went or changed since: whoever looked it up is checked again. (Pages read below
      // mark their dependents themselves when indexed.)
      const listedSet = new Set(files.filter((f) => !state.index.ignores(f)));
      const invalidate = (path: string, summary: PageSummary | undefined): void => {
        for (const p of state.index.dependentsOfFile(path, summary)) this.markDirty(p);
      };
      // Pages gone, changed (read below) or open: whoever looked up what they were is checked again.
      const reading = new Set(toRead);
      for (const [path, c] of cache.pages) if (!listedSet.has(path) || reading.has(path) || this.overlays.has(path)) invalidate(path, c.summary);
      for (const path of this.overlays.keys()) if (!cache.pages.has(path)) invalidate(path, state.index.summary(path));
      for (const f of listedSet) {
        if (state.index.isPagePath(f) || cache.files.has(f)) continue;
        invalidate(f, undefined);
        changed = true;
      }
      for (const f of cache.files) {
        if (listedSet.has(f)) continue;
        invalidate(f, undefined);
        changed = true;
      }
    } else if (cache) changed = true;
    this.cacheStale = changed;
    if (toRead.length < listed.length) {
      this.progress = { done: listed.length - toRead.length, total: listed.length };
      this.invalidateTree();
      this.tree = undefined;
      this.events.onTreeChanged?.();
      for (const path of this.overlays.keys()) if (state.index.isPagePath(path)) this.markDirty(path);
      this.kick();
      this.events.onStatus?.();
    }
    return toRead;
  }

  /**
   * The index is written once everything is indexed and checked, then at most every
   * SAVE_INTERVAL_MS (each file saved in the editor changes it; at 10,500 pages it is 29 MB), and
   * at shutdown (`whenSaved`).
   */
  private scheduleSave(): void {
    if (this.saveTimer || !this.options.indexStore) return;
    const wait = this.lastSaved + (this.options.saveIntervalMs ?? SAVE_INTERVAL_MS) - this.now();
    if (wait <= 0) {
      void this.saveCache();
      return;
    }
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      // Busy again: written when next idle.
      if (this.cacheStale && this.isIdle()) void this.saveCache();
    }, wait);
    (this.saveTimer as { unref?: () => void }).unref?.();
  }

  /** Keeps the index for the next session, once everything is indexed and checked. */
  private async saveCache(): Promise<void> {
    const store = this.options.indexStore;
    const state = this.state;
    if (!store || !state || this.saving) return;
    this.cacheStale = false;
    const pages: CachedPage[] = [];
    for (const [path, { stamp, hash }] of state.stamps) {
      const summary = state.index.summary(path);
      // A page indexed by its front matter alone is kept once its body is (the next session reads it meanwhile).
      if (!summary || !state.index.hasBody(path)) continue;
      const findings = this.checkedFindings.get(path);
      pages.push({ stamp, hash, summary, links: state.backlinks.linksOf(path), checked: findings ? { deps: state.index.dependencyKeys(path), findings } : undefined });
    }
    // A page indexed from an editor's text is kept as changed since: the next session reads it,
    // and whoever looked up what it served here (links checked against the unsaved text) is checked again.
    for (const path of this.overlays.keys()) {
      const summary = state.stamps.has(path) || !state.index.hasBody(path) ? undefined : state.index.summary(path);
      if (summary) pages.push({ stamp: EDITOR_TEXT_STAMP, hash: 0, summary, links: state.backlinks.linksOf(path) });
    }
    const files: string[] = [];
    for (const f of state.index.filePaths()) if (!state.index.isPagePath(f)) files.push(f);
    const chunks = encodeIndexChunks({ key: this.cacheKey(state.loaded), checkKey: this.checkKey(state.loaded), files: files.sort(), pages });
    this.saving = store.write(chunks).then(
      () => this.saveRoots(state),
      (error: unknown) => {
        this.options.log?.(`The index could not be kept for the next session: ${String(error)}`);
      },
    );
    try {
      await this.saving;
    } finally {
      this.saving = undefined;
      this.lastSaved = this.now();
    }
    // Changed while it was written: written again when next idle.
    if (this.cacheStale && this.isIdle()) this.scheduleSave();
  }

  /** Keeps the tree's roots beside the index (see keptTreeRoots): built in slices, like the view's. */
  private async saveRoots(state: Loaded): Promise<void> {
    const store = this.options.rootsStore;
    if (!store) return;
    try {
      const roots = await this.treeRootsInSlices();
      if (this.state !== state) return;
      await store.write([encodeKeptRoots(this.options.cacheVersion ?? '', roots)]);
    } catch (error) {
      this.options.log?.(`The topic tree's roots could not be kept for the next session: ${String(error)}`);
    }
  }

  /**
   * The tree's roots as the last session kept them, read once; undefined when none
   * were kept, or by another build. For a view asking while `nothingRead`: this session's own
   * roots replace them once its pages are read.
   */
  keptTreeRoots(): Promise<ServiceTreeNode[] | undefined> {
    this.keptRoots ??= this.readKeptRoots();
    return this.keptRoots;
  }

  private async readKeptRoots(): Promise<ServiceTreeNode[] | undefined> {
    const store = this.options.rootsStore;
    if (!store) return undefined;
    try {
      const text = await store.read();
      return text === undefined ? undefined : decodeKeptRoots(text, this.options.cacheVersion ?? '');
    } catch (error) {
      this.options.log?.(`The topic tree's roots kept from the last session could not be read: ${String(error)}`);
      return undefined;
    }
  }

  /** Writes what waits to be written now (shutdown), and resolves once the index is written. */
  async whenSaved(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      if (this.cacheStale && this.isIdle()) void this.saveCache();
    }
    while (this.saving) await this.saving;
  }

  /** How many checks of indexed texts ran since the service started. */
  get checks(): number {
    return this.checkRuns;
  }

  /** How many texts the service has parsed (a page's text is parsed once while it stays in the parse cache). */
  get parses(): number {
    return this.parseRuns;
  }

  /** Indexing progress, problem totals and the page count. */
  status(): ServiceStatus {
    // `progress` counts the pages a load reads from disk; the open pages it indexed at once count too.
    const p = this.progress;
    const indexing = p ? { done: this.openAtLoad + p.done, total: this.openAtLoad + p.total } : null;
    return { indexing, problems: { ...this.totals }, pages: this.state?.index.pageCount ?? 0 };
  }

  /** Problem counts of a file, as last computed. */
  problems(path: string): ProblemCount | undefined {
    return this.counts.get(path);
  }

  private setCount(path: string, findings: readonly Finding[] | undefined): void {
    const old = this.counts.get(path);
    if (old) {
      this.totals.errors -= old.errors;
      this.totals.warnings -= old.warnings;
      this.totals.infos -= old.infos;
      this.counts.delete(path);
    }
    if (!findings) return;
    const c = { errors: 0, warnings: 0, infos: 0 };
    for (const f of findings) {
      if (f.severity === 'error') c.errors++;
      else if (f.severity === 'warning') c.warnings++;
      else c.infos++;
    }
    this.counts.set(path, c);
    this.totals.errors += c.errors;
    this.totals.warnings += c.warnings;
    this.totals.infos += c.infos;
  }

  // ---------------------------------------------------------------- parsing and checking

  /**
   * The text queries see: the open document's (the index keeps no page texts: a closed page's
   * text is read from disk when it is checked; see `readText`).
   */
  currentText(path: string): string | undefined {
    return this.overlays.get(path)?.text;
  }

  /** The open document's text, else the file's text on disk (undefined when it cannot be read as text). */
  async readText(path: string): Promise<string | undefined> {
    const open = this.overlays.get(path)?.text;
    if (open !== undefined) return open;
    const read = await this.host.readFile(path, this.state?.loaded.settings.maxFileSize);
    if (!('bytes' in read)) return undefined;
    const decoded = decodeFile(read.bytes);
    return 'text' in decoded ? decoded.text : undefined;
  }

  private parse(path: string, text: string): Page {
    const hit = this.parsed.get(path);
    if (hit && hit.text === text) return hit;
    this.parseRuns++;
    const page = parsePage(path, text);
    this.parsed.delete(path);
    this.parsed.set(path, page);
    if (this.parsed.size > PARSE_CACHE + this.overlays.size) {
      for (const key of this.parsed.keys()) {
        if (this.overlays.has(key)) continue;
        this.parsed.delete(key);
        if (this.parsed.size <= PARSE_CACHE + this.overlays.size) break;
      }
    }
    return page;
  }

  /** The parsed current text of a page, or undefined for a file that is not an indexed page. */
  page(path: string): Page | undefined {
    const state = this.state;
    const text = this.currentText(path);
    if (!state || text === undefined || !state.index.isPagePath(path)) return undefined;
    return this.parse(path, text);
  }

  /**
   * The findings of a file's current text, computed once per text and index state (the
   * diagnostics, code actions and fix-all all read this one result).
   */
  diagnostics(path: string): readonly Finding[] {
    const state = this.state;
    if (!state) return [];
    const reason = state.skipped.get(path);
    if (reason !== undefined) {
      const severity = state.loaded.settings.severities['file-skipped'] ?? rulesById.get('file-skipped')?.defaultSeverity ?? 'warning';
      const findings = severity === 'off' ? [] : [skippedFinding(reason, severity)];
      this.dirty.delete(path);
      this.setCount(path, findings);
      return findings;
    }
    const text = this.currentText(path);
    const hit = this.results.get(path);
    if (text === undefined || !state.index.isPagePath(path)) return hit?.findings ?? [];
    if (hit && hit.text === text && !this.dirty.has(path)) return hit.findings;
    return this.checkIndexed(state, path, text);
  }

  /**
   * Checks the text the index holds for `path` (an open document's, or the disk's just indexed), recording its dependencies.
   * When the check asked for a page indexed by its front matter alone (`frontMatterFirst`), the page
   * is queued again once every page's body is indexed, and, with `mayWait`, a closed page's answer is
   * undefined (it is published then); an open page's, and any answer without `mayWait`, is what the
   * rules that did not wait found.
   */
  private checkIndexed(state: Loaded, path: string, text: string, mayWait: true): readonly Finding[] | undefined;
  private checkIndexed(state: Loaded, path: string, text: string, mayWait?: false): readonly Finding[];
  private checkIndexed(state: Loaded, path: string, text: string, mayWait = false): readonly Finding[] | undefined {
    this.keepFresh(path, undefined);
    this.checkRuns++;
    const record = { record: this.options.recordDependencies !== false };
    const page = this.parse(path, text);
    // While some pages' bodies are not indexed yet, a check that needs one is done again once they are.
    const { findings, complete, deferred, asked } = checkPageOrWait(page, state.index, allRules, record);
    if (!complete && !state.bodiesExhausted) {
      state.waiting.add(path);
      if (this.options.share) for (const p of asked) if (!this.ownsCheck(p)) state.asked.add(p);
      this.dirty.delete(path);
      // An open page shows what it has meanwhile; a closed one is published once, complete.
      if (mayWait && !this.overlays.has(path)) return undefined;
      // What the rules that waited found in the last check of the same text stays shown until they run again.
      const last = this.overlays.has(path) ? this.results.get(path) : undefined;
      const shown = last !== undefined && last.text === text ? withDeferred(findings, last.findings, deferred) : findings;
      if (this.overlays.has(path)) this.results.set(path, { text, findings: shown });
      this.setCount(path, shown);
      return shown;
    }
    if (this.options.indexStore) this.checkedFindings.set(path, findings.map(toCachedFinding));
    // Findings are kept for open documents (code actions ask again); a closed page keeps its counts only.
    if (this.overlays.has(path)) this.results.set(path, { text, findings });
    else this.results.delete(path);
    this.dirty.delete(path);
    this.setCount(path, findings);
    return findings;
  }

  /** Findings of a hypothetical text for `path`; the index and its dependency edges stay as they are. */
  checkText(path: string, text: string): Finding[] {
    const state = this.state;
    if (!state || !state.index.isPagePath(path)) return [];
    // While some pages' bodies are not indexed yet, a rule that needs one is left out rather than misled.
    return checkPageOrWait(parsePage(path, text), state.index, allRules, { record: false }).findings;
  }

  // ---------------------------------------------------------------- code actions

  /**
   * Quick fixes for the findings touching `range` (the fix, its suggestions, fix all of the
   * rule, disable for the line), or, when `only` asks for it, the fix-all source action.
   */
  codeActions(path: string, range: Range, only?: readonly string[]): ServiceCodeAction[] {
    if (only && only.length > 0) {
      if (only.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(k + '.'))) {
        const edit = this.fixAllEdit(path);
        return edit ? [{ title: 'Fix all Topic Pages problems', kind: FIX_ALL_KIND, edits: [edit], findings: [] }] : [];
      }
      if (!only.includes('quickfix')) return [];
    }
    const text = this.currentText(path);
    if (text === undefined) return [];
    const findings = this.diagnostics(path);
    const touching = findings.filter((f) => f.range.start <= range.end && range.start <= f.range.end);
    const actions: ServiceCodeAction[] = [];
    const disables: ServiceCodeAction[] = [];
    const fixAllOffered = new Set<string>();
    for (const finding of touching) {
      if (finding.fix) actions.push({ title: `Fix: ${finding.fix.title}`, kind: 'quickfix', edits: finding.fix.edits, findings: [finding], isPreferred: true });
      for (const s of finding.suggestions ?? []) actions.push({ title: s.title, kind: 'quickfix', edits: s.edits, findings: [finding] });
      const sameRule = findings.filter((f) => f.ruleId === finding.ruleId && f.fix);
      if (sameRule.length > 1 && !fixAllOffered.has(finding.ruleId)) {
        fixAllOffered.add(finding.ruleId);
        actions.push({ title: `Fix all ${finding.ruleId} problems in this file`, kind: 'quickfix', edits: compatibleFixEdits(sameRule), findings: findings.filter((f) => f.ruleId === finding.ruleId) });
      }
      if (finding.ruleId !== 'file-skipped') {
        const edit = disableNextLineEdit(text, finding.range.start, finding.ruleId);
        const title = `Disable ${finding.ruleId} for this line`;
        if (edit && !disables.some((a) => a.title === title)) disables.push({ title, kind: 'quickfix', edits: [edit], findings: [finding] });
      }
    }
    return [...actions, ...disables];
  }

  /** Every safe fix of the file, re-checking until none remains, as one trimmed edit. */
  fixAllEdit(path: string): TextEdit | undefined {
    const before = this.currentText(path);
    if (before === undefined) return undefined;
    const findings = this.diagnostics(path);
    if (!findings.some((f) => f.fix)) return undefined;
    const after = fixAll(before, (text) => (text === before ? findings : this.checkText(path, text))).text;
    return minimalEdit(before, after);
  }

  // ---------------------------------------------------------------- navigation

  documentLinks(path: string, token: CancellationToken = NONE): ServiceDocumentLink[] {
    const page = this.page(path);
    const index = this.state?.index;
    if (!page || !index || token.isCancellationRequested) return [];
    const out: ServiceDocumentLink[] = [];
    for (const t of linkTargets(page, index)) {
      if (!t.target || t.resolution === 'fragment' || t.range.start === t.range.end) continue;
      out.push({ range: t.range, target: t.target, tooltip: t.kind === 'include' ? `Open include ${t.target}` : `Open ${t.target}` });
    }
    return out;
  }

  /** Where the link or include under `offset` leads: the target's anchor for a fragment, else its start. */
  async definition(path: string, offset: number): Promise<ServiceLocation | undefined> {
    const page = this.page(path);
    const index = this.state?.index;
    if (!page || !index) return undefined;
    const t = targetAt(page, index, offset);
    if (!t?.target) return undefined;
    const text = (await this.readText(t.target)) ?? '';
    const at = fragmentOffset(text, t.fragment, slugify);
    return { path: t.target, range: { start: at, end: at }, text };
  }

  hover(path: string, offset: number): ServiceHover | undefined {
    const page = this.page(path);
    const index = this.state?.index;
    if (!page || !index) return undefined;
    const onHref = page.links.some((l) => offset >= l.hrefRange.start && offset <= l.hrefRange.end) || page.includes.some((i) => offset >= i.pathRange.start && offset <= i.pathRange.end);
    if (!onHref) return undefined;
    const t = targetAt(page, index, offset);
    const markdown = t && hoverMarkdown(t, index);
    return t && markdown ? { markdown, range: t.range } : undefined;
  }

  /** Completion at `offset`: routes inside `href="…"`, page keys inside a `_topic-links` list, front-matter keys and values. */
  completion(path: string, offset: number, token: CancellationToken = NONE): ServiceCompletion[] {
    const state = this.state;
    const text = this.currentText(path);
    if (!state || text === undefined) return [];
    const index = state.index;
    const href = hrefAt(text, offset);
    if (href) {
      const own = index.routeOfPage(path);
      const out: ServiceCompletion[] = [];
      for (const route of index.routes()) {
        if (token.isCancellationRequested) return [];
        const { byFile, byUrl } = index.filesForRoute(route);
        const file = byUrl[0] ?? byFile[0];
        const summary = file ? index.summary(file) : undefined;
        out.push({
          label: route,
          kind: 'route',
          range: href.value,
          ...(summary?.title ? { description: summary.title } : {}),
          ...(file ? { detail: file } : {}),
          ...(summary?.description ? { documentation: summary.description } : {}),
          sortText: (route === own ? '1' : '0') + route,
        });
      }
      return out;
    }
    const page = this.page(path);
    const key = page?.includes.flatMap((i) => i.links ?? []).find((k) => offset >= k.range.start && offset <= k.range.end);
    if (key) {
      const docsRoot = state.loaded.settings.docsRoot;
      const out: ServiceCompletion[] = [];
      for (const p of index.pagePaths()) {
        const k = articleKeyForFile(p, docsRoot);
        const s = index.summary(p);
        // Partials (`_name.md`, files under `_folders`) serve no page.
        if (k === undefined || k === '' || s?.route === undefined) continue;
        out.push({ label: k, kind: 'include-key', range: key.range, detail: p, ...(s?.title ? { description: s.title } : {}), ...(s?.description ? { documentation: s.description } : {}) });
      }
      return out;
    }
    const fm = frontMatterContext(text, offset);
    if (!fm) return [];
    const schema = state.loaded.settings.frontMatterSchema ?? frontMatterSchema;
    if (fm.kind === 'key') {
      return schemaKeys(schema)
        .filter((k) => !fm.existing.includes(k.key))
        .map((k) => ({ label: k.key, kind: 'property', range: fm.replace, snippet: k.list ? `${k.key}:\n  - $0` : `${k.key}: $0`, sortText: (k.required ? '0' : '1') + k.key, ...(k.description ? { documentation: k.description } : {}) }));
    }
    return schemaValues(schema, fm.key, fm.inList).map((v) => ({ label: v, kind: 'value', range: fm.replace }));
  }

  documentSymbols(path: string): OutlineSymbol[] {
    const page = this.page(path);
    return page ? pageOutline(page) : [];
  }

  /** Pages that link to the page at `path` (its routes or its include key), from the backlink index; during a first load, also the pages whose links are not indexed yet. */
  backlinks(path: string): string[] {
    const state = this.state;
    if (!state) return [];
    const s = state.index.summary(path);
    const keys = keysOfTarget([s?.route ?? state.index.routeOfPage(path), s?.url], articleKeyForFile(path, state.loaded.settings.docsRoot));
    const linking = state.backlinks.pagesLinkingTo(keys);
    // Pages indexed by their front matter alone (a first load) have no links indexed yet: they may link here, and callers read them.
    if (state.index.bodilessCount > 0) return [...new Set([...linking, ...state.index.bodilessPaths()])].filter((p) => p !== path).sort();
    return linking.filter((p) => p !== path);
  }

  /**
   * The edits that keep every link working when files or folders move (before the move): hrefs
   * of `<a>` on every page, topic page or not, Markdown links, and `_topic-links` include keys.
   * Only the pages the backlink index names are read (and, during a first load, the pages whose
   * bodies are not indexed yet).
   */
  async renameFilesEdits(moves: readonly PageMove[]): Promise<FileEdits[]> {
    const state = this.state;
    if (!state) return [];
    const known = state.index.pagePaths();
    const pageMovesList = moves.flatMap((m) => pageMoves(m.from.replace(/\/+$/, ''), m.to.replace(/\/+$/, ''), known));
    if (pageMovesList.length === 0) return [];
    const candidates = new Set<string>();
    for (const m of pageMovesList) {
      for (const p of this.backlinks(m.from)) candidates.add(p);
      const key = articleKeyForFile(m.from, state.loaded.settings.docsRoot);
      for (const p of state.backlinks.pagesLinkingTo(keysOfTarget([state.index.routeOfPage(m.from)], key))) candidates.add(p);
    }
    const pages: { path: string; text: string }[] = [];
    const sortedCandidates = [...candidates].sort();
    const texts = await Promise.all(sortedCandidates.map((p) => this.readText(p)));
    sortedCandidates.forEach((path, i) => {
      const text = texts[i];
      if (text !== undefined) pages.push({ path, text });
    });
    const edits = hrefEditsForMoves(pages, pageMovesList, { docsRoot: state.loaded.settings.docsRoot, siteBases: state.loaded.settings.siteBases, routeOf: (p) => state.index.routeOfPage(p) });
    return pages.filter((p) => edits.has(p.path)).map((p) => ({ path: p.path, text: p.text, edits: edits.get(p.path) ?? [] }));
  }

  // ---------------------------------------------------------------- the topic tree

  /** True for a page the tree needs whole whose body the load has not parsed yet (`frontMatterFirst`). */
  private listPending(path: string): boolean {
    return this.state?.treeFirst.has(path) === true;
  }

  private invalidateTree(): void {
    if (!this.tree) return;
    this.tree = undefined;
    this.events.onTreeChanged?.();
  }

  private topicTree(): TopicTree | undefined {
    const index = this.state?.index;
    if (!index) return undefined;
    this.tree ??= new TopicTree(index);
    return this.tree;
  }

  private present(tree: TopicTree, node: TopicNode): ServiceTreeNode {
    const p = presentNode(node, (path) => this.counts.get(path));
    // A topic page whose list is not parsed yet (a first load reads front matter first) is shown as it
    // will be, with children: the view asks for them again once the list is parsed. A view cannot
    // later expand a row it first drew as a leaf.
    const hasChildren = tree.children(node).length > 0 || (node.kind === 'topic-page' && node.target !== undefined && this.listPending(node.target));
    return {
      id: p.id,
      kind: node.kind,
      label: p.label,
      description: p.description,
      tooltip: p.tooltip,
      icon: p.icon,
      iconColor: p.iconColor,
      contextValue: p.contextValue,
      hasChildren,
      expanded: hasChildren && node.parent === undefined,
      target: node.target,
      route: node.route,
      href: node.href,
      source: node.source,
    };
  }

  /** The node with this id in the current tree (ids are chains of link positions from a root page). */
  private nodeById(tree: TopicTree, id: string): TopicNode | undefined {
    const root = tree.roots().find((r) => id === r.id || id.startsWith(r.id + '/'));
    if (!root) return undefined;
    let node: TopicNode | undefined = root;
    const rest = id.slice(root.id.length + 1);
    for (const step of rest === '' ? [] : rest.split('/')) {
      node = node ? tree.children(node)[Number(step)] : undefined;
    }
    return node;
  }

  /**
   * The roots by folder when there are more than FOLDER_ROOTS_ABOVE: the folder under the docs root
   * (one level, or deeper while one folder would hold them all). Undefined when shown flat. While
   * a load reads, the count is the one the pages read so far foretell for the whole workspace: a view
   * that will end in folders starts in them, rather than drawing every root flat and then folding it.
   * The depth, meanwhile, is the one the listed pages split at: the few roots read first all lie in
   * one folder, and would be shown as one deep folder (`c0063/configure/applications`).
   */
  private rootFolders(tree: TopicTree): Map<string, TopicNode[]> | undefined {
    if (this.rootGroups?.tree === tree) return this.rootGroups.groups;
    const roots = tree.roots();
    const reading = this.progress;
    const loading = reading !== undefined && reading.done > 0 && reading.done < reading.total;
    const expected = loading ? Math.round((roots.length * reading.total) / reading.done) : roots.length;
    let groups: Map<string, TopicNode[]> | undefined;
    if (expected > FOLDER_ROOTS_ABOVE) {
      const base = (this.state?.loaded.settings.docsRoot ?? '').replace(/^\.?\/?/, '').replace(/\/+$/, '');
      const rel = (path: string): string[] => (base !== '' && path.startsWith(base + '/') ? path.slice(base.length + 1) : path).split('/').slice(0, -1);
      const folderOf = (path: string, depth: number): string => rel(path).slice(0, depth).join('/');
      // The first depth (at most 3) at which `paths` lie in more than one folder.
      const splitDepth = (paths: readonly string[]): number => {
        for (let depth = 1; depth < 3; depth++) {
          const first = paths[0] === undefined ? '' : folderOf(paths[0], depth);
          if (paths.some((p) => folderOf(p, depth) !== first)) return depth;
        }
        return 3;
      };
      const state = this.state;
      let depth: number;
      if (loading && state) {
        if (this.listingDepth?.state !== state) {
          const pages = [...state.index.filePaths()].filter((p) => state.index.isPagePath(p));
          this.listingDepth = { state, depth: splitDepth(pages) };
        }
        depth = this.listingDepth.depth;
      } else depth = splitDepth(roots.map((r) => r.target ?? r.id));
      groups = new Map();
      for (const r of roots) {
        const key = folderOf(r.target ?? r.id, depth);
        const list = groups.get(key);
        if (list) list.push(r);
        else groups.set(key, [r]);
      }
    }
    this.rootGroups = { tree, groups };
    return groups;
  }

  private presentFolder(key: string, roots: readonly TopicNode[]): ServiceTreeNode {
    let problems = 0;
    for (const r of roots) {
      const c = r.target !== undefined ? this.counts.get(r.target) : undefined;
      if (c) problems += c.errors + c.warnings + c.infos; // as each row counts them
    }
    const pages = `${roots.length} topic page${roots.length === 1 ? '' : 's'}`;
    return {
      id: FOLDER_ID + key,
      kind: 'folder',
      label: key === '' ? '(top level)' : key,
      description: problems > 0 ? `${pages} · ${problems} problem${problems === 1 ? '' : 's'}` : pages,
      tooltip: `**${key === '' ? 'Top level' : key + '/'}**: ${pages} that no other topic page links to.`,
      icon: 'folder',
      iconColor: undefined,
      contextValue: 'topicFolder',
      hasChildren: true,
      expanded: false,
      target: undefined,
      route: undefined,
      href: undefined,
      source: undefined,
    };
  }

  /** The folder node holding the root `root`, when roots are shown in folders. */
  private folderOf(tree: TopicTree, root: TopicNode): ServiceTreeNode | undefined {
    const groups = this.rootFolders(tree);
    if (!groups) return undefined;
    for (const [key, roots] of groups) if (roots.includes(root)) return this.presentFolder(key, roots);
    return undefined;
  }

  treeRoots(): ServiceTreeNode[] {
    const tree = this.topicTree();
    return tree ? this.rootsOf(tree) : [];
  }

  /**
   * The same, computed in slices (resolving every topic page's links takes about half a second at
   * 10,500 pages): messages such as keystrokes are answered meanwhile. Pages indexed meanwhile
   * show at the next refresh.
   */
  async treeRootsInSlices(token: CancellationToken = NONE): Promise<ServiceTreeNode[]> {
    const tree = this.topicTree();
    if (!tree) return [];
    const steps = tree.rootSteps();
    let sliceStart = this.now();
    for (let step = steps.next(); !step.done; step = steps.next()) {
      if (this.now() - sliceStart < this.sliceMs) continue;
      await this.yieldToEventLoop();
      if (token.isCancellationRequested) return [];
      sliceStart = this.now();
    }
    return this.rootsOf(tree);
  }

  private rootsOf(tree: TopicTree): ServiceTreeNode[] {
    const groups = this.rootFolders(tree);
    if (groups) return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, roots]) => this.presentFolder(key, roots));
    return tree.roots().map((n) => this.present(tree, n));
  }

  treeChildren(id: string): ServiceTreeNode[] {
    const tree = this.topicTree();
    if (!tree) return [];
    if (id.startsWith(FOLDER_ID)) return (this.rootFolders(tree)?.get(id.slice(FOLDER_ID.length)) ?? []).map((n) => this.present(tree, n));
    const node = this.nodeById(tree, id);
    return node ? tree.children(node).map((n) => this.present(tree, n)) : [];
  }

  treeParent(id: string): ServiceTreeNode | undefined {
    const tree = this.topicTree();
    if (!tree || id.startsWith(FOLDER_ID)) return undefined;
    const node = this.nodeById(tree, id);
    if (!node) return undefined;
    return node.parent ? this.present(tree, node.parent) : this.folderOf(tree, node);
  }

  /** The chain from a root (or its folder) to the first node for `path` (a root itself when it is one); [] if none. */
  treeFind(path: string): ServiceTreeNode[] {
    const tree = this.topicTree();
    if (!tree) return [];
    const node = tree.roots().find((r) => r.target === path) ?? tree.findNodes(path)[0];
    const chain: TopicNode[] = [];
    for (let n: TopicNode | undefined = node; n; n = n.parent) chain.unshift(n);
    const folder = chain[0] && this.folderOf(tree, chain[0]);
    return [...(folder ? [folder] : []), ...chain.map((n) => this.present(tree, n))];
  }

  treeSnapshot(options: { maxDepth?: number; maxNodes?: number; idPrefix?: string } = {}): TreeSnapshotNode[] {
    const tree = this.topicTree();
    return tree ? snapshotTree(tree, (p) => this.counts.get(p), options) : [];
  }
}

/** True when the tree shows the same for both summaries (routes, labels, links and their places). */
function sameForTree(a: PageSummary, b: PageSummary): boolean {
  // An untitled page is labelled by its heading.
  if (a.route !== b.route || a.url !== b.url || a.title !== b.title || a.heading !== b.heading || a.description !== b.description || a.isTopicPage !== b.isTopicPage) return false;
  return sameOutline(a.outline, b.outline);
}

/** `found`, with what the rules in `deferred` found in `last` (a check of the same text), in the engine's order. */
function withDeferred(found: readonly Finding[], last: readonly Finding[], deferred: readonly string[]): readonly Finding[] {
  const kept = last.filter((f) => deferred.includes(f.ruleId));
  if (kept.length === 0) return found;
  return [...found, ...kept].sort(compareFindings);
}

/** What the index keeps of a finding for the next session; its message flat (a template's parts are a tree of strings). */
function toCachedFinding(f: Finding): CachedFinding {
  return { ruleId: f.ruleId, severity: f.severity, start: f.range.start, end: f.range.end, message: internalized(f.message) };
}

function toFinding(f: CachedFinding): Finding {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, range: { start: f.start, end: f.end } };
}

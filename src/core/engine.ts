import { parseVocabulary } from './authoring/vocabulary';
import { CONFIG_FILE, ConfigError, parseConfig, describeAjvErrors, type UserConfig } from './config';
import { parsePage, type Page, type PageLink } from './page';
import type { LinkResolution } from './resolve';
import type { Redirect } from './redirects';
import type { Report, Rule } from './rule';
import { allRules, rulesById } from './rules';
import type { Finding, Severity } from './types';
import { DEFAULT_MAX_FILE_SIZE, WorkspaceIndex, type IndexView, type PageSummary, type Settings } from './workspace';
import { validateRedirects } from './schemaValidator';
import { compileGlob, workspaceAjv } from './linearRegExp';
import { posix } from 'node:path';
import { earlyView, NeedsWorkspace, needsWorkspace, type KnownFolders } from './earlyView';

/** The few things the engine needs from where files live: a disk, an editor, memory. */
export interface FileHost {
  /** Every file of the workspace, as `/`-separated paths relative to its root. */
  listFiles(): Promise<readonly string[]>;
  /**
   * The file's bytes, or why it cannot be read. Given `maxBytes`, a host may answer
   * `{ tooLarge: size }` for a bigger file instead of reading it into memory.
   */
  readFile(path: string, maxBytes?: number): Promise<FileRead>;
  /**
   * The same, answered now: a host on a local disk offers it, and the workspace service then
   * reads pages inside its time slices instead of one thread-pool round trip per call.
   */
  readFileSync?(path: string, maxBytes?: number): FileRead;
  /**
   * The file's stamp now (size and modification time, as `readFile` gives it), without reading
   * it: a host that offers it lets the service index unchanged pages from an earlier session.
   */
  stampSync?(path: string): string | undefined;
  /**
   * After `listFiles`: what the host refused on purpose (a link leading outside the workspace,
   * where listing stopped at a limit), each path once. The engine reports each as a
   * `file-skipped` finding and never reads it.
   */
  readonly refused?: readonly ListingProblem[];
}

/** A path a host did not list, follow or read, and why. */
export interface ListingProblem {
  readonly path: string;
  readonly reason: string;
}

/** What a FileHost answers for one file. */
/** `stamp`: the file's size and modification time when read, if the host knows them (see `FileHost.stampSync`). */
export type FileRead = { readonly bytes: Uint8Array; readonly stamp?: string } | { readonly error: string } | { readonly tooLarge: number };

/**
 * Runs the rules on one parsed page. With `record` (the default) the page is the version the
 * index holds, and the routes and files it looked up become its dependency edges. Without it
 * the check is pure: a hypothetical buffer (a fix-all pass, a code action's preview) leaves
 * the index exactly as it was.
 */
export function checkPage(page: Page, index: WorkspaceIndex, rules: readonly Rule[] = allRules, options: { readonly record?: boolean } = {}): Finding[] {
  return checkAgainst(page, index, index, rules, options).findings;
}

/**
 * `checkPage` while some pages are indexed by their front matter alone (`setFrontMatterSummary`):
 * a rule may read what such a page's front matter says (its routes, title, description), but a
 * rule that asks for what only its body tells (its anchors, an untitled page's heading, its list)
 * is left out of `findings` and named in `deferred`, and `complete` is false: check the page again
 * once every page's body is indexed, or at least the pages named in `asked` (those whose summary
 * the check read while they had no body). Dependencies are recorded as `checkPage` records them.
 */
export function checkPageOrWait(
  page: Page,
  index: WorkspaceIndex,
  rules: readonly Rule[] = allRules,
  options: { readonly record?: boolean } = {},
): { findings: Finding[]; complete: boolean; deferred: string[]; asked: string[] } {
  const asked: string[] = [];
  const view: IndexView =
    index.bodilessCount === 0
      ? index
      : {
          settings: index.settings,
          summary: (path) => {
            const s = index.summary(path);
            if (s === undefined || index.hasBody(path)) return s;
            asked.push(path);
            return frontMatterOnly(s);
          },
          filesForRoute: (route) => index.filesForRoute(route),
          suggestRoutes: (route, max) => index.suggestRoutes(route, max),
          resolveInclude: (includePath, fromPath) => index.resolveInclude(includePath, fromPath),
        };
  const { findings, deferred } = checkAgainst(page, index, view, rules, options);
  return { findings, complete: deferred.length === 0, deferred, asked };
}

/**
 * The summary of a page indexed by its front matter alone, as a check sees it: what the front
 * matter says, and NeedsWorkspace for what the body will say. The index marks a page's dependents
 * again when its body changes what its front matter said (`setParsedPage`), so a check that read
 * only the front matter stays right.
 */
function frontMatterOnly(s: PageSummary): PageSummary {
  const titled = s.title?.trim() ? true : false;
  return {
    path: s.path,
    route: s.route,
    url: s.url,
    title: s.title,
    description: s.description,
    isTopicPage: s.isTopicPage,
    get heading(): string | undefined {
      return titled ? undefined : needsWorkspace();
    },
    get anchors(): ReadonlySet<string> {
      return needsWorkspace();
    },
    get outline(): PageSummary['outline'] {
      return needsWorkspace();
    },
  };
}

/** The rules on a page as `view` answers them, its links resolved (each once) and its lookups recorded in `index`. */
function checkAgainst(page: Page, index: WorkspaceIndex, view: IndexView, rules: readonly Rule[], options: { readonly record?: boolean }): { findings: Finding[]; deferred: string[] } {
  const resolutions = new Map<PageLink, LinkResolution>();
  const resolve = (link: PageLink): LinkResolution => {
    let r = resolutions.get(link);
    if (!r) resolutions.set(link, (r = index.resolve(link, page.path)));
    return r;
  };
  const run = (): { findings: Finding[]; deferred: string[] } => runRules(page, view, rules, resolve, true);
  return options.record === false ? run() : index.recordDependencies(page.path, run);
}

/**
 * The rules on one page before the workspace is listed: what each rule finds without asking the
 * workspace anything it cannot answer yet, which is what it finds in the check that follows the
 * listing. Given `folders` (some folders probed, see `earlyView`), links whose target folders are
 * known resolve too: a broken link shows before the listing. A rule that asks anything else (an
 * unprobed folder, another page's summary) is left out of `findings` and named in `deferred`; its
 * findings come with the full check. In `discover` mode unknown folders count as empty and are
 * named in `wanted` (probe them, then check again). An editor shows these first, as a language
 * server shows syntax errors before the type checker's. Parts of a report worked out from the
 * whole workspace (suggestions, a "Did you mean" hint) are left out.
 */
export function checkPageAlone(
  page: Page,
  settings: Settings,
  options: { readonly rules?: readonly Rule[]; readonly folders?: KnownFolders; readonly discover?: boolean } = {},
): { findings: Finding[]; deferred: string[]; wanted: string[] } {
  const wanted = new Set<string>();
  const { view, resolve } = earlyView(page, settings, options.folders ?? new Map(), options.discover ?? false, wanted);
  return { ...runRules(page, view, options.rules ?? allRules, resolve, false), wanted: [...wanted].sort() };
}

function runRules(page: Page, index: IndexView, rules: readonly Rule[], resolve: (link: PageLink) => LinkResolution, withLazySuggestions: boolean): { findings: Finding[]; deferred: string[] } {
  const findings: Finding[] = [];
  const deferred: string[] = [];
  for (const rule of rules) {
    const severity = index.settings.severities[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    if (rule.scope === 'topic-pages' && !page.isTopicPage) continue;
    const before = findings.length;
    try {
      rule.check({
        page,
        index,
        resolve,
        report(report: Report) {
          // Only a page with suppression comments needs the finding's line.
          if (page.suppressions.comments.length > 0 && page.suppressions.isSuppressed(rule.id, page.lines.positionAt(report.range.start).line)) return;
          const { suggestions, hint, ...rest } = report;
          // Suggestions and hints given as functions are worked out now, or left out before the workspace is known.
          const worked = typeof suggestions === 'function' ? (withLazySuggestions ? suggestions() : []) : suggestions;
          const message = hint && withLazySuggestions ? rest.message + hint() : rest.message;
          if (worked === undefined || (typeof suggestions === 'function' && worked.length === 0)) findings.push({ ruleId: rule.id, severity: severity as Severity, ...rest, message });
          else findings.push({ ruleId: rule.id, severity: severity as Severity, ...rest, message, suggestions: worked });
        },
      });
    } catch (error) {
      if (error instanceof NeedsWorkspace) {
        findings.length = before;
        deferred.push(rule.id);
        continue;
      }
      // A bug in one rule on one odd page must not stop the other rules, or the workspace's check.
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      findings.push({ ruleId: rule.id, severity: 'error', message: `Internal error in rule \`${rule.id}\` on this page (${reason}); the other rules ran. Please report it.`, range: { start: 0, end: 0 } });
    }
  }
  findings.sort(compareFindings);
  return { findings, deferred };
}

/** The order a page's findings are reported in: by place, then by rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId);
}

/** Decoded file text, or why it cannot be checked. The BOM is kept out of `text` and remembered. */
export type DecodedFile = { readonly text: string; readonly bom: boolean } | { readonly skip: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8; binary content, invalid UTF-8 and oversize files are skipped with a reason. */
export function decodeFile(bytes: Uint8Array, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): DecodedFile {
  if (bytes.length > maxFileSize) return { skip: tooLargeReason(bytes.length, maxFileSize) };
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { skip: 'it looks binary (it contains NUL bytes)' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { skip: 'it is not valid UTF-8' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

/** Why a file over the size limit is skipped. */
export function tooLargeReason(size: number, maxFileSize: number): string {
  return `it is ${formatBytes(size)}, over the ${formatBytes(maxFileSize)} limit (setting \`maxFileSize\`)`;
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${(n / 1000).toFixed(1)} kB` : `${n} bytes`;
}

/** The one finding for a file that was skipped. */
export function skippedFinding(reason: string, severity: Severity = 'warning'): Finding {
  return { ruleId: 'file-skipped', severity, message: `File skipped: ${reason}.`, range: { start: 0, end: 0 } };
}

/** What loading a workspace's configuration produced. */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly config: UserConfig;
  /** Problems with the config, redirects or schema files (the engine carries on with defaults). */
  readonly errors: readonly ConfigError[];
}

/**
 * Reads `topic-pages.json` (or `configFile`), its redirects and schema files, and
 * settles the docs root: `articles/` when the workspace has one, else the root.
 */
export async function loadSettings(host: FileHost, files: readonly string[], configFile?: string, defaults: UserConfig = {}): Promise<LoadedSettings> {
  const errors: ConfigError[] = [];
  const file = configFile ?? CONFIG_FILE;
  let config: UserConfig = {};
  if (configFile !== undefined || files.includes(CONFIG_FILE)) {
    const text = await readText(host, file);
    if (typeof text !== 'string') errors.push(new ConfigError(file, text.error));
    else {
      try {
        config = parseConfig(text, file);
      } catch (error) {
        if (error instanceof ConfigError) errors.push(error);
        else throw error;
      }
    }
  }
  // Editor settings are defaults: the workspace's own config file wins wherever it says something.
  config = { ...defaults, ...config, rules: { ...defaults.rules, ...config.rules } };
  const docsRoot = (config.docsRoot ?? (files.some((f) => f.startsWith('articles/')) ? 'articles' : '')).replace(/^\.?\/+|\/+$/g, '');
  let redirects: Redirect[] = [];
  if (config.redirects) {
    const parsed = await readJson(host, config.redirects, errors);
    if (parsed !== undefined) {
      if (validateRedirects(parsed)) redirects = parsed as Redirect[];
      else errors.push(new ConfigError(config.redirects, `not a list of {"from", "to"} entries: ${describeAjvErrors(validateRedirects.errors)}`));
    }
  }
  let frontMatterSchema: object | undefined;
  if (config.schema) {
    const parsed = await readJson(host, config.schema, errors);
    if (parsed !== undefined) {
      try {
        if (typeof parsed !== 'object' || parsed === null) throw new Error('a JSON Schema must be an object');
        // A throwaway Ajv: the shared one would refuse the same `$id` when the config is loaded again.
        workspaceAjv().compile(parsed as object);
        frontMatterSchema = parsed as object;
      } catch (error) {
        errors.push(new ConfigError(config.schema, `not a usable JSON Schema: ${(error as Error).message}`));
      }
    }
  }
  let vocabulary: Settings['vocabulary'];
  if (config.vocabulary) {
    const inside = workspacePath(config.vocabulary);
    const text = inside === undefined ? { error: 'outside the workspace (paths in the config are relative to the workspace root); it is not read' } : await readText(host, inside);
    if (typeof text !== 'string') errors.push(new ConfigError(config.vocabulary, text.error));
    else {
      try {
        vocabulary = parseVocabulary(text, config.vocabulary);
      } catch (error) {
        if (error instanceof ConfigError) errors.push(error);
        else throw error;
      }
    }
  }
  for (const glob of config.ignore ?? []) {
    const matcher = compileGlob(glob);
    if (typeof matcher !== 'function') errors.push(new ConfigError(file, `\`ignore\` glob \`${glob}\` cannot be used: ${matcher.error}`));
  }
  for (const id of Object.keys(config.rules ?? {})) {
    if (!rulesById.has(id)) errors.push(new ConfigError(file, `\`rules\` names an unknown rule \`${id}\``));
  }
  const settings: Settings = {
    docsRoot,
    siteBases: config.siteBases ?? [],
    redirects,
    severities: config.rules ?? {},
    frontMatterSchema,
    ignore: [...(config.ignore ?? []), 'node_modules/**', '**/node_modules/**'],
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    vocabulary,
  };
  return { settings, config, errors };
}

async function readText(host: FileHost, path: string): Promise<string | { error: string }> {
  const r = await host.readFile(path, DEFAULT_MAX_FILE_SIZE);
  if ('error' in r) return { error: r.error };
  if ('tooLarge' in r) return { error: `cannot be read: ${tooLargeReason(r.tooLarge, DEFAULT_MAX_FILE_SIZE)}` };
  const decoded = decodeFile(r.bytes);
  return 'skip' in decoded ? { error: `cannot be read: ${decoded.skip}` } : decoded.text;
}

/** A path named in the config as a workspace path; undefined when it climbs out of the workspace. */
function workspacePath(path: string): string | undefined {
  const p = posix.normalize(path.replace(/\\/g, '/'));
  if (p === '..' || p.startsWith('../') || posix.isAbsolute(p) || /^[a-z]:/i.test(p)) return undefined;
  return p;
}

async function readJson(host: FileHost, path: string, errors: ConfigError[]): Promise<unknown> {
  // The config names files in the workspace; a path that leaves it (`../../etc/passwd`) is never read.
  const inside = workspacePath(path);
  if (inside === undefined) {
    errors.push(new ConfigError(path, 'outside the workspace (paths in the config are relative to the workspace root); it is not read'));
    return undefined;
  }
  const text = await readText(host, inside);
  if (typeof text !== 'string') {
    errors.push(new ConfigError(path, text.error));
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    errors.push(new ConfigError(path, `not valid JSON (${(error as Error).message})`));
    return undefined;
  }
}

export interface LoadProgress {
  (done: number, total: number): void;
}

/**
 * A workspace ready to check: its settings, its index, and the files it had
 * to skip. Shared by the CLI, the extension and the benchmark.
 */
export class Engine {
  private readonly skipped = new Map<string, string>();
  /** Pages parsed while loading, kept until their first check so nothing is parsed twice. */
  private readonly fresh = new Map<string, Page>();

  private constructor(readonly host: FileHost, readonly loaded: LoadedSettings, readonly index: WorkspaceIndex) {}

  /** Lists, reads and indexes every page of the workspace. */
  static async load(host: FileHost, options: { configFile?: string; onProgress?: LoadProgress; keepParsed?: boolean; defaults?: UserConfig } = {}): Promise<Engine> {
    const files = await host.listFiles();
    const loaded = await loadSettings(host, files, options.configFile, options.defaults);
    const engine = new Engine(host, loaded, new WorkspaceIndex(loaded.settings));
    const refused = new Map((host.refused ?? []).map((r) => [r.path, r.reason]));
    const pages: string[] = [];
    for (const f of files) {
      if (engine.index.ignores(f)) continue;
      if (engine.index.isPagePath(f)) pages.push(f);
      else engine.index.setFile(f);
    }
    let done = 0;
    for (const path of pages) {
      const reason = refused.get(path);
      if (reason === undefined) continue;
      engine.markSkipped(path, reason);
      options.onProgress?.(++done, pages.length);
    }
    // Reads overlap (a bounded number at a time); indexing stays in listing order, so the
    // index is the same as a one-by-one load.
    await readInOrder(pages.filter((p) => !refused.has(p)), (path) => engine.host.readFile(path, engine.settings.maxFileSize), (path, read) => {
      engine.indexRead(path, read, options.keepParsed ?? true);
      options.onProgress?.(++done, pages.length);
    });
    // Refused files that are not pages, and refused folders: one finding each, nothing indexed.
    for (const [path, reason] of refused) {
      if (!engine.skipped.has(path) && !engine.index.ignores(path)) engine.skipped.set(path, reason);
    }
    return engine;
  }

  get settings(): Settings {
    return this.loaded.settings;
  }

  /** Reads a page from the host and indexes it. Returns the pages to re-check. */
  async readAndIndex(path: string, keepParsed = false): Promise<string[]> {
    // Only pages are read: any other file counts by its name (an include, a redirect target), and
    // one that cannot be read is not a finding (only pages are checked).
    if (!this.index.isPagePath(path)) {
      this.skipped.delete(path);
      return this.index.setFile(path);
    }
    return this.indexRead(path, await this.host.readFile(path, this.settings.maxFileSize), keepParsed);
  }

  /** Indexes what reading a page gave. Returns the pages to re-check. */
  indexRead(path: string, r: FileRead, keepParsed = false): string[] {
    if ('error' in r) return this.markSkipped(path, `it cannot be read (${r.error})`);
    if ('tooLarge' in r) return this.markSkipped(path, tooLargeReason(r.tooLarge, this.settings.maxFileSize));
    const decoded = decodeFile(r.bytes, this.settings.maxFileSize);
    if ('skip' in decoded) return this.markSkipped(path, decoded.skip);
    this.skipped.delete(path);
    return this.setText(path, decoded.text, keepParsed);
  }

  /** Indexes new text for a page (from disk or an editor buffer). Returns the pages to re-check. */
  setText(path: string, text: string, keepParsed = false): string[] {
    this.skipped.delete(path);
    if (!this.index.isPagePath(path)) return this.index.setFile(path, text);
    const page = parsePage(path, text);
    if (keepParsed) this.fresh.set(path, page);
    else this.fresh.delete(path);
    return this.index.setParsedPage(page);
  }

  /** Forgets a file. Returns the pages to re-check. */
  delete(path: string): string[] {
    this.skipped.delete(path);
    this.fresh.delete(path);
    return this.index.deleteFile(path);
  }

  private markSkipped(path: string, reason: string): string[] {
    const affected = this.index.hasFile(path) ? this.index.deleteFile(path) : [];
    this.index.setFile(path);
    this.skipped.set(path, reason);
    return [...affected, path].sort();
  }

  /** Every path that has findings to report: indexed pages and skipped files. */
  checkablePaths(): string[] {
    return [...new Set([...this.index.pagePaths(), ...this.skipped.keys()])].sort();
  }

  skippedFiles(): ReadonlyMap<string, string> {
    return this.skipped;
  }

  /**
   * Checks one file: `text` is an editor buffer that may differ from what the index holds. Only
   * a check of the indexed text records the page's dependencies; a different buffer is checked
   * without touching the index.
   */
  check(path: string, text?: string): Finding[] {
    const reason = this.skipped.get(path);
    if (reason !== undefined && text === undefined) {
      const rule = rulesById.get('file-skipped');
      const severity = this.settings.severities['file-skipped'] ?? rule?.defaultSeverity ?? 'warning';
      return severity === 'off' ? [] : [skippedFinding(reason, severity)];
    }
    let page = text === undefined ? this.fresh.get(path) : undefined;
    this.fresh.delete(path);
    if (!page) {
      const source = text ?? this.index.text(path);
      if (source === undefined) return [];
      page = parsePage(path, source);
    }
    return checkPage(page, this.index, allRules, { record: text === undefined || text === this.index.text(path) });
  }

  /** Checks every page; findings by path, only paths with findings. */
  checkAll(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const path of this.checkablePaths()) {
      const findings = this.check(path);
      if (findings.length > 0) out.set(path, findings);
    }
    return out;
  }
}

/** How many files are read at once: enough to hide each read's latency, few enough for any disk. */
export const READ_CONCURRENCY = 20;

/**
 * Reads `paths` with at most `limit` reads in flight and hands each result to `use` in the
 * order of `paths` (so what is built from them does not depend on which read finished first).
 * A `read` that answers at once (a synchronous host) is not awaited.
 */
export async function readInOrder<R>(
  paths: readonly string[],
  read: (path: string) => Promise<R> | R,
  use: (path: string, result: R) => void,
  limit = READ_CONCURRENCY,
  cancelled: () => boolean = () => false,
  pause?: () => Promise<void>,
): Promise<void> {
  const pending: (Promise<R> | R | undefined)[] = [];
  let next = 0;
  const start = (): void => {
    const path = paths[next++];
    if (path !== undefined) pending.push(read(path));
  };
  for (let i = 0; i < limit && next < paths.length; i++) start();
  for (let i = 0; i < paths.length; i++) {
    if (cancelled()) return;
    const got = pending[i] as Promise<R> | R;
    const result = got instanceof Promise ? await got : got;
    pending[i] = undefined;
    if (next < paths.length) start();
    use(paths[i] as string, result);
    if (pause) await pause();
  }
}

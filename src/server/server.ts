import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkDoneProgressServerReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editorDefaults } from '../core/features/settingsManifest';
import { mapTree, type OutlineSymbol } from '../core/features/outline';
import { allRules } from '../core/rules';
import { LineIndex } from '../core/text';
import type { Finding, Range, TextEdit } from '../core/types';
import type { CancellationToken } from '../core/service/cancellation';
import { WorkspaceService, type FileEvent, type ServiceTreeNode } from '../core/service/service';
import { registerAuthoring } from './authoring';
import { cacheDirectory, indexCacheFileFor, keptRootsFileFor } from '../node/indexStore';
import { NodeFileHost } from './nodeHost';
import { Notifications, Requests, type CompactDiagnostic, type DiagnosticBatchParams, type StatusParams, type TreeNode } from './protocol';

export const DIAGNOSTIC_SOURCE = 'Topic Pages';
const TREE_DELAY_MS = 300;
/** While a folder loads, the view refreshes at most this often... */
const TREE_LOADING_MS = 1000;
/**
 * ...and never sooner than this many times the last answer's build time after it: each refresh
 * builds the tree of every page indexed so far (about 0.5 s at 10,500 pages on a busy machine),
 * so the view takes at most a fifth of the server's time while the window starts.
 */
const TREE_LOADING_FACTOR = 5;
const TREE_LOADING_MAX_MS = 5000;
/** A roots request held while a folder loads with no topic page indexed yet looks again this often. */
const ROOTS_RECHECK_MS = 1000;
/** ...and at most this often as pages are indexed (each look builds the roots of what is indexed so far). */
const ROOTS_WAKE_MS = 200;
/** More pages than this waiting for their check is a burst: the tree's problem counts wait for its end. */
const BURST_PAGES = 50;
const LABEL_DELAY_MS = 1000;
const STATUS_INTERVAL_MS = 250;
const DISK_BATCH_MS = 100;
/** A background batch of diagnostics goes out when it holds this many files, or after BATCH_MS. */
const BATCH_FILES = 500;
const BATCH_MS = 150;
/** `topicPages.diagnostics.scope: auto` lists closed pages' problems up to this many pages. */
export const AUTO_SCOPE_MAX_PAGES = 5000;

/** The settings the server reads from `workspace/configuration` (section `topicPages`). */
type SettingsObject = Readonly<Record<string, unknown>>;

/** The kept index's and roots' files and their temporary files while written (see src/node/indexStore.ts). */
const INDEX_FILE = /^(index|roots)-[0-9a-f]{16}\.json(\.\d+\.tmp)?$/;

/** One workspace folder: its root, its service, and the documents it has open. */
class Folder {
  readonly service: WorkspaceService;
  /** The client's URI of each open document, to publish under the exact same URI. */
  readonly openUris = new Map<string, string>();
  readonly withProblems = new Set<string>();
  settings: SettingsObject = {};
  watcher: FSWatcher | undefined;
  pendingDisk = new Map<string, FileEvent>();
  diskTimer: ReturnType<typeof setTimeout> | undefined;

  /** The cache folder as a workspace path, when it lies inside this folder. */
  readonly cacheFolder: string | undefined;
  readonly host: NodeFileHost;

  constructor(readonly uri: string, readonly root: string, readonly name: string, server: TopicPagesServer) {
    const cache = server.cacheDirectory;
    const inside = cache !== undefined ? relative(root, cache) : undefined;
    this.cacheFolder = inside !== undefined && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : undefined;
    this.host = new NodeFileHost(root);
    this.service = new WorkspaceService(
      this.host,
      {
        onDiagnostics: (path, findings, text, version, partial) => server.publish(this, path, findings, text, version, partial),
        onForget: (path) => server.unpublish(this, path),
        onTreeChanged: () => server.treeChanged(),
        onStatus: () => server.statusChanged(),
      },
      {
        ...(cache !== undefined ? { indexStore: indexCacheFileFor(cache, root), rootsStore: keptRootsFileFor(cache, root) } : {}),
        cacheVersion: typeof TOPIC_PAGES_VERSION === 'string' ? TOPIC_PAGES_VERSION : 'development',
        // A page read at start-up is parsed once, when it is checked (the tree's pages at once).
        frontMatterFirst: true,
        ...(process.env['TOPIC_PAGES_INDEX_SAVE_MS'] ? { saveIntervalMs: Number(process.env['TOPIC_PAGES_INDEX_SAVE_MS']) } : {}),
        log: (message) => server.log(message),
        trace: (message) => server.info(`${name}: ${message} at ${sinceStart()}`),
      },
    );
  }

  uriOf(path: string): string {
    return this.openUris.get(path) ?? pathToFileURL(join(this.root, ...path.split('/'))).href;
  }
}

function isSettingsObject(value: unknown): value is SettingsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a `topicPages` setting by its full key from the section object (nested or flat keys). */
export function settingReader(settings: SettingsObject): (key: string) => unknown {
  return (key) => {
    const rest = key.replace(/^topicPages\./, '');
    if (rest in settings) return settings[rest];
    let node: unknown = settings;
    const [head, ...tail] = rest.split('.');
    for (const part of [head, tail.join('.')].filter((p): p is string => p !== undefined && p !== '')) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  };
}

function toLspRange(lines: LineIndex, r: Range): LspRange {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

function toSeverity(f: Finding): 1 | 2 | 3 {
  return f.severity === 'error' ? DiagnosticSeverity.Error : f.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** The folder of the rule pages: `docs/rules` of the installed package (next to `dist/`), unless the client names one. */
let rulesDocs = pathToFileURL(join(typeof __dirname === 'string' ? join(__dirname, '..') : process.cwd(), 'docs', 'rules')).href;

function ruleDocsUri(ruleId: string): string {
  return `${rulesDocs.replace(/\/+$/, '')}/${ruleId}.md`;
}

function toCompact(f: Finding, lines: LineIndex): CompactDiagnostic {
  const start = lines.positionAt(f.range.start);
  const end = lines.positionAt(f.range.end);
  return [start.line, start.character, end.line, end.character, toSeverity(f), f.ruleId, f.message];
}

export function toDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  return {
    range: toLspRange(lines, f.range),
    severity: toSeverity(f),
    code: f.ruleId,
    codeDescription: { href: ruleDocsUri(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
}

function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toLspRange(lines, e.range), newText: e.newText }));
}

/**
 * The Topic Pages language server: adapts LSP to one WorkspaceService per workspace folder.
 * Positions are UTF-16 (LSP's default), converted from the service's offsets.
 */
export class TopicPagesServer {
  private readonly folders: Folder[] = [];
  private readonly documents = new TextDocuments(TextDocument);
  private canPullConfiguration = false;
  private canWatchFiles = false;
  private canRegisterConfiguration = false;
  private canReportProgress = false;
  private canTrackFolders = false;
  private treeTimer: ReturnType<typeof setTimeout> | undefined;
  private labelTimer: ReturnType<typeof setTimeout> | undefined;
  /** A label refresh was held back during a burst of checks. */
  private labelsOwed = false;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatus = '';
  private progress: WorkDoneProgressServerReporter | undefined;
  private loading: Promise<void> = Promise.resolve();
  /** Settled when the client says `initialized` (the first load starts then): nothing is idle before. */
  private markInitialized: () => void = () => undefined;
  private readonly initializedSeen = new Promise<void>((resolve) => (this.markInitialized = resolve));
  /** The client's file watching, registered (or refused). */
  private watching: Promise<void> = Promise.resolve();
  /** True once every folder was indexed and checked once; stays true. */
  private indexed = false;
  private firstOpenSeen = false;
  private firstOpenAnswered = false;
  private firstOpenPartial = false;
  private treeAnswered = false;
  /** How long the last tree roots took to build (ms). */
  private rootsMs = 0;
  /** Roots requests held until the tree changes (see treeRoots), and when they were last woken. */
  private rootsWaiters: (() => void)[] = [];
  private rootsWoken = -Infinity;
  private rootsWakeTimer: ReturnType<typeof setTimeout> | undefined;
  private settingsRead = false;
  /**
   * The client gave each folder's settings with `initialize` (`initializationOptions.folderSettings`):
   * the first load starts with them instead of waiting for the answer to workspace/configuration,
   * which is asked meanwhile; a folder whose answer differs is loaded again.
   */
  private settingsGiven = false;
  /** The client takes `topicPages/diagnostics` batches instead of one publishDiagnostics per file. */
  private diagnosticBatches = false;
  /** The client runs `topicPages.explainBrokenLink` (the VS Code extension): a broken href links to it. */
  private explainBrokenLinks = false;
  /** Where each folder's index is kept between sessions (undefined: nowhere). */
  cacheDirectory: string | undefined;
  private readonly batch = new Map<string, CompactDiagnostic[]>();
  /**
   * What each open document was last sent (its version and diagnostics): a check that finds the same
   * again sends nothing. An open page is checked again whenever a page it links to changes or is
   * read, and each message costs the editor a redraw of the page's squiggles and the Problems panel.
   */
  private readonly sentOpen = new Map<string, string>();
  private batchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connection: Connection) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onShutdown(() => this.dispose());
    this.documents.onDidOpen((e) =>
      this.withDocument(e.document.uri, (f, path) => {
        if (!this.firstOpenSeen) {
          this.firstOpenSeen = true;
          this.info(`first page opened at ${sinceStart()}`);
        }
        this.timing?.(`open ${path} v${e.document.version}`);
        f.service.openDocument(path, e.document.version, e.document.getText());
      }),
    );
    this.documents.onDidChangeContent((e) => {
      this.withDocument(e.document.uri, (f, path) => {
        if (f.settings['validate.onType'] === false || (f.settings['validate'] as { onType?: unknown } | undefined)?.onType === false) return;
        this.timing?.(`change ${path} v${e.document.version}`);
        f.service.changeDocument(path, e.document.version, e.document.getText());
      });
    });
    this.documents.onDidSave((e) => this.withDocument(e.document.uri, (f, path) => f.service.changeDocument(path, e.document.version, e.document.getText())));
    this.documents.onDidClose((e) =>
      this.withDocument(e.document.uri, (f, path) => {
        f.openUris.delete(path);
        this.sentOpen.delete(f.uriOf(path));
        void f.service.closeDocument(path);
      }),
    );
    this.documents.listen(connection);

    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const at = this.locate(change.uri);
        if (!at) continue;
        const type = change.type === FileChangeType.Deleted ? 'deleted' : change.type === FileChangeType.Created ? 'created' : 'changed';
        this.queueDisk(at.folder, { path: at.path, type });
      }
    });
    connection.onDidChangeConfiguration((params) => {
      const pushed = (params.settings as { topicPages?: SettingsObject } | undefined)?.topicPages;
      // A client that answers workspace/configuration is asked per folder; otherwise the pushed section is used.
      void this.reloadSettings(this.canPullConfiguration ? undefined : pushed);
    });

    connection.onCodeAction((params, token) => this.codeActions(params.textDocument.uri, params.range, params.context.only, token));
    connection.onDocumentLinks((params, token) => this.documentLinks(params.textDocument.uri, token));
    connection.onDefinition((params) => this.definition(params.textDocument.uri, params.position));
    connection.onHover((params) => this.hover(params.textDocument.uri, params.position));
    connection.onCompletion((params, token) => this.completion(params.textDocument.uri, params.position, token));
    connection.onDocumentSymbol((params) => this.documentSymbols(params.textDocument.uri));
    connection.workspace.onWillRenameFiles((params) => this.willRenameFiles(params.files));

    connection.onRequest(Requests.treeRoots, (_params: unknown, token: CancellationToken) => this.treeRoots(token));
    connection.onRequest(Requests.treeChildren, (p: { id: string }, token: CancellationToken) => this.treeChildren(p.id, token));
    connection.onRequest(Requests.treeParent, (p: { id: string }) => this.treeParent(p.id));
    connection.onRequest(Requests.treeFind, (p: { uri: string }) => this.treeFind(p.uri));
    connection.onRequest(Requests.checkWorkspace, async () => {
      await this.reloadSettings(undefined, true);
      return null;
    });
    connection.onRequest(Requests.status, () => this.status());
    connection.onRequest(Requests.snapshot, (p: { maxDepth?: number; maxNodes?: number } | undefined) => this.snapshot(p ?? {}));
    connection.onRequest(Requests.whenIdle, async () => {
      await this.whenIdle();
      return null;
    });
    // Authoring requests (preview data, picker, link edits, backlinks, orphans): src/server/authoring.ts.
    registerAuthoring(connection, { locate: (uri) => this.locate(uri), folders: () => this.folders });
  }

  listen(): void {
    this.connection.listen();
  }

  // ------------------------------------------------------------ lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.canPullConfiguration = caps.workspace?.configuration === true;
    this.canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canReportProgress = caps.window?.workDoneProgress === true;
    this.canTrackFolders = caps.workspace?.workspaceFolders === true;
    const initial = (params.initializationOptions as { settings?: SettingsObject; topicPages?: SettingsObject; folderSettings?: unknown; rulesDocs?: unknown; diagnosticBatches?: unknown; explainBrokenLinks?: unknown; cacheDirectory?: unknown } | undefined) ?? {};
    this.cacheDirectory = cacheDirectory(initial.cacheDirectory);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : params.rootPath ? [{ uri: pathToFileURL(params.rootPath).href, name: 'root' }] : []);
    for (const f of folders) {
      if (!f.uri.startsWith('file:')) continue;
      this.folders.push(new Folder(f.uri, fileURLToPath(f.uri), f.name, this));
    }
    if (typeof initial.rulesDocs === 'string' && initial.rulesDocs !== '') rulesDocs = initial.rulesDocs;
    this.diagnosticBatches = initial.diagnosticBatches === true;
    this.explainBrokenLinks = initial.explainBrokenLinks === true;
    for (const f of this.folders) f.settings = initial.topicPages ?? initial.settings ?? {};
    const given = initial.folderSettings;
    if (typeof given === 'object' && given !== null && this.folders.every((f) => isSettingsObject((given as Record<string, unknown>)[f.uri]))) {
      for (const f of this.folders) f.settings = (given as Record<string, SettingsObject>)[f.uri] ?? f.settings;
      this.settingsGiven = true;
    }
    const mdFilter = { scheme: 'file', pattern: { glob: '**/*.md', matches: 'file' as const } };
    const folderFilter = { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' as const } };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.topicPages'] },
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['/', '"', "'", ':', '-'] },
        documentSymbolProvider: true,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { willRename: { filters: [mdFilter, folderFilter] } },
        },
      },
      serverInfo: { name: 'topic-pages-language-server', version: typeof TOPIC_PAGES_VERSION === 'string' ? TOPIC_PAGES_VERSION : undefined },
    };
  }

  private async initialized(): Promise<void> {
    this.markInitialized();
    if (this.canTrackFolders) this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.changeFolders(e.added, e.removed));
    if (this.canRegisterConfiguration) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'topicPages' });
    // The client watches before the first listing (a file written after it is reported, not missed);
    // the registration's round trip overlaps the settings' one.
    if (this.canWatchFiles) {
      this.watching = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).then(
        () => undefined,
        () => undefined, // not registered: changes on disk are seen when files are opened
      );
    }
    this.info(`initialized at ${sinceStart()}`);
    if (this.settingsGiven && this.canPullConfiguration) {
      void this.settingsDiffer().then((differ) => {
        if (differ) void this.reloadSettings(undefined);
      });
    }
    await this.reloadSettings(undefined, true);
    this.info(`every page indexed at ${sinceStart()}`);
    // What the listing could not follow (a link loop, a dangling link), as the CLI prints it.
    for (const f of this.folders) for (const p of f.host.listingProblems) this.log(`${f.name}: skipped ${p.path}: ${p.reason}`);
    void this.whenIdle().then(() => {
      for (const f of this.folders) {
        const pages = f.service.index?.pageCount ?? 0;
        const checked = Math.min(f.service.checks, pages);
        const how = checked >= pages ? 'every page checked' : `${checked.toLocaleString('en')} checked, the others' findings kept from the last session`;
        const work = `${f.service.checks.toLocaleString('en')} checks, ${f.service.parses.toLocaleString('en')} parses`;
        this.info(`${f.name}: ${pages.toLocaleString('en')} pages indexed and checked at ${sinceStart()} (${how}; ${work})`);
      }
    });
    // Node's recursive watcher walks the whole tree, blocking, before it returns (1–1.4 s at 10,500
    // pages, during which no message is answered): it starts once the workspace is indexed and checked.
    // A page changed on disk meanwhile is seen when it is opened or changed again.
    if (!this.canWatchFiles) {
      await this.whenIdle();
      for (const f of this.folders) if (!f.watcher) this.watchDisk(f);
    }
  }

  /** Pulls the settings (or takes pushed ones) and (re)loads the folders whose settings changed. */
  private reloadSettings(pushed: SettingsObject | undefined, force = false): Promise<void> {
    const run = async (): Promise<void> => {
      // A new load sends every open page's diagnostics again.
      this.sentOpen.clear();
      const scopeChanged = new Set<Folder>();
      for (const f of this.folders) {
        const scope = settingReader(f.settings)('topicPages.diagnostics.scope');
        if (pushed) f.settings = pushed;
        // The first load of settings the client gave with `initialize` starts at once (see settingsGiven).
        else if (this.canPullConfiguration && !(this.settingsGiven && !this.settingsRead)) {
          const [got] = (await this.connection.workspace.getConfiguration([{ scopeUri: f.uri, section: 'topicPages' }])) as unknown[];
          if (typeof got === 'object' && got !== null) f.settings = got as SettingsObject;
        }
        if (settingReader(f.settings)('topicPages.diagnostics.scope') !== scope) scopeChanged.add(f);
      }
      await this.watching;
      if (!this.settingsRead) {
        this.settingsRead = true;
        this.info(`settings read at ${sinceStart()}`);
      }
      await this.withProgress(async () => {
        await Promise.all(
          this.folders.map(async (f) => {
            // A new scope lists or clears closed pages' problems: every page is checked again.
            await f.service.setDefaults(editorDefaults(allRules, settingReader(f.settings)), force || scopeChanged.has(f));
          }),
        );
      });
    };
    this.loading = this.loading.then(run, run);
    return this.loading;
  }

  /** Whether the client's answer to workspace/configuration differs from the settings a folder was loaded with. */
  private async settingsDiffer(): Promise<boolean> {
    for (const f of this.folders) {
      try {
        const [got] = (await this.connection.workspace.getConfiguration([{ scopeUri: f.uri, section: 'topicPages' }])) as unknown[];
        if (isSettingsObject(got) && JSON.stringify(got) !== JSON.stringify(f.settings)) return true;
      } catch {
        return false;
      }
    }
    return false;
  }

  /** Workspace folders added or removed while running: removed ones drop their diagnostics, added ones load. */
  private async changeFolders(added: readonly { uri: string; name: string }[], removed: readonly { uri: string }[]): Promise<void> {
    for (const r of removed) {
      const i = this.folders.findIndex((f) => f.uri === r.uri);
      const folder = this.folders[i];
      if (!folder) continue;
      this.folders.splice(i, 1);
      folder.watcher?.close();
      if (folder.diskTimer) clearTimeout(folder.diskTimer);
      for (const path of folder.withProblems) this.send(folder.uriOf(path), undefined, [], undefined);
      folder.withProblems.clear();
    }
    for (const a of added) {
      if (!a.uri.startsWith('file:') || this.folders.some((f) => f.uri === a.uri)) continue;
      const folder = new Folder(a.uri, fileURLToPath(a.uri), a.name, this);
      this.folders.push(folder);
      if (!this.canWatchFiles) this.watchDisk(folder);
      for (const doc of this.documents.all()) {
        const at = this.locate(doc.uri);
        if (at?.folder === folder) {
          folder.openUris.set(at.path, doc.uri);
          folder.service.openDocument(at.path, doc.version, doc.getText());
        }
      }
    }
    this.treeChanged();
    await this.reloadSettings(undefined);
  }

  private async withProgress(fn: () => Promise<void>): Promise<void> {
    if (this.canReportProgress && !this.progress) {
      try {
        this.progress = await this.connection.window.createWorkDoneProgress();
        this.progress.begin('Topic Pages', 0, 'indexing', false);
      } catch {
        this.progress = undefined;
      }
    }
    try {
      await fn();
    } finally {
      this.progress?.done();
      this.progress = undefined;
      this.statusChanged();
    }
  }

  /** At shutdown: timers and watchers stop; an index being written for the next session is finished. */
  private async dispose(): Promise<void> {
    for (const f of this.folders) {
      f.watcher?.close();
      if (f.diskTimer) clearTimeout(f.diskTimer);
    }
    for (const t of [this.treeTimer, this.labelTimer, this.statusTimer, this.batchTimer, this.rootsWakeTimer]) if (t) clearTimeout(t);
    await Promise.all(this.folders.map((f) => f.service.whenSaved()));
  }

  async whenIdle(): Promise<void> {
    // Asked before `initialized` (a client that does not wait for the answer to `initialize`): the first load has not started.
    await this.initializedSeen;
    await this.loading;
    for (;;) {
      await Promise.all(this.folders.map((f) => f.service.whenIdle()));
      await this.loading;
      const pending = this.folders.some((f) => f.pendingDisk.size > 0 || f.diskTimer !== undefined);
      if (!pending) {
        // Everything checked is also sent before the answer (messages keep their order).
        this.flushBatch();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, DISK_BATCH_MS));
    }
  }

  // ------------------------------------------------------------ files

  private locate(uri: string): { folder: Folder; path: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let fsPath: string;
    try {
      fsPath = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    let best: Folder | undefined;
    for (const f of this.folders) {
      if ((fsPath === f.root || fsPath.startsWith(f.root.endsWith(sep) ? f.root : f.root + sep)) && (!best || f.root.length > best.root.length)) best = f;
    }
    if (!best) return undefined;
    const path = relative(best.root, fsPath).split(sep).join('/');
    return path === '' || path.startsWith('..') ? undefined : { folder: best, path };
  }

  private withDocument(uri: string, fn: (folder: Folder, path: string) => void): void {
    const at = this.locate(uri);
    if (!at) return;
    at.folder.openUris.set(at.path, uri);
    fn(at.folder, at.path);
  }

  private queueDisk(folder: Folder, event: FileEvent): void {
    if (/(^|\/)(\.git|node_modules)(\/|$)/.test(event.path)) return;
    // The kept index itself, when its folder lies in the workspace: writing it is no change to react to
    // (or each write would call for the next).
    if (folder.cacheFolder !== undefined) {
      const prefix = folder.cacheFolder === '' ? '' : folder.cacheFolder + '/';
      if (event.path.startsWith(prefix) && INDEX_FILE.test(event.path.slice(prefix.length))) return;
    }
    folder.pendingDisk.set(event.path, event);
    if (folder.diskTimer) clearTimeout(folder.diskTimer);
    // A branch switch or a folder move arrives as a burst: one batch.
    folder.diskTimer = setTimeout(() => {
      folder.diskTimer = undefined;
      const batch = [...folder.pendingDisk.values()];
      folder.pendingDisk = new Map();
      void folder.service.filesChanged(batch);
    }, DISK_BATCH_MS);
  }

  /** Without the client's file watching, the server watches the folder itself. */
  private watchDisk(folder: Folder): void {
    try {
      folder.watcher = watch(folder.root, { recursive: true }, (_event, filename) => {
        if (!filename) return;
        const path = filename.toString().split(sep).join('/');
        this.queueDisk(folder, { path, type: existsSync(join(folder.root, filename.toString())) ? 'changed' : 'deleted' });
      });
    } catch (error) {
      this.connection.console.warn(`Topic Pages: cannot watch ${folder.root} (${String(error)}); changes on disk are seen when files are opened.`);
    }
  }

  // ------------------------------------------------------------ diagnostics and status

  /** Whether the client lists the problems of `path` (see `topicPages.diagnostics.scope`). */
  private listed(folder: Folder, path: string): boolean {
    if (folder.openUris.has(path)) return true;
    const scope = settingReader(folder.settings)('topicPages.diagnostics.scope');
    if (scope === 'openPages') return false;
    if (scope === 'workspace') return true;
    return (folder.service.index?.pageCount ?? 0) <= AUTO_SCOPE_MAX_PAGES;
  }

  log(message: string): void {
    this.connection.console.warn(`Topic Pages: ${message}`);
  }

  /** A line in the client's log (VS Code: the Topic Pages output channel), for what took how long. */
  info(message: string): void {
    this.connection.console.info(`Topic Pages: ${message}`);
  }

  /**
   * With TOPIC_PAGES_TRACE_TIMING set: a Log-level line per message that matters for latency (a
   * document's version in and its diagnostics out, the tree's requests), stamped with the wall
   * clock (ms since the epoch) so a benchmark can place it between its own events.
   */
  private readonly timing: ((message: string) => void) | undefined = process.env['TOPIC_PAGES_TRACE_TIMING']
    ? (message) => this.connection.console.log(`Topic Pages: timing ${message} @${Date.now()}`)
    : undefined;

  publish(folder: Folder, path: string, findings: readonly Finding[], text: string, version: number | undefined, partial = false): void {
    // A closed page outside the scope: counted by the service (status, tree), not listed; what was listed is cleared.
    if (version === undefined && !this.listed(folder, path)) {
      this.unpublish(folder, path);
      this.labelsChanged();
      this.statusChanged();
      return;
    }
    // A clean page never published needs no message; an open document always gets its version's answer.
    if (findings.length === 0 && !folder.withProblems.has(path) && version === undefined) return;
    if (findings.length > 0) folder.withProblems.add(path);
    else folder.withProblems.delete(path);
    if (version !== undefined && partial && !this.firstOpenPartial) {
      this.firstOpenPartial = true;
      this.info(`an open page's first diagnostics (before the workspace's files are indexed) at ${sinceStart()}`);
    }
    if (version !== undefined && !partial && !this.firstOpenAnswered) {
      this.firstOpenAnswered = true;
      this.info(`an open page's diagnostics at ${sinceStart()}`);
    }
    if (version !== undefined) this.timing?.(`publish ${path} v${version} ${findings.length}${partial ? ' partial' : ''}`);
    this.send(folder.uriOf(path), version, findings, new LineIndex(text));
    this.labelsChanged();
    this.statusChanged();
  }

  unpublish(folder: Folder, path: string): void {
    if (!folder.withProblems.delete(path)) return;
    this.send(folder.uriOf(path), undefined, [], undefined);
    this.statusChanged();
  }

  /** True when an open document's `version` was already sent exactly these diagnostics; records them otherwise. */
  private sentBefore(uri: string, version: number | undefined, diagnostics: readonly unknown[]): boolean {
    if (version === undefined) {
      this.sentOpen.delete(uri);
      return false;
    }
    const key = `${version}\n${JSON.stringify(diagnostics)}`;
    if (this.sentOpen.get(uri) === key) {
      this.timing?.(`unchanged ${uri} v${version}`);
      return true;
    }
    this.sentOpen.set(uri, key);
    return false;
  }

  /**
   * One file's diagnostics to the client: as `topicPages/diagnostics` when it takes them (an open
   * document's alone and at once; the background's in a batch sent when it holds BATCH_FILES files
   * or is BATCH_MS old), else as publishDiagnostics.
   */
  private send(uri: string, version: number | undefined, findings: readonly Finding[], lines: LineIndex | undefined): void {
    if (!this.diagnosticBatches) {
      const diagnostics = lines ? findings.map((f) => toDiagnostic(f, lines)) : [];
      if (this.sentBefore(uri, version, diagnostics)) return;
      void this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
      return;
    }
    const diagnostics = lines ? findings.map((f) => toCompact(f, lines)) : [];
    if (this.sentBefore(uri, version, diagnostics)) return;
    // A file sent again before the batch left keeps one entry, with its newest list.
    this.batch.delete(uri);
    if (version !== undefined) {
      // An open document's answer goes alone and at once: it never waits behind the background.
      const params: DiagnosticBatchParams = { files: [{ uri, diagnostics }] };
      void this.connection.sendNotification(Notifications.diagnostics, params);
      return;
    }
    this.batch.set(uri, diagnostics);
    if (this.batch.size >= BATCH_FILES) this.flushBatch();
    else this.batchTimer ??= setTimeout(() => this.flushBatch(), BATCH_MS);
  }

  private flushBatch(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.batch.size === 0) return;
    const params: DiagnosticBatchParams = { files: [...this.batch].map(([uri, diagnostics]) => ({ uri, diagnostics })) };
    this.batch.clear();
    void this.connection.sendNotification(Notifications.diagnostics, params);
  }

  status(): StatusParams {
    const indexing = { done: 0, total: 0 };
    let anyIndexing = false;
    const problems = { errors: 0, warnings: 0, infos: 0 };
    let pages = 0;
    for (const f of this.folders) {
      const s = f.service.status();
      if (s.indexing) {
        anyIndexing = true;
        indexing.done += s.indexing.done;
        indexing.total += s.indexing.total;
      }
      problems.errors += s.problems.errors;
      problems.warnings += s.problems.warnings;
      problems.infos += s.problems.infos;
      pages += s.pages;
    }
    if (this.folders.every((f) => f.service.ready)) this.indexed = true;
    return { indexing: anyIndexing ? indexing : null, problems, pages, indexed: this.indexed };
  }

  /** Throttled to at most 4 a second; only sent when something changed. */
  statusChanged(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      // Problem counts held back during a burst of checks: shown once the burst is over.
      if (this.labelsOwed && !this.checkingBurst()) this.labelsChanged();
      const status = this.status();
      const key = JSON.stringify(status);
      if (key === this.lastStatus) return;
      this.lastStatus = key;
      if (this.progress && status.indexing) {
        const pct = status.indexing.total > 0 ? Math.floor((100 * status.indexing.done) / status.indexing.total) : 0;
        this.progress.report(pct, `indexing ${status.indexing.done.toLocaleString('en-US')} of ${status.indexing.total.toLocaleString('en-US')}`);
      }
      void this.connection.sendNotification(Notifications.statusChanged, status);
    }, STATUS_INTERVAL_MS);
  }

  /** True while a folder is loading or has many pages waiting for their check (a load, a branch switch). */
  private checkingBurst(): boolean {
    return this.folders.some((f) => !f.service.ready || f.service.queued > BURST_PAGES);
  }

  /**
   * The tree's data changed: one refresh, 300 ms after the last change. While a folder loads (its
   * pages read, then the bodies of its topic pages parsed: `treeWhole`), the view refreshes every
   * second at most (less often when the tree is slow to build) and shows the topic pages indexed
   * so far (in folders when many).
   */
  treeChanged(): void {
    this.wakeRootsWaiters();
    if (this.labelTimer) clearTimeout(this.labelTimer);
    this.labelTimer = undefined;
    this.labelsOwed = false;
    const loading = this.folders.some((f) => !f.service.treeWhole);
    if (this.treeTimer) {
      // While a folder loads, every page read changes the tree: a refresh every TREE_LOADING_MS.
      if (loading) return;
      clearTimeout(this.treeTimer);
    }
    this.treeTimer = setTimeout(
      () => {
        this.treeTimer = undefined;
        this.timing?.('treeChanged');
        for (const w of this.rootsWaiters.splice(0)) w();
        void this.connection.sendNotification(Notifications.treeChanged, {});
      },
      loading ? Math.min(TREE_LOADING_MAX_MS, Math.max(TREE_LOADING_MS, TREE_LOADING_FACTOR * this.rootsMs)) : TREE_DELAY_MS,
    );
  }

  /**
   * Problem counts changed: the labels refresh at most once a second, never while a full refresh
   * is pending, and not during a burst of checks (each refresh sends every shown node again).
   */
  private labelsChanged(): void {
    if (this.treeTimer || this.labelTimer) return;
    if (this.checkingBurst()) {
      this.labelsOwed = true;
      return;
    }
    this.labelsOwed = false;
    this.labelTimer = setTimeout(() => {
      this.labelTimer = undefined;
      void this.connection.sendNotification(Notifications.treeChanged, {});
    }, LABEL_DELAY_MS);
  }

  // ------------------------------------------------------------ language features

  private textAndLines(folder: Folder, path: string): { text: string; lines: LineIndex } | undefined {
    const text = folder.service.currentText(path);
    return text === undefined ? undefined : { text, lines: new LineIndex(text) };
  }

  private codeActions(uri: string, range: LspRange, only: readonly string[] | undefined, token: CancellationToken): CodeAction[] {
    const at = this.locate(uri);
    const doc = at && this.textAndLines(at.folder, at.path);
    if (!at || !doc || token.isCancellationRequested) return [];
    const offsets = { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) };
    return at.folder.service.codeActions(at.path, offsets, only).map((a) => {
      const edit: WorkspaceEdit = { changes: { [uri]: toLspEdits(doc.lines, a.edits) } };
      return {
        title: a.title,
        kind: a.kind,
        ...(a.findings.length > 0 ? { diagnostics: a.findings.map((f) => toDiagnostic(f, doc.lines)) } : {}),
        ...(a.isPreferred ? { isPreferred: true } : {}),
        edit,
      };
    });
  }

  private documentLinks(uri: string, token: CancellationToken): { range: LspRange; target: string; tooltip: string }[] {
    const at = this.locate(uri);
    const doc = at && this.textAndLines(at.folder, at.path);
    if (!at || !doc) return [];
    const links = at.folder.service.documentLinks(at.path, token).map((l) => ({ range: toLspRange(doc.lines, l.range), target: at.folder.uriOf(l.target), tooltip: l.tooltip }));
    // A broken route links to an explanation (the client's command), never to a file to create. Other
    // clients get no link there: a `command:` target means nothing to them (the diagnostic explains it).
    if (!this.explainBrokenLinks) return links;
    for (const f of at.folder.service.diagnostics(at.path)) {
      if (f.ruleId !== 'link-broken' || f.range.start === f.range.end) continue;
      const target = `command:topicPages.explainBrokenLink?${encodeURIComponent(JSON.stringify([f.message]))}`;
      links.push({ range: toLspRange(doc.lines, f.range), target, tooltip: f.message });
    }
    return links;
  }

  private async definition(uri: string, position: { line: number; character: number }): Promise<{ uri: string; range: LspRange } | null> {
    const at = this.locate(uri);
    const doc = at && this.textAndLines(at.folder, at.path);
    if (!at || !doc) return null;
    const loc = await at.folder.service.definition(at.path, doc.lines.offsetAt(position));
    if (!loc) return null;
    return { uri: at.folder.uriOf(loc.path), range: toLspRange(new LineIndex(loc.text), loc.range) };
  }

  private hover(uri: string, position: { line: number; character: number }): { contents: { kind: 'markdown'; value: string }; range: LspRange } | null {
    const at = this.locate(uri);
    const doc = at && this.textAndLines(at.folder, at.path);
    if (!at || !doc) return null;
    const h = at.folder.service.hover(at.path, doc.lines.offsetAt(position));
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toLspRange(doc.lines, h.range) } : null;
  }

  private completion(uri: string, position: { line: number; character: number }, token: CancellationToken): CompletionItem[] {
    const at = this.locate(uri);
    const doc = at && this.textAndLines(at.folder, at.path);
    if (!at || !doc) return [];
    const kinds = { route: CompletionItemKind.File, 'include-key': CompletionItemKind.Reference, property: CompletionItemKind.Property, value: CompletionItemKind.EnumMember } as const;
    return at.folder.service.completion(at.path, doc.lines.offsetAt(position), token).map((c) => ({
      label: c.label,
      kind: kinds[c.kind],
      textEdit: { range: toLspRange(doc.lines, c.range), newText: c.snippet ?? c.label },
      ...(c.snippet ? { insertTextFormat: 2 as const } : {}),
      ...(c.description ? { labelDetails: { description: c.description } } : {}),
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { documentation: { kind: 'markdown' as const, value: c.documentation } } : {}),
      ...(c.sortText ? { sortText: c.sortText } : {}),
    }));
  }

  private documentSymbols(uri: string): DocumentSymbol[] {
    const at = this.locate(uri);
    const doc = at && this.textAndLines(at.folder, at.path);
    if (!at || !doc) return [];
    const convert = (s: OutlineSymbol): DocumentSymbol => ({
      name: s.name || '(untitled)',
      detail: s.detail,
      kind: s.kind === 'header' ? SymbolKind.Namespace : SymbolKind.Module,
      range: toLspRange(doc.lines, s.range),
      selectionRange: toLspRange(doc.lines, s.selectionRange),
    });
    return mapTree(at.folder.service.documentSymbols(at.path), convert, (symbol, children) => {
      symbol.children = children;
    });
  }

  private async willRenameFiles(files: readonly { oldUri: string; newUri: string }[]): Promise<WorkspaceEdit | null> {
    const byFolder = new Map<Folder, { from: string; to: string }[]>();
    for (const { oldUri, newUri } of files) {
      const from = this.locate(oldUri);
      const to = this.locate(newUri);
      if (!from || !to || from.folder !== to.folder) continue;
      byFolder.set(from.folder, [...(byFolder.get(from.folder) ?? []), { from: from.path, to: to.path }]);
    }
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [folder, moves] of byFolder) {
      const mode = settingReader(folder.settings)('topicPages.links.updateOnMove');
      if (mode === 'never') continue;
      for (const f of await folder.service.renameFilesEdits(moves)) changes[folder.uriOf(f.path)] = toLspEdits(new LineIndex(f.text), f.edits);
    }
    return Object.keys(changes).length > 0 ? { changes } : null;
  }

  // ------------------------------------------------------------ the topic tree

  private prefix(folder: Folder): string {
    return this.folders.length > 1 ? `${folder.name}:` : '';
  }

  private unprefix(id: string): { folder: Folder; id: string } | undefined {
    if (this.folders.length === 1) {
      const folder = this.folders[0];
      return folder ? { folder, id } : undefined;
    }
    const folder = this.folders.find((f) => id.startsWith(this.prefix(f)));
    return folder ? { folder, id: id.slice(this.prefix(folder).length) } : undefined;
  }

  /** Tree nodes for the client: link ranges become positions in their source page's text (read once per answer). */
  private async toTreeNodes(folder: Folder, nodes: readonly ServiceTreeNode[]): Promise<TreeNode[]> {
    const lines = new Map<string, LineIndex>();
    for (const n of nodes) {
      const path = n.source?.path;
      if (path !== undefined && !lines.has(path)) lines.set(path, new LineIndex((await folder.service.readText(path)) ?? ''));
    }
    return nodes.map((n) => this.toTreeNode(folder, n, lines));
  }

  private toTreeNode(folder: Folder, n: ServiceTreeNode, lines: ReadonlyMap<string, LineIndex>): TreeNode {
    let source: TreeNode['source'];
    if (n.source) {
      source = { uri: folder.uriOf(n.source.path), range: toLspRange(lines.get(n.source.path) ?? new LineIndex(''), n.source.range) };
    }
    return {
      id: this.prefix(folder) + n.id,
      kind: n.kind,
      label: n.label,
      description: n.description,
      tooltip: n.tooltip,
      icon: n.icon,
      ...(n.iconColor ? { iconColor: n.iconColor } : {}),
      contextValue: n.contextValue,
      hasChildren: n.hasChildren,
      expanded: n.expanded,
      ...(n.target ? { targetUri: folder.uriOf(n.target) } : {}),
      ...(n.route ? { route: n.route } : {}),
      ...(n.href ? { href: n.href } : {}),
      ...(source ? { source } : {}),
    };
  }

  /**
   * The view's roots. Before a folder's first load has read any page (from disk or from the index
   * kept from the last session; the open pages alone would make a tree of one page), its roots are
   * the ones the last session kept, read from a small file at once. Without those, or while no topic
   * page is found, the answer waits for the tree's next change (or a second, or the load's end) and
   * is built again: the view shows its progress bar meanwhile and draws the roots when they come.
   * An early answer would show the welcome text or a single page instead, and the roots would then
   * need a refresh, a round trip through a window that takes seconds while the window starts.
   */
  private async treeRoots(token: CancellationToken): Promise<TreeNode[]> {
    this.timing?.('roots asked');
    const kept = await this.keptRoots(token);
    if (kept) return this.rootsAnswered(kept, 0, 'kept from the last session');
    // The open pages' diagnostics first: building the tree of a large workspace takes a second.
    await Promise.all(this.folders.map((f) => f.service.whenOpenPagesChecked()));
    let started = performance.now();
    let roots = await this.buildRoots(token);
    const loading = (): boolean => this.folders.some((f) => !f.service.treeWhole);
    while (!token.isCancellationRequested && (this.folders.some((f) => f.service.nothingRead) || (roots.length === 0 && loading()))) {
      await this.treeChange();
      started = performance.now();
      roots = await this.buildRoots(token);
    }
    return this.rootsAnswered(roots, performance.now() - started);
  }

  /**
   * A held roots request looks again as soon as the tree changes, at most every ROOTS_WAKE_MS (the
   * service tells of a change once per tree built, so a change within that time is looked at when
   * it ends).
   */
  private wakeRootsWaiters(): void {
    if (this.rootsWaiters.length === 0 || this.rootsWakeTimer) return;
    const wake = (): void => {
      this.rootsWakeTimer = undefined;
      this.rootsWoken = performance.now();
      for (const w of this.rootsWaiters.splice(0)) w();
    };
    const wait = ROOTS_WAKE_MS - (performance.now() - this.rootsWoken);
    if (wait <= 0) wake();
    else this.rootsWakeTimer = setTimeout(wake, wait);
  }

  /** Resolves at the tree's next change, or after ROOTS_RECHECK_MS. */
  private treeChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ROOTS_RECHECK_MS);
      this.rootsWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** While some folder has read nothing yet: the roots, with the kept ones for those folders; undefined when one of them kept none. */
  private async keptRoots(token: CancellationToken): Promise<TreeNode[] | undefined> {
    if (!this.folders.some((f) => f.service.nothingRead)) return undefined;
    const roots: TreeNode[] = [];
    for (const f of this.folders) {
      const nodes = f.service.nothingRead ? await f.service.keptTreeRoots() : await f.service.treeRootsInSlices(token);
      if (!nodes) return undefined;
      roots.push(...(await this.toTreeNodes(f, nodes)));
    }
    return roots;
  }

  private rootsAnswered(roots: TreeNode[], ms: number, how = ''): TreeNode[] {
    this.rootsMs = ms;
    this.timing?.(`roots answered ${roots.length} in ${Math.round(ms)} ms${how ? ` (${how})` : ''}`);
    if (!this.treeAnswered && roots.length > 0) {
      this.treeAnswered = true;
      this.info(`the topic tree's roots first answered (${roots.length}${how ? `, ${how}` : ''}) at ${sinceStart()}`);
    }
    return roots;
  }

  private async buildRoots(token: CancellationToken): Promise<TreeNode[]> {
    return (await Promise.all(this.folders.map(async (f) => this.toTreeNodes(f, await f.service.treeRootsInSlices(token))))).flat();
  }

  private async treeChildren(id: string, token: CancellationToken): Promise<TreeNode[]> {
    const at = this.unprefix(id);
    // A kept root expanded before the folder has read its pages: its children come with them.
    while (at?.folder.service.nothingRead && !token.isCancellationRequested) await this.treeChange();
    const children = at ? await this.toTreeNodes(at.folder, at.folder.service.treeChildren(at.id)) : [];
    this.timing?.(`children of ${id}: ${children.length}`);
    return children;
  }

  private async treeParent(id: string): Promise<TreeNode | null> {
    const at = this.unprefix(id);
    const parent = at?.folder.service.treeParent(at.id);
    return at && parent ? ((await this.toTreeNodes(at.folder, [parent]))[0] ?? null) : null;
  }

  private async treeFind(uri: string): Promise<TreeNode[]> {
    const at = this.locate(uri);
    return at ? this.toTreeNodes(at.folder, at.folder.service.treeFind(at.path)) : [];
  }

  private snapshot(options: { maxDepth?: number; maxNodes?: number }): unknown[] {
    return this.folders.flatMap((f) => f.service.treeSnapshot({ ...options, idPrefix: this.prefix(f) }));
  }
}

declare const TOPIC_PAGES_VERSION: string | undefined;

/** Seconds since the server process started, for its log. */
function sinceStart(): string {
  return `${(performance.now() / 1000).toFixed(2)} s`;
}

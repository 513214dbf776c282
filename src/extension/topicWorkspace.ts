import * as vscode from 'vscode';
import { CONFIG_FILE } from '../core/config';
import { Engine } from '../core/engine';
import { allRules } from '../core/rules';
import { LineIndex } from '../core/text';
import type { Finding } from '../core/types';
import { WorkspaceFileHost } from './fileHost';
import { editorDefaults } from '../core/features/settingsManifest';

/** One workspace folder's engine. */
export class FolderIndex {
  engine: Engine | undefined;
  /** Bumped on every reload, so results of an older engine are dropped. */
  epoch = 0;
  readonly files = new Set<string>();

  constructor(readonly folder: vscode.WorkspaceFolder, readonly host: WorkspaceFileHost) {}

  uriOf(path: string): vscode.Uri {
    return this.host.uriOf(path);
  }
}

/** A file of a workspace folder. */
export interface Located {
  readonly index: FolderIndex;
  readonly path: string;
}

/** What changed: pages to re-check, or a whole folder (re)loaded. */
export type WorkspaceChange =
  | { readonly kind: 'loaded'; readonly index: FolderIndex }
  | { readonly kind: 'pages'; readonly index: FolderIndex; readonly paths: readonly string[] }
  | { readonly kind: 'removed'; readonly index: FolderIndex; readonly paths: readonly string[] };

/** Findings for a file with the text they were computed on. */
export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly lines: LineIndex;
}

/**
 * Every workspace folder's engine, kept in step with editors and the disk.
 * It reads files only through `vscode.workspace.fs` and open documents.
 */
export class TopicWorkspace implements vscode.Disposable {
  private readonly folders = new Map<string, FolderIndex>();
  private readonly changes = new vscode.EventEmitter<WorkspaceChange>();
  private readonly progress = new vscode.EventEmitter<{ done: number; total: number } | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changes, this.progress];
  private pendingDisk = new Map<string, { uri: vscode.Uri; kind: 'changed' | 'deleted' }>();
  private diskTimer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<void> | undefined;

  /** Fires after an engine loaded and whenever pages need re-checking. */
  readonly onDidChange = this.changes.event;
  /**
   * Bumped whenever any index changes. A page's findings depend on other pages,
   * so caches keyed by document version must also check this.
   */
  revision = 0;
  /** Fires while indexing (`undefined` when done). */
  readonly onDidProgress = this.progress.event;

  constructor() {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.addFolder(folder);
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) this.folders.delete(f.uri.toString());
        for (const f of e.added) this.addFolder(f);
        void this.loadAll();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('topicPages.docsRoot') || e.affectsConfiguration('topicPages.rules')) void this.loadAll();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.queueDisk(uri, 'changed')),
      watcher.onDidChange((uri) => this.queueDisk(uri, 'changed')),
      watcher.onDidDelete((uri) => this.queueDisk(uri, 'deleted')),
    );
  }

  private announce(change: WorkspaceChange): void {
    this.revision++;
    this.changes.fire(change);
  }

  private addFolder(folder: vscode.WorkspaceFolder): void {
    this.folders.set(folder.uri.toString(), new FolderIndex(folder, new WorkspaceFileHost(folder.uri)));
  }

  indexes(): FolderIndex[] {
    return [...this.folders.values()];
  }

  /** The folder and workspace-relative path of `uri`, if it lies in a workspace folder. */
  locate(uri: vscode.Uri): Located | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const index = folder ? this.folders.get(folder.uri.toString()) : undefined;
    const path = index?.host.pathOf(uri);
    return index && path !== undefined ? { index, path } : undefined;
  }

  /** True when `uri` is a page the engine checks (a Markdown file under the docs root). */
  isPage(uri: vscode.Uri): boolean {
    const at = this.locate(uri);
    return !!at?.index.engine && (at.index.engine.index.isPagePath(at.path) || at.index.engine.skippedFiles().has(at.path));
  }

  /** (Re)loads every folder's engine, reporting progress; concurrent calls share one run. */
  loadAll(): Promise<void> {
    const run = async (): Promise<void> => {
      const indexes = this.indexes();
      let done = 0;
      let total = 0;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Topic Pages' }, async (p) => {
        for (const index of indexes) {
          const base = done;
          await this.load(index, (d, t) => {
            done = base + d;
            total = Math.max(total, base + t);
            p.report({ message: `indexing ${done}/${total}` });
            this.progress.fire({ done, total });
          });
        }
      });
      this.progress.fire(undefined);
    };
    // A reload asked for while one runs starts after it, so it sees the newest settings.
    const next = (this.loading ?? Promise.resolve()).then(run, run);
    this.loading = next;
    return next;
  }

  private async load(index: FolderIndex, onProgress: (done: number, total: number) => void): Promise<void> {
    const epoch = ++index.epoch;
    const config = vscode.workspace.getConfiguration(undefined, index.folder.uri);
    const defaults = editorDefaults(allRules, (key) => config.get(key));
    const engine = await Engine.load(index.host, { onProgress, defaults, keepParsed: false });
    if (epoch !== index.epoch) return;
    index.files.clear();
    for (const f of index.host.listed) index.files.add(f);
    index.engine = engine;
    this.announce({ kind: 'loaded', index });
  }

  /** Indexes an editor buffer. Returns the other pages whose findings may change. */
  setText(uri: vscode.Uri, text: string): { index: FolderIndex; paths: string[] } | undefined {
    const at = this.locate(uri);
    if (!at?.index.engine) return undefined;
    at.index.files.add(at.path);
    this.revision++;
    return { index: at.index, paths: at.index.engine.setText(at.path, text).filter((p) => p !== at.path) };
  }

  /** Re-reads a file from the host (after an editor closed it, say) and announces what changed. */
  async reread(uri: vscode.Uri): Promise<void> {
    const at = this.locate(uri);
    if (!at?.index.engine) return;
    const key = uri.toString();
    at.index.host.diskOnly.add(key);
    let paths: string[];
    try {
      paths = await at.index.engine.readAndIndex(at.path);
    } finally {
      at.index.host.diskOnly.delete(key);
    }
    this.announce({ kind: 'pages', index: at.index, paths });
  }

  /** Checks a page: `text` is the editor buffer; otherwise the indexed text. */
  check(index: FolderIndex, path: string, text?: string): CheckResult | undefined {
    const engine = index.engine;
    if (!engine) return undefined;
    if (!engine.index.isPagePath(path) && !engine.skippedFiles().has(path)) return undefined;
    const findings = engine.check(path, text);
    return { findings, lines: new LineIndex(text ?? engine.index.text(path) ?? '') };
  }

  /** The configuration files a folder's engine read: a change to any of them reloads it. */
  private configFiles(index: FolderIndex): string[] {
    const config = index.engine?.loaded.config;
    return [CONFIG_FILE, config?.redirects, config?.schema].filter((f): f is string => typeof f === 'string').map((f) => f.replace(/^\.\//, ''));
  }

  private queueDisk(uri: vscode.Uri, kind: 'changed' | 'deleted'): void {
    if (/\/(\.git|node_modules)(\/|$)/.test(uri.path)) return;
    this.pendingDisk.set(uri.toString(), { uri, kind });
    if (this.diskTimer) clearTimeout(this.diskTimer);
    // Batch bursts (a git checkout, a folder move) into one pass.
    this.diskTimer = setTimeout(() => void this.flushDisk(), 150);
  }

  private async flushDisk(): Promise<void> {
    this.diskTimer = undefined;
    const batch = [...this.pendingDisk.values()];
    this.pendingDisk = new Map();
    const affected = new Map<FolderIndex, Set<string>>();
    const removed = new Map<FolderIndex, Set<string>>();
    const reload = new Set<FolderIndex>();
    const add = (map: Map<FolderIndex, Set<string>>, index: FolderIndex, paths: Iterable<string>): void => {
      let set = map.get(index);
      if (!set) map.set(index, (set = new Set()));
      for (const p of paths) set.add(p);
    };
    for (const { uri, kind } of batch) {
      const at = this.locate(uri);
      const engine = at?.index.engine;
      if (!at || !engine) continue;
      const { index, path } = at;
      if (this.configFiles(index).includes(path)) {
        reload.add(index);
        continue;
      }
      if (engine.index.ignores(path)) continue;
      if (kind === 'deleted') {
        const gone = index.files.has(path) ? [path] : [...index.files].filter((f) => f.startsWith(path + '/'));
        for (const f of gone) {
          index.files.delete(f);
          add(affected, index, engine.delete(f));
        }
        add(removed, index, gone);
        continue;
      }
      const created = (await index.host.isFolder(path)) ? await index.host.listFiles(path) : [path];
      for (const f of created) {
        index.files.add(f);
        add(affected, index, await engine.readAndIndex(f));
      }
    }
    if (reload.size > 0) void this.loadAll();
    for (const [index, paths] of removed) this.announce({ kind: 'removed', index, paths: [...paths] });
    for (const [index, paths] of affected) this.announce({ kind: 'pages', index, paths: [...paths].sort() });
  }

  dispose(): void {
    if (this.diskTimer) clearTimeout(this.diskTimer);
    for (const d of this.disposables) d.dispose();
  }
}

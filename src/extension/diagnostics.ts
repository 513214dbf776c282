import * as vscode from 'vscode';
import { toDiagnostic } from './convert';
import type { CheckResult, FolderIndex, TopicWorkspace } from './topicWorkspace';
import type { ProblemCount } from '../core/features/treeModel';

const TYPING_DELAY_MS = 300;
const PAGES_PER_SLICE = 25;

/**
 * Keeps the Problems panel in step with the engine: editors as you type
 * (debounced), every page after indexing, and the pages a change affects.
 * Each document has a generation number; a result computed for an older
 * generation is dropped, so a slow check never overwrites a newer one.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('topic-pages');
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly counts = new Map<string, ProblemCount>();
  private readonly cache = new Map<string, { version: number; revision: number; result: CheckResult }>();
  private readonly updated = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.updated];
  private busy = 0;
  private idleWaiters: (() => void)[] = [];

  /** Fires after diagnostics changed (batched per pass), for views that show problem counts. */
  readonly onDidUpdate = this.updated.event;

  constructor(private readonly workspace: TopicWorkspace, private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      workspace.onDidChange((change) => {
        if (change.kind === 'loaded') void this.checkFolder(change.index);
        else if (change.kind === 'removed') this.forget(change.index, change.paths);
        else this.recheck(change.index, change.paths);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.validateOnType(e.document)) this.schedule(e.document, TYPING_DELAY_MS);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (!this.validateOnType(doc)) this.schedule(doc, 0);
      }),
      // A closed editor's unsaved text is gone: the disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // A pending typing check would find the document closed and publish nothing, while the
        // re-check after the re-read skips pages with a pending timer: cancel it first.
        this.cancel(doc.uri);
        void this.workspace.reread(doc.uri);
      }),
    );
  }

  private validateOnType(doc: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration('topicPages', doc.uri).get<boolean>('validate.onType', true);
  }

  private bump(uri: vscode.Uri): number {
    const key = uri.toString();
    const g = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, g);
    return g;
  }

  private generation(uri: vscode.Uri): number {
    return this.generations.get(uri.toString()) ?? 0;
  }

  /** Checks `doc` after `delay` ms of quiet. */
  schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'markdown' && !/\.md$/i.test(doc.uri.path)) return;
    const key = doc.uri.toString();
    const generation = this.bump(doc.uri);
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous);
    else this.busy++;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        try {
          this.checkDocument(doc, generation);
        } finally {
          this.done();
        }
      }, delay),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(key);
    this.done();
  }

  private checkDocument(doc: vscode.TextDocument, generation: number): void {
    if (generation !== this.generation(doc.uri)) return;
    if (doc.isClosed) {
      // Closed while the check waited (revert and close): report what the index holds, which is the disk's text.
      const at = this.workspace.locate(doc.uri);
      if (at) this.publish(doc.uri, this.workspace.check(at.index, at.path), generation);
      this.updated.fire();
      return;
    }
    const text = doc.getText();
    const changed = this.workspace.setText(doc.uri, text);
    const at = this.workspace.locate(doc.uri);
    if (!at?.index.engine) return;
    this.publish(doc.uri, this.workspace.check(at.index, at.path, text), generation);
    if (changed && changed.paths.length > 0) this.recheck(changed.index, changed.paths);
    this.updated.fire();
  }

  /** Re-checks pages from the index (or their open editor's text). */
  recheck(index: FolderIndex, paths: readonly string[]): void {
    for (const path of paths) {
      const uri = index.uriOf(path);
      if (this.timers.has(uri.toString())) continue;
      const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
      this.publish(uri, this.workspace.check(index, path, doc?.getText()), this.generation(uri));
    }
    this.updated.fire();
  }

  /** Checks every page of a freshly loaded folder: the active editor's page first, then the rest in slices. */
  async checkFolder(index: FolderIndex): Promise<void> {
    const engine = index.engine;
    if (!engine) return;
    const epoch = index.epoch;
    this.busy++;
    try {
      const paths = engine.checkablePaths();
      const wanted = new Set(paths.map((p) => index.uriOf(p).toString()));
      // Drop diagnostics of files this folder no longer checks (settings changed, files gone).
      this.collection.forEach((uri) => {
        if (this.workspace.locate(uri)?.index === index && !wanted.has(uri.toString())) this.clear(uri);
      });
      const active = vscode.window.activeTextEditor?.document;
      const activePath = active ? this.workspace.locate(active.uri) : undefined;
      const ordered = activePath?.index === index && paths.includes(activePath.path) ? [activePath.path, ...paths.filter((p) => p !== activePath.path)] : paths;
      for (let i = 0; i < ordered.length; i += PAGES_PER_SLICE) {
        if (index.epoch !== epoch) return;
        this.recheck(index, ordered.slice(i, i + PAGES_PER_SLICE));
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.done();
    }
  }

  private publish(uri: vscode.Uri, result: CheckResult | undefined, generation: number): void {
    if (generation !== this.generation(uri)) return;
    if (!result) {
      this.clear(uri);
      return;
    }
    this.collection.set(uri, result.findings.map((f) => toDiagnostic(f, result.lines, this.extensionUri)));
    const count = { errors: 0, warnings: 0, infos: 0 };
    for (const f of result.findings) {
      if (f.severity === 'error') count.errors++;
      else if (f.severity === 'warning') count.warnings++;
      else count.infos++;
    }
    this.counts.set(uri.toString(), count);
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.counts.delete(uri.toString());
  }

  private forget(index: FolderIndex, paths: readonly string[]): void {
    for (const p of paths) this.clear(index.uriOf(p));
    this.updated.fire();
  }

  /** Problem counts of a file, as last published. */
  problems(uri: vscode.Uri): ProblemCount | undefined {
    return this.counts.get(uri.toString());
  }

  /** Findings for exactly this version of `doc` (computed once per version), for code actions. */
  findingsFor(doc: vscode.TextDocument): CheckResult | undefined {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.revision === this.workspace.revision) return hit.result;
    const at = this.workspace.locate(doc.uri);
    const result = at ? this.workspace.check(at.index, at.path, doc.getText()) : undefined;
    // Not indexed yet: answer nothing now, but ask again next time.
    if (!result) return undefined;
    this.cache.delete(key);
    this.cache.set(key, { version: doc.version, revision: this.workspace.revision, result });
    if (this.cache.size > 50) this.cache.delete(this.cache.keys().next().value ?? '');
    return result;
  }

  /** Total problems published, for the status bar. */
  totals(): ProblemCount {
    const t = { errors: 0, warnings: 0, infos: 0 };
    for (const c of this.counts.values()) {
      t.errors += c.errors;
      t.warnings += c.warnings;
      t.infos += c.infos;
    }
    return t;
  }

  /** Resolves when no check is pending or running. */
  whenIdle(): Promise<void> {
    return this.busy === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private done(): void {
    this.busy--;
    if (this.busy === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

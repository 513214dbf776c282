// Shared helpers of the integration suite: the workspace copy, the extension's API,
// waiting for diagnostics through events (never fixed sleeps), and compact descriptions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TopicPagesApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'topic-pages.topic-pages';
export const SOURCE = 'Topic Pages';
const MARKER = '.topic-pages-test-workspace';

/** The repository: the nearest folder above this file whose package.json names topic-pages. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'topic-pages') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no topic-pages package.json above ${__dirname}`);
    dir = up;
  }
}

/** The pristine text of an example file, from the repository (the workspace is a copy of it). */
export function original(rel: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'examples', 'docs', rel), 'utf8');
}

/** The workspace folder, which must be a throwaway copy (test/vscode/workspace.mjs writes the marker). */
export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  assert.ok(fs.existsSync(path.join(folder.uri.fsPath, MARKER)), `${folder.uri.fsPath} is not a test copy of examples/docs (no ${MARKER}); refusing to modify it`);
  return folder.uri;
}

export function uri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export function withTimeout<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); },
    );
  });
}

/** The extension's exported API, once the workspace is indexed and checked. */
export async function api(): Promise<TopicPagesApi> {
  const ext = vscode.extensions.getExtension<TopicPagesApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  const exports = ext.isActive ? ext.exports : await withTimeout(ext.activate(), 60_000, 'activation');
  await withTimeout(exports.ready, 120_000, 'the workspace to be indexed');
  await withTimeout(exports.whenIdle(), 60_000, 'pending checks');
  return exports;
}

/** Our diagnostics of a file. */
export function ours(u: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(u).filter((d) => d.source === SOURCE);
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/** `rule severity line:col-line:col`, 1-based like the CLI and examples/docs/DEFECTS.md. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)} ${SEVERITY[d.severity]} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** Sorted descriptions of a file's diagnostics (by position, then code). */
export function described(u: vscode.Uri): string[] {
  return sortDescriptions(ours(u).map(describeDiagnostic));
}

export function sortDescriptions(list: readonly string[]): string[] {
  const key = (s: string): number[] => (/ (\d+):(\d+)-/.exec(s)?.slice(1) ?? ['0', '0']).map(Number);
  return [...list].sort((a, b) => {
    const [al = 0, ac = 0] = key(a);
    const [bl = 0, bc = 0] = key(b);
    return al - bl || ac - bc || a.localeCompare(b);
  });
}

/**
 * Resolves with the file's diagnostics once `done(descriptions)` holds, re-checking on every
 * onDidChangeDiagnostics for the file; rejects after `timeoutMs` showing what was there.
 */
export function waitForDiagnostics(u: vscode.Uri, done: (descriptions: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const now = described(u);
      if (!done(now)) return false;
      cleanup();
      resolve(now);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((x) => x.toString() === u.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(u)}; diagnostics now:\n  ${described(u).join('\n  ') || '(none)'}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

/** Waits for exactly these diagnostics (order-insensitive). */
export function waitForExactly(u: vscode.Uri, expected: readonly string[], what: string, timeoutMs = 30_000): Promise<string[]> {
  const want = sortDescriptions(expected);
  return waitForDiagnostics(u, (now) => JSON.stringify(now) === JSON.stringify(want), `${what}:\n  ${want.join('\n  ')}`, timeoutMs);
}

/** Resolves once `condition()` holds, checking on document changes and on a short poll. */
export function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      clearInterval(poll);
      sub.dispose();
      if (error) reject(error);
      else resolve();
    };
    const tick = (): void => {
      if (condition()) finish();
    };
    const sub = vscode.workspace.onDidChangeTextDocument(tick);
    const poll = setInterval(tick, 100);
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
}

/** Opens a workspace file in an editor. */
export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Throws away unsaved changes of every open document (the test copy on disk stays as it was). */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!doc.isDirty, `${vscode.workspace.asRelativePath(doc.uri)} reverted`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A fix edits the editor buffer only: the document is dirty and the file on disk unchanged. */
export function assertUnsaved(doc: vscode.TextDocument, rel: string): void {
  assert.ok(doc.isDirty, `${rel}: the edit left the document unsaved`);
  assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), original(rel), `${rel}: nothing was written to disk`);
}

/**
 * The code actions for `range`, once `ready(actions)` holds. The extension host knows a diagnostic
 * before the workbench's marker service does, and code actions get their context.diagnostics from
 * the latter, so ask again (on a short poll) until the providers see the diagnostic.
 */
export async function codeActionsWhen(u: vscode.Uri, range: vscode.Range, ready: (actions: vscode.CodeAction[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', u, range)).filter(
      (a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'),
    );
    if (ready(actions)) return actions;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A completion item's label text. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Planted defects of examples/docs (see examples/docs/DEFECTS.md), as the editor must report them. */
export const EXPECTED: Record<string, string[]> = {
  'articles/users/index.md': [
    'header-title-mismatch info 15:7-15:12', // #10
    'mojibake warning 36:42-36:45', // #4
    'link-duplicate info 46:55-46:67', // #9
    'link-broken error 51:51-51:71', // #5
    'item-missing-link warning 56:3-56:7', // #15
  ],
  'articles/billing/index.md': [
    'link-fragment warning 30:69-30:86', // #6
    'href-empty error 33:49-33:56', // #2
    'markdown-link-in-html warning 40:79-40:122', // #3
    'link-duplicate info 44:55-44:71', // #7 also repeats /billing/invoices (line 38) once made root-relative
    'link-relative warning 44:55-44:71', // #7
    'href-unsafe error 58:55-58:83', // #8
    'markup-unclosed warning 63:42-63:74', // #16
  ],
  'articles/api/index.md': [
    'description-missing warning 1:1-1:4', // #11
    'include-missing error 20:14-20:45', // #14
    'include-links-malformed error 27:3-27:4', // #12
    'link-broken error 28:4-28:18', // #13
  ],
  'articles/security/index.md': [
    'link-text-empty error 46:42-46:58', // #1
    'link-description-empty warning 47:5-47:12', // #1
  ],
};

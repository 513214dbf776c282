// The in-editor half of the editor benchmark (bench/editor-scale.mjs): bundled to
// out/bench/editor-probe.js and run inside code-server's extension host by the test harness
// (test/harness). It opens one page as a person would at start-up, then records, on the
// clock the driver shares (Date.now()):
//   - when our extension activated and when the opened page first got its diagnostics;
//   - keystroke -> diagnostics updated, 20 times while the workspace is still being indexed
//     and 20 times after: each keystroke types (or deletes) `â€™` at the end of the page,
//     which adds (or removes) a mojibake finding, and the time is taken until the editor
//     shows the new diagnostics;
//   - when the whole workspace was indexed and checked (the extension's `ready`).
// With TOPIC_PAGES_BENCH_MODE=without (our extension not installed) it only opens the page
// and waits (while the driver types keys, for their echo), so the driver can read the extension
// host's memory without us.
// Measurements, not assertions: it writes JSON to TOPIC_PAGES_BENCH_OUT and never fails a target.
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { TopicPagesApi } from '../src/extension/extension';

const EXTENSION_ID = 'topic-pages.topic-pages';
const SOURCE = 'Topic Pages';
const MOJIBAKE = 'â€™';
const KEYSTROKES = 20;

interface Keystroke {
  readonly ms: number;
  /** Typed at (Date.now()). */
  readonly at: number;
  /** Whether the workspace was still being indexed and checked (`ready` not yet resolved) when the diagnostics arrived. */
  readonly indexing: boolean;
  /** When the extension host heard of the edit (Date.now()). */
  readonly hostAt?: number;
}

/** The extension host's memory after a full garbage collection (what stays, not what awaits collection). */
async function settledMemory(): Promise<{ rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number }> {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as (() => void) | undefined;
    gc?.();
    gc?.();
  } catch {
    // No forced collection: the figures include garbage.
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const m = process.memoryUsage();
  const mb = (n: number): number => Math.round((n / 2 ** 20) * 10) / 10;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}

let readyAt: number | undefined;

function hasMojibake(uri: vscode.Uri): boolean {
  return vscode.languages.getDiagnostics(uri).some((d) => d.source === SOURCE && typeof d.code === 'object' && String(d.code.value) === 'mojibake');
}

/** Our diagnostics other than mojibake (which the keystrokes add and remove), as `rule line:col-line:col`. */
function settledKeys(uri: vscode.Uri): string {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && !(typeof d.code === 'object' && String(d.code.value) === 'mojibake'))
    .map((d) => `${typeof d.code === 'object' ? String(d.code.value) : ''} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort()
    .join('\n');
}

function ours(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).length;
}

/** Resolves with Date.now() once `condition()` holds, checked on every diagnostics change of `uri`. */
function whenDiagnostics(uri: vscode.Uri, condition: () => boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve(Date.now());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics change on ${uri.fsPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || !condition()) return;
      const at = Date.now();
      clearTimeout(timer);
      sub.dispose();
      resolve(at);
    });
  });
}

async function keystrokes(editor: vscode.TextEditor, count: number): Promise<Keystroke[]> {
  const doc = editor.document;
  const out: Keystroke[] = [];
  for (let i = 0; i < count; i++) {
    const add = !hasMojibake(doc.uri);
    const last = doc.lineAt(doc.lineCount - 1);
    const t0 = Date.now();
    // When the extension host hears of the edit (the window applied it): the language client sends it on at once.
    let hostAt: number | undefined;
    const heard = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && hostAt === undefined) hostAt = Date.now();
    });
    const done = whenDiagnostics(doc.uri, () => hasMojibake(doc.uri) === add, 60_000);
    await editor.edit((b) => {
      if (add) b.insert(last.range.end, MOJIBAKE);
      else b.delete(new vscode.Range(last.range.end.translate(0, -MOJIBAKE.length), last.range.end));
    });
    const t1 = await done;
    heard.dispose();
    out.push({ ms: t1 - t0, at: t0, indexing: readyAt === undefined || readyAt > t1, ...(hostAt !== undefined ? { hostAt } : {}) });
  }
  return out;
}

function summary(list: readonly Keystroke[]): { count: number; median: number; worst: number; duringIndexing: number } {
  const ms = list.map((k) => k.ms).sort((a, b) => a - b);
  const mid = ms.length === 0 ? NaN : ms.length % 2 ? (ms[(ms.length - 1) / 2] ?? NaN) : ((ms[ms.length / 2 - 1] ?? 0) + (ms[ms.length / 2] ?? 0)) / 2;
  return { count: ms.length, median: mid, worst: ms[ms.length - 1] ?? NaN, duringIndexing: list.filter((k) => k.indexing).length };
}

export async function run(): Promise<void> {
  const outFile = process.env.TOPIC_PAGES_BENCH_OUT ?? '';
  const rel = process.env.TOPIC_PAGES_BENCH_PAGE ?? '';
  const mode = process.env.TOPIC_PAGES_BENCH_MODE ?? 'with';
  const result: Record<string, unknown> = { mode, page: rel, probeStart: Date.now() };
  const write = (): void => fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
  try {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
    let firstDiagnostics: number | undefined;
    const first = whenDiagnostics(uri, () => ours(uri) > 0, 600_000).then((t) => (firstDiagnostics = t));
    // Every change of the page's diagnostics, to find when they were first complete: the server
    // first publishes what the page holds alone, then its full check (the links need the workspace).
    const changes: { at: number; keys: string }[] = [];
    const recorder = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) changes.push({ at: Date.now(), keys: settledKeys(uri) });
    });
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    result.opened = Date.now();
    const handoff = process.env.TOPIC_PAGES_BENCH_HANDOFF;
    if (mode === 'without') {
      const waited = new Promise((resolve) => setTimeout(resolve, Number(process.env.TOPIC_PAGES_BENCH_WAIT_MS ?? 20_000)));
      // The driver types in the window (the keys' echo, for comparison), then the memory is read.
      if (handoff) {
        fs.writeFileSync(`${handoff}.opened`, String(result.opened));
        for (let w = 0; !fs.existsSync(`${handoff}.typed`) && w < 60_000; w += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await waited;
      result.memory = await settledMemory();
      result.done = Date.now();
      return;
    }
    const ext = vscode.extensions.getExtension<TopicPagesApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    const api = ext.isActive ? ext.exports : await ext.activate();
    result.activatedAt = api.activatedAt;
    void api.ready.then(() => (readyAt = Date.now()));
    await first;
    result.firstDiagnostics = firstDiagnostics;
    result.firstDiagnosticsAfterActivationMs = (firstDiagnostics ?? NaN) - api.activatedAt;
    // The driver types in the window first (keystrokes as a person makes them), while this waits.
    if (handoff) {
      fs.writeFileSync(`${handoff}.typing`, String(Date.now()));
      for (let waited = 0; !fs.existsSync(`${handoff}.typed`) && waited < 180_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const during = await keystrokes(editor, KEYSTROKES);
    result.keystrokesDuringIndexing = during;
    result.keystrokesDuringIndexingSummary = summary(during.filter((k) => k.indexing));
    await api.ready;
    result.ready = readyAt ?? Date.now();
    result.indexedAndCheckedAfterActivationMs = (readyAt ?? Date.now()) - api.activatedAt;
    recorder.dispose();
    const complete = changes.find((c) => c.keys === settledKeys(uri));
    result.completeDiagnostics = complete?.at;
    result.completeDiagnosticsAfterActivationMs = complete ? complete.at - api.activatedAt : undefined;
    result.diagnosticChangesBeforeReady = changes.length;
    // When the extension host heard of each change (typed keys: the server's answer reaching it).
    result.diagnosticChanges = changes.map((c) => c.at);
    result.statusAtReady = await api.status();
    const after = await keystrokes(editor, KEYSTROKES);
    result.keystrokesAfterIndexing = after;
    result.keystrokesAfterIndexingSummary = summary(after);
    if (hasMojibake(uri)) await keystrokes(editor, 1);
    // What the extension host holds for us: every published diagnostic, and the view's roots.
    const all = vscode.languages.getDiagnostics();
    result.diagnosticsHeld = { files: all.filter(([, ds]) => ds.some((d) => d.source === SOURCE)).length, diagnostics: all.reduce((n, [, ds]) => n + ds.filter((d) => d.source === SOURCE).length, 0) };
    result.treeRoots = (await api.treeSnapshot({ maxDepth: 0, maxNodes: 1_000_000 })).length;
    result.memory = await settledMemory();
    result.done = Date.now();
  } catch (e) {
    result.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    write();
  }
}

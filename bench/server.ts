// The language server at docs-repository scale, without an editor: `npm run build` then
//   node --import tsx bench/server.ts [--size 10500]
// Starts dist/server.js over stdio on a workspace built from the corpus (bench/generate.ts),
// opens one page at start-up and records: its first diagnostics, keystroke -> diagnostics
// (median and worst of 20) during indexing and after, the whole workspace indexed and checked,
// the tree's first items, the server's peak RSS (VmHWM), and the CLI's `check` on the same
// workspace just before. Measurements, never assertions.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { buildWorkspace, readCorpus } from './generate';

const REPO = resolve(__dirname, '..');
const sizeArg = process.argv.indexOf('--size');
const size = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 10500;
// `--heap N`: start the server with --max-old-space-size=N (MB), as an editor client may.
const heapArg = process.argv.indexOf('--heap');
const nodeArgs = heapArg > 0 ? [`--max-old-space-size=${process.argv[heapArg + 1]}`] : [];
// `--node-arg X` (repeatable): any other flag for the server's Node, e.g. `--cpu-prof`.
process.argv.forEach((a, i) => {
  const next = process.argv[i + 1];
  if (a === '--node-arg' && next !== undefined) nodeArgs.push(next);
});
const skipCli = process.argv.includes('--no-cli');
// `--log`: print the server's log messages (its start-up timeline) on stderr, each with the bench's clock.
const printLog = process.argv.includes('--log');
// `--workspace DIR`: an existing workspace instead of the generated one (with `--page` when it has not the bench's page).
const workspaceArg = process.argv.indexOf('--workspace');

/** The pages of an existing workspace (every `.md` file under it). */
function given(root: string): { root: string; pages: number; paths: readonly string[] } {
  const paths = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).map((p) => p.split(sep).join('/')).filter((p) => p.endsWith('.md')).sort();
  return { root, pages: paths.length, paths };
}

function generated(): { root: string; pages: number; paths: readonly string[] } {
  const corpus = readCorpus();
  if (!corpus) throw new Error('the corpus (../shared/corpus/auth0-docs) is absent');
  return buildWorkspace(corpus, size);
}
// `--batches`: take diagnostics as `topicPages/diagnostics` batches, as the VS Code client does.
const batches = process.argv.includes('--batches');
// `--cache DIR`: the folder the server keeps its index in between sessions (run twice for a warm start);
// without it the server keeps none (cacheDirectory: null), so every run starts cold.
const cacheArg = process.argv.indexOf('--cache');
const cacheDirectory = cacheArg > 0 ? resolve(process.argv[cacheArg + 1] ?? '') : null;
// `--client-watches`: declare that the client watches files (workspace/didChangeWatchedFiles), as VS Code
// does; the server then starts no watcher of its own.
const clientWatches = process.argv.includes('--client-watches');
// `--view`: ask for the tree's roots on each `topicPages/treeChanged`, as the VS Code view does while open.
const view = process.argv.includes('--view');
// `--server FILE`: another build of the server (a side-by-side baseline); default dist/server.js.
const serverArg = process.argv.indexOf('--server');
const serverScript = serverArg > 0 ? resolve(process.argv[serverArg + 1] ?? '') : join(REPO, 'dist', 'server.js');
// `--page PATH`: the page opened at start-up (default: the editor bench's page when the workspace has it, else the first index.md).
const pageArg = process.argv.indexOf('--page');
const pageOption = pageArg > 0 ? process.argv[pageArg + 1] : undefined;
const EDITOR_BENCH_PAGE = 'articles/c0063/configure/applications/index.md';

function vmHwmMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const ws = workspaceArg > 0 ? given(resolve(process.argv[workspaceArg + 1] ?? '')) : generated();
  console.log(`workspace: ${ws.pages} pages at ${ws.root}`);

  const cliStart = performance.now();
  const cli = skipCli ? undefined : spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', ws.root, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const cliMs = skipCli ? NaN : performance.now() - cliStart;
  if (cli) console.log(`CLI check: ${(cliMs / 1000).toFixed(1)} s (exit ${cli.status})`);

  const t0 = performance.now();
  const server = spawn(process.execPath, [...nodeArgs, serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (!server.stdout || !server.stdin || server.pid === undefined) throw new Error('no server');
  const pid = server.pid;
  const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const page = pageOption ?? (ws.paths.includes(EDITOR_BENCH_PAGE) ? EDITOR_BENCH_PAGE : (ws.paths.find((p) => /\/index\.md$/.test(p)) ?? (ws.paths[0] as string)));
  const uri = pathToFileURL(join(ws.root, page)).href;
  let text = readFileSync(join(ws.root, page), 'utf8');
  const versions = new Map<number, (at: number) => void>();
  let firstDiagnostics: number | undefined;
  // The first publication holding at least one finding (the bench page's findings are all broken links).
  let firstFindings: number | undefined;
  let published = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: readonly unknown[] }) => {
    published++;
    if (p.uri !== uri) return;
    firstDiagnostics ??= performance.now() - t0;
    if (p.diagnostics.length > 0) firstFindings ??= performance.now() - t0;
    if (p.version !== undefined) versions.get(p.version)?.(performance.now());
  });
  conn.onNotification('topicPages/diagnostics', (p: { files: { uri: string; diagnostics: readonly unknown[] }[] }) => {
    published += p.files.length;
    // An open document's answer comes alone: its version is the latest sent.
    if (p.files.length !== 1 || p.files[0]?.uri !== uri) return;
    firstDiagnostics ??= performance.now() - t0;
    if ((p.files[0]?.diagnostics.length ?? 0) > 0) firstFindings ??= performance.now() - t0;
    versions.get(version)?.(performance.now());
  });
  let treeRefreshes = 0;
  if (view) {
    conn.onNotification('topicPages/treeChanged', () => {
      treeRefreshes++;
      void conn.sendRequest('topicPages/tree/roots', {});
    });
  }
  if (printLog) conn.onNotification('window/logMessage', (p: { message: string }) => void process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(2)} s] ${p.message}\n`));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.listen();
  const root = pathToFileURL(ws.root).href;
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }], capabilities: { workspace: { configuration: true, ...(clientWatches ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) }, window: { workDoneProgress: true } }, initializationOptions: { diagnosticBatches: batches, cacheDirectory } });
  await conn.sendNotification('initialized', {});
  let version = 1;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  let treeFirst: number | undefined;
  void (async () => {
    for (;;) {
      const roots = (await conn.sendRequest('topicPages/tree/roots', {})) as unknown[];
      if (roots.length > 0) {
        treeFirst = performance.now() - t0;
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const keystrokes = async (n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = ++version;
      const lines = text.split('\n');
      const position = { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
      text += 'x';
      const done = new Promise<number>((resolve) => {
        versions.set(v, resolve);
        setTimeout(() => resolve(NaN), 30_000);
      });
      const sent = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }] });
      out.push((await done) - sent);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  };
  await new Promise((r) => setTimeout(r, 300));
  const during = await keystrokes(20);
  const statusDuring = (await conn.sendRequest('topicPages/status', {})) as { indexing: unknown };
  await conn.sendRequest('topicPages/whenIdle', {});
  const idleMs = performance.now() - t0;
  const idleCpu = cpuSeconds(pid);
  const after = await keystrokes(20);
  const status = (await conn.sendRequest('topicPages/status', {})) as { problems: unknown; pages: number };
  const hwm = vmHwmMb(pid);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  const result = {
    pages: ws.pages,
    nodeArgs,
    cliCheckSeconds: +(cliMs / 1000).toFixed(2),
    firstDiagnosticsMs: Math.round(firstDiagnostics ?? NaN),
    firstFindingsMs: Math.round(firstFindings ?? NaN),
    keystrokeDuringIndexingMs: { median: Math.round(median(during)), worst: Math.round(Math.max(...during)), stillIndexing: statusDuring.indexing !== null },
    indexedAndCheckedSeconds: +(idleMs / 1000).toFixed(2),
    serverCpuSecondsWhenIndexed: idleCpu,
    keystrokeAfterMs: { median: Math.round(median(after)), worst: Math.round(Math.max(...after)) },
    treeFirstItemsMs: Math.round(treeFirst ?? NaN),
    ...(view ? { treeRefreshes } : {}),
    serverPeakRssMb: hwm,
    published,
    status,
  };
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

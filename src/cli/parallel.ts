// The CLI's full check on several threads, each on the workspace service the single-thread
// check and the language server use. Every worker indexes every page by its front matter (what
// other pages' checks need of it), then checks its share (every jobs-th page), parsing each page
// of it once; a page of another share is parsed only when a check asks for what its body alone
// says (its anchors, for a `#fragment` link). Findings are the same as a single-threaded check.
// Each worker formats its files' parts of a streamed report (JSON, stylish) and sends them in
// batches; the main thread writes them in path order as they come, so the report never sits
// whole in memory, and a worker that runs ahead of the writing waits.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ConfigError } from '../core/config';
import { loadSettings, skippedFinding, type FileHost, type ListingProblem } from '../core/engine';
import type { Finding } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import { maxEntriesFromEnv, NodeFileHost } from '../node/fileHost';
import { CliFileHost } from './files';
import { counts, type Counts, type FormatContext } from './formatters';
import { filePart, type StreamedFormat } from './report';
import { displayPath } from './root';
import { CliWorkspace } from './service';

/** Below this many pages, starting workers costs more than it saves. */
export const PARALLEL_MIN_PAGES = 2000;

/** A file of the report from a worker: its part already formatted (a streamed format), or its findings and text. */
export type ParallelFile =
  | { readonly path: string; readonly part: string; readonly counts: Counts }
  | { readonly path: string; readonly findings: readonly Finding[]; readonly text: string };

/** How workers format their files' parts of a streamed report, and show their paths. */
export interface ParallelReport {
  readonly format: StreamedFormat;
  readonly context: FormatContext;
}

interface WorkerInput {
  readonly kind: 'topic-pages-check';
  readonly root: string;
  /** The configuration file the user named (`--config`), wherever it is. */
  readonly config: { readonly key: string; readonly path: string } | undefined;
  /** The run's listing (without what `.gitignore` excludes): workers list nothing again. */
  readonly files: readonly string[];
  readonly pages: readonly string[];
  readonly share: number;
  readonly of: number;
  /** Pages to report; undefined for all. */
  readonly wanted: readonly string[] | undefined;
  /** Format parts in the worker; undefined: send findings and texts. */
  readonly report: ParallelReport | undefined;
}

type FromWorker = { type: 'files'; files: ParallelFile[] } | { type: 'done' } | { type: 'error'; message: string };

type ToWorker = { type: 'taken'; files: number };

/** A worker sends its files in batches of this many... */
const BATCH_FILES = 50;
/** ...or of this many characters of report, whichever comes first... */
const BATCH_CHARS = 256 * 1024;
/** ...and waits when this many of its files sent are not yet written (one slow share or a slow reader holds the others back). */
const AHEAD_FILES = 4 * BATCH_FILES;

/**
 * A worker's young generation (MB). At 10,500 pages on 2 cores, V8's default peaked at 395 MB with 2
 * workers and 567 MB with 4; 8 MB at 335 and 466 MB, in the same time.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * The number of threads `--jobs auto` uses: one per core, at most 4, and one on a machine of
 * two cores or fewer. There, at 10,500 pages, two workers take as long as one thread (3.5 s
 * against 3.2-3.4 s) for 5.9 s of CPU against 4.0 s: each worker starts cold and reads every
 * page's front matter, and one thread already keeps the second core busy collecting garbage.
 * `--jobs N` still runs N workers.
 */
export function defaultJobs(): number {
  const cores = availableParallelism();
  return cores <= 2 ? 1 : Math.min(4, cores);
}

/**
 * Lists and loads the settings, then checks on `jobs` threads when the workspace has at
 * least `minPages` pages, calling `each` for every file of the report in path order as soon as
 * it and those before it are checked (a file is written before the next is taken). Undefined
 * when it is not worth it (the caller checks as usual).
 */
export async function checkInParallel(
  root: string,
  options: {
    configFile?: string;
    /** The `--config` file as typed and its absolute path (workers read it as the main thread does). */
    config?: { readonly key: string; readonly path: string };
    jobs: number;
    filter: (path: string) => boolean;
    minPages?: number;
    host?: FileHost & { readonly listingProblems: readonly { path: string; reason: string }[]; readonly refused: readonly ListingProblem[] };
    report?: ParallelReport;
    each: (file: ParallelFile) => void | Promise<void>;
  },
): Promise<{ errors: readonly ConfigError[]; listingProblems: readonly { path: string; reason: string }[] } | undefined> {
  if (options.jobs < 2) return undefined;
  // The caller's host decides which files exist (e.g. without what .gitignore excludes); workers only read pages.
  const host = options.host ?? new NodeFileHost(root, { maxEntries: maxEntriesFromEnv() });
  const files = await host.listFiles();
  const loaded = await loadSettings(host, files, options.configFile);
  if (loaded.errors.length > 0) return { errors: loaded.errors, listingProblems: host.listingProblems };
  const probe = new WorkspaceIndex(loaded.settings);
  const pages = files.filter((f) => !probe.ignores(f) && probe.isPagePath(f));
  if (pages.length < (options.minPages ?? PARALLEL_MIN_PAGES)) return undefined;
  const of = Math.min(options.jobs, pages.length);
  const wanted = pages.every(options.filter) ? undefined : pages.filter(options.filter);

  // What the host refused (links leading outside, the listing limit) is reported here, as
  // Engine.load reports it: one file-skipped finding each, in place of a worker's read error.
  const severity = loaded.settings.severities['file-skipped'] ?? 'warning';
  const refused: ParallelFile[] = host.refused
    .filter((r) => !probe.ignores(r.path) && options.filter(r.path))
    .map((r) => ({ path: r.path, findings: severity === 'off' ? [] : [skippedFinding(r.reason, severity)], text: '' }))
    .sort((a, b) => compare(a.path, b.path));
  const refusedPaths = new Set(refused.map((r) => r.path));

  const workers: Worker[] = [];
  // Each worker's files not yet written, in its path order; the report takes the smallest path of their heads.
  const queues: ParallelFile[][] = Array.from({ length: of }, () => []);
  const done: boolean[] = new Array<boolean>(of).fill(false);
  let nextRefused = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let writing = false;
      // Writes every file whose turn has come (each worker has sent past it, or is done), one at a time.
      const write = async (): Promise<void> => {
        if (writing) return;
        writing = true;
        try {
          for (;;) {
            let from = -1;
            let head: ParallelFile | undefined;
            let waiting = false;
            for (let w = 0; w < of; w++) {
              const h = queues[w]?.[0];
              if (h === undefined) {
                if (!done[w]) waiting = true;
              } else if (head === undefined || compare(h.path, head.path) < 0) {
                head = h;
                from = w;
              }
            }
            const r = refused[nextRefused];
            if (r !== undefined && (head === undefined || compare(r.path, head.path) < 0)) {
              if (waiting) break;
              nextRefused++;
              await options.each(r);
              continue;
            }
            if (waiting || head === undefined) break;
            queues[from]?.shift();
            workers[from]?.postMessage({ type: 'taken', files: 1 } satisfies ToWorker);
            if (!refusedPaths.has(head.path)) await options.each(head);
          }
        } finally {
          writing = false;
        }
        if (done.every(Boolean) && queues.every((q) => q.length === 0) && nextRefused >= refused.length) resolve();
      };
      const fail = (error: unknown): void => reject(error instanceof Error ? error : new Error(String(error)));
      for (let share = 0; share < of; share++) {
        const input: WorkerInput = { kind: 'topic-pages-check', root, config: options.config, files, pages, share, of, wanted, report: options.report };
        const worker = new Worker(__filename, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        workers.push(worker);
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`check worker ${share} exited with code ${code}`));
        });
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'error') reject(new Error(message.message));
          else {
            if (message.type === 'files') queues[share]?.push(...message.files);
            else done[share] = true;
            write().catch(fail);
          }
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { errors: [], listingProblems: host.listingProblems };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function workerMain(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const position = new Map(input.pages.map((p, i) => [p, i]));
  const wanted = input.wanted ? new Set(input.wanted) : undefined;
  const mine = (path: string): boolean => (position.get(path) ?? -1) % input.of === input.share && (wanted === undefined || wanted.has(path));
  let taken = 0;
  let sent = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: ToWorker) => {
    taken += message.files;
    wake?.();
  });
  // Between slices of the check: a worker more than AHEAD_FILES files ahead of the writing waits.
  const pace = async (): Promise<void> => {
    while (sent - taken > AHEAD_FILES) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  };
  const workspace = new CliWorkspace(CliFileHost.withListing(input.root, input.config, input.files), {
    ...(input.config ? { configFile: input.config.key } : {}),
    checkOnly: true,
    share: mine,
    pace,
  });
  await workspace.load();
  const errors = workspace.loaded.errors;
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  const report = input.report;
  let batch: ParallelFile[] = [];
  let chars = 0;
  const send = (): void => {
    if (batch.length === 0) return;
    port.postMessage({ type: 'files', files: batch } satisfies FromWorker);
    sent += batch.length;
    batch = [];
    chars = 0;
  };
  await workspace.check((path, { findings, text }) => {
    if (report) {
      const part = filePart(report.format, { filePath: displayPath(join(input.root, path), report.context.cwd), findings, text }, report.context);
      batch.push({ path, part, counts: counts(findings) });
      chars += part.length;
    } else {
      batch.push({ path, findings, text });
      chars += text.length;
    }
    if (batch.length >= BATCH_FILES || chars >= BATCH_CHARS) send();
  });
  send();
  port.postMessage({ type: 'done' } satisfies FromWorker);
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === 'topic-pages-check') {
  workerMain(workerData as WorkerInput).catch((error: unknown) => {
    parentPort?.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
  });
}

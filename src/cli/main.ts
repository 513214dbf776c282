import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { loadSettings } from '../core/engine';
import { allRules } from '../core/rules';
import { WorkspaceIndex } from '../core/workspace';
import { parseArgs, UsageError, USAGE, type Options } from './args';
import { CliFileHost } from './files';
import { fixDiff, fixFile } from './fix';
import type { FileResult } from './formatters';
import { runAuthoringCommand } from './commands';
import { checkInParallel, defaultJobs } from './parallel';
import { displayPath, findRepositoryRoot, findRoot, isInside, resolveTargets, type Target } from './root';
import { isStreamed, Report, ReportOutput } from './report';
import { CliWorkspace, type Checked } from './service';
import { formatTree } from './tree';

export { parseArgs, UsageError } from './args';

declare const TOPIC_PAGES_VERSION: string | undefined;
const VERSION = typeof TOPIC_PAGES_VERSION === 'string' ? TOPIC_PAGES_VERSION : '0.0.0-dev';

interface Io {
  stdout(text: string): void;
  /** Resolves once what was written to stdout has gone out: a slow reader holds the check back instead of memory filling up. */
  drained?(): Promise<void>;
  stderr(text: string): void;
  cwd: string;
  stderrIsTty: boolean;
}

/** A run that stops with a message and an exit code (2: usage, configuration, nothing to check). */
class Stop extends Error {
  constructor(message: string, readonly code = 2) {
    super(message);
  }
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv, false);
    options.color = argv.includes('--color') ? true : argv.includes('--no-color') ? false : io.stderrIsTty && !process.env['NO_COLOR'] && process.stdout.isTTY === true;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`topic-pages: ${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (options.command === 'version') {
    io.stdout(VERSION + '\n');
    return 0;
  }
  if (options.command === 'rules') {
    for (const rule of allRules) io.stdout(`${rule.id.padEnd(26)} ${rule.defaultSeverity.padEnd(8)} ${rule.fixable ? 'fixable ' : rule.hasSuggestions ? 'suggests' : '        '} ${rule.description}\n`);
    return 0;
  }
  try {
    return await runOnWorkspace(options, io);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    io.stderr(`topic-pages: ${error.message}\n`);
    return error.code;
  }
}

/** What a run over the workspace works on: its root, its files, and the pages to report. */
interface Prepared {
  readonly root: string;
  readonly host: CliFileHost;
  readonly configKey: string | undefined;
  /** The pages (and skipped files) the command line asks for. */
  readonly wanted: (path: string) => boolean;
}

async function prepare(options: Options, io: Io): Promise<Prepared> {
  const root = findRoot(options.paths, io.cwd, options.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Stop(`${root} is not a folder`);
  let config: { key: string; path: string } | undefined;
  if (options.config !== undefined) {
    const path = resolvePath(io.cwd, options.config);
    if (!existsSync(path)) throw new Stop(`${options.config}: does not exist`);
    config = { key: options.config, path };
  }
  const host = new CliFileHost(root, config);
  const all = await host.listAll();
  const loaded = await loadSettings(host, all, config?.key);
  if (loaded.errors.length > 0) throw new Stop(loaded.errors.map((e) => e.message).join('\ntopic-pages: '));
  if (options.gitignore ?? loaded.config.gitignore ?? true) await host.applyGitignore(findRepositoryRoot(root));
  const files = await host.listFiles();
  for (const p of host.listingProblems) io.stderr(`topic-pages: skipped ${p.path}: ${p.reason}\n`);

  // The same settings the engine will settle on, now from the files .gitignore leaves.
  const settings = (await loadSettings(host, files, config?.key)).settings;
  const probe = new WorkspaceIndex(settings);
  const docsRoot = settings.docsRoot;
  const underDocs = (f: string): boolean => /\.md$/i.test(f) && (docsRoot === '' || f.startsWith(docsRoot + '/'));
  const pages = files.filter((f) => underDocs(f) && !probe.ignores(f));
  const ignored = all.filter((f) => underDocs(f) && (host.gitignored.has(f) || probe.ignores(f)));
  const ignoreReason = (f: string): string => (host.gitignored.has(f) ? '.gitignore' : '`ignore` in the configuration');

  if (docsRoot !== '' && !existsSync(join(root, docsRoot))) {
    throw new Stop(`No files matching the docs root "${docsRoot}" were found: ${join(root, docsRoot)} does not exist (docsRoot in ${config?.key ?? 'topic-pages.json'}).`);
  }
  // No paths: the current folder, as in ESLint; the whole workspace when run from its root (or from outside it).
  const inSubfolder = options.paths.length === 0 && isInside(root, io.cwd) && resolvePath(io.cwd) !== resolvePath(root);
  if (options.paths.length === 0 && !inSubfolder) {
    if (pages.length === 0) throw new Stop(`No files matching "${docsRoot === '' ? '' : docsRoot + '/'}**/*.md" were found in ${root}.`);
    return { root, host, configKey: config?.key, wanted: () => true };
  }
  const targets = resolveTargets(inSubfolder ? ['.'] : options.paths, io.cwd, root);
  const problems: string[] = [];
  const checked: Target[] = [];
  for (const target of targets) {
    if (target.kind === 'outside') {
      problems.push(`No files matching the pattern "${target.arg}" were found: it lies outside the workspace root ${root}.`);
      continue;
    }
    const matched = pages.filter((p) => target.matches(p));
    if (matched.length > 0) {
      checked.push(target);
      continue;
    }
    const matchedIgnored = ignored.filter((p) => target.matches(p));
    if (target.kind === 'file') {
      const rel = relative(root, resolvePath(io.cwd, target.arg)).split('\\').join('/');
      const why = matchedIgnored.length > 0 ? `File ignored because of a matching ignore pattern (${ignoreReason(rel)}).${host.gitignored.has(rel) ? ' Use --no-gitignore to check it.' : ''}` : `File ignored because it is not a Markdown page under the docs root${docsRoot ? ` "${docsRoot}"` : ''}.`;
      io.stderr(`topic-pages: warning: ${target.arg}: ${why}\n`);
    } else if (matchedIgnored.length > 0) problems.push(`All files matched by "${target.arg}" are ignored.`);
    else problems.push(`No files matching the pattern "${target.arg}" were found.`);
  }
  if (problems.length > 0) throw new Stop(problems.join('\ntopic-pages: '));
  if (checked.length === 0) io.stderr('topic-pages: warning: no pages left to check.\n');
  return { root, host, configKey: config?.key, wanted: (path) => checked.some((t) => t.matches(path)) };
}

async function runOnWorkspace(options: Options, io: Io): Promise<number> {
  const { root, host, configKey, wanted } = await prepare(options, io);
  const show = (path: string): string => displayPath(join(root, path), io.cwd);
  if (options.command === 'check' && !options.fix && !options.fixDryRun) {
    // Large workspaces are checked on worker threads; undefined when it does not pay. Workers
    // format their files' parts of a streamed report; each file is written as its turn comes.
    const out = startReport(options, io, root);
    const parallel = await checkInParallel(root, {
      host,
      ...(configKey ? { configFile: configKey } : {}),
      ...(host.config ? { config: host.config } : {}),
      jobs: options.jobs ?? defaultJobs(),
      filter: wanted,
      ...(options.jobs !== undefined ? { minPages: 1 } : {}),
      ...(isStreamed(out.format) ? { report: { format: out.format, context: out.context } } : {}),
      each: async (file) => {
        if ('part' in file) out.addPart(file.part, file.counts);
        else out.add({ filePath: show(file.path), findings: file.findings, text: file.text });
        if (io.drained && !options.outputFile) await io.drained();
      },
    });
    if (parallel) {
      if (parallel.errors.length > 0) throw new Stop(parallel.errors.map((e) => e.message).join('\ntopic-pages: '));
      return endReport(out, options, io);
    }
  }
  const progress = io.stderrIsTty ? (done: number, total: number): void => io.stderr(`\rIndexing ${done}/${total} pages…`) : undefined;
  const workspace = new CliWorkspace(host, { ...(configKey ? { configFile: configKey } : {}), ...(progress ? { onProgress: progress } : {}), changes: options.command === 'check' && options.fix, checkOnly: options.command === 'check' && !options.fixDryRun, ...(io.drained && !options.outputFile ? { pace: io.drained } : {}) });
  await workspace.load();
  if (progress) io.stderr(`\rIndexing ${workspace.pagesToRead}/${workspace.pagesToRead} pages…\r\u001b[K`);
  if (workspace.loaded.errors.length > 0) throw new Stop(workspace.loaded.errors.map((e) => e.message).join('\ntopic-pages: '));

  if (options.command === 'tree') {
    for (const p of host.refused) io.stderr(`topic-pages: skipped ${p.path}: ${p.reason}\n`);
    io.stdout(formatTree(workspace.index, options.color));
    return 0;
  }
  if (options.command === 'orphans' || options.command === 'links' || options.command === 'taxonomy') return runAuthoringCommand(options.command, { workspace: workspace.workspace, root, to: options.to, format: options.format, io, display: (p) => displayPath(join(root, p), io.cwd) });

  if (options.fix) return fixAndReport(workspace, options, io, root, wanted, show);
  if (options.fixDryRun) {
    // The diff alone on stdout (ready for `git apply`); what would be left goes to stderr.
    const results: FileResult[] = [];
    const diffs: string[] = [];
    await workspace.check((path, checked) => {
      if (!wanted(path)) return;
      let { findings, text } = checked;
      if (findings.some((f) => f.fix)) {
        // Named as shown when under the current folder (so `git apply` there takes it), else relative to the root.
        const full = join(root, path);
        const would = fixDiff(workspace.workspace, path, text, isInside(io.cwd, full) ? relative(io.cwd, full) : path, io);
        if (would) {
          diffs.push(would.diff);
          findings = would.findings;
          text = would.fixed;
        }
      }
      results.push({ filePath: show(path), findings, text });
    });
    io.stdout(diffs.join(''));
    return report(results, options, { ...io, stdout: io.stderr }, root);
  }
  // Each file's part of the report is written as soon as it is checked.
  const out = startReport(options, io, root);
  await workspace.check((path, checked) => {
    if (wanted(path)) out.add({ filePath: show(path), findings: checked.findings, text: checked.text });
  });
  return endReport(out, options, io);
}

/**
 * `--fix`: every page is checked, then each page with safe fixes, in path order, is fixed and
 * written, and the pages that depend on it are checked again before the next one: a page's
 * findings are reported as they stand when its turn comes.
 */
async function fixAndReport(workspace: CliWorkspace, options: Options, io: Io, root: string, wanted: (path: string) => boolean, show: (path: string) => string): Promise<number> {
  // The latest findings of each page not reported yet.
  const latest = new Map<string, Checked>();
  const order: string[] = [];
  await workspace.check((path, checked) => {
    if (!wanted(path)) return;
    order.push(path);
    latest.set(path, checked);
  });
  const out = startReport(options, io, root);
  for (const path of order) {
    let checked = latest.get(path) ?? { findings: [], text: '' };
    if (checked.findings.some((f) => f.fix)) {
      const fixed = await fixFile(workspace.workspace, root, path, io);
      if (fixed) {
        await workspace.changed(path, (p, c) => {
          if (latest.has(p)) latest.set(p, c);
        });
        const after = latest.get(path);
        checked = { findings: after?.findings ?? [], text: fixed.text };
      }
    }
    latest.delete(path);
    out.add({ filePath: show(path), findings: checked.findings, text: checked.text });
  }
  return endReport(out, options, io);
}

function startReport(options: Options, io: Io, root: string): Report {
  const file = options.outputFile === undefined ? undefined : resolvePath(io.cwd, options.outputFile);
  return new Report(options.format, { cwd: io.cwd, root, version: VERSION, color: options.color && !options.outputFile }, new ReportOutput(file, io.stdout));
}

/** Ends the report; resolves to the exit code. Info findings count neither as errors nor as warnings. */
function endReport(out: Report, options: Options, io: Io): number {
  const { totals: n, error } = out.end();
  if (error !== undefined) {
    io.stderr(`topic-pages: cannot write ${options.outputFile}: ${error}\n`);
    return 2;
  }
  if (n.errors > 0) return 1;
  if (options.maxWarnings >= 0 && n.warnings > options.maxWarnings) {
    if (options.format === 'stylish' && !options.outputFile) io.stdout(`topic-pages found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Prints the results in the chosen format; resolves to the exit code. */
function report(results: readonly FileResult[], options: Options, io: Io, root: string): number {
  const out = startReport(options, io, root);
  for (const r of results) out.add(r);
  return endReport(out, options, io);
}

/**
 * Writes to stdout until its reader goes away (`| head`): then the rest is dropped quietly. A pipe
 * whose reader is slower than the check queues what is written; `drained` says when it has gone out.
 */
function stdoutWriter(): { write(text: string): void; drained(): Promise<void> } {
  let closed = false;
  let waiting: { promise: Promise<void>; release: () => void } | undefined;
  const release = (): void => {
    const w = waiting;
    waiting = undefined;
    w?.release();
  };
  process.stdout.on('drain', release);
  process.stdout.on('close', release);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    release();
  });
  return {
    write(text) {
      if (closed || process.stdout.write(text) || waiting) return;
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      waiting = { promise, release: resolve };
    },
    drained: () => waiting?.promise ?? Promise.resolve(),
  };
}

if (require.main === module && isMainThread) {
  // Each page parsed leaves garbage. By default V8 grows the young generation to 16 MB semi-spaces
  // and lets the old one grow to several times what is live before a full collection: at 10,500
  // pages the run peaked at 270-280 MB with the growing percent the language server sets (50).
  // Young semi-spaces kept at their first size (growth factor 1) and the heap grown by at most its
  // size (100 %) peak at 230-235 MB at the same CPU time (bench/RESULTS.md). Set at run time, as
  // the server does (src/server/main.ts); TOPIC_PAGES_HEAP_GROWING_PERCENT overrides the percent.
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString(`--heap-growing-percent=${Number(process.env['TOPIC_PAGES_HEAP_GROWING_PERCENT'] ?? 100)}`);
  const stdout = stdoutWriter();
  run(process.argv.slice(2), {
    stdout: (text) => stdout.write(text),
    drained: () => stdout.drained(),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stderrIsTty: process.stderr.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`topic-pages: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

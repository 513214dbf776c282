// The Topic Pages benchmark: `npm run bench [-- flags]`. See bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Parser } from 'htmlparser2';
import { parseDocument } from 'yaml';
import { NodeFileHost } from '../src/node/fileHost';
import { formatTree } from '../src/cli/tree';
import { CliFileHost } from '../src/cli/files';
import { CliWorkspace } from '../src/cli/service';
import { Engine, type FileRead } from '../src/core/engine';
import { WorkspaceService } from '../src/core/service/service';
import { buildWorkspace, DEFAULT_CORPUS, readCorpus, type Workspace } from './generate';

const REPO = resolve(__dirname, '..');

interface Flags {
  size: number;
  growth: number[];
  runs: number;
  reference: boolean;
  referenceSize: number;
  cli: boolean;
  corpus: string;
  out: string;
  quick: boolean;
}

const HELP = `Usage: npm run bench -- [flags]
  --size N           pages in the main workspace (default 10000)
  --growth A,B,...   extra sizes for the growth curve (default 1000,50000; "none" to skip)
  --runs N           timed runs per measure at the main size (default 5; medians reported)
  --quick            size 1000, 3 runs, no growth, no reference: a smoke test in seconds
  --no-reference     skip markdownlint-cli2 (it takes about 80 s at 10,000 pages)
  --reference-size N run the reference on this size instead of --size
  --no-cli           skip the end-to-end CLI runs
  --corpus DIR       the corpus (default ../shared/corpus/auth0-docs)
  --out FILE         JSON results (default bench-results.json)`;

function parseFlags(argv: string[]): Flags {
  const f: Flags = { size: 10000, growth: [1000, 50000], runs: 5, reference: true, referenceSize: 0, cli: true, corpus: DEFAULT_CORPUS, out: join(REPO, 'bench-results.json'), quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (): number => {
      const n = Number(value().replace(/[_,]/g, ''));
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} takes a positive whole number`);
      return n;
    };
    switch (flag) {
      case '--size':
        f.size = int();
        break;
      case '--growth': {
        const v = value();
        f.growth = v === 'none' ? [] : v.split(',').map((s) => Number(s.replace(/_/g, '')));
        if (f.growth.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--growth takes sizes like 1000,50000');
        break;
      }
      case '--runs':
        f.runs = int();
        break;
      case '--quick':
        f.quick = true;
        f.size = 1000;
        f.runs = 3;
        f.growth = [];
        f.reference = false;
        break;
      case '--no-reference':
        f.reference = false;
        break;
      case '--reference-size':
        f.referenceSize = int();
        break;
      case '--no-cli':
        f.cli = false;
        break;
      case '--corpus':
        f.corpus = resolve(value());
        break;
      case '--out':
        f.out = resolve(value());
        break;
      case '--help':
      case '-h':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag '${flag}'\n${HELP}`);
    }
  }
  return f;
}

// ---------------------------------------------------------------- helpers

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (!gc) return;
  gc();
  gc();
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

function timing(runs: number[]): Timing {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: runs.map((r) => round(r, 3)) };
}

async function time(runs: number, fn: () => unknown): Promise<Timing> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return timing(out);
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
const ms = (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : n >= 10 ? `${n.toFixed(0)} ms` : `${n.toFixed(2)} ms`);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const log = (s: string): void => void process.stderr.write(s + '\n');

// ---------------------------------------------------------------- measures

/**
 * The floor: list the folder, read every page, split the front matter, parse it
 * with `yaml` (parseDocument: a validator needs positions) and the body with
 * `htmlparser2` (no handlers), and nothing else. Synchronous reads: the cheapest way.
 */
function floor(root: string): number {
  const handler = {};
  let parsed = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') visit(full);
        continue;
      }
      if (!entry.name.endsWith('.md')) continue;
      const text = readFileSync(full, 'utf8');
      let body = text;
      if (text.startsWith('---')) {
        const open = text.indexOf('\n') + 1;
        const close = text.indexOf('\n---', open - 1);
        if (close >= 0) {
          parseDocument(text.slice(open, close + 1));
          const after = text.indexOf('\n', close + 4);
          body = after >= 0 ? text.slice(after + 1) : '';
        }
      }
      new Parser(handler).end(body);
      parsed++;
    }
  };
  visit(root);
  return parsed;
}

/** The full check, in process, as the CLI runs it single-threaded: load (list, read, parse, index) then check every page. */
async function fullCheck(root: string): Promise<{ engine: Engine; findings: number; files: number }> {
  const engine = await Engine.load(new NodeFileHost(root));
  let findings = 0;
  let files = 0;
  for (const list of engine.checkAll().values()) {
    findings += list.length;
    files++;
  }
  return { engine, findings, files };
}

/**
 * The same check on the workspace service, as the CLI's `check` runs it on one thread (front matter
 * first, each page parsed once at its check, nothing recorded for later edits), without the report.
 */
async function serviceCheck(root: string): Promise<number> {
  const workspace = new CliWorkspace(new CliFileHost(root), { checkOnly: true });
  await workspace.load();
  let findings = 0;
  await workspace.check((_path, checked) => void (findings += checked.findings.length));
  return findings;
}

/** Heap held by a loaded and fully checked engine (its index, texts and dependency graph). */
async function indexHeap(root: string): Promise<{ heap: number; engine: Engine }> {
  collect();
  const before = process.memoryUsage().heapUsed;
  const { engine } = await fullCheck(root);
  collect();
  const after = process.memoryUsage().heapUsed;
  return { heap: after - before, engine };
}

interface Incremental {
  page: string;
  affected: number;
  timing: Timing;
}

/** Re-check after `change`: apply it, then check every page it returns. */
function recheck(engine: Engine, change: () => string[]): number {
  const affected = change();
  for (const p of affected) engine.check(p);
  return affected.length;
}

async function incremental(engine: Engine, ws: Workspace, runs: number): Promise<{ edit: Incremental; editTitle: Incremental; remove: Incremental; restore: Incremental }> {
  // A topic page in the middle copy.
  const prefixes = [...new Set(ws.paths.map((p) => p.split('/').slice(0, 2).join('/')))];
  const copyPrefix = prefixes[Math.floor((prefixes.length - 1) / 2)] ?? 'articles/c0001';
  const topic = `${copyPrefix}/users/index.md`;
  const original = engine.index.text(topic);
  if (original === undefined) throw new Error(`benchmark page ${topic} is missing`);

  // 1. Typing in the body: one character added to the intro paragraph, then removed.
  const at = original.indexOf('Learn about working with users,');
  const edited = original.slice(0, at) + 'X' + original.slice(at);
  let flip = false;
  let affected = 0;
  const editRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    flip = !flip;
    const text = flip ? edited : original;
    const t0 = performance.now();
    affected = recheck(engine, () => engine.setText(topic, text));
    editRuns.push(performance.now() - t0);
  }
  recheck(engine, () => engine.setText(topic, original));
  const edit = { page: topic, affected, timing: timing(editRuns) };

  // 2. Renaming the page: its title changes, so pages that show it are re-checked too.
  const retitled = original.replace(/^title: Users$/m, 'title: Users and profiles');
  const titleRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    flip = !flip;
    const text = flip ? retitled : original;
    const t0 = performance.now();
    affected = recheck(engine, () => engine.setText(topic, text));
    titleRuns.push(performance.now() - t0);
  }
  recheck(engine, () => engine.setText(topic, original));
  const editTitle = { page: topic, affected, timing: timing(titleRuns) };

  // 3. Delete and restore the page of this copy that the most pages depend on.
  let target = topic;
  let most = -1;
  for (const p of ws.paths) {
    if (!p.startsWith(copyPrefix + '/')) continue;
    const key = p.slice('articles/'.length).replace(/\.md$/, '');
    const route = engine.index.routeOfPage(p);
    const n = engine.index.dependentsOf([`f:${p}`, `k:${key}`, `k:${key.replace(/\/index$/, '')}`, ...(route ? [`r:${route}`] : [])]).length;
    if (n > most) {
      most = n;
      target = p;
    }
  }
  const targetText = engine.index.text(target) ?? '';
  const removeRuns: number[] = [];
  const restoreRuns: number[] = [];
  let removed = 0;
  let restored = 0;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    removed = recheck(engine, () => engine.delete(target));
    removeRuns.push(performance.now() - t0);
    t0 = performance.now();
    restored = recheck(engine, () => engine.setText(target, targetText));
    restoreRuns.push(performance.now() - t0);
  }
  return {
    edit,
    editTitle,
    remove: { page: target, affected: removed, timing: timing(removeRuns) },
    restore: { page: target, affected: restored, timing: timing(restoreRuns) },
  };
}

/** A folder on disk where the benchmark can make a file disappear (deleted, then restored). */
class HidingHost extends NodeFileHost {
  readonly hidden = new Set<string>();

  override async listFiles(): Promise<string[]> {
    return (await super.listFiles()).filter((p) => !this.hidden.has(p));
  }

  override readFileSync(path: string, maxBytes?: number): FileRead {
    return this.hidden.has(path) ? { error: 'no longer exists' } : super.readFileSync(path, maxBytes);
  }

  override readFile(path: string, maxBytes?: number): Promise<FileRead> {
    return Promise.resolve(this.readFileSync(path, maxBytes));
  }
}

/**
 * The same changes on the workspace service, set up as the language server sets it up (front matter
 * first, every check's dependencies recorded): each timed from the change until the service is idle
 * again, every page it affects re-checked and its findings given. The page is edited as an open
 * document; the deletion and the restore come as a file watcher's events.
 */
async function serviceIncremental(
  root: string,
  engineRuns: { edit: Incremental; remove: Incremental },
  loads: number,
  runs: number,
): Promise<{ load: Timing; loadChecks: number; edit: Incremental; editTitle: Incremental; remove: Incremental; restore: Incremental }> {
  // The first load `loads` times (each from a new service); the last one's service takes the changes.
  let host = new HidingHost(root);
  let service = new WorkspaceService(host, {}, { frontMatterFirst: true });
  const loadRuns: number[] = [];
  for (let i = 0; i < loads; i++) {
    collect();
    host = new HidingHost(root);
    service = new WorkspaceService(host, {}, { frontMatterFirst: true });
    const t0 = performance.now();
    await service.load();
    await service.whenIdle();
    loadRuns.push(performance.now() - t0);
  }
  const load = timing(loadRuns);
  const loadChecks = service.checks;
  const timed = async (change: () => void | Promise<void>): Promise<{ ms: number; checks: number }> => {
    const checks = service.checks;
    const start = performance.now();
    await change();
    await service.whenIdle();
    return { ms: performance.now() - start, checks: service.checks - checks };
  };
  const topic = engineRuns.edit.page;
  const original = await service.readText(topic);
  if (original === undefined) throw new Error(`benchmark page ${topic} is missing from the service`);
  let version = 1;
  service.openDocument(topic, version, original);
  await service.whenIdle();
  const alternate = async (other: string): Promise<Incremental> => {
    const samples: number[] = [];
    let affected = 0;
    for (let i = 0; i < runs; i++) {
      const text = i % 2 === 0 ? other : original;
      const r = await timed(() => service.changeDocument(topic, ++version, text));
      samples.push(r.ms);
      affected = Math.max(affected, r.checks);
    }
    if (runs % 2 === 1) await timed(() => service.changeDocument(topic, ++version, original));
    return { page: topic, affected, timing: timing(samples) };
  };
  const at = original.indexOf('Learn about working with users,');
  const edit = await alternate(original.slice(0, at) + 'X' + original.slice(at));
  const editTitle = await alternate(original.replace(/^title: Users$/m, 'title: Users and profiles'));
  await service.closeDocument(topic);
  await service.whenIdle();

  const target = engineRuns.remove.page;
  const removeRuns: number[] = [];
  const restoreRuns: number[] = [];
  let removed = 0;
  let restored = 0;
  for (let i = 0; i < runs; i++) {
    const r = await timed(async () => {
      host.hidden.add(target);
      await service.filesChanged([{ path: target, type: 'deleted' }]);
    });
    removeRuns.push(r.ms);
    removed = r.checks;
    const b = await timed(async () => {
      host.hidden.delete(target);
      await service.filesChanged([{ path: target, type: 'created' }]);
    });
    restoreRuns.push(b.ms);
    restored = b.checks;
  }
  return {
    load,
    loadChecks,
    edit,
    editTitle,
    remove: { page: target, affected: removed, timing: timing(removeRuns) },
    restore: { page: target, affected: restored, timing: timing(restoreRuns) },
  };
}

interface Process {
  timing: Timing;
  /** Peak resident memory of the last run, from /usr/bin/time, when available. */
  maxRss: number | undefined;
  /** User + system CPU time of each run (ms), when /usr/bin/time is available. */
  cpu: number[];
  exitCode: number | null;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function runProcess(runs: number, command: string, args: string[], cwd: string): Process {
  const out: number[] = [];
  let maxRss: number | undefined;
  const cpu: number[] = [];
  let exitCode: number | null = null;
  for (let i = 0; i < runs; i++) {
    const [cmd, argv] = TIME ? [TIME, ['-f', '@@maxrss %M @@cpu %U %S', command, ...args]] : [command, args];
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30, encoding: 'utf8' });
    out.push(performance.now() - t0);
    exitCode = r.status;
    const m = /@@maxrss (\d+)/.exec(r.stderr ?? '');
    if (m) maxRss = Number(m[1]) * 1024;
    const c = /@@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (c) cpu.push((Number(c[1]) + Number(c[2])) * 1000);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}: ${(r.stderr ?? '').slice(-2000)}`);
  }
  return { timing: timing(out), maxRss, cpu, exitCode };
}

function cliSupportsJobs(): boolean {
  const help = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
  return /--jobs/.test(help.stdout ?? '');
}

// ---------------------------------------------------------------- main

interface SizeResult {
  pages: number;
  bytes: number;
  floor: Timing;
  full: Timing;
  /** The service's check (the CLI's path), measured at the main size only. */
  service?: Timing;
  heap: number;
  findings: number;
}

async function measureSize(ws: Workspace, runs: number, label: string, withService = false): Promise<SizeResult & { engine: Engine }> {
  // Warm the page cache and the JIT once before timing anything.
  log(`  ${label}: warm-up`);
  floor(ws.root);
  const warm = await fullCheck(ws.root);
  const findings = warm.findings;
  log(`  ${label}: floor ×${runs}`);
  const fl = await time(runs, () => floor(ws.root));
  log(`  ${label}: full check ×${runs}`);
  const full = await time(runs, async () => {
    const r = await fullCheck(ws.root);
    if (r.findings !== findings) throw new Error(`findings changed between runs: ${findings} then ${r.findings}`);
  });
  const service = withService
    ? (log(`  ${label}: full check on the service ×${runs}`),
      await time(runs, async () => {
        const n = await serviceCheck(ws.root);
        if (n !== findings) throw new Error(`the service found ${n} findings, the engine ${findings}`);
      }))
    : undefined;
  log(`  ${label}: index heap`);
  const { heap, engine } = await indexHeap(ws.root);
  return { pages: ws.pages, bytes: ws.bytes, floor: fl, full, ...(service ? { service } : {}), heap, findings, engine };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const corpus = readCorpus(flags.corpus);
  if (!corpus) {
    console.log(`Benchmark skipped: the corpus is not at ${flags.corpus} (pass --corpus DIR; see bench/README.md).`);
    return;
  }
  if (!gc) log('note: run with node --expose-gc (npm run bench does) for clean heap figures');
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memory: mb(totalmem()),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  log(`Topic Pages benchmark: ${machine.cores} cores (${machine.cpu}), node ${machine.node}, commit ${commit || '?'}`);
  log(`corpus: ${corpus.length} pages from ${flags.corpus}`);

  const sizes = [...new Set([flags.size, ...flags.growth])].sort((a, b) => a - b);
  const workspaces = new Map<number, Workspace>();
  for (const size of sizes) {
    const t0 = performance.now();
    const ws = buildWorkspace(corpus, size);
    workspaces.set(size, ws);
    log(`workspace ${size} pages, ${mb(ws.bytes)}: ${ws.root} (${ws.reused ? 'reused' : `generated in ${ms(performance.now() - t0)}`})`);
  }
  const ws = workspaces.get(flags.size) as Workspace;

  log(`\n[${flags.size} pages]`);
  const main = await measureSize(ws, flags.runs, String(flags.size), true);
  log(`  ${flags.size}: incremental`);
  const inc = await incremental(main.engine, ws, Math.max(25, flags.runs));
  log(`  ${flags.size}: incremental on the workspace service (loaded as the language server loads it)`);
  const sinc = await serviceIncremental(ws.root, inc, flags.runs, Math.max(25, flags.runs));
  log(`  ${flags.size}: tree, first build then ×${flags.runs} built again`);
  let treeLines = 0;
  // The first build resolves every link; the index keeps the answers, so a build after it (as after
  // an edit that moved no route) resolves none: timed apart.
  const treeStart = performance.now();
  formatTree(main.engine.index, false);
  const treeFirst = performance.now() - treeStart;
  const tree = await time(flags.runs, () => {
    treeLines = formatTree(main.engine.index, false).split('\n').length;
  });
  const mainResult: SizeResult = { pages: main.pages, bytes: main.bytes, floor: main.floor, full: main.full, ...(main.service ? { service: main.service } : {}), heap: main.heap, findings: main.findings };
  (main as { engine?: Engine }).engine = undefined;

  const cli: Record<string, Process> = {};
  if (flags.cli) {
    const bin = join(REPO, 'dist', 'cli.js');
    if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run npm run build (npm run bench does)');
    const cliRuns = Math.max(1, Math.min(flags.runs, 3));
    const jobs = cliSupportsJobs();
    log(`  ${flags.size}: CLI end to end ×${cliRuns}${jobs ? ' (single-threaded, then workers)' : ''}`);
    cli['single'] = runProcess(cliRuns, process.execPath, [bin, 'check', ws.root, '--format', 'json', ...(jobs ? ['--jobs', '1'] : [])], REPO);
    if (jobs) cli['workers'] = runProcess(cliRuns, process.execPath, [bin, 'check', ws.root, '--format', 'json', '--jobs', String(machine.cores)], REPO);
  }

  let reference: (Process & { pages: number }) | undefined;
  if (flags.reference) {
    const refWs = flags.referenceSize ? buildWorkspace(corpus, flags.referenceSize) : ws;
    log(`  reference: markdownlint-cli2 over ${refWs.pages} pages, once (about 8 ms a page; --no-reference skips it)`);
    const bin = join(REPO, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
    reference = { ...runProcess(1, process.execPath, [bin, 'articles/**/*.md'], refWs.root), pages: refWs.pages };
  }

  const growth: SizeResult[] = [mainResult];
  for (const size of sizes) {
    if (size === flags.size) continue;
    const w = workspaces.get(size) as Workspace;
    const runs = size > flags.size ? Math.max(1, Math.min(flags.runs, 3)) : Math.max(flags.runs, 5);
    log(`\n[${size} pages]`);
    const r = await measureSize(w, runs, String(size));
    growth.push({ pages: r.pages, bytes: r.bytes, floor: r.floor, full: r.full, heap: r.heap, findings: r.findings });
  }
  growth.sort((a, b) => a.pages - b.pages);

  // ------------------------------------------------------------ report
  const full = mainResult.full.median;
  const fl = mainResult.floor.median;
  const refScaled = reference ? (reference.timing.median * mainResult.pages) / reference.pages : undefined;
  const rows: [string, string, string][] = [];
  const row = (name: string, value: string, note = ''): void => void rows.push([name, value, note]);
  row('floor (read + yaml + htmlparser2)', ms(fl), `${mainResult.floor.runs.length} runs`);
  row('full check, in process (1 thread)', ms(full), `full ÷ floor = ${(full / fl).toFixed(2)}`);
  const service = mainResult.service?.median;
  if (service !== undefined) row('the same on the workspace service (the CLI\'s path)', ms(service), `÷ floor = ${(service / fl).toFixed(2)}`);
  // CPU time (user + system) beside wall time: on a loaded machine a single thread gets a
  // smaller share of the cores than several, so wall times alone mislead.
  const cpuNote = (p: Process): string => (p.cpu.length > 0 ? `, CPU ${ms(median(p.cpu))}` : '');
  if (cli['single']) row('CLI end to end, 1 thread', ms(cli['single'].timing.median), `÷ floor = ${(cli['single'].timing.median / fl).toFixed(2)}${cpuNote(cli['single'])}${cli['single'].maxRss ? `, peak RSS ${mb(cli['single'].maxRss)}` : ''}`);
  if (cli['workers']) row(`CLI end to end, ${machine.cores} workers`, ms(cli['workers'].timing.median), `÷ floor = ${(cli['workers'].timing.median / fl).toFixed(2)}${cpuNote(cli['workers'])}${cli['workers'].maxRss ? `, peak RSS ${mb(cli['workers'].maxRss)}` : ''}`);
  if (reference && refScaled !== undefined) {
    const best = Math.min(full, cli['workers']?.timing.median ?? Infinity, cli['single']?.timing.median ?? Infinity);
    row(`reference: markdownlint-cli2 (${reference.pages} pages, 1 run)`, ms(reference.timing.median), `reference ÷ full = ${(refScaled / full).toFixed(1)}×${reference.maxRss ? `, peak RSS ${mb(reference.maxRss)}` : ''}${best < full ? `; ÷ fastest = ${(refScaled / best).toFixed(1)}×` : ''}`);
  }
  const incRow = (name: string, r: Incremental): void => row(name, ms(r.timing.median), `${r.affected} page(s) re-checked; full ÷ this = ${Math.round(full / r.timing.median)}`);
  row('the language server\'s first load, in process', ms(sinc.load.median), `÷ floor = ${(sinc.load.median / fl).toFixed(2)}; ${sinc.loadChecks} checks; ${sinc.load.runs.length} runs`);
  incRow('incremental: edit one topic page (body)', sinc.edit);
  incRow('incremental: retitle one topic page', sinc.editTitle);
  incRow('incremental: delete most-linked page', sinc.remove);
  incRow('incremental: restore it', sinc.restore);
  incRow('the same on the engine: edit (body)', inc.edit);
  incRow('the same on the engine: retitle', inc.editTitle);
  incRow('the same on the engine: delete', inc.remove);
  incRow('the same on the engine: restore', inc.restore);
  row('tree: full topic hierarchy, first build', ms(treeFirst), `${treeLines} lines`);
  row('tree: built again, links resolved before kept', ms(tree.median), `${(treeFirst / tree.median).toFixed(1)} × faster`);
  row('index heap (loaded and checked)', mb(mainResult.heap), `${((mainResult.heap / mainResult.pages) / 1000).toFixed(1)} kB a page`);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines: string[] = [];
  lines.push(`Topic Pages benchmark: ${mainResult.pages} pages (${mb(mainResult.bytes)}), ${mainResult.findings} findings; ${machine.cores} cores, ${machine.cpu}, node ${machine.node}; medians`);
  lines.push('');
  for (const [a, b, c] of rows) lines.push(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  if (growth.length > 1) {
    lines.push('');
    lines.push('growth     pages      size     floor      full   full/page      heap   heap/page');
    for (const g of growth) {
      lines.push(
        `${''.padEnd(6)} ${String(g.pages).padStart(9)} ${mb(g.bytes).padStart(9)} ${ms(g.floor.median).padStart(9)} ${ms(g.full.median).padStart(9)} ${`${((g.full.median * 1000) / g.pages).toFixed(0)} µs`.padStart(11)} ${mb(g.heap).padStart(9)} ${`${(g.heap / g.pages / 1000).toFixed(1)} kB`.padStart(11)}`,
      );
    }
    const a = growth[0] as SizeResult;
    const b = growth[growth.length - 1] as SizeResult;
    const k = b.pages / a.pages;
    lines.push(
      `${a.pages} → ${b.pages} pages (×${k}): full check ×${(b.full.median / a.full.median).toFixed(1)}, floor ×${(b.floor.median / a.floor.median).toFixed(1)}, heap ×${(b.heap / a.heap).toFixed(1)} (linear: ×${k})`,
    );
  }
  console.log('\n' + lines.join('\n'));

  const results = {
    date: new Date().toISOString(),
    commit,
    machine,
    flags: { size: flags.size, growth: flags.growth, runs: flags.runs, quick: flags.quick },
    workspace: { pages: mainResult.pages, bytes: mainResult.bytes, copies: ws.copies, root: ws.root },
    findings: mainResult.findings,
    floorMs: mainResult.floor,
    fullMs: mainResult.full,
    serviceMs: mainResult.service,
    cli,
    reference: reference ? { ...reference, scaledToMainSizeMs: refScaled } : undefined,
    incremental: { edit: sinc.edit, editTitle: sinc.editTitle, remove: sinc.remove, restore: sinc.restore },
    serverLoadMs: sinc.load,
    incrementalEngine: inc,
    treeFirstMs: treeFirst,
    treeMs: tree,
    indexHeapBytes: mainResult.heap,
    ratios: {
      fullOverFloor: full / fl,
      serviceOverFloor: service !== undefined ? service / fl : undefined,
      cliSingleOverFloor: cli['single'] ? cli['single'].timing.median / fl : undefined,
      cliWorkersOverFloor: cli['workers'] ? cli['workers'].timing.median / fl : undefined,
      fullOverReference: refScaled !== undefined ? full / refScaled : undefined,
      serverLoadOverFloor: sinc.load.median / fl,
      incrementalEditOverFull: sinc.edit.timing.median / full,
      incrementalRetitleOverFull: sinc.editTitle.timing.median / full,
      incrementalDeleteOverFull: sinc.remove.timing.median / full,
      incrementalRestoreOverFull: sinc.restore.timing.median / full,
    },
    growth: growth.map((g) => ({ pages: g.pages, bytes: g.bytes, floorMs: g.floor, fullMs: g.full, heapBytes: g.heap, findings: g.findings })),
    table: lines.join('\n'),
  };
  writeFileSync(flags.out, JSON.stringify(results, null, 2) + '\n');
  log(`\nwrote ${flags.out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

import { promises as fs, statSync, existsSync, mkdirSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative, resolve as resolvePath, sep, basename } from 'node:path';
import picomatch from 'picomatch';
import { Engine, decodeFile } from '../core/engine';
import { fixAll } from '../core/edits';
import { checkPage } from '../core/engine';
import { parsePage } from '../core/page';
import type { Finding } from '../core/types';
import { FORMATS, formatResults, isFormatName, totals, type FileResult, type FormatName } from './formatters';
import { maxEntriesFromEnv, NodeFileHost } from './nodeHost';
import { RealPathGuard } from './realPathGuard';
import { formatTree } from './tree';
import { allRules } from '../core/rules';
import { isMainThread } from 'node:worker_threads';
import { checkInParallel, defaultJobs } from './parallel';
import { AUTHORING_COMMANDS, runAuthoringCommand, type AuthoringCommand } from './commands';

declare const TOPIC_PAGES_VERSION: string | undefined;
const VERSION = typeof TOPIC_PAGES_VERSION === 'string' ? TOPIC_PAGES_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  topic-pages check [paths or globs...] [--format stylish|json|sarif|github] [--output-file FILE] [--fix] [--max-warnings N] [--config FILE] [--root DIR] [--jobs N|auto]
  topic-pages tree [path] [--config FILE]
  topic-pages rules
  topic-pages orphans [path] [--format json]
  topic-pages links --to <route or file> [path] [--format json]
  topic-pages taxonomy [path] [--format json]
  topic-pages --help | --version

check   Checks every topic page of the workspace (or the given files, folders or globs)
        and prints the findings. Exit 0: clean; 1: errors, or more warnings than
        --max-warnings (info findings count as warnings); 2: usage or configuration error.
tree    Prints the topic hierarchy: titles and routes, broken links and cycles marked.
rules   Lists the rules with their default severity.
orphans Lists the pages no topic page reaches (directly, nested or by include key).
links   Lists every link to a page (file:line:column), by its route or its file.
taxonomy Lists the topics, contentType and useCase values in use, with page counts.

--format  stylish (default), json (ESLint's), sarif (SARIF 2.1.0) or github (GitHub
          Actions annotations); --output-file FILE writes the report there instead.
--jobs  Threads for check (default auto: one per core, up to 4, from 2,000 pages on and
        with 3 cores or more; --fix always runs on one). The findings do not depend on it.

The workspace root is --root, else the single folder given, else the current folder.
Its topic-pages.json (if any) sets docsRoot, siteBases, redirects, schema, ignore and rules.`;

export class UsageError extends Error {}

interface Options {
  command: 'check' | 'tree' | 'rules' | 'help' | 'version' | AuthoringCommand;
  /** `links --to`. */
  to?: string;
  paths: string[];
  format: FormatName;
  /** Where the report goes instead of stdout. */
  outputFile: string | undefined;
  fix: boolean;
  maxWarnings: number;
  config: string | undefined;
  root: string | undefined;
  color: boolean;
  /** Threads for `check`; undefined: automatic. */
  jobs: number | undefined;
}

export function parseArgs(argv: readonly string[], isTty: boolean): Options {
  const options: Options = { command: 'check', paths: [], format: 'stylish', outputFile: undefined, fix: false, maxWarnings: -1, config: undefined, root: undefined, color: isTty && !process.env['NO_COLOR'], jobs: undefined };
  const args = [...argv];
  const first = args[0];
  if (first === 'check' || first === 'tree' || first === 'rules' || AUTHORING_COMMANDS.includes(first as AuthoringCommand)) {
    options.command = first as Options['command'];
    args.shift();
  } else if (first === '--help' || first === '-h' || first === 'help') return { ...options, command: 'help' };
  else if (first === '--version' || first === '-v') return { ...options, command: 'version' };
  else if (first !== undefined && !first.startsWith('-')) throw new UsageError(`unknown command '${first}' (use check, tree, rules, orphans, links or taxonomy)`);
  while (args.length > 0) {
    const arg = args.shift() ?? '';
    const value = (): string => {
      const v = args.shift();
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => inline ?? value();
    switch (flag) {
      case '--format': {
        const f = take();
        if (!isFormatName(f)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not '${f}'`);
        options.format = f;
        break;
      }
      case '--output-file':
      case '-o':
        options.outputFile = take();
        break;
      case '--to':
        options.to = take();
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--max-warnings': {
        const v = take();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings takes a whole number, not '${v}'`);
        options.maxWarnings = n;
        break;
      }
      case '--config':
        options.config = take();
        break;
      case '--root':
        options.root = take();
        break;
      case '--jobs': {
        const v = take();
        const n = Number(v);
        if (v !== 'auto' && (!Number.isInteger(n) || n < 1)) throw new UsageError(`--jobs takes a whole number from 1, or auto, not '${v}'`);
        options.jobs = v === 'auto' ? undefined : n;
        break;
      }
      case '--no-color':
        options.color = false;
        break;
      case '--color':
        options.color = true;
        break;
      case '--help':
      case '-h':
        options.command = 'help';
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option '${flag}'`);
        options.paths.push(arg);
    }
  }
  return options;
}

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  stderrIsTty: boolean;
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv, false);
    options.color = argv.includes('--color') ? true : argv.includes('--no-color') ? false : io.stderrIsTty && !process.env['NO_COLOR'] && process.stdout.isTTY === true;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`topic-pages: ${error.message}\n${USAGE}\n`);
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
    for (const rule of allRules) io.stdout(`${rule.id.padEnd(26)} ${rule.defaultSeverity.padEnd(8)} ${rule.fixable ? 'fixable ' : '        '}${rule.description}\n`);
    return 0;
  }

  const { root, filter } = settleRoot(options, io.cwd);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr(`topic-pages: ${root} is not a folder\n`);
    return 2;
  }
  const configFile = options.config ? relative(root, resolvePath(io.cwd, options.config)).split(sep).join('/') : undefined;
  if (options.command === 'check' && !options.fix) {
    // Large workspaces are checked on worker threads; undefined when it does not pay.
    const parallel = await checkInParallel(root, { ...(configFile ? { configFile } : {}), jobs: options.jobs ?? defaultJobs(), filter, ...(options.jobs !== undefined ? { minPages: 1 } : {}) });
    if (parallel) {
      if (parallel.errors.length > 0) {
        for (const e of parallel.errors) io.stderr(`topic-pages: ${e.message}\n`);
        return 2;
      }
      for (const p of parallel.listingProblems) io.stderr(`topic-pages: skipped ${p.path}: ${p.reason}\n`);
      return report(
        parallel.results.map((r) => ({ filePath: displayPath(join(root, r.path), io.cwd), findings: r.findings, text: r.text })),
        options,
        io,
        root,
      );
    }
  }
  const host = new NodeFileHost(root, { maxEntries: maxEntriesFromEnv() });
  const progress = io.stderrIsTty
    ? (done: number, total: number): void => {
        if (done % 200 === 0 || done === total) io.stderr(`\rIndexing ${done}/${total} pages…${done === total ? '\r\u001b[K' : ''}`);
      }
    : undefined;
  const engine = await Engine.load(host, { ...(configFile ? { configFile } : {}), ...(progress ? { onProgress: progress } : {}) });
  if (engine.loaded.errors.length > 0) {
    for (const e of engine.loaded.errors) io.stderr(`topic-pages: ${e.message}\n`);
    return 2;
  }
  for (const p of host.listingProblems) io.stderr(`topic-pages: skipped ${p.path}: ${p.reason}\n`);

  if (options.command === 'tree') {
    for (const p of host.refused) io.stderr(`topic-pages: skipped ${p.path}: ${p.reason}\n`);
    io.stdout(formatTree(engine.index, options.color));
    return 0;
  }
  if (options.command !== 'check') return runAuthoringCommand(options.command, { engine, root, to: options.to, format: options.format, io, display: (p) => displayPath(join(root, p), io.cwd) });

  const paths = engine.checkablePaths().filter(filter);
  const results: FileResult[] = [];
  for (const path of paths) {
    let findings = engine.check(path);
    let text = engine.index.text(path) ?? '';
    if (options.fix && findings.some((f) => f.fix)) {
      const fixed = await fixFile(engine, root, path, io);
      if (fixed) {
        text = fixed.text;
        findings = fixed.findings;
      }
    }
    results.push({ filePath: displayPath(join(root, path), io.cwd), findings, text });
  }
  return report(results, options, io, root);
}

/** Prints the results in the chosen format, or writes them to --output-file; resolves to the exit code. */
function report(results: FileResult[], options: Options, io: Io, root: string): number {
  const output = formatResults(options.format, results, { cwd: io.cwd, root, version: VERSION, color: options.color && !options.outputFile });
  if (options.outputFile) {
    // As ESLint: the report goes to the file only, its folders created.
    const file = resolvePath(io.cwd, options.outputFile);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, output);
    } catch (error) {
      io.stderr(`topic-pages: cannot write ${options.outputFile}: ${(error as Error).message}\n`);
      return 2;
    }
  } else io.stdout(output);

  const n = totals(results);
  if (n.errors > 0) return 1;
  if (options.maxWarnings >= 0 && n.warnings > options.maxWarnings) {
    if (options.format === 'stylish' && !options.outputFile) io.stdout(`topic-pages found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/**
 * Applies every fix to one file and writes it back atomically (temp file, then
 * rename), keeping its BOM and line endings. A file whose fixes clash or fail is
 * left untouched.
 */
async function fixFile(engine: Engine, root: string, path: string, io: Io): Promise<{ text: string; findings: Finding[] } | undefined> {
  // A symlinked page is fixed in the file it points to, so the link stays a link; but only when
  // that file's real path lies inside the workspace: nothing outside it is ever written.
  const guard = new RealPathGuard(root);
  let target: string;
  let before: Stats;
  let bytes: Buffer;
  try {
    const where = guard.check(join(root, path));
    if (!where.inside) throw new Error(where.reason);
    target = where.real;
    before = await fs.stat(target);
    bytes = await fs.readFile(target);
  } catch (error) {
    io.stderr(`topic-pages: not fixing ${path}: ${(error as Error).message}\n`);
    return undefined;
  }
  const decoded = decodeFile(bytes, engine.settings.maxFileSize);
  if ('skip' in decoded) return undefined;
  let fixed: string;
  try {
    fixed = fixAll(decoded.text, (text) => checkPage(parsePage(path, text), engine.index)).text;
  } catch (error) {
    // Overlapping edits or any other failure: the file is left exactly as it was.
    io.stderr(`topic-pages: not fixing ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
  if (fixed === decoded.text) return undefined;
  // A fresh, unguessable name created exclusively ('wx'): never an existing file, folder or symlink.
  const tmp = join(dirname(target), `.${basename(target)}.topic-pages-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    await fs.writeFile(tmp, (decoded.bom ? '\uFEFF' : '') + fixed, { flag: 'wx', mode: before.mode & 0o7777 });
    created = true;
    await fs.chmod(tmp, before.mode & 0o7777);
    await fs.chown(tmp, before.uid, before.gid).catch(() => undefined);
    // Re-checked right before the rename: the page must still lead to the same file inside
    // the workspace (a link swapped meanwhile is refused), and its folder too.
    const still = guard.check(join(root, path));
    if (!still.inside || still.real !== target || !guard.check(dirname(tmp)).inside) throw new Error(still.inside ? 'it was moved or relinked while it was being fixed; left as it is' : still.reason);
    // Saved by someone else while it was being fixed: their bytes win.
    const now = await fs.stat(target);
    if (now.ino !== before.ino || now.size !== before.size || now.mtimeMs !== before.mtimeMs) throw new Error('it changed while it was being fixed; left as it is');
    await fs.rename(tmp, target);
    created = false;
  } catch (error) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    io.stderr(`topic-pages: could not write ${path}: ${(error as Error).message}\n`);
    return undefined;
  }
  engine.setText(path, fixed);
  return { text: fixed, findings: engine.check(path) };
}

function settleRoot(options: Options, cwd: string): { root: string; filter: (path: string) => boolean } {
  if (options.root) {
    const root = resolvePath(cwd, options.root);
    return { root, filter: pathFilter(options.paths.map((p) => relative(root, resolvePath(cwd, p)))) };
  }
  const single = options.paths.length === 1 ? resolvePath(cwd, options.paths[0] ?? '.') : undefined;
  if (single && existsSync(single) && statSync(single).isDirectory()) return { root: single, filter: () => true };
  const root = options.paths.length === 0 ? cwd : resolvePath(cwd, options.config ? dirname(options.config) : '.');
  return { root, filter: pathFilter(options.paths.map((p) => (picomatch.scan(p).isGlob ? p : relative(root, resolvePath(cwd, p))))) };
}

/** Keeps paths named exactly, lying under a named folder, or matching a glob. */
function pathFilter(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => true;
  const normalized = patterns.map((p) => p.split(sep).join('/').replace(/^\.\//, '').replace(/\/$/, ''));
  const globs = normalized.filter((p) => picomatch.scan(p).isGlob).map((g) => picomatch(g, { dot: true }));
  const plain = normalized.filter((p) => !picomatch.scan(p).isGlob);
  return (path) => globs.some((m) => m(path)) || plain.some((p) => p === '' || p === '.' || path === p || path.startsWith(p + '/'));
}

function displayPath(full: string, cwd: string): string {
  const rel = relative(cwd, full);
  return rel.startsWith('..') ? full : rel;
}

if (require.main === module && isMainThread) {
  run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
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

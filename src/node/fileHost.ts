import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileHost, FileRead, ListingProblem } from '../core/engine';
import { isListableFolder } from '../core/earlyView';
import { describeFsError, readContained, RealPathGuard } from './realPathGuard';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** How many files and folders a listing takes before it stops (environment `TOPIC_PAGES_MAX_ENTRIES`). */
export const DEFAULT_MAX_ENTRIES = 200_000;

/** `TOPIC_PAGES_MAX_ENTRIES` when it is a whole number from 1, else the default. */
export function maxEntriesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env['TOPIC_PAGES_MAX_ENTRIES']);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_MAX_ENTRIES;
}

const LEADS_OUTSIDE = 'it is a symbolic link that leads outside the workspace; not followed';

/**
 * A FileHost over a folder on disk that never reads outside it: a path is read only when
 * its real path lies under the root's real path (see `RealPathGuard`). A symbolic link
 * that leads outside is listed as a problem and never followed; a folder reached twice
 * (a link loop, or two links to one folder) is listed once; listing stops after
 * `maxEntries` files and folders, with a problem saying so.
 * It uses synchronous fs calls: one thread-pool round trip per open/stat/read/close cost more
 * than the reading itself. The CLI has nothing else to do while it loads; a server passes
 * `sliceMs` and the listing lets other messages in that often.
 */
export class NodeFileHost implements FileHost {
  /** Folders or links that could not be listed or followed (loops, dangling links), with the reason. */
  readonly listingProblems: ListingProblem[] = [];
  /**
   * What the host refuses on purpose, each path once: links that lead outside the workspace
   * (never followed or read) and where listing stopped at `maxEntries`. The engine reports
   * each as a `file-skipped` finding.
   */
  readonly refused: ListingProblem[] = [];
  readonly maxEntries: number;
  protected readonly guard: RealPathGuard;
  private readonly sliceMs: number | undefined;

  constructor(
    readonly root: string,
    options: { maxEntries?: number; sliceMs?: number } = {},
  ) {
    this.guard = new RealPathGuard(root);
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.sliceMs = options.sliceMs;
  }

  async listFiles(): Promise<string[]> {
    this.listingProblems.length = 0;
    this.refused.length = 0;
    const out: string[] = [];
    const note = (path: string, reason: string): void => {
      this.listingProblems.push({ path: this.rel(path), reason });
    };
    let rootReal: string;
    try {
      rootReal = this.guard.rootReal;
    } catch (error) {
      note(this.root, describeFsError(error));
      return out;
    }
    // Folders listed so far, by real path, with the path they were listed under.
    const seenDirs = new Map<string, string>();
    let entriesLeft = this.maxEntries;
    let stopped = false;
    // Linked folders are listed after every plain folder, so a link never takes the place of
    // the folder it points to: `a/to-b` is skipped as a second way to `b`, not the other way.
    const linkedDirs: [string, string][] = [];
    // `real`: the folder's real path. A folder that is not a link, inside a folder whose
    // real path is known, needs no realpath call: only the root and linked folders do.
    // Depth first, entries in name order, with a stack of the folders being listed (any depth).
    const open = (dir: string, real: string): Dirent[] | undefined => {
      const already = seenDirs.get(real);
      if (already !== undefined) {
        note(dir, `symbolic link loop, or a second link to \`${already || '.'}\` which is already listed; not followed again`);
        return undefined;
      }
      seenDirs.set(real, this.rel(dir));
      try {
        return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        note(dir, describeFsError(error));
        return undefined;
      }
    };
    let sliceStart = performance.now();
    // Each folder's workspace path rides along (`rel`): path.relative per file was a third of the listing.
    const visit = async (top: string, topReal: string): Promise<void> => {
      const first = open(top, topReal);
      if (!first) return;
      const stack: { dir: string; rel: string; real: string; entries: Dirent[]; next: number }[] = [{ dir: top, rel: this.rel(top), real: topReal, entries: first, next: 0 }];
      while (stack.length > 0 && !stopped) {
        if (this.sliceMs !== undefined && performance.now() - sliceStart >= this.sliceMs) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        const frame = stack[stack.length - 1] as { dir: string; rel: string; real: string; entries: Dirent[]; next: number };
        const entry = frame.entries[frame.next++];
        if (entry === undefined) {
          stack.pop();
          continue;
        }
        const rel = frame.rel === '' ? entry.name : `${frame.rel}/${entry.name}`;
        if (--entriesLeft < 0) {
          stopped = true;
          this.refused.push({
            path: rel,
            reason: `listing stopped here: the workspace holds more than ${this.maxEntries.toLocaleString('en-US')} files and folders (environment variable TOPIC_PAGES_MAX_ENTRIES), the rest is not checked`,
          });
          return;
        }
        if (entry.isFile()) {
          out.push(rel);
          continue;
        }
        // The absolute path only where a call needs it (path.join per file was a quarter of the listing).
        const path = join(frame.dir, entry.name);
        if (entry.isDirectory()) {
          if (SKIP_DIRS.has(entry.name)) continue;
          const real = join(frame.real, entry.name);
          const entries = open(path, real);
          if (entries) stack.push({ dir: path, rel, real, entries, next: 0 });
        } else if (entry.isSymbolicLink()) {
          if (SKIP_DIRS.has(entry.name)) continue;
          let target: string;
          try {
            target = realpathSync.native(path);
          } catch (error) {
            note(path, describeFsError(error));
            continue;
          }
          if (!this.guard.contains(target)) {
            // Never followed, never read; reported once. A linked file is still listed, so
            // links to its route resolve: the engine skips it with this reason.
            this.refused.push({ path: rel, reason: LEADS_OUTSIDE });
            if (isFileSafe(target)) out.push(rel);
            continue;
          }
          try {
            const stat = statSync(target);
            if (stat.isDirectory()) linkedDirs.push([path, target]);
            else if (stat.isFile()) out.push(rel);
          } catch (error) {
            note(path, describeFsError(error));
          }
        }
      }
    };
    await visit(this.root, rootReal);
    for (let i = 0; i < linkedDirs.length && !stopped; i++) {
      const [path, target] = linkedDirs[i] ?? ['', ''];
      await visit(path, target);
    }
    const byPath = (a: ListingProblem, b: ListingProblem): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    this.listingProblems.sort(byPath);
    this.refused.sort(byPath);
    return out.sort();
  }

  /**
   * The files directly in one folder (`` for the root), as `listFiles` lists them there, without
   * listing the rest: [] when there is no such folder, or listing never enters it (`.git`,
   * `node_modules`); undefined when only the whole listing can tell: the folder is reached
   * through a symbolic link (the listing may list it under another path, or not at all), it holds
   * a link, or it cannot be read.
   */
  async listFolder(path: string): Promise<readonly string[] | undefined> {
    if (!isListableFolder(path)) return undefined;
    const segments = path === '' ? [] : path.split('/');
    if (segments.some((s) => SKIP_DIRS.has(s))) return [];
    const dir = join(this.root, ...segments);
    let entries: Dirent[];
    try {
      if (realpathSync.native(dir) !== join(this.guard.rootReal, ...segments)) return undefined;
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? [] : undefined;
    }
    const files: string[] = [];
    for (const entry of entries) {
      if (entry.isSymbolicLink()) return undefined;
      if (entry.isFile()) files.push(path === '' ? entry.name : `${path}/${entry.name}`);
    }
    return files;
  }

  readFile(path: string, maxBytes?: number): Promise<FileRead> {
    return Promise.resolve(this.readFileSync(path, maxBytes));
  }

  readFileSync(path: string, maxBytes?: number): FileRead {
    return readContained(this.guard, join(this.root, path), maxBytes);
  }

  protected rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }
}

/** Whether `path` is a regular file; its metadata only, never its content. */
function isFileSafe(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

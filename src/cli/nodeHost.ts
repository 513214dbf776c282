import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileHost, FileRead } from '../core/engine';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/**
 * A FileHost over a folder on disk. Symlinked folders are followed once (loops are skipped and noted).
 * It uses synchronous fs calls: the CLI has nothing else to do while it loads, and one
 * thread-pool round trip per open/stat/read/close cost more than the reading itself.
 */
export class NodeFileHost implements FileHost {
  /** Folders or files that could not be listed, with the reason. */
  readonly listingProblems: { path: string; reason: string }[] = [];

  constructor(readonly root: string) {}

  listFiles(): Promise<string[]> {
    const out: string[] = [];
    const seenDirs = new Set<string>();
    // `knownReal`: the real path of a folder listed as a folder (not a symlink) inside a folder
    // whose real path is known; only the root and symlinked folders need a realpath call.
    const visit = (dir: string, knownReal?: string): void => {
      let real: string;
      if (knownReal !== undefined) real = knownReal;
      else {
        try {
          real = realpathSync.native(dir);
        } catch (error) {
          this.listingProblems.push({ path: this.rel(dir), reason: describe(error) });
          return;
        }
      }
      if (seenDirs.has(real)) {
        this.listingProblems.push({ path: this.rel(dir), reason: 'symbolic link loop; skipped' });
        return;
      }
      seenDirs.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        this.listingProblems.push({ path: this.rel(dir), reason: describe(error) });
        return;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) visit(path, join(real, entry.name));
        } else if (entry.isSymbolicLink()) {
          try {
            const stat = statSync(path);
            if (stat.isDirectory()) visit(path);
            else if (stat.isFile()) out.push(this.rel(path));
          } catch (error) {
            this.listingProblems.push({ path: this.rel(path), reason: describe(error) });
          }
        } else if (entry.isFile()) out.push(this.rel(path));
      }
    };
    visit(this.root);
    return Promise.resolve(out);
  }

  readFile(path: string, maxBytes?: number): Promise<FileRead> {
    const full = join(this.root, path);
    if (relative(this.root, full).startsWith('..')) return Promise.resolve({ error: 'outside the workspace' });
    try {
      // A generated page of gigabytes is skipped by its size, never read into memory.
      if (maxBytes !== undefined) {
        const size = statSync(full).size;
        if (size > maxBytes) return Promise.resolve({ tooLarge: size });
      }
      return Promise.resolve({ bytes: readFileSync(full) });
    } catch (error) {
      return Promise.resolve({ error: describe(error) });
    }
  }

  private rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'no longer exists';
  if (e.code === 'ELOOP') return 'symbolic link loop';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(error);
}

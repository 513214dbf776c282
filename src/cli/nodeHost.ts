import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
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
    let fd: number | undefined;
    try {
      // One open, one fstat, reads into a buffer of the file's size, one close: fewer system
      // calls than stat + readFileSync. A generated page of gigabytes is skipped by its size,
      // never read into memory.
      fd = openSync(full, 'r');
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      if (maxBytes !== undefined && stat.size > maxBytes) return Promise.resolve({ tooLarge: stat.size });
      return Promise.resolve({ bytes: readAll(fd, stat.size) });
    } catch (error) {
      return Promise.resolve({ error: describe(error) });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }
}

/** The file's bytes: `size` of them as fstat said (as readFileSync reads), or until the end when fstat says 0. */
function readAll(fd: number, size: number): Buffer {
  if (size === 0) {
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = Buffer.allocUnsafe(8192);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks);
      chunks.push(chunk.subarray(0, n));
    }
  }
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buffer, length, size - length, null);
    if (n === 0) break;
    length += n;
  }
  return length < size ? buffer.subarray(0, length) : buffer;
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'no longer exists';
  if (e.code === 'ELOOP') return 'symbolic link loop';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(error);
}

// The workspace boundary on disk: a path is inside the workspace only when its REAL path
// (every symbolic link resolved) lies under the real path of the workspace root. Comparing
// path strings is not enough: `articles/x.md` may be a link to `/etc/hosts` or to a page
// of another repository. Used by the CLI's file host and its `--fix` writer, and by the
// language server's file host.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { FileRead } from '../core/engine';

/** Where a path really leads, and whether that is inside the workspace. */
export type Containment =
  | { readonly inside: true; readonly real: string }
  | { readonly inside: false; readonly real: string | undefined; readonly reason: string };

/**
 * Whether the real path `real` is `rootReal` itself or lies under it. Both must already be
 * real paths (see `realpathSync.native`); `..foo` is a name inside, `../foo` is not.
 */
export function isWithin(rootReal: string, real: string): boolean {
  const rel = relative(rootReal, real);
  if (rel === '') return true;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + sep);
}

/** Checks paths against one workspace root, resolving every symbolic link first. */
export class RealPathGuard {
  private rootRealPath: string | undefined;

  constructor(readonly root: string) {}

  /** The root's real path (resolved once); throws when the root does not exist. */
  get rootReal(): string {
    return (this.rootRealPath ??= realpathSync.native(this.root));
  }

  /**
   * Resolves `path` (absolute, or relative to the process's folder) now and says whether
   * it leads inside the root. Call it right before reading or writing: a link can be
   * planted between two calls.
   */
  check(path: string): Containment {
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch (error) {
      return { inside: false, real: undefined, reason: describeFsError(error) };
    }
    return this.contains(real) ? { inside: true, real } : { inside: false, real, reason: OUTSIDE };
  }

  /** Whether an already resolved real path lies inside the root. */
  contains(real: string): boolean {
    return isWithin(this.rootReal, real);
  }
}

/** The reason given for a path that leads outside the workspace. */
export const OUTSIDE = 'it leads outside the workspace (through a symbolic link); not followed';

/** A short reason for a failed file-system call. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'no longer exists';
  if (e.code === 'ELOOP') return 'symbolic link loop';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(error);
}

// No symlink as the last component (the real path is opened), no wait on a FIFO.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file of the workspace now, synchronously, only when its real path lies inside the
 * guard's root (resolved right before opening: a link planted after listing is refused all the
 * same). One realpath, one open, one fstat, reads into a buffer of the file's size, one close:
 * on a warm disk cache this is several times faster than Node's asynchronous calls, each a
 * thread-pool round trip. A generated page of gigabytes is skipped by its size, never read
 * into memory; the real path is opened, so no link is followed after the check.
 */
export function readContained(guard: RealPathGuard, path: string, maxBytes?: number): FileRead {
  const where = guard.check(path);
  if (!where.inside) return { error: where.reason };
  let fd: number | undefined;
  try {
    fd = openSync(where.real, OPEN_FLAGS);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { error: describeFsError(Object.assign(new Error('is a folder'), { code: 'EISDIR' })) };
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (maxBytes !== undefined && stat.size > maxBytes) return { tooLarge: stat.size };
    return { bytes: readAll(fd, stat.size), stamp: fileStamp(stat) };
  } catch (error) {
    return { error: describeFsError(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file's stamp: its size and modification time (milliseconds, with the fraction the system gives). */
export function fileStamp(stat: { readonly size: number; readonly mtimeMs: number }): string {
  return `${stat.size}:${stat.mtimeMs}`;
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

// The workspace boundary on disk: a path is inside the workspace only when its REAL path
// (every symbolic link resolved) lies under the real path of the workspace root. Comparing
// path strings is not enough: `articles/x.md` may be a link to `/etc/hosts` or to a page
// of another repository. Used by the CLI's file host and its `--fix` writer; any other
// host that reads or writes a workspace on disk (a language server) should use it too.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

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

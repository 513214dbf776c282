// Where the workspace root is, and which of its files the paths and globs on the command line name.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, parse as parsePath, relative, resolve as resolvePath, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE } from '../core/config';

/** The folder the engine takes as docs root when it exists and the configuration names none. */
const DEFAULT_DOCS_ROOT = 'articles';

/** True when `path` is `folder` or lies inside it (both absolute). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A file's path as the reports show it: relative to the working folder when inside it, else absolute. */
export function displayPath(full: string, cwd: string): string {
  return isInside(cwd, full) ? relative(cwd, full) : full;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder a command-line path starts from: a folder itself, a file's folder, a glob's base, or the nearest existing ancestor. */
function startFolder(arg: string, cwd: string): string {
  const scan = picomatch.scan(arg);
  let at = resolvePath(cwd, scan.isGlob ? scan.base || '.' : arg);
  while (!isFolder(at)) {
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  return at;
}

/** The deepest folder holding all of `folders`. */
function commonFolder(folders: readonly string[]): string {
  let common = folders[0] ?? '';
  for (const f of folders.slice(1)) {
    while (!isInside(common, f)) {
      const up = dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  return common;
}

/** The nearest folder at or above `from` holding `name`; undefined at the file-system root. */
function findUp(from: string, name: string): string | undefined {
  let at = from;
  const top = parsePath(at).root;
  for (;;) {
    if (existsSync(join(at, name))) return at;
    if (at === top) return undefined;
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/**
 * The workspace root: `--root`; else the nearest folder at or above the given paths (or the
 * current folder) holding `topic-pages.json`; else the repository root (the folder with `.git`);
 * else the folder holding the `articles/` folder the paths lie in (the default docs root); else the
 * current folder, or the paths' common folder when they lie outside it. A folder named
 * on the command line is never the root merely because it was named: `check articles/users`
 * resolves routes and reads the configuration exactly as a full check does.
 */
export function findRoot(paths: readonly string[], cwd: string, root?: string): string {
  if (root !== undefined) return resolvePath(cwd, root);
  const start = paths.length === 0 ? cwd : commonFolder(paths.map((p) => startFolder(p, cwd)));
  return findUp(start, CONFIG_FILE) ?? findUp(start, '.git') ?? aboveArticles(start) ?? (isInside(cwd, start) ? cwd : start);
}

/** The parent of the nearest folder named `articles` at or above `from` (where the docs root is by default). */
function aboveArticles(from: string): string | undefined {
  for (let at = from; dirname(at) !== at; at = dirname(at)) {
    if (basename(at) === DEFAULT_DOCS_ROOT) return dirname(at);
  }
  return undefined;
}

/** The repository root at or above `folder` (where `.git` is), if any. */
export function findRepositoryRoot(folder: string): string | undefined {
  return findUp(folder, '.git');
}

/** One path or glob from the command line, as a test on workspace paths. */
export interface Target {
  /** As the user typed it. */
  readonly arg: string;
  readonly kind: 'file' | 'folder' | 'glob' | 'missing' | 'outside';
  /** True for workspace paths (relative, `/`-separated) the argument names. */
  matches(path: string): boolean;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** Paths and globs are relative to the current folder, as in ESLint; globs follow picomatch (`dot` on). */
export function resolveTargets(paths: readonly string[], cwd: string, root: string): Target[] {
  return paths.map((arg): Target => {
    const scan = picomatch.scan(arg);
    if (scan.isGlob) {
      const base = resolvePath(cwd, scan.base || '.');
      const isMatch = picomatch(scan.glob, { dot: true });
      if (isInside(base, root)) {
        // The glob starts at or above the root: test root paths as seen from its base.
        const prefix = toPosix(relative(base, root));
        return { arg, kind: 'glob', matches: (path) => isMatch(prefix ? `${prefix}/${path}` : path) };
      }
      if (!isInside(root, base)) return { arg, kind: 'outside', matches: () => false };
      const under = toPosix(relative(root, base)) + '/';
      return { arg, kind: 'glob', matches: (path) => path.startsWith(under) && isMatch(path.slice(under.length)) };
    }
    const full = resolvePath(cwd, arg);
    if (!isInside(root, full)) return { arg, kind: existsSync(full) ? 'outside' : 'missing', matches: () => false };
    const rel = toPosix(relative(root, full));
    if (!existsSync(full)) return { arg, kind: 'missing', matches: () => false };
    if (isFolder(full)) return { arg, kind: 'folder', matches: (path) => rel === '' || path === rel || path.startsWith(rel + '/') };
    return { arg, kind: 'file', matches: (path) => path === rel };
  });
}

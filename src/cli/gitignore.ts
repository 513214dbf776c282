// `.gitignore` files, read as git reads them, with the `ignore` package (the matcher ESLint and
// markdownlint-cli2 use): every `.gitignore` of the workspace, those of the folders between the
// repository root and the workspace root, and `.git/info/exclude`. A deeper file's pattern wins
// over a shallower one's (`!keep.md` re-includes), and nothing inside an ignored folder can be
// re-included, as in git.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Source {
  /** The folder the patterns are relative to, `/`-separated from the repository top ('' for the top). */
  readonly base: string;
  readonly matcher: Ignore;
}

/** Reads a text file of the workspace (through the file host); undefined when it cannot be read. */
export type ReadText = (path: string) => Promise<string | undefined>;

/**
 * A test for workspace paths (relative to `root`, `/`-separated): true when git would ignore the
 * file. `top` is the repository root (at or above `root`); without one, only the workspace's own
 * `.gitignore` files count.
 */
export async function gitignoreMatcher(root: string, files: readonly string[], read: ReadText, top: string | undefined): Promise<(path: string) => boolean> {
  const repoTop = top ?? root;
  const prefix = relative(repoTop, root).split(sep).join('/');
  const sources: Source[] = [];
  const fromDisk = (file: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  // Outside the workspace: only the repository's own ignore files, read directly (never through a link).
  if (top !== undefined) {
    const exclude = fromDisk(join(top, '.git', 'info', 'exclude'));
    if (exclude !== undefined) sources.push({ base: '', matcher: ignore().add(exclude) });
    const between: string[] = [];
    for (let at = dirname(root); at.length >= top.length && at !== dirname(at); at = dirname(at)) {
      between.unshift(at);
      if (at === top) break;
    }
    for (const folder of between) {
      const text = fromDisk(join(folder, '.gitignore'));
      if (text !== undefined) sources.push({ base: relative(top, folder).split(sep).join('/'), matcher: ignore().add(text) });
    }
  }
  const own = files.filter((f) => f === '.gitignore' || f.endsWith('/.gitignore')).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const file of own) {
    const text = await read(file);
    if (text === undefined) continue;
    const folder = file.slice(0, -'.gitignore'.length).replace(/\/$/, '');
    sources.push({ base: [prefix, folder].filter(Boolean).join('/'), matcher: ignore().add(text) });
  }
  if (sources.length === 0) return () => false;

  /** Whether the deepest deciding pattern ignores `path` (repository-relative; folders end in `/`). */
  const decide = (path: string): boolean => {
    let ignored = false;
    for (const s of sources) {
      if (s.base !== '' && !path.startsWith(s.base + '/')) continue;
      const rel = s.base === '' ? path : path.slice(s.base.length + 1);
      if (rel === '' || rel === '/') continue;
      const r = s.matcher.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  };
  const folders = new Map<string, boolean>();
  const folderIgnored = (folder: string): boolean => {
    if (folder === '') return false;
    let known = folders.get(folder);
    if (known === undefined) {
      const parent = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
      known = folderIgnored(parent) || decide(folder + '/');
      folders.set(folder, known);
    }
    return known;
  };
  return (path) => {
    const full = prefix ? `${prefix}/${path}` : path;
    const folder = full.includes('/') ? full.slice(0, full.lastIndexOf('/')) : '';
    return folderIgnored(folder) || decide(full);
  };
}

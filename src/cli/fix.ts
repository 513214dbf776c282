// `--fix` and `--fix-dry-run`: the safe fixes of one page, written back atomically or shown as a diff.
import { promises as fs, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { checkPage, decodeFile } from '../core/engine';
import { fixAll } from '../core/edits';
import { parsePage } from '../core/page';
import type { Finding } from '../core/types';
import type { Settings, WorkspaceIndex } from '../core/workspace';
import { RealPathGuard } from '../node/realPathGuard';

export interface FixIo {
  stderr(text: string): void;
}

/** The loaded workspace a fix is checked against: its complete index and its settings. */
export interface FixContext {
  readonly index: WorkspaceIndex;
  readonly settings: Settings;
}

/** The text after every safe fix (ESLint's fix loop); undefined when the fixes clash or fail. */
export function fixedText(workspace: FixContext, path: string, text: string, io: FixIo): string | undefined {
  try {
    return fixAll(text, (t) => checkPage(parsePage(path, t), workspace.index, undefined, { record: false })).text;
  } catch (error) {
    // Overlapping edits or any other failure: the file is left exactly as it was.
    io.stderr(`topic-pages: not fixing ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

/**
 * What `--fix` would change in one page, as a unified diff (`a/` and `b/` prefixes, as git
 * prints, so `git apply` takes it); '' when nothing changes. Nothing is written.
 */
export function fixDiff(workspace: FixContext, path: string, text: string, displayPath: string, io: FixIo): { diff: string; fixed: string; findings: Finding[] } | undefined {
  const fixed = fixedText(workspace, path, text, io);
  if (fixed === undefined || fixed === text) return undefined;
  const name = displayPath.split('\\').join('/');
  const diff = createTwoFilesPatch(`a/${name}`, `b/${name}`, text, fixed, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  // The findings that would be left, without touching the index the other pages are checked against.
  return { diff, fixed, findings: checkPage(parsePage(path, fixed), workspace.index, undefined, { record: false }) };
}

/**
 * Applies every safe fix to one file and writes it back atomically (temp file, then
 * rename), keeping its BOM and line endings. A file whose fixes clash or fail is
 * left untouched. Resolves to the text written (without its BOM); the caller re-indexes it.
 */
export async function fixFile(workspace: FixContext, root: string, path: string, io: FixIo): Promise<{ text: string } | undefined> {
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
  const decoded = decodeFile(bytes, workspace.settings.maxFileSize);
  if ('skip' in decoded) return undefined;
  const fixed = fixedText(workspace, path, decoded.text, io);
  if (fixed === undefined || fixed === decoded.text) return undefined;
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
  return { text: fixed };
}

import { promises as fs, realpathSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { FileRead } from '../core/engine';
import type { ServiceHost } from '../core/service/service';

/** Folders never listed: version control internals and installed packages. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules']);
const LIST_CONCURRENCY = 20;

/**
 * The service's file host over Node's file system, for one workspace root. Nothing whose real
 * path lies outside the root's real path is listed or read (a symbolic link out of the
 * workspace is ignored), and each real folder is listed once (link loops end).
 */
export class NodeFileHost implements ServiceHost {
  private readonly realRoot: string;

  constructor(readonly root: string) {
    this.realRoot = safeRealpath(root) ?? root;
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot.endsWith(sep) ? this.realRoot : this.realRoot + sep);
  }

  /** The absolute path of a workspace path, or undefined when its real path leaves the workspace. */
  private async resolve(path: string): Promise<string | undefined> {
    const abs = join(this.root, ...path.split('/'));
    try {
      const real = await fs.realpath(abs);
      return this.inside(real) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  async listFiles(): Promise<readonly string[]> {
    const out: string[] = [];
    const seen = new Set<string>([this.realRoot]);
    // Each folder with its real path: a plain sub-folder's real path is its parent's plus its name,
    // so only symbolic links cost a realpath call.
    let queue: { path: string; real: string }[] = [{ path: '', real: this.realRoot }];
    while (queue.length > 0) {
      const next: { path: string; real: string }[] = [];
      for (let i = 0; i < queue.length; i += LIST_CONCURRENCY) {
        await Promise.all(
          queue.slice(i, i + LIST_CONCURRENCY).map(async (dir) => {
            let entries: Dirent[];
            try {
              entries = await fs.readdir(dir.real, { withFileTypes: true });
            } catch {
              return;
            }
            for (const e of entries) {
              const path = dir.path ? `${dir.path}/${e.name}` : e.name;
              if (e.isDirectory()) {
                if (SKIPPED_FOLDERS.has(e.name)) continue;
                const real = join(dir.real, e.name);
                if (!seen.has(real)) {
                  seen.add(real);
                  next.push({ path, real });
                }
              } else if (e.isFile()) out.push(path);
              else if (e.isSymbolicLink()) {
                const real = await this.resolve(path);
                if (real === undefined) continue;
                const stat = await fs.stat(real).catch(() => undefined);
                if (stat?.isFile()) out.push(path);
                else if (stat?.isDirectory() && !SKIPPED_FOLDERS.has(e.name) && !seen.has(real)) {
                  seen.add(real);
                  next.push({ path, real });
                }
              }
            }
          }),
        );
      }
      queue = next;
    }
    return out.sort();
  }

  async readFile(path: string, maxBytes?: number): Promise<FileRead> {
    const real = await this.resolve(path);
    if (real === undefined) return { error: 'it does not exist or lies outside the workspace' };
    try {
      if (maxBytes !== undefined) {
        const { size } = await fs.stat(real);
        if (size > maxBytes) return { tooLarge: size };
      }
      return { bytes: await fs.readFile(real) };
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
  }

  async isFolder(path: string): Promise<boolean> {
    const real = await this.resolve(path);
    if (real === undefined) return false;
    return (await fs.stat(real).catch(() => undefined))?.isDirectory() ?? false;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

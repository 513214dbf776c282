import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { IndexStore } from '../core/service/indexCache';

/** Characters written at a time: under V8's largest regular heap object, even for two-byte strings. */
const WRITE_BATCH = 32 * 1024;

/**
 * The file keeping one workspace folder's index between sessions, in a cache folder (the
 * editor's storage folder for the workspace, or the user's cache folder): never in the workspace.
 */
export class IndexCacheFile implements IndexStore {
  constructor(readonly file: string) {}

  async read(): Promise<string | undefined> {
    try {
      return await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /**
   * Written whole or not at all: into a temporary file beside it, a chunk at a time, then renamed
   * over it. Batches stay small (WRITE_BATCH characters): a joined string above V8's regular object
   * size goes to its large-object space, freed only by a full collection, so megabyte batches of a
   * 29 MB index raised the server's peak RSS by about 30 MB.
   */
  async write(chunks: Iterable<string>): Promise<void> {
    await fs.mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      let batch: string[] = [];
      let size = 0;
      for (const chunk of chunks) {
        batch.push(chunk);
        size += chunk.length;
        if (size < WRITE_BATCH) continue;
        await handle.writeFile(batch.join(''));
        batch = [];
        size = 0;
      }
      await handle.writeFile(batch.join(''));
      await handle.close();
      await fs.rename(temp, this.file);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}

/** The cache file of the workspace folder at `root`, inside `directory`. */
export function indexCacheFileFor(directory: string, root: string): IndexCacheFile {
  return new IndexCacheFile(join(directory, `index-${folderId(root)}.json`));
}

/** The file keeping the topic tree's roots of the workspace folder at `root`, beside its index. */
export function keptRootsFileFor(directory: string, root: string): IndexCacheFile {
  return new IndexCacheFile(join(directory, `roots-${folderId(root)}.json`));
}

function folderId(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 16);
}

/**
 * Where a server keeps its index when its editor does not say: `$XDG_CACHE_HOME/topic-pages`,
 * else `~/.cache/topic-pages`. `null` or `false` from the editor keeps none.
 */
export function cacheDirectory(option: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (typeof option === 'string' && option.trim() !== '') return option;
  if (option === null || option === false) return undefined;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'topic-pages');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? join(home, '.cache', 'topic-pages') : undefined;
}

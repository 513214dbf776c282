import { promises as fs, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceHost } from '../core/service/service';
import { maxEntriesFromEnv, NodeFileHost as DiskHost } from '../node/fileHost';
import { fileStamp } from '../node/realPathGuard';

/** Listing runs this long between two turns of the event loop. */
const LIST_SLICE_MS = 20;

/**
 * The service's file host over Node's file system, for one workspace root: the CLI's host (the
 * same boundary: nothing whose real path lies outside the root's real path is listed or read;
 * each real folder listed once; a link leading outside, or the point where listing stopped at
 * `TOPIC_PAGES_MAX_ENTRIES`, is a `file-skipped` finding), plus what a long-running server needs:
 * stamps for the kept index, folder checks for watcher events, and a listing that lets other
 * messages in every LIST_SLICE_MS (a page opened meanwhile gets its early check at once).
 */
export class NodeFileHost extends DiskHost implements ServiceHost {
  constructor(root: string) {
    super(root, { maxEntries: maxEntriesFromEnv(), sliceMs: LIST_SLICE_MS });
  }

  /** The file's size and modification time, as a read gives them (see `fileStamp`). */
  stampSync(path: string): string | undefined {
    try {
      const stat = statSync(join(this.root, ...path.split('/')), { throwIfNoEntry: false });
      return stat?.isFile() ? fileStamp(stat) : undefined;
    } catch {
      return undefined;
    }
  }

  /** True for a folder whose real path lies inside the workspace (the guard's own check). */
  async isFolder(path: string): Promise<boolean> {
    const where = this.guard.check(join(this.root, ...path.split('/')));
    if (!where.inside) return false;
    return (await fs.stat(where.real).catch(() => undefined))?.isDirectory() ?? false;
  }
}

/**
 * For tests of the index kept between sessions: a memory host whose files carry stamps, and a
 * memory store for the cache's text.
 */
import type { IndexStore } from '../../src/core/service/indexCache';
import { MemoryServiceHost } from './serviceHarness';

/** A memory host whose files carry stamps: a version bumped by `write`, and the length. */
export class StampedHost extends MemoryServiceHost {
  readonly versions = new Map<string, number>();
  /** Stamps kept as they were while the text changed (see `sneak`). */
  readonly pinned = new Map<string, string>();
  /** Pages read (config files left out). */
  pageReads = 0;

  stampSync(path: string): string | undefined {
    const content = this.files.get(path);
    if (content === undefined) return undefined;
    return this.pinned.get(path) ?? `${this.versions.get(path) ?? 0}:${content.length}`;
  }

  override async readFile(path: string): Promise<{ bytes: Uint8Array; stamp?: string } | { error: string }> {
    const read = await super.readFile(path);
    if (path.endsWith('.md')) this.pageReads++;
    const stamp = this.stampSync(path);
    return 'bytes' in read && stamp !== undefined ? { ...read, stamp } : read;
  }

  /** A change on disk, as a save gives it (a new stamp). */
  write(path: string, text: string): void {
    this.pinned.delete(path);
    this.files.set(path, text);
    this.versions.set(path, (this.versions.get(path) ?? 0) + 1);
  }

  /** A change on disk that keeps the stamp (a tool that restores the size and modification time). */
  sneak(path: string, text: string): void {
    const stamp = this.stampSync(path);
    this.files.set(path, text);
    if (stamp !== undefined) this.pinned.set(path, stamp);
  }

  /** The same files and stamps, as the next session's host sees them. */
  copy(): StampedHost {
    const next = new StampedHost(this.files);
    for (const [path, v] of this.versions) next.versions.set(path, v);
    for (const [path, s] of this.pinned) next.pinned.set(path, s);
    return next;
  }
}

export class MemoryStore implements IndexStore {
  writes = 0;
  constructor(public text: string | undefined = undefined) {}
  async read(): Promise<string | undefined> {
    return this.text;
  }
  async write(chunks: Iterable<string>): Promise<void> {
    this.writes++;
    this.text = [...chunks].join('');
  }
}


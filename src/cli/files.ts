// The files one CLI run sees: the workspace listing (made once), without what `.gitignore`
// excludes, plus the configuration file the user named, wherever it is.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileHost, FileRead } from '../core/engine';
import { decodeFile } from '../core/engine';
import { gitignoreMatcher } from './gitignore';
import { maxEntriesFromEnv, NodeFileHost } from '../node/fileHost';
import type { ListingProblem } from '../core/engine';

export class CliFileHost implements FileHost {
  private readonly inner: NodeFileHost;
  private all: readonly string[] | undefined;
  private visible: readonly string[] | undefined;
  /** Files `.gitignore` excluded from this run. */
  readonly gitignored = new Set<string>();

  /**
   * `config`: the `--config` file as the user typed it (`key`, the name the engine asks for and
   * error messages show) and its absolute path. It may lie outside the workspace: the user named it.
   */
  constructor(readonly root: string, readonly config?: { readonly key: string; readonly path: string }) {
    this.inner = new NodeFileHost(root, { maxEntries: maxEntriesFromEnv() });
  }

  /** A host for another thread of the same run: the files the run listed, not listed again. */
  static withListing(root: string, config: { readonly key: string; readonly path: string } | undefined, files: readonly string[]): CliFileHost {
    const host = new CliFileHost(root, config);
    host.all = files;
    return host;
  }

  get listingProblems(): readonly { path: string; reason: string }[] {
    return this.inner.listingProblems;
  }

  /** What the listing refused on purpose (links leading outside the workspace, the entry limit). */
  get refused(): readonly ListingProblem[] {
    return this.inner.refused;
  }

  /** Every file of the workspace, `.gitignore` or not (listed once). */
  async listAll(): Promise<readonly string[]> {
    this.all ??= await this.inner.listFiles();
    return this.all;
  }

  /** Drops what `.gitignore` files exclude from `listFiles` (`top`: the repository root). */
  async applyGitignore(top: string | undefined): Promise<void> {
    const all = await this.listAll();
    const ignored = await gitignoreMatcher(this.root, all, async (path) => {
      const r = await this.inner.readFile(path, 1_000_000);
      if (!('bytes' in r)) return undefined;
      const decoded = decodeFile(r.bytes);
      return 'text' in decoded ? decoded.text : undefined;
    }, top);
    this.visible = all.filter((f) => {
      if (!ignored(f)) return true;
      this.gitignored.add(f);
      return false;
    });
  }

  async listFiles(): Promise<readonly string[]> {
    return this.visible ?? (await this.listAll());
  }

  readFile(path: string, maxBytes?: number): Promise<FileRead> {
    return Promise.resolve(this.readFileSync(path, maxBytes));
  }

  readFileSync(path: string, maxBytes?: number): FileRead {
    if (this.config && path === this.config.key) return readOutside(this.config.path, maxBytes);
    return this.inner.readFileSync(path, maxBytes);
  }

  /** A page's text as the engine decodes it; undefined when it cannot be read as text. */
  textOf(path: string, maxFileSize: number): string | undefined {
    const read = this.readFileSync(path, maxFileSize);
    if (!('bytes' in read)) return undefined;
    const decoded = decodeFile(read.bytes, maxFileSize);
    return 'text' in decoded ? decoded.text : undefined;
  }
}

/** Reads a file the user named on the command line. */
function readOutside(path: string, maxBytes: number | undefined): FileRead {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { error: 'is a folder' };
    if (maxBytes !== undefined && stat.size > maxBytes) return { tooLarge: stat.size };
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < stat.size) {
      const n = readSync(fd, buffer, length, stat.size - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

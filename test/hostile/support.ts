// Shared by the hostile-input and property tests: an in-memory FileHost that
// records what it is asked for, and loaders for the example and corpus pages.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { FileHost } from '../../src/core/engine';
import { CORPUS_DIR } from '../helpers/corpus';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const EXAMPLES = join(REPO_ROOT, 'examples', 'docs');
export const CORPUS = join(CORPUS_DIR, 'articles');

/** A FileHost over a map of paths to contents. Records every read; can fail or change reads on demand. */
export class MemoryHost implements FileHost {
  readonly files = new Map<string, Uint8Array>();
  readonly reads: string[] = [];
  /** Paths whose readFile fails with the given reason. */
  readonly failing = new Map<string, string>();
  /** Called on every read, after recording it: may change `files` (a file edited or deleted mid-check). */
  onRead: ((path: string) => void) | undefined;

  constructor(files: Record<string, string | Uint8Array> | Map<string, string | Uint8Array> = {}) {
    const entries = files instanceof Map ? [...files] : Object.entries(files);
    for (const [path, content] of entries) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): this {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return this;
  }

  listFiles(): Promise<readonly string[]> {
    return Promise.resolve([...this.files.keys()].sort());
  }

  readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
    this.reads.push(path);
    this.onRead?.(path);
    const failure = this.failing.get(path);
    if (failure !== undefined) return Promise.resolve({ error: failure });
    const bytes = this.files.get(path);
    return Promise.resolve(bytes ? { bytes } : { error: 'no longer exists' });
  }
}

/** Every file under `dir` as workspace-relative `/` paths mapped to bytes. */
export function readTree(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) visit(full);
      else out.set(relative(dir, full).split(sep).join('/'), readFileSync(full));
    }
  };
  visit(dir);
  return out;
}

/** A MemoryHost holding a copy of examples/docs. */
export function examplesHost(): MemoryHost {
  return new MemoryHost(readTree(EXAMPLES));
}

/** Markdown pages of the example workspace, as path → text. */
export function examplePages(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, bytes] of readTree(EXAMPLES)) if (path.endsWith('.md') && path.startsWith('articles/')) out.set(path, new TextDecoder().decode(bytes));
  return out;
}

/** Topic pages and other Markdown of the auth0-docs corpus (path → text); empty when the corpus is absent. */
export function corpusPages(limit = 200): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(CORPUS)) return out;
  for (const [path, bytes] of readTree(CORPUS)) {
    if (!path.endsWith('.md')) continue;
    out.set(`articles/corpus/${path}`, new TextDecoder().decode(bytes));
    if (out.size >= limit) break;
  }
  return out;
}

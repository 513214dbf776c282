/**
 * Where the shared test data lives (`<repo>/../shared`: the Users seed page and the
 * auth0-docs corpus) and how to build a workspace that routes like the real docs repo.
 * Tests that use it skip when the data is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { UserConfig } from '../../src/core/config';

/** The repository root: the nearest folder above this file whose package.json is ours. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'topic-pages') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no topic-pages package.json above ${__dirname}`);
    dir = up;
  }
}

/** A path under the shared data folder next to the repository (`<repo>/../shared/...`). */
export function sharedPath(...segments: string[]): string {
  return join(repoRoot(), '..', 'shared', ...segments);
}

export const CORPUS_DIR = sharedPath('corpus', 'auth0-docs');
export const SEED_FILE = sharedPath('seed', 'users-topic-page.md');

/** The config the corpus is checked with: routes under `articles/`, links may carry either site base. */
export const CORPUS_CONFIG: UserConfig = { docsRoot: 'articles', siteBases: ['/docs', 'https://auth0.com/docs'] };

/** Every `articles/**.md` path the corpus knows exists: PATHS.txt plus PATHS-read-only.txt (comments dropped). */
export function corpusPaths(): string[] {
  const out = new Set<string>();
  for (const list of ['PATHS.txt', 'PATHS-read-only.txt']) {
    for (const line of readFileSync(join(CORPUS_DIR, list), 'utf8').split(/\r?\n/)) {
      const path = line.trim();
      if (path !== '' && !path.startsWith('#')) out.add(path);
    }
  }
  return [...out].sort();
}

/** A stand-in page for a path we only know the name of: front matter with a title, nothing else. */
export function stubPage(path: string): string {
  const name = path.replace(/\/index\.md$|\.md$/i, '').split('/').pop() ?? path;
  return `---\ntitle: ${JSON.stringify(name)}\n---\n`;
}

/** Files for an Engine: every corpus path as a stub page, then `overrides` (real page texts) on top. */
export function stubWorkspace(overrides: Readonly<Record<string, string | Uint8Array>> = {}): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  for (const path of corpusPaths()) files[path] = stubPage(path);
  return { ...files, ...overrides };
}

/** The corpus's own files under `articles/`, as bytes read from disk, by workspace path. */
export function corpusArticles(): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const visit = (rel: string): void => {
    for (const entry of readdirSync(join(CORPUS_DIR, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) out[path] = readFileSync(join(CORPUS_DIR, path));
    }
  };
  visit('articles');
  return out;
}

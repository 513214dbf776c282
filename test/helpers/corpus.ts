/**
 * Where the shared test data lives (`<repo>/../shared`: the Users seed page and the
 * auth0-docs corpus) and how to build a workspace that routes like the real docs repo.
 * A test that needs it asks `sharedDataMissing()`: locally it skips with the reason when the data
 * is absent; when the environment variable CI is set, absent data fails the run instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/**
 * The shared data folder: `<repo>/../shared`, or the folder the environment variable
 * TOPIC_PAGES_SHARED_DIR names (point it at a missing folder to see what skips without the data).
 */
export const SHARED_DIR = process.env['TOPIC_PAGES_SHARED_DIR'] ? resolve(process.env['TOPIC_PAGES_SHARED_DIR']) : join(repoRoot(), '..', 'shared');

/** A path under the shared data folder. */
export function sharedPath(...segments: string[]): string {
  return join(SHARED_DIR, ...segments);
}

/** True when the environment variable CI is set (to anything but `false` or `0`), as CI services do. */
export function inCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Why a test needing the shared files or folders `paths` cannot run: undefined when they all exist,
 * else the reason, for the test's `skip` option so that each test skips visibly with it. When CI
 * is set it throws instead: missing shared data then fails the test file rather than passing it.
 */
export function sharedDataMissing(...paths: string[]): string | undefined {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return undefined;
  const reason = `shared test data not found: ${missing.join(', ')}`;
  if (inCi()) throw new Error(`${reason}. CI is set, so this fails instead of skipping: lay out the shared data next to the repository.`);
  return reason;
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

/** Every file of the bundled example workspace (`examples/docs`), by workspace path, as text. */
export function exampleFiles(): Map<string, string> {
  const root = join(repoRoot(), 'examples', 'docs');
  const files = new Map<string, string>();
  const visit = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path);
      else files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  visit('');
  return files;
}

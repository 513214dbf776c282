// A throwaway copy of the example workspace (examples/docs) for editor tests:
// the suites rename, delete and edit files, so they never touch the repository's copy.
// A marker file lets the suite refuse to run anywhere else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MARKER = '.topic-pages-test-workspace';

/** Copies examples/docs into a fresh temp folder and returns its path. */
export function prepareWorkspace({ prefix = 'topic-pages-ws-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(repoRoot, 'examples', 'docs'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER), 'A copy of examples/docs made for an editor test run; safe to delete.\n');
  return dir;
}

/** The real data (never copied into the repository): ../shared beside the repository. */
export const SHARED = path.resolve(repoRoot, '..', 'shared');
export const SEED = path.join(SHARED, 'seed', 'users-topic-page.md');
export const CORPUS = path.join(SHARED, 'corpus', 'auth0-docs');
/** Where the seed goes in the corpus workspace: it is the corpus's Users topic page (route /users). */
export const SEED_PATH = 'articles/users/index.md';

/**
 * A throwaway workspace made of the auth0-docs corpus's `articles/` with the seed page as
 * `articles/users/index.md` and a `topic-pages.json` for the site's routes; undefined when
 * ../shared has no seed or corpus.
 */
export function prepareCorpusWorkspace({ prefix = 'topic-pages-corpus-' } = {}) {
  if (!fs.existsSync(SEED) || !fs.existsSync(path.join(CORPUS, 'articles'))) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(CORPUS, 'articles'), path.join(dir, 'articles'), { recursive: true });
  fs.copyFileSync(SEED, path.join(dir, ...SEED_PATH.split('/')));
  fs.writeFileSync(path.join(dir, 'topic-pages.json'), `${JSON.stringify({ docsRoot: 'articles', siteBases: ['/docs', 'https://auth0.com/docs'] }, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, MARKER), 'A copy of the auth0-docs corpus and the seed page made for an editor test run; safe to delete.\n');
  return dir;
}

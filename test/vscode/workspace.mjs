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

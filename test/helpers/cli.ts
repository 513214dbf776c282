/** The CLI run in process, as a shell would run it, and temp workspaces for it: shared by the CLI tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { run } from '../../src/cli/main';

/** The repository root. */
export const repo = resolve(__dirname, '../..');

/** What one CLI run printed and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `topic-pages <args>` in `cwd` (the repository by default), stderr not a terminal. */
export async function cli(args: string[], cwd = repo): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, stderrIsTty: false });
  return { code, stdout, stderr };
}

/** A fresh temp folder holding `files` (workspace path → text), named after `label`. */
export function workspace(files: Record<string, string>, label = 'cli'): string {
  const dir = mkdtempSync(join(tmpdir(), `topic-pages-${label}-`));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

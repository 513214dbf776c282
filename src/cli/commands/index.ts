import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { WorkspaceIndex } from '../../core/workspace';
import type { CommandWorkspace } from './io';
import { linksCommand } from './links';
import { orphansCommand } from './orphans';
import { taxonomyCommand } from './taxonomy';

export const AUTHORING_COMMANDS = ['orphans', 'links', 'taxonomy'] as const;
export type AuthoringCommand = (typeof AUTHORING_COMMANDS)[number];

/** Runs `orphans`, `links` or `taxonomy` on a loaded workspace; resolves to the exit code. */
export function runAuthoringCommand(
  command: AuthoringCommand,
  options: {
    workspace: CommandWorkspace;
    root: string;
    to: string | undefined;
    format: string;
    io: { stdout(text: string): void; stderr(text: string): void; cwd: string };
    display: (path: string) => string;
  },
): number {
  const { io } = options;
  if (options.format === 'sarif') {
    io.stderr(`topic-pages: ${command} prints text or --format json, not sarif\n`);
    return 2;
  }
  const ctx = { workspace: options.workspace, format: options.format === 'json' ? ('json' as const) : ('text' as const), stdout: io.stdout, stderr: io.stderr, display: options.display };
  if (command === 'orphans') return orphansCommand(ctx);
  if (command === 'taxonomy') return taxonomyCommand(ctx);
  if (options.to === undefined || options.to.trim() === '') {
    io.stderr('topic-pages: links needs --to <route or file>\n');
    return 2;
  }
  return linksCommand(ctx, workspaceTarget(options.to, options.root, io.cwd, options.workspace.index));
}

/** A file named relative to the current folder becomes a workspace path; anything else is passed on (a route, a workspace path). */
function workspaceTarget(to: string, root: string, cwd: string, index: WorkspaceIndex): string {
  if (index.summary(to)) return to;
  const full = resolve(cwd, to);
  if (/\.md$/i.test(to) && existsSync(full)) {
    const rel = relative(root, full).split(sep).join('/');
    if (!rel.startsWith('..')) return rel;
  }
  return to;
}

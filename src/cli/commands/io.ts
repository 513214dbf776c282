import type { Settings, WorkspaceIndex } from '../../core/workspace';

/** The loaded workspace: its index (summaries), settings, and each page's text read again on demand. */
export interface CommandWorkspace {
  readonly index: WorkspaceIndex;
  readonly settings: Settings;
  textOf(path: string): string | undefined;
}

/** What an authoring command needs: the loaded workspace, where to print, and how to show a workspace path. */
export interface CommandContext {
  readonly workspace: CommandWorkspace;
  readonly format: 'text' | 'json';
  stdout(text: string): void;
  stderr(text: string): void;
  /** A workspace path as the user should see it (relative to the current folder). */
  display(path: string): string;
}

import type { Engine } from '../../core/engine';

/** What an authoring command needs: the loaded workspace, where to print, and how to show a workspace path. */
export interface CommandContext {
  readonly engine: Engine;
  readonly format: 'text' | 'json';
  stdout(text: string): void;
  stderr(text: string): void;
  /** A workspace path as the user should see it (relative to the current folder). */
  display(path: string): string;
}

// The VS Code client of the Topic Pages engine. activate() only assembles the
// parts; each part lives in its own module and is disposed with the extension.
import * as vscode from 'vscode';
import type { Engine } from '../core/engine';
import { fixAllInEditor, FIX_ALL_KIND, TopicCodeActions } from './codeActions';
import { DiagnosticsController } from './diagnostics';
import { TopicWorkspace } from './topicWorkspace';

/** What the extension exports, for integration tests and other extensions. */
export interface TopicPagesApi {
  /** Resolves once every workspace folder is indexed and its pages checked. */
  readonly ready: Promise<void>;
  /** The engine of the folder holding `uri` (the first folder when omitted). */
  engine(uri?: vscode.Uri): Engine | undefined;
  /** Resolves when no check is pending. */
  whenIdle(): Promise<void>;
}

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function activate(context: vscode.ExtensionContext): TopicPagesApi {
  const workspace = new TopicWorkspace();
  const diagnostics = new DiagnosticsController(workspace, context.extensionUri);
  const codeActions = new TopicCodeActions(workspace, diagnostics);

  const commands: Record<string, (...args: never[]) => unknown> = {
    'topicPages.checkWorkspace': () => workspace.loadAll(),
    'topicPages.fixAll': () => fixAllInEditor(codeActions),
  };

  context.subscriptions.push(
    workspace,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, codeActions, TopicCodeActions.metadata),
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
  );
  void FIX_ALL_KIND;

  // Indexing starts after activate returns, so the editor never waits for it.
  const ready = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      workspace.loadAll().then(() => diagnostics.whenIdle()).then(resolve, reject);
    }, 0);
  });

  return {
    ready,
    engine: (uri) => (uri ? workspace.locate(uri)?.index.engine : workspace.indexes()[0]?.engine),
    whenIdle: () => diagnostics.whenIdle(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

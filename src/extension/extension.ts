// The VS Code client of the Topic Pages engine. activate() only assembles the
// parts; each part lives in its own module and is disposed with the extension.
import * as vscode from 'vscode';
import type { Engine } from '../core/engine';
import { fixAllInEditor, TopicCodeActions } from './codeActions';
import { DiagnosticsController } from './diagnostics';
import { TopicLanguageFeatures } from './languageFeatures';
import { LinkUpdater } from './linkUpdater';
import { newTopicPage } from './newTopicPage';
import { TopicStatusBar } from './statusBar';
import { copyRoute, goToLinkInSource, openTarget, revealInExplorer, TopicTreeProvider, TopicTreeView, VIEW_ID, type TopicElement } from './topicTreeView';
import { TopicWorkspace } from './topicWorkspace';
import type { TreeSnapshotNode } from '../core/features/treeModel';

/** What the extension exports, for integration tests and other extensions. */
export interface TopicPagesApi {
  /** Resolves once every workspace folder is indexed and its pages checked. */
  readonly ready: Promise<void>;
  /** The engine of the folder holding `uri` (the first folder's when omitted). */
  engine(uri?: vscode.Uri): Engine | undefined;
  /** The topic tree as the view shows it (labels, descriptions with problem counts, kinds, ids). */
  treeSnapshot(options?: { maxDepth?: number; maxNodes?: number }): TreeSnapshotNode[];
  /** Resolves when no check is pending or running. */
  whenIdle(): Promise<void>;
}

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function activate(context: vscode.ExtensionContext): TopicPagesApi {
  const workspace = new TopicWorkspace();
  const diagnostics = new DiagnosticsController(workspace, context.extensionUri);
  const codeActions = new TopicCodeActions(workspace, diagnostics);
  const features = new TopicLanguageFeatures(workspace);
  const treeProvider = new TopicTreeProvider(workspace, diagnostics);
  const tree = new TopicTreeView(treeProvider, workspace);

  const commands: Record<string, (...args: never[]) => unknown> = {
    'topicPages.newTopicPage': (folder?: vscode.Uri) => newTopicPage(workspace, folder),
    'topicPages.checkWorkspace': () => workspace.loadAll(),
    'topicPages.showTree': async () => {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      await tree.reveal(vscode.window.activeTextEditor?.document.uri, false);
    },
    'topicPages.fixAll': () => fixAllInEditor(codeActions),
    'topicPages.tree.refresh': () => workspace.loadAll(),
    'topicPages.tree.revealActive': () => tree.reveal(vscode.window.activeTextEditor?.document.uri, true),
    'topicPages.tree.open': (element: TopicElement) => openTarget(element),
    'topicPages.tree.goToLink': (element: TopicElement) => goToLinkInSource(element),
    'topicPages.tree.copyRoute': (element: TopicElement) => copyRoute(element),
    'topicPages.tree.revealInExplorer': (element: TopicElement) => revealInExplorer(element),
  };

  context.subscriptions.push(
    workspace,
    diagnostics,
    tree,
    new LinkUpdater(workspace),
    new TopicStatusBar(workspace, diagnostics),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, codeActions, TopicCodeActions.metadata),
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, features),
    vscode.languages.registerDefinitionProvider(MARKDOWN, features),
    vscode.languages.registerHoverProvider(MARKDOWN, features),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, features, '/', '"', "'", ':', '-'),
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN, features, { label: 'Topic Pages' }),
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
  );
  void vscode.commands.executeCommand('setContext', 'topicPages.active', true);

  // Indexing starts after activate returns, so the editor never waits for it.
  const ready = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      workspace
        .loadAll()
        .then(() => diagnostics.whenIdle())
        .then(() => vscode.commands.executeCommand('setContext', 'topicPages.indexed', true))
        .then(() => resolve(), reject);
    }, 0);
  });

  return {
    ready,
    engine: (uri) => (uri ? workspace.locate(uri)?.index.engine : workspace.indexes()[0]?.engine),
    treeSnapshot: (options) => treeProvider.snapshot(options),
    whenIdle: () => diagnostics.whenIdle(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

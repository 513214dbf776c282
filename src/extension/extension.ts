// The VS Code client of the Topic Pages language server. activate() only wires: the language
// client (the server runs in its own process and holds the index), the Topic Pages view, the
// status bar entry and the commands. Nothing here reads or checks pages.
import * as vscode from 'vscode';
import { registerAuthoring, type AuthoringApi } from './authoring';
import { EXPLAIN_BROKEN_LINK, explainBrokenLink } from './brokenLinks';
import { createClient, rulesDocs } from './client';
import { LinkUpdates } from './linkUpdatePrompt';
import { newTopicPage } from './newTopicPage';
import { CHECK_WORKSPACE, SNAPSHOT, STATUS, STATUS_CHANGED, WHEN_IDLE, type ServerStatus, type TreeNode, type TreeSnapshotNode } from './protocol';
import { TopicStatusBar } from './statusBar';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { copyRoute, goToLinkInSource, openTarget, revealInExplorer, TopicTreeProvider, TopicTreeView, VIEW_ID } from './topicTreeView';

/** What the extension exports, for integration tests and other extensions. */
export interface TopicPagesApi extends AuthoringApi {
  /** When activate() started (Date.now()), for the editor benchmark. */
  readonly activatedAt: number;
  /** Resolves once the server runs and every workspace folder is indexed and its pages checked. */
  readonly ready: Promise<void>;
  /** The topic tree as the view shows it (labels, descriptions with problem counts, kinds, ids). */
  treeSnapshot(options?: { maxDepth?: number; maxNodes?: number }): Promise<TreeSnapshotNode[]>;
  /** The server's page and problem counts. */
  status(): Promise<ServerStatus>;
  /** Resolves when the server has no check pending or running. */
  whenIdle(): Promise<void>;
}

const FIX_ALL_KIND = 'source.fixAll.topicPages';

/** Applies the `source.fixAll.topicPages` action of the active editor, if the server offers one. */
async function fixAllInEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    // Run from a key binding with the focus elsewhere (the palette offers it only on a page).
    void vscode.window.showInformationMessage('Topic Pages: open a page in the editor to fix its problems.');
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND);
  const action = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === FIX_ALL_KIND && a.edit !== undefined);
  if (!action?.edit) {
    vscode.window.setStatusBarMessage('Topic Pages: nothing to fix automatically', 3000);
    return;
  }
  // The editor refuses an edit it cannot apply (the page changed meanwhile, or cannot be written): say so.
  if (!(await vscode.workspace.applyEdit(action.edit))) void vscode.window.showWarningMessage('Topic Pages: the fixes could not be applied (the page may have changed meanwhile). Run the command again.');
}

export function activate(context: vscode.ExtensionContext): TopicPagesApi {
  const activatedAt = Date.now();
  const linkUpdates = new LinkUpdates();
  const client = createClient(context, linkUpdates);
  const trace = process.env['TOPIC_PAGES_TRACE_TIMING'] ? (message: string) => client.outputChannel.appendLine(`Topic Pages: timing ${message} @${Date.now()}`) : undefined;
  const treeProvider = new TopicTreeProvider(client, trace);
  const tree = new TopicTreeView(treeProvider, client);
  const statusBar = new TopicStatusBar();
  const checkWorkspace = async (): Promise<void> => {
    await client.sendRequest(CHECK_WORKSPACE, {});
  };

  const commands: Record<string, (...args: never[]) => unknown> = {
    'topicPages.newTopicPage': (folder?: vscode.Uri) => newTopicPage(folder),
    'topicPages.checkWorkspace': checkWorkspace,
    'topicPages.showTree': async () => {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      await tree.reveal(vscode.window.activeTextEditor?.document.uri, false);
    },
    'topicPages.fixAll': fixAllInEditor,
    'topicPages.tree.refresh': checkWorkspace,
    'topicPages.tree.revealActive': () => tree.reveal(vscode.window.activeTextEditor?.document.uri, true),
    'topicPages.tree.open': (node: TreeNode) => openTarget(node),
    'topicPages.tree.goToLink': (node: TreeNode) => goToLinkInSource(node),
    'topicPages.tree.copyRoute': (node: TreeNode) => copyRoute(node),
    'topicPages.tree.revealInExplorer': (node: TreeNode) => revealInExplorer(node),
    [EXPLAIN_BROKEN_LINK]: (message?: string) => explainBrokenLink(message),
  };

  context.subscriptions.push(
    client,
    new WorkspaceDiagnostics(client, rulesDocs(context), trace),
    linkUpdates,
    tree,
    statusBar,
    client.onNotification(STATUS_CHANGED, (status: ServerStatus) => {
      statusBar.update(status);
      tree.showStatus(status);
    }),
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
  );
  void vscode.commands.executeCommand('setContext', 'topicPages.active', true);
  // Preview, link picker, backlinks, orphans, drag and drop: src/extension/authoring.
  const authoring = registerAuthoring(context, client, treeProvider);

  const whenIdle = async (): Promise<void> => {
    await client.sendRequest(WHEN_IDLE, {});
  };
  // The server starts indexing once initialized; activation never waits for it.
  const ready = client.start().then(async () => {
    // The view may have asked for its roots before the server ran: it shows what is indexed so far.
    treeProvider.changedOnServer();
    await whenIdle();
    const status = await client.sendRequest<ServerStatus>(STATUS, {});
    statusBar.update(status);
    tree.showStatus(status);
    await vscode.commands.executeCommand('setContext', 'topicPages.indexed', true);
    // The view may have asked for its roots before the first index ended: compare them once more.
    treeProvider.changedOnServer();
  });
  ready.catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Topic Pages: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });

  return {
    ...authoring,
    activatedAt,
    ready,
    treeSnapshot: async (options) => {
      await ready;
      return client.sendRequest<TreeSnapshotNode[]>(SNAPSHOT, options ?? {});
    },
    status: async () => {
      await ready;
      return client.sendRequest<ServerStatus>(STATUS, {});
    },
    whenIdle: async () => {
      await ready;
      await whenIdle();
    },
  };
}

export function deactivate(): void {
  // The client (and with it the server process) is disposed through context.subscriptions.
}

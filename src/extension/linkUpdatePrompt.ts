import * as vscode from 'vscode';

export type UpdateMode = 'prompt' | 'always' | 'never';

type WillRename = (event: vscode.FileWillRenameEvent) => Thenable<vscode.WorkspaceEdit | null | undefined>;

/** "3 links in 2 files", counting the text edits of `edit`. */
export function describeEdit(edit: vscode.WorkspaceEdit): string {
  const entries = edit.entries();
  const links = entries.reduce((n, [, edits]) => n + edits.length, 0);
  const files = entries.filter(([, edits]) => edits.length > 0).length;
  return `${links} ${links === 1 ? 'link' : 'links'} in ${files} ${files === 1 ? 'file' : 'files'}`;
}

/** Where `uri` is after the renames: itself, or under a renamed file or folder's new place. */
export function movedUri(uri: vscode.Uri, files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): vscode.Uri {
  for (const { oldUri, newUri } of files) {
    if (uri.scheme !== oldUri.scheme || uri.authority !== oldUri.authority) continue;
    if (uri.path === oldUri.path) return newUri;
    const folder = oldUri.path.endsWith('/') ? oldUri.path : `${oldUri.path}/`;
    if (uri.path.startsWith(folder)) return newUri.with({ path: `${newUri.path.replace(/\/$/, '')}/${uri.path.slice(folder.length)}` });
  }
  return uri;
}

/**
 * Link updates after a rename or move (setting `topicPages.links.updateOnMove`). The server
 * computes the href edits from the workspace as it was before the move (LSP willRenameFiles);
 * the client keeps them instead of handing them to VS Code as a rename participant, whose
 * modal confirmation would block the move, and applies them once the move is done: at once
 * ("always"), after asking in a notification ("prompt"), or never. The edit is a refactoring:
 * VS Code saves the changed files when `files.refactoring.autoSave` says so, else they stay unsaved.
 */
export class LinkUpdates implements vscode.Disposable {
  private pending: { edit: vscode.WorkspaceEdit; files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[] } | undefined;
  private readonly listener = vscode.workspace.onDidRenameFiles((event) => {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.offer(pending.edit, event.files).catch((error: unknown) => console.error('Topic Pages: could not update links', error));
  });

  /** The client middleware for willRenameFiles: asks the server, keeps the answer, returns nothing to VS Code. */
  async willRename(event: vscode.FileWillRenameEvent, next: WillRename): Promise<null> {
    this.pending = undefined;
    if (this.mode(event.files[0]?.oldUri) === 'never') return null;
    const edit = await next(event);
    if (edit && edit.size > 0) this.pending = { edit, files: event.files };
    return null;
  }

  private mode(scope: vscode.Uri | undefined): UpdateMode {
    const value = vscode.workspace.getConfiguration('topicPages', scope).get<string>('links.updateOnMove', 'prompt');
    return value === 'always' || value === 'never' ? value : 'prompt';
  }

  private async offer(computed: vscode.WorkspaceEdit, files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    for (const [uri, edits] of computed.entries()) edit.set(movedUri(uri, files), edits);
    const scope = files[0]?.oldUri;
    const mode = this.mode(scope);
    if (mode === 'never') return;
    if (mode === 'prompt') {
      const choice = await vscode.window.showInformationMessage(`Update ${describeEdit(edit)} that pointed to the moved page?`, 'Update', 'Always', 'Never');
      if (choice === 'Always' || choice === 'Never') {
        await vscode.workspace.getConfiguration('topicPages', scope).update('links.updateOnMove', choice.toLowerCase(), vscode.ConfigurationTarget.Workspace);
      }
      if (choice !== 'Update' && choice !== 'Always') return;
    }
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }

  dispose(): void {
    this.listener.dispose();
  }
}

// "Add Link to Topic Page…": pick any page (fuzzy on title, route and description) and insert a
// link to it into the active topic page at the cursor, or after the selected tree item. The
// server computes the edit; it is applied as one undoable WorkspaceEdit.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { TreeNode } from '../protocol';

export const PAGES = 'topicPages/pages';
export const INSERT_LINK = 'topicPages/insertLink';

import type { PageItem } from '../../server/authoring';

export type { PageItem };

export interface EditAnswer {
  readonly edit?: WorkspaceEdit;
  readonly reason?: string;
}

type Position = { line: number; character: number };

/** The editor's version of the open document `uri` (the server refuses an edit computed on another). */
export function versionOf(uri: string): { version?: number } {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  return doc ? { version: doc.version } : {};
}

/** Applies a server edit as one undoable change; shows the reason when there is none. */
export async function applyAnswer(client: BaseLanguageClient, answer: EditAnswer, what: string): Promise<boolean> {
  if (!answer.edit) {
    void vscode.window.showWarningMessage(`Topic Pages: cannot ${what}: ${answer.reason ?? 'no edit'}`);
    return false;
  }
  return vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(answer.edit));
}

/** Where the link goes: the selected tree item (after it; a root topic page: at its end), else the active editor's cursor. */
function destination(node: TreeNode | undefined): { uri: string; position?: Position; item?: Position } | undefined {
  if (node?.source) return { uri: node.source.uri, item: node.source.range.start };
  if (node?.targetUri) return { uri: node.targetUri };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line, character } };
}

/**
 * The command. `node`: a tree item (from the view's context menu); `targetUri`: the page to
 * link to without asking (for keybindings and tests).
 */
export async function addLinkToTopicPage(client: BaseLanguageClient, node?: TreeNode, targetUri?: string): Promise<boolean> {
  const where = destination(node && typeof node === 'object' && 'id' in node ? node : undefined);
  if (!where) {
    void vscode.window.showInformationMessage('Topic Pages: open a topic page (or select an item in the Topic Pages view) to add a link to it.');
    return false;
  }
  let target = targetUri;
  if (target === undefined) {
    const pages = await client.sendRequest<PageItem[]>(PAGES, {});
    const picked = await vscode.window.showQuickPick(
      pages
        .filter((p) => p.uri !== where.uri)
        .map((p) => ({ label: p.title, description: p.route, detail: p.description, iconPath: new vscode.ThemeIcon(p.isTopicPage ? 'list-tree' : 'file'), uri: p.uri })),
      { title: 'Add Link to Topic Page', placeHolder: 'The page to link to (search by title, route or description)', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return false;
    target = picked.uri;
  }
  const answer = await client.sendRequest<EditAnswer>(INSERT_LINK, { ...where, target, ...versionOf(where.uri) });
  return applyAnswer(client, answer, 'add the link');
}

import * as vscode from 'vscode';
import { slugForTitle, topicPageTemplate } from './template';
import type { FolderIndex, TopicWorkspace } from './topicWorkspace';

/**
 * Asks for a title and a description, creates `<folder>/<slug>/index.md` from
 * the template (in the folder chosen in the Explorer, else the docs root) and opens it.
 */
export async function newTopicPage(workspace: TopicWorkspace, folderUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let parent = folderUri instanceof vscode.Uri ? folderUri : undefined;
  if (!parent) {
    const indexes = workspace.indexes();
    let index: FolderIndex | undefined = indexes[0];
    if (indexes.length > 1) {
      const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new topic page' });
      if (!picked) return undefined;
      index = indexes.find((i) => i.folder.uri.toString() === picked.uri.toString());
    }
    if (!index) {
      void vscode.window.showWarningMessage('Open a folder to create a topic page in it.');
      return undefined;
    }
    const docsRoot = index.engine?.settings.docsRoot ?? '';
    parent = index.uriOf(docsRoot);
  }
  const title = await vscode.window.showInputBox({
    title: 'New Topic Page (1/2)',
    prompt: 'Title of the topic page',
    placeHolder: 'e.g. Users and Roles',
    validateInput: (v) => (v.trim() ? undefined : 'A topic page needs a title.'),
  });
  if (title === undefined) return undefined;
  const description = await vscode.window.showInputBox({
    title: 'New Topic Page (2/2)',
    prompt: 'One-sentence description, shown under links to this page',
    validateInput: (v) => (v.trim() ? undefined : 'A topic page needs a description.'),
  });
  if (description === undefined) return undefined;
  const uri = vscode.Uri.joinPath(parent, slugForTitle(title.trim()), 'index.md');
  try {
    await vscode.workspace.fs.stat(uri);
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} already exists.`);
    return undefined;
  } catch {
    // Does not exist yet: good.
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { contents: new TextEncoder().encode(topicPageTemplate(title.trim(), description.trim())) });
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  await vscode.window.showTextDocument(uri);
  return uri;
}

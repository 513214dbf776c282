import * as vscode from 'vscode';
import { slugForTitle, topicPageTemplate } from './template';

/** The folder where new topic pages go: the docs root (as the server resolves it) of `folder`. */
async function docsRootOf(folder: vscode.WorkspaceFolder): Promise<vscode.Uri> {
  const setting = vscode.workspace.getConfiguration('topicPages', folder.uri).get<string>('docsRoot', '').trim();
  let fromFile: unknown;
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'topic-pages.json'));
    fromFile = (JSON.parse(new TextDecoder().decode(bytes)) as { docsRoot?: unknown }).docsRoot;
  } catch {
    // No (readable) configuration file: the setting or the default applies.
  }
  const configured = typeof fromFile === 'string' && fromFile.trim() ? fromFile.trim() : setting;
  if (configured) return vscode.Uri.joinPath(folder.uri, ...configured.split('/').filter((s) => s && s !== '.'));
  const articles = vscode.Uri.joinPath(folder.uri, 'articles');
  try {
    if ((await vscode.workspace.fs.stat(articles)).type & vscode.FileType.Directory) return articles;
  } catch {
    // No `articles` folder: the workspace folder is the docs root.
  }
  return folder.uri;
}

/**
 * Asks for a title and a description, creates `<folder>/<slug>/index.md` from
 * the template (in the folder chosen in the Explorer, else the docs root) and opens it.
 */
export async function newTopicPage(folderUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let parent = folderUri instanceof vscode.Uri ? folderUri : undefined;
  if (!parent) {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let folder: vscode.WorkspaceFolder | undefined = folders[0];
    if (folders.length > 1) {
      folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new topic page' });
      if (!folder) return undefined;
    }
    if (!folder) {
      void vscode.window.showWarningMessage('Open a folder to create a topic page in it.');
      return undefined;
    }
    parent = await docsRootOf(folder);
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

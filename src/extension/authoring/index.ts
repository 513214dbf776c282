// Authoring in the editor: the preview's workspace context, "Add Link to Topic Page…", the
// "Linked From" and "Orphan Pages" views and drag and drop in the Topic Pages view. Each edit
// is computed by the language server (src/server/authoring.ts) and applied here as one
// undoable WorkspaceEdit.
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { TreeNode } from '../protocol';
import { addLinkToTopicPage } from './addLink';
import { TopicPreview } from './preview';

/** What activate() adds to the extension's API. */
export interface AuthoringApi {
  /** Called by VS Code's Markdown preview (`markdown.markdownItPlugins`). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function registerAuthoring(context: vscode.ExtensionContext, client: BaseLanguageClient, tree: { readonly onDidChangeTreeData: vscode.Event<unknown> }): AuthoringApi {
  const preview = new TopicPreview(client);
  context.subscriptions.push(
    preview,
    tree.onDidChangeTreeData(() => preview.treeChanged()),
    vscode.commands.registerCommand('topicPages.addLink', (node?: TreeNode, targetUri?: string) => addLinkToTopicPage(client, node, targetUri)),
  );
  return { extendMarkdownIt: (md) => preview.extendMarkdownIt(md) };
}

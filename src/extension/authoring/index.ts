// Authoring in the editor: the preview's workspace context, "Add Link to Topic Page…", the
// "Linked From" and "Orphan Pages" views and drag and drop in the Topic Pages view. Each edit
// is computed by the language server (src/server/authoring.ts) and applied here as one
// undoable WorkspaceEdit.
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { TreeNode } from '../protocol';
import { addLinkToTopicPage } from './addLink';
import { registerFrontMatterAuthoring } from './frontMatter';
import { registerLinkViews, type ViewRow } from './linkViews';
import { TopicPreview } from './preview';

/** What activate() adds to the extension's API. */
export interface AuthoringApi {
  /** Called by VS Code's Markdown preview (`markdown.markdownItPlugins`). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The rows of the "Linked From" view for `uri` (default: the page it shows). */
  linkedFrom(uri?: vscode.Uri): Promise<ViewRow[]>;
  /** The rows of the "Orphan Pages" view. */
  orphans(): Promise<ViewRow[]>;
}

export function registerAuthoring(context: vscode.ExtensionContext, client: BaseLanguageClient, tree: { readonly onDidChangeTreeData: vscode.Event<unknown> }): AuthoringApi {
  const preview = new TopicPreview(client);
  context.subscriptions.push(
    preview,
    tree.onDidChangeTreeData(() => preview.treeChanged()),
    registerFrontMatterAuthoring(client),
    vscode.commands.registerCommand('topicPages.addLink', (node?: TreeNode, targetUri?: string) => addLinkToTopicPage(client, node, targetUri)),
  );
  const views = registerLinkViews(context, client, tree.onDidChangeTreeData);
  return {
    extendMarkdownIt: (md) => preview.extendMarkdownIt(md),
    linkedFrom: (uri) => {
      if (uri) views.linkedFrom.page = uri;
      return views.linkedFrom.current();
    },
    orphans: () => views.orphans.current(),
  };
}

// Drag and drop in the Topic Pages view. Within one page: drop an item onto another item of the
// same list to take its place (reorder), onto any other item of that page to nest under it (as
// its last item), or onto the page itself to move it to the end of the top level. Onto another
// page (or an item of it): a Markdown file from the Explorer, or a page item from the tree, is
// added as a new link. Every edit comes from the server and is one undoable WorkspaceEdit.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { TreeNode } from '../protocol';
import { applyAnswer, INSERT_LINK, versionOf, type EditAnswer } from './addLink';
import { insertionPoint, planTreeDrop, type DropPlan } from './dropPlan';

export const MOVE_LINK = 'topicPages/moveLink';
/** VS Code's mime type for items dragged from the view `topicPages.tree`. */
export const TREE_MIME = 'application/vnd.code.tree.topicpages.tree';
const URI_LIST = 'text/uri-list';

export class TopicDragAndDrop implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = [URI_LIST];
  readonly dropMimeTypes = [TREE_MIME, URI_LIST];

  constructor(private readonly client: BaseLanguageClient) {}

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    dataTransfer.set(TREE_MIME, new vscode.DataTransferItem(source));
    // Dragged into an editor: the pages' files.
    const uris = source.map((n) => n.targetUri).filter((u): u is string => u !== undefined);
    if (uris.length > 0) dataTransfer.set(URI_LIST, new vscode.DataTransferItem(uris.join('\r\n')));
  }

  private busy = false;

  async handleDrop(target: TreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    // One drop at a time: a second drop of nodes from before the first edit would name stale positions.
    if (this.busy) return;
    this.busy = true;
    try {
      await this.drop(target, dataTransfer, token);
    } finally {
      this.busy = false;
    }
  }

  private async drop(target: TreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    const inTree = dataTransfer.get(TREE_MIME);
    if (inTree) {
      const nodes = inTree.value as readonly TreeNode[];
      for (const node of nodes) {
        if (token.isCancellationRequested) return;
        await this.run(planTreeDrop(node, target));
      }
      return;
    }
    const list = await dataTransfer.get(URI_LIST)?.asString();
    if (!list || !target) return;
    const at = insertionPoint(target);
    if (!at) return;
    const files = list
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#') && /\.md$/i.test(l));
    // Inserted in reverse so they read in the dropped order after the target item.
    for (const file of [...files].reverse()) {
      if (token.isCancellationRequested) return;
      await this.run({ kind: 'insert', params: { ...at, target: file } });
    }
  }

  private async run(plan: DropPlan | undefined): Promise<void> {
    if (!plan) return;
    const answer = await this.client.sendRequest<EditAnswer>(plan.kind === 'move' ? MOVE_LINK : INSERT_LINK, { ...plan.params, ...versionOf(plan.params.uri) });
    await applyAnswer(this.client, answer, plan.kind === 'move' ? 'move the link' : 'add the link');
  }
}

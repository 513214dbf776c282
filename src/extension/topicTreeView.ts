import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TopicDragAndDrop } from './authoring/dragAndDrop';
import { indexingMessage } from './statusText';
import { TREE_CHANGED, TREE_CHILDREN, TREE_FIND, TREE_PARENT, TREE_ROOTS, type ServerStatus, type TreeNode } from './protocol';

export const VIEW_ID = 'topicPages.tree';
const ROOTS = '';
/**
 * Roots open expanded only when there are this few: a docs repository can have thousands of
 * roots (pages no topic page links to), and expanding them all would fetch tens of thousands
 * of nodes on every refresh.
 */
const MAX_EXPANDED_ROOTS = 10;
/** Bursts of tree changes within this time make one refresh. */
const REFRESH_DELAY_MS = 300;

/**
 * The "Topic Pages" view. Every level is asked from the language server when the view expands
 * it; the client keeps only the nodes the view has shown, so a refresh can name them.
 * The view refreshes only when the server says the tree changed.
 */
export class TopicTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes the view received, by id (the same objects: the view knows elements by identity). */
  private readonly known = new Map<string, TreeNode>();
  /** Child ids the view received, in order, by parent id (ROOTS for the roots). */
  private readonly shown = new Map<string, string[]>();
  /** Fires with the roots every time the view fetched them. */
  private readonly rootsFetched = new vscode.EventEmitter<readonly TreeNode[]>();
  readonly onDidFetchRoots = this.rootsFetched.event;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private updating: Promise<void> = Promise.resolve();
  private rootCount = 0;
  /**
   * Roots an update fetched just before reloading the view: the view's next ask for the roots takes
   * them instead of asking the server again (while it indexes, building the roots takes seconds).
   */
  private freshRoots: TreeNode[] | undefined;

  /** `trace`: with TOPIC_PAGES_TRACE_TIMING set, a line per level handed to the view (docs/protocol.md). */
  constructor(
    private readonly client: BaseLanguageClient,
    private readonly trace?: (message: string) => void,
  ) {}

  /**
   * The server said the tree changed. Bursts are coalesced; then the levels the view has shown
   * are asked again and compared: a level whose list of nodes changed is reloaded, a node whose
   * label, counts or tooltip changed is updated in place and re-rendered alone. A docs workspace
   * can have thousands of roots: re-rendering all of them on each keystroke (a problem count
   * changed) would keep the editor busy.
   */
  changedOnServer(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.updating = this.updating.then(() => this.update()).catch(() => this.refresh());
    }, REFRESH_DELAY_MS);
  }

  refresh(roots?: TreeNode[]): void {
    this.known.clear();
    this.shown.clear();
    this.freshRoots = roots;
    this.changed.fire(undefined);
  }

  private async update(): Promise<void> {
    if (!this.client.isRunning()) return;
    const reload: TreeNode[] = [];
    const changed: TreeNode[] = [];
    for (const [parentId, ids] of [...this.shown]) {
      const parent = parentId === ROOTS ? undefined : this.known.get(parentId);
      if (parentId !== ROOTS && !parent) continue;
      const fresh = parent
        ? await this.client.sendRequest<TreeNode[]>(TREE_CHILDREN, { id: parentId })
        : await this.client.sendRequest<TreeNode[]>(TREE_ROOTS, {});
      if (fresh.length !== ids.length || fresh.some((n, i) => n.id !== ids[i])) {
        if (!parent) {
          this.trace?.(`view reloads: ${fresh.length} roots`);
          this.refresh(fresh);
          return;
        }
        reload.push(parent);
        continue;
      }
      for (const node of fresh) {
        const held = this.known.get(node.id);
        if (held && JSON.stringify(held) !== JSON.stringify(node)) {
          const record = held as unknown as Record<string, unknown>;
          for (const key of Object.keys(record)) if (!(key in node)) delete record[key];
          Object.assign(record, node);
          changed.push(held);
        }
      }
    }
    const nodes = [...new Set([...reload, ...changed])];
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (!this.client.isRunning()) {
      // Asked before the server runs (the view opened at start-up): remember that the roots were
      // shown empty, so the server's next tree change reloads them instead of finding nothing to update.
      if (!element) this.shown.set(ROOTS, []);
      return [];
    }
    const fetched = element ? undefined : this.freshRoots;
    if (!element) this.freshRoots = undefined;
    const nodes = element
      ? await this.client.sendRequest<TreeNode[]>(TREE_CHILDREN, { id: element.id })
      : (fetched ?? (await this.client.sendRequest<TreeNode[]>(TREE_ROOTS, {})));
    if (!element) this.rootCount = nodes.length;
    for (const n of nodes) this.known.set(n.id, n);
    this.shown.set(element?.id ?? ROOTS, nodes.map((n) => n.id));
    if (!element) this.rootsFetched.fire(nodes);
    this.trace?.(`view given ${nodes.length} ${element ? `children of ${element.id}` : fetched ? 'roots (fetched by an update)' : 'roots'}`);
    return nodes;
  }

  async getParent(element: TreeNode): Promise<TreeNode | undefined> {
    const parent = await this.client.sendRequest<TreeNode | null>(TREE_PARENT, { id: element.id });
    return parent ? this.adopt(parent) : undefined;
  }

  /** The node the view already holds for `node.id`, else `node` (now known). */
  private adopt(node: TreeNode): TreeNode {
    const held = this.known.get(node.id);
    if (held) return held;
    this.known.set(node.id, node);
    return node;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const expanded = node.expanded && this.rootCount <= MAX_EXPANDED_ROOTS;
    const state = !node.hasChildren ? vscode.TreeItemCollapsibleState.None : expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    item.contextValue = node.contextValue;
    if (node.targetUri) {
      item.resourceUri = vscode.Uri.parse(node.targetUri);
      item.command = { command: 'topicPages.tree.open', title: 'Open Page', arguments: [node] };
    } else if (node.source) {
      item.command = { command: 'topicPages.tree.goToLink', title: 'Go to Link in Source', arguments: [node] };
    }
    return item;
  }

  /** Tooltips are made when hovered, not for every row the view holds. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.tooltip = new vscode.MarkdownString(node.tooltip);
    return item;
  }

  /**
   * The node to select for `uri`'s page, or undefined when there is none or the view could not
   * reach it: the view finds a node through the children it already fetched, so a page the view
   * has not been told about yet (a page created a moment ago) is not revealed.
   */
  async find(uri: vscode.Uri): Promise<TreeNode | undefined> {
    if (!this.client.isRunning()) return undefined;
    const chain = await this.client.sendRequest<TreeNode[]>(TREE_FIND, { uri: uri.toString() });
    if (chain.length === 0) return undefined;
    let parent = ROOTS;
    for (const node of chain) {
      const siblings = this.shown.get(parent);
      if (siblings && !siblings.includes(node.id)) return undefined;
      parent = node.id;
    }
    const last = chain[chain.length - 1];
    return last ? this.adopt(last) : undefined;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.changed.dispose();
    this.rootsFetched.dispose();
  }
}

/** The view with its title-bar and context-menu behaviour. */
export class TopicTreeView implements vscode.Disposable {
  readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The server changed the tree while the view was hidden. */
  private stale = false;

  constructor(readonly provider: TopicTreeProvider, client: BaseLanguageClient) {
    this.view = vscode.window.createTreeView(VIEW_ID, {
      treeDataProvider: provider,
      showCollapseAll: true,
      dragAndDropController: new TopicDragAndDrop(client), // authoring: src/extension/authoring/dragAndDrop.ts
    });
    this.disposables.push(
      this.view,
      provider,
      // A hidden view is refreshed when it shows again, not on every change (indexing sends one a second).
      client.onNotification(TREE_CHANGED, () => {
        if (this.view.visible) provider.changedOnServer();
        else this.stale = true;
      }),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) {
          this.stale = false;
          provider.changedOnServer();
        }
      }),
      provider.onDidFetchRoots((roots) => void vscode.commands.executeCommand('setContext', 'topicPages.hasTopicPages', roots.length > 0)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.view.visible && vscode.workspace.getConfiguration('topicPages').get<boolean>('tree.followActiveEditor', true)) {
          void this.reveal(editor.document.uri, false);
        }
      }),
    );
  }

  /** While the server indexes, the view says so above the topic pages found so far. */
  showStatus(status: ServerStatus): void {
    this.view.message = indexingMessage(status);
  }

  /** Selects `uri`'s page in the view. */
  async reveal(uri: vscode.Uri | undefined, focus: boolean): Promise<boolean> {
    if (!uri || uri.scheme !== 'file') return false;
    try {
      const node = await this.provider.find(uri);
      if (!node) return false;
      await this.view.reveal(node, { select: true, focus, expand: false });
      return true;
    } catch {
      // The tree changed while revealing: the next change of editor tries again.
      return false;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Opens the page a node leads to. */
export async function openTarget(node: TreeNode): Promise<void> {
  if (!node.targetUri) return;
  await vscode.window.showTextDocument(vscode.Uri.parse(node.targetUri), { preview: true });
}

/** Opens the topic page that holds the node's link, with the `<a>` selected. */
export async function goToLinkInSource(node: TreeNode): Promise<void> {
  const source = node.source;
  if (!source) {
    await openTarget(node);
    return;
  }
  const { start, end } = source.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(source.uri), { selection, preview: true });
}

export async function copyRoute(node: TreeNode): Promise<void> {
  const route = node.route ?? node.href;
  if (route) await vscode.env.clipboard.writeText(route);
}

export async function revealInExplorer(node: TreeNode): Promise<void> {
  const target = node.targetUri ?? node.source?.uri;
  if (target) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(target));
}

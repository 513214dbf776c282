import * as vscode from 'vscode';
import { TopicTree, type TopicNode } from '../core/hierarchy';
import type { DiagnosticsController } from './diagnostics';
import type { FolderIndex, TopicWorkspace } from './topicWorkspace';
import { presentNode, snapshotTree, type ProblemCount, type TreeSnapshotNode } from '../core/features/treeModel';

/** A node of the view: a core TopicNode and the folder it belongs to. */
export interface TopicElement {
  readonly index: FolderIndex;
  readonly node: TopicNode;
}

export const VIEW_ID = 'topicPages.tree';
/** Quiet period before the items re-render after diagnostics changed. */
const LABEL_DELAY_MS = 150;

/**
 * The "Topic Pages" view. It reads only the engine's index: getChildren never
 * touches the disk. The TopicTree is rebuilt when the index changes; ids are
 * the core's stable node ids, so expansion and selection survive refreshes.
 */
export class TopicTreeProvider implements vscode.TreeDataProvider<TopicElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private trees = new Map<FolderIndex, TopicTree>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private labelTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly workspace: TopicWorkspace, private readonly diagnostics: DiagnosticsController) {}

  /** Rebuilds from the index (after a short quiet period, so typing does not flicker the view). */
  refresh(delay = 200): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.cancelLabels();
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.trees = new Map();
      void vscode.commands.executeCommand('setContext', 'topicPages.hasTopicPages', this.hasTopicPages());
      this.changed.fire(undefined);
    }, delay);
  }

  /**
   * Re-renders the items (descriptions with problem counts, tooltips) without rebuilding the tree,
   * after a short quiet period: diagnostics arrive in bursts. A pending full refresh covers it.
   */
  refreshLabels(delay = LABEL_DELAY_MS): void {
    if (this.refreshTimer || this.labelTimer) return;
    this.labelTimer = setTimeout(() => {
      this.labelTimer = undefined;
      this.changed.fire(undefined);
    }, delay);
  }

  private cancelLabels(): void {
    if (this.labelTimer) clearTimeout(this.labelTimer);
    this.labelTimer = undefined;
  }

  private treeOf(index: FolderIndex): TopicTree | undefined {
    if (!index.engine) return undefined;
    let tree = this.trees.get(index);
    if (!tree) this.trees.set(index, (tree = new TopicTree(index.engine.index)));
    return tree;
  }

  private problemsIn(index: FolderIndex): (path: string) => ProblemCount | undefined {
    return (path) => this.diagnostics.problems(index.uriOf(path));
  }

  private prefix(index: FolderIndex): string {
    return this.workspace.indexes().length > 1 ? `${index.folder.name}:` : '';
  }

  hasTopicPages(): boolean {
    return this.workspace.indexes().some((i) => (this.treeOf(i)?.roots().length ?? 0) > 0);
  }

  getChildren(element?: TopicElement): TopicElement[] {
    if (element) return (this.treeOf(element.index)?.children(element.node) ?? []).map((node) => ({ index: element.index, node }));
    return this.workspace.indexes().flatMap((index) => (this.treeOf(index)?.roots() ?? []).map((node) => ({ index, node })));
  }

  getParent(element: TopicElement): TopicElement | undefined {
    return element.node.parent ? { index: element.index, node: element.node.parent } : undefined;
  }

  getTreeItem(element: TopicElement): vscode.TreeItem {
    const { index, node } = element;
    const p = presentNode(node, this.problemsIn(index), this.prefix(index));
    const hasChildren = (this.treeOf(index)?.children(node).length ?? 0) > 0;
    const state = !hasChildren ? vscode.TreeItemCollapsibleState.None : node.parent ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(p.label, state);
    item.id = p.id;
    item.description = p.description;
    item.tooltip = new vscode.MarkdownString(p.tooltip);
    item.iconPath = new vscode.ThemeIcon(p.icon, p.iconColor ? new vscode.ThemeColor(p.iconColor) : undefined);
    item.contextValue = p.contextValue;
    if (node.target) {
      item.resourceUri = index.uriOf(node.target);
      item.command = { command: 'topicPages.tree.open', title: 'Open Page', arguments: [element] };
    } else if (node.source) {
      item.command = { command: 'topicPages.tree.goToLink', title: 'Go to Link in Source', arguments: [element] };
    }
    return item;
  }

  /** The nodes that lead to `uri`'s page, nearest the roots first. */
  find(uri: vscode.Uri): TopicElement | undefined {
    const at = this.workspace.locate(uri);
    if (!at) return undefined;
    const tree = this.treeOf(at.index);
    const node = tree?.roots().find((r) => r.target === at.path) ?? tree?.findNodes(at.path)[0];
    return node ? { index: at.index, node } : undefined;
  }

  /** A plain copy of the whole tree, for the extension's API. */
  snapshot(options?: { maxDepth?: number; maxNodes?: number }): TreeSnapshotNode[] {
    return this.workspace.indexes().flatMap((index) => {
      const tree = this.treeOf(index);
      return tree ? snapshotTree(tree, this.problemsIn(index), { ...options, idPrefix: this.prefix(index) }) : [];
    });
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.cancelLabels();
    this.changed.dispose();
  }
}

/** The view with its title-bar and context-menu behaviour. */
export class TopicTreeView implements vscode.Disposable {
  readonly view: vscode.TreeView<TopicElement>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly provider: TopicTreeProvider, workspace: TopicWorkspace) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
    this.disposables.push(
      this.view,
      provider,
      workspace.onDidChange(() => provider.refresh()),
      // Problem counts in the descriptions follow the diagnostics the workbench shows (the same
      // event that updates the Problems panel and the file badges), so a row never lags its badge.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((uri) => workspace.locate(uri) !== undefined)) provider.refreshLabels();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.view.visible && vscode.workspace.getConfiguration('topicPages').get<boolean>('tree.followActiveEditor', true)) {
          void this.reveal(editor.document.uri, false);
        }
      }),
    );
  }

  /** Selects `uri`'s page in the view. */
  async reveal(uri: vscode.Uri | undefined, focus: boolean): Promise<boolean> {
    if (!uri) return false;
    const element = this.provider.find(uri);
    if (!element) return false;
    await this.view.reveal(element, { select: true, focus, expand: false });
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Opens the page a node leads to. */
export async function openTarget(element: TopicElement): Promise<void> {
  if (!element.node.target) return;
  await vscode.window.showTextDocument(element.index.uriOf(element.node.target), { preview: true });
}

/** Opens the topic page that holds the node's link, with the `<a>` selected. */
export async function goToLinkInSource(element: TopicElement): Promise<void> {
  const source = element.node.source;
  if (!source) {
    await openTarget(element);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(element.index.uriOf(source.path));
  const range = new vscode.Range(doc.positionAt(source.range.start), doc.positionAt(source.range.end));
  await vscode.window.showTextDocument(doc, { selection: range, preview: true });
}

export async function copyRoute(element: TopicElement): Promise<void> {
  const route = element.node.route ?? element.node.href;
  if (route) await vscode.env.clipboard.writeText(route);
}

export async function revealInExplorer(element: TopicElement): Promise<void> {
  const path = element.node.target ?? element.node.source?.path;
  if (path) await vscode.commands.executeCommand('revealInExplorer', element.index.uriOf(path));
}

// The "Linked From" view (who links to the page in the active editor, each link with its line;
// a click opens the link) and the "Orphan Pages" view (pages no topic page reaches). Both ask
// the language server; they refresh only while visible.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

export const LINKED_FROM = 'topicPages/linkedFrom';
export const ORPHANS = 'topicPages/orphans';
export const LINKED_FROM_VIEW = 'topicPages.linkedFrom';
export const ORPHANS_VIEW = 'topicPages.orphans';
const REFRESH_DELAY_MS = 300;

import type { Range as LspRange } from 'vscode-languageserver-types';
import type { LinkedFromItem, OrphanItem } from '../../server/authoring';

export type { LinkedFromItem, OrphanItem };

/** A row as a view shows it (also what the API's snapshots return). */
export interface ViewRow {
  readonly label: string;
  readonly description: string;
  readonly uri: string;
  readonly line?: number;
}

const toRange = (r: LspRange): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

abstract class RowsProvider implements vscode.TreeDataProvider<ViewRow>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  protected rows: ViewRow[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<ViewRow[]> | undefined;
  visible = false;

  constructor(protected readonly client: BaseLanguageClient) {}

  protected abstract load(): Promise<ViewRow[]>;
  protected abstract item(row: ViewRow): vscode.TreeItem;

  /** Loads again (debounced) when the view is visible; otherwise when it is next shown. */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.visible) this.changed.fire(undefined);
    }, REFRESH_DELAY_MS);
  }

  /** The rows, loaded now (for the view and the API). */
  async current(): Promise<ViewRow[]> {
    if (!this.client.isRunning()) return [];
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    this.rows = await this.loading;
    return this.rows;
  }

  getChildren(element?: ViewRow): Promise<ViewRow[]> | ViewRow[] {
    return element ? [] : this.current();
  }

  getTreeItem(row: ViewRow): vscode.TreeItem {
    return this.item(row);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

export class LinkedFromProvider extends RowsProvider {
  /** The page whose backlinks are shown: the active Markdown editor's, kept while another editor is focused. */
  page: vscode.Uri | undefined;

  protected async load(): Promise<ViewRow[]> {
    if (!this.page) return [];
    const items = await this.client.sendRequest<LinkedFromItem[]>(LINKED_FROM, { uri: this.page.toString() });
    return items.map((i) => ({
      label: i.title,
      description: `${i.path}:${i.range.start.line + 1}${i.text && i.text !== i.title ? ` · ${i.text}` : ''}`,
      uri: i.uri,
      line: i.range.start.line,
      range: i.range,
      topicLink: i.topicLink,
    }));
  }

  protected item(row: ViewRow & { range?: LspRange; topicLink?: boolean }): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.topicLink ? 'list-tree' : 'link');
    item.tooltip = `${row.topicLink ? 'Topic link' : 'Link'} on line ${(row.line ?? 0) + 1} of ${row.description.split(':')[0] ?? ''}`;
    item.resourceUri = vscode.Uri.parse(row.uri);
    item.command = {
      command: 'vscode.open',
      title: 'Open Link',
      arguments: [vscode.Uri.parse(row.uri), { selection: row.range ? toRange(row.range) : undefined, preview: true }],
    };
    return item;
  }
}

export class OrphansProvider extends RowsProvider {
  protected async load(): Promise<ViewRow[]> {
    const items = await this.client.sendRequest<OrphanItem[]>(ORPHANS, {});
    return items.map((o) => ({ label: o.title ?? o.path, description: o.route ?? o.path, uri: o.uri, isTopicPage: o.isTopicPage }));
  }

  protected item(row: ViewRow & { isTopicPage?: boolean }): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.isTopicPage ? 'list-tree' : 'file');
    item.tooltip = `${row.label} (${row.description}): no topic page links to it.`;
    item.resourceUri = vscode.Uri.parse(row.uri);
    item.contextValue = 'orphanPage';
    item.command = { command: 'vscode.open', title: 'Open Page', arguments: [vscode.Uri.parse(row.uri)] };
    return item;
  }
}

/** Creates both views; returns the providers (the API reads their rows). */
export function registerLinkViews(context: vscode.ExtensionContext, client: BaseLanguageClient, treeChanged: vscode.Event<unknown>): { linkedFrom: LinkedFromProvider; orphans: OrphansProvider } {
  const linkedFrom = new LinkedFromProvider(client);
  const orphans = new OrphansProvider(client);
  const linkedView = vscode.window.createTreeView(LINKED_FROM_VIEW, { treeDataProvider: linkedFrom, showCollapseAll: false });
  const orphanView = vscode.window.createTreeView(ORPHANS_VIEW, { treeDataProvider: orphans });
  const follow = (editor: vscode.TextEditor | undefined): void => {
    if (!editor || editor.document.languageId !== 'markdown' || editor.document.uri.scheme !== 'file') return;
    if (linkedFrom.page?.toString() === editor.document.uri.toString()) return;
    linkedFrom.page = editor.document.uri;
    linkedView.description = vscode.workspace.asRelativePath(editor.document.uri);
    linkedFrom.refreshSoon();
  };
  follow(vscode.window.activeTextEditor);
  context.subscriptions.push(
    linkedFrom,
    orphans,
    linkedView,
    orphanView,
    vscode.window.onDidChangeActiveTextEditor(follow),
    linkedView.onDidChangeVisibility((e) => {
      linkedFrom.visible = e.visible;
      if (e.visible) linkedFrom.refreshSoon();
    }),
    orphanView.onDidChangeVisibility((e) => {
      orphans.visible = e.visible;
      if (e.visible) orphans.refreshSoon();
    }),
    treeChanged(() => {
      linkedFrom.refreshSoon();
      orphans.refreshSoon();
    }),
  );
  linkedFrom.visible = linkedView.visible;
  orphans.visible = orphanView.visible;
  return { linkedFrom, orphans };
}

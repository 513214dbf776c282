import * as vscode from 'vscode';
import type { DiagnosticsController } from './diagnostics';
import type { TopicWorkspace } from './topicWorkspace';

/** A status bar entry: indexing progress while it runs, then the page and problem counts. */
export class TopicStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('topicPages.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private indexing: { done: number; total: number } | undefined = { done: 0, total: 0 };

  constructor(private readonly workspace: TopicWorkspace, private readonly diagnostics: DiagnosticsController) {
    this.item.name = 'Topic Pages';
    this.item.command = 'topicPages.showTree';
    this.disposables.push(
      workspace.onDidProgress((p) => {
        this.indexing = p;
        this.render();
      }),
      diagnostics.onDidUpdate(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  private render(): void {
    if (this.indexing) {
      const { done, total } = this.indexing;
      this.item.text = `$(sync~spin) Topic Pages ${total > 0 ? `${done}/${total}` : ''}`.trim();
      this.item.tooltip = 'Topic Pages: indexing the workspace';
      return;
    }
    const pages = this.workspace.indexes().reduce((n, i) => n + (i.engine?.index.pagePaths().length ?? 0), 0);
    const t = this.diagnostics.totals();
    const problems = t.errors + t.warnings + t.infos;
    this.item.text = problems > 0 ? `$(book) ${pages} pages · $(warning) ${problems}` : `$(book) ${pages} pages`;
    this.item.tooltip = `Topic Pages: ${pages} pages indexed; ${t.errors} errors, ${t.warnings} warnings, ${t.infos} infos. Click to show the topic tree.`;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

import * as vscode from 'vscode';
import type { ServerStatus } from './protocol';

/**
 * One status bar entry with the server's page and problem counts. Indexing progress shows in the
 * window's progress (the server's work-done progress), so this entry never repeats it.
 */
export class TopicStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('topicPages.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Topic Pages';
    this.item.command = 'topicPages.showTree';
    this.item.text = '$(book) Topic Pages';
    this.item.tooltip = 'Topic Pages: starting. Click to show the topic tree.';
    this.item.show();
  }

  update(status: ServerStatus): void {
    const { pages, problems: t } = status;
    const problems = t.errors + t.warnings + t.infos;
    const pageText = `${pages} ${pages === 1 ? 'page' : 'pages'}`;
    this.item.text = problems > 0 ? `$(book) ${pageText} · $(warning) ${problems}` : `$(book) ${pageText}`;
    const so = status.indexing ? 'so far' : 'indexed';
    this.item.tooltip = `Topic Pages: ${pageText} ${so}; ${t.errors} errors, ${t.warnings} warnings, ${t.infos} infos. Click to show the topic tree.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}

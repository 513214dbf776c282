import * as vscode from 'vscode';
import type { ServerStatus } from './protocol';
import { statusBarText } from './statusText';

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
    const { text, tooltip } = statusBarText(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}

import * as vscode from 'vscode';
import { LineIndex } from '../core/text';
import { addEdits } from './convert';
import { hrefEditsForMoves, pageMoves, type PageMove } from '../core/features/linkUpdates';
import type { FolderIndex, TopicWorkspace } from './topicWorkspace';

type UpdateMode = 'prompt' | 'always' | 'never';

/** What was true just before a rename: the moves and every page's text and route. */
interface Snapshot {
  readonly index: FolderIndex;
  readonly moves: readonly PageMove[];
  readonly pages: readonly { path: string; text: string }[];
  readonly routes: ReadonlyMap<string, string | undefined>;
}

/**
 * When page files are renamed or moved in VS Code, offers to rewrite every
 * href that reached them (setting `topicPages.links.updateOnMove`), as one
 * undoable WorkspaceEdit. The state is captured in onWillRenameFiles, before
 * the index sees the move, and used in onDidRenameFiles.
 */
export class LinkUpdater implements vscode.Disposable {
  private pending: Snapshot[] = [];
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly workspace: TopicWorkspace) {
    this.disposables = [
      vscode.workspace.onWillRenameFiles((e) => {
        try {
          this.capture(e.files);
        } catch (error) {
          console.error('Topic Pages: could not prepare link updates', error);
        }
      }),
      vscode.workspace.onDidRenameFiles(() => {
        this.offer().catch((error: unknown) => console.error('Topic Pages: could not update links', error));
      }),
    ];
  }

  private capture(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): void {
    this.pending = [];
    const byIndex = new Map<FolderIndex, PageMove[]>();
    for (const { oldUri, newUri } of files) {
      const from = this.workspace.locate(oldUri);
      const to = this.workspace.locate(newUri);
      const engine = from?.index.engine;
      if (!from || !to || !engine || from.index !== to.index) continue;
      const moves = pageMoves(from.path, to.path, engine.index.pagePaths());
      byIndex.set(from.index, [...(byIndex.get(from.index) ?? []), ...moves]);
    }
    for (const [index, moves] of byIndex) {
      const engine = index.engine;
      if (!engine || moves.length === 0) continue;
      const pages: { path: string; text: string }[] = [];
      const routes = new Map<string, string | undefined>();
      for (const path of engine.index.pagePaths()) {
        const uri = index.uriOf(path);
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const text = open?.getText() ?? engine.index.text(path);
        if (text !== undefined) pages.push({ path, text });
        routes.set(path, engine.index.routeOfPage(path));
      }
      this.pending.push({ index, moves, pages, routes });
    }
  }

  private async offer(): Promise<void> {
    const snapshots = this.pending;
    this.pending = [];
    const edit = new vscode.WorkspaceEdit();
    let links = 0;
    const files = new Set<string>();
    for (const s of snapshots) {
      const engine = s.index.engine;
      if (!engine) continue;
      const movedTo = new Map(s.moves.map((m) => [m.from, m.to]));
      const edits = hrefEditsForMoves(s.pages, s.moves, { docsRoot: engine.settings.docsRoot, siteBases: engine.settings.siteBases, routeOf: (p) => s.routes.get(p) });
      for (const [path, textEdits] of edits) {
        const text = s.pages.find((p) => p.path === path)?.text ?? '';
        const uri = s.index.uriOf(movedTo.get(path) ?? path);
        addEdits(edit, uri, new LineIndex(text), textEdits);
        links += textEdits.length;
        files.add(uri.toString());
      }
    }
    if (links === 0) return;
    const config = vscode.workspace.getConfiguration('topicPages', snapshots[0]?.index.folder.uri);
    const mode = config.get<UpdateMode>('links.updateOnMove', 'prompt');
    if (mode === 'never') return;
    if (mode === 'prompt') {
      const what = `${links} ${links === 1 ? 'link' : 'links'} in ${files.size} ${files.size === 1 ? 'file' : 'files'}`;
      const choice = await vscode.window.showInformationMessage(`Update ${what} that pointed to the moved page?`, 'Update', 'Always', 'Never');
      if (choice === 'Always' || choice === 'Never') await config.update('links.updateOnMove', choice.toLowerCase(), vscode.ConfigurationTarget.Workspace);
      if (choice !== 'Update' && choice !== 'Always') return;
    }
    // A refactoring edit: VS Code saves the touched files only when the user's `files.refactoring.autoSave` says so.
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

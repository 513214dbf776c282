import * as vscode from 'vscode';
import type { FileHost, FileRead } from '../core/engine';

/** Folders never listed: version control internals and installed packages. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules']);

/**
 * The engine's FileHost over `vscode.workspace.fs`, so it works on any file
 * system VS Code can open (remote, virtual). Unsaved editors win over the disk:
 * the engine sees what the user sees.
 */
export class WorkspaceFileHost implements FileHost {
  private readonly encoder = new TextEncoder();
  /** Files to read from disk even while an editor still lists them (it is closing). */
  readonly diskOnly = new Set<string>();
  /** What the last full listing found. */
  listed: readonly string[] = [];

  constructor(readonly root: vscode.Uri) {}

  uriOf(path: string): vscode.Uri {
    return path === '' ? this.root : vscode.Uri.joinPath(this.root, ...path.split('/'));
  }

  /** The workspace-relative path of `uri`, or undefined when it lies outside this root. */
  pathOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority) return undefined;
    const root = this.root.path.replace(/\/+$/, '');
    if (!uri.path.startsWith(root + '/')) return undefined;
    return uri.path.slice(root.length + 1);
  }

  async listFiles(under = ''): Promise<string[]> {
    const out: string[] = [];
    const visit = async (dir: string, depth: number): Promise<void> => {
      if (depth > 64) return;
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(this.uriOf(dir));
      } catch {
        return;
      }
      const folders: string[] = [];
      for (const [name, type] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
        const path = dir ? `${dir}/${name}` : name;
        if (type & vscode.FileType.Directory) {
          // Symbolic links to folders are followed; the depth cap stops link loops.
          if (!SKIPPED_FOLDERS.has(name)) folders.push(path);
        } else if (type & vscode.FileType.File) out.push(path);
      }
      await Promise.all(folders.map((f) => visit(f, depth + 1)));
    };
    await visit(under, 0);
    out.sort();
    if (under === '') this.listed = out;
    return out;
  }

  async readFile(path: string, maxBytes?: number): Promise<FileRead> {
    const uri = this.uriOf(path);
    const key = uri.toString();
    // Only unsaved edits make an editor differ from the disk; a clean editor may not have reloaded a disk change yet.
    const open = this.diskOnly.has(key) ? undefined : vscode.workspace.textDocuments.find((d) => !d.isClosed && d.isDirty && d.uri.toString() === key);
    if (open) return { bytes: this.encoder.encode(open.getText()) };
    try {
      if (maxBytes !== undefined) {
        const { size } = await vscode.workspace.fs.stat(uri);
        if (size > maxBytes) return { tooLarge: size };
      }
      return { bytes: await vscode.workspace.fs.readFile(uri) };
    } catch (error) {
      return { error: error instanceof vscode.FileSystemError ? error.code || error.message : String(error) };
    }
  }

  async isFolder(path: string): Promise<boolean> {
    try {
      return ((await vscode.workspace.fs.stat(this.uriOf(path))).type & vscode.FileType.Directory) !== 0;
    } catch {
      return false;
    }
  }
}

// The language client: starts the Topic Pages language server (dist/server.js) in its own
// Node process and connects it to the editor. Every check, fix, link, completion and rename
// edit comes from the server; the client only adds the editor-side choices below.
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { withBrokenLinks } from './brokenLinks';
import type { LinkUpdates } from './linkUpdatePrompt';

export const CLIENT_ID = 'topicPages';
export const CLIENT_NAME = 'Topic Pages';

/** The documents the server serves: Markdown files on disk. */
export const DOCUMENT_SELECTOR = [{ scheme: 'file', language: 'markdown' }];

/** The rule pages shipped with the extension: each diagnostic's code links to its rule's page. */
export function rulesDocs(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
}

/** The index is kept between sessions in the extension's storage for this workspace (else the server's default). */
function cacheOption(context: vscode.ExtensionContext): { cacheDirectory?: string } {
  const storage = context.storageUri ?? context.globalStorageUri;
  return storage.scheme === 'file' || storage.scheme === 'vscode-userdata' ? { cacheDirectory: storage.fsPath } : {};
}

/** Each workspace folder's `topicPages` section, as the language client answers workspace/configuration with it. */
function folderSettings(): Record<string, unknown> {
  return Object.fromEntries((vscode.workspace.workspaceFolders ?? []).map((f) => [f.uri.toString(), JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(undefined, f.uri).get('topicPages') ?? {})) as unknown]));
}

/**
 * The server's young generation, fixed at 8 MB semi-spaces (it keeps them at their first size, see
 * src/server/main.ts): V8 takes the size from the command line only. In code-server at 10,500 pages,
 * seven alternated pairs of first sessions: indexed and checked 6.4-7.3 s against 7.0-7.6 s, the
 * server's CPU 4.9-5.3 s against 5.3-5.7 s, its peak 244-257 MB against 234-242 MB.
 */
const SERVER_EXEC_ARGV = ['--min-semi-space-size=8'];

export function createClient(context: vscode.ExtensionContext, linkUpdates: LinkUpdates): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
  };
  const middleware: Middleware = {
    workspace: {
      // The server computes the href edits; LinkUpdates applies them after the move, per the user's setting.
      willRenameFiles: (event, next) => linkUpdates.willRename(event, next),
    },
    // Broken hrefs get a link that explains instead of VS Code's "Create file" prompt.
    provideDocumentLinks: async (document, token, next) => withBrokenLinks(document, (await next(document, token)) ?? []),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'topicPages' },
    // Diagnostics come in batches (src/extension/workspaceDiagnostics.ts), not one message per file.
    // Each folder's settings, so that the server starts loading without waiting for the answer to
    // workspace/configuration (the extension host is busy while a window starts).
    initializationOptions: { rulesDocs: rulesDocs(context).toString(), diagnosticBatches: true, explainBrokenLinks: true, folderSettings: folderSettings(), ...cacheOption(context) },
    middleware,
    // The status bar and the view show the server's state; the output channel opens only on errors.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

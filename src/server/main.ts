// Entry point of the Topic Pages language server: `--stdio` for any editor,
// `--node-ipc` when started by the VS Code client.
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } } },
  serverInfo: { name: 'topic-pages-language-server' },
}));

connection.listen();

// Entry point of the Topic Pages language server: `--stdio` for any editor,
// `--node-ipc` when started by the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TopicPagesServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write(`${typeof TOPIC_PAGES_VERSION === 'string' ? TOPIC_PAGES_VERSION : 'dev'}\n`);
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: topic-pages-language-server --stdio   (or --node-ipc, --socket=<port>)\n');
  process.exit(2);
}

new TopicPagesServer(createConnection(ProposedFeatures.all)).listen();

declare const TOPIC_PAGES_VERSION: string | undefined;

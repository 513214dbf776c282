// Entry point of the Topic Pages language server: `--stdio` for any editor,
// `--node-ipc` when started by the VS Code client.
import { setFlagsFromString } from 'node:v8';
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

// Each page parsed leaves garbage, and by default V8 lets the heap grow to several times what the
// index keeps before a full collection: 540 MB of RSS at 10,500 pages for about 95 MB kept. Growing
// the heap by at most 45 % each time keeps a first session's peak at 265-275 MB at 10,500 pages
// (265-295 MB in code-server; 30 %: about 5 % slower for about the same peak; 60 %: 265-290 MB
// alone), with no hard limit (a larger repository only means a larger heap). Set at run time, so
// every editor's command gets it. The young generation's size is taken from the command line only:
// the VS Code client starts the server with `--min-semi-space-size=8` (src/extension/client.ts).
setFlagsFromString(`--heap-growing-percent=${Number(process.env['TOPIC_PAGES_HEAP_GROWING_PERCENT'] ?? 45)}`);
setFlagsFromString(`--semi-space-growth-factor=${Number(process.env['TOPIC_PAGES_SEMI_SPACE_GROWTH_FACTOR'] ?? 1)}`);

new TopicPagesServer(createConnection(ProposedFeatures.all)).listen();

declare const TOPIC_PAGES_VERSION: string | undefined;

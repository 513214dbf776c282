// What the status bar item and the Topic Pages view say of the server's status (no `vscode`: the
// same numbers, written the same way, in both places).
import type { ServerStatus } from './protocol';

const count = (n: number): string => n.toLocaleString('en-US');

/** The status bar item's text and tooltip: pages indexed and problems, with thousands separators. */
export function statusBarText(status: ServerStatus): { readonly text: string; readonly tooltip: string } {
  const { pages, problems: t } = status;
  const problems = t.errors + t.warnings + t.infos;
  const pageText = `${count(pages)} ${pages === 1 ? 'page' : 'pages'}`;
  const so = status.indexing ? 'so far' : 'indexed';
  return {
    text: problems > 0 ? `$(book) ${pageText} · $(warning) ${count(problems)}` : `$(book) ${pageText}`,
    tooltip: `Topic Pages: ${pageText} ${so}; ${count(t.errors)} errors, ${count(t.warnings)} warnings, ${count(t.infos)} infos. Click to show the topic tree.`,
  };
}

/** The Topic Pages view's message while the server indexes; undefined once it is done. */
export function indexingMessage(status: ServerStatus): string | undefined {
  const indexing = status.indexing;
  return indexing ? `Indexing ${count(indexing.done)} of ${count(indexing.total)} pages…` : undefined;
}

import * as vscode from 'vscode';

/** The command a broken href's document link runs: it explains instead of offering to create a file. */
export const EXPLAIN_BROKEN_LINK = 'topicPages.explainBrokenLink';
const SOURCE = 'Topic Pages';

/** A `command:` URI that runs EXPLAIN_BROKEN_LINK with `message`. */
export function explainUri(message: string): vscode.Uri {
  return vscode.Uri.parse(`command:${EXPLAIN_BROKEN_LINK}?${encodeURIComponent(JSON.stringify([message]))}`);
}

export async function explainBrokenLink(message?: string): Promise<void> {
  await vscode.window.showInformationMessage(message ?? 'No page of the workspace serves this link.');
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/**
 * Links for broken hrefs. Ctrl+click on `href="search"` with no page behind it would otherwise
 * reach VS Code's Markdown link handler, which offers to create a file named after the href
 * (outside the docs). The server links a broken href to EXPLAIN_BROKEN_LINK itself; for a page
 * whose links were asked before the server knew the route was broken, each `link-broken`
 * diagnostic already shown also gets such a link here. Providers of extensions take precedence
 * over built-in ones where links overlap, so this link wins.
 */
export function withBrokenLinks(document: vscode.TextDocument, links: readonly vscode.DocumentLink[]): vscode.DocumentLink[] {
  const out = [...links];
  for (const d of vscode.languages.getDiagnostics(document.uri)) {
    if (d.source !== SOURCE || codeOf(d) !== 'link-broken' || d.range.isEmpty) continue;
    if (out.some((l) => l.range.intersection(d.range) !== undefined)) continue;
    const link = new vscode.DocumentLink(d.range, explainUri(d.message));
    link.tooltip = d.message;
    out.push(link);
  }
  // The editor merges the lists of all link providers assuming each is sorted by position;
  // unsorted, an overlap with the Markdown extension's link would go unnoticed and both stay.
  return out.sort((a, b) => a.range.start.compareTo(b.range.start));
}

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

/**
 * The server's links of `document`, plus one link for each broken href the server reported, which
 * runs EXPLAIN_BROKEN_LINK. Without it, Ctrl+click on a broken `href="search"` would reach VS Code's
 * Markdown link handler, which offers to create a file named after the href.
 */
export function brokenLinks(document: vscode.TextDocument, links: readonly vscode.DocumentLink[]): vscode.DocumentLink[] {
  const out = [...links];
  for (const d of vscode.languages.getDiagnostics(document.uri)) {
    if (d.source !== SOURCE || codeOf(d) !== 'link-broken' || d.range.isEmpty) continue;
    if (out.some((l) => l.range.intersection(d.range) !== undefined)) continue;
    const link = new vscode.DocumentLink(d.range, explainUri(d.message));
    link.tooltip = d.message;
    out.push(link);
  }
  return out;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

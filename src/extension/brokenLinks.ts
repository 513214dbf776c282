import * as vscode from 'vscode';

/** The command a broken href's document link runs: it explains instead of offering to create a file. */
export const EXPLAIN_BROKEN_LINK = 'topicPages.explainBrokenLink';
const SOURCE = 'Topic Pages';
/** How long a link request waits for the page's first diagnostics. */
const WAIT_FOR_DIAGNOSTICS_MS = 3000;

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
 * (outside the docs). The server links only hrefs that resolve; for each `link-broken` diagnostic
 * it published, this adds a link over the href that runs EXPLAIN_BROKEN_LINK. Providers of
 * extensions take precedence over built-in ones where links overlap, so this link wins.
 */
export class BrokenLinks {
  /** Documents whose diagnostics the server published at least once. */
  private readonly published = new Set<string>();
  private readonly waiters = new Map<string, (() => void)[]>();

  /** Client middleware `handleDiagnostics`: notes that `uri` was checked. */
  didPublish(uri: vscode.Uri): void {
    const key = uri.toString();
    this.published.add(key);
    for (const wake of this.waiters.get(key) ?? []) wake();
    this.waiters.delete(key);
  }

  private checked(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.published.has(key)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, WAIT_FOR_DIAGNOSTICS_MS);
      const list = this.waiters.get(key) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(key, list);
    });
  }

  /** The server's links of `document` plus one per broken href. */
  async withBrokenLinks(document: vscode.TextDocument, links: readonly vscode.DocumentLink[]): Promise<vscode.DocumentLink[]> {
    await this.checked(document.uri);
    const out = [...links];
    for (const d of vscode.languages.getDiagnostics(document.uri)) {
      if (d.source !== SOURCE || codeOf(d) !== 'link-broken' || d.range.isEmpty) continue;
      if (out.some((l) => l.range.intersection(d.range) !== undefined)) continue;
      const link = new vscode.DocumentLink(d.range, explainUri(d.message));
      link.tooltip = `${d.message} (Ctrl+click for details)`;
      out.push(link);
    }
    // The editor merges the lists of all link providers assuming each is sorted by position;
    // unsorted, an overlap with the Markdown extension's link would go unnoticed and both stay.
    return out.sort((a, b) => a.range.start.compareTo(b.range.start));
  }
}

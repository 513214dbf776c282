import * as vscode from 'vscode';

/**
 * Plain diagnostics for what the server published, sharing one Uri per rule page. A workspace of
 * 10,000 pages can have tens of thousands of findings, all held by the extension host for the
 * Problems panel: the client's own diagnostic objects carry protocol fields and a parsed Uri each.
 */
export class LeanDiagnostics {
  private readonly targets = new Map<string, vscode.Uri>();

  private target(uri: vscode.Uri): vscode.Uri {
    const key = uri.toString();
    let shared = this.targets.get(key);
    if (!shared) this.targets.set(key, (shared = uri));
    return shared;
  }

  lean(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
    return diagnostics.map((d) => {
      const out = new vscode.Diagnostic(d.range, d.message, d.severity);
      if (d.source !== undefined) out.source = d.source;
      const code = d.code;
      out.code = typeof code === 'object' && code !== null ? { value: code.value, target: this.target(code.target) } : code;
      if (d.tags && d.tags.length > 0) out.tags = d.tags;
      if (d.relatedInformation && d.relatedInformation.length > 0) out.relatedInformation = d.relatedInformation;
      return out;
    });
  }
}

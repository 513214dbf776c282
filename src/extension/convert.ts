// The one place core values become VS Code values: offsets to positions,
// findings to diagnostics, text edits to workspace edits.
import * as vscode from 'vscode';
import type { LineIndex } from '../core/text';
import type { Finding, Range, Severity, TextEdit } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'Topic Pages';

export function toRange(lines: LineIndex, r: Range): vscode.Range {
  const s = lines.positionAt(r.start);
  const e = lines.positionAt(r.end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

/** The URI of a rule's documentation page inside the installed extension. */
export function ruleDocsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

export function toDiagnostic(finding: Finding, lines: LineIndex, extensionUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(lines, finding.range), finding.message, toSeverity(finding.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: finding.ruleId, target: ruleDocsUri(extensionUri, finding.ruleId) };
  return d;
}

/** The rule id of one of our diagnostics, or undefined for anyone else's. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** True when `d` stands for `finding` (same rule, range and message). */
export function sameProblem(d: vscode.Diagnostic, finding: Finding, lines: LineIndex): boolean {
  return ruleIdOf(d) === finding.ruleId && d.message === finding.message && d.range.isEqual(toRange(lines, finding.range));
}

export function addEdits(edit: vscode.WorkspaceEdit, uri: vscode.Uri, lines: LineIndex, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  for (const e of edits) edit.replace(uri, toRange(lines, e.range), e.newText);
  return edit;
}

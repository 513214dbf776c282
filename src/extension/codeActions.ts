import * as vscode from 'vscode';
import { compatibleFixEdits, fixAll } from '../core/edits';
import type { Finding } from '../core/types';
import { addEdits, ruleIdOf, sameProblem, toRange } from './convert';
import type { LineIndex } from '../core/text';
import type { DiagnosticsController } from './diagnostics';
import { disableNextLineEdit } from '../core/features/suppression';
import { minimalEdit } from '../core/features/textDiff';
import type { TopicWorkspace } from './topicWorkspace';

/** `source.fixAll.topicPages`: applies every safe fix, so `editor.codeActionsOnSave` can run it. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('topicPages');

/**
 * Quick fixes for Topic Pages diagnostics: the finding's fix (preferred), its
 * suggestions, "fix all of this rule", and "disable for this line"; plus the
 * source fix-all action. Every action is a WorkspaceEdit, so it is undoable.
 */
export class TopicCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly workspace: TopicWorkspace, private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // `only` is set for "Source Action…" and codeActionsOnSave: answer with fix-all alone.
    if (context.only) {
      if (context.only.contains(FIX_ALL_KIND)) {
        const action = this.fixAllAction(doc);
        return action ? [action] : [];
      }
      if (!context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    }
    const result = this.diagnostics.findingsFor(doc);
    if (!result) return [];
    const { findings, lines } = result;
    const actions: vscode.CodeAction[] = [];
    const fixAllOffered = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = findingOf(diagnostic, findings, lines);
      if (!finding) continue;
      if (finding.fix) {
        const action = new vscode.CodeAction(`Fix: ${finding.fix.title}`, vscode.CodeActionKind.QuickFix);
        action.edit = addEdits(new vscode.WorkspaceEdit(), doc.uri, lines, finding.fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      for (const suggestion of finding.suggestions ?? []) {
        const action = new vscode.CodeAction(suggestion.title, vscode.CodeActionKind.QuickFix);
        action.edit = addEdits(new vscode.WorkspaceEdit(), doc.uri, lines, suggestion.edits);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      const sameRule = findings.filter((f) => f.ruleId === ruleId && f.fix);
      if (sameRule.length > 1 && !fixAllOffered.has(ruleId)) {
        fixAllOffered.add(ruleId);
        const action = new vscode.CodeAction(`Fix all ${ruleId} problems in this file`, vscode.CodeActionKind.QuickFix);
        action.edit = addEdits(new vscode.WorkspaceEdit(), doc.uri, lines, compatibleFixEdits(sameRule));
        action.diagnostics = context.diagnostics.filter((d) => ruleIdOf(d) === ruleId);
        actions.push(action);
      }
      if (ruleId !== 'file-skipped') {
        const edit = disableNextLineEdit(doc.getText(), finding.range.start, ruleId);
        if (edit) {
          const action = new vscode.CodeAction(`Disable ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
          action.edit = addEdits(new vscode.WorkspaceEdit(), doc.uri, lines, [edit]);
          action.diagnostics = [diagnostic];
          actions.push(action);
        }
      }
    }
    // Keep suppressions last: fixes first, in the order of the diagnostics.
    return [...actions.filter((a) => !a.title.startsWith('Disable ')), ...dedupe(actions.filter((a) => a.title.startsWith('Disable ')))];
  }

  /** Every safe fix of `doc`, re-checking until none remains, as one trimmed edit. */
  fixAllAction(doc: vscode.TextDocument): vscode.CodeAction | undefined {
    const at = this.workspace.locate(doc.uri);
    const result = this.diagnostics.findingsFor(doc);
    if (!at || !result || !result.findings.some((f) => f.fix)) return undefined;
    const before = doc.getText();
    const check = (text: string): readonly Finding[] => (text === before ? result.findings : this.workspace.check(at.index, at.path, text)?.findings ?? []);
    const after = fixAll(before, check).text;
    const edit = minimalEdit(before, after);
    if (!edit) return undefined;
    const action = new vscode.CodeAction('Fix all Topic Pages problems', FIX_ALL_KIND);
    action.edit = addEdits(new vscode.WorkspaceEdit(), doc.uri, result.lines, [edit]);
    return action;
  }
}

/** The finding a diagnostic stands for: same rule and range; the same message too, when several match. */
function findingOf(diagnostic: vscode.Diagnostic, findings: readonly Finding[], lines: LineIndex): Finding | undefined {
  const ruleId = ruleIdOf(diagnostic);
  // The editor may normalise a message (control characters in quoted mojibake), so the message only breaks ties.
  const candidates = findings.filter((f) => f.ruleId === ruleId && diagnostic.range.isEqual(toRange(lines, f.range)));
  return candidates.find((f) => sameProblem(diagnostic, f, lines)) ?? candidates[0];
}

function dedupe(actions: vscode.CodeAction[]): vscode.CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => !seen.has(a.title) && seen.add(a.title));
}

/** The command behind "Fix All Problems in This File": applies the fix-all edit. */
export async function fixAllInEditor(provider: TopicCodeActions): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const action = provider.fixAllAction(editor.document);
  if (!action?.edit) {
    void vscode.window.setStatusBarMessage('Topic Pages: nothing to fix automatically', 3000);
    return;
  }
  await vscode.workspace.applyEdit(action.edit);
}

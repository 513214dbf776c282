import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { CompactDiagnostic, DiagnosticBatchParams } from '../server/protocol';
import { DIAGNOSTICS_BATCH } from './protocol';

const SOURCE = 'Topic Pages';
const SEVERITY: Readonly<Record<number, vscode.DiagnosticSeverity>> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
};

/**
 * The server's diagnostics, taken in batches (`topicPages/diagnostics`, docs/protocol.md): a
 * workspace of 10,000 pages can have tens of thousands of findings, and one publishDiagnostics
 * per file costs the extension host one message, one conversion and one Problems-panel update
 * each. A batch is applied with one `set`, and every diagnostic of a rule shares that rule's
 * page Uri.
 */
export class WorkspaceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('topicPages');
  private readonly targets = new Map<string, vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[];

  /** `trace`: with TOPIC_PAGES_TRACE_TIMING set, a line per batch applied (docs/protocol.md). */
  constructor(
    client: LanguageClient,
    private readonly rulesDocs: vscode.Uri,
    private readonly trace?: (message: string) => void,
  ) {
    this.subscriptions = [
      this.collection,
      client.onNotification(DIAGNOSTICS_BATCH, (params: DiagnosticBatchParams) => this.apply(params)),
      // A stopped or restarted server takes its findings with it.
      client.onDidChangeState((e) => {
        if (e.newState !== State.Running) this.collection.clear();
      }),
    ];
  }

  apply(params: DiagnosticBatchParams): void {
    this.collection.set(params.files.map((f) => [vscode.Uri.parse(f.uri), f.diagnostics.map((d) => this.toDiagnostic(d))]));
    const only = params.files.length === 1 ? params.files[0] : undefined;
    this.trace?.(`diagnostics applied: ${only ? `${only.uri} ${only.diagnostics.length}` : `${params.files.length} files`}`);
  }

  private toDiagnostic([startLine, startCharacter, endLine, endCharacter, severity, code, message]: CompactDiagnostic): vscode.Diagnostic {
    const d = new vscode.Diagnostic(new vscode.Range(startLine, startCharacter, endLine, endCharacter), message, SEVERITY[severity] ?? vscode.DiagnosticSeverity.Information);
    d.source = SOURCE;
    d.code = { value: code, target: this.target(code) };
    return d;
  }

  private target(ruleId: string): vscode.Uri {
    let uri = this.targets.get(ruleId);
    if (!uri) this.targets.set(ruleId, (uri = vscode.Uri.joinPath(this.rulesDocs, `${ruleId}.md`)));
    return uri;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

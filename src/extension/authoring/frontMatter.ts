// Front-matter authoring: completion of taxonomy values in use across the workspace (`topics`,
// `contentType`, `useCase`, with how many pages use each), and, on a changed `title:` or
// `description:` line, "Update the text of N links to this page". Both answered by the server.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { WorkspaceEdit } from 'vscode-languageserver-types';

export const TAXONOMY_COMPLETION = 'topicPages/taxonomyCompletion';
export const TITLE_ACTIONS = 'topicPages/titleActions';

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
const SELECTOR: vscode.DocumentSelector = { scheme: 'file', language: 'markdown' };

export function registerFrontMatterAuthoring(client: BaseLanguageClient): vscode.Disposable {
  const completion = vscode.languages.registerCompletionItemProvider(
    SELECTOR,
    {
      async provideCompletionItems(document, position) {
        if (!client.isRunning()) return [];
        const items = await client.sendRequest<{ value: string; count: number; range: LspRange }[]>(TAXONOMY_COMPLETION, { uri: document.uri.toString(), position: { line: position.line, character: position.character } });
        return items.map((i, n) => {
          const item = new vscode.CompletionItem({ label: i.value, description: `${i.count} page${i.count === 1 ? '' : 's'}` }, vscode.CompletionItemKind.EnumMember);
          item.range = new vscode.Range(i.range.start.line, i.range.start.character, i.range.end.line, i.range.end.character);
          item.detail = 'In use in this workspace';
          // Most used first.
          item.sortText = String(n).padStart(5, '0');
          return item;
        });
      },
    },
    ' ',
    '-',
    ':',
  );
  const actions = vscode.languages.registerCodeActionsProvider(
    SELECTOR,
    {
      async provideCodeActions(document, range) {
        if (!client.isRunning() || range.start.line > 100) return [];
        const found = await client.sendRequest<{ title: string; edit: WorkspaceEdit }[]>(TITLE_ACTIONS, { uri: document.uri.toString(), position: { line: range.start.line, character: range.start.character } });
        return Promise.all(
          found.map(async (a) => {
            const action = new vscode.CodeAction(a.title, vscode.CodeActionKind.RefactorRewrite);
            action.edit = await client.protocol2CodeConverter.asWorkspaceEdit(a.edit);
            return action;
          }),
        );
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite] },
  );
  return vscode.Disposable.from(completion, actions);
}

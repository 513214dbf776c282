import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, uri } from './helpers';

describe('Add Link to Topic Page… (topicPages.addLink)', () => {
  before(async () => {
    await api();
  });

  it('inserts the picked page after the item holding the cursor, as one undoable edit', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('articles/billing/index.md'));
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const line = original.split('\n').findIndex((l) => l.includes('<a href="/billing/old-invoices">'));
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line, 10, line, 10);
    // The page to link to is given, as the quick pick would give it.
    const applied = await vscode.commands.executeCommand<boolean>('topicPages.addLink', undefined, uri('articles/guides/getting-started.md').toString());
    assert.equal(applied, true);
    const lines = doc.getText().split('\n');
    assert.deepEqual(lines.slice(line - 1, line + 6), [
      '      <li>',
      '        <i class="icon icon-budicon-695"></i><a href="/billing/old-invoices">Invoices from Before 2023</a>',
      '      </li>',
      '      <li>',
      '        <i class="icon icon-budicon-695"></i><a href="/guides/getting-started">Getting Started with Acme Cloud</a>',
      '        <p>Create a workspace, invite your team and make your first API call in ten minutes.</p>',
      '      </li>',
    ]);
    assert.equal(lines.length, original.split('\n').length + 4, 'only the new item was added');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo restores the page');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

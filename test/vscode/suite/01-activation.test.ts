import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXPECTED, EXTENSION_ID, open, ours, waitForDiagnostics } from './helpers';

describe('activation', () => {
  it('activates on a topic page and exports its API (never on `*`)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(events.includes('onLanguage:markdown'), `activationEvents: ${events.join(', ')}`);
    assert.ok(!events.includes('*'), 'never activates on *');

    const editor = await open('articles/users/index.md');
    assert.equal(editor.document.languageId, 'markdown');
    const topicPages = await api();
    assert.ok(ext.isActive, 'active after opening a topic page');
    assert.equal(typeof topicPages.treeSnapshot, 'function');
    assert.equal(typeof topicPages.status, 'function');
    // The language server indexed the workspace folder: 20-odd pages, and the planted problems counted.
    const status = await topicPages.status();
    assert.equal(status.indexing, null, 'indexing finished');
    assert.ok(status.pages > 20, `pages indexed: ${status.pages}`);
    assert.equal(status.problems.errors + status.problems.warnings + status.problems.infos, Object.values(EXPECTED).flat().length);
    // The opened page is checked: its diagnostics arrive.
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'the page to be checked');
    assert.ok(ours(editor.document.uri).every((d) => d.source === 'Topic Pages'));
  });
});

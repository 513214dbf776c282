import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, EXPECTED, original, revertAll, uri, waitFor, waitForExactly } from './helpers';

const OLD = 'articles/users/invite-users.md';
const NEW = 'articles/users/invitations.md';
// The topic page's <a href> and the plain page's Markdown link `[Invite Users](/users/invite-users)`.
const LINKERS = ['articles/users/index.md', 'articles/guides/getting-started.md'];

function text(rel: string): string {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(rel).toString())?.getText() ?? fs.readFileSync(uri(rel).fsPath, 'utf8');
}

/**
 * Saves every unsaved workspace document. Not `workspace.saveAll()`: that saves only documents
 * shown in editor tabs, and a link update edits files in the background, without opening them.
 * (With saveAll, a run where the workbench opened no tabs for the updated pages saved nothing,
 * and the move back then left them unsaved with the disk's own text.)
 */
async function saveDirty(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
    // The link update is a refactoring edit: VS Code may be saving it already (files.refactoring.autoSave),
    // and then our own save answers false while that save finishes.
    if (!(await doc.save())) await waitFor(() => !doc.isDirty, `${vscode.workspace.asRelativePath(doc.uri)} to be saved`);
  }
}

async function rename(from: string, to: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(uri(from), uri(to));
  assert.ok(await vscode.workspace.applyEdit(edit), `renamed ${from} to ${to}`);
}

describe('renaming a page updates the hrefs that pointed to it', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('topicPages');
  before(async () => {
    await api();
    await config().update('links.updateOnMove', 'always', vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await config().update('links.updateOnMove', undefined, vscode.ConfigurationTarget.Workspace);
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => {
      const disk = fs.readFileSync(d.uri.fsPath, 'utf8').split('\n');
      const changed = d.getText().split('\n').map((line, i) => (line === disk[i] ? '' : ` line ${i + 1}: ${JSON.stringify(disk[i])} -> ${JSON.stringify(line)}`)).filter(Boolean);
      return `${vscode.workspace.asRelativePath(d.uri)}${changed.join(';') || ' (same text as on disk)'}`;
    });
    if (dirty.length > 0) console.log(`    (left unsaved after the round trip: ${dirty.join(', ')})`);
    await revertAll(); // never closeAllEditors with dirty editors: its save dialog would block the window
    assert.deepEqual(dirty, [], 'nothing left unsaved after saving both moves');
  });

  it('with updateOnMove "never": nothing is rewritten and the link to the moved page is reported broken', async () => {
    await config().update('links.updateOnMove', 'never', vscode.ConfigurationTarget.Workspace);
    try {
      await rename(OLD, NEW);
      const page = uri('articles/users/index.md');
      await waitForExactly(page, [...(EXPECTED['articles/users/index.md'] ?? []), 'link-broken error 34:51-34:70'], 'the link to the moved page to break');
      for (const rel of LINKERS) assert.equal(text(rel), original(rel), `${rel} untouched`);
      await rename(NEW, OLD);
      await waitForExactly(page, EXPECTED['articles/users/index.md'] ?? [], 'the planted defects after moving back');
      for (const rel of LINKERS) assert.equal(text(rel), original(rel), `${rel} untouched`);
    } finally {
      await config().update('links.updateOnMove', 'always', vscode.ConfigurationTarget.Workspace);
    }
  });

  it('with updateOnMove "always": both links follow the move, then follow it back', async () => {
    const expected = {
      'articles/users/index.md': original('articles/users/index.md').replace('href="/users/invite-users"', 'href="/users/invitations"'),
      'articles/guides/getting-started.md': original('articles/guides/getting-started.md').replace('](/users/invite-users)', '](/users/invitations)'),
    };
    for (const rel of LINKERS) assert.notEqual(expected[rel as keyof typeof expected], original(rel));

    await rename(OLD, NEW);
    await waitFor(() => LINKERS.every((rel) => text(rel) === expected[rel as keyof typeof expected]), 'the hrefs to be rewritten to /users/invitations');
    for (const rel of LINKERS) assert.equal(text(rel), expected[rel as keyof typeof expected], rel);
    // The updated page has no new problem: the link resolves to the moved file.
    await waitForExactly(uri('articles/users/index.md'), EXPECTED['articles/users/index.md'] ?? [], 'no new broken link after the move');
    await saveDirty();
    for (const rel of LINKERS) assert.equal(fs.readFileSync(uri(rel).fsPath, 'utf8'), expected[rel as keyof typeof expected], `${rel} saved with the new href`);

    await rename(NEW, OLD);
    await waitFor(() => LINKERS.every((rel) => text(rel) === original(rel)), 'the hrefs to be rewritten back to /users/invite-users');
    await saveDirty();
    for (const rel of [...LINKERS, OLD]) assert.equal(fs.readFileSync(uri(rel).fsPath, 'utf8'), original(rel), `${rel} on disk is as before`);
    assert.ok(!fs.existsSync(uri(NEW).fsPath));
    await waitForExactly(uri('articles/users/index.md'), EXPECTED['articles/users/index.md'] ?? [], 'the planted defects after the round trip');
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXPECTED, uri, waitForExactly } from './helpers';

const PAGE = 'articles/users/index.md';
const TARGET = 'articles/users/profiles.md';

describe('a page\'s broken links follow the disk', () => {
  it('deleting the file a page links to reports its links broken; restoring it clears them', async () => {
    await api();
    const page = uri(PAGE);
    const target = uri(TARGET);
    const before = EXPECTED[PAGE] ?? [];
    await waitForExactly(page, before, 'the planted defects');
    const bytes = await vscode.workspace.fs.readFile(target);
    await vscode.workspace.fs.delete(target);
    try {
      const broken = await waitForExactly(
        page,
        [...before, 'link-broken error 23:51-23:66', 'link-broken error 29:55-29:88'],
        'both links to /users/profiles to be reported broken',
      );
      assert.equal(broken.length, before.length + 2);
      const messages = vscode.languages.getDiagnostics(page).filter((d) => d.range.start.line === 22).map((d) => d.message);
      assert.deepEqual(messages, ['No page for route `/users/profiles`.']);
    } finally {
      await vscode.workspace.fs.writeFile(target, bytes);
    }
    await waitForExactly(page, before, 'the broken links to disappear after the restore');
  });
});

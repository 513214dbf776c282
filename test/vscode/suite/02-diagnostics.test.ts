import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, describeDiagnostic, EXPECTED, open, ours, root, uri, waitForExactly } from './helpers';

describe('diagnostics of the example workspace', () => {
  before(async () => {
    await api();
  });

  it('users/index.md (the seed-like page, open in an editor): exact ranges, codes and severities', async () => {
    const editor = await open('articles/users/index.md');
    await waitForExactly(editor.document.uri, EXPECTED['articles/users/index.md'] ?? [], 'the planted defects');
    const byCode = new Map(ours(editor.document.uri).map((d) => [codeOf(d), d]));
    assert.equal(byCode.get('link-broken')?.message, 'No page for route `/users/import-exprot`. Did you mean `/users/import-export`?');
    assert.equal(byCode.get('mojibake')?.message, 'Mojibake `â€™`: UTF-8 text misread as Windows-1252; it should read `’`.');
    assert.equal(byCode.get('header-title-mismatch')?.message, 'Header <h1> "Users" differs from the front matter title "Users and Roles".');
    assert.equal(byCode.get('link-duplicate')?.message, '`/users/roles` is already linked on line 40.');
  });

  it('pages never opened are checked too (whole-workspace diagnostics), and clean pages have none', async () => {
    for (const [rel, expected] of Object.entries(EXPECTED)) {
      await waitForExactly(uri(rel), expected, `the planted defects of ${rel}`);
    }
    const folder = root().toString();
    const others = vscode.languages
      .getDiagnostics()
      .filter(([u, ds]) => u.toString().startsWith(folder) && ds.some((d) => d.source === 'Topic Pages'))
      .map(([u]) => vscode.workspace.asRelativePath(u, false))
      .filter((rel) => !(rel in EXPECTED));
    assert.deepEqual(others, [], 'only the four pages with planted defects have problems');
  });

  it('each diagnostic has the source "Topic Pages" and its rule id as code, linked to that rule\'s documentation', async () => {
    for (const rel of Object.keys(EXPECTED)) {
      for (const d of ours(uri(rel))) {
        assert.equal(d.source, 'Topic Pages');
        const code = d.code;
        assert.ok(typeof code === 'object' && code !== null && 'target' in code, `${describeDiagnostic(d)}: code has a target`);
        assert.ok(code.target.path.endsWith(`/docs/rules/${String(code.value)}.md`), `${code.target.toString()} is the page of ${String(code.value)}`);
        await vscode.workspace.fs.stat(code.target); // the page ships with the extension
      }
    }
  });
});

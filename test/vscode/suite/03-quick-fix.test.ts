import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, assertUnsaved, codeActionsWhen, codeOf, EXPECTED, open, original, ours, revertAll, waitForExactly } from './helpers';

const PAGE = 'articles/users/index.md';
const BEFORE = EXPECTED[PAGE] ?? [];

async function actionsFor(doc: vscode.TextDocument, code: string): Promise<vscode.CodeAction[]> {
  const diagnostic = ours(doc.uri).find((d) => codeOf(d) === code);
  assert.ok(diagnostic, `a ${code} diagnostic`);
  return codeActionsWhen(doc.uri, diagnostic.range, (actions) => actions.some((a) => a.title === `Disable ${code} for this line`), `the actions for ${code}`);
}

describe('quick fixes', () => {
  before(async () => {
    await api();
  });
  afterEach(async () => {
    await revertAll();
  });

  it('mojibake: the preferred "Fix:" changes exactly `â€™` to `’` and its diagnostic disappears', async () => {
    const { document: doc } = await open(PAGE);
    await waitForExactly(doc.uri, BEFORE, 'the planted defects');
    const actions = await actionsFor(doc, 'mojibake');
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Fix: Replace with ’');
    assert.ok(fix?.edit, `a "Fix: Replace with ’" action among ${JSON.stringify(titles)}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(titles.includes('Disable mojibake for this line'), `a disable action among ${JSON.stringify(titles)}`);

    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assertUnsaved(doc, PAGE);
    const expected = original(PAGE).replace('organizationâ€™s', 'organization’s');
    assert.notEqual(expected, original(PAGE));
    assert.equal(doc.getText(), expected);
    await waitForExactly(doc.uri, BEFORE.filter((d) => !d.startsWith('mojibake ')), 'the mojibake diagnostic to disappear');
  });

  it('link-broken: the did-you-mean suggestion rewrites only the href and the error disappears', async () => {
    const { document: doc } = await open(PAGE);
    await waitForExactly(doc.uri, BEFORE, 'the planted defects');
    const actions = await actionsFor(doc, 'link-broken');
    const fix = actions.find((a) => a.title === 'Change to /users/import-export');
    assert.ok(fix?.edit, `a suggestion among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assertUnsaved(doc, PAGE);
    assert.equal(doc.getText(), original(PAGE).replace('href="/users/import-exprot"', 'href="/users/import-export"'));
    await waitForExactly(doc.uri, BEFORE.filter((d) => !d.startsWith('link-broken ')), 'the link-broken diagnostic to disappear');
  });

  it('disable for this line inserts the suppression comment and the diagnostic disappears', async () => {
    const { document: doc } = await open(PAGE);
    await waitForExactly(doc.uri, BEFORE, 'the planted defects');
    const actions = await actionsFor(doc, 'item-missing-link');
    const disable = actions.find((a) => a.title === 'Disable item-missing-link for this line');
    assert.ok(disable?.edit, `a disable action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assertUnsaved(doc, PAGE);
    const lines = doc.getText().split('\n');
    assert.match(lines[55] ?? '', /^\s*<!-- topic-pages-disable-next-line item-missing-link -->$/);
    assert.equal(lines.length, original(PAGE).split('\n').length + 1, 'one line inserted');
    // Everything below moved down one line; the item-missing-link finding is gone.
    await waitForExactly(doc.uri, BEFORE.filter((d) => !d.startsWith('item-missing-link ')), 'the suppressed diagnostic to disappear');
  });

  it('a suggestion is one undoable edit, never the preferred fix: Undo restores the text and the diagnostic', async () => {
    const { document: doc } = await open(PAGE);
    await waitForExactly(doc.uri, BEFORE, 'the planted defects');
    const actions = await actionsFor(doc, 'header-title-mismatch');
    assert.ok(!actions.some((a) => a.isPreferred), 'header-title-mismatch has suggestions only, no preferred fix');
    const fix = actions.find((a) => a.title === 'Change the <h1> to "Users and Roles"');
    assert.ok(fix?.edit, `the <h1> suggestion among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), original(PAGE).replace('<h1>Users</h1>', '<h1>Users and Roles</h1>'));
    await waitForExactly(doc.uri, BEFORE.filter((d) => !d.startsWith('header-title-mismatch ')), 'the mismatch to disappear');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original(PAGE));
    await waitForExactly(doc.uri, BEFORE, 'the planted defects after Undo');
  });
});

// The title-change code action: after editing a page's `title:` (or `description:`) in the editor,
// the light bulb on that line offers "Update the text of N links to this page", whose edit carries
// the new value into the topic links that still show the saved one, and leaves the rest alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeActionsWhen, original, revertAll, uri } from './helpers';

const TARGET = 'articles/billing/plans.md';
const INDEX = 'articles/billing/index.md';
const HOME = 'articles/index.md';
/** A topic page written for this test (removed again): more links to the target, some worded differently. */
const EXTRA = 'articles/guides/billing-questions.md';
const EXTRA_TEXT = [
  '---',
  'classes: topic-page',
  'title: Billing Questions',
  'description: Short answers about plans, invoices and payments.',
  '---',
  '<div class="topic-page-header">',
  '  <h1>Billing Questions</h1>',
  '  <p>',
  '    Short answers about plans, invoices and payments.',
  '  </p>',
  '</div>',
  '',
  '<ul class="topic-links">',
  '  <li>',
  '    <i class="icon icon-budicon-715"></i><a href="/billing/plans">Plans and Pricing</a>',
  '    <p>Compare the Starter, Team and Enterprise plans and change plans at any time.</p>',
  '    <ul>',
  '      <li>',
  '        <i class="icon icon-budicon-695"></i><a href="/billing/plans">Plans  and\n        Pricing</a>',
  '      </li>',
  '    </ul>',
  '  </li>',
  '  <li>',
  '    <i class="icon icon-budicon-715"></i><a href="/billing/plans">Pricing at a Glance</a>',
  '    <p>What each plan costs, in one table.</p>',
  '  </li>',
  '  <li>',
  '    <i class="icon icon-budicon-715"></i><a href="/billing/invoices">Plans and Pricing</a>',
  '    <p>Compare the Starter, Team and Enterprise plans and change plans at any time.</p>',
  '  </li>',
  '</ul>',
  '',
].join('\n');

const OLD_TITLE = 'Plans and Pricing';
const NEW_TITLE = 'Plans, Prices & Limits';
const OLD_DESCRIPTION = 'Compare the Starter, Team and Enterprise plans and change plans at any time.';
const NEW_DESCRIPTION = 'Starter, Team or Enterprise? Compare them <and> switch whenever you like.';

/** Replaces exactly one occurrence of `from` (which must occur exactly `times` times in total) at its `nth` place. */
function replaceNth(text: string, from: string, to: string, nth: number, times: number): string {
  const parts = text.split(from);
  assert.equal(parts.length - 1, times, `${JSON.stringify(from)} occurs ${times} times`);
  return parts.slice(0, nth + 1).join(from) + to + parts.slice(nth + 1).join(from);
}

function textOf(rel: string): string {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(rel).toString());
  assert.ok(doc, `${rel} is open after the edit`);
  return doc.getText();
}

/** Changes the front-matter line `key: old` of the open target to `key: value` (unsaved) and returns the line. */
async function changeField(editor: vscode.TextEditor, key: string, value: string): Promise<number> {
  const doc = editor.document;
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith(`${key}: `));
  assert.ok(line > 0, `${key}: line`);
  const start = new vscode.Position(line, key.length + 2);
  assert.ok(await editor.edit((b) => b.replace(new vscode.Range(start, doc.lineAt(line).range.end), value)));
  assert.ok(doc.isDirty);
  return line;
}

describe('title change: "Update the text of N links to this page"', () => {
  before(async () => {
    const topicPages = await api();
    await vscode.workspace.fs.writeFile(uri(EXTRA), new TextEncoder().encode(EXTRA_TEXT));
    // The server learns the new page's links from the file watcher.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await topicPages.linkedFrom(uri(TARGET));
      if (rows.filter((r) => r.description.startsWith(`${EXTRA}:`)).length === 3) break;
      assert.ok(Date.now() < deadline, `the links of ${EXTRA} reach the server; rows: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  afterEach(async () => {
    await revertAll();
  });
  after(async () => {
    await vscode.workspace.fs.delete(uri(EXTRA));
    await api();
  });

  it('a changed title: the links showing the saved title follow it; links worded differently stay', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(TARGET)));
    const line = await changeField(editor, 'title', NEW_TITLE);
    // Nothing is offered on a line that did not change.
    const elsewhere = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(TARGET), new vscode.Range(line + 1, 3, line + 1, 3));
    assert.deepEqual(elsewhere.filter((a) => a.title.startsWith('Update the text of')).map((a) => a.title), []);

    const actions = await codeActionsWhen(uri(TARGET), new vscode.Range(line, 9, line, 9), (list) => list.some((a) => a.title.startsWith('Update the text of')), 'the title action');
    const action = actions.filter((a) => a.title.startsWith('Update the text of'));
    assert.deepEqual(action.map((a) => `${a.title} | ${a.kind?.value ?? ''}`), ['Update the text of 3 links to this page | refactor.rewrite']);
    const edit = action[0]?.edit;
    assert.ok(edit);
    assert.deepEqual(
      edit.entries().map(([u, edits]) => `${vscode.workspace.asRelativePath(u)}: ${edits.length}`).sort(),
      [`${EXTRA}: 2`, `${INDEX}: 1`].sort(),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));

    const escaped = 'Plans, Prices &amp; Limits';
    // articles/billing/index.md: the top-level link's text; the nested "Enterprise Tiers" link (same page, own words) stays.
    assert.equal(textOf(INDEX), replaceNth(original(INDEX), `<a href="/billing/plans">${OLD_TITLE}</a>`, `<a href="/billing/plans">${escaped}</a>`, 0, 1));
    assert.ok(textOf(INDEX).includes('<a href="/billing/plans#enterprise-tiers">Enterprise Tiers</a>'));
    // The extra page: both links whose text reads "Plans and Pricing" (white space folded); not "Pricing at a
    // Glance", and not the link to another page that happens to read the same.
    let expected = replaceNth(EXTRA_TEXT, `<a href="/billing/plans">${OLD_TITLE}</a>`, `<a href="/billing/plans">${escaped}</a>`, 0, 1);
    expected = replaceNth(expected, '<a href="/billing/plans">Plans  and\n        Pricing</a>', `<a href="/billing/plans">${escaped}</a>`, 0, 1);
    assert.equal(textOf(EXTRA), expected);
    assert.ok(textOf(EXTRA).includes(`<a href="/billing/invoices">${OLD_TITLE}</a>`));
    // The home page links the target by its full site URL with other words: not touched, not even opened dirty.
    const home = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(HOME).toString());
    assert.ok(!home?.isDirty, `${HOME} was not edited`);
    // The edit stays in the editor: the page being retitled is unsaved, the linking pages unsaved too.
    for (const rel of [TARGET, INDEX, EXTRA]) assert.ok(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(rel).toString())?.isDirty, `${rel} unsaved`);
  });

  it('a changed description: the <p> under each link that still shows the saved description follows it', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(TARGET)));
    const line = await changeField(editor, 'description', NEW_DESCRIPTION);
    const actions = await codeActionsWhen(uri(TARGET), new vscode.Range(line, 20, line, 20), (list) => list.some((a) => a.title.startsWith('Update the text of')), 'the description action');
    const action = actions.filter((a) => a.title.startsWith('Update the text of'));
    assert.deepEqual(action.map((a) => a.title), ['Update the text of 2 links to this page']);
    const edit = action[0]?.edit;
    assert.ok(edit);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const escaped = 'Starter, Team or Enterprise? Compare them &lt;and&gt; switch whenever you like.';
    // The multi-line <p> of articles/billing/index.md (its text compared with white space folded) gets the
    // new text, and keeps its line breaks and indentation.
    assert.equal(textOf(INDEX), replaceNth(original(INDEX), `<p>\n      ${OLD_DESCRIPTION}\n    </p>`, `<p>\n      ${escaped}\n    </p>`, 0, 1));
    // The extra page: the <p> under the first link only; "What each plan costs" and the <p> under the link to
    // another page stay.
    assert.equal(textOf(EXTRA), replaceNth(EXTRA_TEXT, `<p>${OLD_DESCRIPTION}</p>`, `<p>${escaped}</p>`, 0, 2));
  });

  it('the action goes away when the value is back to the saved one (white space aside)', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(TARGET)));
    const line = await changeField(editor, 'title', NEW_TITLE);
    const at = new vscode.Range(line, 9, line, 9);
    await codeActionsWhen(uri(TARGET), at, (list) => list.some((a) => a.title.startsWith('Update the text of')), 'the title action');
    await changeField(editor, 'title', `${OLD_TITLE} `);
    await codeActionsWhen(uri(TARGET), at, (list) => !list.some((a) => a.title.startsWith('Update the text of')), 'no title action');
  });
});

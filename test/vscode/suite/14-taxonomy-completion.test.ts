// Taxonomy completion: on a `topics`, `contentType` or `useCase` value in front matter, the values
// in use across the workspace, most used first, each with how many pages use it, the page's own
// values left out. The expected lists are computed here from the workspace's files on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, labelOf, revertAll, root, uri } from './helpers';

const DETAIL = 'In use in this workspace';
type Field = 'topics' | 'contentType' | 'useCase';

/** The values of the three fields in a page's front matter (block lists, flow lists and plain scalars). */
function fieldsOf(text: string): Map<Field, string[]> {
  const out = new Map<Field, string[]>();
  const m = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
  if (!m) return out;
  const lines = (m[1] ?? '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const kv = /^(topics|contentType|useCase):[ \t]*(.*)$/.exec(lines[i] ?? '');
    if (!kv) continue;
    const key = kv[1] as Field;
    const rest = (kv[2] ?? '').trim();
    let values: string[];
    if (rest.startsWith('[')) values = rest.replace(/^\[|\]$/g, '').split(',');
    else if (rest !== '') values = [rest];
    else {
      values = [];
      while (i + 1 < lines.length && /^[ \t]+-[ \t]/.test(lines[i + 1] ?? '')) values.push((lines[++i] ?? '').replace(/^[ \t]+-[ \t]*/, ''));
    }
    out.set(key, [...new Set(values.map((v) => v.trim().replace(/^['"]|['"]$/g, '')).filter((v) => v !== ''))]);
  }
  return out;
}

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(p) : e.name.endsWith('.md') ? [p] : [];
  });
}

/** `value | N pages` for every value of `field` in the workspace, most used first, then by value. */
function expectedRows(field: Field, leaveOut: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const file of markdownFiles(root().fsPath)) {
    for (const v of fieldsOf(fs.readFileSync(file, 'utf8')).get(field) ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .filter(([v]) => !leaveOut.includes(v))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v, n]) => `${v} | ${n} page${n === 1 ? '' : 's'}`);
}

/** Our completion items at `position`, in the order the editor shows them (by sortText). */
async function taxonomyItems(u: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', u, position);
  return list.items.filter((i) => i.detail === DETAIL).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

function row(item: vscode.CompletionItem): string {
  return `${labelOf(item)} | ${typeof item.label === 'string' ? '' : (item.label.description ?? '')}`;
}

function rangeOf(item: vscode.CompletionItem): string {
  const r = item.range && 'inserting' in item.range ? item.range.replacing : item.range;
  return r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : 'none';
}

describe('taxonomy completion (topics, contentType, useCase)', () => {
  before(async () => {
    await api();
  });
  after(async () => {
    await revertAll();
  });

  it('the workspace is the one the expectations are computed from', () => {
    // A guard that the independent computation reads real values: the example workspace's top topics.
    assert.deepEqual(expectedRows('topics', []).slice(0, 3), ['api | 7 pages', 'billing | 5 pages', 'users | 5 pages']);
    assert.deepEqual(expectedRows('contentType', []).slice(0, 1), ['how-to | 10 pages']);
  });

  it('a new `topics` item: every topic in use, most used first, with page counts, without the page\'s own', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('articles/billing/invoices.md')));
    const doc = editor.document;
    const own = fieldsOf(doc.getText()).get('topics') ?? [];
    assert.deepEqual(own, ['billing', 'invoices']);
    // A new list item under `topics:`, typed in the editor (unsaved).
    const after = doc.getText().split('\n').indexOf('  - invoices');
    assert.ok(after > 0);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(after + 1, 0), '  - \n')));
    const items = await taxonomyItems(doc.uri, new vscode.Position(after + 1, 4));
    assert.deepEqual(items.map(row), expectedRows('topics', own));
    assert.ok(!items.some((i) => own.includes(labelOf(i))), 'the page\'s own topics are left out');
    assert.ok(items.every((i) => i.kind === vscode.CompletionItemKind.EnumMember));
    assert.deepEqual([...new Set(items.map(rangeOf))], [`${after + 1}:4-${after + 1}:4`]);
  });

  it('on a `contentType` value: the other content types, the value in place replaced', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('articles/billing/invoices.md')));
    const doc = editor.document;
    const line = doc.getText().split('\n').indexOf('contentType: how-to');
    assert.ok(line > 0);
    const items = await taxonomyItems(doc.uri, new vscode.Position(line, 'contentType: '.length));
    assert.deepEqual(items.map(row), expectedRows('contentType', ['how-to']));
    assert.deepEqual([...new Set(items.map(rangeOf))], [`${line}:13-${line}:19`], 'the whole value `how-to` is replaced');
    // Accepting one writes exactly that value.
    const first = items[0];
    assert.ok(first);
    await editor.edit((b) => b.replace(new vscode.Range(line, 13, line, 19), labelOf(first)));
    assert.equal(doc.lineAt(line).text, `contentType: ${labelOf(first)}`);
  });

  it('on a `useCase` value of another page: the use cases in use, its own left out', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('articles/guides/getting-started.md')));
    const doc = editor.document;
    const line = doc.getText().split('\n').indexOf('useCase: get-started');
    assert.ok(line > 0);
    const items = await taxonomyItems(doc.uri, new vscode.Position(line, 'useCase: '.length));
    const want = expectedRows('useCase', ['get-started']);
    assert.ok(want.length >= 4, want.join('\n'));
    assert.deepEqual(items.map(row), want);
  });

  it('nothing of ours elsewhere: on `title:` and in the body', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('articles/guides/getting-started.md'));
    const titleLine = doc.getText().split('\n').findIndex((l) => l.startsWith('title: '));
    assert.deepEqual(await taxonomyItems(doc.uri, new vscode.Position(titleLine, 8)), []);
    assert.deepEqual(await taxonomyItems(doc.uri, new vscode.Position(doc.lineCount - 1, 0)), []);
  });
});

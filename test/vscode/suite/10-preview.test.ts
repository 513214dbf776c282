import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, uri } from './helpers';

/** VS Code's Markdown engine renders a document with every extension's markdown-it plugin. */
async function render(rel: string): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri(rel));
  return vscode.commands.executeCommand<string>('markdown.api.render', doc);
}

describe('Markdown preview of topic pages (extendMarkdownIt + the server\'s preview data)', () => {
  before(async () => {
    await api();
  });

  it('expands the _topic-links include into each key\'s title and description, once the data arrived', async () => {
    const rel = 'articles/api/index.md';
    let html = await render(rel);
    // The first render may come before the server's answer; the data is then asked and a re-render has it.
    for (let i = 0; i < 50 && !html.includes('Authenticating API Requests'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      html = await render(rel);
    }
    assert.match(html, /<a [^>]*href="[^"]*authentication\.md"[^>]*>Authenticating API Requests<\/a>/);
    assert.match(html, /Create an API key and send it with every request to the Acme Cloud API\./);
    assert.match(html, />Error Codes<\/a>/, 'a key whose page has its own url: resolves to that page');
    assert.doesNotMatch(html, /&lt;%=/, 'no EJS tag is printed as text');
  });
});

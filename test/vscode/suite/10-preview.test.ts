import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { api, uri } from './helpers';

const REL = 'articles/api/index.md';
const EXPANDED = /<a [^>]*href="[^"]*authentication\.md"[^>]*>Authenticating API Requests<\/a>/;

/** Renders until `done` holds (the first render may come before the server's answer), at most ~10 s. */
async function renderUntil(render: () => Promise<string>, done: (html: string) => boolean): Promise<string> {
  let html = await render();
  for (let i = 0; i < 100 && !done(html); i++) {
    await new Promise((r) => setTimeout(r, 100));
    html = await render();
  }
  return html;
}

describe('Markdown preview of topic pages (extendMarkdownIt + the server\'s preview data)', () => {
  before(async () => {
    await api();
  });

  it('the exported extendMarkdownIt expands the _topic-links include from the server\'s answers', async () => {
    const topicPages = await api();
    const doc = await vscode.workspace.openTextDocument(uri(REL));
    const md = topicPages.extendMarkdownIt(new MarkdownIt({ html: true }));
    // As VS Code calls it: parse with no document named, render with the document named.
    const html = await renderUntil(async () => md.renderer.render(md.parse(doc.getText(), { currentDocument: undefined }), md.options, { currentDocument: doc.uri }), (h) => EXPANDED.test(h));
    assert.match(html, EXPANDED);
    assert.match(html, /Create an API key and send it with every request to the Acme Cloud API\./);
    assert.match(html, />Error Codes<\/a>/, 'a key whose page has its own url: resolves to that page');
    assert.doesNotMatch(html, /&lt;%=/, 'no EJS tag is printed as text');
  });

  it('VS Code\'s Markdown engine (markdown.api.render) renders the page with the plugin', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(REL));
    const html = await renderUntil(async () => vscode.commands.executeCommand<string>('markdown.api.render', doc), (h) => EXPANDED.test(h));
    assert.match(html, EXPANDED);
    assert.doesNotMatch(html, /&lt;%=/, 'no EJS tag is printed as text');
  });
});

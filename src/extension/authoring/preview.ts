// The Markdown preview of topic pages: VS Code's preview calls `extendMarkdownIt`, which adds the
// topic-pages markdown-it plugin with a context answered from the language server's preview data.
import type MarkdownIt from 'markdown-it';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { topicPagesPreview } from '../../preview/plugin';
import type { PreviewData } from '../../preview/replay';
import { PreviewCache } from './previewCache';

export const PREVIEW_DATA = 'topicPages/previewData';
const REFRESH_DELAY_MS = 50;

/** The document markdown-it renders: VS Code passes it as `env.currentDocument` (a `vscode.Uri`). */
function uriOfEnv(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null) return undefined;
  const doc = (env as { currentDocument?: unknown }).currentDocument;
  // Read structurally: the Uri comes from the Markdown extension.
  if (typeof doc !== 'object' || doc === null || (doc as { scheme?: unknown }).scheme !== 'file') return undefined;
  const text = String(doc as { toString(): string });
  return text.startsWith('file:') ? text : undefined;
}

/** The open Markdown document whose text is `src` (VS Code drops U+2028 and U+2029 before parsing). */
function documentWithText(src: string): vscode.TextDocument | undefined {
  for (const d of vscode.workspace.textDocuments) {
    if (d.languageId !== 'markdown' || d.uri.scheme !== 'file') continue;
    const text = d.getText();
    if (text === src || (text.length >= src.length && text.replace(/\u2028|\u2029/g, '') === src)) return d;
  }
  return undefined;
}

/**
 * The markdown-it plugin, with the page parser it needs (yaml, htmlparser2): a bundle of its own
 * beside this one (dist/preview.js, scripts/build.mjs), loaded when a preview first renders
 * rather than when the extension activates, so a window that never opens a preview never holds it.
 */
function loadPlugin(): typeof topicPagesPreview {
  // Node's own require, with a path computed at run time: esbuild leaves it alone.
  const load = createRequire(__filename);
  return (load(join(__dirname, 'preview.js')) as { topicPagesPreview: typeof topicPagesPreview }).topicPagesPreview;
}

export class TopicPreview implements vscode.Disposable {
  readonly cache: PreviewCache;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: BaseLanguageClient) {
    this.cache = new PreviewCache({
      fetch: async (uri) => {
        if (!client.isRunning()) throw new Error('the language server is not running');
        return client.sendRequest<PreviewData | null>(PREVIEW_DATA, { uri });
      },
      versionOf: (uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version,
      refresh: () => this.refresh(),
      uriOf: uriOfEnv,
    });
    this.disposables.push(
      // The server re-checked a page: its links may now resolve differently.
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) void this.cache.invalidate(uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.forget(d.uri.toString())),
    );
  }

  /** `extendMarkdownIt` of the extension's API. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt {
    // VS Code parses with `currentDocument: undefined` (the document is named only when
    // rendering): name the open document whose text is being parsed, so the plugin's parse
    // rules know the page.
    const parse = md.parse.bind(md);
    md.parse = (src: string, env: unknown) => {
      if (typeof env === 'object' && env !== null && (env as { currentDocument?: unknown }).currentDocument === undefined) {
        const doc = documentWithText(src);
        if (doc) (env as { currentDocument?: vscode.Uri }).currentDocument = doc.uri;
      }
      return parse(src, env);
    };
    return md.use(loadPlugin(), this.cache.context);
  }

  /** Titles or links changed elsewhere: every page shown asks again. */
  treeChanged(): void {
    void this.cache.invalidateAll();
  }

  private refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

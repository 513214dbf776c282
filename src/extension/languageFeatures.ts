import * as vscode from 'vscode';
import { slugify } from '../core/markdown';
import { parsePage, type Page } from '../core/page';
import { LineIndex } from '../core/text';
import frontMatterSchema from '../../schemas/topic-page.frontmatter.schema.json';
import { frontMatterContext, hrefAt, schemaKeys, schemaValues } from '../core/features/completionContext';
import { toRange } from './convert';
import { fragmentOffset, hoverMarkdown, linkTargets, targetAt, type LinkTarget } from '../core/features/navigation';
import { mapTree, pageOutline, type OutlineSymbol } from '../core/features/outline';
import type { FolderIndex, TopicWorkspace } from './topicWorkspace';

/** A parsed editor buffer with its folder, cached per document version. */
interface ParsedDocument {
  readonly index: FolderIndex;
  readonly page: Page;
  readonly lines: LineIndex;
}

/**
 * Navigation and completion for topic pages: document links, Go to Definition,
 * hover, href and front-matter completion, and the outline.
 */
export class TopicLanguageFeatures
  implements vscode.DocumentLinkProvider, vscode.DefinitionProvider, vscode.HoverProvider, vscode.CompletionItemProvider, vscode.DocumentSymbolProvider
{
  private readonly cache = new Map<string, { version: number; engine: unknown; parsed: ParsedDocument | undefined }>();

  constructor(private readonly workspace: TopicWorkspace) {}

  private parse(doc: vscode.TextDocument): ParsedDocument | undefined {
    const key = doc.uri.toString();
    const at = this.workspace.locate(doc.uri);
    // Keyed on the engine too: a document opened before indexing finished must not keep "no page" for that version.
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.engine === at?.index.engine) return hit.parsed;
    let parsed: ParsedDocument | undefined;
    if (at?.index.engine && at.index.engine.index.isPagePath(at.path)) {
      const text = doc.getText();
      const page = parsePage(at.path, text);
      parsed = { index: at.index, page, lines: page.lines };
    }
    this.cache.set(key, { version: doc.version, engine: at?.index.engine, parsed });
    if (this.cache.size > 30) this.cache.delete(this.cache.keys().next().value ?? '');
    return parsed;
  }

  private location(index: FolderIndex, t: LinkTarget): vscode.Uri | undefined {
    return t.target ? index.uriOf(t.target) : undefined;
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const parsed = this.parse(doc);
    const engine = parsed?.index.engine;
    if (!parsed || !engine) return [];
    const links: vscode.DocumentLink[] = [];
    for (const t of linkTargets(parsed.page, engine.index)) {
      const uri = this.location(parsed.index, t);
      if (!uri || t.resolution === 'fragment' || t.range.start === t.range.end) continue;
      const link = new vscode.DocumentLink(toRange(parsed.lines, t.range), uri);
      link.tooltip = t.kind === 'include' ? `Open include ${t.target}` : `Open ${t.target}`;
      links.push(link);
    }
    return links;
  }

  async provideDefinition(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const parsed = this.parse(doc);
    const engine = parsed?.index.engine;
    if (!parsed || !engine) return undefined;
    const t = targetAt(parsed.page, engine.index, doc.offsetAt(position));
    const uri = t && this.location(parsed.index, t);
    if (!t || !uri || !t.target) return undefined;
    let text = t.target === parsed.page.path ? doc.getText() : engine.index.text(t.target);
    if (text === undefined && t.fragment) text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const offset = fragmentOffset(text ?? '', t.fragment, slugify);
    return new vscode.Location(uri, toRange(new LineIndex(text ?? ''), { start: offset, end: offset }));
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const parsed = this.parse(doc);
    const engine = parsed?.index.engine;
    if (!parsed || !engine) return undefined;
    const offset = doc.offsetAt(position);
    const onHref = parsed.page.links.some((l) => offset >= l.hrefRange.start && offset <= l.hrefRange.end) || parsed.page.includes.some((i) => offset >= i.pathRange.start && offset <= i.pathRange.end);
    if (!onHref) return undefined;
    const t = targetAt(parsed.page, engine.index, offset);
    const text = t && hoverMarkdown(t, engine.index);
    return t && text ? new vscode.Hover(new vscode.MarkdownString(text), toRange(parsed.lines, t.range)) : undefined;
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const at = this.workspace.locate(doc.uri);
    const engine = at?.index.engine;
    if (!at || !engine) return [];
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const lines = new LineIndex(text);
    const href = hrefAt(text, offset);
    if (href) {
      const range = toRange(lines, href.value);
      const ownRoute = engine.index.routeOfPage(at.path);
      return engine.index.routes().map((route) => {
        const { byFile, byUrl } = engine.index.filesForRoute(route);
        const file = byUrl[0] ?? byFile[0];
        const summary = file ? engine.index.summary(file) : undefined;
        const item = new vscode.CompletionItem({ label: route, description: summary?.title }, vscode.CompletionItemKind.File);
        item.range = range;
        item.detail = file;
        if (summary?.description) item.documentation = new vscode.MarkdownString(summary.description);
        item.sortText = (route === ownRoute ? '1' : '0') + route;
        return item;
      });
    }
    const fm = frontMatterContext(text, offset);
    if (!fm) return [];
    const schema = engine.settings.frontMatterSchema ?? frontMatterSchema;
    const range = toRange(lines, fm.replace);
    if (fm.kind === 'key') {
      return schemaKeys(schema)
        .filter((k) => !fm.existing.includes(k.key))
        .map((k) => {
          const item = new vscode.CompletionItem(k.key, vscode.CompletionItemKind.Property);
          item.insertText = new vscode.SnippetString(k.list ? `${k.key}:\n  - $0` : `${k.key}: $0`);
          item.range = range;
          if (k.description) item.documentation = new vscode.MarkdownString(k.description);
          item.sortText = (k.required ? '0' : '1') + k.key;
          return item;
        });
    }
    return schemaValues(schema, fm.key, fm.inList).map((v) => {
      const item = new vscode.CompletionItem(v, vscode.CompletionItemKind.EnumMember);
      item.range = range;
      return item;
    });
  }

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const parsed = this.parse(doc);
    if (!parsed) return [];
    const convert = (s: OutlineSymbol): vscode.DocumentSymbol =>
      new vscode.DocumentSymbol(
        s.name,
        s.detail,
        s.kind === 'header' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Module,
        toRange(parsed.lines, s.range),
        toRange(parsed.lines, s.selectionRange),
      );
    // Iterative: topic links may nest thousands deep, deeper than the call stack allows.
    return mapTree(pageOutline(parsed.page), convert, (symbol, children) => {
      symbol.children = children;
    });
  }
}

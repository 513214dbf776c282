import { findMarkdownLinks } from '../markdown';
import { parsePage, type Page, type PageLink } from '../page';
import { classifyHref, routeOfFile } from '../routes';
import { rewriteHref } from '../rules/linkBroken';
import type { TextEdit } from '../types';

/** A link as link updates and the backlink index see it. */
export type LinkRef = Pick<PageLink, 'kind' | 'href' | 'hrefRange'>;

const PLAIN_ANCHOR = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/**
 * Every link of a page, topic page or not: the parsed links of a page with topic-link markup;
 * on any other page (whose body is not parsed as HTML) its Markdown links, its `<a href>`
 * anchors outside code and template tags, and its include keys.
 */
export function everyLink(page: Page): LinkRef[] {
  if (page.bodyParsed) return [...page.links];
  const links: LinkRef[] = [...page.links];
  for (const m of findMarkdownLinks(page.masked, page.text, page.bodyStart)) links.push({ kind: 'markdown', href: m.href, hrefRange: m.hrefRange });
  PLAIN_ANCHOR.lastIndex = 0;
  for (let m = PLAIN_ANCHOR.exec(page.masked); m; m = PLAIN_ANCHOR.exec(page.masked)) {
    if (m.index < page.bodyStart) continue;
    const quoted = m[1] !== undefined ? 1 : 2;
    const valueEnd = m.index + m[0].length - 1;
    const valueStart = valueEnd - (m[quoted] ?? '').length;
    // The masked text blanks template code; the href is read from the original text.
    links.push({ kind: 'html', href: page.text.slice(valueStart, valueEnd), hrefRange: { start: valueStart, end: valueEnd } });
  }
  return links.sort((a, b) => a.hrefRange.start - b.hrefRange.start);
}

/** A page file that moved, by workspace-relative paths. */
export interface PageMove {
  readonly from: string;
  readonly to: string;
}

/** The route a page file serves under `docsRoot`; undefined for partials and files outside it. */
export function routeForFile(path: string, docsRoot: string): string | undefined {
  if (!/\.md$/i.test(path)) return undefined;
  const prefix = docsRoot ? docsRoot + '/' : '';
  if (!path.startsWith(prefix)) return undefined;
  const inRoot = path.slice(prefix.length);
  if (inRoot.split('/').some((segment) => segment.startsWith('_'))) return undefined;
  return routeOfFile(inRoot);
}

/** The `_topic-links` include key of a page file: its path under the docs root without `.md` or `/index`. */
export function articleKeyForFile(path: string, docsRoot: string): string | undefined {
  const prefix = docsRoot ? docsRoot + '/' : '';
  if (!/\.md$/i.test(path) || !path.startsWith(prefix)) return undefined;
  return path.slice(prefix.length).replace(/\.md$/i, '').replace(/(^|\/)index$/, '');
}

/** Expands a file or folder move into the page moves it implies. */
export function pageMoves(from: string, to: string, knownPaths: readonly string[]): PageMove[] {
  // A Markdown file counts even when the index has not seen it yet (moved again right after a move).
  if (knownPaths.includes(from) || (/\.md$/i.test(from) && /\.md$/i.test(to))) return [{ from, to }];
  const prefix = from.replace(/\/+$/, '') + '/';
  return knownPaths.filter((p) => p.startsWith(prefix)).map((p) => ({ from: p, to: to.replace(/\/+$/, '') + '/' + p.slice(prefix.length) }));
}

/**
 * The href edits that keep links working after `moves`: every href on `pages`
 * that reached a moved page's old route (or include key) is rewritten to the new
 * one, keeping the site base, query and fragment. `routeOf` gives each linking
 * page's route (its old route, for pages that moved themselves).
 */
export function hrefEditsForMoves(
  pages: readonly { readonly path: string; readonly text: string }[],
  moves: readonly PageMove[],
  options: { readonly docsRoot: string; readonly siteBases: readonly string[]; readonly routeOf: (path: string) => string | undefined },
): Map<string, TextEdit[]> {
  const routes = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const move of moves) {
    const oldRoute = routeForFile(move.from, options.docsRoot);
    const newRoute = routeForFile(move.to, options.docsRoot);
    if (oldRoute !== undefined && newRoute !== undefined && oldRoute !== newRoute) routes.set(oldRoute, newRoute);
    const oldKey = articleKeyForFile(move.from, options.docsRoot);
    const newKey = articleKeyForFile(move.to, options.docsRoot);
    if (oldKey !== undefined && newKey !== undefined && oldKey !== newKey) keys.set(oldKey, newKey);
  }
  const out = new Map<string, TextEdit[]>();
  if (routes.size === 0 && keys.size === 0) return out;
  for (const { path, text } of pages) {
    if (!text.includes('href') && !text.includes('](') && !text.includes('links')) continue;
    const page = parsePage(path, text);
    const fromRoute = options.routeOf(path) ?? '/';
    const edits: TextEdit[] = [];
    for (const link of everyLink(page)) {
      if (link.kind === 'include') {
        const key = link.href.trim().replace(/^\/+|\/+$/g, '');
        const next = keys.get(key);
        if (next !== undefined) edits.push({ range: link.hrefRange, newText: next });
        continue;
      }
      const kind = classifyHref(link.href, fromRoute, options.siteBases);
      if (kind.kind !== 'route') continue;
      const next = routes.get(kind.route);
      if (next !== undefined) edits.push({ range: link.hrefRange, newText: rewriteHref(link.href, next, kind.base) });
    }
    if (edits.length > 0) out.set(path, edits);
  }
  return out;
}

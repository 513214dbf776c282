import { findMarkdownLinks } from '../markdown';
import { parsePage, type PageLink } from '../page';
import { classifyHref, routeOfFile } from '../routes';
import { rewriteHref } from '../rules/linkBroken';
import type { TextEdit } from '../types';

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
    // Pages without topic-link markup are not parsed as HTML; their Markdown links still count.
    const links: Pick<PageLink, 'kind' | 'href' | 'hrefRange'>[] = page.bodyParsed
      ? [...page.links]
      : [...page.links, ...findMarkdownLinks(page.masked, text, page.bodyStart).map((m) => ({ kind: 'markdown' as const, href: m.href, hrefRange: m.hrefRange }))];
    for (const link of links) {
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

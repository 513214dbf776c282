import type { Page } from '../page';
import { classifyHref, normalizeRoute } from '../routes';
import { everyLink } from '../features/linkUpdates';
import { PageKeyIndex } from '../pageKeys';

/**
 * Which pages link to which route or include key, kept up to date page by page, so "who links
 * here" (rename edits, backlinks) never scans every page. Keys: `r:<route>` for links that name
 * a site route, `k:<key>` for `_topic-links` include keys.
 */
export class BacklinkIndex {
  private readonly links = new PageKeyIndex();

  /** Replaces the links `path` holds. */
  set(path: string, keys: readonly string[]): void {
    this.links.set(path, keys);
  }

  delete(path: string): void {
    this.links.delete(path);
  }

  /** The keys `path` holds. */
  linksOf(path: string): readonly string[] {
    return this.links.keysOf(path);
  }

  /** Pages holding a link under any of `keys` (sorted). */
  pagesLinkingTo(keys: Iterable<string>): string[] {
    return this.links.pagesOf(keys);
  }
}

/** The backlink keys of a page's links (see BacklinkIndex), every link of the page, topic page or not. */
export function linkKeys(page: Page, ownRoute: string, siteBases: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const link of everyLink(page)) {
    if (link.kind === 'include') {
      keys.add('k:' + link.href.trim().replace(/^\/+|\/+$/g, ''));
      continue;
    }
    const kind = classifyHref(link.href, ownRoute, siteBases);
    if (kind.kind === 'route') keys.add('r:' + kind.route);
  }
  return [...keys];
}

/** The keys under which links to a page file are indexed: its routes and its include key. */
export function keysOfTarget(routes: readonly (string | undefined)[], articleKey: string | undefined): string[] {
  const keys: string[] = [];
  for (const r of routes) if (r !== undefined) keys.push('r:' + normalizeRoute(r));
  if (articleKey !== undefined) keys.push('k:' + articleKey);
  return keys;
}

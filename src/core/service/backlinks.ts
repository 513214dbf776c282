import type { Page } from '../page';
import { classifyHref, normalizeRoute } from '../routes';
import { everyLink } from '../features/linkUpdates';

/**
 * Which pages link to which route or include key, kept up to date page by page, so "who links
 * here" (rename edits, backlinks) never scans every page. Keys: `r:<route>` for links that name
 * a site route, `k:<key>` for `_topic-links` include keys.
 */
export class BacklinkIndex {
  private readonly outgoing = new Map<string, readonly string[]>();
  private readonly incoming = new Map<string, Set<string>>();

  /** Replaces the links `path` holds. */
  set(path: string, keys: readonly string[]): void {
    this.delete(path);
    if (keys.length === 0) return;
    this.outgoing.set(path, keys);
    for (const k of keys) {
      let set = this.incoming.get(k);
      if (!set) this.incoming.set(k, (set = new Set()));
      set.add(path);
    }
  }

  delete(path: string): void {
    for (const k of this.outgoing.get(path) ?? []) {
      const set = this.incoming.get(k);
      set?.delete(path);
      if (set?.size === 0) this.incoming.delete(k);
    }
    this.outgoing.delete(path);
  }

  /** Pages holding a link under any of `keys` (sorted). */
  pagesLinkingTo(keys: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const k of keys) for (const p of this.incoming.get(k) ?? []) out.add(p);
    return [...out].sort();
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

import { internalized } from './text';

/**
 * A many-to-many index of pages and keys (the routes and files a page looked up, the routes a
 * page links to), both ways. A docs repository of 10,000 pages has hundreds of thousands of such
 * pairs, most keys with a single page (a route one page links to): that page is kept as is, a Set
 * only from the second, and every page shares one string per key.
 */
export class PageKeyIndex {
  private readonly byPage = new Map<string, readonly string[]>();
  private readonly byKey = new Map<string, { readonly key: string; pages: string | Set<string> }>();

  /** How many keys have at least one page. */
  get keyCount(): number {
    return this.byKey.size;
  }

  /** Replaces the keys of `page` (none: the page is forgotten). */
  set(page: string, keys: Iterable<string>): void {
    this.delete(page);
    const shared: string[] = [];
    for (const k of keys) {
      const entry = this.byKey.get(k);
      if (!entry) {
        // A key is often built by concatenation (`r:` + a route): kept flat, once.
        const key = internalized(k);
        this.byKey.set(key, { key, pages: page });
        shared.push(key);
        continue;
      }
      if (typeof entry.pages === 'string') {
        if (entry.pages !== page) entry.pages = new Set([entry.pages, page]);
      } else entry.pages.add(page);
      shared.push(entry.key);
    }
    if (shared.length > 0) this.byPage.set(page, shared);
  }

  delete(page: string): void {
    for (const k of this.byPage.get(page) ?? []) {
      const entry = this.byKey.get(k);
      if (!entry) continue;
      if (typeof entry.pages === 'string') {
        if (entry.pages === page) this.byKey.delete(k);
      } else if (entry.pages.delete(page) && entry.pages.size === 1) {
        entry.pages = entry.pages.values().next().value as string;
      }
    }
    this.byPage.delete(page);
  }

  /** The keys of `page`. */
  keysOf(page: string): readonly string[] {
    return this.byPage.get(page) ?? [];
  }

  /** The pages under any of `keys`, sorted. */
  pagesOf(keys: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const k of keys) {
      const pages = this.byKey.get(k)?.pages;
      if (typeof pages === 'string') out.add(pages);
      else for (const p of pages ?? []) out.add(p);
    }
    return [...out].sort();
  }
}

import type { PageLink } from './page';
import { classifyHref, type HrefKind } from './routes';

/** Where a link leads, as far as the workspace can tell. */
export type LinkResolution =
  | Exclude<HrefKind, { kind: 'route' }>
  | (Extract<HrefKind, { kind: 'route' }> & {
      /** The file that serves the route, if any. */
      readonly target: string | undefined;
      /** How the route reached the file. */
      readonly via: 'file' | 'url' | 'redirect' | undefined;
      /** Routes passed through on the way (redirects). */
      readonly redirects: readonly string[];
      /** Every file that serves the route, when more than one does. */
      readonly alternatives: readonly string[];
    })
  | {
      readonly kind: 'article';
      /** The include key, an article path under the docs root. */
      readonly key: string;
      readonly target: string | undefined;
    };

/** What a resolver needs to look routes up; the workspace index implements it. */
export interface RouteLookup {
  readonly siteBases: readonly string[];
  /** Files serving `route` directly, `url:` overrides first excluded: [by file, by url]. */
  filesForRoute(route: string): { readonly byFile: readonly string[]; readonly byUrl: readonly string[] };
  /** Redirect chain from `route` (excluding it). */
  redirectChain(route: string): readonly string[];
  /** The page file for an include key (`tokens` → `articles/tokens/index.md`), if any. */
  fileForArticleKey(key: string): string | undefined;
  /** Records that the page being checked depends on this route or file. */
  noteDependency?(key: string): void;
}

/** Resolves a link written on the page whose route is `fromRoute`. */
export function resolveLink(link: Pick<PageLink, 'href' | 'kind'>, fromRoute: string, lookup: RouteLookup): LinkResolution {
  if (link.kind === 'include') {
    const key = link.href.trim().replace(/^\/+|\/+$/g, '');
    lookup.noteDependency?.(`k:${key}`);
    return { kind: 'article', key, target: key ? lookup.fileForArticleKey(key) : undefined };
  }
  const kind = classifyHref(link.href, fromRoute, lookup.siteBases);
  if (kind.kind !== 'route') return kind;
  return resolveRoute(kind, lookup);
}

/** Looks a classified route up: file, then `url:` override, then redirects. */
export function resolveRoute(kind: Extract<HrefKind, { kind: 'route' }>, lookup: RouteLookup): Extract<LinkResolution, { kind: 'route' }> {
  const found = find(kind.route, lookup);
  // Built field by field (same fields, same order as spreading `kind`): a spread per link cost more than the lookup.
  if (found) return { kind: 'route', route: kind.route, fragment: kind.fragment, relative: kind.relative, base: kind.base, target: found.file, via: found.via, redirects: [], alternatives: found.all };
  const chain = lookup.redirectChain(kind.route);
  for (const hop of chain) {
    const hit = find(hop, lookup);
    if (hit) return { kind: 'route', route: kind.route, fragment: kind.fragment, relative: kind.relative, base: kind.base, target: hit.file, via: 'redirect', redirects: chain.slice(0, chain.indexOf(hop) + 1), alternatives: hit.all };
  }
  // A broken link: most links a check finds broken have no redirect either, and share one empty list.
  return { kind: 'route', route: kind.route, fragment: kind.fragment, relative: kind.relative, base: kind.base, target: undefined, via: chain.length > 0 ? 'redirect' : undefined, redirects: chain, alternatives: NONE };
}

const NONE: readonly string[] = Object.freeze([]);

function find(route: string, lookup: RouteLookup): { file: string; via: 'file' | 'url'; all: string[] } | undefined {
  lookup.noteDependency?.(`r:${route}`);
  const { byFile, byUrl } = lookup.filesForRoute(route);
  const n = byUrl.length + byFile.length;
  if (n === 0) return undefined;
  // One file serves most routes: no set needed to list it once.
  const all = n === 1 ? [(byUrl[0] ?? byFile[0]) as string] : [...new Set([...byUrl, ...byFile])];
  if (byUrl[0] !== undefined) return { file: byUrl[0], via: 'url', all };
  if (byFile[0] !== undefined) return { file: byFile[0], via: 'file', all };
  return undefined;
}

import { posix } from 'node:path';

/**
 * What an href means for this site. Routes are site paths such as
 * `/users/search`, without query, fragment or trailing slash.
 */
export type HrefKind =
  | { readonly kind: 'empty' }
  | { readonly kind: 'fragment'; readonly fragment: string }
  | { readonly kind: 'unsafe'; readonly scheme: string }
  | { readonly kind: 'external' }
  | { readonly kind: 'dynamic' }
  | {
      readonly kind: 'route';
      readonly route: string;
      readonly fragment: string | undefined;
      /** The href had no leading `/` and was resolved against the page's own route. */
      readonly relative: boolean;
      /** The site base the href started with (`/docs`, `https://site/docs`), if any. */
      readonly base: string | undefined;
    };

const UNSAFE = /^\s*(javascript|data|vbscript|file):/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `/`, `#` and `?`: what may follow a site base in an href that starts with it. */
const AFTER_STEM = new Set([47, 35, 63]);

/** Each site base without its trailing slashes, worked out once per settings' list. */
const stemCache = new WeakMap<readonly string[], readonly string[]>();
function stemsOf(siteBases: readonly string[]): readonly string[] {
  let stems = stemCache.get(siteBases);
  if (!stems) stemCache.set(siteBases, (stems = siteBases.map((b) => b.replace(/\/+$/, ''))));
  return stems;
}

/** Classifies an href written on the page whose route is `fromRoute`. */
export function classifyHref(href: string, fromRoute: string, siteBases: readonly string[]): HrefKind {
  const trimmed = href.trim();
  if (trimmed === '') return { kind: 'empty' };
  const unsafe = UNSAFE.exec(BROWSER_REWRITES.test(href) ? asBrowserReadsIt(href) : href);
  if (unsafe) return { kind: 'unsafe', scheme: (unsafe[1] ?? '').toLowerCase() };
  if (trimmed.includes('${') || trimmed.includes('<%') || trimmed.includes('{{')) return { kind: 'dynamic' };
  if (trimmed.startsWith('#')) return { kind: 'fragment', fragment: decodeSafe(trimmed.slice(1)) };
  let rest = trimmed;
  let base: string | undefined;
  const stems = stemsOf(siteBases);
  for (let i = 0; i < siteBases.length; i++) {
    const stem = stems[i] as string;
    if (stem && rest.startsWith(stem) && (rest.length === stem.length || AFTER_STEM.has(rest.charCodeAt(stem.length)))) {
      base = siteBases[i];
      rest = rest.slice(stem.length) || '/';
      if (!rest.startsWith('/')) rest = '/' + rest;
      break;
    }
  }
  if (base === undefined && (SCHEME.test(rest) || rest.startsWith('//'))) return { kind: 'external' };
  const hash = rest.indexOf('#');
  const fragment = hash >= 0 ? decodeSafe(rest.slice(hash + 1)) : undefined;
  let path = hash >= 0 ? rest.slice(0, hash) : rest;
  const query = path.indexOf('?');
  if (query >= 0) path = path.slice(0, query);
  const relative = !path.startsWith('/');
  if (relative) {
    const dir = fromRoute.endsWith('/') ? fromRoute : posix.dirname(fromRoute);
    path = posix.join(dir, path);
  }
  return { kind: 'route', route: normalizeRoute(decodeSafe(path)), fragment: fragment || undefined, relative, base };
}

/** What asBrowserReadsIt changes: a character reference, a tab or line break, a leading control character or space. */
// eslint-disable-next-line no-control-regex
const BROWSER_REWRITES = /[&\t\n\r]|^[\u0000-\u0020]/;

/**
 * The href as a browser reads its scheme: character references decoded (`&#106;avascript:`,
 * `javascript&colon;`), ASCII tabs and newlines removed (`java\tscript:`), leading control
 * characters and spaces dropped. Used only to spot unsafe schemes (exported for the tests of
 * classifyHref's shortcut past it).
 */
export function asBrowserReadsIt(href: string): string {
  return href
    .replace(/&#x([0-9a-f]+);?|&#(\d+);?|&(colon|tab|newline);/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return { colon: ':', tab: '\t', newline: '\n' }[name.toLowerCase()] ?? whole;
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    })
    .replace(/[\t\n\r]/g, '')
    // Browsers drop leading C0 control characters and spaces before reading the scheme.
    // eslint-disable-next-line no-control-regex
    .replace(/^[\u0000-\u0020]+/, '');
}

/** What normalizeRoute changes in a route that starts with `/`: `//`, a `.` or `..` segment, a trailing `/` (not the root), trailing white space. */
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|[\s\S]\/$|\s$/;

/** `/a/b/` → `/a/b`, `a//b` → `/a/b`, `/a/./c/../b` → `/a/b`; the root is `/`. */
export function normalizeRoute(route: string): string {
  // Most routes are already normal (every route the index keeps, most hrefs): same string back.
  if (route.charCodeAt(0) === 47 && !NOT_NORMAL.test(route)) return route;
  const joined = posix.normalize('/' + route.trim());
  const stripped = joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
  return stripped === '' ? '/' : stripped;
}

/** The route a file serves: `a/b.md` and `a/b/index.md` → `/a/b`, relative to the docs root. */
export function routeOfFile(pathInDocsRoot: string): string {
  const noExt = pathInDocsRoot.replace(/\.md$/i, '');
  const noIndex = noExt === 'index' ? '' : noExt.replace(/\/index$/i, '');
  return normalizeRoute('/' + noIndex);
}

function decodeSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `"/a/b"` → `"/a"`, the folder a sibling route shares. */
export function parentRoute(route: string): string {
  const i = route.lastIndexOf('/');
  return i <= 0 ? '/' : route.slice(0, i);
}

/** Last segment of a route, for finding a page that moved. */
export function lastSegment(route: string): string {
  return route.slice(route.lastIndexOf('/') + 1);
}

import type { Page, PageLink } from './page';
import { resolveLink, type LinkResolution, type RouteLookup } from './resolve';
import { WorkspaceIndex, type IndexView, type Settings } from './workspace';

/** Thrown when a rule asks the workspace something a check before the listing cannot answer. */
export class NeedsWorkspace extends Error {}

export function needsWorkspace(): never {
  throw new NeedsWorkspace('the workspace is not known yet');
}

/**
 * What is known of some of the workspace's folders before it is listed: for each folder probed,
 * the files directly in it (workspace paths, as the listing would give them; [] for none or no
 * such folder), or null when only the whole listing can tell (a folder reached through a link).
 */
export type KnownFolders = ReadonlyMap<string, readonly string[] | null>;

/**
 * The workspace as a check before the listing sees it: the page itself, and the files of the
 * folders probed so far. A route, an include key or an include path is looked up only when every
 * folder that can hold a file serving it is known; the answer is then what the listing's index
 * gives before any other page is read. Any other question (another page's summary, suggestions)
 * throws NeedsWorkspace, and the rule asking is deferred to the full check.
 *
 * In `discover` mode an unknown folder is answered as empty and named in `wanted`, so that the
 * rules go on and name every folder they would ask about; that pass's findings are thrown away.
 */
export function earlyView(
  page: Page,
  settings: Settings,
  folders: KnownFolders,
  discover: boolean,
  wanted: Set<string>,
): { readonly view: IndexView; readonly resolve: (link: PageLink) => LinkResolution } {
  const index = new WorkspaceIndex(settings, false);
  const known = [...folders.values()].flatMap((files) => files ?? []);
  // In the listing's order (sorted): when two files serve one route, the same one comes first.
  for (const file of known.sort()) if (!index.ignores(file)) index.setFile(file);
  index.setParsedPage(page);
  const need = (wantedFolders: readonly string[]): void => {
    for (const folder of wantedFolders) {
      if (!isListableFolder(folder)) continue;
      const files = folders.get(folder);
      if (files === null) needsWorkspace();
      if (files !== undefined) continue;
      if (!discover) needsWorkspace();
      wanted.add(folder);
    }
  };
  const root = settings.docsRoot;
  const inRoot = (rest: string): string => (root ? `${root}/${rest}` : rest);
  const lookup: RouteLookup = {
    siteBases: settings.siteBases,
    filesForRoute(route) {
      // `/a/b` is served by `a/b.md` or `a/b/index.md` (any case of `.md` and `index`) under the docs root.
      const folder = route === '/' ? root : inRoot(route.slice(1));
      need(route === '/' ? [folder] : [folder, parentFolder(folder)]);
      return index.filesForRoute(route);
    },
    redirectChain: (route) => index.redirectChain(route),
    fileForArticleKey(key) {
      const folder = inRoot(key);
      need([folder, parentFolder(folder)]);
      return index.fileForArticleKey(key);
    },
  };
  const fromRoute = index.routeOfPage(page.path) ?? '/';
  const resolutions = new Map<PageLink, LinkResolution>();
  const resolve = (link: PageLink): LinkResolution => {
    let r = resolutions.get(link);
    if (!r) resolutions.set(link, (r = resolveLink(link, fromRoute, lookup)));
    return r;
  };
  const view: IndexView = {
    settings,
    summary: (path) => (path === page.path ? index.summary(path) : needsWorkspace()),
    filesForRoute: (route) => lookup.filesForRoute(route),
    suggestRoutes: needsWorkspace,
    resolveInclude(includePath, fromPath) {
      const answer = index.resolveInclude(includePath, fromPath);
      // Every file tried lies in one folder.
      const first = answer.tried[0];
      if (first !== undefined) need([parentFolder(first)]);
      return answer;
    },
  };
  return { view, resolve };
}

/** `a/b/c` → `a/b`; `c` → `` (the workspace root). */
function parentFolder(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A folder the listing can produce: `` or `/`-separated names, none empty, `.` or `..`. */
export function isListableFolder(folder: string): boolean {
  return folder === '' || folder.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

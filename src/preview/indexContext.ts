import { posix } from 'node:path';
import type { WorkspaceIndex } from '../core/workspace';
import type { IncludeRead, LinkInfo, PreviewContext } from './context';

export interface IndexContextOptions {
  /** The workspace path of the document markdown-it renders, from its `env` (see `currentDocumentOf`). */
  pathOf(env: unknown): string | undefined;
  /** The text of a workspace file the index does not hold (an `.html` or `.ejs` include); undefined when unreadable. */
  readText?(path: string): string | undefined;
}

/**
 * A PreviewContext answered by the engine's WorkspaceIndex: routes, `url:` overrides,
 * redirects and include keys resolve exactly as the `link-broken` rule resolves them.
 */
export function previewContextFromIndex(index: WorkspaceIndex, options: IndexContextOptions): PreviewContext {
  const target = (fromPath: string, file: string, fragment?: string): Pick<LinkInfo, 'title' | 'description' | 'href'> => {
    const summary = index.summary(file);
    return {
      ...(summary?.title !== undefined ? { title: summary.title } : {}),
      ...(summary?.description !== undefined ? { description: summary.description } : {}),
      href: relativeHref(fromPath, file, fragment),
    };
  };
  return {
    pathOf: (env) => {
      const path = options.pathOf(env);
      return path !== undefined && index.isPagePath(path) ? path : undefined;
    },
    lookupRoute(href, fromPath) {
      const r = index.resolve({ kind: 'html', href }, fromPath);
      switch (r.kind) {
        case 'empty':
          return { placeholder: 'Placeholder link: the href is empty.' };
        case 'fragment':
          return r.fragment === '' ? { placeholder: 'Placeholder link: the href is only `#`.' } : undefined;
        case 'unsafe':
          return { broken: `Unsafe \`${r.scheme}:\` link: the site does not follow it.` };
        case 'route': {
          if (r.target) return target(fromPath, r.target, r.fragment);
          // Written without the leading `/`, a link that works root-relative is not broken (link-relative reports it).
          if (r.relative) {
            const root = index.resolve({ kind: 'html', href: '/' + href.trim() }, fromPath);
            if (root.kind === 'route' && root.target) return target(fromPath, root.target, root.fragment);
          }
          const through = r.redirects.length > 0 ? ` (it redirects to \`${r.redirects[r.redirects.length - 1] ?? ''}\`, which has no page either)` : '';
          return { broken: `No page for route \`${r.route}\`${through}.${didYouMean(index.suggestRoutes(r.route))}` };
        }
        default:
          return undefined;
      }
    },
    lookupKey(key, fromPath) {
      const r = index.resolve({ kind: 'include', href: key }, fromPath);
      if (r.kind !== 'article') return undefined;
      if (r.key === '') return { broken: 'Empty key in the `links` array.' };
      if (r.target) return target(fromPath, r.target);
      const keys = index.suggestRoutes('/' + r.key).map((route) => articleKeyOf(index, route)).filter((k): k is string => k !== undefined);
      return { broken: `No article \`${r.key}\` for the \`_topic-links\` include (looked for ${r.key}.md and ${r.key}/index.md under the docs root): the include fails to render.${didYouMean(keys)}` };
    },
    readInclude(includePath, fromPath): IncludeRead {
      const r = index.resolveInclude(includePath, fromPath);
      if (r.outside) return { missing: 'The path leaves the workspace: not read.' };
      if (r.target === undefined) return { missing: `No file for this include (looked for ${r.tried.join(', ')}).` };
      const text = index.text(r.target) ?? options.readText?.(r.target);
      return text === undefined ? { missing: `${r.target} could not be read.` } : { path: r.target, text };
    },
  };
}

/** The include key of the page serving `route` (its path under the docs root, without `.md`), as link-broken suggests it. */
function articleKeyOf(index: WorkspaceIndex, route: string): string | undefined {
  const { byFile, byUrl } = index.filesForRoute(route);
  const file = byFile[0] ?? byUrl[0];
  if (!file) return undefined;
  const root = index.settings.docsRoot;
  return (root ? file.slice(root.length + 1) : file).replace(/\.md$/i, '').replace(/\/index$/, '');
}

function didYouMean(routes: readonly string[]): string {
  return routes.length === 0 ? '' : ` Did you mean ${routes.map((r) => `\`${r}\``).join(' or ')}?`;
}

/** The href from one workspace file to another, relative and URL-encoded, so the preview opens the file. */
export function relativeHref(fromPath: string, toPath: string, fragment?: string): string {
  const relative = posix.relative(posix.dirname(fromPath), toPath) || posix.basename(toPath);
  const encoded = relative.split('/').map(encodeURIComponent).join('/');
  return fragment ? `${encoded}#${encodeURIComponent(fragment)}` : encoded;
}

/**
 * The document VS Code's Markdown preview renders: `env.currentDocument`, a `vscode.Uri`
 * (read structurally here, so this module needs no `vscode`).
 */
export function currentDocumentOf(env: unknown): { readonly scheme: string; readonly path: string } | undefined {
  if (typeof env !== 'object' || env === null) return undefined;
  const doc: unknown = (env as { currentDocument?: unknown }).currentDocument;
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { scheme, path } = doc as { scheme?: unknown; path?: unknown };
  return typeof scheme === 'string' && typeof path === 'string' ? { scheme, path } : undefined;
}

import type { PageLink } from '../page';
import type { Rule, RuleContext } from '../rule';
import type { Fix } from '../types';

/** A site route (or include key) that no page, `url:` or redirect serves. */
export const linkBrokenRule: Rule = {
  id: 'link-broken',
  description: 'A link to a site route, or a `_topic-links` include key, must reach a page of the workspace.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check(context) {
    const { page, index, resolve, report } = context;
    for (const link of page.links) {
      const r = resolve(link);
      if (r.kind === 'article') {
        if (r.target || r.key === '') continue;
        // Near misses need every route of the workspace: worked out once, by the full check.
        let keys: string[] | undefined;
        const near = (): string[] => (keys ??= index.suggestRoutes('/' + r.key).map((route) => articleKeyOf(context, route)).filter((k): k is string => k !== undefined));
        report({
          range: link.hrefRange,
          message: `No article \`${r.key}\` for the \`_topic-links\` include (looked for ${r.key}.md and ${r.key}/index.md under the docs root): the include fails to render.`,
          hint: () => didYouMean(near()),
          suggestions: () => near().map((k) => replaceWith(link, k, `Change to '${k}'`)),
          data: { key: r.key },
        });
        continue;
      }
      if (r.kind !== 'route' || r.target) continue;
      // A relative href that works written root-relative belongs to link-relative.
      if (r.relative && rootRelativeResolves(context, link)) continue;
      let routes: string[] | undefined;
      const near = (): string[] => (routes ??= index.suggestRoutes(r.route));
      const through = r.redirects.length > 0 ? ` (it redirects to \`${r.redirects[r.redirects.length - 1] ?? ''}\`, which has no page either)` : '';
      report({
        range: link.hrefRange,
        message: `No page for route \`${r.route}\`${through}.`,
        hint: () => didYouMean(near()),
        suggestions: () => near().map((s) => replaceWith(link, rewriteHref(link.href, s, r.base), `Change to ${s}`)),
        data: { route: r.route },
      });
    }
  },
};

function rootRelativeResolves(context: RuleContext, link: PageLink): boolean {
  const r = context.resolve({ ...link, href: '/' + link.href.trim() });
  return r.kind === 'route' && r.target !== undefined;
}

function didYouMean(options: readonly string[]): string {
  if (options.length === 0) return '';
  return ` Did you mean ${options.map((o) => `\`${o}\``).join(' or ')}?`;
}

function replaceWith(link: PageLink, newHref: string, title: string): Fix {
  return { title, edits: [{ range: link.hrefRange, newText: newHref }] };
}

/** The href with its route replaced, keeping any site base, query and fragment. */
export function rewriteHref(href: string, route: string, base: string | undefined): string {
  const trimmed = href.trim();
  const cut = trimmed.search(/[?#]/);
  const suffix = cut >= 0 ? trimmed.slice(cut) : '';
  const stem = base ? base.replace(/\/+$/, '') : '';
  return `${stem}${route}${suffix}`;
}

/** The include key of the page serving `route` (its path under the docs root, without `.md`). */
function articleKeyOf(context: RuleContext, route: string): string | undefined {
  const { byFile, byUrl } = context.index.filesForRoute(route);
  const file = byFile[0] ?? byUrl[0];
  if (!file) return undefined;
  const root = context.index.settings.docsRoot;
  const inRoot = root ? file.slice(root.length + 1) : file;
  return inRoot.replace(/\.md$/i, '').replace(/\/index$/, '');
}

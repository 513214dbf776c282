import { attribute, innerRange, parseHtml, plainText, walk } from '../html';
import { findMarkdownLinks } from '../markdown';
import { allTopicLinks, parsePage, type Page, type PageLink } from '../page';
import { normalizeRoute } from '../routes';
import { toLineColumn } from '../text';
import type { Range } from '../types';
import type { WorkspaceIndex } from '../workspace';

/** One link to a page: where it is written, and what it says. */
export interface Backlink {
  /** The page the link is on. */
  readonly path: string;
  /** One-based line and column of the link's href (of the key, for an include key). */
  readonly line: number;
  readonly column: number;
  /** The href's offsets in that page's text. */
  readonly range: Range;
  readonly href: string;
  readonly kind: PageLink['kind'];
  /** The link's text (empty for include keys). */
  readonly text: string;
  /** True for a topic link (an item of a topic-links list, or a `_topic-links` key) on a topic page. */
  readonly topicLink: boolean;
}

/** A page nothing reaches, and why it counts as one. */
export interface Orphan {
  readonly path: string;
  readonly route: string | undefined;
  readonly title: string | undefined;
  readonly isTopicPage: boolean;
}

interface Edge {
  readonly from: string;
  readonly link: PageLink;
  readonly target: string | undefined;
  /** The route the link names, when it names one (also for routes no page serves). */
  readonly route: string | undefined;
  readonly topicLink: boolean;
  readonly lines: Page['lines'];
}

/**
 * Who links to what across a workspace: every HTML link, Markdown link and `_topic-links`
 * include key of every page, resolved once. Built from a `WorkspaceIndex` and the pages'
 * texts (`textOf`, by default the index's own copies).
 *
 * Orphans are the pages under the docs root (partials `_name.md` aside) that are not reached:
 * - a page is reached when a topic link on a topic page (other than itself) leads to it,
 *   at any nesting depth, by route or by include key; the topic pages it is reached through
 *   need not be reached themselves (each topic page is a way in);
 * - a page a redirect leads to is reached (the old route's readers land there);
 * - a topic page no topic page lists is reached when any other page links to it in any
 *   way, or when it is the docs root's index (`/`); otherwise it is an orphan root.
 */
export class LinkGraph {
  private readonly edges: Edge[] = [];

  constructor(private readonly index: WorkspaceIndex, textOf: (path: string) => string | undefined = (p) => index.text(p)) {
    for (const path of index.pagePaths()) {
      const text = textOf(path);
      if (text === undefined) continue;
      const page = parsePage(path, text);
      const topic = new Set<PageLink>();
      if (page.isTopicPage) for (const t of allTopicLinks(page.topicLinks)) if (t.link) topic.add(t.link);
      for (const link of linksOf(page)) {
        const r = index.resolve(link, path);
        if (r.kind === 'route') this.edges.push({ from: path, link, target: r.target, route: r.route, topicLink: topic.has(link), lines: page.lines });
        else if (r.kind === 'article') this.edges.push({ from: path, link, target: r.target, route: undefined, topicLink: topic.has(link), lines: page.lines });
      }
    }
  }

  /**
   * Every link to the page at `routeOrFile`: a workspace path (`articles/users/index.md`) or a
   * site route (`/users`, `users`). A route no page serves still lists the links that name it.
   * Sorted by page, then position.
   */
  linksTo(routeOrFile: string): Backlink[] {
    const { file, route } = this.settle(routeOrFile);
    const out: Backlink[] = [];
    for (const e of this.edges) {
      const hit = file !== undefined ? e.target === file : e.target === undefined && e.route !== undefined && e.route === route;
      if (!hit) continue;
      const at = toLineColumn(e.lines, e.link.hrefRange);
      out.push({ path: e.from, line: at.line, column: at.column, range: e.link.hrefRange, href: e.link.href, kind: e.link.kind, text: e.link.text, topicLink: e.topicLink });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path) || a.range.start - b.range.start);
  }

  /** The file `routeOrFile` names (a page path, or the page serving the route), and its route. */
  settle(routeOrFile: string): { file: string | undefined; route: string | undefined } {
    const given = routeOrFile.trim();
    if (this.index.summary(given)) return { file: given, route: this.index.routeOfPage(given) };
    const route = normalizeRoute(given.startsWith('/') ? given : `/${given}`);
    const r = this.index.resolve({ href: route, kind: 'html' }, '');
    if (r.kind === 'route') return { file: r.target, route: r.route };
    return { file: undefined, route };
  }

  /** Pages under the docs root that nothing reaches (see the class comment), sorted by path. */
  orphans(): Orphan[] {
    const reached = new Set<string>();
    const linkedByOther = new Set<string>();
    for (const e of this.edges) {
      if (e.target === undefined || e.target === e.from) continue;
      linkedByOther.add(e.target);
      if (e.topicLink) reached.add(e.target);
    }
    for (const r of this.index.settings.redirects) {
      const res = this.index.resolve({ href: r.to, kind: 'html' }, '');
      if (res.kind === 'route' && res.target) reached.add(res.target);
    }
    const out: Orphan[] = [];
    for (const path of this.index.pagePaths()) {
      const s = this.index.summary(path);
      // Partials (`_name.md`, `_includes/`) have no route: they are included, not visited.
      if (!s || s.route === undefined || reached.has(path)) continue;
      if (s.isTopicPage && (linkedByOther.has(path) || this.index.routeOfPage(path) === '/')) continue;
      out.push({ path, route: this.index.routeOfPage(path), title: s.title, isTopicPage: s.isTopicPage });
    }
    return out;
  }
}

/**
 * Every link of a page. Pages without topic-link markup are not parsed as HTML by `parsePage`
 * (the rules need nothing more from them): their anchors and Markdown links are read here.
 */
function linksOf(page: Page): readonly PageLink[] {
  if (page.bodyParsed) return page.links;
  const links: PageLink[] = [...page.links];
  const { masked, text } = page;
  if (masked.includes('<a')) {
    walk(parseHtml(masked, text), (e) => {
      if (e.name !== 'a') return;
      const href = attribute(e, 'href');
      if (!href) return;
      const inner = innerRange(e);
      links.push({ kind: 'html', href: href.value, hrefRange: href.valueRange, hrefAttribute: href, text: plainText(text.slice(inner.start, inner.end)), textRange: inner, range: { start: e.openTag.start, end: e.end }, element: e });
    });
  }
  for (const m of findMarkdownLinks(masked, text, page.bodyStart)) {
    links.push({ kind: 'markdown', href: m.href, hrefRange: m.hrefRange, text: m.text, textRange: m.textRange, range: m.range });
  }
  return links.sort((a, b) => a.range.start - b.range.start);
}

import { flattenTree, type PageLink } from './page';
import type { Range } from './types';
import type { OutlineItem, WorkspaceIndex } from './workspace';

/** What `pagesLinkedFrom` found for an outline, and when. */
const linkedPages = new WeakMap<readonly OutlineItem[], { readonly index: WorkspaceIndex; readonly from: string; readonly at: number; readonly targets: readonly string[] }>();

/** Topic pages whose links rootSteps() resolves between two steps. */
const ROOT_PAGES_PER_STEP = 32;

export type TopicNodeKind = 'topic-page' | 'page' | 'broken' | 'external' | 'dynamic' | 'cycle' | 'no-link';

/** One node of the topic hierarchy: a topic page, or a link on one. */
export interface TopicNode {
  /** Stable while the pages above it do not change: the chain of link positions from the root. */
  readonly id: string;
  readonly kind: TopicNodeKind;
  readonly label: string;
  /** The route the link names (or the root page's route). */
  readonly route: string | undefined;
  readonly href: string | undefined;
  /** The file the node leads to, if any. */
  readonly target: string | undefined;
  readonly description: string | undefined;
  /** The topic page and range of the link this node stands for (undefined for roots). */
  readonly source: { readonly path: string; readonly range: Range } | undefined;
  readonly parent: TopicNode | undefined;
  /** Topic-page paths from the root down to this node, for cycle detection. */
  readonly ancestry: readonly string[];
  readonly items: readonly OutlineItem[];
  /**
   * True for an item whose href is `#` or empty: a placeholder the writer has not pointed
   * anywhere yet (its kind is `no-link`, never `cycle` or `page`).
   */
  readonly placeholder?: boolean;
}

/** True when an href is a placeholder: empty, blank or a bare `#`. */
export function isPlaceholderHref(href: string): boolean {
  const h = href.trim();
  return h === '' || h === '#';
}

/**
 * The topic hierarchy: roots are topic pages no other topic page links to;
 * children are their links in document order; a link to another topic page
 * expands into that page's links; a link back to an ancestor is a `cycle` leaf.
 * Children are computed on demand, so a deep or wide hierarchy costs only what is shown.
 */
export class TopicTree {
  private rootNodes: TopicNode[] | undefined;
  private pendingRoots: Generator<void, TopicNode[], void> | undefined;
  private readonly childCache = new Map<string, TopicNode[]>();

  constructor(private readonly index: WorkspaceIndex) {}

  roots(): TopicNode[] {
    if (this.rootNodes) return this.rootNodes;
    const steps = this.rootSteps();
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /** True once the roots are known (roots() answers without work). */
  get hasRoots(): boolean {
    return this.rootNodes !== undefined;
  }

  /**
   * The roots, computed a few topic pages at a time: each `next()` does a bounded share of the work
   * (resolving every link of every topic page is most of it), so a caller can let other work in
   * between. Several callers share one computation.
   */
  rootSteps(): Generator<void, TopicNode[], void> {
    this.pendingRoots ??= this.computeRoots();
    return this.pendingRoots;
  }

  private *computeRoots(): Generator<void, TopicNode[], void> {
    if (this.rootNodes) return this.rootNodes;
    const topicPages = this.index.pagePaths().filter((p) => this.index.summary(p)?.isTopicPage);
    const linked = new Map<string, Set<string>>();
    let sinceYield = 0;
    for (const p of topicPages) {
      if (++sinceYield >= ROOT_PAGES_PER_STEP) {
        sinceYield = 0;
        yield;
      }
      const targets = new Set<string>();
      for (const target of this.pagesLinkedFrom(p)) if (target !== p && this.index.summary(target)?.isTopicPage) targets.add(target);
      linked.set(p, targets);
    }
    const hasParent = new Set([...linked.values()].flatMap((s) => [...s]));
    const roots = topicPages.filter((p) => !hasParent.has(p));
    // Topic pages reachable from no root (a ring of pages linking to each other) get the first of each ring as a root.
    const reached = new Set<string>();
    const reach = (start: string): void => {
      const stack = [start];
      while (stack.length > 0) {
        const p = stack.pop();
        if (p === undefined || reached.has(p)) continue;
        reached.add(p);
        for (const t of linked.get(p) ?? []) stack.push(t);
      }
    };
    roots.forEach(reach);
    // In a ring, the page nearest the site root (fewest route segments) stands for it.
    const depth = (p: string): number => (this.index.routeOfPage(p) ?? p).split('/').filter(Boolean).length;
    const unreached = topicPages.filter((p) => !reached.has(p)).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    for (const p of unreached) {
      if (!reached.has(p)) {
        roots.push(p);
        reach(p);
      }
    }
    this.rootNodes = roots.map((p) => this.pageNode(p));
    this.pendingRoots = undefined;
    return this.rootNodes;
  }

  /**
   * The pages a topic page's list links to, at any depth. Kept with the page's outline while the
   * index's change clock reads the same: a tree built again after an edit that moved no route
   * resolves only the edited page's links.
   */
  private pagesLinkedFrom(path: string): readonly string[] {
    const outline = this.index.summary(path)?.outline;
    if (!outline || outline.length === 0) return [];
    const kept = linkedPages.get(outline);
    if (kept && kept.index === this.index && kept.from === path && kept.at === this.index.changeClock) return kept.targets;
    const targets: string[] = [];
    for (const item of flattenTree(outline)) {
      const target = this.targetOf(item, path).target;
      if (target !== undefined) targets.push(target);
    }
    linkedPages.set(outline, { index: this.index, from: path, at: this.index.changeClock, targets });
    return targets;
  }

  children(node: TopicNode): TopicNode[] {
    let cached = this.childCache.get(node.id);
    if (!cached) {
      cached = this.computeChildren(node);
      this.childCache.set(node.id, cached);
    }
    return cached;
  }

  /** Nodes leading to `path`, searched breadth first up to `limit` nodes. */
  findNodes(path: string, limit = 5000): TopicNode[] {
    const found: TopicNode[] = [];
    const queue = [...this.roots()];
    let seen = 0;
    while (queue.length > 0 && seen++ < limit) {
      const node = queue.shift();
      if (!node) break;
      if (node.target === path) found.push(node);
      queue.push(...this.children(node));
    }
    return found;
  }

  private pageNode(path: string): TopicNode {
    const s = this.index.summary(path);
    return {
      id: path,
      kind: 'topic-page',
      label: s?.title?.trim() || s?.heading || path,
      route: this.index.routeOfPage(path),
      href: undefined,
      target: path,
      description: s?.description,
      source: undefined,
      parent: undefined,
      ancestry: [path],
      items: s?.outline ?? [],
    };
  }

  private computeChildren(node: TopicNode): TopicNode[] {
    const sourcePage = node.ancestry[node.ancestry.length - 1];
    if (sourcePage === undefined) return [];
    const out: TopicNode[] = [];
    node.items.forEach((item, i) => out.push(this.itemNode(node, item, i, sourcePage)));
    // A link to another topic page opens into that page's links, after any sub-links written under it.
    if (node.kind === 'topic-page' && node.parent !== undefined && node.target) {
      const target = this.index.summary(node.target);
      const expanded: TopicNode = { ...node, items: target?.outline ?? [], ancestry: [...node.ancestry, node.target] };
      // Numbered after the sub-links, so every child's id is its position among the children (ids stay unique).
      const offset = node.items.length;
      (target?.outline ?? []).forEach((item, i) => out.push(this.itemNode(expanded, item, offset + i, node.target ?? sourcePage)));
    }
    return out;
  }

  private itemNode(parent: TopicNode, item: OutlineItem, i: number, sourcePage: string): TopicNode {
    const r = this.targetOf(item, sourcePage);
    const summary = r.target ? this.index.summary(r.target) : undefined;
    let kind: TopicNodeKind = r.kind;
    if (kind === 'page' && summary?.isTopicPage) kind = parent.ancestry.includes(r.target ?? '') ? 'cycle' : 'topic-page';
    const placeholder = item.kind === 'html' && isPlaceholderHref(item.href);
    if (placeholder) kind = 'no-link';
    const label = item.text.trim() || summary?.title?.trim() || summary?.heading || item.href || '(no link)';
    return {
      id: `${parent.id}/${i}`,
      kind,
      label,
      route: r.route,
      href: item.href,
      target: r.target,
      description: summary?.description,
      source: { path: sourcePage, range: item.range },
      parent,
      ancestry: parent.ancestry,
      items: kind === 'cycle' ? [] : item.children,
      ...(placeholder ? { placeholder } : {}),
    };
  }

  /**
   * Where an outline item leads. The index keeps each item's resolution until a route it looked up
   * changes, so a tree built again after a change resolves only the links that change can affect.
   */
  private targetOf(item: OutlineItem, fromPath: string): { kind: TopicNodeKind; route: string | undefined; target: string | undefined } {
    if (!isLinkItem(item) || (item.kind === 'html' && isPlaceholderHref(item.href))) return { kind: 'no-link', route: undefined, target: undefined };
    const r = this.index.resolveKept(item, fromPath);
    switch (r.kind) {
      case 'route':
        return { kind: r.target ? 'page' : 'broken', route: r.route, target: r.target };
      case 'article':
        return { kind: r.target ? 'page' : 'broken', route: r.target ? this.index.routeOfPage(r.target) : undefined, target: r.target };
      case 'external':
        return { kind: 'external', route: undefined, target: undefined };
      case 'dynamic':
        return { kind: 'dynamic', route: undefined, target: undefined };
      case 'fragment':
        return { kind: 'page', route: undefined, target: fromPath };
      default:
        return { kind: 'broken', route: undefined, target: undefined };
    }
  }
}

/** True for an outline item with a link (not a list item without one). */
export function isLinkItem(item: OutlineItem): item is OutlineItem & { readonly kind: PageLink['kind'] } {
  return item.kind !== 'none';
}

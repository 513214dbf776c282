import type { Page, TopicLink } from '../page';
import type { Range } from '../types';

/** One entry of a page's outline (the editor's document symbols). */
export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'header' | 'link';
  /** The whole element. */
  readonly range: Range;
  /** The part to select when the symbol is chosen; inside `range`. */
  readonly selectionRange: Range;
  readonly children: readonly OutlineSymbol[];
}

/** The topic-page header, then every topic link with its sub-links nested. */
export function pageOutline(page: Page): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  if (page.header) {
    const element = page.header.element;
    const range = { start: element.openTag.start, end: element.end };
    const title = page.header.title;
    out.push({
      name: title?.text.trim() || page.title?.trim() || 'Topic page header',
      detail: 'header',
      kind: 'header',
      range,
      selectionRange: title ? title.range : element.openTag,
      children: [],
    });
  }
  out.push(...linkSymbols(page.topicLinks));
  return out;
}

type Building = Omit<OutlineSymbol, 'children'> & { children: OutlineSymbol[] };

/**
 * The symbols of topic links with their sub-links nested. Iterative: the engine
 * parses lists nested thousands deep, and the outline must not overflow the stack.
 */
export function linkSymbols(items: readonly TopicLink[]): OutlineSymbol[] {
  return mapTree<TopicLink, Building>(items, linkSymbol, (symbol, children) => {
    symbol.children = children;
  });
}

function linkSymbol(item: TopicLink): Building {
  const link = item.link;
  const name = link?.text.trim() || link?.href.trim() || '(no link)';
  let selectionRange = link?.range ?? item.item?.openTag ?? item.range;
  if (selectionRange.start < item.range.start || selectionRange.end > item.range.end) selectionRange = item.range;
  return { name, detail: link?.href ?? '', kind: 'link', range: item.range, selectionRange, children: [] };
}

/**
 * Maps a tree of `{ children }` nodes to another tree without recursion: `map`
 * makes each node, `attach` gives it its mapped children (in order).
 */
export function mapTree<T extends { readonly children: readonly T[] }, U>(roots: readonly T[], map: (node: T) => U, attach: (node: U, children: U[]) => void): U[] {
  const out: U[] = [];
  const stack: { node: T; into: U[] }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i] as T, into: out });
  while (stack.length > 0) {
    const { node, into } = stack.pop() as { node: T; into: U[] };
    const mapped = map(node);
    const children: U[] = [];
    attach(mapped, children);
    into.push(mapped);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as T, into: children });
  }
  return out;
}

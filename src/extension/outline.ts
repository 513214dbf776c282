import type { Page, TopicLink } from '../core/page';
import type { Range } from '../core/types';

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
  out.push(...page.topicLinks.map(linkSymbol));
  return out;
}

function linkSymbol(item: TopicLink): OutlineSymbol {
  const link = item.link;
  const name = link?.text.trim() || link?.href.trim() || '(no link)';
  let selectionRange = link?.range ?? item.item?.openTag ?? item.range;
  if (selectionRange.start < item.range.start || selectionRange.end > item.range.end) selectionRange = item.range;
  return { name, detail: link?.href ?? '', kind: 'link', range: item.range, selectionRange, children: item.children.map(linkSymbol) };
}

import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { attribute, hasClass, innerRange, parseHtml, plainText, walk, type Attribute, type Element } from './html';
import { findAtxHeadings, findCodeFences, findCodeSpans, findHtmlBlocks, findMarkdownLinks, mask, slugify, splitLines, type MarkdownLink } from './markdown';
import { parseSuppressions, type Suppressions } from './suppressions';
import { findEjsTags, findIncludes, findPlaceholders, type EjsInclude, type EjsTag } from './templates';
import { LineIndex } from './text';
import type { Range } from './types';

/** A link a reader can follow: an HTML anchor, a Markdown link, or a `_topic-links` include key. */
export interface PageLink {
  readonly kind: 'html' | 'markdown' | 'include';
  readonly href: string;
  /** The href's characters (inside quotes); for an `<a>` without href, an empty range after `<a`. */
  readonly hrefRange: Range;
  readonly hrefAttribute?: Attribute;
  /** Visible text; for include keys, empty (the target's title is shown). */
  readonly text: string;
  /** The link's inner content (between `<a ...>` and `</a>`, or `[` and `]`). */
  readonly textRange: Range;
  /** The whole link. */
  readonly range: Range;
  readonly element?: Element;
}

/** A `<p>` (or similar) with its inner range and plain text. */
export interface TextBlock {
  readonly element: Element;
  readonly text: string;
  readonly range: Range;
}

/** One `<li>` of a `ul.topic-links` list, or one key of a `_topic-links` include. */
export interface TopicLink {
  readonly range: Range;
  readonly item?: Element;
  readonly link?: PageLink;
  readonly description?: TextBlock;
  readonly icon?: Element;
  readonly children: readonly TopicLink[];
}

export interface TopicHeader {
  readonly element: Element;
  readonly badge?: Element;
  readonly title?: TextBlock;
  readonly intro?: TextBlock;
}

/** Everything the rules and the index need from one file, with exact ranges. */
export interface Page {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly frontMatter: FrontMatter | undefined;
  /** Offset where the Markdown/HTML body starts (after the front matter). */
  readonly bodyStart: number;
  readonly isTopicPage: boolean;
  /** True when the body was parsed as HTML (topic pages and pages with topic-link markup). */
  readonly bodyParsed: boolean;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly url: string | undefined;
  readonly elements: readonly Element[];
  readonly header: TopicHeader | undefined;
  readonly topicLists: readonly Element[];
  readonly topicLinks: readonly TopicLink[];
  readonly links: readonly PageLink[];
  /** Markdown links inside HTML blocks: printed literally, never rendered. */
  readonly literalMarkdownLinks: readonly MarkdownLink[];
  readonly ejsTags: readonly EjsTag[];
  readonly includes: readonly EjsInclude[];
  readonly placeholders: readonly Range[];
  /** Fragment ids a link may target: heading slugs, `id` and `name` attributes. */
  readonly anchors: ReadonlySet<string>;
  readonly suppressions: Suppressions;
  /** The text with template code and code blocks blanked out, same length. */
  readonly masked: string;
}

const TOPIC_LINKS_INCLUDE = /(^|\/)_topic-links(\.[a-z]+)?$/;

/** True when an include path names the `_topic-links` include, whose `links` keys are topic links. */
export function isTopicLinksInclude(includePath: string): boolean {
  return TOPIC_LINKS_INCLUDE.test(includePath);
}

/** True when the front matter's `classes` names `topic-page`. */
export function declaresTopicPage(frontMatter: FrontMatter | undefined): boolean {
  const classes = frontMatter?.data['classes'];
  if (typeof classes === 'string') return classes.split(/[\s,]+/).includes('topic-page');
  if (Array.isArray(classes)) return classes.includes('topic-page');
  return false;
}

/** What a page's front matter alone says of it: the fields the workspace index keeps of it. */
export interface FrontMatterFacts {
  readonly isTopicPage: boolean;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly url: string | undefined;
}

export function frontMatterFacts(frontMatter: FrontMatter | undefined): FrontMatterFacts {
  const data = frontMatter?.data ?? {};
  const str = (key: string): string | undefined => {
    const v = data[key];
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  return { isTopicPage: declaresTopicPage(frontMatter), title: str('title'), description: str('description'), url: str('url') };
}

/** Parses a page. Never throws: problems are part of the model for rules to report. */
export function parsePage(path: string, text: string): Page {
  const frontMatter = parseFrontMatter(text);
  const bodyStart = frontMatter ? frontMatter.range.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const facts = frontMatterFacts(frontMatter);
  const isTopicPage = facts.isTopicPage;
  const ejsTags = findEjsTags(text);
  const ejsRanges = ejsTags.map((t) => t.range);
  const placeholders = findPlaceholders(text, ejsRanges);
  const templateMasked = mask(text, [...ejsRanges, ...placeholders]);
  // One split into lines serves the scans of the text and of each of its masks.
  const split = splitLines(text, bodyStart);
  const fences = findCodeFences(templateMasked, bodyStart, split);
  // Masking is per character, so masking the fence-masked text again gives the same result
  // as masking the template-masked text with fences and spans at once, for one copy less.
  const fenceMasked = mask(templateMasked, fences);
  const spans = findCodeSpans(fenceMasked, bodyStart);
  const masked = mask(fenceMasked, [{ start: 0, end: bodyStart }, ...spans]);
  const bodyParsed = isTopicPage || masked.includes('topic-links');
  const anchors = new Set<string>();
  for (const h of findAtxHeadings(masked, text, bodyStart, split)) anchors.add(slugify(h.text));

  const includes = findIncludes(text, ejsTags);
  const base: PageBase = {
    path,
    text,
    lines: new LineIndex(text),
    frontMatter,
    bodyStart,
    isTopicPage,
    bodyParsed,
    title: facts.title,
    description: facts.description,
    url: facts.url,
    ejsTags,
    includes,
    placeholders,
    suppressions: parseSuppressions(text),
    masked,
  };
  const includeLinks = includes.filter((i) => isTopicLinksInclude(i.path)).flatMap((i) => (i.links ?? []).map((k) => includeKeyLink(k)));

  if (!bodyParsed) {
    for (const m of masked.matchAll(/\s(?:id|name)\s*=\s*["']([^"']+)["']/g)) if (m[1]) anchors.add(m[1]);
    return withBody(base, [], undefined, [], includeLinks.map((link) => ({ range: link.range, link, children: [] })), includeLinks, [], anchors);
  }

  const elements = parseHtml(masked, text);
  const htmlBlocks = findHtmlBlocks(masked, bodyStart, split);
  const markdownLinks = findMarkdownLinks(masked, text, bodyStart);
  const literalMarkdownLinks: MarkdownLink[] = [];
  const links: PageLink[] = [];
  let header: TopicHeader | undefined;
  const topicLists: Element[] = [];
  const linkByElement = new Map<Element, PageLink>();

  walk(elements, (e) => {
    for (const a of e.attributes) if ((a.name === 'id' || a.name === 'name') && a.value) anchors.add(a.value);
    if (/^h[1-6]$/.test(e.name)) {
      const r = innerRange(e);
      anchors.add(slugify(plainText(text.slice(r.start, r.end))));
    }
    if (e.name === 'a') {
      const link = anchorLink(e, text);
      linkByElement.set(e, link);
      if (link.hrefAttribute) links.push(link);
    } else if (!header && e.name === 'div' && hasClass(e, 'topic-page-header')) {
      header = readHeader(e, text);
    } else if (e.name === 'ul' && hasClass(e, 'topic-links')) {
      topicLists.push(e);
    }
  });
  for (const m of markdownLinks) {
    if (htmlBlocks.some((b) => m.range.start >= b.start && m.range.end <= b.end)) literalMarkdownLinks.push(m);
    else links.push({ kind: 'markdown', href: m.href, hrefRange: m.hrefRange, text: m.text, textRange: m.textRange, range: m.range });
  }
  links.push(...includeLinks);
  links.sort((a, b) => a.range.start - b.range.start);

  const topicLinks: TopicLink[] = [];
  for (const list of topicLists) topicLinks.push(...readItems(list, text, linkByElement));
  for (const link of includeLinks) topicLinks.push({ range: link.range, link, children: [] });
  topicLinks.sort((a, b) => a.range.start - b.range.start);

  return withBody(base, elements, header, topicLists, topicLinks, links, literalMarkdownLinks, anchors);
}

type PageBase = Omit<Page, 'elements' | 'header' | 'topicLists' | 'topicLinks' | 'links' | 'literalMarkdownLinks' | 'anchors'>;

/**
 * The page, field by field in the order spreading `base` gave: a spread of this many fields
 * was the largest part of parsePage's own time.
 */
function withBody(
  b: PageBase,
  elements: readonly Element[],
  header: TopicHeader | undefined,
  topicLists: readonly Element[],
  topicLinks: readonly TopicLink[],
  links: readonly PageLink[],
  literalMarkdownLinks: readonly MarkdownLink[],
  anchors: ReadonlySet<string>,
): Page {
  return {
    path: b.path,
    text: b.text,
    lines: b.lines,
    frontMatter: b.frontMatter,
    bodyStart: b.bodyStart,
    isTopicPage: b.isTopicPage,
    bodyParsed: b.bodyParsed,
    title: b.title,
    description: b.description,
    url: b.url,
    ejsTags: b.ejsTags,
    includes: b.includes,
    placeholders: b.placeholders,
    suppressions: b.suppressions,
    masked: b.masked,
    elements,
    header,
    topicLists,
    topicLinks,
    links,
    literalMarkdownLinks,
    anchors,
  };
}

function includeKeyLink(key: { key: string; range: Range }): PageLink {
  return { kind: 'include', href: key.key, hrefRange: key.range, text: '', textRange: key.range, range: key.range };
}

function anchorLink(e: Element, text: string): PageLink {
  const href = attribute(e, 'href');
  const inner = innerRange(e);
  return {
    kind: 'html',
    href: href?.value ?? '',
    hrefRange: href?.valueRange ?? { start: e.openTag.start + 2, end: e.openTag.start + 2 },
    ...(href ? { hrefAttribute: href } : {}),
    text: plainText(text.slice(inner.start, inner.end)),
    textRange: inner,
    range: { start: e.openTag.start, end: e.end },
    element: e,
  };
}

function textBlock(e: Element, text: string): TextBlock {
  const r = innerRange(e);
  return { element: e, text: plainText(text.slice(r.start, r.end)), range: r };
}

function readHeader(div: Element, text: string): TopicHeader {
  let badge: Element | undefined;
  let title: TextBlock | undefined;
  let intro: TextBlock | undefined;
  walk(div.children, (e) => {
    if (!badge && e.name === 'div' && (attribute(e, 'class')?.value ?? '').includes('badge')) badge = e;
    else if (!title && e.name === 'h1' && written(e)) title = textBlock(e, text);
    else if (!intro && e.name === 'p' && written(e)) intro = textBlock(e, text);
    return e.name !== 'ul';
  });
  return { element: div, ...(badge ? { badge } : {}), ...(title ? { title } : {}), ...(intro ? { intro } : {}) };
}

/**
 * False for an element the parser made up: a stray `</p>` becomes an empty `<p>` with no
 * open tag. Text put inside it would still follow a stray `</p>`, so it is never a description.
 */
function written(e: Element): boolean {
  return e.openTag.end > e.openTag.start;
}

/**
 * The `<li>` items of a list, each with its own link, description, icon and nested items.
 * Iterative (a queue of lists still to read), so lists nested thousands deep cannot overflow the stack.
 */
function readItems(list: Element, text: string, linkByElement: ReadonlyMap<Element, PageLink>): TopicLink[] {
  const top: TopicLink[] = [];
  // First in, first out: the nested lists of one item fill its `children` in document order.
  const queue: { list: Element; into: TopicLink[] }[] = [{ list, into: top }];
  for (let q = 0; q < queue.length; q++) {
    const task = queue[q];
    if (!task) continue;
    for (const li of task.list.children) {
      if (li.name !== 'li') continue;
      let link: PageLink | undefined;
      let description: TextBlock | undefined;
      let icon: Element | undefined;
      const children: TopicLink[] = [];
      walk(li.children, (e) => {
        if (e.name === 'ul' || e.name === 'ol') {
          queue.push({ list: e, into: children });
          return false;
        }
        if (!link && e.name === 'a') link = linkByElement.get(e);
        else if (!description && e.name === 'p' && written(e)) description = textBlock(e, text);
        else if (!icon && (e.name === 'i' || e.name === 'img') && /\bicon/.test(attribute(e, 'class')?.value ?? '')) icon = e;
        return true;
      });
      task.into.push({
        range: { start: li.openTag.start, end: li.end },
        item: li,
        ...(link ? { link } : {}),
        ...(description ? { description } : {}),
        ...(icon ? { icon } : {}),
        children,
      });
    }
  }
  return top;
}

/** Every node of a tree and its nested nodes, in document order; iterative, so any depth is safe. */
export function flattenTree<T extends { readonly children: readonly T[] }>(roots: readonly T[]): T[] {
  const out: T[] = [];
  const stack = [...roots].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child) stack.push(child);
    }
  }
  return out;
}

/** Every topic link, nested ones included, in document order. */
export function allTopicLinks(items: readonly TopicLink[]): TopicLink[] {
  return flattenTree(items);
}

/** What an item says before its description or nested list: names an item that has no link. */
export function topicItemLabel(t: TopicLink, text: string): string {
  if (!t.item) return '';
  const nested = t.item.children.find((c) => c.name === 'ul' || c.name === 'ol' || c.name === 'p');
  const end = Math.min(nested ? nested.openTag.start : t.item.contentEnd, t.item.openTag.end + 500);
  return plainText(text.slice(t.item.openTag.end, Math.max(t.item.openTag.end, end))).slice(0, 80);
}

/**
 * The page's own heading: the topic header's `<h1>`, else the first Markdown `# Heading`
 * (level 1, outside code and templates). Labels a page that has no `title`.
 */
export function pageHeading(page: Page): string | undefined {
  const h1 = page.header?.title?.text.trim();
  if (h1) return h1;
  const re = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm;
  re.lastIndex = page.bodyStart;
  const m = re.exec(page.masked);
  if (!m?.[1]) return undefined;
  const start = m.index + m[0].indexOf(m[1]);
  const text = plainText(page.text.slice(start, start + m[1].length));
  return text === '' ? undefined : text;
}

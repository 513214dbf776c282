/**
 * The HTML the preview generates for template syntax and topic links. Everything taken
 * from pages or the workspace (titles, descriptions, code, paths, reasons) is escaped;
 * HTML written on a page passes through as markdown-it passes it with `html: true`.
 */
import { attribute, parseHtml, walk, type Element } from '../core/html';
import { mask } from '../core/markdown';
import { isTopicLinksInclude } from '../core/page';
import { findEjsTags, findIncludes, findPlaceholders, type EjsInclude, type EjsTag } from '../core/templates';
import type { Range } from '../core/types';
import type { LinkInfo, PreviewContext } from './context';

/** Where a piece of a page is rendered: the page, the file the text comes from, the includes on the way. */
export interface Scope {
  readonly context: PreviewContext;
  /** The page being previewed: links resolve against it (an included text is part of the page). */
  readonly page: string;
  /** The file the text comes from (the page, or an included file): include paths are relative to it. */
  readonly file: string;
  /** The page and the included files being rendered, outermost first. */
  readonly chain: readonly string[];
  /** Renders an included file's text (Markdown and HTML) as part of the page. */
  renderInclude(text: string, file: string): string;
}

/** Includes nested deeper than this are shown as a box, not rendered. */
export const MAX_INCLUDE_DEPTH = 8;

/** Code longer than this is cut in chips (the whole code is in the chip's hover). */
const CHIP_LENGTH = 60;

/** The icon the site's `_topic-links` include gives every item. */
const INCLUDE_ITEM_ICON = '<i class="icon icon-budicon-715"></i>';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

function cut(code: string): string {
  const oneLine = code.replace(/\s+/g, ' ').trim();
  return oneLine.length > CHIP_LENGTH ? `${oneLine.slice(0, CHIP_LENGTH - 1)}\u2026` : oneLine;
}

/** A `${name}` placeholder: a labelled chip. */
export function placeholderChip(name: string): string {
  const label = name.trim();
  return `<span class="tp-chip tp-placeholder" title="${escapeHtml(`Placeholder \${${label}}, filled in when the site is built`)}"><span class="tp-chip-label">$</span>${escapeHtml(cut(label))}</span>`;
}

/** `<%= expr %>` / `<%- expr %>` that is not an include: a labelled chip. */
function outputChip(code: string): string {
  return `<span class="tp-chip tp-ejs-output" title="${escapeHtml(`EJS output, filled in when the site is built: ${code.trim()}`)}"><span class="tp-chip-label">ejs</span>${escapeHtml(cut(code))}</span>`;
}

/** `<% code %>`: the code, small and muted, so conditions and loops stay visible. */
function codeMark(code: string): string {
  return `<span class="tp-chip tp-ejs-code" title="${escapeHtml(`EJS code, run when the site is built: ${code.trim()}`)}"><span class="tp-chip-label">ejs</span>${escapeHtml(cut(code))}</span>`;
}

/** An `<%` that is never closed. */
export function unclosedChip(): string {
  return '<span class="tp-chip tp-ejs-unclosed" title="An EJS tag opens here and is never closed with %&gt;: the site fails to build the page"><span class="tp-chip-label">ejs</span>unclosed &lt;%</span>';
}

/** An include that is not rendered, and why. */
function includeBox(path: string, reason: string): string {
  return `<div class="tp-include tp-include-missing" title="${escapeHtml(reason)}"><span class="tp-include-label">include</span> <code>${escapeHtml(path)}</code> <span class="tp-include-reason">${escapeHtml(reason)}</span></div>`;
}

/** Renders every EJS tag of `text` (a run of tags, or one tag), dropping the text between them. */
export function renderTags(text: string, scope: Scope): string {
  return findEjsTags(text)
    .map((tag) => renderTag(text, tag, scope))
    .filter((html) => html !== '')
    .join('\n');
}

function renderTag(text: string, tag: EjsTag, scope: Scope): string {
  if (!tag.closed) return unclosedChip();
  const marker = text[tag.range.start + 2];
  if (marker === '#') return '';
  const code = text.slice(tag.codeRange.start, tag.codeRange.end);
  const includes = findIncludes(text, [tag]);
  if (includes.length > 0) return includes.map((inc) => renderInclude(inc, scope)).join('\n');
  if (marker === '=' || marker === '-') return outputChip(code);
  return codeMark(code);
}

function renderInclude(inc: EjsInclude, scope: Scope): string {
  if (isTopicLinksInclude(inc.path)) return renderTopicLinks(inc, scope);
  if (inc.path.trim() === '' || inc.path.includes('${')) return includeBox(inc.path, 'The include path is computed when the site is built.');
  if (scope.chain.length > MAX_INCLUDE_DEPTH) return includeBox(inc.path, `Includes nest more than ${MAX_INCLUDE_DEPTH} deep here: not previewed.`);
  const read = scope.context.readInclude(inc.path, scope.file);
  if (read === undefined) return includeBox(inc.path, 'Not known to the preview yet.');
  if ('missing' in read) return includeBox(inc.path, read.missing);
  if (scope.chain.includes(read.path)) return includeBox(inc.path, `Include cycle: ${read.path} is already being included here.`);
  return `<div class="tp-include" data-tp-include="${escapeHtml(read.path)}"><div class="tp-include-label">include <code>${escapeHtml(inc.path)}</code></div>\n${scope.renderInclude(read.text, read.path)}</div>`;
}

/** `<%= include('../_includes/_topic-links', { links: [...] }) %>`: the list the site renders. */
function renderTopicLinks(inc: EjsInclude, scope: Scope): string {
  if (!inc.links) return includeBox(inc.path, 'This `_topic-links` include has no `links: [...]` array.');
  const items = inc.links.map((k) => keyItem(k.key, scope));
  const list = items.length > 0 ? `<ul class="topic-links" data-tp-include="${escapeHtml(inc.path)}">\n${items.join('\n')}\n</ul>` : '';
  const problems = inc.linkProblems.map((p) => includeBox(inc.path, p.message));
  return [list, ...problems].filter((s) => s !== '').join('\n');
}

function keyItem(key: string, scope: Scope): string {
  const info = scope.context.lookupKey(key, scope.page);
  const title = info?.title?.trim() ? info.title : key;
  const description = info?.description?.trim() ? `<p>${escapeHtml(info.description)}</p>` : '';
  return `<li>${INCLUDE_ITEM_ICON}<a${linkAttributes(info)} data-tp-key="${escapeHtml(key)}">${escapeHtml(title)}</a>${description}</li>`;
}

/** The attributes that make a link open its target, or show it broken or a placeholder. */
export function linkAttributes(info: LinkInfo | undefined): string {
  if (!info) return '';
  if (info.broken !== undefined) return ` data-tp-broken="" title="${escapeHtml(info.broken)}"`;
  const href = info.href !== undefined ? ` href="${escapeHtml(info.href)}"` : '';
  if (info.placeholder !== undefined) return `${href} data-tp-placeholder="" title="${escapeHtml(info.placeholder)}"`;
  return href;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Elements whose content the browser does not parse as HTML: template syntax in them is left as written. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/**
 * HTML written on a page, with its template syntax rendered and its links checked:
 * EJS tags and `${placeholders}` in text become chips, includes and lists; inside an
 * attribute value they stay as written (escaped); an EJS tag elsewhere inside a tag is
 * dropped (its `%>` would end the tag); links get their target, or are marked broken.
 */
export function rewriteHtml(html: string, scope: Scope): string {
  if (!html.includes('<') && !html.includes('${')) return html;
  // An unclosed `<%` is only its two characters: the rest of the block stays visible.
  const tags = findEjsTags(html).map((t) => (t.closed ? t : { ...t, range: { start: t.range.start, end: t.range.start + 2 } }));
  const tagRanges = tags.map((t) => t.range);
  const placeholders = findPlaceholders(html, tagRanges);
  const elements = parseHtml(mask(html, [...tagRanges, ...placeholders]), html);
  const openTags: Element[] = [];
  const raw: Range[] = [];
  const anchors: Element[] = [];
  walk(elements, (e) => {
    if (e.openTag.end > e.openTag.start) openTags.push(e);
    if (RAW_TEXT.has(e.name)) raw.push({ start: e.openTag.end, end: e.contentEnd });
    if (e.name === 'a') anchors.push(e);
  });
  const within = (r: Range, outer: Range): boolean => r.start >= outer.start && r.end <= outer.end;
  const tagOf = (r: Range): Element | undefined => openTags.find((e) => within(r, e.openTag));

  const edits: Edit[] = [];
  for (const tag of tags) {
    if (raw.some((r) => within(tag.range, r))) continue;
    const inTag = tagOf(tag.range);
    if (inTag) {
      // In an attribute value the tag stays as written, escaped so its quotes cannot end the value;
      // elsewhere in a tag it is dropped, as the site drops code that prints nothing.
      const inValue = inTag.attributes.some((a) => within(tag.range, a.valueRange));
      edits.push({ ...tag.range, text: inValue ? escapeHtml(html.slice(tag.range.start, tag.range.end)) : '' });
      continue;
    }
    const text = tag.closed ? renderTag(html, tag, scope) : unclosedChip();
    edits.push({ ...tag.range, text });
  }
  for (const p of placeholders) {
    if (raw.some((r) => within(p, r))) continue;
    // Inside a tag (an href, a class) the placeholder stays as written, escaped.
    const text = tagOf(p) ? escapeHtml(html.slice(p.start, p.end)) : placeholderChip(html.slice(p.start + 2, p.end - 1));
    edits.push({ ...p, text });
  }
  for (const a of anchors) {
    const href = attribute(a, 'href');
    if (!href) continue;
    const info = scope.context.lookupRoute(href.value, scope.page);
    if (!info) continue;
    const at = a.openTag.start + 2;
    if (info.broken !== undefined || info.placeholder !== undefined || info.href === undefined) {
      edits.push({ start: at, end: at, text: linkAttributes({ ...info, href: undefined }) });
      continue;
    }
    edits.push({ start: at, end: at, text: `${linkAttributes({ ...info, href: undefined })} data-tp-route="${escapeHtml(href.value)}"` });
    edits.push({ ...href.valueRange, text: escapeHtml(info.href) });
  }
  return applyEdits(html, edits);
}

/** Applies non-overlapping edits (an edit overlapping an earlier one is dropped). */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

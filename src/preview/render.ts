/**
 * The HTML the preview generates for template syntax and topic links. Everything taken
 * from pages or the workspace (titles, descriptions, code, paths, reasons) is escaped;
 * HTML written on a page passes through as markdown-it passes it with `html: true`.
 */
import { attribute, parseHtml, walk } from '../core/html';
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

/** Where an offset of HTML lies as a browser's tokenizer reads it. */
type Where = 'text' | 'tag' | 'value' | 'raw';

/**
 * The tokenizer states of `html` that matter for inserting markup: text, inside a tag,
 * inside a quoted attribute value, raw text (script, style...). A tag or value left open
 * runs to the end, as in a browser, so generated markup never lands in an open tag.
 */
class HtmlContexts {
  private readonly starts: number[] = [];
  private readonly kinds: Where[] = [];
  /** Offsets of the `<` of every start tag read in text. */
  readonly tagStarts = new Set<number>();

  /** `masked`: the HTML with template syntax blanked; raw text ends where the browser ends it, in `original`. */
  constructor(html: string, original: string) {
    const n = html.length;
    let lower: string | undefined;
    let i = 0;
    this.mark(0, 'text');
    while (i < n) {
      const lt = html.indexOf('<', i);
      if (lt < 0) break;
      i = lt;
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? n : end + 3;
        continue;
      }
      const isEnd = html[i + 1] === '/';
      const nameStart = isEnd ? i + 2 : i + 1;
      if (!/[A-Za-z]/.test(html[nameStart] ?? '')) {
        // `<!x`, `<?x`, `</1`, `</<%…`: a bogus comment up to the next `>`, as browsers read it. Nothing
        // is inserted in it (markup there would end it early); it ends at its first `>` in `original`,
        // where the browser ends it, since what it holds is left as written.
        if (html[i + 1] === '!' || html[i + 1] === '?' || (isEnd && html[i + 2] !== undefined)) {
          this.mark(i, 'raw');
          const end = original.indexOf('>', i + 2);
          i = end < 0 ? n : end + 1;
          this.mark(i, 'text');
        } else i++;
        continue;
      }
      if (!isEnd) this.tagStarts.add(i);
      this.mark(i, 'tag');
      let j = nameStart;
      while (j < n && !/[\s/>]/.test(html[j] ?? '')) j++;
      const name = html.slice(nameStart, j).toLowerCase();
      let closed = false;
      while (j < n) {
        const c = html[j];
        if (c === '>') {
          j++;
          closed = true;
          break;
        }
        if (c !== '=') {
          j++;
          continue;
        }
        j++;
        while (j < n && /\s/.test(html[j] ?? '')) j++;
        const quote = html[j];
        if (quote !== '"' && quote !== "'") continue;
        this.mark(j + 1, 'value');
        const close = html.indexOf(quote, j + 1);
        if (close < 0) {
          j = n;
          break;
        }
        this.mark(close, 'tag');
        j = close + 1;
      }
      i = j;
      if (!closed) break;
      if (!isEnd && RAW_TEXT.has(name)) {
        this.mark(i, 'raw');
        lower ??= original.toLowerCase();
        const end = lower.indexOf(`</${name}`, i);
        i = end < 0 ? n : end;
        if (end < 0) break;
      }
      this.mark(i, 'text');
    }
  }

  private mark(at: number, kind: Where): void {
    if (this.kinds[this.kinds.length - 1] === kind) return;
    if (this.starts[this.starts.length - 1] === at) {
      this.kinds[this.kinds.length - 1] = kind;
      return;
    }
    this.starts.push(at);
    this.kinds.push(kind);
  }

  /** The index of the segment holding `offset`. */
  private segment(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where a range lies; a range across places counts as inside a tag (nothing is inserted there). */
  of(r: Range): Where {
    const k = this.segment(r.start);
    const kind = this.kinds[k] ?? 'text';
    const next = this.starts[k + 1];
    if (next !== undefined && next < r.end && kind !== 'raw') return 'tag';
    return kind;
  }
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * HTML written on a page, with its template syntax rendered and its links checked:
 * EJS tags and `${placeholders}` in text become chips, includes and lists; inside an
 * attribute value they stay as written (escaped); an EJS tag elsewhere inside a tag is
 * dropped (its `%>` would end the tag); links get their target, or are marked broken.
 * Where that is decided as a browser reads the HTML (an open quote runs to the end), and
 * nothing dropped joins the text either side of it into a new tag.
 */
export function rewriteHtml(html: string, scope: Scope): string {
  if (!html.includes('<') && !html.includes('${')) return html;
  const tags = templateTags(html);
  const tagRanges = tags.map((t) => t.range);
  const placeholders = findPlaceholders(html, tagRanges);
  const masked = mask(html, [...tagRanges, ...placeholders]);
  const contexts = new HtmlContexts(masked, html);

  const edits: Edit[] = [];
  for (const tag of tags) {
    const where = contexts.of(tag.range);
    if (where === 'raw') continue;
    if (where === 'value') edits.push({ ...tag.range, text: escapeHtml(html.slice(tag.range.start, tag.range.end)) });
    else if (where === 'tag') edits.push({ ...tag.range, text: ' ' }, ...inertEventAttributes(masked, contexts, tag.range.end));
    else {
      const text = tag.closed ? renderTag(html, tag, scope) : unclosedChip();
      // A tag that prints nothing leaves an empty comment, so `<` and `script>` either side stay apart.
      edits.push({ ...tag.range, text: text === '' ? '<!---->' : text });
    }
  }
  for (const p of placeholders) {
    const where = contexts.of(p);
    if (where === 'raw') continue;
    // Inside a tag (an href, a class) the placeholder stays as written, escaped.
    const text = where === 'text' ? placeholderChip(html.slice(p.start + 2, p.end - 1)) : escapeHtml(html.slice(p.start, p.end));
    edits.push({ ...p, text });
  }
  walk(parseHtml(masked, html), (a) => {
    if (a.name !== 'a' || !contexts.tagStarts.has(a.openTag.start)) return;
    const href = attribute(a, 'href');
    if (!href || contexts.of(href.valueRange) !== 'value') return;
    const info = scope.context.lookupRoute(href.value, scope.page);
    if (!info) return;
    const at = a.openTag.start + 2;
    if (info.broken !== undefined || info.placeholder !== undefined || info.href === undefined) {
      edits.push({ start: at, end: at, text: linkAttributes({ ...info, href: undefined }) });
      return;
    }
    edits.push({ start: at, end: at, text: `${linkAttributes({ ...info, href: undefined })} data-tp-route="${escapeHtml(href.value)}"` });
    edits.push({ ...href.valueRange, text: escapeHtml(info.href) });
  });
  return applyEdits(html, edits);
}

/** An attribute's name in a start tag: what follows a space, a quote or a slash. */
const ATTRIBUTE_NAME = /[\s"'/]([^\s"'>/=]+)/g;

/**
 * Renames inert (`data-tp-on…`) the event attributes that follow offset `from` in the start tag
 * holding it. An EJS tag dropped from a start tag leaves what follows it inside the tag, where the
 * page itself (as markdown-it passes it) ends the tag at the `%>`: the preview must not make an
 * event attribute of that text (`<img src=x <%= a %>onerror=…>`).
 */
function inertEventAttributes(masked: string, contexts: HtmlContexts, from: number): Edit[] {
  // The tag ends at the first `>` outside a quoted value (or with the text).
  let end = masked.indexOf('>', from);
  while (end >= 0 && contexts.of({ start: end, end: end + 1 }) === 'value') end = masked.indexOf('>', end + 1);
  if (end < 0) end = masked.length;
  const edits: Edit[] = [];
  ATTRIBUTE_NAME.lastIndex = Math.max(0, from - 1);
  for (let m = ATTRIBUTE_NAME.exec(masked); m && m.index + 1 < end; m = ATTRIBUTE_NAME.exec(masked)) {
    const start = m.index + 1;
    if (contexts.of({ start, end: start + 1 }) === 'tag' && /^on/i.test(m[1] ?? '')) edits.push({ start, end: start, text: 'data-tp-' });
  }
  return edits;
}

/**
 * The EJS tags of `text`. An unclosed `<%` is only its two characters (findEjsTags runs it to
 * the end of the text): the rest stays visible, and the tags after it are still found.
 */
function templateTags(text: string): EjsTag[] {
  const tags: EjsTag[] = [];
  let offset = 0;
  for (;;) {
    const found = findEjsTags(offset === 0 ? text : text.slice(offset));
    const shift = (r: Range): Range => ({ start: r.start + offset, end: r.end + offset });
    let unclosedAt = -1;
    for (const t of found) {
      if (t.closed) tags.push({ range: shift(t.range), codeRange: shift(t.codeRange), closed: true });
      else unclosedAt = t.range.start + offset;
    }
    if (unclosedAt < 0) return tags;
    tags.push({ range: { start: unclosedAt, end: unclosedAt + 2 }, codeRange: { start: unclosedAt + 2, end: unclosedAt + 2 }, closed: false });
    offset = unclosedAt + 2;
  }
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

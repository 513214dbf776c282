import type { Range } from './types';

/** Replaces the characters of `ranges` with spaces (line breaks kept), so offsets stay put. */
export function mask(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
  let sorted = ranges;
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as Range).start < (ranges[i - 1] as Range).start) {
      sorted = [...ranges].sort((a, b) => a.start - b.start);
      break;
    }
  }
  const parts: string[] = [];
  let at = 0;
  for (const r of sorted) {
    if (r.end <= at) continue;
    const start = Math.max(r.start, at);
    if (start > at) parts.push(text.slice(at, start));
    parts.push(blank(text, start, r.end));
    at = r.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join('');
}

/** The characters of text[start, end) as spaces, line breaks kept. */
function blank(text: string, start: number, end: number): string {
  let out = '';
  let run = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (i > run) out += ' '.repeat(i - run);
      out += c === 10 ? '\n' : '\r';
      run = i + 1;
    }
  }
  return end > run ? out + ' '.repeat(end - run) : out;
}

interface Line {
  readonly start: number;
  readonly end: number;
}

/**
 * A text's lines from an offset, as `splitLines` gives them: the same for the text and for any
 * `mask` of it (masking keeps every line break in place), so one split serves a page's scans.
 */
export type Lines = readonly Line[];

/** The lines of `text` from offset `from`. */
export function splitLines(text: string, from: number): Lines {
  return lines(text, from);
}

/** The last text split into lines: the fence, heading and HTML-block scans of one page ask for the same text. */
let lastSplit: { text: string; from: number; lines: readonly Line[] } | undefined;

/**
 * The lines of `text` from offset `from` (each without its line break; CRLF, LF and lone CR end a
 * line), as offsets: a scan reads a line's text only when its first characters can start what it
 * looks for (see `lead`).
 */
function lines(text: string, from: number): readonly Line[] {
  if (lastSplit && lastSplit.from === from && lastSplit.text === text) return lastSplit.lines;
  const out: Line[] = [];
  const n = text.length;
  let at = from;
  // The next LF and CR at or after `at` (n when none): indexOf finds them faster than a loop over every character.
  let lf = -1;
  let cr = -1;
  while (at < n) {
    if (lf < at) lf = indexOrEnd(text, '\n', at);
    if (cr < at) cr = indexOrEnd(text, '\r', at);
    const end = lf < cr ? lf : cr;
    out.push({ start: at, end });
    at = end;
    if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) at += 2;
    else if (at < n) at++;
  }
  lastSplit = { text, from, lines: out };
  return out;
}

function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}

/** The code of the line's first character after at most three spaces (-1 at its end): what `^ {0,3}x` can match. */
function lead(text: string, line: Line): number {
  let i = line.start;
  while (i < line.end && i < line.start + 3 && text.charCodeAt(i) === 32) i++;
  return i < line.end ? text.charCodeAt(i) : -1;
}

/** Whether the line is empty once trimmed (as `String.prototype.trim` trims). */
function isBlank(text: string, line: Line): boolean {
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    // Other white space (no-break space, BOM, Unicode spaces) is rare: trim decides.
    return c < 128 ? false : text.slice(line.start, line.end).trim() === '';
  }
  return true;
}

const BACKTICK = 0x60;
const TILDE = 0x7e;
const HASH = 0x23;
const LT = 0x3c;

/** Fenced code blocks (``` or ~~~), whole, from the fence to the closing fence or the end. */
export function findCodeFences(text: string, from: number, split: Lines = lines(text, from)): Range[] {
  const found: Range[] = [];
  let open: { start: number; fence: string } | undefined;
  for (const line of split) {
    const c = lead(text, line);
    if (c !== BACKTICK && c !== TILDE) continue;
    const lineText = text.slice(line.start, line.end);
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(lineText);
    if (!open) {
      if (m?.[1] && !(m[1][0] === '`' && lineText.slice(m[0].length).includes('`'))) open = { start: line.start, fence: m[1] };
    } else if (m?.[1] && m[1][0] === open.fence[0] && m[1].length >= open.fence.length && lineText.slice(m[0].length).trim() === '') {
      found.push({ start: open.start, end: line.end });
      open = undefined;
    }
  }
  if (open) found.push({ start: open.start, end: text.length });
  return found;
}

/** Inline code spans: a backtick run closed by a run of the same length before a blank line. */
export function findCodeSpans(text: string, from: number): Range[] {
  const found: Range[] = [];
  const re = /`+/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const run = m[0];
    const blank = /\n[ \t]*\r?\n/g;
    blank.lastIndex = m.index;
    const stop = blank.exec(text)?.index ?? text.length;
    let search = m.index + run.length;
    let closeAt = -1;
    while (search < stop) {
      const next = text.indexOf(run, search);
      if (next < 0 || next >= stop) break;
      let endRun = next + run.length;
      if (text[endRun] === '`' || text[next - 1] === '`') {
        while (text[endRun] === '`') endRun++;
        search = endRun;
        continue;
      }
      closeAt = next;
      break;
    }
    if (closeAt < 0) continue;
    found.push({ start: m.index, end: closeAt + run.length });
    re.lastIndex = closeAt + run.length;
  }
  return found;
}

// CommonMark's HTML block kinds 6 (block tags) and 7 (any complete tag alone on its line).
const BLOCK_TAGS = 'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const KIND6 = new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:[\\s/>]|$)`, 'i');
const KIND7 = /^ {0,3}(?:<[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[a-z][a-z0-9-]*\s*>)\s*$/i;

/**
 * Where CommonMark reads raw HTML: from a line opening a block-level tag to the
 * next blank line. Markdown syntax inside these ranges is printed literally.
 */
export function findHtmlBlocks(masked: string, from: number, split: Lines = lines(masked, from)): Range[] {
  const found: Range[] = [];
  let start = -1;
  let inParagraph = false;
  let lastEnd = from;
  for (const line of split) {
    const blank = isBlank(masked, line);
    if (start >= 0) {
      if (blank) {
        found.push({ start, end: lastEnd });
        start = -1;
        inParagraph = false;
      } else lastEnd = line.end;
      continue;
    }
    if (blank) {
      inParagraph = false;
      continue;
    }
    // Both kinds start with `<` after at most three spaces.
    const lineText = lead(masked, line) === LT ? masked.slice(line.start, line.end) : undefined;
    if (lineText !== undefined && (KIND6.test(lineText) || (!inParagraph && KIND7.test(lineText)))) {
      start = line.start;
      lastEnd = line.end;
    } else inParagraph = true;
  }
  if (start >= 0) found.push({ start, end: lastEnd });
  return found;
}

/** An inline Markdown link `[text](destination)`. */
export interface MarkdownLink {
  readonly range: Range;
  readonly text: string;
  readonly textRange: Range;
  readonly href: string;
  readonly hrefRange: Range;
}

const MD_LINK = /(!?)\[([^\]\r\n]*)\]\(\s*(<[^>\r\n]*>|[^\s)]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;

/** Inline Markdown links (not images) in `masked`, with text and href read from `original`. */
export function findMarkdownLinks(masked: string, original: string, from: number): MarkdownLink[] {
  const found: MarkdownLink[] = [];
  MD_LINK.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = MD_LINK.exec(masked)) !== null) {
    if (m[1] === '!') continue;
    const textStart = m.index + 1;
    const label = m[2] ?? '';
    const rawHref = m[3] ?? '';
    // The label cannot hold `]`, so the first `](` ends it; a `(` inside the label ("App (SPA)") must not.
    const hrefOffset = m[0].indexOf('](') + 2;
    let hrefStart = m.index + hrefOffset;
    while (/\s/.test(masked[hrefStart] ?? '')) hrefStart++;
    let hrefEnd = hrefStart + rawHref.length;
    if (rawHref.startsWith('<')) {
      hrefStart++;
      hrefEnd--;
    }
    found.push({
      range: { start: m.index, end: m.index + m[0].length },
      text: original.slice(textStart, textStart + label.length),
      textRange: { start: textStart, end: textStart + label.length },
      href: original.slice(hrefStart, hrefEnd),
      hrefRange: { start: hrefStart, end: hrefEnd },
    });
  }
  return found;
}

/** ATX headings (`## Title`) outside code, as text with the range of the title. */
export function findAtxHeadings(masked: string, original: string, from: number, split: Lines = lines(masked, from)): { text: string; range: Range }[] {
  const found: { text: string; range: Range }[] = [];
  for (const line of split) {
    if (lead(masked, line) !== HASH) continue;
    const m = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(masked.slice(line.start, line.end));
    if (!m?.[1]) continue;
    const textStart = line.start + m[0].indexOf(m[1]);
    found.push({ text: original.slice(textStart, textStart + m[1].length), range: { start: textStart, end: textStart + m[1].length } });
  }
  return found;
}

/** The anchor id a docs site gives a heading: GitHub's slug rules. */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

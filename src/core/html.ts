import { Parser } from 'htmlparser2';
import type { Range } from './types';

export interface Attribute {
  readonly name: string;
  readonly value: string;
  /** The whole `name="value"` text. */
  readonly range: Range;
  /** The value's characters, inside any quotes; empty at the quote for `name=""`. */
  readonly valueRange: Range;
}

/** An HTML element with exact offsets; names are lower case. */
export interface Element {
  readonly name: string;
  readonly openTag: Range;
  readonly attributes: readonly Attribute[];
  readonly children: Element[];
  readonly parent: Element | undefined;
  /** End of the close tag, or where the parser closed it implicitly. */
  end: number;
  /** Start of the close tag, or `end` when there is none. */
  contentEnd: number;
  /** False when no close tag was written (`<li>` closed by the next `<li>`, end of file...). */
  closedExplicitly: boolean;
  /** True for void elements and `<x/>`. */
  selfClosing: boolean;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Parses HTML with htmlparser2 into elements with exact ranges. `masked` must
 * have the same length as `original`: it hides template code from the parser,
 * while attribute values are read from `original`.
 */
export function parseHtml(masked: string, original: string, offset = 0): Element[] {
  const roots: Element[] = [];
  const stack: Element[] = [];
  // eslint-disable-next-line prefer-const
  let parser: Parser;
  const handler = {
    onopentag(name: string, _attribs: Record<string, string>, isImplied: boolean): void {
      // htmlparser2 can report an index one past the text when it closes things at the end
      // (an unclosed comment): clamp every offset to the text.
      const start = Math.min(offset + parser.startIndex, masked.length);
      const end = Math.min(offset + parser.endIndex + 1, masked.length);
      const parent = stack[stack.length - 1];
      const tagText = masked.slice(start, end);
      const element: Element = {
        name,
        openTag: { start, end: isImplied ? start : end },
        attributes: isImplied ? [] : readAttributes(tagText, start, name, original),
        children: [],
        parent,
        end,
        contentEnd: end,
        closedExplicitly: false,
        selfClosing: VOID.has(name) || tagText.endsWith('/>'),
      };
      if (parent) parent.children.push(element);
      else roots.push(element);
      stack.push(element);
    },
    onclosetag(name: string, isImplied: boolean): void {
      const element = stack.pop();
      if (!element || element.name !== name) return;
      if (isImplied) {
        const at = element.selfClosing ? element.openTag.end : Math.max(element.openTag.end, Math.min(offset + parser.startIndex, masked.length));
        element.end = at;
        element.contentEnd = at;
        element.closedExplicitly = element.selfClosing;
      } else {
        element.contentEnd = Math.min(offset + parser.startIndex, masked.length);
        element.end = Math.min(offset + parser.endIndex + 1, masked.length);
        element.closedExplicitly = true;
      }
    },
  };
  parser = new Parser(handler, { lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  parser.end(masked.slice(offset));
  // Elements still open at the end close at the end of the text.
  while (stack.length > 0) {
    const element = stack.pop();
    if (element) {
      element.end = masked.length;
      element.contentEnd = masked.length;
    }
  }
  return roots;
}

function readAttributes(tagText: string, tagStart: number, name: string, original: string): Attribute[] {
  const attributes: Attribute[] = [];
  const nameEnd = tagText.indexOf(name, 1) + name.length;
  const body = tagText.slice(nameEnd).replace(/\/?>$/, '');
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(body)) !== null) {
    const attrStart = tagStart + nameEnd + m.index;
    const attrEnd = attrStart + m[0].length;
    const raw = m[2] ?? m[3] ?? m[4];
    let valueRange: Range;
    if (raw === undefined) valueRange = { start: attrEnd, end: attrEnd };
    else {
      const quoted = m[2] !== undefined || m[3] !== undefined;
      const valueEnd = quoted ? attrEnd - 1 : attrEnd;
      valueRange = { start: valueEnd - raw.length, end: valueEnd };
    }
    attributes.push({
      name: (m[1] ?? '').toLowerCase(),
      value: original.slice(valueRange.start, valueRange.end),
      range: { start: attrStart, end: attrEnd },
      valueRange,
    });
  }
  return attributes;
}

export function attribute(element: Element, name: string): Attribute | undefined {
  return element.attributes.find((a) => a.name === name);
}

export function hasClass(element: Element, cls: string): boolean {
  const value = attribute(element, 'class')?.value;
  return value !== undefined && value.split(/\s+/).includes(cls);
}

/** Depth-first walk over elements; `visit` returning false skips children. */
export function walk(elements: readonly Element[], visit: (e: Element) => boolean | void): void {
  const stack = [...elements].reverse();
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e) break;
    if (visit(e) === false) continue;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const child = e.children[i];
      if (child) stack.push(child);
    }
  }
}

/** The element's inner content range (between the open tag and close tag). */
export function innerRange(element: Element): Range {
  return { start: element.openTag.end, end: Math.max(element.openTag.end, element.contentEnd) };
}

/** Visible text of a fragment of HTML: tags dropped, entities decoded, white space folded. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', rsquo: '\u2019', lsquo: '\u2018', rdquo: '\u201d', ldquo: '\u201c', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

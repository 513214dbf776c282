/**
 * A reader for the small part of YAML nearly every page's front matter is written in, giving
 * what the `yaml` library gives for it without building a document: one `key: value` line per
 * key, each value a plain scalar, a quoted string without escapes, `true`/`false`, or a block
 * list of such scalars one per line, each perhaps followed by spaces and a ` # comment`. Anything
 * else (comment or blank lines, nested mappings, multi-line or flow values, anchors, tags, numbers,
 * nulls, escapes, tabs, a lone CR line end, duplicate keys, ...) makes it answer undefined, and the
 * caller asks the library.
 *
 * Ranges are offsets in the text given, as the library's node ranges are: a scalar's from its first
 * to its last character (quotes included); a block list's from its first `-` to the end of its last
 * item's line break (or the text's end).
 */

export interface SubsetScalar {
  readonly value: string | boolean;
  readonly start: number;
  readonly end: number;
}

export interface SubsetEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value's scalar, or each item of its list. */
  readonly scalars: readonly SubsetScalar[];
  readonly list: boolean;
}

/** Keys longer than this are left to the library (it limits implicit keys to 1024 characters). */
const MAX_KEY = 200;

/** Key words of the YAML 1.2 core schema that are not strings (besides those caught by their first character). */
const NOT_STRING = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

const SPACE = 0x20;
const HYPHEN = 0x2d;
const COLON = 0x3a;
const HASH = 0x23;
const LF = 0x0a;
const CR = 0x0d;

/** A character allowed anywhere in a value: printable, no tab, no line separator, no BOM, no surrogate. */
function printable(c: number): boolean {
  if (c < 0x7f) return c >= SPACE;
  if (c < 0xa0) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && c < 0xfffe;
}

function keyStartChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function keyChar(c: number): boolean {
  return keyStartChar(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === HYPHEN;
}

/**
 * Characters that may not start a plain value here: YAML's indicators, and the first characters
 * of numbers (`0`–`9`, `+`, `-`, `.`) and of `~` (null), which the core schema may read as non-strings.
 */
function plainStartChar(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return false;
  switch (c) {
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case 0x2b: // +
    case 0x2e: // .
    case 0x7e: // ~
      return false;
    default:
      return printable(c) && c !== SPACE;
  }
}

/**
 * Whether `text[from, end)`, what follows a value on its line, is only what YAML sets aside there:
 * spaces, then perhaps a comment (`#` after at least one space, all printable).
 */
function onlySpacesAndComment(text: string, from: number, end: number): boolean {
  let e = from;
  while (e < end && text.charCodeAt(e) === SPACE) e++;
  if (e === end) return true;
  if (e === from || text.charCodeAt(e) !== HASH) return false;
  for (let i = e + 1; i < end; i++) if (!printable(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The scalar written from `start` to `end` (one line, no line break), or undefined when it is
 * outside the subset. Trailing spaces and a comment after the value are not part of it, as in YAML.
 */
function scalar(text: string, start: number, end: number): SubsetScalar | undefined {
  if (start >= end) return undefined;
  const first = text.charCodeAt(start);
  if (first === 0x27 || first === 0x22) {
    // 'single' without '' inside, "double" without \ escapes.
    let close = start + 1;
    while (close < end && text.charCodeAt(close) !== first) {
      const c = text.charCodeAt(close);
      if (c === 0x5c || !printable(c)) return undefined;
      close++;
    }
    if (close >= end || !onlySpacesAndComment(text, close + 1, end)) return undefined;
    return { value: text.slice(start + 1, close), start, end: close + 1 };
  }
  if (!plainStartChar(first)) return undefined;
  let stop = end;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    // ` #` starts a comment: the value ends before it.
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
      stop = i;
      break;
    }
    if (!printable(c)) return undefined;
    // `: ` or a final `:` would make a mapping.
    if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return undefined;
  }
  while (stop > start && text.charCodeAt(stop - 1) === SPACE) stop--;
  if (!onlySpacesAndComment(text, stop, end)) return undefined;
  const raw = text.slice(start, stop);
  if (NOT_STRING.has(raw)) {
    if (raw === 'true') return { value: true, start, end: stop };
    if (raw === 'false') return { value: false, start, end: stop };
    return undefined;
  }
  return { value: raw, start, end: stop };
}

/** The entries of `text` when it is written in the subset; undefined otherwise. */
export function parseYamlSubset(text: string): SubsetEntry[] | undefined {
  const entries: SubsetEntry[] = [];
  const seen = new Set<string>();
  const n = text.length;
  let at = 0;
  // The end of the line starting at `at`, and where the next line starts; -1 for a lone CR.
  let lineEnd = 0;
  let next = 0;
  const line = (from: number): boolean => {
    let e = from;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (c === LF || c === CR) break;
      e++;
    }
    lineEnd = e;
    if (e === n) next = n;
    else if (text.charCodeAt(e) === LF) next = e + 1;
    else if (text.charCodeAt(e + 1) === LF) next = e + 2;
    else return false;
    return true;
  };
  while (at < n) {
    if (!line(at)) return undefined;
    // key
    if (!keyStartChar(text.charCodeAt(at))) return undefined;
    let k = at + 1;
    while (k < lineEnd && keyChar(text.charCodeAt(k))) k++;
    if (k >= lineEnd || text.charCodeAt(k) !== COLON || k - at > MAX_KEY) return undefined;
    const keyStart = at;
    const key = text.slice(at, k);
    if (NOT_STRING.has(key) || seen.has(key)) return undefined;
    seen.add(key);
    let v = k + 1;
    // Spaces after `key:` and nothing else: a list follows (as in the corpus's `contentType: `).
    let rest = v;
    while (rest < lineEnd && text.charCodeAt(rest) === SPACE) rest++;
    if (v < lineEnd && rest < lineEnd) {
      // key: value
      if (text.charCodeAt(v) !== SPACE) return undefined;
      while (v < lineEnd && text.charCodeAt(v) === SPACE) v++;
      const s = scalar(text, v, lineEnd);
      if (!s) return undefined;
      entries.push({ key, keyStart, keyEnd: k, valueStart: s.start, valueEnd: s.end, scalars: [s], list: false });
      at = next;
      continue;
    }
    // `key:` followed by a block list, one `- item` a line, all at the same indent.
    at = next;
    const items: SubsetScalar[] = [];
    let indent = -1;
    let listStart = -1;
    let listEnd = -1;
    while (at < n) {
      if (!line(at)) return undefined;
      let d = at;
      while (d < lineEnd && text.charCodeAt(d) === SPACE) d++;
      if (indent < 0) {
        indent = d - at;
        listStart = d;
      } else if (d - at !== indent) break;
      if (d >= lineEnd || text.charCodeAt(d) !== HYPHEN) {
        if (items.length === 0) return undefined;
        break;
      }
      let i = d + 1;
      if (i >= lineEnd || text.charCodeAt(i) !== SPACE) return undefined;
      while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
      const s = scalar(text, i, lineEnd);
      if (!s) return undefined;
      items.push(s);
      listEnd = next;
      at = next;
    }
    // `key:` with nothing after it is null: left to the library.
    if (items.length === 0) return undefined;
    entries.push({ key, keyStart, keyEnd: k, valueStart: listStart, valueEnd: listEnd, scalars: items, list: true });
  }
  return entries;
}

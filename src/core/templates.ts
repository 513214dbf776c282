import type { Range } from './types';

/** An EJS tag (`<% %>`, `<%= %>`, `<%- %>`) in a page body. */
export interface EjsTag {
  readonly range: Range;
  /** The code between the delimiters. */
  readonly codeRange: Range;
  readonly closed: boolean;
}

/** One key of a `_topic-links` include's `links: [...]` array. */
export interface IncludeKey {
  readonly key: string;
  /** The key's characters, inside the quotes. */
  readonly range: Range;
}

/** An `include('path', ...)` call inside an EJS tag. */
export interface EjsInclude {
  readonly path: string;
  readonly pathRange: Range;
  readonly tag: Range;
  /** Present when the call passes `links: [...]`. */
  readonly links?: readonly IncludeKey[];
  /** Where the `links` array is malformed (a missing comma, a non-string item). */
  readonly linkProblems: readonly LinkArrayProblem[];
}

/** A malformed `links` array; `insert` is the text that mends it, where that is certain. */
export interface LinkArrayProblem {
  readonly message: string;
  readonly range: Range;
  readonly insert?: { readonly at: number; readonly text: string };
}

/** Finds EJS tags. An unclosed `<%` runs to the end of the text. */
export function findEjsTags(text: string): EjsTag[] {
  const tags: EjsTag[] = [];
  let at = text.indexOf('<%');
  while (at >= 0) {
    const close = text.indexOf('%>', at + 2);
    let codeStart = at + 2;
    const marker = text[codeStart];
    if (marker === '=' || marker === '-' || marker === '_' || marker === '#') codeStart++;
    if (close < 0) {
      tags.push({ range: { start: at, end: text.length }, codeRange: { start: codeStart, end: text.length }, closed: false });
      break;
    }
    let codeEnd = close;
    if (text[codeEnd - 1] === '-' || text[codeEnd - 1] === '_') codeEnd--;
    tags.push({ range: { start: at, end: close + 2 }, codeRange: { start: codeStart, end: Math.max(codeStart, codeEnd) }, closed: true });
    at = text.indexOf('<%', close + 2);
  }
  return tags;
}

/** Finds `${...}` placeholders outside EJS tags, with balanced braces, on one line. */
export function findPlaceholders(text: string, skip: readonly Range[]): Range[] {
  const found: Range[] = [];
  let at = text.indexOf('${');
  let skipIndex = 0;
  while (at >= 0) {
    while (skipIndex < skip.length && (skip[skipIndex]?.end ?? 0) <= at) skipIndex++;
    const s = skip[skipIndex];
    if (s && s.start <= at) {
      at = text.indexOf('${', s.end);
      continue;
    }
    let depth = 0;
    let end = -1;
    for (let i = at + 1; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' || c === '\r') break;
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
    if (end < 0) {
      at = text.indexOf('${', at + 2);
      continue;
    }
    found.push({ start: at, end });
    at = text.indexOf('${', end);
  }
  return found;
}

const INCLUDE = /\binclude\s*\(\s*(['"])([^'"\r\n]*)\1/g;

/** Reads `include('path', { links: [...] })` calls from EJS tags. */
export function findIncludes(text: string, tags: readonly EjsTag[]): EjsInclude[] {
  const includes: EjsInclude[] = [];
  for (const tag of tags) {
    const code = text.slice(tag.codeRange.start, tag.codeRange.end);
    INCLUDE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = INCLUDE.exec(code)) !== null) {
      const path = m[2] ?? '';
      const pathStart = tag.codeRange.start + m.index + m[0].length - 1 - path.length;
      const callEnd = findCallEnd(code, m.index + m[0].length);
      const args = code.slice(m.index + m[0].length, callEnd);
      const parsed = parseLinksArray(args, tag.codeRange.start + m.index + m[0].length);
      includes.push({
        path,
        pathRange: { start: pathStart, end: pathStart + path.length },
        tag: tag.range,
        ...(parsed.links ? { links: parsed.links } : {}),
        linkProblems: parsed.problems,
      });
    }
  }
  return includes;
}

/** Offset in `code` of the `)` that closes the call, or the code's end. */
function findCallEnd(code: string, from: number): number {
  let depth = 1;
  let quote = '';
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return code.length;
}

/** Tokenises the `links: [...]` array of an include call's arguments. */
function parseLinksArray(args: string, base: number): { links?: IncludeKey[]; problems: LinkArrayProblem[] } {
  const problems: LinkArrayProblem[] = [];
  const m = /\blinks\s*:\s*\[/.exec(args);
  if (!m) return { problems };
  const links: IncludeKey[] = [];
  let i = m.index + m[0].length;
  let expectValue = true;
  let closed = false;
  let lastWasString = false;
  while (i < args.length) {
    const c = args[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === ']') {
      closed = true;
      break;
    }
    if (c === ',') {
      if (expectValue) problems.push({ message: 'Empty item in the `links` array (two commas in a row).', range: { start: base + i, end: base + i + 1 } });
      expectValue = true;
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < args.length && args[j] !== c && args[j] !== '\n') {
        if (args[j] === '\\') j++;
        j++;
      }
      const key = args.slice(i + 1, j);
      const previous = links[links.length - 1];
      if (!expectValue) {
        problems.push({
          message: `Missing comma before '${key}' in the \`links\` array: the include fails to render.`,
          range: { start: base + i, end: base + i + 1 },
          ...(previous && lastWasString ? { insert: { at: previous.range.end + 1, text: ',' } } : {}),
        });
      }
      links.push({ key, range: { start: base + i + 1, end: base + j } });
      expectValue = false;
      lastWasString = true;
      i = j + 1;
      continue;
    }
    // Anything else is an expression the linter cannot read.
    let j = i;
    while (j < args.length && !/[\s,\]]/.test(args[j] ?? '')) j++;
    problems.push({ message: `\`links\` items must be quoted article paths; found \`${args.slice(i, j)}\`.`, range: { start: base + i, end: base + j } });
    expectValue = false;
    lastWasString = false;
    i = j;
  }
  if (!closed) problems.push({ message: 'The `links` array is never closed with `]`.', range: { start: base + m.index, end: base + m.index + m[0].length } });
  return { links, problems };
}

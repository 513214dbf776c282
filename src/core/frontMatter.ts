import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Range } from './types';
import { parseYamlSubset, type SubsetEntry } from './yamlSubset';

export interface FrontMatterEntry {
  readonly key: string;
  readonly keyRange: Range;
  /** Where the value's text lies; undefined for `key:` with nothing after it. */
  readonly valueRange: Range | undefined;
  readonly value: unknown;
}

export interface FrontMatterProblem {
  readonly message: string;
  readonly range: Range;
  readonly code: 'unclosed' | 'yaml' | 'not-a-mapping';
}

export interface FrontMatter {
  /** From the opening fence to the end of the closing fence's line. */
  readonly range: Range;
  /** The YAML text between the fences. */
  readonly contentRange: Range;
  readonly closed: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  readonly entries: readonly FrontMatterEntry[];
  readonly problems: readonly FrontMatterProblem[];
  /**
   * The parsed YAML document, for placing schema errors on nested nodes. Front matter read by the
   * subset reader (src/core/yamlSubset.ts) builds it on first access only.
   */
  readonly document: Document | undefined;
}

/** A scalar value of a field (its value, or one item of its list) and where it is written. */
export interface FieldScalar {
  readonly value: unknown;
  readonly range: Range;
}

/** The entries of front matter read by the subset reader, with the offset of its YAML text. */
const subsetRead = new WeakMap<FrontMatter, { readonly entries: readonly SubsetEntry[]; readonly base: number }>();

const OPEN = /^\uFEFF?---[ \t]*(\r\n|\n|\r)/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Finds and parses the front matter at the top of `text`; undefined when there is none. Front
 * matter written in the common subset of YAML (src/core/yamlSubset.ts) is read without building a
 * YAML document, with the same result the `yaml` library gives; anything else is the library's.
 */
export function parseFrontMatter(text: string): FrontMatter | undefined {
  return parseFrontMatterWith(text, true);
}

/** parseFrontMatter with the `yaml` library for all front matter (what the subset reader must equal). */
export function parseFrontMatterWithLibrary(text: string): FrontMatter | undefined {
  return parseFrontMatterWith(text, false);
}

/** True when `frontMatter` was read by the subset reader rather than the `yaml` library. */
export function readBySubset(frontMatter: FrontMatter): boolean {
  return subsetRead.has(frontMatter);
}

function parseFrontMatterWith(text: string, subset: boolean): FrontMatter | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const contentStart = open[0].length;
  let at = contentStart;
  let contentEnd = -1;
  let end = -1;
  let fallbackEnd = -1;
  while (at < text.length) {
    let lineEnd = at;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const line = text.slice(at, lineEnd);
    if (CLOSE.test(line)) {
      contentEnd = at;
      end = lineEnd;
      break;
    }
    // Where an unclosed block most likely ends: a blank line or the first HTML line.
    if (fallbackEnd < 0 && (line.trim() === '' || line.trimStart().startsWith('<'))) fallbackEnd = at;
    at = lineEnd;
    if (text[at] === '\r' && text[at + 1] === '\n') at += 2;
    else if (at < text.length) at++;
  }
  const closed = contentEnd >= 0;
  const problems: FrontMatterProblem[] = [];
  if (!closed) {
    contentEnd = fallbackEnd >= 0 ? fallbackEnd : text.length;
    end = contentEnd;
    const fenceStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    problems.push({
      code: 'unclosed',
      message: 'Front matter is not closed: add a line with `---` after the last key.',
      range: { start: fenceStart, end: fenceStart + 3 },
    });
  }
  const yamlText = text.slice(contentStart, contentEnd);
  const range = { start: text.charCodeAt(0) === 0xfeff ? 1 : 0, end };
  const subsetEntries = subset ? parseYamlSubset(yamlText) : undefined;
  if (subsetEntries && subsetEntries.length > 0) return fromSubset(subsetEntries, yamlText, contentStart, range, closed, problems);
  const parsed = parseYaml(yamlText, contentStart);
  return {
    range,
    contentRange: { start: contentStart, end: contentEnd },
    closed,
    data: parsed.data,
    entries: parsed.entries,
    problems: [...problems, ...parsed.problems],
    document: parsed.document,
  };
}

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: false } as const;

/** The front matter for YAML read by the subset reader; its `document` is built on first access. */
function fromSubset(read: readonly SubsetEntry[], yamlText: string, base: number, range: Range, closed: boolean, problems: FrontMatterProblem[]): FrontMatter {
  const data: Record<string, unknown> = {};
  const entries: FrontMatterEntry[] = [];
  for (const e of read) {
    const first = e.scalars[0];
    data[e.key] = e.list ? e.scalars.map((s) => s.value) : first?.value;
    entries.push({
      key: e.key,
      keyRange: { start: base + e.keyStart, end: base + e.keyEnd },
      valueRange: { start: base + e.valueStart, end: base + e.valueEnd },
      value: e.list ? e.scalars.map((s) => s.value) : first?.value,
    });
  }
  let document: Document | undefined;
  const frontMatter: FrontMatter = {
    range,
    contentRange: { start: base, end: base + yamlText.length },
    closed,
    data,
    entries,
    problems,
    get document(): Document {
      document ??= parseDocument(yamlText, { lineCounter: new LineCounter(), ...YAML_OPTIONS });
      return document;
    },
  };
  subsetRead.set(frontMatter, { entries: read, base });
  return frontMatter;
}

/**
 * The scalar values of `field`: its value when that is a scalar, or each scalar item of its list,
 * with their ranges; as the YAML document has them, without building it for front matter the
 * subset reader read.
 */
export function fieldScalars(frontMatter: FrontMatter, field: string): FieldScalar[] {
  const read = subsetRead.get(frontMatter);
  if (read) {
    const e = read.entries.find((x) => x.key === field);
    return e ? e.scalars.map((s) => ({ value: s.value, range: { start: read.base + s.start, end: read.base + s.end } })) : [];
  }
  const doc = frontMatter.document;
  if (!doc) return [];
  const node = doc.get(field, true) as YamlNode | null | undefined;
  const items: unknown[] = isSeq(node) ? node.items : node ? [node] : [];
  const scalars: FieldScalar[] = [];
  for (const item of items) {
    if (!isScalar(item)) continue;
    const r = nodeRange(item, frontMatter.contentRange.start);
    if (r) scalars.push({ value: item.value, range: r });
  }
  return scalars;
}

function parseYaml(yamlText: string, base: number): {
  data: Record<string, unknown>;
  entries: FrontMatterEntry[];
  problems: FrontMatterProblem[];
  document: Document | undefined;
} {
  const problems: FrontMatterProblem[] = [];
  const entries: FrontMatterEntry[] = [];
  if (yamlText.trim() === '') return { data: {}, entries, problems, document: undefined };
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, ...YAML_OPTIONS });
  for (const error of doc.errors) {
    const [s, e] = error.pos;
    problems.push({
      code: 'yaml',
      message: `YAML syntax error: ${firstLine(error.message)}`,
      range: clampRange(base + s, base + Math.max(e, s + 1), base + yamlText.length),
    });
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    if (doc.errors.length === 0) {
      const r = nodeRange(contents as YamlNode, base) ?? { start: base, end: base + yamlText.length };
      problems.push({ code: 'not-a-mapping', message: 'Front matter must be a mapping of `key: value` lines.', range: r });
    }
    return { data: {}, entries, problems, document: doc };
  }
  // A collection used as a key (`{ a: 1 }: x`, or `{{{…}}}` nested): no front-matter field has one, and
  // converting it to JavaScript stringifies the key, which grows exponentially with its depth (a
  // 30-deep one took over a minute and then threw). It is reported, and the values holding one
  // are left out of the data; the other keys keep theirs.
  const collectionKey = firstCollectionKey(doc);
  if (collectionKey) {
    problems.push({
      code: 'yaml',
      message: 'YAML error: a mapping or list used as a key (as in `{ a: 1 }: x`) is not supported in front matter.',
      range: nodeRange(collectionKey, base) ?? { start: base, end: base + yamlText.length },
    });
  }
  let data: Record<string, unknown> = {};
  try {
    if (!collectionKey) {
      const js: unknown = doc.toJS({ maxAliasCount: 100 });
      if (js !== null && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    } else if (isMap(contents)) {
      for (const pair of contents.items) {
        const value = pair.value as YamlNode | null;
        if (!isScalar(pair.key) || (isCollection(value) && firstCollectionKey(value))) continue;
        data[String(pair.key.value)] = isScalar(value) || isCollection(value) ? value.toJS(doc, { maxAliasCount: 100 }) : value;
      }
    }
  } catch (error) {
    problems.push({ code: 'yaml', message: `YAML error: ${firstLine(String(error))}`, range: { start: base, end: base + yamlText.length } });
  }
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const key = pair.key;
      // A collection used as a key (`{ a: 1 }: x`) is named by its source text: the yaml library's
      // String() of a deeply nested one grows exponentially (a RangeError on a 29-deep key).
      const keyRangeInYaml = key !== null && typeof key === 'object' && 'range' in key ? (key as YamlNode).range : undefined;
      const keyText = isScalar(key) ? String(key.value) : key === null ? '' : keyRangeInYaml ? yamlText.slice(keyRangeInYaml[0], keyRangeInYaml[1]) : '';
      const keyRange = nodeRange(key as YamlNode | null, base);
      if (!keyRange) continue;
      const valueNode = pair.value as YamlNode | null;
      // Only a document holding a collection key has values to leave out (searched once above).
      const value = isScalar(valueNode) ? valueNode.value : isSeq(valueNode) || isMap(valueNode) ? (collectionKey && firstCollectionKey(valueNode) ? undefined : valueNode.toJSON()) : valueNode;
      entries.push({ key: keyText, keyRange, valueRange: nodeRange(valueNode, base), value });
    }
  }
  return { data, entries, problems, document: doc };
}

/**
 * The first mapping or list used as a key in `node` (a document or a collection), if any:
 * converting one to JavaScript stringifies it, in time exponential in its depth.
 */
export function firstCollectionKey(node: Document | YamlNode): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(node, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = pair.key;
      return visit.BREAK;
    },
  });
  return found;
}

/** The source range of a YAML node, shifted by `base`; undefined for absent nodes. */
export function nodeRange(node: YamlNode | null | undefined, base: number): Range | undefined {
  if (!node || typeof node !== 'object' || !('range' in node) || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  return { start: base + start, end: base + valueEnd };
}

function clampRange(start: number, end: number, max: number): Range {
  const s = Math.min(start, max);
  return { start: s, end: Math.max(s, Math.min(end, max)) };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** The entry for `key`, if the front matter has it. */
export function entry(frontMatter: FrontMatter | undefined, key: string): FrontMatterEntry | undefined {
  return frontMatter?.entries.find((e) => e.key === key);
}

import { parseFrontMatter } from '../frontMatter';
import { LineIndex } from '../text';
import type { Range } from '../types';

/** Where the cursor sits inside an `href="…"` value. */
export interface HrefContext {
  /** The value's characters, from the opening quote to the closing quote (or line end). */
  readonly value: Range;
  /** What is typed between the opening quote and the cursor. */
  readonly typed: string;
}

const HREF = /\bhref\s*=\s*(["'])/gi;

/** The href value the cursor at `offset` is typing in, if any. */
export function hrefAt(text: string, offset: number): HrefContext | undefined {
  const tagStart = text.lastIndexOf('<', offset - 1);
  if (tagStart < 0) return undefined;
  const inTag = text.slice(tagStart, offset);
  if (inTag.includes('>') || /^<\s*\//.test(inTag)) return undefined;
  let last: RegExpExecArray | undefined;
  HREF.lastIndex = 0;
  for (let m = HREF.exec(inTag); m; m = HREF.exec(inTag)) last = m;
  if (!last) return undefined;
  const quote = last[1] ?? '"';
  const valueStart = tagStart + last.index + last[0].length;
  const typed = text.slice(valueStart, offset);
  if (typed.includes(quote) || /[\r\n]/.test(typed)) return undefined;
  let end = offset;
  while (end < text.length && text[end] !== quote && text[end] !== '\n' && text[end] !== '\r' && text[end] !== '>') end++;
  return { value: { start: valueStart, end }, typed };
}

/** True when `offset` is inside the value of an `href` attribute. */
export function isInsideHref(text: string, offset: number): boolean {
  return hrefAt(text, offset) !== undefined;
}

/** What the cursor is typing inside front matter: a key, or the value of `key`. */
export type FrontMatterContext =
  | { readonly kind: 'key'; readonly replace: Range; readonly existing: readonly string[] }
  | { readonly kind: 'value'; readonly key: string; readonly inList: boolean; readonly replace: Range; readonly typed: string };

/** Front-matter completion context at `offset`, or undefined outside the front matter. */
export function frontMatterContext(text: string, offset: number): FrontMatterContext | undefined {
  const frontMatter = parseFrontMatter(text);
  if (!frontMatter || offset < frontMatter.contentRange.start || offset > frontMatter.contentRange.end) return undefined;
  const lines = new LineIndex(text);
  const line = lines.positionAt(offset).line;
  const lineStart = lines.lineStart(line);
  const before = text.slice(lineStart, offset);
  let wordEnd = offset;
  while (wordEnd < text.length && /[\w-]/.test(text[wordEnd] ?? '')) wordEnd++;
  if (/^[A-Za-z_][\w-]*$|^$/.test(before)) {
    const existing = frontMatter.entries.map((e) => e.key);
    return { kind: 'key', replace: { start: lineStart, end: wordEnd }, existing };
  }
  const keyValue = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*/.exec(before);
  if (keyValue) {
    const typed = before.slice(keyValue[0].length);
    if (/^[[{|>]/.test(typed)) return undefined;
    return { kind: 'value', key: keyValue[1] ?? '', inList: false, typed, replace: { start: lineStart + keyValue[0].length, end: wordEnd } };
  }
  const item = /^[ \t]*-[ \t]*/.exec(before);
  if (item) {
    for (let l = line - 1; l >= 0 && lines.lineStart(l) >= frontMatter.contentRange.start; l--) {
      const t = text.slice(lines.lineStart(l), lines.lineEnd(l));
      if (/^[ \t]*(-|#)/.test(t) || t.trim() === '') continue;
      const parent = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*$/.exec(t);
      if (!parent) return undefined;
      return { kind: 'value', key: parent[1] ?? '', inList: true, typed: before.slice(item[0].length), replace: { start: lineStart + item[0].length, end: wordEnd } };
    }
  }
  return undefined;
}

/** A front-matter key the schema describes. */
export interface SchemaKey {
  readonly key: string;
  readonly description: string | undefined;
  readonly required: boolean;
  /** True when the value is a list (or may be one). */
  readonly list: boolean;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The keys a front-matter JSON Schema names, in schema order. */
export function schemaKeys(schema: object): SchemaKey[] {
  const s = schema as JsonObject;
  const properties = isObject(s['properties']) ? s['properties'] : {};
  const required = Array.isArray(s['required']) ? (s['required'] as unknown[]) : [];
  return Object.entries(properties).map(([key, p]) => {
    const prop = isObject(p) ? p : {};
    const variants = [prop, ...(Array.isArray(prop['anyOf']) ? (prop['anyOf'] as unknown[]).filter(isObject) : [])];
    return {
      key,
      description: typeof prop['description'] === 'string' ? prop['description'] : undefined,
      required: required.includes(key),
      list: variants.some((v) => v['type'] === 'array') && !variants.some((v) => v['type'] === 'string' || v['enum'] !== undefined),
    };
  });
}

/** Values a key may take: enum members, booleans, and `topic-page` for `classes`. */
export function schemaValues(schema: object, key: string, inList: boolean): string[] {
  const s = schema as JsonObject;
  const properties = isObject(s['properties']) ? s['properties'] : {};
  const prop = properties[key];
  if (!isObject(prop)) return [];
  const out = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (!isObject(node) || depth > 3) return;
    if (Array.isArray(node['enum']) && (!inList || depth > 0)) for (const v of node['enum'] as unknown[]) out.add(String(v));
    if (node['type'] === 'boolean' && !inList) ['true', 'false'].forEach((v) => out.add(v));
    for (const k of ['anyOf', 'oneOf']) if (Array.isArray(node[k])) for (const sub of node[k] as unknown[]) visit(sub, depth);
    if (inList && isObject(node['items'])) visit(node['items'], depth + 1);
  };
  visit(prop, 0);
  if (key === 'classes') out.add('topic-page');
  return [...out];
}

import { attribute, type Element } from '../html';
import { parsePage, type Page, type TopicLink } from '../page';
import type { EjsInclude, IncludeKey } from '../templates';
import type { TextEdit } from '../types';
import type { WorkspaceIndex } from '../workspace';

/**
 * Link-structure edits on one topic page, computed as text edits on its text.
 *
 * Items are named by their address: the chain of positions from the page's top-level topic
 * links down, joined by `/` (`0/2/1` is the second child of the third child of the first
 * item). It is the part after the page path of a `TopicTree` node id for a link on that page.
 * Top-level positions count every `<li>` of every `ul.topic-links` list and every key of a
 * `_topic-links` include, in document order (the order of `Page.topicLinks`).
 *
 * Each function answers `{ ok: true, edits }` (one edit set, applied as one undoable change;
 * `edits` is empty when nothing moves) or `{ ok: false, reason }`; none throws on any input.
 * Line endings, a byte order mark and every byte outside the edits are kept.
 */
export type EditResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly reason: string };

/** What a new link shows: `<a href="{route}">{title}</a>` and `<p>{description}</p>`; `key` for the include form. */
export interface LinkTarget {
  readonly route: string;
  readonly title: string;
  readonly description?: string | undefined;
  /** The include key (article path); defaults to the route without its leading `/`. */
  readonly key?: string | undefined;
}

/** Where an item goes: among the children of `parent` (an address; null for the top level), at `index`. */
export interface LinkPosition {
  readonly parent: string | null;
  readonly index: number;
}

/** The commonest icon class of top-level and nested items in real topic pages (used when the page shows none). */
export const DEFAULT_ICON_CLASS = 'icon icon-budicon-715';

const TOPIC_LINKS_INCLUDE = /(^|\/)_topic-links(\.[a-z]+)?$/;

/**
 * What a link to the page at `path` shows, from the index: its route, its `title` (else its
 * heading, else the route), its `description`, and its include key (the path under the docs
 * root without `.md` and `/index`). Undefined for a file that is not a routed page.
 */
export function linkTargetFor(index: WorkspaceIndex, path: string): LinkTarget | undefined {
  const summary = index.summary(path);
  const route = index.routeOfPage(path);
  if (!summary || route === undefined) return undefined;
  const root = index.settings.docsRoot ? `${index.settings.docsRoot}/` : '';
  const key = path.startsWith(root) ? path.slice(root.length).replace(/\.md$/i, '').replace(/(^|\/)index$/, '') : undefined;
  return {
    route,
    title: summary.title?.trim() || summary.heading || route,
    description: summary.description?.trim() || undefined,
    ...(key ? { key } : {}),
  };
}

/** `0/2/1` → [0, 2, 1]; undefined for anything that is not such a chain. */
export function parseAddress(address: string): number[] | undefined {
  if (!/^\d+(\/\d+)*$/.test(address)) return undefined;
  const parts = address.split('/').map(Number);
  return parts.every((n) => Number.isSafeInteger(n)) ? parts : undefined;
}

/** The topic link at `address` on a parsed page, or undefined. */
export function topicLinkAt(page: Page, address: string): TopicLink | undefined {
  const path = parseAddress(address);
  if (!path) return undefined;
  let list: readonly TopicLink[] = page.topicLinks;
  let found: TopicLink | undefined;
  for (const i of path) {
    found = list[i];
    if (!found) return undefined;
    list = found.children;
  }
  return found;
}

/**
 * The address of the topic link whose link (or, for an item without one, whose `<li>`) starts at
 * `offset` on the page: how an editor turns a tree node (`TopicNode.source.range.start`) or a
 * cursor on a link into the address the edits take. Undefined when no topic link starts there.
 */
export function addressAt(page: Page, offset: number): string | undefined {
  const stack: { items: readonly TopicLink[]; prefix: string }[] = [{ items: page.topicLinks, prefix: '' }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    for (let i = 0; i < next.items.length; i++) {
      const t = next.items[i] as TopicLink;
      if ((t.link?.range.start ?? t.range.start) === offset) return `${next.prefix}${i}`;
      if (t.children.length > 0) stack.push({ items: t.children, prefix: `${next.prefix}${i}/` });
    }
  }
  return undefined;
}

/** Moves the item at `from` to position `index` among the children of `toParent` (null: the top level). */
export function moveTopicLink(text: string, path: string, from: string, toParent: string | null, index: number): EditResult {
  try {
    return move(text, path, from, toParent, index);
  } catch (error) {
    return { ok: false, reason: `cannot move the link: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Inserts a new link to `target` at `at`: an `<li>` with icon, link and description, or a key in a `links: [...]` array. */
export function insertTopicLink(text: string, path: string, at: LinkPosition, target: LinkTarget): EditResult {
  try {
    return insert(text, path, at, target);
  } catch (error) {
    return { ok: false, reason: `cannot insert the link: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// ---------------------------------------------------------------------------------------------

interface Ctx {
  readonly page: Page;
  readonly text: string;
  readonly eol: string;
  readonly unit: string;
}

function context(text: string, path: string): Ctx {
  const page = parsePage(path, text);
  return { page, text, eol: page.lines.eol, unit: indentUnit(page) };
}

const fail = (reason: string): EditResult => ({ ok: false, reason });

function move(text: string, path: string, from: string, toParent: string | null, index: number): EditResult {
  const ctx = context(text, path);
  const fromPath = parseAddress(from);
  if (!fromPath) return fail(`\`${from}\` is not an item address (like 0/2/1)`);
  const item = topicLinkAt(ctx.page, from);
  if (!item) return fail(`no topic link at \`${from}\``);
  const parentPath = toParent === null ? [] : parseAddress(toParent);
  if (!parentPath) return fail(`\`${toParent ?? ''}\` is not an item address (like 0/2/1)`);
  if (parentPath.length >= fromPath.length && fromPath.every((n, i) => parentPath[i] === n)) return fail('an item cannot be nested under itself or its own items');
  const parent = toParent === null ? undefined : topicLinkAt(ctx.page, toParent);
  if (toParent !== null && !parent) return fail(`no topic link at \`${toParent}\``);
  const siblings = (parent ? parent.children : ctx.page.topicLinks).filter((t) => t !== item);
  if (!Number.isSafeInteger(index) || index < 0 || index > siblings.length) return fail(`position ${index} is outside 0–${siblings.length}`);
  const oldSiblings = parentOf(ctx.page, fromPath);
  const sameParent = oldSiblings.parent === parent;
  if (sameParent && oldSiblings.list.indexOf(item) === index) return { ok: true, edits: [] };

  if (!item.item) return moveKey(ctx, item, parent, siblings, index);
  if (!item.item.closedExplicitly) return fail('the item has no closing </li>; close it first');
  const slot = destination(ctx, parent, siblings, index);
  if ('reason' in slot) return fail(slot.reason);
  const removal = removalRange(ctx, item, oldSiblings.list, oldSiblings.parent);
  if (slot.at > removal.start && slot.at < removal.end) return fail('the destination lies inside the moved item');
  const block = rebase(ctx, item.item.openTag.start, item.range.end, slot.indent);
  return { ok: true, edits: [{ range: removal, newText: '' }, { range: { start: slot.at, end: slot.at }, newText: slot.wrap(block) }] };
}

function insert(text: string, path: string, at: LinkPosition, target: LinkTarget): EditResult {
  const ctx = context(text, path);
  const parentPath = at.parent === null ? [] : parseAddress(at.parent);
  if (!parentPath) return fail(`\`${at.parent ?? ''}\` is not an item address (like 0/2/1)`);
  const parent = at.parent === null ? undefined : topicLinkAt(ctx.page, at.parent);
  if (at.parent !== null && !parent) return fail(`no topic link at \`${at.parent}\``);
  const siblings = parent ? parent.children : ctx.page.topicLinks;
  if (!Number.isSafeInteger(at.index) || at.index < 0 || at.index > siblings.length) return fail(`position ${at.index} is outside 0–${siblings.length}`);
  const key = target.key ?? target.route.replace(/^\/+/, '');
  // Among include keys (or on a page whose only list is an include): a new key.
  const before = siblings[at.index - 1];
  const after = siblings[at.index];
  const keyNeighbour = [after, before].find((t) => t && !t.item);
  const liNeighbour = [after, before].find((t) => t?.item);
  if (keyNeighbour && !liNeighbour) return insertKey(ctx, keyNeighbour, siblings, at.index, key);
  if (!parent && siblings.length === 0 && ctx.page.topicLists.length === 0) {
    const include = topicLinksIncludes(ctx.page)[0];
    if (include) return insertKeyInEmpty(ctx, include, key);
  }
  const depth = parentPath.length;
  const slot = destination(ctx, parent, siblings, at.index);
  if ('reason' in slot) return fail(slot.reason);
  const icon = iconClass(ctx.page, siblings, depth);
  const inner = ctx.unit;
  const lines = [
    '<li>',
    `${inner}<i class="${escapeAttribute(icon)}"></i><a href="${escapeAttribute(target.route)}">${escapeText(target.title)}</a>`,
    ...(target.description !== undefined && target.description.trim() !== '' ? [`${inner}<p>${escapeText(target.description)}</p>`] : []),
    '</li>',
  ];
  const block = lines.map((l, i) => (i === 0 ? l : slot.indent + l)).join(ctx.eol);
  return { ok: true, edits: [{ range: { start: slot.at, end: slot.at }, newText: slot.wrap(block) }] };
}

/** The list that holds the item at `path`, and the item owning that list (undefined at the top level). */
function parentOf(page: Page, path: readonly number[]): { list: readonly TopicLink[]; parent: TopicLink | undefined } {
  let list: readonly TopicLink[] = page.topicLinks;
  let parent: TopicLink | undefined;
  for (const i of path.slice(0, -1)) {
    parent = list[i];
    list = parent?.children ?? [];
  }
  return { list, parent };
}

interface Slot {
  /** Where the block goes. */
  readonly at: number;
  /** Indentation of the block's first line (its other lines are re-based to it). */
  readonly indent: string;
  /** Wraps the item text (first line unindented) into what is inserted at `at`. */
  readonly wrap: (block: string) => string;
}

/** Where an `<li>` goes among `siblings` (the moved item left out) at `index`. */
function destination(ctx: Ctx, parent: TopicLink | undefined, siblings: readonly TopicLink[], index: number): Slot | { reason: string } {
  const { text, eol } = ctx;
  const next = siblings[index];
  const previous = siblings[index - 1];
  if (next && next.item) {
    const s = next.range.start;
    if (ownsLineStart(text, s)) {
      const indent = indentAt(text, s);
      return { at: lineStartOf(text, s), indent, wrap: (b) => indent + b + eol };
    }
    return { at: s, indent: indentAt(text, s), wrap: (b) => b };
  }
  if (previous && previous.item) {
    if (!previous.item.closedExplicitly) return { reason: 'the item before that position has no closing </li>' };
    const e = previous.range.end;
    const indent = indentAt(text, previous.range.start);
    if (ownsLineEnd(text, e)) {
      const lineEnd = lineEndOf(text, e);
      if (lineEnd === text.length) return { at: lineEnd, indent, wrap: (b) => eol + indent + b };
      return { at: afterBreak(text, lineEnd), indent, wrap: (b) => indent + b + eol };
    }
    return { at: e, indent, wrap: (b) => b };
  }
  if (next || previous) return { reason: 'a list item cannot go among the keys of an include' };
  // No sibling list items: an empty list to fill, or a new nested `<ul>`.
  const list = parent ? nestedList(parent) : ctx.page.topicLists[0];
  if (list) return intoEmptyList(ctx, list);
  if (!parent?.item) return { reason: 'the page has no topic-links list to put the item in' };
  const li = parent.item;
  if (!li.closedExplicitly) return { reason: 'the item to nest under has no closing </li>' };
  const liIndent = indentAt(text, li.openTag.start);
  const ulIndent = liIndent + ctx.unit;
  const itemIndent = ulIndent + ctx.unit;
  const close = li.contentEnd;
  if (ownsLineStart(text, close)) {
    // `</li>` on its own line: the new list goes on the lines before it.
    return { at: lineStartOf(text, close), indent: itemIndent, wrap: (b) => `${ulIndent}<ul>${eol}${itemIndent}${b}${eol}${ulIndent}</ul>${eol}` };
  }
  // `<li>...</li>` on one line: the list goes before `</li>`, which moves to its own line.
  const trimmed = trimEndOffset(text, li.openTag.end, close);
  return {
    at: trimmed,
    indent: itemIndent,
    wrap: (b) => `${eol}${ulIndent}<ul>${eol}${itemIndent}${b}${eol}${ulIndent}</ul>${eol}${liIndent}`,
  };
}

function intoEmptyList(ctx: Ctx, list: Element): Slot | { reason: string } {
  const { text, eol } = ctx;
  if (!list.closedExplicitly) return { reason: 'the list has no closing </ul>' };
  const ulIndent = indentAt(text, list.openTag.start);
  const indent = ulIndent + ctx.unit;
  const close = list.contentEnd;
  if (ownsLineStart(text, close) && lineStartOf(text, close) > list.openTag.end) {
    return { at: lineStartOf(text, close), indent, wrap: (b) => indent + b + eol };
  }
  return { at: close, indent, wrap: (b) => `${eol}${indent}${b}${eol}${ulIndent}` };
}

/** The range removed when `item` leaves: its whole lines when it has them, and a nested list it leaves empty. */
function removalRange(ctx: Ctx, item: TopicLink, list: readonly TopicLink[], owner: TopicLink | undefined): { start: number; end: number } {
  const { text } = ctx;
  const li = item.item as Element;
  const ul = li.parent;
  // The only item of a nested list: the list goes too, when it holds nothing else.
  if (owner && list.length === 1 && ul && (ul.name === 'ul' || ul.name === 'ol') && ul.closedExplicitly && ul.children.every((c) => c === li)) {
    const rest = text.slice(ul.openTag.end, item.range.start) + text.slice(item.range.end, ul.contentEnd);
    if (rest.trim() === '') return lineRange(text, ul.openTag.start, ul.end);
  }
  return lineRange(text, item.range.start, item.range.end);
}

/** `start`–`end` widened to whole lines (with the last line's break) when nothing else is on them. */
function lineRange(text: string, start: number, end: number): { start: number; end: number } {
  if (ownsLineStart(text, start) && ownsLineEnd(text, end)) {
    const s = lineStartOf(text, start);
    const lineEnd = lineEndOf(text, end);
    if (lineEnd === text.length) {
      // Last line without a break: take the break before it instead.
      return { start: s >= 2 && text.slice(s - 2, s) === '\r\n' ? s - 2 : s > 0 ? s - 1 : s, end: lineEnd };
    }
    return { start: s, end: afterBreak(text, lineEnd) };
  }
  return { start, end };
}

/** The text of `start`–`end` with its later lines moved from the indentation of `start`'s line to `indent`. */
function rebase(ctx: Ctx, start: number, end: number, indent: string): string {
  const oldIndent = indentAt(ctx.text, start);
  const parts = ctx.text.slice(start, end).split(/(\r\n|\n|\r)/);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i % 2 === 1) out += part;
    else if (i === 0) out += part;
    else if (part.startsWith(oldIndent)) out += indent + part.slice(oldIndent.length);
    else out += part;
  }
  return out;
}

function nestedList(parent: TopicLink): Element | undefined {
  const li = parent.item;
  if (!li) return undefined;
  return li.children.find((c) => c.name === 'ul' || c.name === 'ol');
}

/** The icon class of a sibling, else of any item at the same depth on the page, else the default. */
function iconClass(page: Page, siblings: readonly TopicLink[], depth: number): string {
  const of = (t: TopicLink | undefined): string | undefined => (t?.icon ? attribute(t.icon, 'class')?.value : undefined);
  for (const s of siblings) {
    const c = of(s);
    if (c) return c;
  }
  let level: readonly TopicLink[] = page.topicLinks;
  for (let d = 0; d < depth; d++) level = level.flatMap((t) => t.children);
  for (const t of level) {
    const c = of(t);
    if (c) return c;
  }
  return DEFAULT_ICON_CLASS;
}

/**
 * The page's indentation step: the commonest difference between an `<li>` line's indentation
 * and its list's, else between a list and its item; two spaces when the page shows none.
 */
export function indentUnit(page: Page): string {
  const counts = new Map<string, number>();
  const text = page.text;
  const visit = (list: Element): void => {
    for (const li of list.children) {
      if (li.name !== 'li') continue;
      if (ownsLineStart(text, li.openTag.start) && ownsLineStart(text, list.openTag.start)) {
        const outer = indentAt(text, list.openTag.start);
        const inner = indentAt(text, li.openTag.start);
        if (inner.length > outer.length && inner.startsWith(outer)) {
          const d = inner.slice(outer.length);
          counts.set(d, (counts.get(d) ?? 0) + 1);
        }
      }
      for (const c of li.children) if (c.name === 'ul' || c.name === 'ol') visit(c);
    }
  };
  for (const list of page.topicLists) visit(list);
  let best = '  ';
  let bestCount = 0;
  for (const [unit, n] of counts) {
    if (n > bestCount) {
      best = unit;
      bestCount = n;
    }
  }
  return best;
}

// --- include keys -----------------------------------------------------------------------------

function topicLinksIncludes(page: Page): EjsInclude[] {
  return page.includes.filter((i) => TOPIC_LINKS_INCLUDE.test(i.path) && i.links !== undefined);
}

function includeOf(page: Page, t: TopicLink): { include: EjsInclude; keys: readonly IncludeKey[] } | undefined {
  for (const include of topicLinksIncludes(page)) {
    const keys = include.links ?? [];
    if (keys.some((k) => k.range.start === t.range.start)) return { include, keys };
  }
  return undefined;
}

function moveKey(ctx: Ctx, item: TopicLink, parent: TopicLink | undefined, siblings: readonly TopicLink[], index: number): EditResult {
  if (parent) return fail('an include key cannot be nested under another link');
  const owner = includeOf(ctx.page, item);
  if (!owner) return fail('the key is not in a readable `links` array');
  if (owner.include.linkProblems.length > 0) return fail('the `links` array is malformed; mend it first');
  const { keys } = owner;
  const inArray = (t: TopicLink | undefined): boolean => !!t && !t.item && keys.some((k) => k.range.start === t.range.start);
  const next = siblings[index];
  const previous = siblings[index - 1];
  // The key's new position inside its own array.
  let to: number;
  if (inArray(next)) to = keys.findIndex((k) => k.range.start === next?.range.start);
  else if (inArray(previous)) to = keys.findIndex((k) => k.range.start === previous?.range.start) + 1;
  else return fail('an include key can only move within its own `links` array');
  const fromIndex = keys.findIndex((k) => k.range.start === item.range.start);
  if (to > fromIndex) to--;
  const order = keys.map((k) => k.key);
  const [moved] = order.splice(fromIndex, 1);
  order.splice(to, 0, moved ?? '');
  const edits: TextEdit[] = [];
  keys.forEach((k, i) => {
    const value = order[i] ?? k.key;
    if (value !== k.key) edits.push({ range: k.range, newText: value });
  });
  return { ok: true, edits };
}

function insertKey(ctx: Ctx, neighbour: TopicLink, siblings: readonly TopicLink[], index: number, key: string): EditResult {
  const owner = includeOf(ctx.page, neighbour);
  if (!owner) return fail('the key is not in a readable `links` array');
  if (owner.include.linkProblems.length > 0) return fail('the `links` array is malformed; mend it first');
  const { keys } = owner;
  const { text } = ctx;
  const first = keys[0];
  if (!first) return fail('the `links` array is empty');
  const quote = text[first.range.start - 1] === '"' ? '"' : "'";
  const quoted = quote + key.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
  const second = keys[1];
  const separator = second ? text.slice(first.range.end + 1, second.range.start - 1) : ', ';
  const next = siblings[index];
  const at = next && keys.some((k) => k.range.start === next.range.start) ? keys.findIndex((k) => k.range.start === next.range.start) : keys.length;
  if (at < keys.length) {
    const k = keys[at] as IncludeKey;
    return { ok: true, edits: [{ range: { start: k.range.start - 1, end: k.range.start - 1 }, newText: quoted + separator }] };
  }
  const last = keys[keys.length - 1] as IncludeKey;
  return { ok: true, edits: [{ range: { start: last.range.end + 1, end: last.range.end + 1 }, newText: separator + quoted }] };
}

function insertKeyInEmpty(ctx: Ctx, include: EjsInclude, key: string): EditResult {
  const tagText = ctx.text.slice(include.tag.start, include.tag.end);
  const m = /\blinks\s*:\s*\[/.exec(tagText);
  if (!m || include.linkProblems.length > 0) return fail('the `links` array is malformed; mend it first');
  const at = include.tag.start + m.index + m[0].length;
  return { ok: true, edits: [{ range: { start: at, end: at }, newText: `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` }] };
}

// --- text helpers -----------------------------------------------------------------------------

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function afterBreak(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

/** True when only spaces or tabs precede `offset` on its line (a BOM at the very start counts as nothing). */
function ownsLineStart(text: string, offset: number): boolean {
  const s = lineStartOf(text, offset);
  return /^\uFEFF?[ \t]*$/.test(text.slice(s, offset));
}

function ownsLineEnd(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(offset, lineEndOf(text, offset)));
}

function indentAt(text: string, offset: number): string {
  const s = lineStartOf(text, offset);
  const m = /^\uFEFF?([ \t]*)/.exec(text.slice(s, offset + 1));
  return m?.[1] ?? '';
}

function trimEndOffset(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && /[ \t]/.test(text[i - 1] ?? '')) i--;
  return i;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

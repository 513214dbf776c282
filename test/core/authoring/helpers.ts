/** Shared checks for authoring edits: applied, re-checked, local, and undoable. */
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/edits';
import { parsePage, type TopicLink } from '../../../src/core/page';
import type { Engine } from '../../../src/core/engine';
import type { TextEdit } from '../../../src/core/types';

/** The page's topic links as `href(child,child)` joined by `,`: include keys by their key. */
export function shape(path: string, text: string): string {
  const show = (items: readonly TopicLink[]): string =>
    items.map((t) => (t.link?.href ?? '?') + (t.children.length > 0 ? `(${show(t.children)})` : '')).join(',');
  return show(parsePage(path, text).topicLinks);
}

/** The edits that turn `applyEdits(original, edits)` back into `original`. */
export function inverse(original: string, edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let shift = 0;
  return sorted.map((e) => {
    const start = e.range.start + shift;
    shift += e.newText.length - (e.range.end - e.range.start);
    return { range: { start, end: start + e.newText.length }, newText: original.slice(e.range.start, e.range.end) };
  });
}

/**
 * Independently of applyEdits: the part of `before` that differs from `after` (found by their
 * common prefix and common suffix, each measured on its own) lies within the span the edits cover.
 */
export function assertChangeWithin(before: string, after: string, edits: readonly TextEdit[]): void {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length && suffix < after.length && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const lo = Math.min(...edits.map((e) => e.range.start));
  const hi = Math.max(...edits.map((e) => e.range.end));
  assert.ok(prefix >= lo, `a byte before the edits changed (first difference at ${prefix}, edits from ${lo})`);
  assert.ok(before.length - suffix <= hi, `a byte after the edits changed (last difference at ${before.length - suffix}, edits to ${hi})`);
  assert.equal(before.slice(0, lo), after.slice(0, lo), 'text before the first edit changed');
  assert.equal(before.slice(hi), after.slice(after.length - (before.length - hi)), 'text after the last edit changed');
}

/** `ruleId: message` of each finding, as a multiset (ranges and line numbers move with an edit; the rest does not). */
function findingKeys(engine: Engine, path: string, text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of engine.check(path, text)) {
    // A message may name another line ("already linked on line 28"): a move renumbers lines.
    const k = `${f.ruleId}: ${f.message.replace(/\bline \d+/g, 'line N')}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * Applies `edits`, then asserts: the change stays inside them, no new finding, a BOM and the
 * line endings are kept, and the inverse edits restore `text` byte for byte. Returns the new text.
 */
export function applyAndVerify(engine: Engine, path: string, text: string, edits: readonly TextEdit[]): string {
  const after = applyEdits(text, edits);
  if (edits.length > 0) assertChangeWithin(text, after, edits);
  const before = findingKeys(engine, path, text);
  for (const [k, n] of findingKeys(engine, path, after)) assert.ok(n <= (before.get(k) ?? 0), `new finding after the edit: ${k}\n${after}`);
  assert.equal(after.charCodeAt(0) === 0xfeff, text.charCodeAt(0) === 0xfeff, 'the BOM was lost or added');
  if (text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(after), 'a bare LF in a CRLF page');
  else assert.ok(!after.includes('\r'), 'a CR in an LF page');
  assert.equal(applyEdits(after, inverse(text, edits)), text, 'undo does not restore the original');
  return after;
}

/** Test helpers for fixes: apply a finding's fix and prove it touched nothing outside its edits. */
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/edits';
import type { Finding, TextEdit } from '../../src/core/types';

/**
 * How many leading and how many trailing UTF-16 units two texts share, each counted on its own
 * (they may overlap where the change could be placed in more than one way). Found from the two
 * texts alone, knowing nothing of edits.
 */
export function commonEnds(before: string, after: string): { prefix: number; suffix: number } {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/**
 * Asserts that `after` is `before` changed only inside `edits`' ranges, checked against the two
 * texts themselves rather than by applying the edits again:
 * 1. the lengths differ by exactly what the edits add and remove;
 * 2. the texts share at least everything before the first edit and everything after the last one
 *    (their common prefix and suffix, measured on the texts);
 * 3. walking both texts, every stretch of `before` between edits is found unchanged at its shifted
 *    offset in `after`, and each edit's range there holds its new text.
 * So an `applyEdits` (or a fix) that also rewrites, drops or moves a neighbouring byte fails here.
 */
export function assertOnlyEditsChanged(before: string, edits: readonly TextEdit[], after: string): void {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const edit = sorted[i];
    assert.ok(prev && edit && prev.range.end <= edit.range.start, 'the edits overlap');
  }
  const growth = sorted.reduce((sum, e) => sum + e.newText.length - (e.range.end - e.range.start), 0);
  assert.equal(after.length, before.length + growth, `the text grew by ${after.length - before.length}, the edits by ${growth}`);

  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) {
    assert.equal(after, before, 'no edits, yet the text changed');
    return;
  }
  const ends = commonEnds(before, after);
  assert.ok(ends.prefix >= first.range.start, `changed at offset ${ends.prefix}, before the first edit (${first.range.start})`);
  assert.ok(ends.suffix >= before.length - last.range.end, `changed ${ends.suffix} units from the end, after the last edit (which ends ${before.length - last.range.end} from the end)`);

  let from = 0;
  let shift = 0;
  for (const edit of sorted) {
    const kept = before.slice(from, edit.range.start);
    assert.equal(after.slice(from + shift, edit.range.start + shift), kept, `text between offsets ${from} and ${edit.range.start} changed`);
    const at = edit.range.start + shift;
    assert.equal(after.slice(at, at + edit.newText.length), edit.newText, `edit at ${edit.range.start} not applied as given`);
    shift += edit.newText.length - (edit.range.end - edit.range.start);
    from = edit.range.end;
  }
  assert.equal(after.slice(from + shift), before.slice(from), `text after offset ${from} (the last edit) changed`);
}

/** The finding's fix applied to `text`, after checking it has one and that it stays local. */
export function applyFix(text: string, finding: Finding): string {
  assert.ok(finding.fix, `${finding.ruleId} finding "${finding.message}" has no fix`);
  assert.ok(finding.fix.edits.length > 0, 'fix has no edits');
  const fixed = applyEdits(text, finding.fix.edits);
  assert.notEqual(fixed, text, 'the fix changed nothing');
  assertOnlyEditsChanged(text, finding.fix.edits, fixed);
  return fixed;
}

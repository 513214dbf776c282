/** Test helpers for fixes: apply a finding's fix and prove it touched nothing outside its edits. */
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/edits';
import type { Finding, TextEdit } from '../../src/core/types';

/**
 * Asserts that `after` is `before` with exactly `edits` applied: every stretch of
 * `before` outside the edited ranges appears unchanged, in order, and each edit's
 * range holds its new text. Checked stretch by stretch (not via applyEdits), so a
 * fix that also rewrites a neighbouring byte fails here.
 */
export function assertOnlyEditsChanged(before: string, edits: readonly TextEdit[], after: string): void {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  let at = 0;
  let out = 0;
  for (const edit of sorted) {
    const kept = before.slice(at, edit.range.start);
    assert.equal(after.slice(out, out + kept.length), kept, `text before offset ${edit.range.start} changed`);
    out += kept.length;
    assert.equal(after.slice(out, out + edit.newText.length), edit.newText, `edit at ${edit.range.start} not applied as given`);
    out += edit.newText.length;
    at = edit.range.end;
  }
  assert.equal(after.slice(out), before.slice(at), 'text after the last edit changed');
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

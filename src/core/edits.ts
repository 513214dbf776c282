import type { Finding, TextEdit } from './types';

export class OverlappingEditsError extends Error {}

/**
 * Applies edits made against `text` in one pass. Throws OverlappingEditsError
 * when two edits touch the same characters, so a caller never half-applies.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    const { start, end } = edit.range;
    if (start < at || end < start || end > text.length) {
      throw new OverlappingEditsError(`edit ${start}-${end} overlaps another edit or lies outside the text`);
    }
    out += text.slice(at, start) + edit.newText;
    at = end;
  }
  return out + text.slice(at);
}

/** The fixes of `findings` that can be applied together: the first of any overlapping pair wins. */
export function compatibleFixEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const fixes = findings
    .filter((f) => f.fix && f.fix.edits.length > 0)
    .sort((a, b) => a.range.start - b.range.start);
  const taken: { start: number; end: number }[] = [];
  for (const finding of fixes) {
    const edits = finding.fix?.edits ?? [];
    const clash = edits.some((e) => taken.some((t) => e.range.start < t.end && t.start < e.range.end
      || (e.range.start === e.range.end && e.range.start >= t.start && e.range.start <= t.end && t.start !== t.end)
      || (e.range.start === t.start && e.range.end === t.end)));
    if (clash) continue;
    for (const e of edits) {
      chosen.push(e);
      taken.push({ start: e.range.start, end: e.range.end });
    }
  }
  return chosen;
}

/**
 * Applies every compatible fix, re-checks, and repeats until nothing changes
 * (at most `maxPasses` times), like ESLint's fix loop.
 */
export function fixAll(text: string, check: (text: string) => readonly Finding[], maxPasses = 10): { text: string; passes: number } {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = compatibleFixEdits(check(current));
    if (edits.length === 0) return { text: current, passes: pass };
    const next = applyEdits(current, edits);
    if (next === current) return { text: current, passes: pass };
    current = next;
  }
  return { text: current, passes: maxPasses };
}

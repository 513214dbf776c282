import { entry } from '../frontMatter';
import type { Page } from '../page';
import type { Fix, Range } from '../types';

/** A YAML scalar for `value`: plain when that reads back the same, else double-quoted. */
export function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9À-ɏ][^:#\n\r"'{}[\],&*!|>%@`]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[-+]?\d)/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** A fix that sets a top-level front-matter key, replacing an empty value or adding a line. */
export function setFrontMatterKey(page: Page, key: string, value: string, title: string): Fix | undefined {
  const fm = page.frontMatter;
  // With a YAML error or a non-mapping the keys cannot be read back: an added key would
  // not be seen, so the fix would be offered again on every pass.
  if (!fm || !fm.closed || fm.problems.length > 0) return undefined;
  const existing = entry(fm, key);
  const scalar = yamlScalar(value);
  if (existing) {
    const r = existing.valueRange;
    if (r && r.start < r.end) return { title, edits: [{ range: r, newText: scalar }] };
    // `key:` with nothing after it (yaml gives an empty range right after the colon, or none):
    // `key:value` would be one plain scalar, so keep a space after the colon, and one before a comment.
    const at = r ? r.start : existing.keyRange.end + 1;
    const lead = /[ \t]/.test(page.text[at - 1] ?? '') ? '' : ' ';
    const trail = page.text[at] === '#' ? ' ' : '';
    return { title, edits: [{ range: { start: at, end: at }, newText: lead + scalar + trail }] };
  }
  const eol = page.lines.eol;
  return { title, edits: [{ range: { start: fm.contentRange.end, end: fm.contentRange.end }, newText: `${key}: ${scalar}${eol}` }] };
}

/**
 * A required front matter key that is missing or empty, as a rule reports it: its key (or the
 * opening `---` when there is no key) and the message. Undefined when the key holds a non-empty
 * string, when it holds a number, list or map (front-matter-schema reports the wrong type, not
 * "empty"), or when a YAML error may have left it unreadable (front-matter-syntax reports that).
 */
export function missingKey(page: Page, key: string): { readonly range: Range; readonly message: string } | undefined {
  const fm = page.frontMatter;
  if (!fm || fm.problems.some((p) => p.code === 'yaml')) return undefined;
  const found = entry(fm, key);
  if (found && typeof found.value === 'string' && found.value.trim() !== '') return undefined;
  if (found && found.value !== null && found.value !== undefined && typeof found.value !== 'string') return undefined;
  return found
    ? { range: found.keyRange, message: `The front matter \`${key}\` is empty.` }
    : { range: { start: fm.range.start, end: fm.range.start + 3 }, message: `The front matter has no \`${key}\`.` };
}

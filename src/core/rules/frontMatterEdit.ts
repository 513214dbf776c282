import { entry } from '../frontMatter';
import type { Page } from '../page';
import type { Fix } from '../types';

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
    const at = existing.valueRange ?? { start: existing.keyRange.end + 1, end: existing.keyRange.end + 1 };
    // `key:` with nothing after it: write after the colon.
    if (!existing.valueRange) return { title, edits: [{ range: { start: existing.keyRange.end + 1, end: existing.keyRange.end + 1 }, newText: ' ' + scalar }] };
    return { title, edits: [{ range: at, newText: scalar }] };
  }
  const eol = page.lines.eol;
  return { title, edits: [{ range: { start: fm.contentRange.end, end: fm.contentRange.end }, newText: `${key}: ${scalar}${eol}` }] };
}

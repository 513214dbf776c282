import { closest, distance } from 'fastest-levenshtein';
import { fieldScalars } from '../frontMatter';
import type { Rule } from '../rule';
import type { Fix, Range } from '../types';
import { yamlScalar } from './frontMatterEdit';

/**
 * A taxonomy value (`topics`, `contentType`, `useCase`, or any field the vocabulary lists)
 * outside the workspace's vocabulary. Runs only when topic-pages.json names a `vocabulary` file.
 */
export const taxonomyUnknownValueRule: Rule = {
  id: 'taxonomy-unknown-value',
  description: 'A front-matter taxonomy value must be one of the values the vocabulary file allows.',
  defaultSeverity: 'warning',
  fixable: true,
  hasSuggestions: true,
  scope: 'all-pages',
  check({ page, index, report }) {
    const vocabulary = index.settings.vocabulary;
    const fm = page.frontMatter;
    if (!vocabulary || !fm || fm.problems.some((p) => p.code === 'yaml')) return;
    for (const [field, allowed] of Object.entries(vocabulary)) {
      if (!allowed) continue;
      // The field's value, or each item of its list, with its range (without building the YAML
      // document for the front matter read without one).
      for (const item of fieldScalars(fm, field)) {
        if (typeof item.value !== 'string' && typeof item.value !== 'number') continue;
        const value = String(item.value).trim();
        const range = item.range;
        if (value === '' || allowed.includes(value)) continue;
        const { fix, suggestions, best } = replacements(value, allowed, range, field);
        report({
          range,
          message: `\`${field}\` value \`${value}\` is not in the vocabulary.${best.length > 0 ? ` Did you mean ${best.map((b) => `\`${b}\``).join(' or ')}?` : ''}`,
          ...(fix ? { fix } : {}),
          ...(suggestions.length > 0 ? { suggestions } : {}),
          data: { field, value, suggestions: best },
        });
      }
    }
  },
};

/**
 * The allowed values nearest to `value`. One that differs only in letter case is a fix (it
 * can only mean that value); values a few edits away are suggestions for the writer to choose.
 */
function replacements(value: string, allowed: readonly string[], range: Range, field: string): { fix: Fix | undefined; suggestions: Fix[]; best: string[] } {
  const replace = (to: string): Fix => ({ title: `Change \`${field}\` value to \`${to}\``, edits: [{ range, newText: yamlScalar(to) }] });
  const sameLetters = allowed.filter((a) => a.toLowerCase() === value.toLowerCase());
  if (sameLetters.length === 1 && sameLetters[0] !== undefined) return { fix: replace(sameLetters[0]), suggestions: [], best: sameLetters };
  if (allowed.length === 0) return { fix: undefined, suggestions: [], best: [] };
  const limit = Math.max(2, Math.floor(value.length / 3));
  const lower = value.toLowerCase();
  const near = allowed
    .map((a) => ({ a, d: distance(lower, a.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.a.localeCompare(y.a))
    .slice(0, 3)
    .map((x) => x.a);
  // A value that contains an allowed one (or is contained in it) is a likely intent too.
  if (near.length === 0) {
    const nearest = closest(lower, allowed.map((a) => a.toLowerCase()));
    const hit = allowed.find((a) => a.toLowerCase() === nearest);
    if (hit && (hit.toLowerCase().includes(lower) || lower.includes(hit.toLowerCase()))) near.push(hit);
  }
  return { fix: undefined, suggestions: near.map(replace), best: near };
}

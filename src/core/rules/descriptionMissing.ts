import { entry } from '../frontMatter';
import type { Rule } from '../rule';
import { setFrontMatterKey } from './frontMatterEdit';

/** A topic page needs a `description`; the header `<p>` supplies it when present. */
export const descriptionMissingRule: Rule = {
  id: 'description-missing',
  description: 'A topic page must have a non-empty `description` in its front matter.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, report }) {
    const fm = page.frontMatter;
    // With a YAML error the key may be unreadable rather than missing: front-matter-syntax says so.
    if (!fm || fm.problems.some((p) => p.code === 'yaml')) return;
    const description = entry(fm, 'description');
    if (description && typeof description.value === 'string' && description.value.trim() !== '') return;
    // A number, list or map is there but of the wrong type: front-matter-schema reports that, not "empty".
    if (description && description.value !== null && description.value !== undefined && typeof description.value !== 'string') return;
    const intro = page.header?.intro?.text;
    const fix = intro ? setFrontMatterKey(page, 'description', intro, 'Set `description` from the header <p>') : undefined;
    report({
      range: description ? description.keyRange : { start: fm.range.start, end: fm.range.start + 3 },
      message: description ? 'The front matter `description` is empty.' : 'The front matter has no `description`.',
      ...(fix ? { suggestions: [fix] } : {}),
    });
  },
};

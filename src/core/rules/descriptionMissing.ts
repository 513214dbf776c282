import type { Rule } from '../rule';
import { missingKey, setFrontMatterKey } from './frontMatterEdit';

/** A topic page needs a `description`; the header `<p>` supplies it when present. */
export const descriptionMissingRule: Rule = {
  id: 'description-missing',
  description: 'A topic page must have a non-empty `description` in its front matter.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, report }) {
    const missing = missingKey(page, 'description');
    if (!missing) return;
    const intro = page.header?.intro?.text;
    const fix = intro ? setFrontMatterKey(page, 'description', intro, 'Set `description` from the header <p>') : undefined;
    report({ range: missing.range, message: missing.message, ...(fix ? { suggestions: [fix] } : {}) });
  },
};

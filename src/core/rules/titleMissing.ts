import { pageHeading } from '../page';
import type { Rule } from '../rule';
import { missingKey, setFrontMatterKey } from './frontMatterEdit';

/** A topic page needs a `title`; the header `<h1>` supplies it when present. */
export const titleMissingRule: Rule = {
  id: 'title-missing',
  description: 'A topic page must have a non-empty `title` in its front matter.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, report }) {
    const missing = missingKey(page, 'title');
    if (!missing) return;
    // The header `<h1>`, else the page's first Markdown `# Heading`.
    const heading = pageHeading(page);
    const fromHeader = page.header?.title?.text.trim() === heading;
    const fix = heading ? setFrontMatterKey(page, 'title', heading, fromHeader ? 'Set `title` from the header <h1>' : 'Set `title` from the `# heading`') : undefined;
    report({ range: missing.range, message: missing.message, ...(fix ? { suggestions: [fix] } : {}) });
  },
};

import { entry } from '../frontMatter';
import { pageHeading } from '../page';
import type { Rule } from '../rule';
import { setFrontMatterKey } from './frontMatterEdit';

/** A topic page needs a `title`; the header `<h1>` supplies it when present. */
export const titleMissingRule: Rule = {
  id: 'title-missing',
  description: 'A topic page must have a non-empty `title` in its front matter.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, report }) {
    const fm = page.frontMatter;
    // With a YAML error the key may be unreadable rather than missing: front-matter-syntax says so.
    if (!fm || fm.problems.some((p) => p.code === 'yaml')) return;
    const title = entry(fm, 'title');
    if (title && typeof title.value === 'string' && title.value.trim() !== '') return;
    // A number, list or map is there but of the wrong type: front-matter-schema reports that, not "empty".
    if (title && title.value !== null && title.value !== undefined && typeof title.value !== 'string') return;
    // The header `<h1>`, else the page's first Markdown `# Heading`.
    const heading = pageHeading(page);
    const fromHeader = page.header?.title?.text.trim() === heading;
    const fix = heading ? setFrontMatterKey(page, 'title', heading, fromHeader ? 'Set `title` from the header <h1>' : 'Set `title` from the `# heading`') : undefined;
    report({
      range: title ? title.keyRange : { start: fm.range.start, end: fm.range.start + 3 },
      message: title ? 'The front matter `title` is empty.' : 'The front matter has no `title`.',
      ...(fix ? { suggestions: [fix] } : {}),
    });
  },
};

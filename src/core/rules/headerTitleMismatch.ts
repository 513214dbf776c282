import type { Rule } from '../rule';
import { escapeHtml } from './linkTextEmpty';
import { setFrontMatterKey } from './frontMatterEdit';

/** The page header `<h1>` and the front matter `title` name the page differently. */
export const headerTitleMismatchRule: Rule = {
  id: 'header-title-mismatch',
  description: 'The header `<h1>` should match the front matter `title`.',
  defaultSeverity: 'info',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, report }) {
    const h1 = page.header?.title;
    const title = page.title?.trim();
    if (!h1 || !title || h1.text === title.replace(/\s+/g, ' ')) return;
    const toTitle = { title: `Change the <h1> to "${title}"`, edits: [{ range: h1.range, newText: escapeHtml(title) }] };
    const toHeader = setFrontMatterKey(page, 'title', h1.text, `Change the title to "${h1.text}"`);
    report({
      range: h1.range,
      message: `Header <h1> "${h1.text}" differs from the front matter title "${title}".`,
      suggestions: toHeader ? [toTitle, toHeader] : [toTitle],
    });
  },
};

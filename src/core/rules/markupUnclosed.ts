import { walk } from '../html';
import type { Rule } from '../rule';

// Tags whose missing close tag changes how the topic list renders.
const MUST_CLOSE = new Set(['a', 'li', 'ul', 'ol', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'i', 'span', 'section']);

/** `<li>`, `<a>`, `<ul>`... that the parser had to close by itself, and unclosed `<%` tags. */
export const markupUnclosedRule: Rule = {
  id: 'markup-unclosed',
  description: 'HTML elements of the page (`<a>`, `<li>`, `<ul>`, `<div>`, `<p>`...) and EJS tags must be closed explicitly.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, report }) {
    walk(page.elements, (e) => {
      if (MUST_CLOSE.has(e.name) && !e.closedExplicitly && !e.selfClosing) {
        const closedAt = page.lines.positionAt(e.end).line + 1;
        const atEnd = e.end >= page.text.length;
        report({
          range: e.openTag,
          message: `\`<${e.name}>\` is never closed${atEnd ? ' before the end of the file' : `; the browser closes it at line ${closedAt}`}.`,
        });
      }
    });
    for (const tag of page.ejsTags) {
      if (!tag.closed) report({ range: { start: tag.range.start, end: tag.range.start + 2 }, message: 'EJS tag `<%` is never closed with `%>`.' });
    }
  },
};

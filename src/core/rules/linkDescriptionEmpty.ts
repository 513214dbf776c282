import { allTopicLinks } from '../page';
import type { Rule } from '../rule';
import { escapeHtml } from './linkTextEmpty';

/** An empty `<p>` under a topic link shows a gap where the summary belongs. */
export const linkDescriptionEmptyRule: Rule = {
  id: 'link-description-empty',
  description: 'A topic link\'s `<p>` description must not be empty; the fix uses the target page\'s description.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, index, resolve, report }) {
    // Flattened in document order, not recursed: topic lists may nest thousands deep.
    for (const item of allTopicLinks(page.topicLinks)) {
      const d = item.description;
      if (d && d.text === '') {
        const link = item.link;
        report({
          range: { start: d.element.openTag.start, end: d.element.end },
          message: `The description of link "${link?.text || link?.href || '(no link)'}" is empty.`,
          // The target's description, when the workspace is known.
          suggestions: () => {
            const r = link ? resolve(link) : undefined;
            const text = (r?.kind === 'route' && r.target ? index.summary(r.target) : undefined)?.description?.trim();
            if (!text) return [];
            const inner = page.text.slice(d.range.start, d.range.end);
            const indent = page.lines.indentAt(d.element.openTag.start);
            const eol = page.lines.eol;
            // Keep the page's layout: a multi-line <p> gets the text on its own indented line.
            const newText = /[\r\n]/.test(inner) ? `${eol}${indent}  ${escapeHtml(text)}${eol}${indent}` : escapeHtml(text);
            return [{ title: `Use the target's description "${truncate(text)}"`, edits: [{ range: d.range, newText }] }];
          },
        });
      }
    }
  },
};

function truncate(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

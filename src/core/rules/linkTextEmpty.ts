import type { Rule } from '../rule';

/** `<a href="/x"></a>` renders as nothing a reader can click. */
export const linkTextEmptyRule: Rule = {
  id: 'link-text-empty',
  description: 'A link must have visible text; the fix uses the target page\'s title.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, index, resolve, report }) {
    for (const link of page.links) {
      if (link.kind === 'include' || link.text.trim() !== '') continue;
      if (link.kind === 'html' && /<(img|svg|i)\b/i.test(page.text.slice(link.textRange.start, link.textRange.end))) continue;
      report({
        range: link.kind === 'html' && link.element ? { start: link.element.openTag.start, end: link.element.end } : link.range,
        message: `Link to \`${link.href}\` has no text.`,
        // The target's title, when the workspace is known.
        suggestions: () => {
          // An <a> the parser closed on its own (no </a>) has no reliable content range: text put
          // there may land outside the link, and the fix would be offered again after applying it.
          if (link.kind === 'html' && !link.element?.closedExplicitly) return [];
          const r = resolve(link);
          const title = (r.kind === 'route' && r.target ? index.summary(r.target) : undefined)?.title?.trim();
          return title ? [{ title: `Use the target's title "${title}"`, edits: [{ range: link.textRange, newText: escapeHtml(title) }] }] : [];
        },
      });
    }
  },
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

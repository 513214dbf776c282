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
      const r = resolve(link);
      const target = r.kind === 'route' && r.target ? index.summary(r.target) : undefined;
      // An <a> the parser closed on its own (no </a>) has no reliable content range: text put
      // there may land outside the link, and the fix would be offered again after applying it.
      const title = link.kind === 'html' && !link.element?.closedExplicitly ? undefined : target?.title?.trim();
      report({
        range: link.kind === 'html' && link.element ? { start: link.element.openTag.start, end: link.element.end } : link.range,
        message: `Link to \`${link.href}\` has no text.`,
        ...(title ? { suggestions: [{ title: `Use the target's title "${title}"`, edits: [{ range: link.textRange, newText: escapeHtml(title) }] }] } : {}),
      });
    }
  },
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

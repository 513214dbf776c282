import type { Rule } from '../rule';
import { escapeHtml } from './linkTextEmpty';

/**
 * Inside an HTML block (from a line opening a block tag to the next blank line)
 * Markdown is not processed: `[text](/route)` is printed as typed.
 */
export const markdownLinkInHtmlRule: Rule = {
  id: 'markdown-link-in-html',
  description: 'A Markdown link inside an HTML block is printed literally; write it as `<a href>`.',
  defaultSeverity: 'warning',
  fixable: true,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, report }) {
    for (const m of page.literalMarkdownLinks) {
      const html = `<a href="${m.href.replace(/"/g, '&quot;')}">${escapeHtml(m.text)}</a>`;
      report({
        range: m.range,
        message: `Markdown link \`[${m.text}](${m.href})\` is inside an HTML block, where it is printed as typed, not rendered as a link.`,
        fix: { title: `Convert to ${html}`, edits: [{ range: m.range, newText: html }] },
      });
    }
  },
};

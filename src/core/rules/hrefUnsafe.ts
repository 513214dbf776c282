import type { Rule } from '../rule';

/** Script and data URLs in documentation links run code or smuggle content. */
export const hrefUnsafeRule: Rule = {
  id: 'href-unsafe',
  description: 'Links must not use `javascript:`, `data:`, `vbscript:` or `file:` URLs.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, resolve, report }) {
    for (const link of page.links) {
      const r = resolve(link);
      if (r.kind === 'unsafe') report({ range: link.hrefRange, message: `Unsafe \`${r.scheme}:\` URL in a link: documentation links must not run code or embed data.` });
    }
  },
};

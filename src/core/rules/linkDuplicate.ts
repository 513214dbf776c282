import type { Rule } from '../rule';

/** The same target linked twice from one page's topic list. */
export const linkDuplicateRule: Rule = {
  id: 'link-duplicate',
  description: 'A topic page should link to each route once.',
  defaultSeverity: 'info',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, resolve, report }) {
    const seen = new Map<string, number>();
    for (const link of page.links) {
      const r = resolve(link);
      let key: string | undefined;
      if (r.kind === 'route') key = `${r.route}#${r.fragment ?? ''}`;
      else if (r.kind === 'article') key = `${r.target ?? r.key}#`;
      else if (r.kind === 'external') key = link.href.trim();
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, link.range.start);
        continue;
      }
      report({
        range: link.hrefRange,
        message: `\`${link.href.trim()}\` is already linked on line ${page.lines.positionAt(first).line + 1}.`,
      });
    }
  },
};

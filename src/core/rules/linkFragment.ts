import type { Rule } from '../rule';
import { slugify } from '../markdown';

/** `/page#section` where the page has no heading or id `section`. */
export const linkFragmentRule: Rule = {
  id: 'link-fragment',
  description: 'A link\'s `#fragment` must name a heading or id on the target page.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, index, resolve, report }) {
    for (const link of page.links) {
      const r = resolve(link);
      let fragment: string | undefined;
      let anchors: ReadonlySet<string> | undefined;
      let where = '';
      if (r.kind === 'fragment') {
        fragment = r.fragment;
        anchors = page.anchors;
        where = 'this page';
      } else if (r.kind === 'route' && r.target && r.fragment) {
        fragment = r.fragment;
        anchors = index.summary(r.target)?.anchors;
        where = `\`${r.target}\``;
      }
      if (!fragment || !anchors || anchors.has(fragment) || anchors.has(slugify(fragment))) continue;
      const hash = link.href.indexOf('#');
      const start = hash >= 0 ? link.hrefRange.start + hash : link.hrefRange.start;
      const near = [...anchors].filter((a) => a.includes(fragment.toLowerCase()) || fragment.toLowerCase().includes(a)).slice(0, 3);
      report({
        range: { start, end: link.hrefRange.end },
        message: `No heading or id \`${fragment}\` on ${where}.${near.length ? ` Did you mean ${near.map((n) => `\`#${n}\``).join(' or ')}?` : ''}`,
        data: { fragment },
      });
    }
  },
};

import type { Rule } from '../rule';
import { rewriteHref } from './linkBroken';

/**
 * `tokens/id-token` resolves against the page's own route, so it changes
 * meaning when the page moves, and often was meant as `/tokens/id-token`.
 */
export const linkRelativeRule: Rule = {
  id: 'link-relative',
  description: 'Links to site pages should be root-relative (`/a/b`): a relative href resolves against the page\'s own route.',
  defaultSeverity: 'warning',
  fixable: true,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, resolve, report }) {
    for (const link of page.links) {
      if (link.kind === 'include') continue;
      const r = resolve(link);
      if (r.kind !== 'route' || !r.relative) continue;
      const rooted = resolve({ ...link, href: '/' + link.href.trim() });
      if (r.target) {
        report({
          range: link.hrefRange,
          message: `Relative href \`${link.href.trim()}\` resolves against this page's route to \`${r.route}\`; write it root-relative.`,
          fix: { title: `Change to ${r.route}`, edits: [{ range: link.hrefRange, newText: rewriteHref(link.href, r.route, undefined) }] },
        });
      } else if (rooted.kind === 'route' && rooted.target) {
        report({
          range: link.hrefRange,
          message: `Relative href \`${link.href.trim()}\` resolves to \`${r.route}\`, which has no page; the root-relative \`${rooted.route}\` does.`,
          // A different destination: the author decides (a suggestion, never applied by --fix).
          suggestions: [{ title: `Change to ${rooted.route}`, edits: [{ range: link.hrefRange, newText: rewriteHref(link.href, rooted.route, undefined) }] }],
        });
      }
    }
  },
};

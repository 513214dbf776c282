import { allTopicLinks } from '../page';
import type { Rule } from '../rule';

/** An `<li>` in a topic list with nothing to click. */
export const itemMissingLinkRule: Rule = {
  id: 'item-missing-link',
  description: 'Each `<li>` of a `ul.topic-links` list must contain an `<a>` link.',
  defaultSeverity: 'warning',
  fixable: false,
  scope: 'topic-pages',
  check({ page, report }) {
    for (const item of allTopicLinks(page.topicLinks)) {
      if (item.item && !item.link) {
        const label = page.text.slice(item.item.openTag.end, Math.min(item.item.contentEnd, item.item.openTag.end + 200)).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
        report({ range: item.item.openTag, message: `Topic list item${label ? ` "${label.slice(0, 60)}"` : ''} has no \`<a>\` link.` });
      }
    }
  },
};

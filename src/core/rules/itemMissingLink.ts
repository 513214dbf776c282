import { allTopicLinks, topicItemLabel } from '../page';
import type { Rule } from '../rule';

/** An `<li>` in a topic list with nothing to click. */
export const itemMissingLinkRule: Rule = {
  id: 'item-missing-link',
  description: 'Each `<li>` of a `ul.topic-links` list must contain an `<a>` link.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, report }) {
    for (const item of allTopicLinks(page.topicLinks)) {
      if (item.item && !item.link) {
        const label = topicItemLabel(item, page.text);
        report({ range: item.item.openTag, message: `Topic list item${label ? ` "${label}"` : ''} has no \`<a>\` link.` });
      }
    }
  },
};

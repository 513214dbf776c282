import { allTopicLinks } from '../page';
import type { Rule } from '../rule';

/** `<a href="">`, `href="  "`, `href="#"`, and a topic link `<a>` without href lead nowhere. */
export const hrefEmptyRule: Rule = {
  id: 'href-empty',
  description: 'A link must have an href that leads somewhere: not empty, blank or a bare `#`.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, report }) {
    for (const link of page.links) {
      if (link.kind === 'include') continue;
      const href = link.href.trim();
      if (href !== '' && href !== '#') continue;
      const what = href === '#' ? 'points to `#`, which leads nowhere' : 'has an empty href';
      report({ range: link.hrefAttribute?.range ?? link.hrefRange, message: `Link "${link.text || '(no text)'}" ${what}.` });
    }
    for (const item of allTopicLinks(page.topicLinks)) {
      const link = item.link;
      if (link?.kind === 'html' && !link.hrefAttribute && link.element) {
        report({ range: link.element.openTag, message: `Link "${link.text || '(no text)'}" has no href.` });
      }
    }
  },
};

import { entry } from '../frontMatter';
import type { Rule } from '../rule';
import { setFrontMatterKey } from './frontMatterEdit';

/** Topic-link markup on a page whose front matter does not say `classes: topic-page`. */
export const topicPageClassMissingRule: Rule = {
  id: 'topic-page-class-missing',
  description: 'A page with a `ul.topic-links` list must declare `classes: topic-page`, or the site renders it as a plain article.',
  defaultSeverity: 'warning',
  fixable: true,
  scope: 'all-pages',
  check({ page, report }) {
    // Partials (`_includes/_topic-links.md`) render lists for the pages that include them.
    if (page.isTopicPage || page.topicLists.length === 0 || page.path.split('/').some((s) => s.startsWith('_'))) return;
    const list = page.topicLists[0];
    if (!list) return;
    const classes = entry(page.frontMatter, 'classes');
    let fix;
    if (!page.frontMatter) {
      const eol = page.lines.eol;
      fix = { title: 'Add front matter with `classes: topic-page`', edits: [{ range: { start: page.bodyStart, end: page.bodyStart }, newText: `---${eol}classes: topic-page${eol}---${eol}` }] };
    } else if (classes && typeof classes.value === 'string' && classes.valueRange) {
      fix = { title: 'Add `topic-page` to `classes`', edits: [{ range: { start: classes.valueRange.end, end: classes.valueRange.end }, newText: ' topic-page' }] };
    } else if (!classes) {
      fix = setFrontMatterKey(page, 'classes', 'topic-page', 'Add `classes: topic-page`');
    }
    report({
      range: list.openTag,
      message: 'This page has a `topic-links` list but its front matter does not declare `classes: topic-page`.',
      ...(fix ? { fix } : {}),
    });
  },
};

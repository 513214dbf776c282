import { entry } from '../frontMatter';
import type { Rule } from '../rule';
import { setFrontMatterKey, yamlScalar } from './frontMatterEdit';

/** Topic-link markup on a page whose front matter does not say `classes: topic-page`. */
export const topicPageClassMissingRule: Rule = {
  id: 'topic-page-class-missing',
  description: 'A page with a `ul.topic-links` list must declare `classes: topic-page`, or the site renders it as a plain article.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: true,
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
    } else if (page.frontMatter.problems.length > 0) {
      // With a YAML error the value's extent is a guess: an edit there would not be read back.
      fix = undefined;
    } else if (classes && typeof classes.value === 'string' && classes.valueRange) {
      const r = classes.valueRange;
      const quote = page.text[r.start];
      if (quote === '"' || quote === "'") {
        // `"foo" topic-page` is not YAML: write the whole value again, quoted as needed.
        fix = { title: 'Add `topic-page` to `classes`', edits: [{ range: r, newText: yamlScalar(`${classes.value} topic-page`.trim()) }] };
      } else if (quote !== '|' && quote !== '>') {
        fix = { title: 'Add `topic-page` to `classes`', edits: [{ range: { start: r.end, end: r.end }, newText: ' topic-page' }] };
      }
    } else if (!classes) {
      fix = setFrontMatterKey(page, 'classes', 'topic-page', 'Add `classes: topic-page`');
    }
    report({
      range: list.openTag,
      message: 'This page has a `topic-links` list but its front matter does not declare `classes: topic-page`.',
      ...(fix ? { suggestions: [fix] } : {}),
    });
  },
};

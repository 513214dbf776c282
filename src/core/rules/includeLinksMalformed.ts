import type { Rule } from '../rule';

/** A `_topic-links` include whose `links: [...]` array will not run (a missing comma, an unquoted item). */
export const includeLinksMalformedRule: Rule = {
  id: 'include-links-malformed',
  description: 'The `links` array of a `_topic-links` include must be a comma-separated list of quoted article paths.',
  defaultSeverity: 'error',
  fixable: true,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, report }) {
    for (const inc of page.includes) {
      for (const problem of inc.linkProblems) {
        report({
          range: problem.range,
          message: problem.message,
          ...(problem.insert ? { fix: { title: 'Insert the missing comma', edits: [{ range: { start: problem.insert.at, end: problem.insert.at }, newText: problem.insert.text }] } } : {}),
        });
      }
    }
  },
};

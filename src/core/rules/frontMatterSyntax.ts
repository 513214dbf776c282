import type { Rule } from '../rule';

/** Unclosed front matter, YAML syntax errors and front matter that is not a mapping. */
export const frontMatterSyntaxRule: Rule = {
  id: 'front-matter-syntax',
  description: 'Front matter must be closed by `---` and be valid YAML mapping keys to values.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: false,
  scope: 'all-pages',
  check({ page, report }) {
    for (const problem of page.frontMatter?.problems ?? []) report({ range: problem.range, message: problem.message });
  },
};

import type { Rule } from '../rule';

/**
 * Reported by the engine itself, not by `check`: a file that could not be
 * checked (binary, not UTF-8, too large, unreadable). Listed as a rule so it
 * has an id, documentation, a configurable severity and can be suppressed.
 */
export const fileSkippedRule: Rule = {
  id: 'file-skipped',
  description: 'A Markdown file that cannot be checked (binary content, invalid UTF-8, over the size limit, unreadable) is reported once and skipped.',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: false,
  scope: 'all-pages',
  check() {
    // Findings come from checkFileBytes() before any parsing.
  },
};

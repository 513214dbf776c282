import { posix } from 'node:path';
import type { Rule } from '../rule';

/** `<%= include('../_includes/_x') %>` where no such file exists (or the path leaves the workspace). */
export const includeMissingRule: Rule = {
  id: 'include-missing',
  description: 'An EJS `include()` path must resolve, relative to the page, to a file in the workspace.',
  defaultSeverity: 'error',
  fixable: false,
  hasSuggestions: true,
  scope: 'topic-pages',
  check({ page, index, report }) {
    for (const inc of page.includes) {
      if (inc.path.includes('${') || inc.path.trim() === '') continue;
      const r = index.resolveInclude(inc.path, page.path);
      if (r.target) continue;
      if (r.outside) {
        report({ range: inc.pathRange, message: `Include path \`${inc.path}\` leaves the workspace; it is not read.` });
        continue;
      }
      // A near miss: the same name with or without the leading underscore, or one folder up or down.
      const base = posix.basename(inc.path);
      const alt = base.startsWith('_') ? base.slice(1) : `_${base}`;
      const candidates = [posix.join(posix.dirname(inc.path), alt), posix.join('..', inc.path), inc.path.replace(/^\.\.\//, '')];
      const found = candidates.filter((c) => index.resolveInclude(c, page.path).target !== undefined);
      report({
        range: inc.pathRange,
        message: `No file for include \`${inc.path}\` (looked for ${r.tried.map((t) => `\`${t}\``).join(', ')}).${found.length ? ` Did you mean \`${found[0] ?? ''}\`?` : ''}`,
        suggestions: found.map((f) => ({ title: `Change to ${f}`, edits: [{ range: inc.pathRange, newText: f }] })),
      });
    }
  },
};

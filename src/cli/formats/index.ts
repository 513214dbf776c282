/** The report formats of `topic-pages check --format`. */
import { formatJson } from './eslint';
import { formatGithub } from './github';
import type { FileResult, FormatContext } from './results';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

/** The report in the named format. */
export function formatResults(format: FormatName, results: readonly FileResult[], context: FormatContext): string {
  switch (format) {
    case 'json':
      return formatJson(results, context);
    case 'sarif':
      return formatSarif(results, context);
    case 'github':
      return formatGithub(results, { cwd: context.cwd, githubWorkspace: process.env['GITHUB_WORKSPACE'] });
    case 'stylish':
      return formatStylish(results, context.color);
  }
}

export { counts, totals, locate, type Counts, type FileResult, type FormatContext, type Located } from './results';
export { formatStylish } from './stylish';
export { formatJson, rulesMeta, toEslintResults, toEslintFix, type EslintResult, type EslintMessage, type EslintRuleMeta } from './eslint';
export { formatSarif, artifactLocation, SRCROOT } from './sarif';
export { formatGithub, escapeData, escapeProperty } from './github';
export { ruleDoc } from './ruleDocs';

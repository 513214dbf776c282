import { resolve } from 'node:path';
import { allRules } from '../../core/rules';
import { ruleDocsUrl } from '../../core/rule';
import type { Finding, Fix } from '../../core/types';
import { counts, locate, type FileResult, type FormatContext } from './results';

/** An ESLint fix: replace `range` (UTF-16 offsets into `source`) with `text`. */
export interface EslintFix {
  readonly range: [number, number];
  readonly text: string;
}

/** One message of ESLint's `LintResult`. */
export interface EslintMessage {
  readonly ruleId: string;
  /** 2: error; 1: warning or info (ESLint has no third severity). */
  readonly severity: 1 | 2;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fix?: EslintFix;
  readonly suggestions?: readonly { readonly desc: string; readonly fix: EslintFix }[];
}

/** ESLint's `LintResult`, as its formatters read it. */
export interface EslintResult {
  /** Absolute, as ESLint gives it. */
  readonly filePath: string;
  readonly messages: readonly EslintMessage[];
  readonly suppressedMessages: readonly EslintMessage[];
  readonly errorCount: number;
  readonly fatalErrorCount: number;
  readonly warningCount: number;
  readonly fixableErrorCount: number;
  readonly fixableWarningCount: number;
  readonly usedDeprecatedRules: readonly { readonly ruleId: string; readonly replacedBy: readonly string[] }[];
  /** The file's text, given (as ESLint does) when there are messages. */
  readonly source?: string;
}

/** ESLint's rule metadata, as `loadFormatter`'s formatters receive it in `context.rulesMeta`. */
export interface EslintRuleMeta {
  readonly type: 'problem' | 'suggestion' | 'layout';
  readonly docs: { readonly description: string; readonly url: string };
  readonly fixable?: 'code';
  readonly hasSuggestions?: boolean;
}

/** Every rule's metadata by id, for ESLint formatters (`formatter(results, { cwd, rulesMeta })`). */
export function rulesMeta(): Record<string, EslintRuleMeta> {
  const meta: Record<string, EslintRuleMeta> = {};
  for (const rule of allRules) {
    meta[rule.id] = {
      type: rule.defaultSeverity === 'error' ? 'problem' : 'suggestion',
      docs: { description: rule.description, url: ruleDocsUrl(rule.id) },
      ...(rule.fixable ? { fixable: 'code' as const } : {}),
    };
  }
  return meta;
}

/** The results in ESLint's `LintResult[]` shape, so ESLint's formatters can print them. */
export function toEslintResults(results: readonly FileResult[], context: Pick<FormatContext, 'cwd'>): EslintResult[] {
  return results.map((result) => {
    const n = counts(result.findings);
    const messages = locate(result).map((l): EslintMessage => ({
      ruleId: l.finding.ruleId,
      severity: l.finding.severity === 'error' ? 2 : 1,
      message: l.finding.message,
      line: l.line,
      column: l.column,
      endLine: l.endLine,
      endColumn: l.endColumn,
      ...(l.finding.fix && l.finding.fix.edits.length > 0 ? { fix: toEslintFix(l.finding.fix, result.text) } : {}),
      ...(suggestionsOf(l.finding).length > 0 ? { suggestions: suggestionsOf(l.finding).map((s) => ({ desc: s.title, fix: toEslintFix(s, result.text) })) } : {}),
    }));
    return {
      filePath: resolve(context.cwd, result.filePath),
      messages,
      suppressedMessages: [],
      errorCount: n.errors,
      fatalErrorCount: 0,
      warningCount: n.warnings,
      fixableErrorCount: n.fixableErrors,
      fixableWarningCount: n.fixableWarnings,
      usedDeprecatedRules: [],
      ...(messages.length > 0 ? { source: result.text } : {}),
    };
  });
}

/** ESLint's `json` format. */
export function formatJson(results: readonly FileResult[], context: Pick<FormatContext, 'cwd'>): string {
  return JSON.stringify(toEslintResults(results, context)) + '\n';
}

function suggestionsOf(finding: Finding): readonly Fix[] {
  return (finding.suggestions ?? []).filter((s) => s.edits.length > 0);
}

/** ESLint gives one `{range, text}` per fix: several edits become one span, the text between them kept. */
export function toEslintFix(fix: Fix, text: string): EslintFix {
  const edits = [...fix.edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const first = edits[0];
  if (!first) return { range: [0, 0], text: '' };
  let out = '';
  let at = first.range.start;
  for (const e of edits) {
    out += text.slice(at, e.range.start) + e.newText;
    at = Math.max(at, e.range.end);
  }
  return { range: [first.range.start, at], text: out };
}

import { rulesById } from '../core/rules';
import { LineIndex, toLineColumn } from '../core/text';
import type { Finding } from '../core/types';

/** Findings of one file, with the text their ranges refer to. */
export interface FileResult {
  /** Path as shown to the user (relative to the working folder). */
  readonly filePath: string;
  readonly findings: readonly Finding[];
  readonly text: string;
}

interface Located {
  readonly finding: Finding;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

function locate(result: FileResult): Located[] {
  const lines = new LineIndex(result.text);
  return result.findings.map((finding) => ({ finding, ...toLineColumn(lines, finding.range) }));
}

export function counts(results: readonly FileResult[]): { errors: number; warnings: number; infos: number; fixable: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fix) fixable++;
    }
  }
  return { errors, warnings, infos, fixable };
}

/** ESLint-style human output: file, then `line:col  severity  message  rule-id`, then a summary. */
export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    out.push(c('4', result.filePath));
    const located = locate(result);
    const width = Math.max(...located.map((l) => `${l.line}:${l.column}`.length));
    for (const l of located) {
      const sev = l.finding.severity === 'error' ? c('31', 'error  ') : l.finding.severity === 'warning' ? c('33', 'warning') : c('36', 'info   ');
      out.push(`  ${`${l.line}:${l.column}`.padEnd(width)}  ${sev}  ${l.finding.message}  ${c('2', l.finding.ruleId)}`);
    }
    out.push('');
  }
  const n = counts(results);
  const total = n.errors + n.warnings + n.infos;
  if (total === 0) out.push(c('32', '✔ No problems found.'));
  else {
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${n.errors} error${n.errors === 1 ? '' : 's'}, ${n.warnings} warning${n.warnings === 1 ? '' : 's'}${n.infos ? `, ${n.infos} info` : ''})`;
    out.push(c(n.errors ? '31;1' : '33;1', line));
    if (n.fixable) out.push(c('2', `  ${n.fixable} fixable with the \`--fix\` option.`));
  }
  return out.join('\n') + '\n';
}

/** ESLint's JSON formatter shape. */
export function formatJson(results: readonly FileResult[]): string {
  const lines = results.map((result) => {
    const located = locate(result);
    const index = new LineIndex(result.text);
    return {
      filePath: result.filePath,
      messages: located.map((l) => ({
        ruleId: l.finding.ruleId,
        severity: l.finding.severity === 'error' ? 2 : 1,
        message: l.finding.message,
        line: l.line,
        column: l.column,
        endLine: l.endLine,
        endColumn: l.endColumn,
        ...(l.finding.fix ? { fix: toEslintFix(l.finding, index) } : {}),
        ...(l.finding.suggestions?.length ? { suggestions: l.finding.suggestions.map((s) => ({ desc: s.title, fix: { range: [s.edits[0]?.range.start ?? 0, s.edits[0]?.range.end ?? 0], text: s.edits[0]?.newText ?? '' } })) } : {}),
      })),
      errorCount: located.filter((l) => l.finding.severity === 'error').length,
      warningCount: located.filter((l) => l.finding.severity !== 'error').length,
      fixableErrorCount: located.filter((l) => l.finding.severity === 'error' && l.finding.fix).length,
      fixableWarningCount: located.filter((l) => l.finding.severity !== 'error' && l.finding.fix).length,
    };
  });
  return JSON.stringify(lines, null, 2) + '\n';
}

/** ESLint gives one `{range, text}` per fix; several edits are merged into one span. */
function toEslintFix(finding: Finding, index: LineIndex): { range: [number, number]; text: string } {
  const edits = [...(finding.fix?.edits ?? [])].sort((a, b) => a.range.start - b.range.start);
  const first = edits[0];
  const last = edits[edits.length - 1];
  if (!first || !last) return { range: [0, 0], text: '' };
  let text = '';
  let at = first.range.start;
  for (const e of edits) {
    text += index.text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return { range: [first.range.start, last.range.end], text };
}

/** SARIF 2.1.0 for code-scanning services. */
export function formatSarif(results: readonly FileResult[], version: string): string {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'topic-pages',
            version,
            informationUri: 'https://www.npmjs.com/package/topic-pages',
            rules: used.map((id) => ({
              id,
              shortDescription: { text: rulesById.get(id)?.description ?? id },
              helpUri: `docs/rules/${id}.md`,
              defaultConfiguration: { level: sarifLevel(rulesById.get(id)?.defaultSeverity ?? 'warning') },
            })),
          },
        },
        results: results.flatMap((r) =>
          locate(r).map((l) => ({
            ruleId: l.finding.ruleId,
            ruleIndex: used.indexOf(l.finding.ruleId),
            level: sarifLevel(l.finding.severity),
            message: { text: l.finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.filePath.split('\\').join('/') },
                  region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifLevel(severity: string): 'error' | 'warning' | 'note' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'off' ? 'none' : 'note';
}

import { locate, totals, type Counts, type FileResult } from './results';

/** ESLint-style human output: file, then `line:col  severity  message  rule-id`, then a summary. */
export function formatStylish(results: readonly FileResult[], color: boolean): string {
  return results.map((r) => stylishFile(r, color)).join('') + stylishSummary(totals(results), color);
}

/** One file's part of the stylish report ('' without findings), so a report can be written file by file. */
export function stylishFile(result: FileResult, color: boolean): string {
  if (result.findings.length === 0) return '';
  const c = paint(color);
  const out: string[] = [c('4', result.filePath)];
  const located = locate(result);
  const width = Math.max(...located.map((l) => `${l.line}:${l.column}`.length));
  for (const l of located) {
    const sev = l.finding.severity === 'error' ? c('31', 'error  ') : l.finding.severity === 'warning' ? c('33', 'warning') : c('36', 'info   ');
    out.push(`  ${`${l.line}:${l.column}`.padEnd(width)}  ${sev}  ${l.finding.message}  ${c('2', l.finding.ruleId)}`);
  }
  return out.join('\n') + '\n\n';
}

/** The stylish report's last lines: the totals. */
export function stylishSummary(n: Counts, color: boolean): string {
  const c = paint(color);
  const out: string[] = [];
  const total = n.errors + n.warnings + n.infos;
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (total === 0) out.push(c('32', '✔ No problems found.'));
  else {
    const line = `✖ ${plural(total, 'problem')} (${plural(n.errors, 'error')}, ${plural(n.warnings, 'warning')}${n.infos ? `, ${n.infos} info` : ''})`;
    out.push(c(n.errors ? '31;1' : n.warnings ? '33;1' : '36;1', line));
    const fixable = n.fixableErrors + n.fixableWarnings;
    if (fixable) out.push(c('2', `  ${fixable} fixable with the \`--fix\` option.`));
  }
  return out.join('\n') + '\n';
}

function paint(color: boolean): (code: string, s: string) => string {
  return (code, s) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
}

import { locate, totals, type FileResult } from './results';

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
  const n = totals(results);
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

import { locate, type FileResult } from './results';

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
 * (`warning` → `::warning`, `info` → `::notice`). Paths are as shown to the user, relative to the
 * working folder, which in a workflow is the checked-out repository.
 */
export function formatGithub(results: readonly FileResult[]): string {
  let out = '';
  for (const result of results) {
    const file = result.filePath.split('\\').join('/');
    for (const l of locate(result)) {
      const command = l.finding.severity === 'error' ? 'error' : l.finding.severity === 'warning' ? 'warning' : 'notice';
      const properties = [
        ['file', file],
        ['line', String(l.line)],
        ['col', String(l.column)],
        ['endLine', String(l.endLine)],
        ['endColumn', String(l.endColumn)],
        ['title', `topic-pages(${l.finding.ruleId})`],
      ];
      out += `::${command} ${properties.map(([k, v]) => `${k}=${escapeProperty(v ?? '')}`).join(',')}::${escapeData(`${l.finding.message} (${l.finding.ruleId})`)}\n`;
    }
  }
  return out;
}

/** A command's message: `%`, CR and LF escaped (the Actions toolkit's `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,` (the Actions toolkit's `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { locate, type FileResult, type FormatContext } from './results';

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
 * (`warning` → `::warning`, `info` → `::notice`). Paths are relative to `githubWorkspace` (a
 * workflow's GITHUB_WORKSPACE, the checked-out repository, where GitHub looks files up) when the
 * file lies inside it, else as shown to the user.
 */
export function formatGithub(results: readonly FileResult[], context: Pick<FormatContext, 'cwd'> & { readonly githubWorkspace?: string | undefined }): string {
  let out = '';
  for (const result of results) {
    const file = githubPath(result.filePath, context);
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

function githubPath(filePath: string, context: Pick<FormatContext, 'cwd'> & { readonly githubWorkspace?: string | undefined }): string {
  if (context.githubWorkspace) {
    const rel = relative(resolve(context.githubWorkspace), resolve(context.cwd, filePath));
    if (rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return filePath.split(sep).join('/');
}

/** A command's message: `%`, CR and LF escaped (the Actions toolkit's `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,` (the Actions toolkit's `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

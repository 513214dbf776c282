import { LineIndex, toLineColumn } from '../../core/text';
import type { Finding } from '../../core/types';

/** Findings of one file, with the text their ranges refer to. */
export interface FileResult {
  /** Path as shown to the user: relative to the working folder, or absolute when outside it. */
  readonly filePath: string;
  readonly findings: readonly Finding[];
  readonly text: string;
}

/** What every format needs besides the results. */
export interface FormatContext {
  /** The working folder: `filePath`s are relative to it. */
  readonly cwd: string;
  /** The workspace root: SARIF locations are relative to it. */
  readonly root: string;
  /** The CLI's version, for SARIF's tool description. */
  readonly version: string;
  /** Colours for the human format. */
  readonly color: boolean;
}

/** A finding with 1-based lines and UTF-16 columns; the end is exclusive, as in ESLint and SARIF. */
export interface Located {
  readonly finding: Finding;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function locate(result: FileResult): Located[] {
  const lines = new LineIndex(result.text);
  return result.findings.map((finding) => ({ finding, ...toLineColumn(lines, finding.range) }));
}

/** The problem counts every format and the exit code use. */
export interface Counts {
  readonly errors: number;
  /** `warning` findings. `info` findings are not among them: they never fail a run, `--max-warnings` included. */
  readonly warnings: number;
  /** `info` findings (counted apart; ESLint's shape shows them as severity-1 messages outside `warningCount`). */
  readonly infos: number;
  readonly fixableErrors: number;
  readonly fixableWarnings: number;
}

/** The single source of the counts: the formats' totals and `--max-warnings` both read these. */
export function counts(findings: Iterable<Finding>): Counts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const f of findings) {
    const fixable = f.fix !== undefined && f.fix.edits.length > 0;
    if (f.severity === 'error') {
      errors++;
      if (fixable) fixableErrors++;
    } else if (f.severity === 'warning') {
      warnings++;
      if (fixable) fixableWarnings++;
    } else infos++;
  }
  return { errors, warnings, infos, fixableErrors, fixableWarnings };
}

/** Counts over every file's findings. */
export function totals(results: readonly FileResult[]): Counts {
  return counts(results.flatMap((r) => r.findings));
}

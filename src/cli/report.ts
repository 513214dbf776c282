// The report of `check`, written file by file: the JSON and stylish formats stream each file's
// part as soon as its findings are known (in path order), so a large workspace's report never
// sits whole in memory with every page's text; SARIF and GitHub's format need every result first.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { counts, formatResults, toEslintResults, type Counts, type FileResult, type FormatContext, type FormatName } from './formatters';
import { stylishFile, stylishSummary } from './formats/stylish';

/** Where a report goes: the `-o` file (its folders created, opened at the first write) or stdout. */
export class ReportOutput {
  private parts: string[] = [];
  private size = 0;
  private fd: number | undefined;
  private failed: string | undefined;

  constructor(private readonly file: string | undefined, private readonly stdout: (text: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }

  /** Writes what is left; the error message when the file could not be written. */
  close(): string | undefined {
    this.flush(true);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return this.failed;
  }

  private flush(last = false): void {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.file === undefined) {
      if (text !== '') this.stdout(text);
      return;
    }
    if (this.failed !== undefined || (text === '' && !last)) return;
    try {
      if (this.fd === undefined) {
        mkdirSync(dirname(this.file), { recursive: true });
        this.fd = openSync(this.file, 'w');
      }
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (error) {
      this.failed = (error as Error).message;
    }
  }
}

/** Takes the results one file at a time, in path order; `end` writes the rest and gives the totals. */
export class Report {
  private readonly kept: FileResult[] = [];
  private n: Counts = { errors: 0, warnings: 0, infos: 0, fixableErrors: 0, fixableWarnings: 0 };
  private files = 0;

  constructor(private readonly format: FormatName, private readonly context: FormatContext, private readonly out: ReportOutput) {}

  add(result: FileResult): void {
    const c = counts(result.findings);
    this.n = {
      errors: this.n.errors + c.errors,
      warnings: this.n.warnings + c.warnings,
      infos: this.n.infos + c.infos,
      fixableErrors: this.n.fixableErrors + c.fixableErrors,
      fixableWarnings: this.n.fixableWarnings + c.fixableWarnings,
    };
    if (this.format === 'json') {
      // JSON.stringify of the whole array, one element at a time.
      this.out.write((this.files === 0 ? '[' : ',') + JSON.stringify(toEslintResults([result], this.context)[0]));
    } else if (this.format === 'stylish') {
      this.out.write(stylishFile(result, this.context.color));
    } else this.kept.push(result);
    this.files++;
  }

  /** Writes the end of the report; the totals and, when the file could not be written, why. */
  end(): { totals: Counts; error: string | undefined } {
    if (this.format === 'json') this.out.write(this.files === 0 ? '[]\n' : ']\n');
    else if (this.format === 'stylish') this.out.write(stylishSummary(this.n, this.context.color));
    else this.out.write(formatResults(this.format, this.kept, this.context));
    return { totals: this.n, error: this.out.close() };
  }
}

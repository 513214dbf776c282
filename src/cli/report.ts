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

/** The formats whose report is written file by file, as each file's findings are known. */
export type StreamedFormat = 'json' | 'stylish';

export function isStreamed(format: FormatName): format is StreamedFormat {
  return format === 'json' || format === 'stylish';
}

/** One file's part of a streamed report (a worker thread formats its own files' parts). */
export function filePart(format: StreamedFormat, result: FileResult, context: FormatContext): string {
  // JSON: one element of the array that JSON.stringify of the whole would give.
  return format === 'json' ? JSON.stringify(toEslintResults([result], context)[0]) : stylishFile(result, context.color);
}

/** Takes the results one file at a time, in path order; `end` writes the rest and gives the totals. */
export class Report {
  private readonly kept: FileResult[] = [];
  private n: Counts = { errors: 0, warnings: 0, infos: 0, fixableErrors: 0, fixableWarnings: 0 };
  private files = 0;

  constructor(readonly format: FormatName, readonly context: FormatContext, private readonly out: ReportOutput) {}

  add(result: FileResult): void {
    if (isStreamed(this.format)) this.addPart(filePart(this.format, result, this.context), counts(result.findings));
    else {
      this.count(counts(result.findings));
      this.kept.push(result);
      this.files++;
    }
  }

  /** A file's part formatted already (`filePart`, in a streamed format), with its counts. */
  addPart(part: string, c: Counts): void {
    this.count(c);
    this.out.write(this.format === 'json' ? (this.files === 0 ? '[' : ',') + part : part);
    this.files++;
  }

  private count(c: Counts): void {
    this.n = {
      errors: this.n.errors + c.errors,
      warnings: this.n.warnings + c.warnings,
      infos: this.n.infos + c.infos,
      fixableErrors: this.n.fixableErrors + c.fixableErrors,
      fixableWarnings: this.n.fixableWarnings + c.fixableWarnings,
    };
  }

  /** Writes the end of the report; the totals and, when the file could not be written, why. */
  end(): { totals: Counts; error: string | undefined } {
    if (this.format === 'json') this.out.write(this.files === 0 ? '[]\n' : ']\n');
    else if (this.format === 'stylish') this.out.write(stylishSummary(this.n, this.context.color));
    else this.out.write(formatResults(this.format, this.kept, this.context));
    return { totals: this.n, error: this.out.close() };
  }
}

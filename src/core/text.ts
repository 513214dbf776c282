import type { Range } from './types';

/** A zero-based line and UTF-16 column, as editors count them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/**
 * Converts offsets to positions and back. Lines end at `\n`, `\r\n` or a lone
 * `\r`, the way VS Code counts them, so CRLF files report the same lines.
 */
export class LineIndex {
  private lineStarts: number[] | undefined;

  /** The line starts are found on first use: most pages never need a position. */
  constructor(readonly text: string) {}

  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
  }

  /** Offset just past the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] ?? this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] ?? 0) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line] ?? 0;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** The line break this text mostly uses, for inserting new lines. */
  get eol(): string {
    const crlf = this.text.indexOf('\r\n');
    return crlf >= 0 ? '\r\n' : '\n';
  }

  /** Leading whitespace of the line that holds `offset`. */
  indentAt(offset: number): string {
    const line = this.positionAt(offset).line;
    const start = this.lineStart(line);
    let i = start;
    while (i < this.text.length && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return this.text.slice(start, i);
  }
}

/** Start and end of `r` as one-based line and column, for reports. */
export function toLineColumn(index: LineIndex, r: Range): { line: number; column: number; endLine: number; endColumn: number } {
  const s = index.positionAt(r.start);
  const e = index.positionAt(r.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/**
 * `s` as a string of its own, sharing no memory with the text it was cut from. JavaScript engines
 * keep a slice of a long string as a pointer into it (V8 does from 13 characters), so one title or
 * href kept in the index would keep its whole page text alive: tens of megabytes in a workspace of
 * thousands of pages. Copying is cheap for the short strings the index keeps; short ones are
 * already copies.
 */
export function detached(s: string): string;
export function detached(s: string | undefined): string | undefined;
export function detached(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : internalized(s);
}

/**
 * The same characters as one flat string, kept once however many times it is kept (V8 internalizes
 * a property name: a copy in its string table, shared by every equal name). For strings an index
 * keeps for the session: a string built by `+` or a template is a tree of its parts (32 bytes a node,
 * the parts kept alive), and a slice keeps the text it was cut from.
 */
export function internalized(s: string): string {
  NAMES[s] = 0;
  for (const name in NAMES) {
    delete NAMES[s];
    return name;
  }
  return s;
}

/** Holds one name at a time, for `internalized`. */
const NAMES: Record<string, number> = Object.create(null) as Record<string, number>;

/** A half-open span of UTF-16 offsets into a document's text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Replace `range` of the original text with `newText`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A fix is data: a title a user can choose and the edits it makes. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** One problem a rule found in one document. */
export interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range: Range;
  /** The preferred, safe fix applied by "fix all" and `--fix`. */
  readonly fix?: Fix;
  /** Other edits the user may choose (never applied automatically). */
  readonly suggestions?: readonly Fix[];
  /** Machine-readable detail, e.g. the resolved route or suggested routes. */
  readonly data?: Readonly<Record<string, string | readonly string[]>>;
}

export function range(start: number, end: number): Range {
  return { start, end };
}

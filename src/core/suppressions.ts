import type { Range } from './types';

/**
 * Inline switches, in HTML comments (`<!-- topic-pages-disable-next-line rule-id -->`)
 * or YAML comments inside front matter (`# topic-pages-disable-next-line rule-id`):
 * `disable` (until `enable` or the end of the file), `enable`, `disable-line`,
 * `disable-next-line`. No rule ids means every rule.
 */
export interface Suppressions {
  /** True when `ruleId` is switched off at `line` (zero-based). */
  isSuppressed(ruleId: string, line: number): boolean;
  readonly comments: readonly { readonly range: Range; readonly kind: string; readonly rules: readonly string[] }[];
}

const COMMENT = /(?:<!--|#)[ \t]*topic-pages-(disable-next-line|disable-line|disable|enable)\b([^\r\n]*?)(?:-->|$)/gm;

export function parseSuppressions(text: string): Suppressions {
  if (!text.includes('topic-pages-')) return NONE;
  const comments: { range: Range; kind: string; rules: string[]; line: number }[] = [];
  let line = 0;
  let lineAt = 0;
  COMMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMMENT.exec(text)) !== null) {
    for (let i = lineAt; i < m.index; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
    }
    lineAt = m.index;
    const rules = (m[2] ?? '').split(/[\s,]+/).filter((r) => r && r !== '--');
    comments.push({ range: { start: m.index, end: m.index + m[0].length }, kind: m[1] ?? '', rules, line });
  }
  const matches = (rules: readonly string[], ruleId: string): boolean => rules.length === 0 || rules.includes(ruleId);
  return {
    comments,
    isSuppressed(ruleId: string, at: number): boolean {
      let disabled = false;
      for (const c of comments) {
        if (c.kind === 'disable-line' && c.line === at && matches(c.rules, ruleId)) return true;
        if (c.kind === 'disable-next-line' && c.line + 1 === at && matches(c.rules, ruleId)) return true;
        if (c.line > at) continue;
        if (c.kind === 'disable' && matches(c.rules, ruleId)) disabled = true;
        if (c.kind === 'enable' && matches(c.rules, ruleId)) disabled = false;
      }
      return disabled;
    },
  };
}

const NONE: Suppressions = { comments: [], isSuppressed: () => false };

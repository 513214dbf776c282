import { parseFrontMatter } from '../frontMatter';
import { LineIndex } from '../text';
import type { TextEdit } from '../types';

const EXISTING = /^([ \t]*)(<!--|#)([ \t]*topic-pages-disable-next-line\b)([^\r\n]*?)([ \t]*-->[ \t]*)?$/;

/**
 * The edit that switches `ruleId` off for the line holding `offset`: a
 * `<!-- topic-pages-disable-next-line id -->` line above it (a `# ...` YAML comment
 * inside front matter), indented like that line, or the id added to such a
 * comment already there. Undefined where no comment can go (the opening `---`)
 * or when the rule is already switched off there.
 */
export function disableNextLineEdit(text: string, offset: number, ruleId: string): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = lines.positionAt(offset).line;
  const frontMatter = parseFrontMatter(text);
  if (frontMatter && line === lines.positionAt(frontMatter.range.start).line) return undefined;
  const inFrontMatter = frontMatter !== undefined && offset >= frontMatter.contentRange.start && offset <= frontMatter.range.end;

  if (line > 0) {
    const prevStart = lines.lineStart(line - 1);
    const previous = text.slice(prevStart, lines.lineEnd(line - 1));
    const m = EXISTING.exec(previous);
    const fits = m && (m[2] === '#') === inFrontMatter && (m[2] === '#' || m[5] !== undefined);
    if (m && fits) {
      const rules = (m[4] ?? '').split(/[\s,]+/).filter(Boolean);
      if (rules.length === 0 || rules.includes(ruleId)) return undefined;
      const at = prevStart + (m[1] ?? '').length + (m[2] ?? '').length + (m[3] ?? '').length + (m[4] ?? '').length;
      return { range: { start: at, end: at }, newText: ` ${ruleId}` };
    }
  }
  const comment = inFrontMatter ? `# topic-pages-disable-next-line ${ruleId}` : `<!-- topic-pages-disable-next-line ${ruleId} -->`;
  const start = lines.lineStart(line);
  return { range: { start, end: start }, newText: lines.indentAt(start) + comment + lines.eol };
}

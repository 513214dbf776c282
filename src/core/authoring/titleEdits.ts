import { allTopicLinks, parsePage } from '../page';
import { plainText } from '../html';
import type { Range, TextEdit } from '../types';
import type { WorkspaceIndex } from '../workspace';

/** A page's text, by path. */
export interface PageText {
  readonly path: string;
  readonly text: string;
}

/** The edits to one page. */
export interface PageEdits {
  readonly path: string;
  readonly edits: readonly TextEdit[];
}

/** Which front-matter value changed: the link text follows `title`, the `<p>` follows `description`. */
export type TitleChange = { readonly oldTitle: string } | { readonly oldDescription: string };

/**
 * When the page at `targetPath` changes its `title` (or `description`), the edits that carry
 * the new value into the topic links to it on every page: the links whose text equals the old
 * title (or whose `<p>` equals the old description), compared as the reader sees them (tags
 * dropped, entities decoded, white space folded). Links whose text differs on purpose are left
 * alone. Links are matched by where they resolve, through the index (routes, `url:`, redirects).
 * Include keys show the target's title themselves and need no edit.
 */
export function titleChangeEdits(index: WorkspaceIndex, pages: readonly PageText[], targetPath: string, change: TitleChange, newValue: string): PageEdits[] {
  const isTitle = 'oldTitle' in change;
  const old = fold(isTitle ? change.oldTitle : change.oldDescription);
  if (old === '' || fold(newValue) === old) return [];
  const out: PageEdits[] = [];
  for (const { path, text } of pages) {
    const page = parsePage(path, text);
    const edits: TextEdit[] = [];
    for (const t of allTopicLinks(page.topicLinks)) {
      const link = t.link;
      if (!link || link.kind !== 'html') continue;
      const r = index.resolve(link, path);
      if ((r.kind !== 'route' && r.kind !== 'article') || r.target !== targetPath) continue;
      if (isTitle) {
        if (fold(link.text) === old) edits.push(replaceKeepingSpace(text, link.textRange, newValue));
      } else if (t.description && fold(t.description.text) === old) {
        edits.push(replaceKeepingSpace(text, t.description.range, newValue));
      }
    }
    if (edits.length > 0) out.push({ path, edits });
  }
  return out;
}

/**
 * Replaces the content of `range` with `value`, keeping the white space that opens and closes it:
 * a `<p>` written over several lines keeps its line breaks and indentation around the new text.
 */
function replaceKeepingSpace(text: string, range: Range, value: string): TextEdit {
  const content = text.slice(range.start, range.end);
  const lead = /^\s*/.exec(content)?.[0].length ?? 0;
  const trail = content.length - lead === 0 ? 0 : (/\s*$/.exec(content)?.[0].length ?? 0);
  return { range: { start: range.start + lead, end: range.end - trail }, newText: escapeText(value) };
}

function fold(s: string): string {
  return plainText(s);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

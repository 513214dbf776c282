/**
 * A markdown-it plugin that renders a topic page the way the site shows it: template
 * syntax (EJS tags, includes, `${placeholders}`) rendered instead of printed, the
 * `_topic-links` include expanded into its list, links checked against the workspace.
 *
 *   md.use(topicPagesPreview, context)
 *
 * VS Code's Markdown preview calls an extension's `extendMarkdownIt(md)`; the extension
 * returns `md.use(topicPagesPreview, context)`. Rendering is synchronous, so `context`
 * answers from what it already knows (see PreviewContext).
 */
import type MarkdownIt from 'markdown-it';
import { parseFrontMatter } from '../core/frontMatter';
import { findPlaceholders } from '../core/templates';
import type { PreviewContext } from './context';
import { escapeHtml, placeholderChip, renderTags, rewriteHtml, unclosedChip, type Scope } from './render';

/** An inline HTML token that opens a script element. */
const SCRIPT_START = /^<script(?=[\s/>]|$)/i;

type Token = MarkdownIt.Token;
type RenderRule = MarkdownIt.Renderer.RenderRule;

export function topicPagesPreview(md: MarkdownIt, context: PreviewContext): void {
  /** The scope of each render, by its `env` object; null when the document is not a page. */
  const scopes = new WeakMap<object, Scope | null>();

  const scopeOf = (env: unknown): Scope | undefined => {
    if (typeof env !== 'object' || env === null) return undefined;
    const known = scopes.get(env);
    if (known !== undefined) return known ?? undefined;
    let path: string | undefined;
    try {
      path = context.pathOf(env);
    } catch {
      path = undefined;
    }
    const scope = path === undefined ? null : makeScope(path, path, [path], env);
    scopes.set(env, scope);
    return scope ?? undefined;
  };

  const makeScope = (page: string, file: string, chain: readonly string[], env: object): Scope => ({
    context,
    page,
    file,
    chain,
    renderInclude(text: string, includedFile: string): string {
      // The included text is part of the page: VS Code's own data in `env` (the document,
      // its images) carries over; the scope says which file the text comes from.
      const childEnv: object = { ...env };
      scopes.set(childEnv, makeScope(page, includedFile, [...chain, includedFile], childEnv));
      const tokens = md.parse(text, childEnv);
      // Its lines are not the page's lines: no source map (VS Code's scroll sync uses it).
      forgetLines(tokens);
      return md.renderer.render(tokens, md.options, childEnv);
    },
  });

  md.block.ruler.before('table', 'topic_pages_front_matter', (state, startLine, _endLine, silent) => {
    if (startLine !== 0 || state.blkIndent !== 0 || !scopeOf(state.env)) return false;
    const first = state.src.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (!state.src.startsWith('---', first)) return false;
    let frontMatter: ReturnType<typeof parseFrontMatter>;
    try {
      frontMatter = parseFrontMatter(state.src);
    } catch {
      // The preview never fails a render: front matter that cannot be read is shown as text.
      return false;
    }
    if (!frontMatter || !frontMatter.closed) return false;
    if (silent) return true;
    let line = startLine + 1;
    while (line < state.lineMax && (state.bMarks[line] ?? Infinity) < frontMatter.range.end) line++;
    const token = state.push('topic_pages_front_matter', '', 0);
    token.map = [startLine, line];
    // Not `hidden`: markdown-it would start the next block with a line break.
    token.block = true;
    state.line = line;
    return true;
  });

  md.block.ruler.before(
    'html_block',
    'topic_pages_ejs',
    (state, startLine, endLine, silent) => {
      if (state.sCount[startLine] === undefined || (state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
      const src = state.src;
      const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
      if (src.charCodeAt(start) !== 0x3c || src.charCodeAt(start + 1) !== 0x25 || !scopeOf(state.env)) return false;
      // One or more tags, separated by blanks, ending a line: the tags make the block.
      let at = start;
      let line = startLine;
      for (;;) {
        const close = src.indexOf('%>', at + 2);
        if (close < 0) return false;
        at = close + 2;
        while (line < endLine && (state.eMarks[line] ?? 0) < at) line++;
        if (line >= endLine) return false;
        const end = state.eMarks[line] ?? 0;
        while (at < end && (src[at] === ' ' || src[at] === '\t')) at++;
        if (at >= end) break;
        if (!src.startsWith('<%', at)) return false;
      }
      if (silent) return true;
      const token = state.push('topic_pages_ejs_block', '', 0);
      token.map = [startLine, line + 1];
      token.content = src.slice(start, state.eMarks[line]);
      token.block = true;
      state.line = line + 1;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote'] },
  );

  md.inline.ruler.before('autolink', 'topic_pages_ejs', (state, silent) => {
    const src = state.src;
    const pos = state.pos;
    if (src.charCodeAt(pos) !== 0x3c || src.charCodeAt(pos + 1) !== 0x25 || !scopeOf(state.env)) return false;
    const close = src.indexOf('%>', pos + 2);
    if (close < 0 || close + 2 > state.posMax) {
      if (!silent) state.push('topic_pages_ejs_unclosed', '', 0);
      state.pos = pos + 2;
      return true;
    }
    if (!silent) state.push('topic_pages_ejs_inline', '', 0).content = src.slice(pos, close + 2);
    state.pos = close + 2;
    return true;
  });

  md.inline.ruler.before('autolink', 'topic_pages_placeholder', (state, silent) => {
    const src = state.src;
    const pos = state.pos;
    if (src.charCodeAt(pos) !== 0x24 || src.charCodeAt(pos + 1) !== 0x7b || !scopeOf(state.env)) return false;
    const lineEnd = src.indexOf('\n', pos);
    const end = lineEnd < 0 || lineEnd > state.posMax ? state.posMax : lineEnd;
    const found = findPlaceholders(src.slice(pos, end), [])[0];
    if (!found || found.start !== 0) return false;
    if (!silent) state.push('topic_pages_placeholder', '', 0).content = src.slice(pos + 2, pos + found.end - 1);
    state.pos = pos + found.end;
    return true;
  });

  const rules = md.renderer.rules;
  rules['topic_pages_front_matter'] = () => '';
  rules['topic_pages_ejs_block'] = (tokens, idx, _options, env) => {
    const scope = scopeOf(env);
    const html = scope ? renderTags(tokenAt(tokens, idx).content, scope) : '';
    return html === '' ? '' : `<div class="tp-ejs">${html}</div>\n`;
  };
  rules['topic_pages_ejs_inline'] = (tokens, idx, _options, env) => {
    const scope = scopeOf(env);
    return scope ? renderTags(tokenAt(tokens, idx).content, scope) : '';
  };
  rules['topic_pages_ejs_unclosed'] = () => unclosedChip();
  rules['topic_pages_placeholder'] = (tokens, idx) => placeholderChip(tokenAt(tokens, idx).content);

  for (const name of ['html_block', 'html_inline'] as const) {
    const previous = rules[name];
    rules[name] = (tokens, idx, options, env, self) => {
      const scope = scopeOf(env);
      const content = tokenAt(tokens, idx).content;
      // A script start tag inside a paragraph is shown as written: where a broken EJS tag took part of
      // the Markdown around it (a link's `[`), a `<script>` that was a link title would otherwise
      // become an element the page as markdown-it reads it does not have (the preview runs no script).
      if (scope && name === 'html_inline' && SCRIPT_START.test(content)) return escapeHtml(content);
      if (scope) return rewriteHtml(content, scope);
      return previous ? previous(tokens, idx, options, env, self) : content;
    };
  }

  const previousLinkOpen: RenderRule | undefined = rules.link_open;
  rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokenAt(tokens, idx);
    const scope = scopeOf(env);
    const href = token.attrGet('href');
    const info = scope && href !== null ? context.lookupRoute(href, scope.page) : undefined;
    if (!info) return previousLinkOpen ? previousLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    // Tokens may be cached and rendered again (VS Code does): change them only while rendering.
    const saved = token.attrs;
    token.attrs = saved ? saved.map(([name, value]) => [name, value]) : null;
    try {
      if (info.broken !== undefined) {
        token.attrSet('data-tp-broken', '');
        token.attrSet('title', info.broken);
      } else {
        if (info.placeholder !== undefined) {
          token.attrSet('data-tp-placeholder', '');
          token.attrSet('title', info.placeholder);
        }
        if (info.href !== undefined && href !== null) {
          token.attrSet('data-tp-route', href);
          token.attrSet('href', info.href);
        }
      }
      return previousLinkOpen ? previousLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    } finally {
      token.attrs = saved;
    }
  };
}

function tokenAt(tokens: readonly Token[], idx: number): Token {
  const token = tokens[idx];
  if (!token) throw new RangeError(`no token ${idx}`);
  return token;
}

/** Drops the source lines of tokens rendered from another file. */
function forgetLines(tokens: readonly Token[]): void {
  for (const token of tokens) {
    token.map = null;
    if (token.children) forgetLines(token.children);
  }
}

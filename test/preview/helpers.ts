/** Renders pages the way VS Code's preview does with the plugin: markdown-it, `html: true`. */
import MarkdownIt from 'markdown-it';
import { Parser } from 'htmlparser2';
import type { UserConfig } from '../../src/core/config';
import type { Engine } from '../../src/core/engine';
import type { IncludeRead, LinkInfo, PreviewContext } from '../../src/preview/context';
import { previewContextFromIndex, topicPagesPreview } from '../../src/preview';
import { engineFor, type MemoryFiles } from '../helpers/memoryHost';

export interface Preview {
  readonly engine: Engine;
  readonly md: MarkdownIt;
  /** The rendered HTML of a workspace page. */
  render(path: string): string;
}

/** The tests' `env`: `{ path }` names the page being rendered. */
export const pathOfEnv = (env: unknown): string | undefined => {
  const path: unknown = typeof env === 'object' && env !== null ? (env as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : undefined;
};

export async function previewOf(files: MemoryFiles, config: UserConfig, before?: (md: MarkdownIt) => void): Promise<Preview> {
  const engine = await engineFor(files, config);
  const md = new MarkdownIt({ html: true });
  before?.(md);
  md.use(topicPagesPreview, previewContextFromIndex(engine.index, { pathOf: pathOfEnv }));
  return { engine, md, render: (path) => md.render(engine.index.text(path) ?? '', { path }) };
}

/** A context with fixed answers, for rendering snippets without a workspace. */
export function stubContext(answers: {
  routes?: Readonly<Record<string, LinkInfo>>;
  keys?: Readonly<Record<string, LinkInfo>>;
  includes?: Readonly<Record<string, IncludeRead>>;
}): PreviewContext {
  return {
    pathOf: pathOfEnv,
    lookupRoute: (href) => answers.routes?.[href],
    lookupKey: (key) => answers.keys?.[key],
    readInclude: (includePath) => answers.includes?.[includePath],
  };
}

/** markdown-it with the plugin over a stub context; renders `text` as the page `page.md`. */
export function snippetRenderer(context: PreviewContext): (text: string) => string {
  const md = new MarkdownIt({ html: true }).use(topicPagesPreview, context);
  return (text) => md.render(text, { path: 'page.md' });
}

/** Every element name and attribute name in `html`, as a browser-grade parser reads it. */
export function elementsOf(html: string): { name: string; attributes: string[] }[] {
  const out: { name: string; attributes: string[] }[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => out.push({ name, attributes: Object.keys(attribs) }) }, { lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  return out;
}

/** The text of every script element in `html`, in order. */
export function scriptsOf(html: string): string[] {
  const out: string[] = [];
  let inScript = false;
  const parser = new Parser({
    onopentag(name) {
      if (name === 'script') {
        inScript = true;
        out.push('');
      }
    },
    ontext(text) {
      if (inScript) out[out.length - 1] += text;
    },
    onclosetag(name) {
      if (name === 'script') inScript = false;
    },
  });
  parser.end(html);
  return out;
}

/**
 * The text a reader sees, entities left as written: text outside script, style, textarea and title.
 * Each tag ends a run of text with a line break, so text on either side of a tag never reads as one
 * (`<` then `</div>` then `%>` is no EJS tag).
 */
export function visibleTextOf(html: string): string {
  const hidden = new Set(['script', 'style', 'textarea', 'title']);
  let depth = 0;
  let out = '';
  const parser = new Parser(
    {
      onopentag(name) {
        if (hidden.has(name)) depth++;
        out += '\n';
      },
      ontext(text) {
        if (depth === 0) out += text;
      },
      onclosetag(name) {
        if (hidden.has(name) && depth > 0) depth--;
        out += '\n';
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return out;
}

/** The anchors of rendered HTML with their attributes and text. */
export function anchorsOf(html: string): { attributes: Record<string, string>; text: string }[] {
  const out: { attributes: Record<string, string>; text: string }[] = [];
  let current: { attributes: Record<string, string>; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'a') out.push((current = { attributes: attribs, text: '' }));
      },
      ontext(text) {
        if (current) current.text += text;
      },
      onclosetag(name) {
        if (name === 'a') current = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return out;
}

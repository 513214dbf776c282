/**
 * The preview's answers for one page, computed where the workspace index lives (the language
 * server) and replayed where markdown-it renders (the editor), which cannot wait for a request.
 *
 * `collectPreviewData` renders the page once with a recording context and keeps every answer the
 * plugin asked for (links, include keys, included texts, also of nested includes), so the editor's
 * context (`previewContextFromData`) answers exactly those questions without the index.
 */
import MarkdownIt from 'markdown-it';
import type { IncludeRead, LinkInfo, PreviewContext } from './context';
import { topicPagesPreview } from './plugin';

/** Answers keyed by `<fromPath>\n<href, key or include path>`; null: the context had no answer. */
export interface PreviewData {
  /** The page's workspace path. */
  readonly path: string;
  readonly routes: Readonly<Record<string, LinkInfo | null>>;
  readonly keys: Readonly<Record<string, LinkInfo | null>>;
  readonly includes: Readonly<Record<string, IncludeRead | null>>;
}

const keyOf = (fromPath: string, name: string): string => `${fromPath}\n${name}`;

/** Every answer `context` gives while the preview renders `text` as the page `path`. */
export function collectPreviewData(context: PreviewContext, path: string, text: string): PreviewData {
  const routes: Record<string, LinkInfo | null> = {};
  const keys: Record<string, LinkInfo | null> = {};
  const includes: Record<string, IncludeRead | null> = {};
  const recording: PreviewContext = {
    pathOf: () => path,
    lookupRoute(href, fromPath) {
      const answer = context.lookupRoute(href, fromPath);
      routes[keyOf(fromPath, href)] = answer ?? null;
      return answer;
    },
    lookupKey(key, fromPath) {
      const answer = context.lookupKey(key, fromPath);
      keys[keyOf(fromPath, key)] = answer ?? null;
      return answer;
    },
    readInclude(includePath, fromPath) {
      const answer = context.readInclude(includePath, fromPath);
      includes[keyOf(fromPath, includePath)] = answer ?? null;
      return answer;
    },
  };
  const md = new MarkdownIt({ html: true });
  md.use(topicPagesPreview, recording);
  try {
    md.render(text, {});
  } catch {
    // The plugin never throws; a markdown-it failure leaves the answers gathered so far.
  }
  return { path, routes, keys, includes };
}

/** A question the data holds no answer for (the page changed since it was collected). */
export interface PreviewMiss {
  readonly kind: 'route' | 'key' | 'include';
  readonly fromPath: string;
  readonly name: string;
}

/**
 * A PreviewContext answering from collected data. `dataOf(env)` gives the data of the document
 * being rendered (undefined: not known, the page renders as plain Markdown); `onMiss` hears of
 * each question the data cannot answer (the answer is then undefined: the link is left as written).
 */
export function previewContextFromData(dataOf: (env: unknown) => PreviewData | undefined, onMiss: (miss: PreviewMiss) => void): PreviewContext {
  let current: PreviewData | undefined;
  const answer = <T>(table: Readonly<Record<string, T | null>> | undefined, kind: PreviewMiss['kind'], fromPath: string, name: string): T | undefined => {
    const key = keyOf(fromPath, name);
    if (!table || !(key in table)) {
      onMiss({ kind, fromPath, name });
      return undefined;
    }
    return table[key] ?? undefined;
  };
  return {
    pathOf(env) {
      current = dataOf(env);
      return current?.path;
    },
    lookupRoute: (href, fromPath) => answer(current?.routes, 'route', fromPath, href),
    lookupKey: (key, fromPath) => answer(current?.keys, 'key', fromPath, key),
    readInclude: (includePath, fromPath) => answer(current?.includes, 'include', fromPath, includePath),
  };
}

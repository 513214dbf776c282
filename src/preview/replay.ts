/**
 * The editor's side of the preview data (src/preview/previewData.ts): a PreviewContext that
 * replays the answers the language server collected. It needs neither markdown-it nor the
 * parser, so the extension loads it at activation and the plugin only when a preview renders.
 */
import type { LinkInfo, IncludeRead, PreviewContext } from './context';

/** Answers keyed by `<fromPath>\n<href, key or include path>`; null: the context had no answer. */
export interface PreviewData {
  /** The page's workspace path. */
  readonly path: string;
  readonly routes: Readonly<Record<string, LinkInfo | null>>;
  readonly keys: Readonly<Record<string, LinkInfo | null>>;
  readonly includes: Readonly<Record<string, IncludeRead | null>>;
}

/** The key of an answer: the page asking, then the href, include key or include path. */
export const keyOf = (fromPath: string, name: string): string => `${fromPath}\n${name}`;

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

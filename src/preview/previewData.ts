/**
 * The preview's answers for one page, computed where the workspace index lives (the language
 * server) and replayed where markdown-it renders (the editor), which cannot wait for a request.
 *
 * `collectPreviewData` renders the page once with a recording context and keeps every answer the
 * plugin asked for (links, include keys, included texts, also of nested includes), so the editor's
 * context (`previewContextFromData`, src/preview/replay.ts) answers exactly those questions without the index.
 */
import MarkdownIt from 'markdown-it';
import type { IncludeRead, LinkInfo, PreviewContext } from './context';
import { topicPagesPreview } from './plugin';
import { keyOf, type PreviewData } from './replay';

export type { PreviewData } from './replay';

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

/** The Markdown preview of topic pages: a markdown-it plugin and the context it asks. */
export type { IncludeRead, LinkInfo, PreviewContext } from './context';
export { currentDocumentOf, previewContextFromIndex, relativeHref, type IndexContextOptions } from './indexContext';
export { topicPagesPreview } from './plugin';

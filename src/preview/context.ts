/**
 * What the preview needs to know about the workspace, asked synchronously while
 * markdown-it renders (rendering cannot wait). An implementation answers from what it
 * already holds; `undefined` means "not known (yet)", and the preview then renders the
 * page as written, without claiming anything about its links.
 */
export interface PreviewContext {
  /**
   * The workspace path (`/`-separated, relative to the workspace root) of the document
   * being rendered, read from markdown-it's `env`; undefined when the document is not a
   * page of a Topic Pages workspace: the plugin then leaves the rendering alone.
   */
  pathOf(env: unknown): string | undefined;
  /** What a link's href, written on the page `fromPath`, leads to; undefined for links the preview leaves alone. */
  lookupRoute(href: string, fromPath: string): LinkInfo | undefined;
  /** What a `_topic-links` include key (an article path such as `tokens/id-token`) leads to. */
  lookupKey(key: string, fromPath: string): LinkInfo | undefined;
  /** The text of an included file, the path written in `include()` being relative to `fromPath`. */
  readInclude(includePath: string, fromPath: string): IncludeRead | undefined;
}

/** Where a link leads, as the preview shows it. */
export interface LinkInfo {
  /** The target page's `title`. */
  readonly title?: string;
  /** The target page's `description`. */
  readonly description?: string;
  /** The href the preview uses instead (a path to the target's file, relative to the page, so a click opens it). */
  readonly href?: string;
  /** Why the link leads nowhere: the preview strikes it through and shows this on hover. */
  readonly broken?: string;
  /** Why the link is a placeholder (`href=""`, `href="#"`): shown dashed, with this on hover. */
  readonly placeholder?: string;
}

/** An include that was read (`path`: the file's workspace path), or why it was not. */
export type IncludeRead = { readonly path: string; readonly text: string } | { readonly missing: string };

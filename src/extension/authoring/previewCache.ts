/**
 * The Markdown preview's knowledge of the workspace, in the editor: the language server's
 * preview data per document, asked once and kept until the page or its links change.
 * Rendering is synchronous: a document with no data yet renders as plain Markdown, the data
 * is asked, and the preview is refreshed when it arrives. Nothing here imports `vscode`.
 */
import type { PreviewContext } from '../../preview/context';
import { previewContextFromData, type PreviewData } from '../../preview/replay';

export interface PreviewCacheHost {
  /** The server's preview data for the document `uri` (null: not a page of a workspace folder). */
  fetch(uri: string): Promise<PreviewData | null>;
  /** The version of the open document `uri` (undefined when it is not open). */
  versionOf(uri: string): number | undefined;
  /** Asks the preview to render again. */
  refresh(): void;
  /** The URI (string) of the document a render is for, from markdown-it's `env`. */
  uriOf(env: unknown): string | undefined;
}

interface Entry {
  readonly data: PreviewData | null;
  /** The document's version when the data was asked. */
  readonly version: number | undefined;
  readonly json: string;
}

export class PreviewCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Documents whose data must be asked again once the current request ends. */
  private readonly again = new Set<string>();
  private rendering: string | undefined;
  readonly context: PreviewContext;

  constructor(private readonly host: PreviewCacheHost) {
    this.context = previewContextFromData(
      (env) => {
        const uri = host.uriOf(env);
        this.rendering = uri;
        if (uri === undefined) return undefined;
        const entry = this.entries.get(uri);
        if (!entry) {
          void this.load(uri);
          return undefined;
        }
        return entry.data ?? undefined;
      },
      () => {
        // The page has a link the data does not answer: it changed since the data was asked.
        const uri = this.rendering;
        if (uri !== undefined && this.entries.get(uri)?.version !== host.versionOf(uri)) void this.load(uri);
      },
    );
  }

  /** The data held for `uri` (for tests). */
  dataOf(uri: string): PreviewData | null | undefined {
    return this.entries.get(uri)?.data;
  }

  /** Asks again for a document already shown (its diagnostics or the pages it links to changed). */
  invalidate(uri: string): Promise<void> {
    return this.entries.has(uri) ? this.load(uri, true) : Promise.resolve();
  }

  /** Asks again for every document shown. */
  async invalidateAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((uri) => this.load(uri, true)));
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Resolves when no request is pending (for tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  /** Asks for the data of `uri`; `again`: once more after a request already running (its answer may be older than the change). */
  private load(uri: string, again = false): Promise<void> {
    const running = this.inFlight.get(uri);
    if (running) {
      if (again) this.again.add(uri);
      return running;
    }
    const version = this.host.versionOf(uri);
    const request = this.host
      .fetch(uri)
      .then(
        (data) => {
          const json = JSON.stringify(data);
          const before = this.entries.get(uri);
          this.entries.set(uri, { data, version, json });
          if (before?.json !== json) this.host.refresh();
        },
        () => {
          // The server is not ready (or stopped): nothing is kept, the next render asks again.
        },
      )
      .finally(() => {
        this.inFlight.delete(uri);
        if (this.again.delete(uri)) void this.load(uri);
      });
    this.inFlight.set(uri, request);
    return request;
  }
}

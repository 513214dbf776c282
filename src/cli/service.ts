// The CLI's run on the workspace service, the one the language server uses (on one thread, or on
// each worker thread of `--jobs N` with its share of the pages): the index keeps page summaries
// only; each page's text and parse live from its read to its check.
import type { LoadedSettings } from '../core/engine';
import { WorkspaceService, type ServiceHost } from '../core/service/service';
import type { Finding } from '../core/types';
import type { WorkspaceIndex } from '../core/workspace';
import type { CommandWorkspace } from './commands/io';

/** One file's findings and the text they refer to ('' when it has none: the text is not kept). */
export interface Checked {
  readonly findings: readonly Finding[];
  readonly text: string;
}

/**
 * A workspace loaded on the service for one run. Nothing is checked until `check` is called: `tree`
 * and the authoring commands read the index only. Checks run back to back (no yield to the event
 * loop between slices: a batch run has nothing else to serve), and `check` hands out each file's
 * findings in path order as they come.
 */
export class CliWorkspace {
  readonly service: WorkspaceService;
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private checking = false;
  private listener: ((path: string, checked: Checked) => void) | undefined;
  /** How many pages the load read (refused pages aside). */
  pagesToRead = 0;

  /**
   * `changes`: the run writes pages and re-checks what depends on them (`--fix`); only then does
   * the service record each check's dependencies. `checkOnly`: the run checks and reads nothing else
   * of the index (no `tree`, no authoring command, no fixed text checked again as `--fix-dry-run`
   * does), so the load reads front matter alone and each page is parsed once, in its check.
   */
  constructor(
    private readonly host: ServiceHost & { textOf(path: string, maxFileSize: number): string | undefined },
    options: {
      configFile?: string;
      onProgress?: (done: number, total: number) => void;
      changes?: boolean;
      checkOnly?: boolean;
      /** Awaited between slices of the check: resolves once the report written so far has gone out (a slow reader of stdout). */
      pace?: () => Promise<void>;
      /** How long a slice of work runs between yields (ms; default 100). */
      sliceMs?: number;
      /** One share of a check on several threads (with `checkOnly`): the pages this run checks and reports. */
      share?: (path: string) => boolean;
    } = {},
  ) {
    const service: WorkspaceService = new WorkspaceService(
      host,
      {
        onDiagnostics: (path, findings, text) => this.listener?.(path, { findings, text: findings.length > 0 ? text : '' }),
        onStatus: () => {
          const p = service.status().indexing;
          if (!p) return;
          this.pagesToRead = p.total;
          options.onProgress?.(p.done, p.total);
        },
      },
      {
        ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
        // Slices only pace the progress report; between them the run goes on at once. Once the
        // index is complete the scheduler waits for `check`.
        sliceMs: options.sliceMs ?? 100,
        // While checking, the report's reader sets the pace: findings not yet written are not piled up in memory.
        yieldToEventLoop: () => (this.checking ? (options.pace?.() ?? Promise.resolve()) : !this.service.ready ? Promise.resolve() : this.gate),
        recordDependencies: options.changes === true,
        backlinks: false,
        frontMatterFirst: options.checkOnly === true && options.changes !== true ? 'all' : false,
        ...(options.share ? { share: options.share } : {}),
      },
    );
    this.service = service;
  }

  /** Lists, reads and indexes every page (nothing is checked yet). */
  async load(): Promise<void> {
    await this.service.load();
  }

  get index(): WorkspaceIndex {
    const index = this.service.index;
    if (!index) throw new Error('the workspace is not loaded');
    return index;
  }

  get loaded(): LoadedSettings {
    const loaded = this.service.settings;
    if (!loaded) throw new Error('the workspace is not loaded');
    return loaded;
  }

  /** The workspace for a fix or a command: its index, settings, and pages' texts read again from disk. */
  get workspace(): CommandWorkspace {
    const settings = this.loaded.settings;
    return { index: this.index, settings, textOf: (path) => this.host.textOf(path, settings.maxFileSize) };
  }

  /**
   * Checks every page once, calling `each` for every checkable path in path order (the order
   * `checkablePaths` gives), each as soon as it and the paths before it are checked. A share
   * (see the constructor) checks and hands out its own paths only.
   */
  async check(each: (path: string, checked: Checked) => void): Promise<void> {
    const order = this.service.ownCheckablePaths();
    const waiting = new Map<string, Checked>();
    let next = 0;
    const flush = (): void => {
      for (let path = order[next]; path !== undefined; path = order[next]) {
        const checked = waiting.get(path);
        if (!checked) return;
        waiting.delete(path);
        next++;
        each(path, checked);
      }
    };
    this.listener = (path, checked) => {
      waiting.set(path, checked);
      flush();
    };
    this.checking = true;
    this.release();
    await this.service.whenIdle();
    this.listener = undefined;
    // A path the scheduler did not publish (a refused folder, a page gone meanwhile): its findings as the service has them.
    for (; next < order.length; next++) {
      const path = order[next] as string;
      const checked = waiting.get(path);
      if (checked) each(path, checked);
      else {
        const findings = this.service.diagnostics(path);
        each(path, { findings, text: '' });
      }
    }
  }

  /** Re-reads a file written by the run (a fix) and re-checks it and the pages that depend on it. */
  async changed(path: string, listener: (path: string, checked: Checked) => void): Promise<void> {
    this.listener = listener;
    await this.service.filesChanged([{ path, type: 'changed' }]);
    await this.service.whenIdle();
    this.listener = undefined;
  }
}

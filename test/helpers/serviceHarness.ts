/**
 * A WorkspaceService over an in-memory workspace, recording what it publishes.
 *
 *   const h = await serviceFor({ 'articles/a.md': '...' });
 *   h.live.get('articles/a.md') // ["rule-id start-end message", ...]
 */
import { Engine } from '../../src/core/engine';
import { WorkspaceService, type ServiceOptions } from '../../src/core/service/service';
import type { Finding } from '../../src/core/types';
import { MemoryFileHost, type MemoryFiles } from './memoryHost';

/** A memory host that also knows folders (any prefix of a file path). */
export class MemoryServiceHost extends MemoryFileHost {
  reads = 0;

  async isFolder(path: string): Promise<boolean> {
    return [...this.files.keys()].some((f) => f.startsWith(path + '/'));
  }

  /** The files directly in `path`, as the listing gives them. */
  async listFolder(path: string): Promise<readonly string[]> {
    const prefix = path === '' ? '' : path + '/';
    return [...this.files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'));
  }

  override async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
    this.reads++;
    return super.readFile(path);
  }
}

export function findingKeys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.start}-${f.range.end} ${f.message}`);
}

export interface Harness {
  readonly service: WorkspaceService;
  readonly host: MemoryServiceHost;
  /** Published findings by path (paths without findings are absent). */
  readonly live: Map<string, string[]>;
  /** Every path published, in order. */
  readonly published: string[];
  /** Every publication, in order: findings as `findingKeys`, and whether it was a page's findings before the workspace was listed. */
  readonly publications: { readonly path: string; readonly findings: readonly Finding[]; readonly partial: boolean }[];
  readonly forgotten: string[];
  treeChanges: number;
}

export async function serviceFor(files: MemoryFiles, options: ServiceOptions = {}, host: MemoryServiceHost = new MemoryServiceHost(files)): Promise<Harness> {
  const h = harnessFor(host, options);
  await h.service.load();
  await h.service.whenIdle();
  return h;
}

/** The same harness, not loaded yet. */
export function harnessFor(host: MemoryServiceHost, options: ServiceOptions = {}): Harness {
  const live = new Map<string, string[]>();
  const published: string[] = [];
  const publications: { path: string; findings: readonly Finding[]; partial: boolean }[] = [];
  const forgotten: string[] = [];
  const h: { treeChanges: number } = { treeChanges: 0 };
  const service = new WorkspaceService(
    host,
    {
      onDiagnostics(path, findings, _text, _version, partial) {
        published.push(path);
        publications.push({ path, findings, partial: partial === true });
        if (findings.length > 0) live.set(path, findingKeys(findings));
        else live.delete(path);
      },
      onForget(path) {
        forgotten.push(path);
        live.delete(path);
      },
      onTreeChanged() {
        h.treeChanges++;
      },
    },
    options,
  );
  return Object.assign(h, { service, host, live, published, publications, forgotten });
}

/** What a fresh full check of `files` reports (paths with findings only), sorted by path. */
export async function fullCheck(files: ReadonlyMap<string, string | Uint8Array>): Promise<Map<string, string[]>> {
  const engine = await Engine.load(new MemoryFileHost(files));
  const out = new Map<string, string[]>();
  for (const [path, findings] of engine.checkAll()) out.set(path, findingKeys(findings));
  return sorted(out);
}

export function sorted<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

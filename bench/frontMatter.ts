/**
 * Front matter and page parsing over every page of a workspace, in memory (files read once first).
 *
 *   node --import tsx bench/frontMatter.ts <workspace> [--src <src folder>] [--rounds 7] [--full]
 *
 * `--src` points at another checkout's `src` folder, so that a baseline commit can be measured
 * side by side with this one (alternate the runs; compare medians). Prints one JSON line: the
 * median milliseconds of parseFrontMatter and of parsePage over all pages, and how many pages the
 * front-matter subset reader read without the `yaml` library (when the checkout has one). With
 * `--full`, also the full check in process (Engine.load + checkAll, as the CLI runs it on one
 * thread): median wall and CPU (user + system) milliseconds; CPU time suffers less than wall time
 * from other processes on a shared machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface FrontMatterModule {
  parseFrontMatter(text: string): object | undefined;
  readBySubset?: (fm: object) => boolean;
}
interface PageModule {
  parsePage(path: string, text: string): object;
}
interface EngineModule {
  Engine: { load(host: object): Promise<{ checkAll(): Map<string, readonly unknown[]> }> };
}
interface HostModule {
  NodeFileHost: new (root: string) => object;
}

function pages(dir: string, out: [string, string][] = []): [string, string][] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') pages(full, out);
    } else if (entry.name.endsWith('.md')) out.push([full, readFileSync(full, 'utf8')]);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args[0];
  if (!root) throw new Error('usage: bench/frontMatter.ts <workspace> [--src <src folder>] [--rounds n]');
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const src = resolve(option('--src') ?? join(__dirname, '..', 'src'));
  const rounds = Number(option('--rounds') ?? 7);
  const fm = (await import(pathToFileURL(join(src, 'core', 'frontMatter.ts')).href)) as FrontMatterModule;
  const page = (await import(pathToFileURL(join(src, 'core', 'page.ts')).href)) as PageModule;
  const all = pages(root);
  const time = (f: () => void): number[] => {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      f();
      times.push(performance.now() - start);
    }
    return times;
  };
  // One warm-up pass of each.
  for (const [path, text] of all) page.parsePage(path, text);
  const frontMatter = time(() => {
    for (const [, text] of all) fm.parseFrontMatter(text);
  });
  const parsePage = time(() => {
    for (const [path, text] of all) page.parsePage(path, text);
  });
  let withFrontMatter = 0;
  let subset = 0;
  for (const [, text] of all) {
    const parsed = fm.parseFrontMatter(text);
    if (!parsed) continue;
    withFrontMatter++;
    if (fm.readBySubset?.(parsed)) subset++;
  }
  let full: { wallMs: number; cpuMs: number; wall: number[]; cpu: number[]; findings: number } | undefined;
  if (args.includes('--full')) {
    const { Engine } = (await import(pathToFileURL(join(src, 'core', 'engine.ts')).href)) as EngineModule;
    const { NodeFileHost } = (await import(pathToFileURL(join(src, 'node', 'fileHost.ts')).href)) as HostModule;
    const wall: number[] = [];
    const cpu: number[] = [];
    let findings = 0;
    for (let r = 0; r < rounds; r++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const engine = await Engine.load(new NodeFileHost(resolve(root)));
      findings = 0;
      for (const list of engine.checkAll().values()) findings += list.length;
      wall.push(Math.round(performance.now() - start));
      const used = process.cpuUsage(cpuStart);
      cpu.push(Math.round((used.user + used.system) / 1000));
    }
    full = { wallMs: median(wall), cpuMs: median(cpu), wall, cpu, findings };
  }
  process.stdout.write(
    JSON.stringify({
      src,
      pages: all.length,
      withFrontMatter,
      subset,
      parseFrontMatterMs: Math.round(median(frontMatter)),
      parsePageMs: Math.round(median(parsePage)),
      runs: { parseFrontMatter: frontMatter.map(Math.round), parsePage: parsePage.map(Math.round) },
      ...(full ? { full } : {}),
    }) + '\n',
  );
}

void main();

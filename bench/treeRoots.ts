// Times (and, with --cpu-prof, profiles) building the topic tree's roots of a generated workspace:
// node --import tsx bench/treeRoots.ts [size]
import { TopicTree } from '../src/core/hierarchy';
import { WorkspaceService } from '../src/core/service/service';
import { NodeFileHost } from '../src/node/fileHost';
import { buildWorkspace, readCorpus } from './generate';

async function main(): Promise<void> {
  const corpus = readCorpus();
  if (!corpus) return console.log('Corpus absent: nothing to measure.');
  const ws = buildWorkspace(corpus, Number(process.argv[2] ?? 10500));
  const service = new WorkspaceService(new NodeFileHost(ws.root), {}, { sliceMs: 1000, yieldToEventLoop: () => Promise.resolve(), backlinks: false, recordDependencies: false });
  await service.load();
  await service.whenIdle();
  const index = service.index;
  if (!index) throw new Error('not loaded');
  const times: number[] = [];
  let roots = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    roots = new TopicTree(index).roots().length;
    times.push(performance.now() - t0);
  }
  // The first build resolves every link; the index keeps the answers for the builds after it.
  const first = times.shift() ?? NaN;
  times.sort((a, b) => a - b);
  console.log(`${index.pageCount} pages, ${roots} roots: first build ${first.toFixed(0)} ms; built again ${times.slice(0, 3).map((t) => t.toFixed(0)).join(', ')} … ${times.slice(-2).map((t) => t.toFixed(0)).join(', ')} ms (median ${times[times.length >> 1]?.toFixed(0)})`);
}
void main();

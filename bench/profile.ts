// Profiles one full check: node --cpu-prof --import tsx bench/profile.ts [size]
import { NodeFileHost } from '../src/node/fileHost';
import { Engine } from '../src/core/engine';
import { buildWorkspace, readCorpus } from './generate';

async function main(): Promise<void> {
  const corpus = readCorpus();
  if (!corpus) return console.log('Corpus absent: nothing to profile.');
  const ws = buildWorkspace(corpus, Number(process.argv[2] ?? 1000));
  const t0 = performance.now();
  const engine = await Engine.load(new NodeFileHost(ws.root));
  const t1 = performance.now();
  const n = engine.checkAll().size;
  const t2 = performance.now();
  console.log(`load ${(t1 - t0).toFixed(0)} ms, checkAll ${(t2 - t1).toFixed(0)} ms, ${n} files with findings`);
}
void main();

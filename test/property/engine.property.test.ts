// Property tests: for arbitrary text and for mutations of real pages the engine never
// throws, reports ranges inside the document, is deterministic, and its fixes change only
// what they say they change. TOPIC_PAGES_PROPERTY_RUNS raises the run count (default: CI-sized).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine } from '../../src/core/engine';
import { applyEdits, fixAll } from '../../src/core/edits';
import type { Finding, TextEdit } from '../../src/core/types';
import { arbMutation, mutate, TOKENS } from './mutations';
import { corpusPages, examplePages, examplesHost, CORPUS } from '../hostile/support';
import { sharedDataMissing } from '../helpers/corpus';
import { assertOnlyEditsChanged } from '../helpers/fixes';

const RUNS = Math.max(1, Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? '') || 120);
const SEED = process.env['TOPIC_PAGES_PROPERTY_SEED'] ? Number(process.env['TOPIC_PAGES_PROPERTY_SEED']) : undefined;
let generated = 0;
after(() => {
  console.log(`property tests: ${generated} generated inputs checked (TOPIC_PAGES_PROPERTY_RUNS=${RUNS} per property)`);
});

const examples = examplePages();
// Locally, without the shared corpus, the pages of examples/docs are mutated alone and the test
// below skips saying so; when CI is set, a missing corpus fails here.
const corpusMissing = sharedDataMissing(CORPUS);
const corpus = corpusPages();
const sources: [string, string][] = [...examples, ...corpus];

/** Two engines over the same workspace: checking on both must agree (no state leaks between checks). */
async function loadEngines(): Promise<[Engine, Engine]> {
  const make = async (): Promise<Engine> => {
    const host = examplesHost();
    for (const [path, text] of corpus) host.set(path, text);
    return Engine.load(host);
  };
  return [await make(), await make()];
}

// ---- the properties ---------------------------------------------------------------------------

function inside(r: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length;
}

/** Where offset `p` of the original text lands after `edits` (text inserted at `p` goes before it). */
function mapOffset(p: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.range.end <= p && (e.range.start < p || e.range.start === e.range.end)) delta += e.newText.length - (e.range.end - e.range.start);
  return p + delta;
}

function plain(findings: readonly Finding[]): unknown {
  return JSON.parse(JSON.stringify(findings));
}

function checkInvariants(engines: [Engine, Engine], path: string, text: string): void {
  generated++;
  const [engine, other] = engines;
  const findings = engine.check(path, text);
  // Deterministic: the same answer twice, and from a second engine.
  assert.deepEqual(plain(engine.check(path, text)), plain(findings), 'checking twice gave different findings');
  assert.deepEqual(plain(other.check(path, text)), plain(findings), 'a second engine gave different findings');
  for (const f of findings) {
    assert.ok(!f.message.startsWith('Internal error'), f.message);
    assert.ok(inside(f.range, text.length), `${f.ruleId} range ${f.range.start}-${f.range.end} outside 0-${text.length}`);
    for (const fix of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) {
      for (const e of fix.edits) assert.ok(inside(e.range, text.length), `${f.ruleId} edit ${e.range.start}-${e.range.end} outside 0-${text.length}`);
      // Every fix and suggestion applies on its own.
      applyEdits(text, fix.edits);
    }
  }
  for (const f of findings) {
    if (!f.fix) continue;
    const fixed = applyEdits(text, f.fix.edits);
    assertOnlyEditsChanged(text, f.fix.edits, fixed);
    const at = mapOffset(f.range.start, f.fix.edits);
    const again = engine.check(path, fixed).filter((g) => g.ruleId === f.ruleId && g.range.start === at);
    assert.deepEqual(again.map((g) => g.message), [], `${f.ruleId} still reported at ${at} after its fix "${f.fix.title}"`);
  }
  const check = (t: string): Finding[] => engine.check(path, t);
  const once = fixAll(text, check).text;
  const twice = fixAll(once, check);
  assert.equal(twice.passes, 0, 'fix-all changed the text again on a second run');
  assert.equal(twice.text, once);
}

function params<T>(runs: number): fc.Parameters<T> {
  return { numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: false, includeErrorInReport: true };
}

test('the corpus pages are among the pages mutated', { skip: corpusMissing }, () => {
  assert.ok(corpus.size > 80, `read ${corpus.size} corpus pages`);
  assert.ok(sources.some(([path]) => path.startsWith('articles/corpus/')));
});

test('mutated real pages: no throw, ranges inside, deterministic, fixes safe and idempotent', async () => {
  const engines = await loadEngines();
  fc.assert(
    fc.property(fc.constantFrom(...sources), fc.array(arbMutation, { minLength: 1, maxLength: 4 }), ([path, text], mutations) => {
      checkInvariants(engines, path, mutations.reduce(mutate, text));
    }),
    params(RUNS),
  );
});

test('arbitrary strings as a topic page, a plain page and a partial', async () => {
  const engines = await loadEngines();
  const header = fc.constantFrom('', '---\nclasses: topic-page\ntitle: Fuzz\n---\n', '---\r\nclasses: topic-page\r\n', '\uFEFF---\nclasses: topic-page\ndescription:\n---\n');
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join('')),
  );
  const path = fc.constantFrom('articles/fuzz.md', 'articles/users/index.md', 'articles/_includes/_topic-links.md');
  fc.assert(
    fc.property(path, header, anyText, (p, h, body) => {
      checkInvariants(engines, p, h + body);
    }),
    params(RUNS),
  );
});

test('token soup mutations stacked on real pages (insertions only)', async () => {
  const engines = await loadEngines();
  const insertion = fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) });
  fc.assert(
    fc.property(fc.constantFrom(...sources), fc.array(insertion, { minLength: 1, maxLength: 12 }), ([path, text], mutations) => {
      checkInvariants(engines, path, mutations.reduce(mutate, text));
    }),
    params(Math.max(1, Math.round(RUNS / 2))),
  );
});

/**
 * The findings a session leaves for the next one hold exactly as long as nothing a page depends on
 * changed: after random changes on disk between two sessions (pages written, touched, deleted,
 * renamed, or changed with their stamp kept; other files added or removed), and after edits in
 * the first session that were never saved, the second session, which checks only what the changes
 * can affect and publishes the rest from the kept index, reports exactly what a full check does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MemoryStore, StampedHost } from '../helpers/indexCacheHarness';
import { fullCheck, serviceFor, sorted } from '../helpers/serviceHarness';
import { anyPageArb, opArb, otherArb, pathArb, type Op } from '../helpers/workspaceArbitraries';

const RUNS = Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? 60);
// fast-check prints the seed of a failing run: TOPIC_PAGES_PROPERTY_SEED=<seed> replays it.
const SEED = process.env['TOPIC_PAGES_PROPERTY_SEED'] ? Number(process.env['TOPIC_PAGES_PROPERTY_SEED']) : undefined;
const BASE_OPTIONS = { cacheVersion: 'property' };
const SAVED_MEANWHILE = 'articles/_includes/_saved-meanwhile.html';

type Between = Op | { kind: 'touch'; path: string } | { kind: 'sneak'; path: string; text: string } | { kind: 'other'; path: string; present: boolean };
const betweenArb: fc.Arbitrary<Between> = fc.oneof(
  opArb,
  fc.record({ kind: fc.constant('sneak' as const), path: pathArb, text: anyPageArb }),
  fc.record({ kind: fc.constant('touch' as const), path: pathArb }),
  fc.record({ kind: fc.constant('other' as const), path: otherArb, present: fc.boolean() }),
);

test('a session started from the kept index equals a full check after random changes between sessions', async () => {
  let changes = 0;
  let restoredPages = 0;
  let pages = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(pathArb, anyPageArb), { minLength: 1, maxLength: 10 }),
      fc.array(otherArb, { maxLength: 2 }),
      fc.array(betweenArb, { maxLength: 6 }),
      fc.boolean(),
      fc.array(fc.tuple(pathArb, anyPageArb), { maxLength: 3 }),
      fc.boolean(),
      fc.boolean(),
      async (initial, others, between, includeAsPage, unsaved, writtenMeanwhile, frontMatterFirst) => {
        // As the language server runs (pages read at start-up parsed once, at their check), or not.
        const OPTIONS = { ...BASE_OPTIONS, frontMatterFirst };
        // Without the include as a page, include keys resolve to other files (`_topic-links.html`) by name.
        const host = new StampedHost(includeAsPage ? { 'articles/_includes/_topic-links.md': '<ul class="topic-links"></ul>' } : {});
        for (const [path, text] of initial) host.write(path, text);
        for (const path of others) host.write(path, 'other');
        const store = new MemoryStore();
        const first = await serviceFor(host.files, { ...OPTIONS, indexStore: store, saveIntervalMs: 0 }, host);
        await first.service.whenSaved();
        assert.ok(store.text, 'the first session kept its index');
        // Edits never saved (the editor closes without saving), and perhaps an index written meanwhile.
        unsaved.forEach(([path, text], i) => first.service.openDocument(path, i + 1, text));
        await first.service.whenIdle();
        if (writtenMeanwhile) {
          host.write(SAVED_MEANWHILE, 'other');
          await first.service.filesChanged([{ path: SAVED_MEANWHILE, type: 'created' }]);
          await first.service.whenIdle();
        }
        await first.service.whenSaved();

        const next = host.copy();
        for (const op of between) {
          changes++;
          if (op.kind === 'write') next.write(op.path, op.text);
          else if (op.kind === 'sneak') {
            if (next.files.has(op.path)) next.sneak(op.path, op.text);
          }
          else if (op.kind === 'delete') next.files.delete(op.path);
          else if (op.kind === 'touch') {
            const text = next.files.get(op.path);
            if (text !== undefined) next.write(op.path, typeof text === 'string' ? text : 'x');
          } else if (op.kind === 'other') {
            if (op.present) next.write(op.path, 'other');
            else next.files.delete(op.path);
          } else {
            const text = next.files.get(op.from);
            if (text === undefined || op.from === op.to) continue;
            next.files.delete(op.from);
            next.write(op.to, typeof text === 'string' ? text : 'x');
          }
        }
        const second = await serviceFor(next.files, { ...OPTIONS, indexStore: store }, next);
        await second.service.whenSaved();
        const expected = await fullCheck(next.files);
        assert.deepEqual(sorted(second.live), expected, `after ${JSON.stringify(between)}`);
        const total = second.service.index?.pageCount ?? 0;
        pages += total;
        restoredPages += total - second.service.checks;
        // A third session with nothing changed checks nothing and reports the same.
        const third = await serviceFor(next.files, { ...OPTIONS, indexStore: store }, next.copy());
        await third.service.whenSaved();
        assert.equal(third.service.checks, 0, 'nothing changed: nothing checked');
        assert.deepEqual(sorted(third.live), expected);
        assert.deepEqual(third.service.status().problems, second.service.status().problems);
      },
    ),
    { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
  );
  console.log(`# index between sessions: ${RUNS} random workspaces, ${changes} changes between sessions; ${restoredPages} of ${pages} pages published from the kept index`);
  assert.ok(restoredPages > 0, 'some pages were published from the kept index');
});

/**
 * The index updates incrementally: after any sequence of adds, edits, renames
 * and deletes, re-checking only the pages each update names gives exactly the
 * findings a fresh full check of the same files gives.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Engine } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';
import { MemoryFileHost } from '../helpers/memoryHost';
import { fullCheck as fullCheckOf, serviceFor, sorted } from '../helpers/serviceHarness';
import { opArb, otherArb, pageArb, pathArb, render, type Op } from '../helpers/workspaceArbitraries';

const RUNS = Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? 60);

function key(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.start}-${f.range.end} ${f.message}`);
}

async function fullCheck(host: MemoryFileHost): Promise<Map<string, string[]>> {
  const fresh = await Engine.load(new MemoryFileHost(host.files));
  const out = new Map<string, string[]>();
  for (const [path, findings] of fresh.checkAll()) out.set(path, key(findings));
  return out;
}

test('incremental updates equal a full re-check after random edit sequences', async () => {
  let updates = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(pathArb, pageArb.map(render)), { minLength: 1, maxLength: 8 }), fc.array(opArb, { minLength: 1, maxLength: 10 }), async (initial, ops) => {
      const host = new MemoryFileHost({ 'articles/_includes/_topic-links.md': '<ul class="topic-links"></ul>' });
      for (const [path, text] of initial) host.files.set(path, text);
      const engine = await Engine.load(host);
      const live = new Map<string, string[]>();
      for (const [path, findings] of engine.checkAll()) live.set(path, key(findings));
      const recheck = (paths: readonly string[]): void => {
        for (const path of paths) {
          const findings = engine.check(path);
          if (findings.length > 0) live.set(path, key(findings));
          else live.delete(path);
        }
      };
      for (const op of ops) {
        updates++;
        if (op.kind === 'write') {
          host.files.set(op.path, op.text);
          recheck(await engine.readAndIndex(op.path));
        } else if (op.kind === 'delete') {
          if (!host.files.delete(op.path)) continue;
          live.delete(op.path);
          recheck(engine.delete(op.path));
        } else {
          const text = host.files.get(op.from);
          if (text === undefined || op.from === op.to) continue;
          host.files.delete(op.from);
          host.files.set(op.to, text);
          live.delete(op.from);
          recheck(engine.delete(op.from));
          recheck(await engine.readAndIndex(op.to));
        }
        assert.deepEqual(new Map([...live].sort()), new Map([...(await fullCheck(host))].sort()), `after ${JSON.stringify(op)}`);
      }
    }),
    { numRuns: RUNS },
  );
  console.log(`# incremental: ${RUNS} random workspaces, ${updates} updates compared with a full re-check`);
});

test('an edit that changes only a page body re-checks that page alone', async () => {
  const host = new MemoryFileHost({
    'articles/users/index.md': '---\nclasses: topic-page\ntitle: Users\ndescription: D.\n---\n<ul class="topic-links"><li><a href="/users/a">A</a><p>x</p></li></ul>\n',
    'articles/users/a.md': '---\ntitle: A\ndescription: About A.\n---\n## Intro\n',
    'articles/billing/index.md': '---\nclasses: topic-page\ntitle: Billing\ndescription: D.\n---\n<ul class="topic-links"><li><a href="/billing/x">X</a><p>x</p></li></ul>\n',
  });
  const engine = await Engine.load(host);
  engine.checkAll();
  assert.deepEqual(engine.setText('articles/users/a.md', '---\ntitle: A\ndescription: About A.\n---\n## Intro\n\nMore text.\n'), ['articles/users/a.md']);
  assert.deepEqual(engine.setText('articles/users/a.md', '---\ntitle: A renamed\ndescription: About A.\n---\n## Intro\n'), ['articles/users/a.md', 'articles/users/index.md']);
  assert.deepEqual(engine.delete('articles/users/a.md'), ['articles/users/index.md']);
  // Adding the missing page repairs the billing page's link: billing is re-checked.
  assert.deepEqual(engine.setText('articles/billing/x.md', '---\ntitle: X\n---\n'), ['articles/billing/index.md', 'articles/billing/x.md']);
});

type ServiceOp =
  | Op
  | { kind: 'open'; path: string; text: string }
  | { kind: 'close'; path: string }
  | { kind: 'other'; path: string; binary: boolean }
  | { kind: 'hypothetical'; path: string; text: string }
  | { kind: 'fix-all'; path: string };

const serviceOpArb: fc.Arbitrary<ServiceOp> = fc.oneof(
  opArb,
  fc.record({ kind: fc.constant('open' as const), path: pathArb, text: pageArb.map(render) }),
  fc.record({ kind: fc.constant('close' as const), path: pathArb }),
  fc.record({ kind: fc.constant('other' as const), path: otherArb, binary: fc.boolean() }),
  fc.record({ kind: fc.constant('hypothetical' as const), path: pathArb, text: pageArb.map(render) }),
  fc.record({ kind: fc.constant('fix-all' as const), path: pathArb }),
);

test('the workspace service equals a full re-check, and its tree a fresh load\'s, after random disk changes, editor overlays, non-page files and hypothetical checks', async () => {
  let updates = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(pathArb, pageArb.map(render)), { minLength: 1, maxLength: 8 }), fc.array(serviceOpArb, { minLength: 1, maxLength: 12 }), async (initial, ops) => {
      const files: Record<string, string> = { 'articles/_includes/_topic-links.md': '<ul class="topic-links"></ul>' };
      for (const [path, text] of initial) files[path] = text;
      const h = await serviceFor(files);
      const overlays = new Map<string, string>();
      // Open documents whose file was deleted on disk: not pages until written again or closed
      // (links to a deleted page break even while an editor still shows it).
      const gone = new Set<string>();
      let version = 0;
      for (const op of ops) {
        updates++;
        switch (op.kind) {
          case 'write':
            gone.delete(op.path);
            h.host.files.set(op.path, op.text);
            await h.service.filesChanged([{ path: op.path, type: 'changed' }]);
            break;
          case 'delete':
            if (!h.host.files.delete(op.path)) continue;
            if (overlays.has(op.path)) gone.add(op.path);
            await h.service.filesChanged([{ path: op.path, type: 'deleted' }]);
            break;
          case 'rename': {
            const text = h.host.files.get(op.from);
            if (text === undefined || op.from === op.to) continue;
            h.host.files.delete(op.from);
            h.host.files.set(op.to, text);
            if (overlays.has(op.from)) gone.add(op.from);
            gone.delete(op.to);
            await h.service.filesChanged([{ path: op.from, type: 'deleted' }, { path: op.to, type: 'created' }]);
            break;
          }
          case 'open':
            overlays.set(op.path, op.text);
            h.service.openDocument(op.path, ++version, op.text);
            break;
          case 'close':
            if (!overlays.delete(op.path)) continue;
            gone.delete(op.path);
            await h.service.closeDocument(op.path);
            break;
          case 'other':
            h.host.files.set(op.path, op.binary ? new Uint8Array([0, 0xff, 0]) : 'text');
            await h.service.filesChanged([{ path: op.path, type: 'changed' }]);
            break;
          case 'hypothetical':
            h.service.checkText(op.path, op.text);
            h.service.codeActions(op.path, { start: 0, end: op.text.length });
            break;
          case 'fix-all':
            h.service.fixAllEdit(op.path);
            break;
        }
        await h.service.whenIdle();
        const effective = new Map(h.host.files);
        for (const [p, t] of overlays) if (!gone.has(p)) effective.set(p, t);
        assert.deepEqual(sorted(h.live), await fullCheckOf(effective), `after ${JSON.stringify(op)}`);
        // The tree, built again after each change from what the index kept, is the one a fresh load builds.
        const fresh = await serviceFor(effective);
        assert.deepEqual(h.service.treeSnapshot(), fresh.service.treeSnapshot(), `tree after ${JSON.stringify(op)}`);
      }
    }),
    { numRuns: RUNS },
  );
  console.log(`# service: ${RUNS} random workspaces, ${updates} operations compared with a full re-check and a fresh tree`);
});

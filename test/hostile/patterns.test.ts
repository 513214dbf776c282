// Runaway patterns from the workspace: a redirect `from`, a JSON Schema `pattern` and an
// `ignore` glob are written by whoever controls the repository. Each must cost time linear
// in the input, so doubling the input may at most (about) double one check's time: a
// backtracking blow-up multiplies it by hundreds at the first doubling. Times are printed by bench/patterns.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redirects } from '../../src/core/redirects';
import { defaultSettings, WorkspaceIndex } from '../../src/core/workspace';
import { engineFor } from '../helpers/memoryHost';
import { describeGrowth, measureGrowth, type Growth } from '../helpers/growth';

/**
 * Linear work fits time ∝ n¹; 1.5 leaves room for a noisy machine (cache effects at large n) and
 * still fails quadratic work, let alone a backtracking blow-up (n⁸, 2ⁿ).
 */
const MAX_EXPONENT = 1.5;

function assertLinear(growth: Growth): void {
  assert.ok(!growth.blewUp && growth.exponent < MAX_EXPONENT, describeGrowth(growth));
}

describe('hostile patterns cost linear time', () => {
  it('a redirect `from` with eight parameters in one segment', () => {
    // As a backtracking RegExp: about n⁸ (146 ms per lookup at 40 characters).
    const redirects = new Redirects([{ from: '/:a:b:c:d:e:f:g:h!', to: '/x' }], (r) => r);
    const growth = measureGrowth((n) => {
      const route = '/' + 'x'.repeat(n);
      return () => {
        assert.deepEqual(redirects.follow(route), []);
      };
    }, 8, 16384);
    assertLinear(growth);
  });

  it('a front-matter JSON Schema `pattern` of the workspace: `^(a|a)*$`', async () => {
    // As a backtracking RegExp: doubles with each character (186 ms at 24 characters).
    const schema = { type: 'object', properties: { title: { type: 'string', pattern: '^(a|a)*$' } } };
    const page = (n: number): string => `---\nclasses: topic-page\ntitle: ${'a'.repeat(n)}!\ndescription: d\n---\n`;
    const sizes = [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240];
    const engines = new Map<number, Awaited<ReturnType<typeof engineFor>>>();
    for (const n of sizes) engines.set(n, await engineFor({ 'schema.json': JSON.stringify(schema), 'articles/p.md': page(n) }, { schema: 'schema.json' }));
    const growth = measureGrowth((n) => {
      const engine = engines.get(n);
      assert.ok(engine);
      assert.deepEqual(engine.loaded.errors, []);
      const text = page(n);
      return () => {
        const findings = engine.check('articles/p.md', text).filter((f) => f.ruleId === 'front-matter-schema');
        assert.deepEqual(findings.map((f) => f.message), ['`title` must match pattern "^(a|a)*$".']);
      };
    }, 10, 10240);
    assertLinear(growth);
  });

  it('an `ignore` glob with ten stars in one segment', () => {
    // As a backtracking RegExp: about n¹⁰ (half a second on one 32-character path).
    const index = new WorkspaceIndex(defaultSettings({ ignore: ['**/*a*a*a*a*a*a*a*a*a*a*b'] }));
    let calls = 0;
    const growth = measureGrowth((n) => {
      const name = 'a'.repeat(n);
      // A new path each call: the index remembers each path's answer.
      return () => {
        assert.equal(index.ignores(`x${calls++}/${name}`), false);
      };
    }, 12, 12288);
    assertLinear(growth);
  });

  it('a schema pattern a linear engine cannot run is refused with the reason, not run', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string', pattern: '^(a+)\\1$' } } };
    const engine = await engineFor({ 'schema.json': JSON.stringify(schema), 'articles/p.md': '---\nclasses: topic-page\ntitle: aa\ndescription: d\n---\n' }, { schema: 'schema.json' });
    assert.deepEqual(engine.loaded.errors.map((e) => e.message.split(':').slice(0, 2).join(':')), ['schema.json: not a usable JSON Schema']);
    assert.match(engine.loaded.errors[0]?.message ?? '', /\\1/);
  });
});

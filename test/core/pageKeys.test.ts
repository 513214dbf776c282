import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PageKeyIndex } from '../../src/core/pageKeys';

describe('PageKeyIndex', () => {
  it('answers pages by key both ways, a single page without a Set, two and more with one', () => {
    const index = new PageKeyIndex();
    index.set('b.md', ['r:/x', 'r:/y']);
    index.set('a.md', ['r:/x']);
    assert.deepEqual(index.pagesOf(['r:/x']), ['a.md', 'b.md']);
    assert.deepEqual(index.pagesOf(['r:/y', 'r:/none']), ['b.md']);
    assert.deepEqual(index.keysOf('b.md'), ['r:/x', 'r:/y']);
    assert.equal(index.keyCount, 2);
    index.set('b.md', ['r:/z']);
    assert.deepEqual(index.pagesOf(['r:/x', 'r:/y', 'r:/z']), ['a.md', 'b.md']);
    assert.deepEqual(index.pagesOf(['r:/y']), []);
    index.delete('a.md');
    assert.deepEqual(index.pagesOf(['r:/x']), []);
    index.set('b.md', []);
    assert.equal(index.keyCount, 0);
    assert.deepEqual(index.keysOf('b.md'), []);
  });

  it('agrees with a plain map of sets over any sequence of sets and deletes', () => {
    const page = fc.constantFrom('a', 'b', 'c', 'd');
    const key = fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5');
    const op = fc.oneof(fc.record({ page, keys: fc.array(key, { maxLength: 4 }) }), fc.record({ page, del: fc.constant(true) }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const index = new PageKeyIndex();
        const model = new Map<string, Set<string>>();
        for (const o of ops) {
          if ('del' in o) {
            index.delete(o.page);
            model.delete(o.page);
          } else {
            index.set(o.page, o.keys);
            if (o.keys.length > 0) model.set(o.page, new Set(o.keys));
            else model.delete(o.page);
          }
        }
        for (const k of ['k1', 'k2', 'k3', 'k4', 'k5']) {
          const expected = [...model].filter(([, keys]) => keys.has(k)).map(([p]) => p).sort();
          assert.deepEqual(index.pagesOf([k]), expected, k);
        }
        assert.equal(index.keyCount, new Set([...model.values()].flatMap((s) => [...s])).size);
      }),
    );
  });
});

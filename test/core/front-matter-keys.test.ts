/** Front matter whose keys are collections: named by their source text, never a crash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontMatter';

test('a deeply nested collection key is named by its source text (its String() grows exponentially)', () => {
  const key = '{'.repeat(29) + '}'.repeat(29);
  for (const eol of ['\n', '\r\n']) {
    const fm = parseFrontMatter(['---', 'classes: topic-page', key, 'title: x', '---', ''].join(eol));
    assert.deepEqual(fm?.entries.map((e) => e.key), ['classes', key, 'title']);
    assert.equal(fm?.data['title'], 'x');
  }
});

test('a flow-mapping key keeps its text', () => {
  assert.deepEqual(parseFrontMatter('---\n{ a: 1 }: x\n---\n')?.entries.map((e) => e.key), ['{ a: 1 }']);
});

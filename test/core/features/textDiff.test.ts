import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../src/core/edits';
import { minimalEdit } from '../../../src/core/features/textDiff';

describe('minimalEdit', () => {
  const cases: [string, string][] = [
    ['abc', 'abc'],
    ['hello world', 'hello brave world'],
    ['aaa', 'aa'],
    ['', 'x'],
    ['x', ''],
    ['one\r\ntwo', 'one\ntwo'],
    ['😀a', '😁a'],
    ['abcabc', 'abc'],
  ];
  for (const [before, after] of cases) {
    it(`turns ${JSON.stringify(before)} into ${JSON.stringify(after)}`, () => {
      const edit = minimalEdit(before, after);
      assert.equal(edit ? applyEdits(before, [edit]) : before, after);
      if (before === after) assert.equal(edit, undefined);
    });
  }

  it('trims to the changed span', () => {
    assert.deepEqual(minimalEdit('hello world', 'hello brave world'), { range: { start: 6, end: 6 }, newText: 'brave ' });
  });

  it('never splits a surrogate pair or a CRLF', () => {
    const emoji = minimalEdit('😀a', '😁a');
    assert.equal(emoji?.range.start, 0);
    const crlf = minimalEdit('a\r\nb', 'a\r\nc');
    assert.deepEqual(crlf, { range: { start: 3, end: 4 }, newText: 'c' });
  });
});

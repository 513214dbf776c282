/**
 * The "a fix changes only its own edits" check (test/helpers/fixes.ts) can fail: it is fed the
 * output of deliberately broken versions of applyEdits and must reject every one, while the real
 * applyEdits passes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/edits';
import type { TextEdit } from '../../src/core/types';
import { assertOnlyEditsChanged, commonEnds } from '../helpers/fixes';

type Apply = (text: string, edits: readonly TextEdit[]) => string;

const sortEdits = (edits: readonly TextEdit[]): TextEdit[] => [...edits].sort((a, b) => a.range.start - b.range.start);

/** Broken appliers, each wrong in one way a real bug could be. */
const BROKEN: [string, Apply][] = [
  ['drops the character after each edit', (text, edits) => {
    let out = '';
    let at = 0;
    for (const e of sortEdits(edits)) {
      out += text.slice(at, e.range.start) + e.newText;
      at = e.range.end + 1;
    }
    return out + text.slice(at);
  }],
  ['keeps the replaced text as well', (text, edits) => {
    let out = '';
    let at = 0;
    for (const e of sortEdits(edits)) {
      out += text.slice(at, e.range.end) + e.newText;
      at = e.range.end;
    }
    return out + text.slice(at);
  }],
  ['writes each edit one character late', (text, edits) => applyEdits(text, edits.map((e) => ({ ...e, range: { start: e.range.start + 1, end: e.range.end + 1 } })))],
  ['applies only the first edit', (text, edits) => applyEdits(text, sortEdits(edits).slice(0, 1))],
  ['also trims trailing whitespace of the file', (text, edits) => applyEdits(text, edits).replace(/\s+$/, '')],
  ['also rewrites CRLF line endings far from the edits', (text, edits) => applyEdits(text, edits).replace(/\r\n/g, '\n')],
  ['also changes a byte between two edits', (text, edits) => {
    const out = applyEdits(text, edits);
    const i = out.indexOf('middle');
    return out.slice(0, i) + 'MIDDLE' + out.slice(i + 6);
  }],
];

const TEXT = 'title: Itâ€™s\r\nthe middle stays\r\nend: Ã©t\r\n  \n';
const EDITS: TextEdit[] = [
  { range: { start: TEXT.indexOf('â€™'), end: TEXT.indexOf('â€™') + 3 }, newText: '’' },
  { range: { start: TEXT.indexOf('Ã©'), end: TEXT.indexOf('Ã©') + 2 }, newText: 'é' },
];

describe('assertOnlyEditsChanged', () => {
  it('accepts the real applyEdits, and an insertion and a deletion', () => {
    assertOnlyEditsChanged(TEXT, EDITS, applyEdits(TEXT, EDITS));
    const insert: TextEdit[] = [{ range: { start: 0, end: 0 }, newText: '---\n' }, { range: { start: 7, end: 12 }, newText: '' }];
    assertOnlyEditsChanged(TEXT, insert, applyEdits(TEXT, insert));
  });

  for (const [name, broken] of BROKEN) {
    it(`rejects an applyEdits that ${name}`, () => {
      const out = broken(TEXT, EDITS);
      assert.notEqual(out, applyEdits(TEXT, EDITS), 'the broken applier must differ from the real one on this input');
      assert.throws(() => assertOnlyEditsChanged(TEXT, EDITS, out), assert.AssertionError);
    });
  }

  it('rejects a change outside the edits even when the length still matches (found from the texts alone)', () => {
    const out = applyEdits(TEXT, EDITS).replace('title', 'TITLE');
    assert.throws(() => assertOnlyEditsChanged(TEXT, EDITS, out), /before the first edit/);
  });

  it('accepts an insertion the texts alone cannot place (`<` inserted into `---`)', () => {
    const text = '---\ntitle: A\n---\n';
    const insert: TextEdit[] = [{ range: { start: 1, end: 1 }, newText: '-<' }];
    assertOnlyEditsChanged(text, insert, applyEdits(text, insert));
  });

  it('rejects a change after the last edit, found from the texts alone', () => {
    const out = applyEdits(TEXT, EDITS).replace('  \n', ' \t\n');
    assert.throws(() => assertOnlyEditsChanged(TEXT, EDITS, out), /after the last edit/);
  });

  it('commonEnds measures the shared start and end of two texts', () => {
    assert.deepEqual(commonEnds('abcdef', 'abXYef'), { prefix: 2, suffix: 2 });
    assert.deepEqual(commonEnds('aaa', 'aaaa'), { prefix: 3, suffix: 3 });
    assert.deepEqual(commonEnds('same', 'same'), { prefix: 4, suffix: 4 });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detached, internalized } from '../../src/core/text';

describe('internalized', () => {
  it('gives back the same characters, for names an object treats apart too', () => {
    for (const s of ['', '__proto__', 'constructor', 'toString', '0', '01', '4294967295', '-1', 'r:/users', '\u0000', '💡 ’']) assert.equal(internalized(s), s);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => internalized(s) === s), { numRuns: 5000 });
  });

  it('gives one string for equal keys built apart, and keeps nothing between calls', () => {
    const route = '/configure/applications';
    const a = internalized('r:' + route);
    const b = internalized(`r:${route}`);
    assert.equal(a, b);
    // A name left behind would come back with the next call.
    assert.equal(internalized('x'), 'x');
    assert.equal(internalized('y'), 'y');
  });

  it('is what detached gives for long strings; short ones are kept as they are', () => {
    const long = 'A title of more than thirteen characters';
    assert.equal(detached(long), long);
    assert.equal(detached('short'), 'short');
    assert.equal(detached(undefined), undefined);
  });
});

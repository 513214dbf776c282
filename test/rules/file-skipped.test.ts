/**
 * file-skipped is reported by the engine before parsing, so it is tested here by
 * hand rather than through ruleTester: there is no text to convert to CRLF, and no
 * comment can silence it (the file is never read as text); only the config can.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rulesById } from '../../src/core/rules';
import { engineFor, span } from '../helpers/memoryHost';

const PAGE = 'articles/topic/index.md';
const page = '---\nclasses: topic-page\ntitle: T\ndescription: D\n---\n\nBody\n';

describe('file-skipped', () => {
  it('is a registered, unfixable rule', () => {
    assert.equal(rulesById.get('file-skipped')?.fixable, false);
  });

  it('valid: a readable UTF-8 page is checked, not skipped', async () => {
    const engine = await engineFor({ [PAGE]: page }, { docsRoot: 'articles' });
    assert.deepEqual(engine.check(PAGE).filter((f) => f.ruleId === 'file-skipped'), []);
  });

  for (const [name, bytes, message] of [
    ['NUL bytes: binary', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]), 'File skipped: it looks binary (it contains NUL bytes).'],
    ['invalid UTF-8', new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41, 0x0a]), 'File skipped: it is not valid UTF-8.'],
  ] as const) {
    it(`invalid: ${name}: one finding at 1:1`, async () => {
      const engine = await engineFor({ [PAGE]: bytes }, { docsRoot: 'articles' });
      const findings = engine.check(PAGE);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.message, f.severity, span('', f.range)]), [['file-skipped', message, 'warning', '1:1-1:1']]);
      assert.ok(engine.checkAll().has(PAGE), 'checkAll reports skipped files too');
    });
  }

  it('invalid: over maxFileSize, with the limit named', async () => {
    const engine = await engineFor({ [PAGE]: page }, { docsRoot: 'articles', maxFileSize: 20 });
    assert.deepEqual(engine.check(PAGE).map((f) => f.message), [`File skipped: it is ${page.length} bytes, over the 20 bytes limit (setting \`maxFileSize\`).`]);
  });

  it('an editor buffer for a skipped file is checked normally', async () => {
    const engine = await engineFor({ [PAGE]: new Uint8Array([0xff]) }, { docsRoot: 'articles' });
    assert.deepEqual(engine.check(PAGE, page).filter((f) => f.ruleId === 'file-skipped'), []);
  });

  it('severity from the config: off silences it, info lowers it', async () => {
    const off = await engineFor({ [PAGE]: new Uint8Array([0]) }, { docsRoot: 'articles', rules: { 'file-skipped': 'off' } });
    assert.deepEqual(off.check(PAGE), []);
    const info = await engineFor({ [PAGE]: new Uint8Array([0]) }, { docsRoot: 'articles', rules: { 'file-skipped': 'info' } });
    assert.deepEqual(info.check(PAGE).map((f) => f.severity), ['info']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVocabulary } from '../../../src/core/authoring/vocabulary';
import { applyEdits } from '../../../src/core/edits';
import { assertOnlyEditsChanged } from '../../helpers/fixes';
import { engineFor } from '../../helpers/memoryHost';

describe('vocabulary files', () => {
  it('reads YAML and JSON', () => {
    assert.deepEqual(parseVocabulary('topics:\n  - a\n  - b\nuseCase: [x]\n', 'v.yml'), { topics: ['a', 'b'], useCase: ['x'] });
    assert.deepEqual(parseVocabulary('\uFEFF{"contentType": ["index"]}', 'v.json'), { contentType: ['index'] });
  });
  it('rejects what the schema does not allow, in one line', () => {
    assert.throws(() => parseVocabulary('topic: [a]\n', 'v.yml'), { message: 'v.yml: the file has an unknown key `topic`' });
    assert.throws(() => parseVocabulary('topics: a\n', 'v.yml'), { message: 'v.yml: `topics` must be array' });
    assert.throws(() => parseVocabulary('topics: [a, a]\n', 'v.yml'), /v\.yml: `topics` must NOT have duplicate items/);
    assert.throws(() => parseVocabulary('{"topics": [', 'v.json'), /^Error: v\.json: not valid JSON/);
    assert.throws(() => parseVocabulary('topics: [a\n', 'v.yaml'), /v\.yaml: not valid YAML/);
  });
  it('refuses a mapping used as a key, however deep, at once (converting it grows exponentially)', () => {
    const deep = `topics: [a]\n${'{'.repeat(30)}${'}'.repeat(30)}: x\n`;
    assert.throws(() => parseVocabulary(deep, 'v.yml'), { message: 'v.yml: not valid YAML (a mapping or list used as a key is not supported)' });
    // An alias bomb stops at 100 aliases.
    const bomb = 'a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\ntopics: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    assert.throws(() => parseVocabulary(bomb, 'v.yml'), /^Error: v\.yml: not valid YAML \(.*[Aa]lias/);
  });
  it('a config naming a missing, broken or outside file reports it and checks nothing', async () => {
    const page = { 'articles/a.md': '---\ntitle: A\ntopics: [zz]\n---\n' };
    for (const [vocabulary, message] of [
      ['missing.yml', /^missing\.yml: /],
      ['../outside.yml', /^\.\.\/outside\.yml: outside the workspace/],
    ] as const) {
      const engine = await engineFor(page, { docsRoot: 'articles', vocabulary });
      assert.equal(engine.loaded.errors.length, 1);
      assert.match(engine.loaded.errors[0]?.message ?? '', message);
      assert.deepEqual(engine.check('articles/a.md').filter((f) => f.ruleId === 'taxonomy-unknown-value'), []);
    }
  });
  it('the did-you-mean suggestions replace only the value', async () => {
    const text = '---\ntitle: A\ntopics:\n  - usres # typo\n---\n';
    const engine = await engineFor({ 'articles/a.md': text, 'v.yml': 'topics: [users, user, uses-x]\n' }, { docsRoot: 'articles', vocabulary: 'v.yml' });
    const [finding] = engine.check('articles/a.md').filter((f) => f.ruleId === 'taxonomy-unknown-value');
    assert.equal(finding?.message, '`topics` value `usres` is not in the vocabulary. Did you mean `user` or `users`?');
    assert.equal(finding?.fix, undefined);
    assert.deepEqual(finding?.suggestions?.map((s) => s.title), ['Change `topics` value to `user`', 'Change `topics` value to `users`']);
    // Equally near (two edits each): sorted by value.
    const first = finding?.suggestions?.[1];
    assert.ok(first);
    const fixed = applyEdits(text, first.edits);
    assertOnlyEditsChanged(text, first.edits, fixed);
    assert.equal(fixed, '---\ntitle: A\ntopics:\n  - users # typo\n---\n');
    assert.deepEqual(engine.check('articles/a.md', fixed).filter((f) => f.ruleId === 'taxonomy-unknown-value'), []);
  });
});

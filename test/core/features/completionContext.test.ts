import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import schema from '../../../schemas/topic-page.frontmatter.schema.json';
import { frontMatterContext, hrefAt, isInsideHref, schemaKeys, schemaValues } from '../../../src/core/features/completionContext';

/** The text with `|` removed and the offset where it was. */
function at(marked: string): [string, number] {
  const i = marked.indexOf('|');
  return [marked.slice(0, i) + marked.slice(i + 1), i];
}

describe('hrefAt / isInsideHref', () => {
  it('finds the value being typed, with the range up to the closing quote', () => {
    const [text, offset] = at('<li><a class="x" href="/us|ers">Users</a></li>');
    const ctx = hrefAt(text, offset);
    assert.deepEqual(ctx, { value: { start: 23, end: 29 }, typed: '/us' });
    assert.equal(text.slice(ctx?.value.start, ctx?.value.end), '/users');
  });

  it('handles single quotes, spaces around = and an unclosed value', () => {
    assert.equal(hrefAt(...at("<a href = '/a|"))?.typed, '/a');
    assert.equal(hrefAt(...at('<a href="|'))?.typed, '');
  });

  for (const marked of ['<a href="/x">te|xt</a>', '<a class="|x" href="/y">', 'href="/x|"', '<a href=/x|>', '<a title="a" |href="/x">', '</a href="|">']) {
    it(`is outside in ${marked}`, () => assert.equal(isInsideHref(...at(marked)), false));
  }
  it('is inside at the start and the end of the value', () => {
    assert.equal(isInsideHref(...at('<a href="|/x">')), true);
    assert.equal(isInsideHref(...at('<a href="/x|">')), true);
  });
});

describe('frontMatterContext', () => {
  const fm = (body: string): ReturnType<typeof frontMatterContext> => frontMatterContext(...at(`---\n${body}\n---\n<p>body</p>\n`));

  it('completes keys at the start of a line, listing the keys already there', () => {
    const ctx = fm('title: A\nde|');
    assert.equal(ctx?.kind, 'key');
    assert.deepEqual(ctx?.kind === 'key' && ctx.existing, ['title', 'de']);
  });

  it('completes the value of a key', () => {
    const ctx = fm('contentType: con|');
    assert.deepEqual(ctx, { kind: 'value', key: 'contentType', inList: false, typed: 'con', replace: { start: 17, end: 20 } });
  });

  it('completes list items under their key', () => {
    const ctx = fm('contentType:\n  - how-to\n  - |');
    assert.equal(ctx?.kind === 'value' && ctx.key, 'contentType');
    assert.equal(ctx?.kind === 'value' && ctx.inList, true);
  });

  it('is undefined outside the front matter and in flow values', () => {
    assert.equal(frontMatterContext(...at('---\ntitle: A\n---\n<p>|</p>')), undefined);
    assert.equal(fm('topics: [a, |'), undefined);
    assert.equal(frontMatterContext(...at('no front matter|')), undefined);
  });
});

describe('schema completions', () => {
  it('lists the schema keys with required ones marked', () => {
    const keys = schemaKeys(schema);
    assert.deepEqual(keys.filter((k) => k.required).map((k) => k.key), ['classes', 'title', 'description']);
    assert.equal(keys.find((k) => k.key === 'topics')?.list, true);
    assert.equal(keys.find((k) => k.key === 'contentType')?.list, false);
  });

  it('offers enum members, booleans and topic-page', () => {
    assert.ok(schemaValues(schema, 'contentType', false).includes('how-to'));
    assert.ok(schemaValues(schema, 'contentType', true).includes('reference'));
    assert.deepEqual(schemaValues(schema, 'toc', false), ['true', 'false']);
    assert.deepEqual(schemaValues(schema, 'classes', false), ['topic-page']);
    assert.deepEqual(schemaValues(schema, 'nope', false), []);
  });
});

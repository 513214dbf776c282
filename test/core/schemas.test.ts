/**
 * The product's own JSON Schemas are compiled without a meta-schema check (src/core/schemaValidator.ts):
 * this test is that check. Each must be a valid JSON Schema, compile in strict mode apart from the
 * keywords editors read (`markdownDescription`), and the lazy validators must answer as Ajv does.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { lazyValidator } from '../../src/core/schemaValidator';
import { repoRoot } from '../helpers/corpus';

const dir = join(repoRoot(), 'schemas');
const schemas = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as object] as const);

describe("the product's JSON Schemas", () => {
  it('are valid against the JSON Schema meta-schema', () => {
    assert.ok(schemas.length >= 3, `schemas found: ${schemas.map(([f]) => f).join(', ')}`);
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [file, schema] of schemas) assert.ok(ajv.validateSchema(schema), `${file}: ${ajv.errorsText(ajv.errors)}`);
  });

  it('are rejected by the meta-schema check when broken (the check can fail)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    assert.equal(ajv.validateSchema({ type: 'strin' }), false);
    assert.equal(ajv.validateSchema({ properties: { title: { minLength: -1 } } }), false);
  });

  it('validate lazily exactly as a validating Ajv does', () => {
    const samples: unknown[] = [{}, { docsRoot: 'articles' }, { docsRoot: 3 }, { topics: ['a'] }, { topics: 'a' }, { title: 'T', description: 'D', classes: 'topic-page' }, { title: 1 }, [], 'text', null];
    for (const [file, schema] of schemas) {
      const reference = new Ajv({ allErrors: true, strict: false }).compile(schema);
      const lazy = lazyValidator(schema);
      for (const data of samples) {
        const expected = reference(data);
        assert.equal(lazy(data), expected, `${file}: ${JSON.stringify(data)}`);
        assert.deepEqual(lazy.errors, expected ? [] : reference.errors, `${file}: errors of ${JSON.stringify(data)}`);
      }
    }
  });
});

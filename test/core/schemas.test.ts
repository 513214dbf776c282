/**
 * The product's own JSON Schemas are validated by code generated from them (src/core/schemaValidator.ts,
 * scripts/generate-validators.mjs), with no meta-schema check at run time: this test is that check.
 * Each must be a valid JSON Schema, the generated file must be what the schemas give today, and each
 * generated validator must answer as a validating Ajv compiling the schema does.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import * as product from '../../src/core/schemaValidator';
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

  it('each has a generated validator, and the generated file is what the schemas give today', async () => {
    const script = (await import(pathToFileURL(join(repoRoot(), 'scripts', 'generate-validators.mjs')).href)) as { VALIDATORS: Record<string, string>; generateValidators(): string };
    assert.deepEqual(Object.values(script.VALIDATORS).sort(), schemas.map(([f]) => f).sort());
    const committed = readFileSync(join(repoRoot(), 'src', 'core', 'generated', 'validators.js'), 'utf8');
    assert.ok(committed === script.generateValidators(), 'src/core/generated/validators.js is out of date: run npm run generate:validators');
  });

  it('are validated by the generated code exactly as a validating Ajv does', () => {
    const samples: unknown[] = [
      {}, { docsRoot: 'articles' }, { docsRoot: 3 }, { rules: { 'link-broken': 'warn' } }, { rules: { 'link-broken': 'loud' } }, { extra: true },
      { topics: ['a'] }, { topics: 'a' }, { topics: [1] }, { title: 'T', description: 'D', classes: 'topic-page' }, { title: 1 }, { title: '' }, { toc: 'yes' },
      [], [{ from: '/a', to: '/b' }], [{ from: ['/a', '/c'], to: '/b' }], [{ from: '/a' }], [{ from: 1, to: '/b' }], 'text', null, 3,
    ];
    const validators: Record<string, product.ProductValidator> = {
      'topic-pages.config.schema.json': product.validateConfig,
      'topic-page.frontmatter.schema.json': product.validateFrontMatter,
      'topic-pages.redirects.schema.json': product.validateRedirects,
      'topic-pages.vocabulary.schema.json': product.validateVocabulary,
    };
    for (const [file, schema] of schemas) {
      const reference = new Ajv({ allErrors: true, strict: false }).compile(schema);
      const validate = validators[file];
      assert.ok(validate, `no generated validator for ${file}`);
      let invalid = 0;
      for (const data of samples) {
        const expected = reference(data);
        if (!expected) invalid++;
        assert.equal(validate(data), expected, `${file}: ${JSON.stringify(data)}`);
        assert.deepEqual(validate.errors, expected ? [] : reference.errors, `${file}: errors of ${JSON.stringify(data)}`);
      }
      assert.ok(invalid > 0 && invalid < samples.length, `${file}: the samples must hold valid and invalid data (${invalid} invalid)`);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { slugForTitle, topicPageTemplate, yamlScalar } from '../../src/extension/template';
import { engineFor } from '../helpers/memoryHost';

describe('new topic page template', () => {
  it('makes file-name slugs', () => {
    assert.equal(slugForTitle('Users & Roles'), 'users-roles');
    assert.equal(slugForTitle('  Café Déjà vu  '), 'cafe-deja-vu');
    assert.equal(slugForTitle('!!!'), 'topic');
  });

  for (const value of ['Plain title', 'Title: with colon', '- dash', 'yes', '42', "It's #1", 'trailing ', '"quoted"']) {
    it(`round-trips ${JSON.stringify(value)} through YAML`, () => {
      assert.equal(parse(`k: ${yamlScalar(value)}`).k, value);
    });
  }

  it('creates a topic page the engine finds no problem with', async () => {
    const text = topicPageTemplate('Billing & Plans', 'Pay for what you use: <plans> and invoices.');
    const engine = await engineFor({ 'articles/billing/index.md': text });
    assert.equal(engine.index.summary('articles/billing/index.md')?.isTopicPage, true);
    assert.deepEqual(engine.check('articles/billing/index.md').map((f) => `${f.ruleId}: ${f.message}`), []);
  });
});

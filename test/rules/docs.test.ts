/** Every rule has a page under docs/rules/, every page there belongs to a rule, and the facts on it match the rule. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocsPath } from '../../src/core/rule';
import { allRules } from '../../src/core/rules';
import { repoRoot } from '../helpers/corpus';

const root = repoRoot();
const docsDir = join(root, 'docs', 'rules');

describe('rule docs', () => {
  it('every rule has a docs page', () => {
    const missing = allRules.map((r) => ruleDocsPath(r.id)).filter((p) => !existsSync(join(root, p)));
    assert.deepEqual(missing, []);
  });

  it('every docs page names a rule', () => {
    const ids = new Set(allRules.map((r) => r.id));
    const orphans = readdirSync(docsDir).filter((f) => f.endsWith('.md') && !ids.has(f.slice(0, -3)));
    assert.deepEqual(orphans, []);
  });

  for (const rule of allRules) {
    it(`${rule.id}: heading, default severity, fixable, suggestions and sections match the rule`, () => {
      const path = join(root, ruleDocsPath(rule.id));
      if (!existsSync(path)) return; // reported above
      const text = readFileSync(path, 'utf8');
      assert.equal(text.split('\n')[0], `# ${rule.id}`);
      assert.match(text, new RegExp(`Default severity: \`${rule.defaultSeverity}\``));
      assert.match(text, new RegExp(`Fixable: ${rule.fixable ? 'yes' : 'no'}\\. Suggestions: ${rule.hasSuggestions ? 'yes' : 'no'}\\.`));
      for (const section of ['## Why it matters', '## Example', '## Fix', '## Configure', '## Suppress']) assert.ok(text.includes(section), `has ${section}`);
      assert.ok(text.includes(`topic-pages-disable-next-line ${rule.id}`), 'shows how to suppress it');
    });
  }
});

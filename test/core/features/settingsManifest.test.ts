import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../../src/core/engine';
import { allRules } from '../../../src/core/rules';
import { editorDefaults, RULE_SETTING_PREFIX, withRuleSettings } from '../../../src/core/features/settingsManifest';
import { MemoryFileHost } from '../../helpers/memoryHost';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: unknown } };

describe('rule settings in package.json', () => {
  it('match the rule list (regenerate with: node --import tsx scripts/generate-settings.mjs)', () => {
    assert.deepEqual(manifest.contributes.configuration, withRuleSettings(manifest, allRules).contributes?.configuration);
  });

  it('have one severity setting per rule with enum descriptions and a docs link', () => {
    const sections = manifest.contributes.configuration as { properties: Record<string, { enum: string[]; enumDescriptions: string[]; markdownDescription: string }> }[];
    const props = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, { enum: string[]; enumDescriptions: string[]; markdownDescription: string }>;
    for (const rule of allRules) {
      const p = props[RULE_SETTING_PREFIX + rule.id];
      assert.ok(p, rule.id);
      assert.equal(p.enum.length, p.enumDescriptions.length);
      assert.match(p.markdownDescription, new RegExp(`docs/rules/${rule.id}\\.md`));
    }
  });
});

describe('editorDefaults', () => {
  it('turns explicit severities and the docs root into engine defaults', () => {
    const values: Record<string, unknown> = { 'topicPages.rules.link-broken': 'warning', 'topicPages.rules.href-empty': 'default', 'topicPages.docsRoot': ' site ' };
    assert.deepEqual(editorDefaults(allRules, (k) => values[k]), { docsRoot: 'site', rules: { 'link-broken': 'warning' } });
    assert.deepEqual(editorDefaults(allRules, () => undefined), { rules: {} });
  });

  it('lets topic-pages.json win over the editor', async () => {
    const host = new MemoryFileHost({ 'topic-pages.json': JSON.stringify({ rules: { 'link-broken': 'info' } }), 'a.md': 'x' });
    const engine = await Engine.load(host, { defaults: { docsRoot: 'docs', rules: { 'link-broken': 'off', 'href-empty': 'warning' } } });
    assert.equal(engine.settings.docsRoot, 'docs');
    assert.deepEqual(engine.settings.severities, { 'link-broken': 'info', 'href-empty': 'warning' });
  });
});

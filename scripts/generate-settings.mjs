// Regenerates the per-rule severity settings (`topicPages.rules.*`) in package.json
// from the rule metadata. Run after adding or changing a rule:
//   node --import tsx scripts/generate-settings.mjs
// test/extension/settingsManifest.test.ts fails when package.json has drifted.
import { readFileSync, writeFileSync } from 'node:fs';

const { allRules } = await import('../src/core/rules/index.ts');
const { withRuleSettings } = await import('../src/core/features/settingsManifest.ts');

const file = new URL('../package.json', import.meta.url);
// Read right before writing: package.json is shared, never write from a stale copy.
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const updated = withRuleSettings(manifest, allRules);
writeFileSync(file, JSON.stringify(updated, null, 2) + '\n');
console.log(`package.json: ${allRules.length} rule settings`);

/** Editor settings as LSP clients send them (nested objects or dotted keys) become the engine's defaults. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editorDefaults } from '../../src/core/features/settingsManifest';
import { allRules } from '../../src/core/rules';
import { settingReader } from '../../src/server/server';

describe('server settings', () => {
  it('reads the topicPages section nested, as VS Code, Neovim and Helix send it', () => {
    const read = settingReader({ docsRoot: ' docs ', rules: { 'link-broken': 'off', 'title-missing': 'warning', 'mojibake': 'default' }, links: { updateOnMove: 'never' }, validate: { onType: false } });
    assert.deepEqual(editorDefaults(allRules, read), { docsRoot: 'docs', rules: { 'link-broken': 'off', 'title-missing': 'warning' } });
    assert.equal(read('topicPages.links.updateOnMove'), 'never');
    assert.equal(read('topicPages.validate.onType'), false);
  });

  it('reads dotted keys too, and ignores what is not a setting', () => {
    const read = settingReader({ 'rules.link-broken': 'info', 'docsRoot': 42 });
    assert.deepEqual(editorDefaults(allRules, read), { rules: { 'link-broken': 'info' } });
    assert.equal(read('topicPages.links.updateOnMove'), undefined);
  });
});

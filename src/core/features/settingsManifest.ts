import type { UserConfig } from '../config';
import type { Rule } from '../rule';
import type { SeveritySetting } from '../types';

/** Prefix of the per-rule severity settings: `topicPages.rules.link-broken`. */
export const RULE_SETTING_PREFIX = 'topicPages.rules.';
/** Id of the generated `contributes.configuration` section. */
export const RULES_SECTION_ID = 'topicPages.rules';
export const DOCS_URL = 'https://github.com/topic-pages/topic-pages/blob/main/docs/rules/';

const SEVERITIES = ['default', 'error', 'warning', 'info', 'off'] as const;

/** A `contributes.configuration` section, as VS Code reads it. */
export interface ConfigurationSection {
  readonly id: string;
  readonly title: string;
  readonly order: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** One severity setting per rule, generated from the rule metadata. */
export function ruleSettingsSection(rules: readonly Rule[]): ConfigurationSection {
  const properties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    properties[RULE_SETTING_PREFIX + rule.id] = {
      type: 'string',
      scope: 'resource',
      enum: [...SEVERITIES],
      enumDescriptions: [
        `Use the severity from \`topic-pages.json\`, else the rule's default (\`${rule.defaultSeverity}\`).`,
        'Report as an error.',
        'Report as a warning.',
        'Report as information.',
        'Do not run this rule.',
      ],
      default: 'default',
      markdownDescription: `${rule.description}${rule.fixable ? ' Has a safe fix (applied by fix-all and `--fix`).' : ''}${rule.hasSuggestions ? ' Offers suggestions (quick fixes you choose one by one).' : ''} Default severity: \`${rule.defaultSeverity}\`. A \`rules\` entry in \`topic-pages.json\` takes precedence. [Documentation](${DOCS_URL}${rule.id}.md)`,
    };
  }
  return { id: RULES_SECTION_ID, title: 'Rules', order: 2, properties };
}

interface Manifest {
  contributes?: { configuration?: unknown };
  [key: string]: unknown;
}

/** `manifest` with its generated rules section replaced (or added); other sections untouched. */
export function withRuleSettings<T extends Manifest>(manifest: T, rules: readonly Rule[]): T {
  const contributes = { ...(manifest.contributes ?? {}) };
  const existing = contributes.configuration;
  const sections: unknown[] = Array.isArray(existing) ? [...(existing as unknown[])] : existing ? [existing] : [];
  const generated = ruleSettingsSection(rules);
  const at = sections.findIndex((s) => typeof s === 'object' && s !== null && (s as { id?: unknown }).id === RULES_SECTION_ID);
  if (at >= 0) sections[at] = generated;
  else sections.push(generated);
  return { ...manifest, contributes: { ...contributes, configuration: sections } };
}

/** The engine defaults that the editor's `topicPages.*` settings give; `read` returns a setting's value. */
export function editorDefaults(rules: readonly Rule[], read: (key: string) => unknown): UserConfig {
  const severities: Record<string, SeveritySetting> = {};
  for (const rule of rules) {
    const v = read(RULE_SETTING_PREFIX + rule.id);
    if (v === 'error' || v === 'warning' || v === 'info' || v === 'off') severities[rule.id] = v;
  }
  const docsRoot = read('topicPages.docsRoot');
  return { ...(typeof docsRoot === 'string' && docsRoot.trim() !== '' ? { docsRoot: docsRoot.trim() } : {}), rules: severities };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ruleDocsPath } from '../../core/rule';

/** The rules' documentation pages (`docs/rules/<id>.md`), bundled into the CLI by scripts/build.mjs. */
declare const TOPIC_PAGES_RULE_DOCS: Readonly<Record<string, string>> | undefined;

let fromSource: Map<string, string | undefined> | undefined;

/** The Markdown of a rule's documentation page; undefined for an unknown rule. */
export function ruleDoc(ruleId: string): string | undefined {
  if (typeof TOPIC_PAGES_RULE_DOCS === 'object') return Object.hasOwn(TOPIC_PAGES_RULE_DOCS, ruleId) ? TOPIC_PAGES_RULE_DOCS[ruleId] : undefined;
  // Run from source (tests): read the page from the repository.
  fromSource ??= new Map();
  if (!fromSource.has(ruleId)) fromSource.set(ruleId, readFromRepository(ruleId));
  return fromSource.get(ruleId);
}

function readFromRepository(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const page = join(dir, ruleDocsPath(ruleId));
    if (existsSync(join(dir, 'package.json'))) return existsSync(page) ? readFileSync(page, 'utf8') : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

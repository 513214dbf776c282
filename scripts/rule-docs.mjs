// The rules' documentation pages (docs/rules/<id>.md) by rule id: bundled into the CLI by
// scripts/build.mjs as TOPIC_PAGES_RULE_DOCS, for SARIF's `help` (src/cli/formats/ruleDocs.ts).
import { readdirSync, readFileSync } from 'node:fs';

export function ruleDocs() {
  const dir = new URL('../docs/rules/', import.meta.url);
  return Object.fromEntries(
    readdirSync(dir).filter((name) => name.endsWith('.md')).sort()
      .map((name) => [name.slice(0, -3), readFileSync(new URL(name, dir), 'utf8')]),
  );
}

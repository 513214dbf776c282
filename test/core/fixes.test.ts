/**
 * Fix-all on real pages (the auth0-docs corpus and the example workspace): it settles, every
 * pass changes only the bytes of its edits, no fixable finding is left, and fixing adds no
 * finding that was not there before (a fix never breaks something else).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compatibleFixEdits, fixAll } from '../../src/core/edits';
import { Engine } from '../../src/core/engine';
import type { Finding, TextEdit } from '../../src/core/types';
import { CORPUS_CONFIG, CORPUS_DIR, corpusArticles, exampleFiles, sharedDataMissing, stubWorkspace } from '../helpers/corpus';
import { assertOnlyEditsChanged } from '../helpers/fixes';
import { engineFor, MemoryFileHost } from '../helpers/memoryHost';

/** Findings per rule (messages hold line numbers and hrefs that fixes change, so count instead). */
function perRule(findings: readonly Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/**
 * Findings a fix may rightly add, judged one by one (`path rule` -> why).
 * Converting a literal Markdown link to an <a> makes it a real link, which can then be a
 * true duplicate of another link on the page.
 */
const REVEALED_BY_FIXES = new Map<string, string>([
  ['articles/billing/index.md link-duplicate', 'line 40: `[Payment Methods](/billing/payment-methods)` becomes an <a> and duplicates the item link on line 52'],
  // Adding `classes: topic-page` makes the topic-page rules apply to identity-labs/index.md:
  ['articles/identity-labs/index.md title-missing', 'it has no `title` (corpus NOTES) and no header <h1> to take one from'],
  ['articles/identity-labs/index.md link-broken', 'line 22: `[documentation home page](/)`: no articles/index.md among the PATHS.txt paths'],
]);

/** Runs fix-all on one page and checks it; returns how many fixable findings it fixed. */
function fixPage(engine: Engine, path: string): number {
  const original = engine.index.text(path) ?? '';
  const before = engine.check(path, original);
  const passes: { text: string; edits: TextEdit[] }[] = [];
  const { text: fixed, passes: count } = fixAll(original, (text) => {
    const findings = engine.check(path, text);
    passes.push({ text, edits: compatibleFixEdits(findings) });
    return findings;
  });
  assert.ok(count < 10, `${path}: fix-all settles (took ${count} passes)`);
  for (let i = 0; i + 1 < passes.length; i++) {
    const pass = passes[i];
    const next = passes[i + 1];
    if (pass && next) assertOnlyEditsChanged(pass.text, pass.edits, next.text);
  }
  const after = engine.check(path, fixed);
  assert.deepEqual(after.filter((f) => f.fix).map((f) => `${f.ruleId}: ${f.message}`), [], `${path}: no fixable finding left`);
  const was = perRule(before);
  const grew = [...perRule(after)].filter(([rule, n]) => n > (was.get(rule) ?? 0)).map(([rule]) => `${path} ${rule}`);
  assert.deepEqual(grew.filter((k) => !REVEALED_BY_FIXES.has(k)), [], `${path}: fixing added no finding`);
  // Every fixable finding is gone (asserted above): the count of fixes applied.
  return before.filter((f) => f.fix).length;
}

describe('fix-all on the auth0-docs corpus', () => {
  // Each test skips with the reason (a skipped suite would hide how many tests did not run).
  const skip = sharedDataMissing(join(CORPUS_DIR, 'articles'), join(CORPUS_DIR, 'PATHS.txt'));
  let engine: Engine;
  let pages: string[];
  before(async () => {
    if (skip) return;
    const articles = corpusArticles();
    engine = await engineFor(stubWorkspace(articles), CORPUS_CONFIG);
    pages = Object.keys(articles).filter((p) => engine.index.isPagePath(p)).sort();
  });

  it('settles, stays local, leaves nothing fixable and breaks nothing, page by page', { skip }, () => {
    let removed = 0;
    for (const path of pages) removed += fixPage(engine, path);
    assert.ok(removed > 0, 'the corpus has fixable defects, and fixing removed them');
  });
});

describe('fix-all on examples/docs', () => {
  it('settles, stays local, leaves nothing fixable and breaks nothing, page by page', async () => {
    const engine = await Engine.load(new MemoryFileHost(exampleFiles()));
    let removed = 0;
    for (const path of engine.index.pagePaths()) removed += fixPage(engine, path);
    // Planted safe fixes: mojibake, markdown-link-in-html, include-links-malformed, link-relative.
    assert.ok(removed >= 4, `the planted fixable defects were fixed (${removed})`);
  });
});

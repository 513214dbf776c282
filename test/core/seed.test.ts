/**
 * The Users topic page seed (`../shared/seed/users-topic-page.md`), checked at
 * `articles/users/index.md` inside a workspace made of every path the auth0-docs
 * corpus lists (as title-only stub pages), so routes resolve like the real repo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compatibleFixEdits, fixAll } from '../../src/core/edits';
import type { Engine } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';
import { CORPUS_CONFIG, CORPUS_DIR, SEED_FILE, sharedDataMissing, stubWorkspace } from '../helpers/corpus';
import { assertOnlyEditsChanged } from '../helpers/fixes';
import { describeFindings, engineFor } from '../helpers/memoryHost';

const PAGE = 'articles/users/index.md';
const missing = sharedDataMissing(SEED_FILE, join(CORPUS_DIR, 'PATHS.txt'));

/** The four defects the seed was written to contain: each must be reported exactly here. */
const PLANTED = [
  // `[extensions](/extensions)` inside the <p> of a topic list: printed literally (the <ul> HTML block has no blank line).
  'markdown-link-in-html 65:23-65:48',
  // `Auth0â€™s`: UTF-8 `’` misread as Windows-1252.
  'mojibake 79:38-79:41',
  // `<a href="/"></a>`: nothing to click. Range: the whole element.
  'link-text-empty 83:42-83:58',
  // `<p>\n    </p>`: the empty description, from `<p` to after `</p>`.
  'link-description-empty 84:5-85:9',
];

/** Every other finding, each examined and judged true. */
const JUDGED_TRUE = [
  // `/users/bulk-importing-users-into-auth0`: `users/` was listed completely and has no such page
  // (the corpus NOTES say the stored users/index.md never links it; it comes from another version).
  'link-broken 52:51-52:89',
  // Second link to `/extensions/delegated-admin` (first on line 63, the parent item): a real duplicate.
  'link-duplicate 69:55-69:82',
  // `/onboarding/appliance-sprint`: `onboarding/` is absent from PATHS.txt (never listed), so in this
  // workspace no page serves it. True for the workspace we built; the live site may have it.
  'link-broken 77:51-77:79',
  // `/`: PATHS.txt has no `articles/index.md` (the root listing stopped after 100 rows). The link is a
  // placeholder anyway (empty text, empty description), so reporting it is right.
  'link-broken 83:51-83:52',
];

/** Findings the fixes cannot remove: the empty link and its description need a target page, and `/` has none. */
const NO_SAFE_FIX = ['link-text-empty 83:42-83:58', 'link-description-empty 84:5-85:9'];

async function load(seed: string): Promise<Engine> {
  return engineFor(stubWorkspace({ [PAGE]: seed }), CORPUS_CONFIG);
}

test('seed: exact findings in a workspace of the corpus paths', { skip: missing }, async () => {
  const seed = readFileSync(SEED_FILE, 'utf8');
  const engine = await load(seed);
  const findings = engine.check(PAGE);
  assert.deepEqual(describeFindings(seed, findings).sort(), [...PLANTED, ...JUDGED_TRUE].sort());

  const by = (id: string): Finding | undefined => findings.find((f) => f.ruleId === id);
  assert.match(by('markdown-link-in-html')?.message ?? '', /\[extensions\]\(\/extensions\)/);
  assert.match(by('mojibake')?.message ?? '', /`â€™`.*`’`/);
  assert.match(by('link-text-empty')?.message ?? '', /`\/`/);
  assert.match(by('link-duplicate')?.message ?? '', /already linked on line 63/);
  // The ambiguous routes (`.md` and `/index.md` both exist) resolve, so they are not broken.
  assert.ok(!findings.some((f) => f.ruleId === 'link-broken' && /\/users\/search`|delegated-admin`/.test(f.message)));
});

test('seed: fix all repairs the fixable defects and changes no other byte', { skip: missing }, async () => {
  const seed = readFileSync(SEED_FILE, 'utf8');
  const engine = await load(seed);
  const passes: { before: string; edits: ReturnType<typeof compatibleFixEdits> }[] = [];
  const { text: fixed } = fixAll(seed, (text) => {
    const findings = engine.check(PAGE, text);
    passes.push({ before: text, edits: compatibleFixEdits(findings) });
    return findings;
  });

  assert.ok(passes.length >= 2, 'fixAll made at least one pass with edits');
  // Stretch by stretch, each pass changed only what its edits cover.
  for (let i = 0; i + 1 < passes.length; i++) {
    const pass = passes[i];
    const next = passes[i + 1];
    if (pass && next) assertOnlyEditsChanged(pass.before, pass.edits, next.before);
  }
  // And the end result is exactly the two repairs, written out by hand.
  const expected = seed
    .replace('[extensions](/extensions)', '<a href="/extensions">extensions</a>')
    .replace('Auth0â€™s', 'Auth0’s');
  assert.notEqual(expected, seed);
  assert.equal(fixed, expected);

  const after = describeFindings(fixed, engine.check(PAGE, fixed));
  assert.ok(!after.some((f) => f.startsWith('markdown-link-in-html') || f.startsWith('mojibake')), after.join('\n'));
  for (const unfixable of NO_SAFE_FIX) assert.ok(after.includes(unfixable), `${unfixable} should remain (no safe fix)`);
  // The new <a href="/extensions"> resolves (articles/extensions/index.md), so the fix adds no finding.
  assert.deepEqual(after.filter((f) => f.startsWith('link-broken')).length, 3);
});

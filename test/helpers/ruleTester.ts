/**
 * A table-driven tester for one rule, in the spirit of ESLint's RuleTester.
 *
 *   ruleTester('link-text-empty', {
 *     valid: [{ name: 'has text', text: topicPage('<a href="/x">X</a>') }],
 *     invalid: [{ name: 'empty', text: ..., errors: [{ range: '6:1-6:15', message: /no text/ }], output: ... }],
 *   });
 *
 * For every invalid case it also checks, without more writing:
 * - the same findings at the same line:column in a CRLF copy and in a copy with a BOM;
 * - each fix alone: it changes only the bytes of its edits and removes its finding;
 * - all fixes together give `output` (LF, CRLF and BOM alike), and no fixable finding is left;
 * - each finding's first suggestion alone: it changes only the bytes of its edits and removes its
 *   finding; all first suggestions together give `suggested`; a rule without `hasSuggestions`
 *   offers none, and a suggestion is never a fix (`--fix` does not apply it);
 * - `disable-next-line` and file-level `disable` comments silence the rule, while the same
 *   comments naming another rule do not (so a comment that merely breaks the markup is caught);
 * - severity `off` and `info` from topic-pages.json.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UserConfig } from '../../src/core/config';
import { applyEdits, compatibleFixEdits } from '../../src/core/edits';
import { parsePage } from '../../src/core/page';
import { rulesById } from '../../src/core/rules';
import type { Finding } from '../../src/core/types';
import { applyFix, assertOnlyEditsChanged } from './fixes';
import { engineFor, span, toCrlf, withBom } from './memoryHost';

/** Where the page under test lives unless a case says otherwise (route `/topic`). */
export const PAGE = 'articles/topic/index.md';
const DEFAULT_CONFIG: UserConfig = { docsRoot: 'articles' };

export interface RuleCase {
  readonly name: string;
  /** The page under test, with LF line breaks. */
  readonly text: string;
  readonly path?: string;
  /** Other files of the workspace (targets of links, includes). */
  readonly files?: Readonly<Record<string, string>>;
  readonly config?: UserConfig;
}

export interface ExpectedFinding {
  /** One-based `line:column-endLine:endColumn`. */
  readonly range: string;
  /** The whole message, or a pattern for its stable part. */
  readonly message: string | RegExp;
  /** Whether the finding carries a fix; defaults to whether the case has an `output`. */
  readonly fix?: boolean;
  /** Whether the finding carries suggestions; defaults to whether the case has a `suggested`. */
  readonly suggestion?: boolean;
}

export interface InvalidCase extends RuleCase {
  readonly errors: readonly ExpectedFinding[];
  /** The page after applying every fix of this rule (with LF breaks). */
  readonly output?: string;
  /** The page after applying the first suggestion of each finding of this rule (with LF breaks). */
  readonly suggested?: string;
  /** Why the generated suppression tests do not apply (e.g. the finding is on the `---` line). */
  readonly noSuppressionTest?: string;
}

interface Variant {
  readonly label: string;
  readonly convert: (text: string) => string;
  /** The fixed text as the engine holds it (the BOM is kept out of the text). */
  readonly convertOutput: (text: string) => string;
}

const VARIANTS: readonly Variant[] = [
  { label: 'LF', convert: (t) => t, convertOutput: (t) => t },
  { label: 'CRLF', convert: toCrlf, convertOutput: toCrlf },
  { label: 'BOM', convert: withBom, convertOutput: (t) => t },
];

async function check(c: RuleCase, text: string, configExtra?: Partial<UserConfig>): Promise<{ findings: Finding[]; recheck: (t: string) => Finding[] }> {
  const path = c.path ?? PAGE;
  const config = { ...DEFAULT_CONFIG, ...c.config, ...configExtra };
  const engine = await engineFor({ ...c.files, [path]: text }, config);
  assert.deepEqual(engine.loaded.errors.map((e) => e.message), [], 'the test config is valid');
  return { findings: engine.check(path), recheck: (t) => engine.check(path, t) };
}

/** The rule's findings only. */
function only(ruleId: string, findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** Applies this rule's compatible fixes until none is left (like fixAll, restricted to one rule). */
function fixRule(ruleId: string, text: string, recheck: (t: string) => Finding[]): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const edits = compatibleFixEdits(only(ruleId, recheck(current)));
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

/** Inserts one comment line before each line that holds a finding; undefined when that cannot be done safely. */
function withNextLineComments(named: string, text: string, findings: readonly Finding[]): string | undefined {
  const page = parsePage(PAGE, text);
  const lines = [...new Set(findings.map((f) => page.lines.positionAt(f.range.start).line))].sort((a, b) => b - a);
  let out = text;
  for (const line of lines) {
    if (line === 0) return undefined;
    const at = page.lines.lineStart(line);
    if (page.ejsTags.some((t) => at > t.range.start && at < t.range.end)) return undefined;
    const inFrontMatter = page.frontMatter !== undefined && at < page.frontMatter.range.end;
    const comment = inFrontMatter ? `# topic-pages-disable-next-line ${named}` : `<!-- topic-pages-disable-next-line ${named} -->`;
    out = out.slice(0, at) + page.lines.indentAt(at) + comment + page.lines.eol + out.slice(at);
  }
  return out;
}

/** Inserts a file-level `disable` comment before the first finding: after the front matter, else inside it. */
function withFileComment(named: string, text: string, findings: readonly Finding[]): string | undefined {
  const page = parsePage(PAGE, text);
  const first = Math.min(...findings.map((f) => f.range.start));
  const eol = page.lines.eol;
  const fm = page.frontMatter;
  if (!fm) return `<!-- topic-pages-disable ${named} -->${eol}` + text;
  if (first >= fm.range.end) {
    const at = page.bodyStart + (text.startsWith(eol, page.bodyStart) ? eol.length : 0);
    return text.slice(0, at) + `<!-- topic-pages-disable ${named} -->${eol}` + text.slice(at);
  }
  if (first >= fm.contentRange.start) return text.slice(0, fm.contentRange.start) + `# topic-pages-disable ${named}${eol}` + text.slice(fm.contentRange.start);
  return undefined;
}

/** Registers the tests of one rule. */
export function ruleTester(ruleId: string, cases: { readonly valid: readonly RuleCase[]; readonly invalid: readonly InvalidCase[] }): void {
  const rule = rulesById.get(ruleId);
  describe(ruleId, () => {
    it('is a registered rule whose metadata matches its cases', () => {
      assert.ok(rule, `no rule ${ruleId}`);
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'needs valid and invalid cases');
      assert.equal(cases.invalid.some((c) => c.output !== undefined), rule.fixable, 'a fixable rule has a case with output, and only it');
      if (cases.invalid.some((c) => c.suggested !== undefined)) assert.ok(rule.hasSuggestions, 'a rule with a suggested case declares hasSuggestions');
    });

    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        for (const v of VARIANTS) {
          const { findings } = await check(c, v.convert(c.text));
          assert.deepEqual(only(ruleId, findings).map((f) => `${span(v.convert(c.text), f.range)} ${f.message}`), [], `${v.label}: no finding expected`);
        }
      });
    }

    for (const c of cases.invalid) {
      for (const v of VARIANTS) {
        it(`invalid (${v.label}): ${c.name}`, async () => {
          const text = v.convert(c.text);
          const lines = v.label === 'BOM' ? text.slice(1) : text;
          const { findings, recheck } = await check(c, text);
          const mine = only(ruleId, findings);
          assert.deepEqual(mine.map((f) => span(lines, f.range)), c.errors.map((e) => e.range), 'ranges');
          mine.forEach((f, i) => {
            const e = c.errors[i];
            if (!e) return;
            if (typeof e.message === 'string') assert.equal(f.message, e.message);
            else assert.match(f.message, e.message);
            assert.equal(f.severity, rule?.defaultSeverity, 'default severity');
            assert.equal(f.fix !== undefined, e.fix ?? c.output !== undefined, `finding ${i + 1} fix presence`);
            if (e.suggestion !== undefined || c.suggested !== undefined) assert.equal((f.suggestions?.length ?? 0) > 0, e.suggestion ?? true, `finding ${i + 1} suggestion presence`);
            if (!rule?.hasSuggestions) assert.equal(f.suggestions, undefined, `finding ${i + 1}: ${ruleId} does not declare hasSuggestions`);
          });
          // Each finding's first suggestion alone: local, and its finding goes away.
          for (const f of mine) {
            const first = f.suggestions?.[0];
            if (!first) continue;
            assert.ok(first.edits.length > 0, 'suggestion has edits');
            const suggested = applyEdits(lines, first.edits);
            assert.notEqual(suggested, lines, 'the suggestion changed nothing');
            assertOnlyEditsChanged(lines, first.edits, suggested);
            assert.ok(!only(ruleId, recheck(suggested)).some((a) => a.message === f.message && a.range.start === f.range.start), `"${f.message}" is gone after its suggestion`);
          }
          if (c.suggested !== undefined) {
            const edits = mine.flatMap((f) => f.suggestions?.[0]?.edits ?? []);
            assert.equal(applyEdits(lines, edits), v.convertOutput(c.suggested), 'output after the first suggestions');
          }
          // Each fix alone: local, and its finding goes away.
          for (const f of mine) {
            if (!f.fix) continue;
            const fixed = applyFix(lines, f);
            const after = only(ruleId, recheck(fixed));
            assert.ok(after.length < mine.length, `fixing "${f.message}" removed a ${ruleId} finding (${mine.length} -> ${after.length})`);
            assert.ok(!after.some((a) => a.message === f.message && a.range.start === f.range.start), `"${f.message}" is gone after its fix`);
          }
          if (c.output !== undefined) {
            const fixed = fixRule(ruleId, lines, recheck);
            assert.equal(fixed, v.convertOutput(c.output), 'output after all fixes');
            assert.deepEqual(only(ruleId, recheck(fixed)).filter((f) => f.fix).map((f) => f.message), [], 'no fixable finding left');
          }
        });
      }

      it(`invalid (suppressed): ${c.name}`, async (t) => {
        const { findings } = await check(c, c.text);
        const mine = only(ruleId, findings);
        let tested = 0;
        for (const [label, make] of [
          ['disable-next-line', (id: string) => withNextLineComments(id, c.text, mine)],
          ['file-level disable', (id: string) => withFileComment(id, c.text, mine)],
        ] as const) {
          const silenced = make(ruleId);
          const control = make(ruleId === 'mojibake' ? 'link-broken' : 'mojibake');
          if (silenced === undefined || control === undefined) continue;
          tested++;
          assert.deepEqual(only(ruleId, (await check(c, silenced)).findings).map((f) => f.message), [], `${label} silences ${ruleId}`);
          assert.equal(only(ruleId, (await check(c, control)).findings).length, mine.length, `${label} naming another rule silences nothing`);
        }
        const off = await check(c, c.text, { rules: { ...c.config?.rules, [ruleId]: 'off' } });
        assert.deepEqual(only(ruleId, off.findings), [], 'severity off');
        const info = await check(c, c.text, { rules: { ...c.config?.rules, [ruleId]: 'info' } });
        assert.deepEqual(only(ruleId, info.findings).map((f) => f.severity), mine.map(() => 'info'), 'severity info');
        if (tested === 0) {
          assert.ok(c.noSuppressionTest, 'comment suppression not testable here: say why in noSuppressionTest');
          t.diagnostic(`comments not tested: ${c.noSuppressionTest}`);
        }
      });
    }
  });
}

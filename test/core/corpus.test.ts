/**
 * The whole auth0-docs corpus (`../shared/corpus/auth0-docs/articles/**`, read from disk),
 * inside a workspace that also holds every path of PATHS.txt + PATHS-read-only.txt as a
 * title-only stub page, so routes resolve like the real repository.
 *
 * 1. Checking it never throws.
 * 2. A findings summary (counts per rule, then per file `line:col rule`) matches the committed
 *    snapshot test/rules/__snapshots__/corpus-summary.txt. Regenerate it with
 *    UPDATE_SNAPSHOTS=1 node --import tsx --test test/core/corpus.test.ts, then read the diff.
 * 3. link-broken agrees with the corpus's own heuristic LINK-CHECK.tsv, disagreements listed below.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Engine } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';
import { CORPUS_CONFIG, CORPUS_DIR, corpusArticles, repoRoot, sharedDataMissing, stubWorkspace } from '../helpers/corpus';
import { engineFor } from '../helpers/memoryHost';
import { LineIndex } from '../../src/core/text';

const SNAPSHOT = join(repoRoot(), 'test', 'rules', '__snapshots__', 'corpus-summary.txt');
// Each test skips with the reason (a skipped suite would hide how many tests did not run).
const skip = sharedDataMissing(join(CORPUS_DIR, 'articles'), join(CORPUS_DIR, 'PATHS.txt'), join(CORPUS_DIR, 'LINK-CHECK.tsv'));

/**
 * Links LINK-CHECK.tsv says resolve but we report broken, each judged: we are right.
 * Keyed `source<TAB>href`.
 */
const BROKEN_ALTHOUGH_TSV_RESOLVES = new Map<string, string>([
  [
    'articles/security/bulletins/index.md\t/security/bulletins/cve-2019-16929.md',
    'The href names the file (`.md`), not the route. The TSV heuristic strips `.md`; the site serves `/security/bulletins/cve-2019-16929`, '
      + 'not the `.md` URL (the corpus NOTES list it as a defect). We report it with "Did you mean `/security/bulletins/cve-2019-16929`?".',
  ],
]);

/**
 * Links LINK-CHECK.tsv marks MISSING that we do not report broken, each with the reason
 * (a redirect or a `url:` that serves the route). None today: the workspace has no redirects
 * file (config/redirects.js was not saved), and the TSV already applies `url:` overrides.
 */
const RESOLVED_ALTHOUGH_TSV_MISSING = new Map<string, string>();

interface Checked {
  readonly engine: Engine;
  readonly real: ReadonlySet<string>;
  readonly results: ReadonlyMap<string, readonly Finding[]>;
}

function textOf(engine: Engine, path: string): string {
  return engine.index.text(path) ?? '';
}

/** `line:col rule`, plus a note where the finding cannot be judged from this workspace. */
function describeFinding(engine: Engine, real: ReadonlySet<string>, path: string, f: Finding): string {
  const p = new LineIndex(textOf(engine, path)).positionAt(f.range.start);
  let note = '';
  const target = /^No heading or id `.*` on `(.+)`\./.exec(f.message)?.[1];
  if (f.ruleId === 'link-fragment' && target !== undefined && !real.has(target)) note = '  (target is a stub: its anchors are unknown)';
  return `${p.line + 1}:${p.character + 1} ${f.ruleId}${note}`;
}

function summary({ engine, real, results }: Checked): string {
  const counts = new Map<string, number>();
  let stubNotes = 0;
  const perFile: string[] = [];
  for (const [path, findings] of [...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    perFile.push(`${path}${real.has(path) ? '' : '  (stub page)'}`);
    for (const f of findings) {
      counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
      const line = describeFinding(engine, real, path, f);
      if (line.includes('(target is a stub')) stubNotes++;
      perFile.push(`  ${line}`);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const width = Math.max(...[...counts.keys()].map((k) => k.length));
  return [
    '# Findings of `topic-pages check` on the auth0-docs corpus (test/core/corpus.test.ts).',
    `# Workspace: ${real.size} corpus files under articles/ + ${engine.index.pagePaths().length - real.size} title-only stub pages for the other PATHS.txt paths.`,
    '# Config: docsRoot articles, siteBases /docs and https://auth0.com/docs, no redirects.',
    '# Regenerate: UPDATE_SNAPSHOTS=1 node --import tsx --test test/core/corpus.test.ts',
    '',
    `## Findings per rule (${total} in ${results.size} files; ${stubNotes} link-fragment findings point into stub pages)`,
    ...[...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, n]) => `${rule.padEnd(width)}  ${String(n).padStart(4)}`),
    '',
    '## Findings per file (line:column rule)',
    ...perFile,
    '',
  ].join('\n');
}

interface LinkCheckRow {
  readonly source: string;
  readonly sourceKind: string;
  readonly linkKind: string;
  readonly href: string;
  readonly status: string;
}

/** LINK-CHECK.tsv, by its header: source, source_kind, link_kind, href_or_include_key, link_text, status, candidates_or_target. */
function readLinkCheck(): LinkCheckRow[] {
  const [header = '', ...lines] = readFileSync(join(CORPUS_DIR, 'LINK-CHECK.tsv'), 'utf8').split(/\r?\n/);
  const columns = header.split('\t');
  const at = (name: string): number => {
    const i = columns.indexOf(name);
    assert.ok(i >= 0, `LINK-CHECK.tsv has a ${name} column`);
    return i;
  };
  const [source, sourceKind, linkKind, href, status] = ['source', 'source_kind', 'link_kind', 'href_or_include_key', 'status'].map(at);
  return lines.filter((l) => l.trim() !== '').map((l) => {
    const cells = l.split('\t');
    return { source: cells[source ?? 0] ?? '', sourceKind: cells[sourceKind ?? 0] ?? '', linkKind: cells[linkKind ?? 0] ?? '', href: cells[href ?? 0] ?? '', status: cells[status ?? 0] ?? '' };
  });
}

describe('auth0-docs corpus', () => {
  let checked: Checked;

  before(async () => {
    if (skip) return;
    const articles = corpusArticles();
    const engine = await engineFor(stubWorkspace(articles), CORPUS_CONFIG);
    checked = { engine, real: new Set(Object.keys(articles)), results: engine.checkAll() };
  });

  it('loads and checks every page without throwing, stub pages clean', { skip }, () => {
    const { engine, real, results } = checked;
    assert.deepEqual(engine.loaded.errors, []);
    assert.ok(real.size > 80, `read the corpus (${real.size} files)`);
    assert.ok(engine.index.pagePaths().length > 2700, 'the PATHS.txt stubs are pages of the workspace');
    assert.deepEqual([...results.keys()].filter((p) => !real.has(p)), [], 'a title-only stub page has no findings');
    assert.deepEqual([...engine.skippedFiles().keys()], [], 'no file skipped');
  });

  it('findings summary matches the snapshot', { skip }, () => {
    const actual = summary(checked);
    if (process.env['UPDATE_SNAPSHOTS'] === '1') {
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, actual);
      return;
    }
    assert.ok(existsSync(SNAPSHOT), `no snapshot at ${SNAPSHOT}: run with UPDATE_SNAPSHOTS=1 and review it`);
    assert.equal(actual, readFileSync(SNAPSHOT, 'utf8'));
  });

  it('link-broken agrees with LINK-CHECK.tsv', { skip }, () => {
    const { engine, results } = checked;
    // Our broken links, as written on the page (the text under the finding's range), per source.
    const broken = new Map<string, string[]>();
    for (const [path, findings] of results) {
      for (const f of findings) {
        if (f.ruleId !== 'link-broken') continue;
        const key = `${path}\t${textOf(engine, path).slice(f.range.start, f.range.end)}`;
        broken.set(key, [...(broken.get(key) ?? []), key]);
      }
    }
    const take = (key: string): boolean => {
      const list = broken.get(key);
      if (!list || list.length === 0) return false;
      list.pop();
      return true;
    };

    const missedMissing: string[] = [];
    const brokenButResolves: string[] = [];
    let agreedMissing = 0;
    let outOfScope = 0;
    for (const row of readLinkCheck()) {
      // link-broken checks topic pages only; other sources' links are out of its scope.
      if (!engine.index.summary(row.source)?.isTopicPage) {
        outOfScope++;
        continue;
      }
      const key = `${row.source}\t${row.href}`;
      const reported = take(key);
      if (row.status === 'MISSING') {
        if (reported) agreedMissing++;
        else if (!RESOLVED_ALTHOUGH_TSV_MISSING.has(key)) missedMissing.push(key);
      } else if (row.status === 'file' || row.status === 'url-override' || row.status.startsWith('ambiguous')) {
        if (reported && !BROKEN_ALTHOUGH_TSV_RESOLVES.has(key)) brokenButResolves.push(key);
        if (!reported && BROKEN_ALTHOUGH_TSV_RESOLVES.has(key)) assert.fail(`listed disagreement no longer happens, remove it: ${key}`);
      }
      // `unchecked`, `external`, `anchor`, `relative`, `EMPTY-HREF`: the TSV makes no claim we can hold it to.
    }
    const unmatched = [...broken.values()].flat();

    assert.deepEqual(missedMissing, [], 'every MISSING link of a topic page is reported broken');
    assert.deepEqual(brokenButResolves, [], 'no link the TSV resolves is reported broken');
    assert.deepEqual(unmatched, [], 'every link-broken finding is a link the TSV lists (its range covers the href exactly)');
    assert.equal(agreedMissing, 88, 'the 88 MISSING links of the 54 topic pages (corpus NOTES)');
    assert.ok(outOfScope > 0);
  });
});

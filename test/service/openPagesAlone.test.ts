/**
 * Before the workspace is listed, an open page gets its early findings (checkPageAlone): with no
 * folder known, what every rule finds without asking the workspace anything, which must be exactly
 * what that rule finds in the full check; with the folders its links lead into probed, what the
 * check after the listing finds, rule for rule. The service publishes them at once and replaces
 * them with the full check.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkPage, checkPageAlone, type Engine } from '../../src/core/engine';
import type { KnownFolders } from '../../src/core/earlyView';
import { parsePage, type Page } from '../../src/core/page';
import type { Finding } from '../../src/core/types';
import { WorkspaceIndex } from '../../src/core/workspace';
import { CORPUS_CONFIG, corpusArticles, CORPUS_DIR, exampleFiles, SEED_FILE, sharedDataMissing, stubWorkspace } from '../helpers/corpus';
import { describeFindings, engineFor } from '../helpers/memoryHost';
import { harnessFor, MemoryServiceHost } from '../helpers/serviceHarness';

/** Every checkable page of the engine that has a text, with it. */
function* pagesOf(engine: Engine): Generator<[string, string]> {
  for (const path of engine.checkablePaths()) {
    const text = engine.index.text(path);
    if (text !== undefined) yield [path, text];
  }
}

/** Every page of the engine: the page-alone findings are the full check's findings of the rules that did not defer. */
function assertAloneIsFullMinusDeferred(engine: Engine): { pages: number; alone: number; deferredFindings: number } {
  let alone = 0;
  let deferredFindings = 0;
  let pages = 0;
  for (const [path, text] of pagesOf(engine)) {
    pages++;
    const full = engine.check(path);
    const early = checkPageAlone(parsePage(path, text), engine.settings);
    const kept = full.filter((f) => !early.deferred.includes(f.ruleId));
    assert.deepEqual(describeFindings(text, early.findings), describeFindings(text, kept), path);
    assert.deepEqual(early.findings.map((f) => f.message), kept.map((f) => f.message), path);
    alone += early.findings.length;
    deferredFindings += full.length - kept.length;
  }
  return { pages, alone, deferredFindings };
}

/**
 * The early check with folders probed, as the service runs it: a pass that names the folders it
 * asks about, their files taken from `files`, again until nothing new is asked.
 */
function probedEarly(page: Page, engine: Engine, files: readonly string[]): { findings: Finding[]; deferred: string[]; passes: number; folders: number } {
  const folders = new Map<string, readonly string[] | null>();
  for (let passes = 1; ; passes++) {
    const r = checkPageAlone(page, engine.settings, { folders, discover: true });
    if (r.wanted.length === 0) return { ...r, passes, folders: folders.size };
    assert.ok(passes < 10, `still asking after ${passes} passes: ${r.wanted.join(', ')}`);
    for (const folder of r.wanted) folders.set(folder, files.filter((f) => f.slice(0, Math.max(0, f.lastIndexOf('/'))) === folder));
  }
}

/**
 * What the service's first check after the listing finds: every file known by name, no other page
 * read yet, the page itself indexed. The probed early check must find the same, rule for rule
 * (those it did not defer), with the same messages up to the hints worked out from every route.
 */
function assertProbedIsListingCheck(engine: Engine): { pages: number; early: number; deferredFindings: number; linkBroken: number } {
  const files = [...engine.index.filePaths()].sort();
  let pages = 0;
  let early = 0;
  let deferredFindings = 0;
  let linkBroken = 0;
  for (const [path, text] of pagesOf(engine)) {
    pages++;
    const page = parsePage(path, text);
    const listed = new WorkspaceIndex(engine.settings, false);
    for (const f of files) if (!listed.ignores(f)) listed.setFile(f);
    listed.setParsedPage(page);
    const full = checkPage(page, listed, undefined, { record: false });
    const r = probedEarly(page, engine, files);
    const kept = full.filter((f) => !r.deferred.includes(f.ruleId));
    assert.deepEqual(describeFindings(text, r.findings), describeFindings(text, kept), path);
    r.findings.forEach((f, i) => {
      const whole = kept[i]?.message ?? '';
      assert.ok(whole === f.message || (whole.startsWith(f.message) && whole.slice(f.message.length).startsWith(' Did you mean')), `${path}: ${f.message} / ${whole}`);
    });
    assert.ok(!r.deferred.includes('link-broken'), `${path}: link-broken deferred`);
    early += r.findings.length;
    linkBroken += r.findings.filter((f) => f.ruleId === 'link-broken').length;
    deferredFindings += full.length - kept.length;
  }
  return { pages, early, deferredFindings, linkBroken };
}

describe('the findings an open page holds with the folders its links lead into', () => {
  it('are the check after the listing, rule for rule (examples)', async () => {
    const r = assertProbedIsListingCheck(await engineFor(exampleFiles()));
    assert.ok(r.linkBroken >= 3 && r.early > 10, JSON.stringify(r));
  });

  it('are the check after the listing, rule for rule (corpus)', { skip: sharedDataMissing(CORPUS_DIR) }, async () => {
    const r = assertProbedIsListingCheck(await engineFor(new Map(Object.entries(stubWorkspace(corpusArticles()))), CORPUS_CONFIG));
    assert.ok(r.pages > 80 && r.linkBroken > 50 && r.early > 100, JSON.stringify(r));
  });

  it('on the seed: its broken links too, without their "Did you mean"', { skip: sharedDataMissing(SEED_FILE, CORPUS_DIR) }, async () => {
    const seed = readFileSync(SEED_FILE, 'utf8');
    const path = 'articles/users/index.md';
    const engine = await engineFor(new Map(Object.entries(stubWorkspace({ [path]: seed }))), CORPUS_CONFIG);
    const r = probedEarly(parsePage(path, seed), engine, [...engine.index.filePaths()].sort());
    const full = engine.check(path);
    assert.deepEqual(describeFindings(seed, r.findings, 'link-broken'), describeFindings(seed, full, 'link-broken'));
    assert.ok(describeFindings(seed, r.findings, 'link-broken').length >= 2);
    for (const id of ['link-description-empty', 'link-text-empty', 'markdown-link-in-html', 'mojibake']) assert.ok(r.findings.some((f) => f.ruleId === id), id);
    // A handful of folders, not the workspace: the page's own links and their parents.
    assert.ok(r.folders < 60 && r.passes <= 3, JSON.stringify({ folders: r.folders, passes: r.passes }));
  });

  it('defer a lookup in a folder that only the whole listing can tell about', async () => {
    const page = parsePage('articles/a.md', '---\nclasses: topic-page\ntitle: A\ndescription: About A.\n---\n<ul class="topic-links">\n  <li><a href="/linked/b">B</a><p>B.</p></li>\n  <li><a href="/plain/c">C</a><p>C.</p></li>\n</ul>\n');
    const engine = await engineFor(new Map([['articles/a.md', page.text]]));
    const folders: KnownFolders = new Map<string, readonly string[] | null>([['articles', ['articles/a.md']], ['articles/linked', null], ['articles/plain', []]]);
    const r = checkPageAlone(page, engine.settings, { folders });
    assert.deepEqual(r.wanted, []);
    assert.ok(r.deferred.includes('link-broken'));
    assert.ok(!r.findings.some((f) => f.ruleId === 'link-broken'));
    const asked = checkPageAlone(page, engine.settings, { folders: new Map([['articles', ['articles/a.md']]]), discover: true });
    assert.deepEqual(asked.wanted, ['articles/linked', 'articles/linked/b', 'articles/plain', 'articles/plain/c']);
  });
});

describe('the findings an open page holds alone', () => {
  it('are the full check of every rule that did not ask the workspace (examples)', async () => {
    const engine = await engineFor(exampleFiles());
    const r = assertAloneIsFullMinusDeferred(engine);
    assert.ok(r.alone > 5 && r.deferredFindings > 5, JSON.stringify(r));
  });

  it('are the full check of every rule that did not ask the workspace (corpus)', { skip: sharedDataMissing(CORPUS_DIR) }, async () => {
    const engine = await engineFor(new Map(Object.entries(stubWorkspace(corpusArticles()))), CORPUS_CONFIG);
    const r = assertAloneIsFullMinusDeferred(engine);
    assert.ok(r.pages > 80 && r.alone > 20 && r.deferredFindings > 20, JSON.stringify(r));
  });

  it('on the seed: its four planted defects at once; the broken links wait for the workspace', { skip: sharedDataMissing(SEED_FILE, CORPUS_DIR) }, async () => {
    const seed = readFileSync(SEED_FILE, 'utf8');
    const early = checkPageAlone(parsePage('articles/users/index.md', seed), (await engineFor(new Map(Object.entries(stubWorkspace({ 'articles/users/index.md': seed }))), CORPUS_CONFIG)).settings);
    // The empty link and the empty description need no other file; only their suggestions (the
    // target's title and description) do, and those come with the full check.
    assert.deepEqual(describeFindings(seed, early.findings).sort(), ['link-description-empty 84:5-85:9', 'link-text-empty 83:42-83:58', 'markdown-link-in-html 65:23-65:48', 'mojibake 79:38-79:41']);
    assert.ok(early.deferred.includes('link-broken'));
    assert.deepEqual(early.deferred.filter((id) => id === 'link-text-empty' || id === 'link-description-empty'), []);
  });
});

describe('suggestions that need the workspace', () => {
  it('are left out of the early finding and worked out by the full check', async () => {
    const page = '---\nclasses: topic-page\ntitle: A\ndescription: About A.\n---\n<ul class="topic-links">\n  <li><a href="/b"></a><p></p></li>\n</ul>\n';
    const engine = await engineFor(new Map([['articles/a.md', page], ['articles/b.md', '---\ntitle: Bee\ndescription: All about bees.\n---\n# Bee\n']]));
    const full = engine.check('articles/a.md');
    const early = checkPageAlone(parsePage('articles/a.md', page), engine.settings);
    const titles = (findings: typeof full, id: string): string[] => (findings.find((f) => f.ruleId === id)?.suggestions ?? []).map((x) => x.title);
    assert.deepEqual(titles(full, 'link-text-empty'), ['Use the target\'s title "Bee"']);
    assert.deepEqual(titles(full, 'link-description-empty'), ['Use the target\'s description "All about bees."']);
    assert.deepEqual(early.findings.map((f) => [f.ruleId, f.suggestions]), [['link-text-empty', undefined], ['link-description-empty', undefined]]);
  });
});

describe('WorkspaceService before the workspace is listed', () => {
  it('publishes an open page’s page-alone findings at once, then the full check', async () => {
    const files = exampleFiles();
    const path = 'articles/users/index.md';
    const text = files.get(path) ?? '';
    const host = new GatedHost(files);
    const h = harnessFor(host);
    const service = h.service;
    const of = (i: number): { partial: boolean; findings: string[] } | undefined => {
      const mine = h.publications.filter((c) => c.path === path);
      const p = mine[i < 0 ? mine.length + i : i];
      return p && { partial: p.partial, findings: describeFindings(text, p.findings) };
    };
    service.openDocument(path, 1, text);
    const loading = service.load();
    await host.listingStarted;
    assert.equal(h.publications.filter((p) => p.path === path).length, 1, 'published while the listing has not returned');
    const first = of(0);
    assert.equal(first?.partial, true);
    host.release();
    await loading;
    await service.whenIdle();
    const last = of(-1);
    assert.equal(last?.partial, false);
    const engine = await engineFor(files);
    const full = describeFindings(text, engine.check(path));
    assert.deepEqual(last?.findings, full);
    // The folders its links lead into were probed: its broken links are among the early findings.
    assert.deepEqual(first?.findings, full);
    assert.ok(first?.findings.some((f) => f.startsWith('link-broken ')), JSON.stringify(first?.findings));
  });

  it('publishes them for a page opened while the listing runs', async () => {
    const files = exampleFiles();
    const path = 'articles/users/index.md';
    const text = files.get(path) ?? '';
    const host = new GatedHost(files);
    const h = harnessFor(host);
    const loading = h.service.load();
    await host.listingStarted;
    h.service.openDocument(path, 1, text);
    await until(() => h.publications.length > 0);
    assert.deepEqual(h.publications.map((p) => [p.path, p.partial]), [[path, true]], 'published before the listing returned');
    host.release();
    await loading;
    await h.service.whenIdle();
    const full = describeFindings(text, (await engineFor(files)).check(path));
    assert.deepEqual(describeFindings(text, h.publications.filter((p) => p.path === path).at(-1)?.findings ?? []), full);
  });

  it('leaves a page with links into too many folders to the listing', async () => {
    const links = Array.from({ length: 300 }, (_, i) => `  <li><a href="/f${i}/page">P${i}</a><p>P.</p></li>`).join('\n');
    const text = `---\nclasses: topic-page\ntitle: Many\ndescription: Many links.\n---\n<p>Itâ€™s</p>\n<ul class="topic-links">\n${links}\n</ul>\n`;
    const path = 'articles/many.md';
    const host = new GatedHost(new Map([[path, text]]));
    let probed = 0;
    const list = host.listFolder.bind(host);
    host.listFolder = async (folder) => {
      probed++;
      return list(folder);
    };
    const h = harnessFor(host);
    h.service.openDocument(path, 1, text);
    const loading = h.service.load();
    await host.listingStarted;
    await until(() => h.publications.length > 0);
    // 600 folders asked: none probed, link-broken waits for the listing; the mojibake does not.
    assert.equal(probed, 0);
    assert.deepEqual(h.publications[0]?.findings.map((f) => f.ruleId), ['mojibake']);
    host.release();
    await loading;
    await h.service.whenIdle();
    assert.equal(h.live.get(path)?.filter((f) => f.startsWith('link-broken ')).length, 300);
  });

  it('does not miss a page created while the first listing runs', async () => {
    const files = exampleFiles();
    const host = new GatedHost(files, true);
    const h = harnessFor(host);
    const loading = h.service.load();
    await host.listingStarted;
    // Written after the listing passed its folder (the listing answers what it saw at its start).
    const created = 'articles/users/created-meanwhile.md';
    host.files.set(created, '---\nclasses: topic-page\ntitle: New\ndescription: Written while listing.\n---\n<ul class="topic-links">\n  <li><a href="/nowhere">Nowhere</a><p>Gone.</p></li>\n</ul>\n');
    await h.service.filesChanged([{ path: created, type: 'created' }]);
    host.release();
    await loading;
    await h.service.whenIdle();
    assert.equal(h.service.index?.summary(created)?.title, 'New');
    assert.deepEqual(h.live.get(created)?.map((f) => f.split(' ')[0]), ['link-broken']);
  });

  it('publishes nothing early for a file the settings do not make a page', async () => {
    const files = exampleFiles();
    const path = 'README-not-a-page.md';
    files.set(path, '# Not under the docs root\n\nâ€™\n');
    const host = new GatedHost(files);
    const h = harnessFor(host);
    h.service.openDocument(path, 1, files.get(path) ?? '');
    const loading = h.service.load();
    await host.listingStarted;
    assert.deepEqual(h.published, []);
    host.release();
    await loading;
    await h.service.whenIdle();
    assert.equal(h.live.has(path), false);
  });
});

/** Turns of the event loop until `done` holds (the early check probes folders first), at most 1,000. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A memory host whose listing waits until released: what the service does before the workspace is listed. */
class GatedHost extends MemoryServiceHost {
  /** `snapshot`: the listing answers the files present when it started, as a real listing that already passed a folder. */
  constructor(
    files: ConstructorParameters<typeof MemoryServiceHost>[0],
    private readonly snapshot = false,
  ) {
    super(files);
  }
  private open: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private started: (() => void) | undefined;
  readonly listingStarted = new Promise<void>((resolve) => (this.started = resolve));

  override async listFiles(): Promise<readonly string[]> {
    const atStart = this.snapshot ? await super.listFiles() : undefined;
    this.started?.();
    await this.gate;
    return atStart ?? super.listFiles();
  }

  release(): void {
    this.open?.();
  }
}

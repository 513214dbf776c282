/**
 * A one-shot check that loads front matter first (`frontMatterFirst`, the CLI's `check`) parses
 * each page once, in its check, and reports exactly what the service reports after a full load:
 * a page whose check needs another page's body (a `#fragment` on it) waits until every body is
 * indexed, and is published once, with its final findings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkPageOrWait } from '../../src/core/engine';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { frontMatterFacts, parsePage } from '../../src/core/page';
import { WorkspaceService, type ServiceOptions } from '../../src/core/service/service';
import { defaultSettings, WorkspaceIndex } from '../../src/core/workspace';
import { findingKeys, harnessFor, MemoryServiceHost, serviceFor, sorted, type Harness } from '../helpers/serviceHarness';
import { topicPage } from '../helpers/memoryHost';
import { otherArb, pageArb, pathArb, plainArb, render, renderPlain } from '../helpers/workspaceArbitraries';

const RUNS = Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? 60);
const SEED = process.env['TOPIC_PAGES_PROPERTY_SEED'] ? Number(process.env['TOPIC_PAGES_PROPERTY_SEED']) : undefined;
/** The options the CLI's `check` runs with. */
const ONE_SHOT: ServiceOptions = { frontMatterFirst: 'all', recordDependencies: false, backlinks: false };
/** The language server's: every page by its front matter first, the texts kept for the checks, pages the tree needs whole checked first. */
const SERVER: ServiceOptions = { frontMatterFirst: true };


function duplicates(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((p) => (seen.has(p) ? true : (seen.add(p), false)));
}

function pagesOf(h: Harness): number {
  return h.service.checkablePaths().length;
}

describe('a check that loads front matter first', () => {
  it('reports a fragment missing on a page whose body is parsed after the linking page, once, with its final findings', async () => {
    const files = {
      // Checked first (path order); the page it links to is parsed after it.
      'articles/a/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/b#setup">B</a><p>Setup.</p></li>\n  <li><a href="/b#gone">B</a><p>Gone.</p></li>\n</ul>\n'),
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\n## Setup\n\nText.\n',
    };
    const full = await serviceFor(files);
    const oneShot = await serviceFor(files, ONE_SHOT);
    const at = files['articles/a/index.md'].indexOf('#gone');
    const expected = [`link-fragment ${at}-${at + '#gone'.length} No heading or id \`gone\` on \`articles/b.md\`.`];
    assert.deepEqual(full.live.get('articles/a/index.md'), expected);
    assert.deepEqual(oneShot.live.get('articles/a/index.md'), expected);
    assert.deepEqual(sorted(oneShot.live), sorted(full.live));
    assert.deepEqual(oneShot.published, ['articles/b.md', 'articles/a/index.md'], 'the linking page waited for the body of the page it links to, and was published once');
    // Two pages, and the linking page's first check (it waited): three checks, each page parsed once more only when it waited.
    assert.equal(oneShot.service.checks, 3);
    assert.equal(oneShot.service.index?.bodilessCount, 0);
  });

  it('in the language server, parses each page of a first load once, and checks the pages the tree needs whole first', async () => {
    // More topic pages than the service keeps parsed (64): a topic page parsed when read and again at its check would show in the count.
    const files: Record<string, string> = {
      // In path order the plain pages come first; the topic pages and the untitled page (the tree labels it by its heading) go first all the same.
      'articles/a.md': '---\ntitle: A\ndescription: About A.\n---\nText.\n',
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\nSee [A](/a).\n',
      'articles/e.md': '---\ndescription: About E.\n---\n# E\n\nText.\n',
    };
    const topics = Array.from({ length: 70 }, (_, i) => `articles/t${String(i).padStart(2, '0')}/index.md`);
    topics.forEach((path, i) => {
      const next = i + 1 < topics.length ? `\n  <li><a href="/t${String(i + 1).padStart(2, '0')}">Next</a><p>The next one.</p></li>` : '';
      files[path] = topicPage(`<ul class="topic-links">\n  <li><a href="/${i % 2 ? 'a' : 'b'}">Page</a><p>A page.</p></li>${next}\n</ul>\n`);
    });
    const server = await serviceFor(files, SERVER);
    const full = await serviceFor(files);
    assert.deepEqual(sorted(server.live), sorted(full.live));
    assert.deepEqual(server.published, ['articles/e.md', ...topics, 'articles/a.md', 'articles/b.md']);
    assert.equal(server.service.parses, 73, 'one parse a page: its body indexed and its check share it');
    assert.equal(server.service.checks, 73);
    assert.deepEqual(server.service.treeSnapshot(), full.service.treeSnapshot());

    // The tree is whole once the last of those pages has its body: the server refreshes the view every second until then.
    const whole: string[] = [];
    const service: WorkspaceService = new WorkspaceService(new MemoryServiceHost(files), { onDiagnostics: (path) => whole.push(`${path} ${service.ready} ${service.treeWhole}`) }, SERVER);
    assert.equal(service.treeWhole, false);
    await service.load();
    await service.whenIdle();
    assert.deepEqual(whole, [
      'articles/e.md true false',
      ...topics.map((p, i) => `${p} true ${i === topics.length - 1}`),
      'articles/a.md true true',
      'articles/b.md true true',
    ]);
  });

  it('in the language server, the tree shows each topic page as it is read, with children to come, and its list once its body is parsed', async () => {
    const files = {
      'articles/t1/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/z">Z</a><p>About Z.</p></li>\n</ul>\n'),
      'articles/t2/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/t1">T1</a><p>The first.</p></li>\n</ul>\n'),
      'articles/z.md': '---\ntitle: Z\ndescription: About Z.\n---\nText.\n',
    };
    // t2's read waits for the first look at the tree, z's (the last page) for the second: both looks fall within the reading.
    const gates = new Map<string, { wait: Promise<void>; open: () => void }>();
    for (const path of ['articles/t2/index.md', 'articles/z.md']) {
      let open: () => void = () => undefined;
      const wait = new Promise<void>((resolve) => (open = resolve));
      gates.set(path, { wait, open });
    }
    const release = (path: string): void => gates.get(path)?.open();
    const host = new (class extends MemoryServiceHost {
      override async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
        await gates.get(path)?.wait;
        return super.readFile(path);
      }
    })(files);
    const h = harnessFor(host, SERVER);
    const loaded = h.service.load();
    const until = async (what: () => boolean): Promise<void> => {
      for (let i = 0; i < 1000 && !what(); i++) await new Promise((resolve) => setImmediate(resolve));
      assert.ok(what());
    };
    const roots = (): string[] => h.service.treeRoots().map((n) => `${n.target ?? n.id} ${n.hasChildren ? 'has children' : 'leaf'}${n.expanded ? ', expanded' : ''}`);
    await until(() => h.service.index?.summary('articles/t1/index.md') !== undefined);
    // Shown as it will be (a view cannot expand later a row it drew as a leaf); its children come once its list is parsed.
    assert.deepEqual(roots(), ['articles/t1/index.md has children, expanded'], 'read by its front matter: shown, its list to come');
    assert.deepEqual(h.service.treeChildren('articles/t1/index.md'), []);
    const changes = h.treeChanges;
    release('articles/t2/index.md');
    await until(() => h.service.index?.summary('articles/t2/index.md') !== undefined);
    assert.equal(h.service.ready, false);
    assert.ok(h.treeChanges > changes, 'the tree changed when the second topic page was read');
    assert.deepEqual(roots(), ['articles/t1/index.md has children, expanded', 'articles/t2/index.md has children, expanded']);
    release('articles/z.md');
    await loaded;
    await h.service.whenIdle();
    assert.deepEqual(roots(), ['articles/t2/index.md has children, expanded']);
    assert.deepEqual(h.service.treeChildren('articles/t2/index.md').map((n) => `${n.target} ${n.hasChildren ? 'has children' : 'leaf'}`), ['articles/t1/index.md has children']);
    assert.deepEqual(h.service.treeSnapshot(), (await serviceFor(files)).service.treeSnapshot());
  });

  it('checks a page whose links need no other body once', async () => {
    const files = {
      'articles/a/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/b">B</a><p>About B.</p></li>\n  <li><a href="/missing">M</a><p>Nowhere.</p></li>\n</ul>\n'),
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\nText.\n',
    };
    const oneShot = await serviceFor(files, ONE_SHOT);
    assert.deepEqual(oneShot.published, ['articles/a/index.md', 'articles/b.md']);
    assert.equal(oneShot.service.checks, 2);
    const at = files['articles/a/index.md'].indexOf('/missing');
    assert.deepEqual(oneShot.live.get('articles/a/index.md'), [`link-broken ${at}-${at + '/missing'.length} No page for route \`/missing\`.`]);
  });

  it('reports unreadable and binary pages as the full load does', async () => {
    const files = {
      'articles/a.md': topicPage('<ul class="topic-links">\n  <li><a href="/bin">Bin</a><p>Binary.</p></li>\n</ul>\n'),
      'articles/bin.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
      'articles/latin1.md': new Uint8Array([0x74, 0xe9, 0x0a]),
    };
    const full = await serviceFor(files);
    const oneShot = await serviceFor(files, ONE_SHOT);
    assert.ok(full.live.has('articles/bin.md') && full.live.has('articles/latin1.md'), 'both are skipped files with a finding');
    assert.deepEqual(sorted(oneShot.live), sorted(full.live));
  });

  it('equals the full load on random workspaces, each page published once', async () => {
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(pathArb, pageArb.map(render)), { minLength: 1, maxLength: 12 }),
        fc.array(otherArb, { maxLength: 2 }),
        fc.boolean(),
        async (pages, others, recordDependencies) => {
          const files = new Map<string, string>();
          for (const [path, text] of pages) files.set(path, text);
          for (const path of others) files.set(path, 'other');
          const full = await serviceFor(files);
          const oneShot = await serviceFor(files, { ...ONE_SHOT, recordDependencies });
          assert.deepEqual(sorted(oneShot.live), sorted(full.live));
          assert.equal(oneShot.service.index?.bodilessCount, 0);
          if (!recordDependencies) {
            // Without dependencies nothing is checked again, so each page is published exactly once.
            assert.deepEqual(duplicates(oneShot.published), []);
            assert.deepEqual([...oneShot.published].sort(), oneShot.service.checkablePaths());
            waited += oneShot.service.checks - pagesOf(oneShot);
          }
        },
      ),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    assert.ok(waited > 0, 'some random workspaces had a page wait for another page\'s body');
  });

  it('in the language server, equals the full load on random workspaces with open pages, and the tree is the same', async () => {
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(pathArb, fc.oneof(pageArb.map(render), plainArb.map(renderPlain))), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(pathArb, fc.oneof(pageArb.map(render), plainArb.map(renderPlain))), { maxLength: 2 }),
        fc.boolean(),
        async (pages, open, openFirst) => {
          const files = new Map<string, string>();
          for (const [path, text] of pages) files.set(path, text);
          // Documents opened before the first load (checked while it reads) or after it.
          const opened = async (options: ServiceOptions): Promise<Harness> => {
            const h = harnessFor(new MemoryServiceHost(files), options);
            if (openFirst) open.forEach(([path, text], i) => h.service.openDocument(path, i + 1, text));
            await h.service.load();
            await h.service.whenIdle();
            if (!openFirst) open.forEach(([path, text], i) => h.service.openDocument(path, i + 1, text));
            await h.service.whenIdle();
            return h;
          };
          const full = await opened({});
          const server = await opened(SERVER);
          assert.deepEqual(sorted(server.live), sorted(full.live));
          assert.deepEqual(server.service.treeSnapshot(), full.service.treeSnapshot());
          assert.equal(server.service.index?.bodilessCount, 0);
          waited += server.service.checks - full.service.checks;
        },
      ),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    assert.ok(waited > 0, 'some topic pages waited for a plain page\'s body');
  });

  it('in the language server, an open page shows its findings while a page it links to waits for its body, then the missing fragment', async () => {
    const files = {
      'articles/a/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/b#gone">B</a><p>Gone.</p></li>\n  <li><a href="/missing">M</a><p>Nowhere.</p></li>\n</ul>\n'),
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\n## Setup\n\nText.\n',
    };
    const host = new MemoryServiceHost(files);
    const h = harnessFor(host, SERVER);
    h.service.openDocument('articles/a/index.md', 1, files['articles/a/index.md']);
    await h.service.load();
    await h.service.whenIdle();
    const text = files['articles/a/index.md'];
    const broken = `link-broken ${text.indexOf('/missing')}-${text.indexOf('/missing') + '/missing'.length} No page for route \`/missing\`.`;
    const fragment = `link-fragment ${text.indexOf('#gone')}-${text.indexOf('#gone') + '#gone'.length} No heading or id \`gone\` on \`articles/b.md\`.`;
    const published = h.publications.filter((p) => p.path === 'articles/a/index.md' && !p.partial).map((p) => findingKeys(p.findings));
    assert.deepEqual(published.at(-1), [fragment, broken].sort((x, y) => Number(x.split(' ')[1]?.split('-')[0]) - Number(y.split(' ')[1]?.split('-')[0])));
    assert.ok(published.some((f) => f.includes(broken) && !f.includes(fragment)), `while b.md waited for its body, the open page showed its other findings: ${JSON.stringify(published)}`);
  });

  it('a check reads the front matter of a page indexed by it alone, and waits only for what its body tells', () => {
    const index = new WorkspaceIndex(defaultSettings({ docsRoot: 'articles' }));
    const b = '---\ntitle: The B Page\ndescription: About B.\n---\n## Setup\n\nText.\n';
    index.setFrontMatterSummary('articles/b.md', frontMatterFacts(parseFrontMatter(b)));
    assert.equal(index.hasBody('articles/b.md'), false);
    const empty = topicPage('<ul class="topic-links">\n  <li><a href="/b"></a><p>About B.</p></li>\n</ul>\n');
    const first = checkPageOrWait(parsePage('articles/a.md', empty), index);
    assert.deepEqual(
      first.findings.map((f) => [f.ruleId, empty.slice(f.range.start, f.range.end), f.message, f.suggestions?.map((x) => x.title)]),
      [['link-text-empty', '<a href="/b"></a>', 'Link to `/b` has no text.', ['Use the target\'s title "The B Page"']]],
    );
    assert.deepEqual([first.complete, first.deferred], [true, []]);
    const fragment = topicPage('<ul class="topic-links">\n  <li><a href="/b#setup">B</a><p>About B.</p></li>\n  <li><a href="/c">C</a><p>Nowhere.</p></li>\n</ul>\n');
    const second = checkPageOrWait(parsePage('articles/a.md', fragment), index);
    assert.deepEqual([second.complete, second.deferred, second.findings.map((f) => f.ruleId)], [false, ['link-fragment'], ['link-broken']]);
    index.setParsedPage(parsePage('articles/b.md', b));
    const third = checkPageOrWait(parsePage('articles/a.md', fragment), index);
    assert.deepEqual([third.complete, third.findings.map((f) => f.ruleId)], [true, ['link-broken']]);
  });

  it('in the language server, a missing fragment found on an open page stays shown while another page it links to waits for its body', async () => {
    const files = {
      // b.md is open too, so indexed whole from the start; c.md is read (its front matter first) once a.md shows the missing fragment.
      'articles/a/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/b#gone">B</a><p>Gone.</p></li>\n  <li><a href="/c#setup">C</a><p>Setup.</p></li>\n</ul>\n'),
      'articles/b.md': topicPage('<ul class="topic-links">\n  <li><a href="/c">C</a><p>C.</p></li>\n</ul>\n'),
      'articles/c.md': '---\ntitle: C\ndescription: About C.\n---\n## Setup\n\nText.\n',
    };
    const text = files['articles/a/index.md'];
    const at = text.indexOf('#gone');
    // c.md's read is held until a.md has been checked with b.md's body indexed (at most 200 turns of the timer).
    const host = new (class extends MemoryServiceHost {
      override async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
        for (let i = 0; path === 'articles/c.md' && i < 200 && !h.publications.some((p) => p.path === 'articles/a/index.md' && p.findings.length > 0); i++) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return super.readFile(path);
      }
    })(files);
    const h: Harness = harnessFor(host, SERVER);
    h.service.openDocument('articles/a/index.md', 1, text);
    h.service.openDocument('articles/b.md', 1, files['articles/b.md']);
    await h.service.load();
    await h.service.whenIdle();
    const gone = `link-fragment ${at}-${at + '#gone'.length} No heading or id \`gone\` on \`articles/b.md\`.`;
    const shown = h.publications.filter((p) => p.path === 'articles/a/index.md' && !p.partial).map((p) => findingKeys(p.findings));
    const first = shown.findIndex((keys) => keys.includes(gone));
    assert.ok(first >= 0 && first < shown.length - 1, `found before c.md's body was read, and checked again after: ${JSON.stringify(shown)}`);
    for (const keys of shown.slice(first)) assert.deepEqual(keys, [gone]);
  });

  it('in the language server, an empty link to a page still waiting for its body keeps its squiggle: the rule reads only the front matter', async () => {
    const files = {
      'articles/a/index.md': topicPage('<ul class="topic-links">\n  <li><a href="/b"></a><p>About B.</p></li>\n</ul>\n'),
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\n## Setup\n\nText.\n',
    };
    // Every page read in a slice of its own: the open page is checked between the reads, as at scale.
    const h = harnessFor(new MemoryServiceHost(files), { ...SERVER, sliceMs: 0 });
    h.service.openDocument('articles/a/index.md', 1, files['articles/a/index.md']);
    await h.service.load();
    await h.service.whenIdle();
    const text = files['articles/a/index.md'];
    const at = text.indexOf('<a href="/b"></a>');
    const empty = `link-text-empty ${at}-${at + '<a href="/b"></a>'.length} Link to \`/b\` has no text.`;
    const shown = h.publications.filter((p) => p.path === 'articles/a/index.md' && !p.partial).map((p) => findingKeys(p.findings));
    assert.ok(shown.length >= 2, `checked with b.md known by name, then by its front matter: ${JSON.stringify(shown)}`);
    for (const keys of shown) assert.deepEqual(keys, [empty]);
  });

  it('in the language server, an open page\'s findings never go and come back while pages wait for their bodies', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(pathArb, fc.oneof(pageArb.map(render), plainArb.map(renderPlain))), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(pathArb, pageArb.map(render)), { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        async (pages, open, interleaved) => {
          const files = new Map<string, string>();
          for (const [path, text] of pages) files.set(path, text);
          // Interleaved: every page read in a slice of its own, so open pages are checked between the reads.
          const h = harnessFor(new MemoryServiceHost(files), interleaved ? { ...SERVER, sliceMs: 0 } : SERVER);
          open.forEach(([path, text], i) => h.service.openDocument(path, i + 1, text));
          await h.service.load();
          await h.service.whenIdle();
          for (const path of new Set(open.map(([p]) => p))) {
            // The open text never changes here: a finding of the last check, once shown, stays shown.
            const shown = h.publications.filter((p) => p.path === path && !p.partial).map((p) => new Set(findingKeys(p.findings)));
            const last = shown.at(-1) ?? new Set<string>();
            for (const key of last) {
              const first = shown.findIndex((keys) => keys.has(key));
              for (const keys of shown.slice(first)) assert.ok(keys.has(key), `${path}: ${key} went and came back`);
              compared += shown.length - first;
            }
          }
        },
      ),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    assert.ok(compared > 0, 'some open pages had findings published more than once');
  });

  it('in the language server, a rename while pages wait for their bodies still updates the links on those pages', async () => {
    const files = {
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\nText.\n',
      'articles/guide.md': '---\ntitle: Guide\ndescription: How to.\n---\nSee [B](/b) and <a href="/b">B</a>.\n',
    };
    const host = new MemoryServiceHost(files);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first load runs; then the scheduler, which would parse the bodies, is held.
    const h: Harness = harnessFor(host, { ...SERVER, sliceMs: 0, yieldToEventLoop: () => (h.service.ready ? held : Promise.resolve()) });
    await h.service.load();
    assert.equal(h.service.index?.bodilessCount, 2, 'both pages wait for their bodies');
    const edits = await h.service.renameFilesEdits([{ from: 'articles/b.md', to: 'articles/c.md' }]);
    const guide = edits.find((e) => e.path === 'articles/guide.md');
    assert.deepEqual(guide?.edits.map((e) => [guide.text.slice(e.range.start, e.range.end), e.newText]), [['/b', '/c'], ['/b', '/c']]);
    release();
    await h.service.whenIdle();
  });
});

describe('one share of a check on several threads (`share`)', () => {
  /** Every other page, in path order, as `check --jobs 2` splits them. */
  const shareOf = (paths: readonly string[], share: number, of: number): ((path: string) => boolean) => {
    const position = new Map([...paths].sort().map((p, i) => [p, i]));
    return (path) => (position.get(path) ?? -1) % of === share;
  };

  it('checks and publishes its own pages only, and parses another share\'s page when a check needs its body', async () => {
    const files = {
      // Share 0: a.md and c.md; share 1: b.md and d.md.
      'articles/a.md': topicPage('<ul class="topic-links">\n  <li><a href="/b#setup">B</a><p>Setup.</p></li>\n  <li><a href="/b#gone">B</a><p>Gone.</p></li>\n</ul>\n'),
      'articles/b.md': '---\ntitle: B\ndescription: About B.\n---\n## Setup\n\nText.\n',
      'articles/c.md': '---\ntitle: C\ndescription: About C.\n---\nSee [D](/d).\n',
      'articles/d.md': '---\ntitle: D\ndescription: About D.\n---\n## Never asked for\n',
    };
    const paths = Object.keys(files);
    const full = await serviceFor(files);
    const share0 = await serviceFor(files, { ...ONE_SHOT, share: shareOf(paths, 0, 2) });
    assert.deepEqual(share0.published, ['articles/c.md', 'articles/a.md'], 'a.md waited for b.md\'s body and was published once; b.md and d.md are the other share\'s');
    const at = files['articles/a.md'].indexOf('#gone');
    assert.deepEqual(share0.live.get('articles/a.md'), [`link-fragment ${at}-${at + '#gone'.length} No heading or id \`gone\` on \`articles/b.md\`.`]);
    assert.deepEqual(share0.live.get('articles/a.md'), full.live.get('articles/a.md'));
    // b.md was parsed for its anchors; d.md, which no check needed whole, never was.
    assert.equal(share0.service.index?.hasBody('articles/b.md'), true);
    assert.equal(share0.service.index?.hasBody('articles/d.md'), false);
    // Two own pages, a.md's first check waited: three checks, none of another share's page.
    assert.equal(share0.service.checks, 3);
  });

  it('the shares together report what the full load reports on random workspaces, each page by one share, once', async () => {
    let partial = 0;
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(pathArb, pageArb.map(render)), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(pathArb, plainArb.map(renderPlain)), { maxLength: 4 }),
        fc.array(otherArb, { maxLength: 2 }),
        fc.integer({ min: 2, max: 3 }),
        async (pages, plain, others, of) => {
          const files = new Map<string, string>();
          for (const [path, text] of [...pages, ...plain]) files.set(path, text);
          for (const path of others) files.set(path, 'other');
          const full = await serviceFor(files);
          const checkable = full.service.checkablePaths();
          const together = new Map<string, string[]>();
          const published: string[] = [];
          for (let share = 0; share < of; share++) {
            const mine = shareOf(checkable, share, of);
            const h = await serviceFor(files, { ...ONE_SHOT, share: mine });
            assert.ok(h.published.every(mine), 'a share publishes its own pages only');
            published.push(...h.published);
            for (const [path, keys] of h.live) together.set(path, keys);
            waited += h.service.checks - h.published.length;
            if ((h.service.index?.bodilessCount ?? 0) > 0) partial++;
          }
          assert.deepEqual(sorted(together), sorted(full.live));
          assert.deepEqual(duplicates(published), []);
          assert.deepEqual([...published].sort(), checkable);
        },
      ),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    assert.ok(waited > 0, 'some checks waited for another share\'s body');
    assert.ok(partial > 0, 'some shares never parsed pages of the other shares');
  });
});

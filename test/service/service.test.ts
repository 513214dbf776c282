/**
 * The workspace service on an in-memory workspace: what the editor used to orchestrate
 * (bursts of disk changes, folders, renames, overlays, config) is checked here against a
 * fresh full check of the same files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits';
import { fullCheck, serviceFor, sorted } from '../helpers/serviceHarness';

const topic = (title: string, items: string, extra = ''): string =>
  `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}.\n---\n<ul class="topic-links">\n${items}</ul>\n${extra}`;
const item = (href: string, text: string): string => `  <li><a href="${href}">${text}</a><p>More.</p></li>\n`;
const plain = (title: string, body = ''): string => `---\ntitle: ${title}\ndescription: About ${title}.\n---\n## Intro\n\n${body}`;
/** `start-end` of the `n`th occurrence of `needle` in `text` (the href value, when `needle` is one). */
const spanOf = (text: string, needle: string, n = 0): string => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in the text`);
  return `${at}-${at + needle.length}`;
};

describe('workspace service', () => {
  it('a burst of 1,000 changed files (a branch switch) ends with exactly the findings of a full check, the open page first', async () => {
    const files: Record<string, string> = { 'articles/index.md': topic('Home', item('/p/p0', 'P0') + item('/p/p999', 'P999')) };
    for (let i = 0; i < 1000; i++) files[`articles/p/p${i}.md`] = topic(`P${i}`, item(`/p/p${i + 1}`, 'Next'));
    let yields = 0;
    const h = await serviceFor(files, {
      sliceMs: 1,
      yieldToEventLoop: () => {
        yields++;
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    // p999 links to p1000, which does not exist.
    const last = files['articles/p/p999.md'] ?? '';
    const p1000 = 'No page for route `/p/p1000`. Did you mean `/p/p100` or `/p/p10` or `/p/p101`?';
    assert.deepEqual(h.live.get('articles/p/p999.md'), [`link-broken ${spanOf(last, '/p/p1000')} ${p1000}`]);

    h.service.openDocument('articles/index.md', 1, files['articles/index.md'] ?? '');
    await h.service.whenIdle();
    // The branch: every page now links two ahead, and the even pages lose their titles.
    const branch = (i: number): string => (i % 2 === 0 ? topic(`Q${i}`, item(`/p/p${i + 2}`, 'Skip')).replace(`title: Q${i}\n`, '') : topic(`Q${i}`, item(`/p/p${i + 2}`, 'Skip')));
    for (let i = 0; i < 1000; i++) h.host.files.set(`articles/p/p${i}.md`, branch(i));
    h.published.length = 0;
    const readsBefore = h.host.reads;
    yields = 0;
    await h.service.filesChanged([...Array(1000).keys()].map((i) => ({ path: `articles/p/p${i}.md`, type: 'changed' as const })));
    await h.service.whenIdle();
    assert.equal(h.host.reads - readsBefore, 1000, 'each changed page is read once');
    assert.ok(yields > 10, `the work is sliced (${yields} yields)`);
    assert.equal(h.published[0], 'articles/index.md', 'the open page is re-checked first');
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    assert.equal(h.live.get('articles/p/p997.md'), undefined, 'p997 links to p999, which exists');
    assert.deepEqual(h.live.get('articles/p/p998.md')?.map((f) => f.split(' ')[0]), ['title-missing', 'link-broken']);
    assert.ok(h.live.get('articles/p/p998.md')?.includes(`link-broken ${spanOf(branch(998), '/p/p1000')} ${p1000}`));
  });

  it('a folder deleted then restored: its pages are forgotten, links break, then everything comes back', async () => {
    const files = {
      'articles/index.md': topic('Home', item('/users/a', 'A') + item('/users/b', 'B')),
      'articles/users/a.md': plain('A'),
      'articles/users/b.md': plain('B', '<a href="/users/a">A</a>\n'),
      'articles/users/img/logo.png': new Uint8Array([0, 1, 2]),
    };
    const h = await serviceFor(files);
    const before = sorted(h.live);
    assert.deepEqual(before, await fullCheck(h.host.files));
    for (const p of Object.keys(files)) if (p.startsWith('articles/users/')) h.host.files.delete(p);
    await h.service.filesChanged([{ path: 'articles/users', type: 'deleted' }]);
    await h.service.whenIdle();
    const index = files['articles/index.md'];
    assert.deepEqual(h.live.get('articles/index.md'), [`link-broken ${spanOf(index, '/users/a')} No page for route \`/users/a\`.`, `link-broken ${spanOf(index, '/users/b')} No page for route \`/users/b\`.`]);
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    assert.deepEqual(h.service.checkablePaths(), ['articles/index.md']);
    for (const [p, t] of Object.entries(files)) h.host.files.set(p, t);
    await h.service.filesChanged([{ path: 'articles/users', type: 'created' }]);
    await h.service.whenIdle();
    assert.deepEqual(sorted(h.live), before);
    assert.deepEqual(h.service.checkablePaths(), ['articles/index.md', 'articles/users/a.md', 'articles/users/b.md']);
  });

  it('a page deleted on disk while open in an editor: links to it break; written again, they are whole', async () => {
    const files = {
      'articles/index.md': topic('Home', item('/users/a', 'A')),
      'articles/users/a.md': plain('A'),
    };
    const h = await serviceFor(files);
    const clean = sorted(h.live);
    assert.deepEqual(clean, await fullCheck(h.host.files));
    h.service.openDocument('articles/users/a.md', 1, files['articles/users/a.md']);
    await h.service.whenIdle();
    h.host.files.delete('articles/users/a.md');
    await h.service.filesChanged([{ path: 'articles/users/a.md', type: 'deleted' }]);
    await h.service.whenIdle();
    const index = files['articles/index.md'];
    assert.deepEqual(h.live.get('articles/index.md'), [`link-broken ${spanOf(index, '/users/a')} No page for route \`/users/a\`.`]);
    // Typing in the orphaned editor does not bring the page back.
    h.service.changeDocument('articles/users/a.md', 2, plain('A again'));
    await h.service.whenIdle();
    assert.equal(h.live.get('articles/index.md')?.length, 1);
    // Saved (the file is written again): the editor's text is the page.
    h.host.files.set('articles/users/a.md', plain('A again'));
    await h.service.filesChanged([{ path: 'articles/users/a.md', type: 'created' }]);
    await h.service.whenIdle();
    assert.equal(h.live.get('articles/index.md'), undefined);
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    // The same through its folder: deleted, then restored while the page stays open.
    h.host.files.delete('articles/users/a.md');
    await h.service.filesChanged([{ path: 'articles/users', type: 'deleted' }]);
    await h.service.whenIdle();
    assert.equal(h.live.get('articles/index.md')?.length, 1, 'the link breaks with the folder');
    h.host.files.set('articles/users/a.md', plain('A again'));
    await h.service.filesChanged([{ path: 'articles/users', type: 'created' }]);
    await h.service.whenIdle();
    assert.equal(h.live.get('articles/index.md'), undefined, 'the restored folder brings the open page back');
  });

  it('a renamed page: links from topic pages, plain pages (HTML and Markdown) and include keys are rewritten', async () => {
    const files = {
      'articles/_includes/_topic-links.md': '<ul class="topic-links"></ul>\n',
      'articles/index.md': topic('Home', item('/users/roles#assign', 'Roles') + item('/users/other', 'Other')),
      'articles/users/roles.md': plain('Roles', '## Assign\n'),
      'articles/users/other.md': plain('Other', 'See <a href="/users/roles">roles</a> and [the roles](/users/roles?x=1) or <a href="/users/rolesx">not this</a>.\n'),
      'articles/users/keys.md': `---\nclasses: topic-page\ntitle: Keys\ndescription: K.\n---\n<%= include('../_includes/_topic-links', { links: ['users/roles', 'users/other'] }) %>\n`,
      'articles/users/relative.md': plain('Rel', '[roles](roles)\n'),
    };
    const h = await serviceFor(files);
    assert.deepEqual(h.service.backlinks('articles/users/roles.md'), ['articles/index.md', 'articles/users/keys.md', 'articles/users/other.md', 'articles/users/relative.md']);
    const edits = await h.service.renameFilesEdits([{ from: 'articles/users/roles.md', to: 'articles/users/access.md' }]);
    const after = new Map(edits.map((e) => [e.path, applyEdits(e.text, e.edits)]));
    assert.deepEqual([...after.keys()], ['articles/index.md', 'articles/users/keys.md', 'articles/users/other.md', 'articles/users/relative.md']);
    assert.equal(after.get('articles/index.md'), files['articles/index.md'].replace('/users/roles#assign', '/users/access#assign'));
    assert.equal(after.get('articles/users/other.md'), files['articles/users/other.md'].replace('href="/users/roles"', 'href="/users/access"').replace('(/users/roles?x=1)', '(/users/access?x=1)'));
    assert.equal(after.get('articles/users/keys.md'), files['articles/users/keys.md'].replace("'users/roles'", "'users/access'"));
    assert.equal(after.get('articles/users/relative.md'), files['articles/users/relative.md'].replace('(roles)', '(/users/access)'));
    // Apply the edits and the move on disk: nothing is broken afterwards, as a full check agrees.
    for (const [p, t] of after) h.host.files.set(p, t);
    h.host.files.set('articles/users/access.md', files['articles/users/roles.md']);
    h.host.files.delete('articles/users/roles.md');
    await h.service.filesChanged([...[...after.keys()].map((path) => ({ path, type: 'changed' as const })), { path: 'articles/users/roles.md', type: 'deleted' }, { path: 'articles/users/access.md', type: 'created' }]);
    await h.service.whenIdle();
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    assert.ok(![...h.live.values()].flat().some((f) => f.startsWith('link-broken')), JSON.stringify([...h.live]));
    assert.deepEqual(h.service.backlinks('articles/users/access.md'), ['articles/index.md', 'articles/users/keys.md', 'articles/users/other.md', 'articles/users/relative.md']);
  });

  it('an overlay edited then closed with the disk different: the disk text is checked again, and pages that link to it follow', async () => {
    const disk = plain('Target', '');
    const files = { 'articles/index.md': topic('Home', item('/t#intro', 'T')), 'articles/t.md': disk };
    const h = await serviceFor(files);
    assert.deepEqual(h.live.get('articles/index.md'), undefined);
    // The editor renames the heading: the link's fragment breaks while the buffer is open.
    h.service.openDocument('articles/t.md', 1, disk);
    h.service.changeDocument('articles/t.md', 2, topic('Target', item('/nowhere', 'X'), '## Overview\n'));
    await h.service.whenIdle();
    assert.deepEqual(h.live.get('articles/index.md'), [`link-fragment ${spanOf(files['articles/index.md'], '#intro')} No heading or id \`intro\` on \`articles/t.md\`.`]);
    assert.deepEqual(h.live.get('articles/t.md'), [`link-broken ${spanOf(h.service.currentText('articles/t.md') ?? '', '/nowhere')} No page for route \`/nowhere\`.`]);
    assert.equal(h.service.documentVersion('articles/t.md'), 2);
    // Meanwhile the disk got another text; closing without saving brings the disk back.
    h.host.files.set('articles/t.md', '---\ndescription: No title.\n---\n## Intro\n');
    await h.service.closeDocument('articles/t.md');
    await h.service.whenIdle();
    assert.equal(h.service.documentVersion('articles/t.md'), undefined);
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    assert.equal(h.live.get('articles/index.md'), undefined);
    // A document that was never saved disappears with its editor.
    const fresh = topic('New', item('/missing', 'X'));
    h.service.openDocument('articles/new.md', 1, fresh);
    await h.service.whenIdle();
    assert.deepEqual(h.live.get('articles/new.md'), [`link-broken ${spanOf(fresh, '/missing')} No page for route \`/missing\`.`]);
    await h.service.closeDocument('articles/new.md');
    await h.service.whenIdle();
    assert.equal(h.live.has('articles/new.md'), false);
    assert.ok(h.forgotten.includes('articles/new.md'));
  });

  it('a non-page file changed (binary, outside the docs root, or an include) never becomes a finding', async () => {
    const files = {
      'articles/index.md': topic('Home', item('/a', 'A'), "<%- include('../snippets/_note') %>\n"),
      'articles/a.md': plain('A'),
      'snippets/_note.html': '<p>Note</p>',
    };
    const h = await serviceFor(files);
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    h.host.files.set('articles/logo.png', new Uint8Array([0x89, 0x50, 0, 0, 0xff]));
    h.host.files.set('snippets/_note.html', new Uint8Array([0, 0, 0]));
    h.host.files.set('README.txt', 'x'.repeat(100));
    h.published.length = 0;
    await h.service.filesChanged([
      { path: 'articles/logo.png', type: 'created' },
      { path: 'snippets/_note.html', type: 'changed' },
      { path: 'README.txt', type: 'created' },
    ]);
    await h.service.whenIdle();
    assert.deepEqual(h.service.checkablePaths(), ['articles/a.md', 'articles/index.md']);
    assert.deepEqual(h.published, [], 'nothing to re-check: no page depends on a new non-page file');
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    // The include disappears: the page that includes it is re-checked and reports it.
    h.host.files.delete('snippets/_note.html');
    await h.service.filesChanged([{ path: 'snippets/_note.html', type: 'deleted' }]);
    await h.service.whenIdle();
    assert.deepEqual(h.published, ['articles/index.md']);
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    assert.ok(h.live.get('articles/index.md')?.some((f) => f.startsWith('include-missing')), JSON.stringify(h.live.get('articles/index.md')));
  });

  it('a config file changed: the workspace reloads with the new rules, docs root and redirects', async () => {
    const files = {
      'articles/index.md': topic('Home', item('/old', 'Old') + item('/a', 'A')),
      'articles/a.md': plain('A'),
    };
    const h = await serviceFor(files);
    const oldBroken = [`link-broken ${spanOf(files['articles/index.md'], '/old')} No page for route \`/old\`.`];
    assert.deepEqual(h.live.get('articles/index.md'), oldBroken);
    h.host.files.set('topic-pages.json', JSON.stringify({ redirects: 'redirects.json' }));
    h.host.files.set('redirects.json', JSON.stringify([{ from: '/old', to: '/a' }]));
    await h.service.filesChanged([{ path: 'topic-pages.json', type: 'created' }, { path: 'redirects.json', type: 'created' }]);
    await h.service.whenIdle();
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
    assert.equal(h.live.get('articles/index.md'), undefined);
    // The redirects file it names is a config file too.
    h.host.files.set('redirects.json', '[]');
    await h.service.filesChanged([{ path: 'redirects.json', type: 'changed' }]);
    await h.service.whenIdle();
    assert.deepEqual(h.live.get('articles/index.md'), oldBroken);
    h.host.files.set('topic-pages.json', JSON.stringify({ rules: { 'link-broken': 'off' } }));
    await h.service.filesChanged([{ path: 'topic-pages.json', type: 'changed' }]);
    await h.service.whenIdle();
    assert.equal(h.live.get('articles/index.md'), undefined);
    assert.deepEqual(sorted(h.live), await fullCheck(h.host.files));
  });

  it('fix-all on an open page is pure: the index and its dependency edges stay, later changes still reach the page', async () => {
    const page = topic('Home', item('/a', 'Aâ€™s') + item('/b', 'B'));
    const h = await serviceFor({ 'articles/index.md': page, 'articles/a.md': plain('A') });
    h.service.openDocument('articles/index.md', 1, page);
    await h.service.whenIdle();
    const mojibake = `mojibake ${spanOf(page, 'â€™')} Mojibake \`â€™\`: UTF-8 text misread as Windows-1252; it should read \`’\`.`;
    assert.deepEqual(h.live.get('articles/index.md'), [mojibake, `link-broken ${spanOf(page, '/b')} No page for route \`/b\`. Did you mean \`/\` or \`/a\`?`]);
    const edit = h.service.fixAllEdit('articles/index.md');
    assert.ok(edit);
    assert.equal(applyEdits(page, [edit]), page.replace('Aâ€™s', 'A’s'));
    // A hypothetical text that links elsewhere must not move the page's dependencies.
    h.service.checkText('articles/index.md', topic('Home', item('/zzz', 'Z')));
    h.host.files.set('articles/b.md', plain('B'));
    await h.service.filesChanged([{ path: 'articles/b.md', type: 'created' }]);
    await h.service.whenIdle();
    assert.deepEqual(h.live.get('articles/index.md'), [mojibake]);
    const at = page.indexOf('â€™') + 1;
    const actions = h.service.codeActions('articles/index.md', { start: at, end: at });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Fix: Replace with ’', 'Disable mojibake for this line'],
    );
    assert.deepEqual(h.service.codeActions('articles/index.md', { start: 0, end: 0 }, ['source.fixAll']).map((a) => a.title), ['Fix all Topic Pages problems']);
  });

  it('answers navigation queries from one parse of the open text', async () => {
    const page = topic('Home', item('/a#intro', 'A')) + '<a href=""></a>\n';
    const h = await serviceFor({ 'articles/index.md': page, 'articles/a.md': plain('A') });
    h.service.openDocument('articles/index.md', 1, page);
    const at = page.indexOf('/a#intro') + 1;
    assert.deepEqual(h.service.documentLinks('articles/index.md').map((l) => [l.target, page.slice(l.range.start, l.range.end)]), [['articles/a.md', '/a#intro']]);
    const def = await h.service.definition('articles/index.md', at);
    assert.equal(def?.path, 'articles/a.md');
    assert.equal(def?.text.slice(def.range.start, def.range.start + 8), '## Intro');
    assert.match(h.service.hover('articles/index.md', at)?.markdown ?? '', /^\*\*A\*\*\n\nAbout A\.\n\n`articles\/a\.md` · route `\/a` · `#intro`$/);
    const empty = page.indexOf('href=""') + 6;
    assert.deepEqual(h.service.completion('articles/index.md', empty).map((c) => c.label), ['/', '/a']);
    assert.deepEqual(h.service.documentSymbols('articles/index.md').map((s) => s.name), ['A']);
    assert.deepEqual(h.service.treeRoots().map((n) => [n.id, n.label, n.hasChildren, n.expanded]), [['articles/index.md', 'Home', true, true]]);
    assert.deepEqual(h.service.treeChildren('articles/index.md').map((n) => [n.id, n.label, n.target]), [['articles/index.md/0', 'A', 'articles/a.md']]);
    assert.equal(h.service.treeParent('articles/index.md/0')?.id, 'articles/index.md');
    assert.deepEqual(h.service.treeFind('articles/a.md').map((n) => n.id), ['articles/index.md', 'articles/index.md/0']);
  });

  it('labels a link with no text by the untitled target page\'s heading, and follows a change of that heading', async () => {
    const home = topic('Home', item('/a', ''));
    const h = await serviceFor({ 'articles/index.md': home, 'articles/a.md': '# Old heading\n\nText.\n' });
    assert.deepEqual(h.service.treeChildren('articles/index.md').map((n) => [n.label, n.target]), [['Old heading', 'articles/a.md']]);
    const before = h.treeChanges;
    h.host.files.set('articles/a.md', '# New heading\n\nText.\n');
    await h.service.filesChanged([{ path: 'articles/a.md', type: 'changed' }]);
    await h.service.whenIdle();
    assert.ok(h.treeChanges > before, 'the tree changed');
    assert.deepEqual(h.service.treeChildren('articles/index.md').map((n) => [n.label, n.target]), [['New heading', 'articles/a.md']]);
  });

  it('completes page keys inside a _topic-links list and front-matter keys', async () => {
    const page = `---\nclasses: topic-page\ntitle: Keys\n---\n<%= include('../_includes/_topic-links', { links: ['us'] }) %>\n`;
    const h = await serviceFor({ 'articles/_includes/_topic-links.md': '', 'articles/keys/index.md': page, 'articles/users/index.md': plain('Users'), 'articles/users/roles.md': plain('Roles') });
    h.service.openDocument('articles/keys/index.md', 1, page);
    const inKey = page.indexOf("'us'") + 3;
    const keys = h.service.completion('articles/keys/index.md', inKey);
    assert.deepEqual(keys.map((c) => [c.label, c.description, page.slice(c.range.start, c.range.end)]), [
      ['keys', 'Keys', 'us'],
      ['users', 'Users', 'us'],
      ['users/roles', 'Roles', 'us'],
    ]);
    const inFrontMatter = page.indexOf('title:');
    const fm = h.service.completion('articles/keys/index.md', inFrontMatter);
    assert.ok(fm.some((c) => c.label === 'description' && c.snippet === 'description: $0'), JSON.stringify(fm.map((c) => c.label)));
    assert.ok(!fm.some((c) => c.label === 'title' || c.label === 'classes'), 'keys already present are not offered');
  });
});

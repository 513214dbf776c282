/**
 * Authoring on the workspace service (what the language server answers): the page picker,
 * inserting a link at the cursor / after a tree item / at the end, moving a link by the offsets
 * of tree items, backlinks and orphans. Each edit is applied, the page re-checked (no new
 * finding), bytes outside the edits compared independently, and undo restores the original;
 * in LF, CRLF and BOM variants.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits';
import { Authoring } from '../../src/core/service/authoring';
import type { TextEdit } from '../../src/core/types';
import { assertOnlyEditsChanged } from '../helpers/fixes';
import { fullCheck, harnessFor, MemoryServiceHost, serviceFor } from '../helpers/serviceHarness';

const HOME = 'articles/index.md';
const topic = `---
classes: topic-page
title: Home
description: Where everything starts.
---
<ul class="topic-links">
  <li>
    <i class="icon icon-budicon-715"></i><a href="/alpha">Alpha</a>
    <p>About alpha.</p>
    <ul>
      <li>
        <i class="icon icon-budicon-695"></i><a href="/alpha/one">One</a>
      </li>
    </ul>
  </li>
  <li>
    <i class="icon icon-budicon-715"></i><a href="/beta">Beta</a>
    <p>About beta.</p>
  </li>
</ul>
`;
const page = (title: string, description: string): string => `---\ntitle: ${title}\ndescription: ${description}\n---\n# ${title}\n`;
const base: Record<string, string> = {
  [HOME]: topic,
  'articles/alpha/index.md': page('Alpha', 'About alpha.'),
  'articles/alpha/one.md': page('One', 'The first.'),
  'articles/beta.md': page('Beta', 'About beta.'),
  'articles/gamma.md': page('Gamma', 'The new page, linked from nowhere yet.'),
};

const variants: [string, (t: string) => string][] = [
  ['LF', (t) => t],
  ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
  ['BOM', (t) => '\uFEFF' + t],
];

async function setup(transform: (t: string) => string): Promise<{ authoring: Authoring; files: Map<string, string>; text: string }> {
  const files = Object.fromEntries(Object.entries(base).map(([p, t]) => [p, p === HOME ? transform(t) : t]));
  const h = await serviceFor({ ...files, 'topic-pages.json': JSON.stringify({ docsRoot: 'articles' }) });
  const authoring = new Authoring(h.service);
  // The text the editor holds (a BOM is the file's encoding, not part of the document's text).
  const text = (await authoring.textOf(HOME)) ?? '';
  assert.equal(text, transform(topic).replace(/^\uFEFF/, ''));
  return { authoring, files: new Map(Object.entries(files)), text };
}

/** Applies the edits, checks only they changed the text, the page checks as cleanly as before, and undo (the reverse edits) restores it. */
async function applyChecked(files: Map<string, string>, text: string, edits: readonly TextEdit[]): Promise<string> {
  const after = applyEdits(text, edits);
  assertOnlyEditsChanged(text, edits, after);
  const before = await fullCheck(files);
  const changed = new Map(files).set(HOME, after);
  changed.set('topic-pages.json', JSON.stringify({ docsRoot: 'articles' }));
  const withConfig = new Map(files).set('topic-pages.json', JSON.stringify({ docsRoot: 'articles' }));
  assert.deepEqual(await fullCheck(changed), await fullCheck(withConfig), 'no new finding');
  void before;
  // Undo: the inverse edits, computed from the applied ones, restore every byte.
  let shift = 0;
  const inverse = [...edits]
    .sort((a, b) => a.range.start - b.range.start)
    .map((e) => {
      const start = e.range.start + shift;
      shift += e.newText.length - (e.range.end - e.range.start);
      return { range: { start, end: start + e.newText.length }, newText: text.slice(e.range.start, e.range.end) };
    });
  assert.equal(applyEdits(after, inverse), text, 'undo restores the page byte for byte');
  return after;
}

for (const [name, transform] of variants) {
  describe(`authoring service (${name})`, () => {
    it('lists every routed page for the picker, by title, with route and description', async () => {
      const { authoring } = await setup(transform);
      assert.deepEqual(
        authoring.pages().map((p) => `${p.title} | ${p.route} | ${p.description ?? ''} | ${p.isTopicPage}`),
        ['Alpha | /alpha | About alpha. | false', 'Beta | /beta | About beta. | false', 'Gamma | /gamma | The new page, linked from nowhere yet. | false', 'Home | / | Where everything starts. | true', 'One | /alpha/one | The first. | false'],
      );
    });

    it('inserts a link at the cursor inside an item: right after that item, with its icon, title and description', async () => {
      const { authoring, files, text } = await setup(transform);
      const cursor = text.indexOf('About beta.');
      const r = await authoring.insertLink(HOME, { cursor }, 'articles/gamma.md');
      assert.ok(r.ok, r.ok ? '' : r.reason);
      const after = await applyChecked(files, text, r.edits);
      const eol = name === 'CRLF' ? '\r\n' : '\n';
      assert.ok(
        after.includes(`<p>About beta.</p>${eol}  </li>${eol}  <li>${eol}    <i class="icon icon-budicon-715"></i><a href="/gamma">Gamma</a>${eol}    <p>The new page, linked from nowhere yet.</p>${eol}  </li>${eol}</ul>`),
        JSON.stringify(after),
      );
    });

    it('inserts after a nested item (a tree item, by the offset of its link): at its depth, with the nested icon', async () => {
      const { authoring, files, text } = await setup(transform);
      const r = await authoring.insertLink(HOME, { item: text.indexOf('<a href="/alpha/one"') }, 'articles/gamma.md');
      assert.ok(r.ok, r.ok ? '' : r.reason);
      const after = await applyChecked(files, text, r.edits);
      assert.match(after, /<a href="\/alpha\/one">One<\/a>\r?\n {6}<\/li>\r?\n {6}<li>\r?\n {8}<i class="icon icon-budicon-695"><\/i><a href="\/gamma">Gamma<\/a>/);
    });

    it('a cursor outside every list (the front matter) or no position: at the end of the top level', async () => {
      const { authoring, text } = await setup(transform);
      const atTitle = await authoring.insertLink(HOME, { cursor: text.indexOf('title:') }, 'articles/gamma.md');
      const atEnd = await authoring.insertLink(HOME, { end: true }, 'articles/gamma.md');
      assert.ok(atTitle.ok && atEnd.ok);
      assert.deepEqual(atTitle.edits, atEnd.edits);
      assert.equal(atEnd.edits[0]?.range.start, text.lastIndexOf('</ul>'));
    });

    it('refuses a target that is not a routed page, with a reason', async () => {
      const { authoring } = await setup(transform);
      const r = await authoring.insertLink(HOME, { end: true }, 'articles/missing.md');
      assert.deepEqual(r, { ok: false, reason: 'articles/missing.md is not a page with a route' });
    });

    it('moves an item by tree offsets: Beta before Alpha, then One out to the top level', async () => {
      const { authoring, files, text } = await setup(transform);
      const r = await authoring.moveLink(HOME, text.indexOf('<a href="/beta"'), null, 0);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      const after = await applyChecked(files, text, r.edits);
      assert.ok(after.indexOf('/beta') < after.indexOf('/alpha'));
      const nested = await authoring.moveLink(HOME, text.indexOf('<a href="/alpha/one"'), text.indexOf('<a href="/beta"'), 0);
      assert.ok(nested.ok, nested.ok ? '' : nested.reason);
      const nestedText = await applyChecked(files, text, nested.edits);
      assert.match(nestedText, /<a href="\/beta">Beta<\/a>\r?\n {4}<p>About beta.<\/p>\r?\n {4}<ul>\r?\n {6}<li>\r?\n {8}<i class="icon icon-budicon-695"><\/i><a href="\/alpha\/one">One<\/a>/);
      assert.deepEqual(await authoring.moveLink(HOME, text.indexOf('title:'), null, 0), { ok: false, reason: 'no topic link starts there' });
    });

    it('moves as a drop does: beside a sibling (up and down), into an item, to the top level', async () => {
      const { authoring, files, text } = await setup(transform);
      const alpha = text.indexOf('<a href="/alpha"');
      const beta = text.indexOf('<a href="/beta"');
      const one = text.indexOf('<a href="/alpha/one"');
      const up = await authoring.moveLinkTo(HOME, beta, { beside: alpha });
      const down = await authoring.moveLinkTo(HOME, alpha, { beside: beta });
      assert.ok(up.ok && down.ok);
      const upText = await applyChecked(files, text, up.edits);
      const downText = await applyChecked(files, text, down.edits);
      assert.equal(upText, downText, 'Beta up past Alpha = Alpha down past Beta');
      assert.ok(upText.indexOf('/beta') < upText.indexOf('"/alpha"'));
      const into = await authoring.moveLinkTo(HOME, beta, { into: alpha });
      assert.ok(into.ok, into.ok ? '' : into.reason);
      const intoText = await applyChecked(files, text, into.edits);
      assert.match(intoText, /<a href="\/alpha\/one">One<\/a>\r?\n {6}<\/li>\r?\n {6}<li>\r?\n {8}<i class="icon icon-budicon-715"><\/i><a href="\/beta">Beta<\/a>\r?\n {8}<p>About beta.<\/p>\r?\n {6}<\/li>\r?\n {4}<\/ul>/);
      const top = await authoring.moveLinkTo(HOME, one, { top: true });
      assert.ok(top.ok, top.ok ? '' : top.reason);
      const topText = await applyChecked(files, text, top.edits);
      assert.match(topText, /<a href="\/beta">Beta<\/a>\r?\n {4}<p>About beta.<\/p>\r?\n {2}<\/li>\r?\n {2}<li>\r?\n {4}<i class="icon icon-budicon-695"><\/i><a href="\/alpha\/one">One<\/a>\r?\n {2}<\/li>\r?\n<\/ul>/);
      const self = await authoring.moveLinkTo(HOME, alpha, { into: one });
      assert.deepEqual(self, { ok: false, reason: 'an item cannot be nested under itself or its own items' });
    });

    it('backlinks of a page with line and column; orphans are the pages no topic page reaches', async () => {
      const { authoring } = await setup(transform);
      const links = await authoring.linksTo('articles/beta.md');
      assert.deepEqual(
        links.map((l) => `${l.path}:${l.line}:${l.column} ${l.text} ${l.topicLink}`),
        [`${HOME}:17:51 Beta true`],
      );
      assert.deepEqual((await authoring.orphans()).map((o) => o.path), ['articles/gamma.md']);
    });
  });
}

describe('authoring service during a first load that parses bodies as it checks (the language server)', () => {
  it('answers backlinks and orphans once every body is indexed, as after the load, without reading every page on each ask', async () => {
    const files = { ...base, 'topic-pages.json': JSON.stringify({ docsRoot: 'articles' }) };
    const done = await serviceFor(files);
    const expected = (await new Authoring(done.service).linksTo('articles/beta.md')).map((l) => `${l.path}:${l.line}:${l.column} ${l.text}`);
    const expectedOrphans = (await new Authoring(done.service).orphans()).map((o) => o.path);
    assert.deepEqual(expected, [`${HOME}:17:51 Beta`]);

    const h = harnessFor(new MemoryServiceHost(files), { frontMatterFirst: true });
    const authoring = new Authoring(h.service);
    // Asked as the load starts: answered once the load's checks have indexed every page's body.
    const bodiless = (): string => `${h.service.ready} ${h.service.index?.bodilessCount ?? 'none'}`;
    const links = authoring.linksTo('articles/beta.md').then((l) => ({ at: bodiless(), links: l.map((x) => `${x.path}:${x.line}:${x.column} ${x.text}`) }));
    const orphans = authoring.orphans().then((o) => ({ at: bodiless(), orphans: o.map((x) => x.path) }));
    await h.service.load();
    await h.service.whenIdle();
    assert.deepEqual(await links, { at: 'true 0', links: expected });
    assert.deepEqual(await orphans, { at: 'true 0', orphans: expectedOrphans });
  });
});

describe('authoring service during a first load that does not end', () => {
  it('answers backlinks after its wait, from the pages read so far and those it reads itself', { timeout: 10_000 }, async () => {
    // The last page's read never returns: the load never indexes every body.
    const files = { ...base, 'articles/zeta.md': page('Zeta', 'Read last.'), 'topic-pages.json': JSON.stringify({ docsRoot: 'articles' }) };
    const host = new (class extends MemoryServiceHost {
      override async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
        if (path === 'articles/zeta.md') await new Promise<never>(() => undefined);
        return super.readFile(path);
      }
    })(files);
    const h = harnessFor(host, { frontMatterFirst: true });
    void h.service.load();
    for (let i = 0; i < 1000 && h.service.index?.summary(HOME) === undefined; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.service.index?.hasBody(HOME), false, 'the topic page linking to beta is indexed by its front matter alone');
    const authoring = new Authoring(h.service, 50);
    const links = await authoring.linksTo('articles/beta.md');
    assert.equal(h.service.ready, false);
    assert.deepEqual(links.map((l) => `${l.path}:${l.line}:${l.column} ${l.text}`), [`${HOME}:17:51 Beta`]);
    // Each ask that gave up waiting left nothing behind.
    await authoring.linksTo('articles/beta.md');
    await authoring.orphans();
    assert.equal(h.service.bodyWaitersCount, 0);
  });
});

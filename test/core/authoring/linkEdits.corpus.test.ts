// Link-structure edits on every real topic page of the auth0-docs corpus: moves, nesting,
// un-nesting and insertion, each applied, re-checked against the whole corpus workspace (no
// new finding), local, undoable, and parsed back to the expected order.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { insertTopicLink, moveTopicLink } from '../../../src/core/authoring/linkEdits';
import type { Engine } from '../../../src/core/engine';
import { parsePage, type TopicLink } from '../../../src/core/page';
import { CORPUS_CONFIG, CORPUS_DIR, corpusArticles, stubWorkspace } from '../../helpers/corpus';
import { engineFor } from '../../helpers/memoryHost';
import { applyAndVerify, shape } from './helpers';

const present = existsSync(join(CORPUS_DIR, 'articles'));
const skip = present || process.env['CI'] ? undefined : `corpus not found at ${CORPUS_DIR}`;

interface Model {
  href: string;
  children: Model[];
}
const model = (items: readonly TopicLink[]): Model[] => items.map((t) => ({ href: t.link?.href ?? '?', children: model(t.children) }));
const show = (m: readonly Model[]): string => m.map((n) => n.href + (n.children.length > 0 ? `(${show(n.children)})` : '')).join(',');

describe('link edits on the corpus topic pages', { skip }, () => {
  let engine: Engine;
  let pages: [string, string][];

  before(async () => {
    const articles = corpusArticles();
    engine = await engineFor(stubWorkspace(articles), CORPUS_CONFIG);
    pages = Object.keys(articles)
      .filter((p) => engine.index.summary(p)?.isTopicPage && (engine.index.summary(p)?.outline.length ?? 0) >= 2)
      .map((p) => [p, engine.index.text(p) ?? '']);
  });

  it('finds topic pages with lists to edit, in both forms', () => {
    assert.ok(pages.length >= 30, `${pages.length} pages`);
    assert.ok(pages.some(([p, t]) => parsePage(p, t).topicLinks.some((l) => !l.item)), 'an include-form page is among them');
  });

  it('moves the last top-level link first in its list, and back', () => {
    let moved = 0;
    let refused = 0;
    for (const [path, text] of pages) {
      const page = parsePage(path, text);
      const m = model(page.topicLinks);
      const last = page.topicLinks.length - 1;
      const lastItem = page.topicLinks[last];
      if (!lastItem) continue;
      // The first link of the same list (or the same include's array): moves stay within it.
      const group = (t: TopicLink): unknown => t.item?.parent ?? page.includes.find((i) => i.tag.start <= t.range.start && t.range.end <= i.tag.end);
      const to = page.topicLinks.findIndex((t) => group(t) === group(lastItem));
      if (to === last) continue;
      const r = moveTopicLink(text, path, String(last), null, to);
      if (page.includes.some((i) => i.linkProblems.length > 0) && !lastItem.item) {
        // A `links` array with a missing comma (a real defect of the corpus) is mended first.
        assert.deepEqual(r, { ok: false, reason: 'the `links` array is malformed; mend it first' }, path);
        refused++;
        continue;
      }
      assert.ok(r.ok, `${path}: ${r.ok ? '' : r.reason}`);
      const after = applyAndVerify(engine, path, text, r.edits);
      const [x] = m.splice(last, 1);
      m.splice(to, 0, x as Model);
      assert.equal(shape(path, after), show(m), path);
      const back = moveTopicLink(after, path, String(to), null, last);
      assert.ok(back.ok);
      assert.equal(shape(path, applyAndVerify(engine, path, after, back.edits)), shape(path, text), `${path}: moved back`);
      moved++;
    }
    assert.ok(moved >= 30, `${moved} pages`);
    assert.ok(refused >= 1, 'the malformed include is refused');
  });

  it('nests the second item under the first, un-nests the first nested item, inserts a link', () => {
    let nested = 0;
    for (const [path, text] of pages) {
      const page = parsePage(path, text);
      if (!page.topicLinks[0]?.item || !page.topicLinks[1]?.item) continue;
      const m = model(page.topicLinks);
      const r = moveTopicLink(text, path, '1', '0', page.topicLinks[0].children.length);
      assert.ok(r.ok, `${path}: ${r.ok ? '' : r.reason}`);
      const after = applyAndVerify(engine, path, text, r.edits);
      const [second] = m.splice(1, 1);
      m[0]?.children.push(second as Model);
      assert.equal(shape(path, after), show(m), path);

      const out = moveTopicLink(after, path, '0/0', null, 1);
      assert.ok(out.ok, `${path}: ${out.ok ? '' : out.reason}`);
      const outText = applyAndVerify(engine, path, after, out.edits);
      const [child] = m[0]?.children.splice(0, 1) ?? [];
      m.splice(1, 0, child as Model);
      assert.equal(shape(path, outText), show(m), path);

      const ins = insertTopicLink(text, path, { parent: '0', index: 0 }, { route: '/users', title: 'Users', description: 'Manage users.' });
      assert.ok(ins.ok, `${path}: ${ins.ok ? '' : ins.reason}`);
      const inserted = applyAndVerify(engine, path, text, ins.edits);
      assert.equal(parsePage(path, inserted).topicLinks[0]?.children[0]?.link?.href, '/users', path);
      nested++;
    }
    assert.ok(nested >= 20, `${nested} pages`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../src/core/edits';
import { addressAt, insertTopicLink, linkTargetFor, moveTopicLink, parseAddress, type EditResult } from '../../../src/core/authoring/linkEdits';
import type { Engine } from '../../../src/core/engine';
import { TopicTree, type TopicNode } from '../../../src/core/hierarchy';
import { parsePage } from '../../../src/core/page';
import { engineFor, toCrlf, withBom } from '../../helpers/memoryHost';
import { applyAndVerify, shape } from './helpers';

const PATH = 'articles/guides/index.md';

const PAGE = `---
title: Guides
description: All the guides.
classes: topic-page
---
<div class="topic-page-header">
  <div data-name="example" class="topic-page-badge"></div>
  <h1>Guides</h1>
  <p>All the guides.</p>
</div>

<ul class="topic-links">
  <li>
    <i class="icon icon-budicon-715"></i><a href="/alpha">Alpha</a>
    <p>About alpha.</p>
    <ul>
      <li>
        <i class="icon icon-budicon-695"></i><a href="/alpha/one">Alpha One</a>
      </li>
      <li>
        <i class="icon icon-budicon-695"></i><a href="/alpha/two">Alpha Two</a>
      </li>
    </ul>
  </li>
  <li>
    <i class="icon icon-budicon-715"></i><a href="/beta">Beta</a>
    <p>About beta.</p>
  </li>
  <li><i class="icon icon-budicon-715"></i><a href="/gamma">Gamma</a><p>About gamma.</p></li>
</ul>
`;

const INCLUDE_PAGE = `---
title: Keys
description: Links by key.
classes: topic-page
---
# Keys

<%= include('../_includes/_topic-links', { links: [
  'alpha',
  'beta',
  'gamma'
] }) %>
`;

function target(title: string): string {
  return `---\ntitle: ${title}\ndescription: About ${title.toLowerCase()}.\n---\n\n${title}.\n`;
}

const FILES: Record<string, string> = {
  'articles/alpha.md': target('Alpha'),
  'articles/alpha/one.md': target('Alpha One'),
  'articles/alpha/two.md': target('Alpha Two'),
  'articles/beta.md': target('Beta'),
  'articles/gamma.md': target('Gamma'),
  'articles/delta.md': target('Delta'),
  'articles/_includes/_topic-links.md': '<ul class="topic-links"></ul>\n',
};

const VARIANTS: readonly [string, (t: string) => string][] = [
  ['LF', (t) => t],
  ['CRLF', toCrlf],
  ['BOM', withBom],
  ['BOM + CRLF', (t) => withBom(toCrlf(t))],
];

async function engineWith(path: string, text: string): Promise<Engine> {
  return engineFor({ ...FILES, [path]: text });
}

function edits(r: EditResult): NonNullable<Extract<EditResult, { ok: true }>['edits']> {
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.edits;
}

const ORIGINAL = '/alpha(/alpha/one,/alpha/two),/beta,/gamma';

describe('moveTopicLink', () => {
  const cases: { name: string; from: string; to: string | null; index: number; expect: string }[] = [
    { name: 'reorders top-level items', from: '1', to: null, index: 0, expect: '/beta,/alpha(/alpha/one,/alpha/two),/gamma' },
    { name: 'moves an item down to the end', from: '0', to: null, index: 2, expect: '/beta,/gamma,/alpha(/alpha/one,/alpha/two)' },
    { name: 'reorders nested items', from: '0/1', to: '0', index: 0, expect: '/alpha(/alpha/two,/alpha/one),/beta,/gamma' },
    { name: 'nests under an item with a list', from: '1', to: '0', index: 2, expect: '/alpha(/alpha/one,/alpha/two,/beta),/gamma' },
    { name: 'nests under a multi-line item without a list (creates the <ul>)', from: '2', to: '1', index: 0, expect: '/alpha(/alpha/one,/alpha/two),/beta(/gamma)' },
    { name: 'nests under a one-line item (creates the <ul>)', from: '1', to: '2', index: 0, expect: '/alpha(/alpha/one,/alpha/two),/gamma(/beta)' },
    { name: 'un-nests an item', from: '0/0', to: null, index: 2, expect: '/alpha(/alpha/two),/beta,/alpha/one,/gamma' },
    { name: 'moves a nested item under another item', from: '0/1', to: '1', index: 0, expect: '/alpha(/alpha/one),/beta(/alpha/two),/gamma' },
    { name: 'moves a one-line item between multi-line ones', from: '2', to: null, index: 1, expect: '/alpha(/alpha/one,/alpha/two),/gamma,/beta' },
  ];
  for (const [variant, make] of VARIANTS) {
    describe(variant, () => {
      for (const c of cases) {
        it(c.name, async () => {
          const text = make(PAGE);
          const engine = await engineWith(PATH, text);
          assert.equal(shape(PATH, text), ORIGINAL);
          const after = applyAndVerify(engine, PATH, text, edits(moveTopicLink(text, PATH, c.from, c.to, c.index)));
          assert.equal(shape(PATH, after), c.expect);
        });
      }
      it('un-nesting the last item of a nested list removes the emptied <ul>', async () => {
        const text = make(PAGE);
        const engine = await engineWith(PATH, text);
        const once = applyAndVerify(engine, PATH, text, edits(moveTopicLink(text, PATH, '0/1', null, 1)));
        const twice = applyAndVerify(engine, PATH, once, edits(moveTopicLink(once, PATH, '0/0', null, 1)));
        assert.equal(shape(PATH, twice), '/alpha,/alpha/one,/alpha/two,/beta,/gamma');
        assert.equal((twice.match(/<ul/g) ?? []).length, 1, 'the emptied nested <ul> is gone');
      });
      it('reorders the keys of a _topic-links include', async () => {
        const text = make(INCLUDE_PAGE);
        const path = 'articles/keys/index.md';
        const engine = await engineWith(path, text);
        const after = applyAndVerify(engine, path, text, edits(moveTopicLink(text, path, '2', null, 0)));
        assert.equal(shape(path, after), 'gamma,alpha,beta');
        const back = applyAndVerify(engine, path, after, edits(moveTopicLink(after, path, '0', null, 2)));
        assert.equal(back, text, 'moving it back restores the page');
      });
    });
  }

  it('writes the new structure with the page\'s indentation', () => {
    const r = edits(moveTopicLink(PAGE, PATH, '1', '2', 0));
    const after = applyEdits(PAGE, r);
    assert.ok(
      after.includes(`  <li><i class="icon icon-budicon-715"></i><a href="/gamma">Gamma</a><p>About gamma.</p>
    <ul>
      <li>
        <i class="icon icon-budicon-715"></i><a href="/beta">Beta</a>
        <p>About beta.</p>
      </li>
    </ul>
  </li>
</ul>`),
      after,
    );
  });

  it('keeps tab indentation', () => {
    const tabbed = PAGE.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2));
    const after = applyEdits(tabbed, edits(moveTopicLink(tabbed, PATH, '2', '1', 0)));
    assert.ok(after.includes('\t\t<ul>\n\t\t\t<li><i class="icon icon-budicon-715"></i><a href="/gamma">'), after);
    assert.ok(!/^ +</m.test(after.split('---').slice(2).join('---')), 'no space indentation appears');
  });

  it('a move to the same place changes nothing', () => {
    assert.deepEqual(moveTopicLink(PAGE, PATH, '1', null, 1), { ok: true, edits: [] });
    assert.deepEqual(moveTopicLink(PAGE, PATH, '0/0', '0', 0), { ok: true, edits: [] });
  });

  it('refuses bad addresses, positions and moves with a reason', () => {
    const reason = (r: EditResult): string => (r.ok ? 'ok' : r.reason);
    assert.equal(reason(moveTopicLink(PAGE, PATH, 'x', null, 0)), '`x` is not an item address (like 0/2/1)');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '7', null, 0)), 'no topic link at `7`');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '0', '0/1', 0)), 'an item cannot be nested under itself or its own items');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '0', '0', 0)), 'an item cannot be nested under itself or its own items');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '1', '9', 0)), 'no topic link at `9`');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '1', null, 3)), 'position 3 is outside 0–2');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '1', null, -1)), 'position -1 is outside 0–2');
    assert.equal(reason(moveTopicLink(INCLUDE_PAGE, 'k.md', '0', '1', 0)), 'an include key cannot be nested under another link');
    assert.equal(reason(moveTopicLink(PAGE, PATH, '0', null, 0.5)), 'position 0.5 is outside 0–2');
  });

  it('parses addresses', () => {
    assert.deepEqual(parseAddress('0/2/1'), [0, 2, 1]);
    assert.equal(parseAddress(''), undefined);
    assert.equal(parseAddress('0//1'), undefined);
    assert.equal(parseAddress('-1'), undefined);
  });
});

describe('insertTopicLink', () => {
  const delta = { route: '/delta', title: 'Delta & Co', description: 'About <delta>.' };
  for (const [variant, make] of VARIANTS) {
    describe(variant, () => {
      it('inserts a top-level item with the icon of its depth, the title and the description', async () => {
        const text = make(PAGE);
        const engine = await engineWith(PATH, text);
        const after = applyAndVerify(engine, PATH, text, edits(insertTopicLink(text, PATH, { parent: null, index: 1 }, delta)));
        assert.equal(shape(PATH, after), '/alpha(/alpha/one,/alpha/two),/delta,/beta,/gamma');
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        assert.ok(after.includes(['  <li>', '    <i class="icon icon-budicon-715"></i><a href="/delta">Delta &amp; Co</a>', '    <p>About &lt;delta&gt;.</p>', '  </li>', '  <li>', '    <i class="icon icon-budicon-715"></i><a href="/beta">'].join(eol)), after);
      });
      it('inserts a nested item under an item without a list, with the nested icon used on the page', async () => {
        const text = make(PAGE);
        const engine = await engineWith(PATH, text);
        const after = applyAndVerify(engine, PATH, text, edits(insertTopicLink(text, PATH, { parent: '1', index: 0 }, delta)));
        assert.equal(shape(PATH, after), '/alpha(/alpha/one,/alpha/two),/beta(/delta),/gamma');
        assert.ok(after.includes('<i class="icon icon-budicon-695"></i><a href="/delta">'), after);
      });
      it('inserts at the end of a nested list', async () => {
        const text = make(PAGE);
        const engine = await engineWith(PATH, text);
        const after = applyAndVerify(engine, PATH, text, edits(insertTopicLink(text, PATH, { parent: '0', index: 2 }, delta)));
        assert.equal(shape(PATH, after), '/alpha(/alpha/one,/alpha/two,/delta),/beta,/gamma');
      });
      it('inserts a key into a _topic-links include, in the array\'s own layout', async () => {
        const text = make(INCLUDE_PAGE);
        const path = 'articles/keys/index.md';
        const engine = await engineWith(path, text);
        const first = applyAndVerify(engine, path, text, edits(insertTopicLink(text, path, { parent: null, index: 0 }, delta)));
        assert.equal(shape(path, first), 'delta,alpha,beta,gamma');
        const last = applyAndVerify(engine, path, text, edits(insertTopicLink(text, path, { parent: null, index: 3 }, { ...delta, key: 'delta' })));
        assert.equal(shape(path, last), 'alpha,beta,gamma,delta');
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        assert.ok(last.includes(`'gamma',${eol}  'delta'${eol}]`), last);
      });
    });
  }

  it('fills an empty topic-links list', () => {
    const page = '---\ntitle: T\ndescription: D\nclasses: topic-page\n---\n<ul class="topic-links">\n</ul>\n';
    const after = applyEdits(page, edits(insertTopicLink(page, 'a.md', { parent: null, index: 0 }, { route: '/x', title: 'X' })));
    assert.equal(after, '---\ntitle: T\ndescription: D\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li>\n    <i class="icon icon-budicon-715"></i><a href="/x">X</a>\n  </li>\n</ul>\n');
  });

  it('refuses a position outside the list and a page without a list', () => {
    const r = insertTopicLink(PAGE, PATH, { parent: null, index: 4 }, delta);
    assert.deepEqual(r, { ok: false, reason: 'position 4 is outside 0–3' });
    const bare = '---\ntitle: T\nclasses: topic-page\n---\nText.\n';
    assert.deepEqual(insertTopicLink(bare, 'a.md', { parent: null, index: 0 }, delta), { ok: false, reason: 'the page has no topic-links list to put the item in' });
  });
});

describe('linkTargetFor', () => {
  it('takes route, title (else heading), description and include key from the index', async () => {
    const engine = await engineWith(PATH, PAGE);
    assert.deepEqual(linkTargetFor(engine.index, 'articles/alpha/one.md'), { route: '/alpha/one', title: 'Alpha One', description: 'About alpha one.', key: 'alpha/one' });
    assert.deepEqual(linkTargetFor(engine.index, PATH), { route: '/guides', title: 'Guides', description: 'All the guides.', key: 'guides' });
    const untitled = await engineFor({ 'articles/x/index.md': '---\ndescription: d\n---\n\n# X Marks\n' });
    assert.deepEqual(linkTargetFor(untitled.index, 'articles/x/index.md'), { route: '/x', title: 'X Marks', description: 'd', key: 'x' });
    assert.equal(linkTargetFor(engine.index, 'articles/_includes/_topic-links.md'), undefined);
    assert.equal(linkTargetFor(engine.index, 'articles/missing.md'), undefined);
  });
  it('a link inserted from it re-checks clean', async () => {
    const engine = await engineWith(PATH, PAGE);
    const target = linkTargetFor(engine.index, 'articles/delta.md');
    assert.ok(target);
    const after = applyAndVerify(engine, PATH, PAGE, edits(insertTopicLink(PAGE, PATH, { parent: null, index: 3 }, target)));
    assert.ok(after.includes('<a href="/delta">Delta</a>\n    <p>About delta.</p>\n  </li>\n</ul>'), after);
  });
});

describe('addressAt', () => {
  it('gives each tree node on a page the address its id ends with', async () => {
    const engine = await engineWith(PATH, PAGE);
    const tree = new TopicTree(engine.index);
    const root = tree.roots().find((r) => r.target === PATH);
    assert.ok(root);
    const page = parsePage(PATH, PAGE);
    const seen: string[] = [];
    const visit = (n: TopicNode): void => {
      for (const c of tree.children(n)) {
        if (c.source?.path !== PATH) continue;
        const address = addressAt(page, c.source.range.start);
        assert.equal(`${PATH}/${address ?? '?'}`, c.id);
        seen.push(address ?? '?');
        visit(c);
      }
    };
    visit(root);
    assert.deepEqual(seen, ['0', '0/0', '0/1', '1', '2']);
    assert.equal(addressAt(page, 0), undefined);
  });
});

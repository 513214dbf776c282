/** The topic tree: placeholder items (`href="#"` or empty) and pages labelled by their heading when they have no title. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TopicTree, type TopicNode } from '../../src/core/hierarchy';
import { CORPUS_CONFIG, CORPUS_DIR } from '../helpers/corpus';
import { engineFor } from '../helpers/memoryHost';

const show = (tree: TopicTree, n: TopicNode): string => `${n.kind}${n.placeholder ? ' (placeholder)' : ''} ${n.label}${tree.children(n).length > 0 ? ` [${tree.children(n).map((c) => show(tree, c)).join('; ')}]` : ''}`;

test('an item linking to `#` or nowhere is a placeholder, not a cycle; a page without title is labelled by its heading', async () => {
  const engine = await engineFor(
    {
      'articles/index.md': '---\nclasses: topic-page\ntitle: Home\ndescription: d\n---\n<ul class="topic-links">\n  <li><a href="#">HIPAA</a><p>Soon.</p></li>\n  <li><a href="">Empty</a></li>\n  <li><a href="#section">Section</a></li>\n  <li><a href="/practices"></a></li>\n</ul>\n\n## Section\n',
      'articles/practices/index.md': '---\ndescription: d\n---\n\n# Best Practices\n\nText.\n',
    },
    { docsRoot: 'articles' },
  );
  const tree = new TopicTree(engine.index);
  assert.deepEqual(
    tree.roots().map((r) => show(tree, r)),
    ['topic-page Home [no-link (placeholder) HIPAA; no-link (placeholder) Empty; cycle Section; page Best Practices]'],
  );
});

test('corpus: the compliance page\'s `#` items are placeholders; best-practices is labelled by its heading', { skip: !existsSync(CORPUS_DIR) && !process.env['CI'] ? `corpus not found at ${CORPUS_DIR}` : false }, async () => {
  const read = (p: string): string => readFileSync(join(CORPUS_DIR, p), 'utf8');
  const engine = await engineFor(
    { 'articles/compliance/index.md': read('articles/compliance/index.md'), 'articles/best-practices/index.md': read('articles/best-practices/index.md') },
    CORPUS_CONFIG,
  );
  const tree = new TopicTree(engine.index);
  const compliance = tree.roots().find((r) => r.target === 'articles/compliance/index.md');
  assert.ok(compliance);
  const items = tree.children(compliance).map((c) => `${c.kind}${c.placeholder ? ' (placeholder)' : ''} ${c.label}`);
  assert.deepEqual(items.slice(0, 3), ['no-link (placeholder) Privacy Shield', 'no-link (placeholder) HIPAA', 'no-link (placeholder) SOC 2']);
  assert.ok(!items.some((i) => i.startsWith('cycle')), items.join('\n'));
  const practices = tree.roots().find((r) => r.target === 'articles/best-practices/index.md');
  assert.equal(engine.index.summary('articles/best-practices/index.md')?.title, undefined);
  assert.equal(practices?.label, 'Best Practices');
});

test('ids are unique: a link to another topic page with sub-links of its own numbers that page\'s links after them', async () => {
  const engine = await engineFor(
    {
      'articles/index.md': '---\nclasses: topic-page\ntitle: Home\ndescription: d\n---\n<ul class="topic-links">\n  <li><a href="/billing">Billing</a>\n    <ul>\n      <li><a href="/billing/compare">Compare Plans</a></li>\n    </ul>\n  </li>\n</ul>\n',
      'articles/billing/index.md': '---\nclasses: topic-page\ntitle: Billing\ndescription: d\n---\n<ul class="topic-links">\n  <li><a href="/billing/plans">Plans</a></li>\n  <li><a href="/billing/invoices">Invoices</a></li>\n</ul>\n',
      'articles/billing/compare.md': '---\ntitle: Compare\ndescription: d\n---\n',
      'articles/billing/plans.md': '---\ntitle: Plans\ndescription: d\n---\n',
      'articles/billing/invoices.md': '---\ntitle: Invoices\ndescription: d\n---\n',
    },
    { docsRoot: 'articles' },
  );
  const tree = new TopicTree(engine.index);
  const [home] = tree.roots();
  assert.ok(home);
  const [billing] = tree.children(home);
  assert.ok(billing);
  const children = tree.children(billing);
  assert.deepEqual(children.map((c) => [c.id, c.label]), [
    ['articles/index.md/0/0', 'Compare Plans'],
    ['articles/index.md/0/1', 'Plans'],
    ['articles/index.md/0/2', 'Invoices'],
  ]);
  // Each id is the child's position: the service resolves ids by walking positions.
  children.forEach((c, i) => assert.equal(c.id, `${billing.id}/${i}`));
});

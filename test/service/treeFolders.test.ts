/**
 * The topic tree of a workspace with more root topic pages than FOLDER_ROOTS_ABOVE: the roots are
 * shown in folders (by folder under the docs root), and children, parent and find agree with them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FOLDER_ROOTS_ABOVE } from '../../src/core/service/service';
import { serviceFor } from '../helpers/serviceHarness';

const topic = (title: string, items = ''): string => `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}.\n---\n<ul class="topic-links">\n${items}</ul>\n`;
const item = (href: string, text: string): string => `  <li><a href="${href}">${text}</a><p>More.</p></li>\n`;

describe('topic tree in folders', () => {
  it('shows few roots flat', async () => {
    const h = await serviceFor({ 'articles/a/index.md': topic('A'), 'articles/b/index.md': topic('B') });
    assert.deepEqual(h.service.treeRoots().map((n) => [n.id, n.kind]), [
      ['articles/a/index.md', 'topic-page'],
      ['articles/b/index.md', 'topic-page'],
    ]);
  });

  it('shows more than FOLDER_ROOTS_ABOVE roots in folders under the docs root, with their counts', async () => {
    // Three sections: "guides" holds 150 roots and one page two of them link to, "api" 60, "top" 1 page at the top level.
    const files: Record<string, string> = { 'articles/start.md': topic('Start'), 'articles/guides/shared.md': '---\ntitle: Shared\ndescription: S.\n---\nText.\n' };
    for (let i = 0; i < 150; i++) files[`articles/guides/g${String(i).padStart(3, '0')}.md`] = topic(`Guide ${i}`, i < 2 ? item('/guides/shared', 'Shared') + item('/nowhere', 'Gone') : '');
    for (let i = 0; i < 60; i++) files[`articles/api/v1/a${String(i).padStart(2, '0')}.md`] = topic(`API ${i}`);
    const h = await serviceFor(files);
    assert.ok(150 + 60 + 1 > FOLDER_ROOTS_ABOVE);
    const roots = h.service.treeRoots();
    assert.deepEqual(
      roots.map((n) => [n.id, n.kind, n.label, n.description, n.hasChildren, n.expanded]),
      [
        ['folder:', 'folder', '(top level)', '1 topic page', true, false],
        ['folder:api', 'folder', 'api', '60 topic pages', true, false],
        ['folder:guides', 'folder', 'guides', '150 topic pages · 2 problems', true, false],
      ],
    );
    const guides = h.service.treeChildren('folder:guides');
    assert.equal(guides.length, 150);
    assert.deepEqual(guides.slice(0, 2).map((n) => [n.id, n.label, n.hasChildren]), [
      ['articles/guides/g000.md', 'Guide 0', true],
      ['articles/guides/g001.md', 'Guide 1', true],
    ]);
    assert.deepEqual(h.service.treeChildren('folder:api').map((n) => n.id).slice(0, 1), ['articles/api/v1/a00.md']);
    assert.deepEqual(h.service.treeChildren('folder:nope'), []);
    assert.equal(h.service.treeParent('articles/guides/g000.md')?.id, 'folder:guides');
    assert.equal(h.service.treeParent('articles/guides/g000.md/0')?.id, 'articles/guides/g000.md');
    assert.equal(h.service.treeParent('folder:guides'), undefined);
    assert.deepEqual(h.service.treeFind('articles/guides/shared.md').map((n) => n.id), ['folder:guides', 'articles/guides/g000.md', 'articles/guides/g000.md/0']);
    assert.deepEqual(h.service.treeFind('articles/start.md').map((n) => n.id), ['folder:', 'articles/start.md']);
  });
});

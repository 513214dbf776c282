import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { titleChangeEdits } from '../../../src/core/authoring/titleEdits';
import { engineFor, toCrlf, withBom } from '../../helpers/memoryHost';
import { applyAndVerify } from './helpers';

const topic = (body: string): string => `---\ntitle: T\ndescription: D.\nclasses: topic-page\n---\n<ul class="topic-links">\n${body}</ul>\n`;
const li = (href: string, text: string, description: string): string =>
  `  <li>\n    <i class="icon icon-budicon-715"></i><a href="${href}">${text}</a>\n    <p>${description}</p>\n  </li>\n`;

const VARIANTS: readonly [string, (t: string) => string][] = [
  ['LF', (t) => t],
  ['CRLF', toCrlf],
  ['BOM', withBom],
];

describe('titleChangeEdits', () => {
  for (const [variant, make] of VARIANTS) {
    it(`updates the links whose text is the old title, and only those (${variant})`, async () => {
      const files: Record<string, string> = {
        'articles/beta.md': make('---\ntitle: Beta & Co\ndescription: About beta.\n---\n\nText.\n'),
        'articles/gamma.md': make('---\ntitle: Gamma\ndescription: About gamma.\n---\n\nText.\n'),
        'articles/a/index.md': make(topic(li('/beta', 'Beta &amp; Co', 'About beta.') + li('/beta', 'Beta, the second one', 'About beta.') + li('/gamma', 'Beta &amp; Co', 'About beta.'))),
        'articles/b/index.md': make(topic(li('/docs/beta', '  Beta   &amp; Co ', 'Something else.'))),
        'articles/c/index.md': make(topic(li('/gamma', 'Gamma', 'About gamma.'))),
      };
      const engine = await engineFor(files, { docsRoot: 'articles', siteBases: ['/docs'] });
      const pages = Object.entries(files).map(([path, text]) => ({ path, text }));
      const result = titleChangeEdits(engine.index, pages, 'articles/beta.md', { oldTitle: 'Beta & Co' }, 'Beta <Two>');
      assert.deepEqual(result.map((r) => `${r.path}: ${r.edits.length}`), ['articles/a/index.md: 1', 'articles/b/index.md: 1']);
      const expected: Record<string, string> = { 'articles/a/index.md': '<a href="/beta">Beta &lt;Two&gt;</a>', 'articles/b/index.md': '<a href="/docs/beta">  Beta &lt;Two&gt; </a>' };
      for (const r of result) {
        const after = applyAndVerify(engine, r.path, files[r.path] ?? '', r.edits);
        // The white space around the old text stays as the writer left it.
        assert.ok(after.includes(expected[r.path] ?? '?'), after);
      }
      const a = applyAndVerify(engine, 'articles/a/index.md', files['articles/a/index.md'] ?? '', result[0]?.edits ?? []);
      assert.ok(a.includes('>Beta, the second one</a>'), 'a link with its own text is left alone');
      assert.ok(a.includes('<a href="/gamma">Beta &amp; Co</a>'), 'a link to another page is left alone');

      const described = titleChangeEdits(engine.index, pages, 'articles/beta.md', { oldDescription: 'About beta.' }, 'All about beta.');
      assert.deepEqual(described.map((r) => `${r.path}: ${r.edits.length}`), ['articles/a/index.md: 2']);
      const d = applyAndVerify(engine, 'articles/a/index.md', files['articles/a/index.md'] ?? '', described[0]?.edits ?? []);
      assert.equal((d.match(/<p>All about beta\.<\/p>/g) ?? []).length, 2);
      assert.equal((d.match(/<p>About beta\.<\/p>/g) ?? []).length, 1, 'the description under the link to /gamma stays');
    });
  }
  for (const [variant, make] of VARIANTS) {
    it(`keeps the line breaks and indentation of a description written over several lines (${variant})`, async () => {
      const page = topic('  <li>\n    <a href="/beta">Beta</a>\n    <p>\n      About\n      beta.\n    </p>\n  </li>\n');
      const files: Record<string, string> = { 'articles/beta.md': make('---\ntitle: Beta\ndescription: About beta.\n---\n'), 'articles/a/index.md': make(page) };
      const engine = await engineFor(files, { docsRoot: 'articles' });
      const pages = Object.entries(files).map(([path, text]) => ({ path, text }));
      const [r] = titleChangeEdits(engine.index, pages, 'articles/beta.md', { oldDescription: 'About beta.' }, 'All about beta.');
      const after = applyAndVerify(engine, 'articles/a/index.md', files['articles/a/index.md'] ?? '', r?.edits ?? []);
      assert.equal(after, make(page.replace('About\n      beta.', 'All about beta.')));
    });
  }

  it('no edits when the value does not change or was empty', async () => {
    const engine = await engineFor({ 'articles/beta.md': '---\ntitle: Beta\n---\n' }, { docsRoot: 'articles' });
    const pages = [{ path: 'articles/a.md', text: topic(li('/beta', 'Beta', 'x')) }];
    assert.deepEqual(titleChangeEdits(engine.index, pages, 'articles/beta.md', { oldTitle: 'Beta' }, ' Beta '), []);
    assert.deepEqual(titleChangeEdits(engine.index, pages, 'articles/beta.md', { oldTitle: '' }, 'New'), []);
  });
});

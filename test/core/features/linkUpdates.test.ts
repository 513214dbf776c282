import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../src/core/edits';
import { articleKeyForFile, hrefEditsForMoves, pageMoves, routeForFile } from '../../../src/core/features/linkUpdates';

describe('routeForFile / articleKeyForFile', () => {
  it('maps files under the docs root to routes and include keys', () => {
    assert.equal(routeForFile('articles/users/index.md', 'articles'), '/users');
    assert.equal(routeForFile('articles/users/search.md', 'articles'), '/users/search');
    assert.equal(routeForFile('articles/_includes/x.md', 'articles'), undefined);
    assert.equal(routeForFile('README.md', 'articles'), undefined);
    assert.equal(routeForFile('index.md', ''), '/');
    assert.equal(articleKeyForFile('articles/users/index.md', 'articles'), 'users');
    assert.equal(articleKeyForFile('articles/users/search.md', 'articles'), 'users/search');
  });
});

describe('pageMoves', () => {
  const known = ['articles/a/index.md', 'articles/a/b.md', 'articles/ab.md'];
  it('keeps a file move as is and expands a folder move to its pages', () => {
    assert.deepEqual(pageMoves('articles/ab.md', 'articles/c.md', known), [{ from: 'articles/ab.md', to: 'articles/c.md' }]);
    assert.deepEqual(pageMoves('articles/a', 'articles/z', known), [
      { from: 'articles/a/index.md', to: 'articles/z/index.md' },
      { from: 'articles/a/b.md', to: 'articles/z/b.md' },
    ]);
  });
});

describe('hrefEditsForMoves', () => {
  const options = {
    docsRoot: 'articles',
    siteBases: ['/docs', 'https://docs.example.com/docs'],
    routeOf: (p: string) => routeForFile(p, 'articles'),
  };
  const home = [
    '---',
    'classes: topic-page',
    '---',
    '<ul class="topic-links">',
    '  <li><a href="/users/search">Search</a></li>',
    '  <li><a href="/docs/users/search#filters">Filters</a></li>',
    '  <li><a href="https://docs.example.com/docs/users/search?q=1">Full</a></li>',
    '  <li><a href="/users/searching">Other</a></li>',
    '  <li><a href="users/search">Relative</a></li>',
    '</ul>',
    '',
    'See [search](/users/search).',
    "<%- include('../_includes/_topic-links', { links: ['users/search', 'api'] }) %>",
    '',
  ].join('\n');

  it('rewrites every href and include key that reached the old route, keeping base, query and fragment', () => {
    const edits = hrefEditsForMoves([{ path: 'articles/users/index.md', text: home }], [{ from: 'articles/users/search.md', to: 'articles/people/find.md' }], options);
    const out = applyEdits(home, edits.get('articles/users/index.md') ?? []);
    assert.match(out, /href="\/people\/find">Search/);
    assert.match(out, /href="\/docs\/people\/find#filters"/);
    assert.match(out, /href="https:\/\/docs\.example\.com\/docs\/people\/find\?q=1"/);
    assert.match(out, /href="\/users\/searching"/);
    assert.match(out, /href="\/people\/find">Relative/);
    assert.match(out, /\[search\]\(\/people\/find\)/);
    assert.match(out, /links: \['people\/find', 'api'\]/);
  });

  it('rewrites Markdown links on pages without topic-link markup', () => {
    const guide = '---\ntitle: Guide\n---\n\nFollow [Search](/users/search) or [this](/docs/users/search#x).\n';
    const edits = hrefEditsForMoves([{ path: 'articles/guides/start.md', text: guide }], [{ from: 'articles/users/search.md', to: 'articles/people/find.md' }], options);
    assert.equal(applyEdits(guide, edits.get('articles/guides/start.md') ?? []), guide.replace('(/users/search)', '(/people/find)').replace('/docs/users/search#x', '/docs/people/find#x'));
  });

  it('a round trip (move, then move back) makes one edit per link each way and ends on the original text', () => {
    const guide = '---\ntitle: Guide\n---\n\nFollow [Search](/users/search).\n';
    let pages = [{ path: 'articles/users/index.md', text: home }, { path: 'articles/guides/start.md', text: guide }];
    for (const move of [{ from: 'articles/users/search.md', to: 'articles/users/find.md' }, { from: 'articles/users/find.md', to: 'articles/users/search.md' }]) {
      const edits = hrefEditsForMoves(pages, [move], options);
      assert.deepEqual([...edits.keys()].sort(), ['articles/guides/start.md', 'articles/users/index.md']);
      assert.equal(edits.get('articles/users/index.md')?.length, 6, 'six links on the topic page, one edit each');
      assert.equal(edits.get('articles/guides/start.md')?.length, 1);
      for (const [path, list] of edits) {
        const text = pages.find((p) => p.path === path)?.text ?? '';
        for (const e of list) assert.notEqual(text.slice(e.range.start, e.range.end), e.newText, 'no edit that changes nothing');
      }
      pages = pages.map((p) => ({ path: p.path, text: applyEdits(p.text, edits.get(p.path) ?? []) }));
    }
    // The relative href comes back root-relative (rewritten links always are); everything else as it was.
    assert.deepEqual(pages.map((p) => p.text), [home.replace('href="users/search"', 'href="/users/search"'), guide]);
  });

  it('returns nothing when the route does not change or nothing links to it', () => {
    assert.equal(hrefEditsForMoves([{ path: 'articles/users/index.md', text: home }], [{ from: 'articles/users/search.md', to: 'articles/users/search/index.md' }], options).size, 0);
    assert.equal(hrefEditsForMoves([{ path: 'articles/users/index.md', text: home }], [{ from: 'articles/api/x.md', to: 'articles/api/y.md' }], options).size, 0);
  });
});

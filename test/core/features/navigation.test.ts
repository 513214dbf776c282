import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugify } from '../../../src/core/markdown';
import { parsePage } from '../../../src/core/page';
import { fragmentOffset, hoverMarkdown, linkTargets, targetAt } from '../../../src/core/features/navigation';
import { engineFor } from '../../helpers/memoryHost';
import { workspace } from './fixtures';

describe('navigation', () => {
  it('lists link targets and include paths with the files they reach', async () => {
    const engine = await engineFor({ ...workspace, 'articles/_includes/header.md': 'x' });
    const path = 'articles/users/_partial.md';
    const partial = parsePage(path, workspace[path] ?? '');
    const includes = linkTargets(partial, engine.index).filter((t) => t.kind === 'include');
    assert.deepEqual(includes.map((t) => [t.href, t.target]), [['../_includes/header', 'articles/_includes/header.md']]);

    const home = parsePage('articles/index.md', workspace['articles/index.md'] ?? '');
    const targets = linkTargets(home, engine.index);
    assert.deepEqual(targets.map((t) => [t.href, t.target ?? t.resolution]), [
      ['/users', 'articles/users/index.md'],
      ['/nowhere', 'route'],
      ['https://example.com', 'external'],
    ]);
  });

  it('finds the link under the cursor and describes it', async () => {
    const engine = await engineFor(workspace);
    const text = workspace['articles/users/index.md'] ?? '';
    const page = parsePage('articles/users/index.md', text);
    const t = targetAt(page, engine.index, text.indexOf('/users/search') + 3);
    assert.equal(t?.target, 'articles/users/search.md');
    assert.equal(t?.fragment, 'filters');
    const hover = t && hoverMarkdown(t, engine.index);
    assert.match(hover ?? '', /\*\*Search users\*\*/);
    assert.match(hover ?? '', /Find anyone\./);
    assert.match(hover ?? '', /`articles\/users\/search\.md` · route `\/users\/search` · `#filters`/);
    assert.equal(targetAt(page, engine.index, text.indexOf('Back home'))?.target, 'articles/index.md');
    assert.equal(targetAt(page, engine.index, 0), undefined);
  });

  it('says when no page serves a route, with the nearest routes', async () => {
    const engine = await engineFor(workspace);
    const text = '---\nclasses: topic-page\n---\n<ul class="topic-links"><li><a href="/users/serch">S</a></li></ul>\n';
    const page = parsePage('articles/x.md', text);
    const t = targetAt(page, engine.index, text.indexOf('serch'));
    assert.match(t ? hoverMarkdown(t, engine.index) ?? '' : '', /No page for this route.*`\/users\/serch`[\s\S]*Nearest routes: `\/users\/search`/);
  });

  it('finds the offset of a fragment in the target text', () => {
    const text = '# Top\n\n## Filters\n\n<p id="x">x</p>\n';
    assert.equal(fragmentOffset(text, 'filters', slugify), text.indexOf('## Filters'));
    assert.equal(fragmentOffset(text, 'x', slugify), text.indexOf('id="x"'));
    assert.equal(fragmentOffset(text, 'missing', slugify), 0);
    assert.equal(fragmentOffset(text, undefined, slugify), 0);
  });
});

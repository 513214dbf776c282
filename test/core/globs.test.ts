// `ignore` globs run on RE2: the same answers as picomatch (dotfiles included) for every
// workspace path, and a glob that needs a lookahead is refused with the reason.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob } from '../../src/core/linearRegExp';
import { defaultSettings, WorkspaceIndex } from '../../src/core/workspace';
import { engineFor } from '../helpers/memoryHost';

const GLOBS = [
  'articles/drafts/**', '**/*.md', '*.md', '**/node_modules/**', 'node_modules/**', 'articles/**/_*.md', 'a/{b,c}/*.md',
  'a/[abc]?.md', 'a/+(b|c).md', '**', 'a/**/b', '*a*a*b', 'articles/*/index.md', '@(a|b)', '**/.git/**', '.*', 'a/**',
  '**/x', '{a,b}/**/*.{md,txt}', 'a/b?c/*', '[!a]*.md', 'a\\*b', '**/*', 'a/*/', 'articles/[0-9][0-9]-*.md',
];
const SEGMENTS = ['a', 'b', 'c', 'x', '.git', 'ab', 'aab', '_p.md', 'index.md', 'a.md', 'b.txt', 'drafts', 'articles', 'node_modules', '12-x.md', 'a*b', 'bxc', '.hidden', 'abc.md'];
const arbPath = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));

describe('ignore globs', () => {
  for (const glob of GLOBS) {
    it(`${glob}: same answers as picomatch`, () => {
      const linear = compileGlob(glob);
      assert.equal(typeof linear, 'function', JSON.stringify(linear));
      const reference = picomatch(glob, { dot: true });
      fc.assert(
        fc.property(arbPath, (path) => (linear as (p: string) => boolean)(path) === reference(path)),
        { numRuns: 500, seed: 10 },
      );
    });
  }

  it('a negated extglob is refused, by compileGlob and as a config error', async () => {
    assert.deepEqual(compileGlob('!(x).md'), { error: 'a negated pattern such as `!(…)` cannot be matched in linear time; use several plain globs' });
    const engine = await engineFor({ 'articles/a.md': '# A\n' }, { ignore: ['articles/drafts/**', '!(x).md'] });
    assert.deepEqual(engine.loaded.errors.map((e) => e.message), [
      'topic-pages.json: `ignore` glob `!(x).md` cannot be used: a negated pattern such as `!(…)` cannot be matched in linear time; use several plain globs',
    ]);
  });

  it('WorkspaceIndex ignores through them', () => {
    const index = new WorkspaceIndex(defaultSettings({ ignore: ['articles/drafts/**', '**/_*.md'] }));
    assert.equal(index.ignores('articles/drafts/a.md'), true);
    assert.equal(index.ignores('articles/x/_inc.md'), true);
    assert.equal(index.ignores('articles/x/inc.md'), false);
    assert.equal(index.isPagePath('articles/drafts/a.md'), false);
  });
});

// Redirect `from` patterns: `:name` (one or more characters other than `/`), `/:name?` (an
// optional segment), `*` (any characters); everything else literal, an optional trailing `/`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redirects, compileRedirectPattern } from '../../src/core/redirects';

function matches(from: string, route: string): boolean {
  const pattern = compileRedirectPattern(from);
  assert.ok(pattern, `${from} compiles`);
  return pattern.testExact(route);
}

describe('redirect patterns', () => {
  const cases: [string, string, boolean][] = [
    ['/quickstart/:platform', '/quickstart/spa', true],
    ['/quickstart/:platform', '/quickstart/spa/', true],
    ['/quickstart/:platform', '/quickstart/spa/react', false],
    ['/quickstart/:platform', '/quickstart/', false],
    ['/quickstart/:platform/:tech', '/quickstart/spa/react', true],
    ['/docs/:page?', '/docs', true],
    ['/docs/:page?', '/docs/intro', true],
    ['/docs/:page?', '/docs/intro/more', false],
    ['/v1/*', '/v1/a/b/c', true],
    ['/v1/*', '/v1/', true],
    ['/v1/*', '/v2/a', false],
    ['/files/:name.:ext', '/files/report.pdf', true],
    ['/files/:name.:ext', '/files/reportXpdf', false],
    // Regular-expression characters are literal.
    ['/a(b)?/:x', '/a(b)?/y', true],
    ['/a(b)?/:x', '/ab/y', false],
    ['/a(b)?/:x', '/a/y', false],
    ['/x.y/:z', '/xzy/1', false],
    ['/a+/:z', '/aa/1', false],
    ['/a+/:z', '/a+/1', true],
    ['/[a]/:z', '/[a]/1', true],
    ['/\\d/:z', '/\\d/1', true],
    ['/\\d/:z', '/1/1', false],
    ['/^$|/:z', '/^$|/1', true],
  ];
  for (const [from, route, expected] of cases) {
    it(`${from} ${expected ? 'matches' : 'does not match'} ${route}`, () => {
      assert.equal(matches(from, route), expected);
    });
  }

  it('a pattern redirects through Redirects.follow, with `:param` dropped from `to`', () => {
    const r = new Redirects(
      [
        { from: '/quickstart/:platform', to: '/start/:platform' },
        { from: ['/a(1)', '/b/:x?'], to: '/c' },
      ],
      (route) => route.replace(/\/$/, ''),
    );
    assert.deepEqual(r.follow('/quickstart/spa'), ['/start']);
    assert.deepEqual(r.follow('/a(1)'), ['/c'], 'a `from` without tokens is an exact route, parentheses and all');
    assert.deepEqual(r.follow('/a1'), []);
    assert.deepEqual(r.follow('/b'), ['/c']);
    assert.deepEqual(r.follow('/b/z'), ['/c']);
  });
});

import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { asBrowserReadsIt, classifyHref, normalizeRoute } from '../../src/core/routes';
import { editDistance } from '../../src/core/workspace';

// The definitions the fast paths must agree with, written out in full.
function normalizeRouteByDefinition(route: string): string {
  const joined = posix.normalize('/' + route.trim());
  const stripped = joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
  return stripped === '' ? '/' : stripped;
}

function unsafeSchemeByDefinition(href: string): string | undefined {
  return /^\s*(javascript|data|vbscript|file):/i.exec(asBrowserReadsIt(href))?.[1]?.toLowerCase();
}

// Strings made of the characters that matter to routes and hrefs.
const routeChars = fc.constantFrom('/', '/', '.', 'a', 'b', ' ', '\t', '\n', '\u00a0', '%', '2', 'F', '#', '?', '&', ';', ':', 'j', 's');
const routeLike = fc.array(routeChars, { maxLength: 16 }).map((cs) => cs.join(''));

describe('normalizeRoute', () => {
  it('gives what posix.normalize gives, for routes already normal and not', () => {
    const cases = ['/', '/a/b', '/a/b/', '//a', '/a//b', '/a/./b', '/a/../b', '/a/..', '/a/.', '/a/...', '/a/.b', '/a/b ', ' /a', 'a/b', '', '/a/b\u00a0', '/..', '/\n/'];
    for (const c of cases) assert.equal(normalizeRoute(c), normalizeRouteByDefinition(c), JSON.stringify(c));
    fc.assert(fc.property(routeLike, (r) => normalizeRoute(r) === normalizeRouteByDefinition(r)), { numRuns: 5000 });
    fc.assert(fc.property(routeLike, (r) => normalizeRoute('/' + r) === normalizeRouteByDefinition('/' + r)), { numRuns: 5000 });
  });

  it('returns a normal route itself, not a copy', () => {
    const route = '/configure/applications/application-settings';
    assert.equal(normalizeRoute(route), route);
    assert.equal(normalizeRoute('/a/b/'), '/a/b');
  });
});

describe('classifyHref spots unsafe schemes as a browser reads them', () => {
  const bases = ['/docs'];
  const schemeOf = (href: string): string | undefined => {
    const k = classifyHref(href, '/a/b', bases);
    return k.kind === 'unsafe' ? k.scheme : undefined;
  };

  it('with and without character references, tabs, line breaks and leading control characters', () => {
    assert.equal(schemeOf('javascript:alert(1)'), 'javascript');
    assert.equal(schemeOf('&#106;avascript:x'), 'javascript');
    assert.equal(schemeOf('javascript&colon;x'), 'javascript');
    assert.equal(schemeOf('java\tscript:x'), 'javascript');
    assert.equal(schemeOf('\u0001data:text/html,x'), 'data');
    assert.equal(schemeOf('/javascript:x'), undefined);
    assert.equal(schemeOf('https://example.com'), undefined);
  });

  it('as the full reading does, on any href', () => {
    const hrefChars = fc.constantFrom('j', 'a', 'v', 's', 'c', 'r', 'i', 'p', 't', ':', '&', '#', '1', '0', '6', ';', 'x', 'c', 'o', 'l', 'n', '\t', '\n', '\u0001', ' ', '/', 'd');
    const href = fc.oneof(
      fc.array(hrefChars, { maxLength: 20 }).map((cs) => cs.join('')),
      fc.tuple(fc.constantFrom('', ' ', '\u0002', '\t'), fc.constantFrom('javascript', 'java\tscript', '&#106;avascript', 'data', 'file', 'vbscript'), fc.constantFrom(':', '&colon;', '&#58;', '&#x3a'), fc.string({ maxLength: 5 })).map((p) => p.join('')),
    );
    fc.assert(fc.property(href, (h) => schemeOf(h) === unsafeSchemeByDefinition(h)), { numRuns: 5000 });
  });
});

describe('editDistance', () => {
  it('is the Levenshtein distance', () => {
    assert.equal(editDistance('/a/users/search', '/a/users/serch'), 1);
    assert.equal(editDistance('ab', 'abab'), 2);
    assert.equal(editDistance('aba', 'aa'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    const s = fc.array(fc.constantFrom('a', 'b', '/', 'c'), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(fc.property(s, s, (a, b) => editDistance(a, b) === distance(a, b)), { numRuns: 5000 });
    // Long routes with a shared folder, as suggestions compare them.
    fc.assert(fc.property(s, s, s, (folder, a, b) => editDistance(`/c0001/${folder}/${a}`, `/c0001/${folder}/${b}`) === distance(`/c0001/${folder}/${a}`, `/c0001/${folder}/${b}`)), { numRuns: 2000 });
  });
});

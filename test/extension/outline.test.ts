import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePage } from '../../src/core/page';
import { pageOutline, type OutlineSymbol } from '../../src/extension/outline';

const text = [
  '---',
  'classes: topic-page',
  'title: Users',
  '---',
  '<div class="topic-page-header">',
  '  <h1>Users</h1>',
  '  <p>People.</p>',
  '</div>',
  '<ul class="topic-links">',
  '  <li>',
  '    <i class="icon icon-budicon-715"></i><a href="/users/search">Search</a>',
  '    <p>Find people.</p>',
  '    <ul>',
  '      <li><a href="/users/search/filters">Filters</a></li>',
  '    </ul>',
  '  </li>',
  '  <li><p>No link here</p></li>',
  '</ul>',
  '',
].join('\n');

function names(symbols: readonly OutlineSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length > 0 ? [s.name, names(s.children)] : s.name));
}

describe('pageOutline', () => {
  const symbols = pageOutline(parsePage('articles/users/index.md', text));

  it('lists the header, then the topic links nested', () => {
    assert.deepEqual(names(symbols), ['Users', ['Search', ['Filters']], '(no link)']);
    assert.deepEqual(symbols.map((s) => s.kind), ['header', 'link', 'link']);
    assert.equal(symbols[1]?.detail, '/users/search');
  });

  it('gives ranges that contain their selection ranges', () => {
    const check = (s: OutlineSymbol): void => {
      assert.ok(s.range.start <= s.selectionRange.start && s.selectionRange.end <= s.range.end, s.name);
      s.children.forEach(check);
    };
    symbols.forEach(check);
    assert.equal(text.slice(symbols[0]?.selectionRange.start, symbols[0]?.selectionRange.end), 'Users');
    assert.ok(text.slice(symbols[1]?.range.start, symbols[1]?.range.end).startsWith('<li>'));
  });
});

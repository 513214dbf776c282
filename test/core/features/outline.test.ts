import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePage } from '../../../src/core/page';
import { mapTree, pageOutline, type OutlineSymbol } from '../../../src/core/features/outline';

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

describe('pageOutline on deep nesting', () => {
  // The engine parses topic lists nested 10,000 deep; the outline (and its conversion to
  // DocumentSymbols through mapTree) must walk them without recursion.
  const DEPTH = 10_000;
  const deep = [
    '---',
    'classes: topic-page',
    'title: Deep',
    '---',
    '<ul class="topic-links">',
    ...Array.from({ length: DEPTH }, (_, i) => `<li><a href="/p${i}">P${i}</a><ul>`),
    ...Array.from({ length: DEPTH }, () => '</ul></li>'),
    '</ul>',
    '',
  ].join('\n');

  it('nests every level, in order, without overflowing the stack', () => {
    const symbols = pageOutline(parsePage('articles/deep.md', deep));
    let level: readonly OutlineSymbol[] = symbols;
    let depth = 0;
    while (level.length > 0) {
      assert.equal(level.length, 1);
      assert.equal(level[0]?.name, `P${depth}`);
      depth++;
      level = level[0]?.children ?? [];
    }
    assert.equal(depth, DEPTH);
  });

  it('mapTree maps a 100,000-deep tree, keeping child order', () => {
    interface Node { readonly name: string; readonly children: Node[] }
    const root: Node = { name: 'n0', children: [] };
    let at = root;
    for (let i = 1; i < 100_000; i++) {
      const next: Node = { name: `n${i}`, children: [] };
      at.children.push({ name: `leaf${i}`, children: [] }, next);
      at = next;
    }
    const mapped = mapTree<Node, { label: string; kids: unknown[] }>([root], (n) => ({ label: n.name.toUpperCase(), kids: [] }), (m, kids) => {
      m.kids = kids;
    });
    let m = mapped[0] as { label: string; kids: { label: string; kids: unknown[] }[] };
    for (let i = 0; i < 99_999; i++) {
      assert.equal(m.label, `N${i}`);
      assert.deepEqual(m.kids.map((k) => k.label), [`LEAF${i + 1}`, `N${i + 1}`]);
      m = m.kids[1] as typeof m;
    }
    assert.equal(m.label, 'N99999');
  });
});

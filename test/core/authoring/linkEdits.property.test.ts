// Property test: random sequences of moves on generated topic pages (nested lists, one-line and
// multi-line items, 2/4-space or tab indentation, LF or CRLF, with or without a BOM) never throw,
// and each result parses to the order the same moves give on a plain model of the list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../../src/core/edits';
import { moveTopicLink } from '../../../src/core/authoring/linkEdits';
import { shape } from './helpers';

const RUNS = Math.max(1, Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? '') || 120);

interface Node {
  readonly href: string;
  children: Node[];
}

const arbForest: fc.Arbitrary<Node[]> = fc
  .array(fc.array(fc.array(fc.constant(0), { maxLength: 2 }), { maxLength: 3 }), { minLength: 1, maxLength: 4 })
  .map((tops) => {
    let n = 0;
    return tops.map((mids) => ({ href: `/p${n++}`, children: mids.map((leaves) => ({ href: `/p${n++}`, children: leaves.map(() => ({ href: `/p${n++}`, children: [] })) })) }));
  });

function render(forest: readonly Node[], unit: string, eol: string, oneLine: (href: string) => boolean): string {
  const lines: string[] = ['---', 'title: Generated', 'description: A generated page.', 'classes: topic-page', '---', '<ul class="topic-links">'];
  const item = (node: Node, indent: string): void => {
    if (node.children.length === 0 && oneLine(node.href)) {
      lines.push(`${indent}<li><i class="icon icon-budicon-715"></i><a href="${node.href}">T${node.href}</a><p>D.</p></li>`);
      return;
    }
    lines.push(`${indent}<li>`, `${indent}${unit}<i class="icon icon-budicon-715"></i><a href="${node.href}">T${node.href}</a>`, `${indent}${unit}<p>D.</p>`);
    if (node.children.length > 0) {
      lines.push(`${indent}${unit}<ul>`);
      for (const c of node.children) item(c, indent + unit + unit);
      lines.push(`${indent}${unit}</ul>`);
    }
    lines.push(`${indent}</li>`);
  };
  for (const n of forest) item(n, unit);
  lines.push('</ul>', '');
  return lines.join(eol);
}

function modelShape(forest: readonly Node[]): string {
  return forest.map((n) => n.href + (n.children.length > 0 ? `(${modelShape(n.children)})` : '')).join(',');
}

function addresses(forest: readonly Node[], prefix = ''): string[] {
  return forest.flatMap((n, i) => [`${prefix}${i}`, ...addresses(n.children, `${prefix}${i}/`)]);
}

function nodeAt(forest: Node[], address: string): { list: Node[]; index: number; node: Node } | undefined {
  let list = forest;
  const parts = address.split('/').map(Number);
  for (let d = 0; d < parts.length; d++) {
    const i = parts[d] ?? 0;
    const node = list[i];
    if (!node) return undefined;
    if (d === parts.length - 1) return { list, index: i, node };
    list = node.children;
  }
  return undefined;
}

const arbMove = fc.record({ from: fc.nat(), to: fc.nat(), toTop: fc.boolean(), index: fc.nat() });

test('random move sequences never throw and give the model\'s order', () => {
  fc.assert(
    fc.property(
      arbForest,
      fc.constantFrom('  ', '    ', '\t'),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.func(fc.boolean()),
      fc.array(arbMove, { minLength: 1, maxLength: 6 }),
      (forest, unit, eol, bom, oneLine, moves) => {
        let text = (bom ? '\uFEFF' : '') + render(forest, unit, eol, (h) => oneLine(h));
        const model = structuredClone(forest);
        assert.equal(shape('g.md', text), modelShape(model));
        for (const m of moves) {
          const all = addresses(model);
          const from = all[m.from % all.length] ?? '0';
          const toParent = m.toTop ? null : (all[m.to % all.length] ?? null);
          const source = nodeAt(model, from);
          assert.ok(source);
          const inside = toParent !== null && (toParent === from || toParent.startsWith(from + '/'));
          const targetList = toParent === null ? model : (nodeAt(model, toParent)?.node.children ?? []);
          const size = targetList.filter((n) => n !== source.node).length;
          const index = m.index % (size + 1);
          const r = moveTopicLink(text, 'g.md', from, toParent, index);
          if (inside) {
            assert.equal(r.ok, false);
            continue;
          }
          assert.ok(r.ok, r.ok ? '' : `${r.reason}\n${text}`);
          text = applyEdits(text, r.edits);
          source.list.splice(source.index, 1);
          targetList.splice(index, 0, source.node);
          assert.equal(shape('g.md', text), modelShape(model), text);
          assert.equal(text.charCodeAt(0) === 0xfeff, bom);
          if (eol === '\n') assert.ok(!text.includes('\r'));
          else assert.ok(!/(^|[^\r])\n/.test(text));
        }
      },
    ),
    { numRuns: RUNS },
  );
});

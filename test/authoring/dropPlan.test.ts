/** What a drop in the Topic Pages view asks the server, from the two tree nodes alone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planTreeDrop } from '../../src/extension/authoring/dropPlan';
import type { TreeNode } from '../../src/extension/protocol';

const HOME = 'file:///ws/articles/index.md';
const BILLING = 'file:///ws/articles/billing/index.md';
const at = (line: number, character = 4): { line: number; character: number } => ({ line, character });
const node = (id: string, extra: Partial<TreeNode>): TreeNode => ({
  id,
  kind: 'page',
  label: id,
  description: '',
  tooltip: '',
  icon: 'file',
  contextValue: '',
  hasChildren: false,
  expanded: false,
  ...extra,
});
const link = (id: string, uri: string, line: number, targetUri?: string): TreeNode =>
  node(id, { source: { uri, range: { start: at(line), end: at(line, 20) } }, ...(targetUri ? { targetUri } : {}) });

const home = node('articles/index.md', { kind: 'topic-page', targetUri: HOME });
const a = link('articles/index.md/0', HOME, 10, 'file:///ws/articles/a.md');
const b = link('articles/index.md/1', HOME, 20, 'file:///ws/articles/b.md');
const a0 = link('articles/index.md/0/0', HOME, 12, 'file:///ws/articles/a0.md');
const billing = link('articles/index.md/2', HOME, 30, BILLING);
const plans = link('articles/index.md/2/0', BILLING, 24, 'file:///ws/articles/billing/plans.md');

describe('drop planning in the Topic Pages view', () => {
  it('onto an item of the same list: takes its place (reorder)', () => {
    assert.deepEqual(planTreeDrop(b, a), { kind: 'move', params: { uri: HOME, from: at(20), beside: at(10) } });
  });
  it('onto an item of the same page in another list: nests under it', () => {
    assert.deepEqual(planTreeDrop(a0, b), { kind: 'move', params: { uri: HOME, from: at(12), into: at(20) } });
    assert.deepEqual(planTreeDrop(b, a0), { kind: 'move', params: { uri: HOME, from: at(20), into: at(12) } });
  });
  it('onto the page itself (its node in the tree): to the end of its top level', () => {
    assert.deepEqual(planTreeDrop(plans, billing), { kind: 'move', params: { uri: BILLING, from: at(24), top: true } });
    assert.deepEqual(planTreeDrop(a0, home), { kind: 'move', params: { uri: HOME, from: at(12), top: true } });
  });
  it('onto an item of another page: a new link to the dragged page after that item', () => {
    assert.deepEqual(planTreeDrop(a, plans), { kind: 'insert', params: { uri: BILLING, item: at(24), target: 'file:///ws/articles/a.md' } });
  });
  it('onto itself, onto nothing, or a node without a page: nothing', () => {
    assert.equal(planTreeDrop(a, a), undefined);
    assert.equal(planTreeDrop(a, undefined), undefined);
    assert.equal(planTreeDrop(node('x', { kind: 'no-link', source: { uri: BILLING, range: { start: at(1), end: at(1) } } }), a), undefined);
  });
});

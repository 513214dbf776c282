import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TopicTree } from '../../../src/core/hierarchy';
import { presentNode, snapshotTree, type TreeSnapshotNode } from '../../../src/core/features/treeModel';
import { engineFor } from '../../helpers/memoryHost';
import { workspace } from './fixtures';

function outline(nodes: readonly TreeSnapshotNode[]): unknown[] {
  return nodes.map((n) => (n.children.length > 0 ? [`${n.kind} ${n.label}`, outline(n.children)] : `${n.kind} ${n.label}`));
}

describe('tree presentation', () => {
  it('snapshots the hierarchy with kinds, cycles as leaves', async () => {
    const engine = await engineFor(workspace);
    const tree = new TopicTree(engine.index);
    assert.deepEqual(outline(snapshotTree(tree, () => undefined)), [
      ['topic-page Home', [['topic-page Users', ['page Search', 'cycle Back home']], 'broken Gone', 'external Out']],
    ]);
  });

  it('presents a node: route as description with problem counts, icon, tooltip, menu flags', async () => {
    const engine = await engineFor(workspace);
    const tree = new TopicTree(engine.index);
    const [home] = tree.roots();
    assert.ok(home);
    const [users, gone, out] = tree.children(home);
    assert.ok(users && gone && out);
    const problems = (path: string) => (path === 'articles/users/index.md' ? { errors: 1, warnings: 2, infos: 0 } : undefined);
    const p = presentNode(users, problems);
    assert.equal(p.label, 'Users');
    assert.equal(p.description, '/users · 3 problems');
    assert.equal(p.icon, 'book');
    assert.match(p.tooltip, /People and what they may do\./);
    assert.match(p.tooltip, /File: `articles\/users\/index\.md`/);
    assert.match(p.tooltip, /1 error, 2 warnings/);
    assert.equal(p.contextValue, 'topicNode kind-topic-page source target route');
    assert.equal(presentNode(home, problems).contextValue, 'topicNode kind-topic-page target route');
    assert.equal(presentNode(gone, problems).icon, 'error');
    assert.equal(presentNode(gone, problems).contextValue, 'topicNode kind-broken source route');
    assert.equal(presentNode(out, problems).icon, 'link-external');
    assert.equal(presentNode(users, problems, 'docs:').id, 'docs:' + users.id);
  });

  it('keeps ids stable across rebuilds of the tree', async () => {
    const engine = await engineFor(workspace);
    const ids = (t: TopicTree): string[] => snapshotTree(t, () => undefined).flatMap(function all(n: TreeSnapshotNode): string[] {
      return [n.id, ...n.children.flatMap(all)];
    });
    assert.deepEqual(ids(new TopicTree(engine.index)), ids(new TopicTree(engine.index)));
  });
});

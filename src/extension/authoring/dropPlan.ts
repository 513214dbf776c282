// What a drop in the Topic Pages view asks the language server (no `vscode` import: tested in node).
import type { TreeNode } from '../protocol';

type Position = { line: number; character: number };

/** What a drop asks the server, or undefined when the drop does nothing. */
export type DropPlan =
  | { readonly kind: 'move'; readonly params: { uri: string; from: Position; beside?: Position; into?: Position; top?: boolean } }
  | { readonly kind: 'insert'; readonly params: { uri: string; target: string; item?: Position } };

/** The id of the node's parent in the tree (ids are `<parent id>/<index>`). */
const parentId = (id: string): string => id.slice(0, Math.max(0, id.lastIndexOf('/')));

/** The page a drop onto `target` adds links to, and the item to add after (none: the end of the page). */
export function insertionPoint(target: TreeNode): { uri: string; item?: Position } | undefined {
  if (target.source) return { uri: target.source.uri, item: target.source.range.start };
  return target.targetUri ? { uri: target.targetUri } : undefined;
}

/** Decides what dropping `dragged` (a tree item) onto `target` does. Pure, for tests. */
export function planTreeDrop(dragged: TreeNode, target: TreeNode | undefined): DropPlan | undefined {
  if (!target || dragged.id === target.id) return undefined;
  const from = dragged.source;
  if (from && target.source?.uri === from.uri) {
    const sameList = parentId(dragged.id) === parentId(target.id);
    return { kind: 'move', params: { uri: from.uri, from: from.range.start, ...(sameList ? { beside: target.source.range.start } : { into: target.source.range.start }) } };
  }
  if (from && target.targetUri === from.uri) return { kind: 'move', params: { uri: from.uri, from: from.range.start, top: true } };
  // Onto another page: a link to the dragged item's page.
  const at = insertionPoint(target);
  if (!at || !dragged.targetUri) return undefined;
  return { kind: 'insert', params: { ...at, target: dragged.targetUri } };
}

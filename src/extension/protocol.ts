// The Topic Pages requests and notifications the VS Code client uses on top of the
// Language Server Protocol (docs/protocol.md). Plain JSON shapes: no `vscode` here.

// The shapes are the server's own (src/server/protocol.ts), imported as types only: nothing of
// the server is bundled into the extension.
import type { TreeNode, TreeNodeKind } from '../server/protocol';

export type { TreeNode, TreeNodeKind };

/** A plain copy of the tree, for integration tests. */
export interface TreeSnapshotNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly description: string;
  readonly route: string | undefined;
  readonly target: string | undefined;
  readonly children: readonly TreeSnapshotNode[];
}

export interface ProblemTotals {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface ServerStatus {
  readonly indexing: { readonly done: number; readonly total: number } | null;
  readonly problems: ProblemTotals;
  readonly pages: number;
  /** True once every folder was indexed and checked once. */
  readonly indexed?: boolean;
}

export const TREE_ROOTS = 'topicPages/tree/roots';
export const TREE_CHILDREN = 'topicPages/tree/children';
export const TREE_PARENT = 'topicPages/tree/parent';
export const TREE_FIND = 'topicPages/tree/find';
export const CHECK_WORKSPACE = 'topicPages/checkWorkspace';
export const STATUS = 'topicPages/status';
export const DIAGNOSTICS_BATCH = 'topicPages/diagnostics';
export const SNAPSHOT = 'topicPages/snapshot';
export const WHEN_IDLE = 'topicPages/whenIdle';
export const TREE_CHANGED = 'topicPages/treeChanged';
export const STATUS_CHANGED = 'topicPages/statusChanged';

export interface TreeChangedParams {
  /** Nodes whose presentation changed; absent: the whole tree. */
  readonly ids?: readonly string[];
}

// The Topic Pages requests and notifications the VS Code client uses on top of the
// Language Server Protocol (docs/protocol.md). Plain JSON shapes: no `vscode` here.

/** A zero-based LSP position (UTF-16 code units). */
export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

export interface LspRange {
  readonly start: LspPosition;
  readonly end: LspPosition;
}

export type TreeNodeKind = 'topic-page' | 'page' | 'broken' | 'external' | 'dynamic' | 'cycle' | 'no-link' | 'placeholder';

/** One node of the topic tree, as the server presents it. */
export interface TreeNode {
  readonly id: string;
  readonly kind: TreeNodeKind;
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  /** A codicon id. */
  readonly icon: string;
  /** A theme colour id for the icon. */
  readonly iconColor?: string;
  readonly contextValue: string;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  readonly targetUri?: string;
  readonly route?: string;
  readonly href?: string;
  readonly source?: { readonly uri: string; readonly range: LspRange };
}

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
export const SNAPSHOT = 'topicPages/snapshot';
export const WHEN_IDLE = 'topicPages/whenIdle';
export const TREE_CHANGED = 'topicPages/treeChanged';
export const STATUS_CHANGED = 'topicPages/statusChanged';

export interface TreeChangedParams {
  /** Nodes whose presentation changed; absent: the whole tree. */
  readonly ids?: readonly string[];
}

// The custom requests and notifications of the Topic Pages language server (docs/protocol.md).
import type { Range } from 'vscode-languageserver';
import type { TopicNodeKind } from '../core/hierarchy';
import type { TreeSnapshotNode } from '../core/features/treeModel';

export type TreeNodeKind = TopicNodeKind | 'placeholder' | 'folder';

/** One node of the Topic Pages view. */
export interface TreeNode {
  readonly id: string;
  readonly kind: TreeNodeKind;
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  /** A codicon id. */
  readonly icon: string;
  /** A theme colour id. */
  readonly iconColor?: string;
  readonly contextValue: string;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  readonly targetUri?: string;
  readonly route?: string;
  readonly href?: string;
  readonly source?: { readonly uri: string; readonly range: Range };
}

export interface StatusParams {
  readonly indexing: { readonly done: number; readonly total: number } | null;
  readonly problems: { readonly errors: number; readonly warnings: number; readonly infos: number };
  readonly pages: number;
  /** True once every folder was indexed and checked once (stays true). */
  readonly indexed: boolean;
}

export const Requests = {
  treeRoots: 'topicPages/tree/roots',
  treeChildren: 'topicPages/tree/children',
  treeParent: 'topicPages/tree/parent',
  treeFind: 'topicPages/tree/find',
  checkWorkspace: 'topicPages/checkWorkspace',
  status: 'topicPages/status',
  snapshot: 'topicPages/snapshot',
  whenIdle: 'topicPages/whenIdle',
} as const;

export const Notifications = {
  treeChanged: 'topicPages/treeChanged',
  statusChanged: 'topicPages/statusChanged',
  diagnostics: 'topicPages/diagnostics',
} as const;

/**
 * One diagnostic in a `topicPages/diagnostics` batch: zero-based UTF-16 positions, the LSP
 * severity (1 error, 2 warning, 3 information), the rule id (its `code`; `source` is always
 * "Topic Pages" and `codeDescription.href` the rule's page) and the message.
 */
export type CompactDiagnostic = readonly [startLine: number, startCharacter: number, endLine: number, endCharacter: number, severity: 1 | 2 | 3, code: string, message: string];

/**
 * `topicPages/diagnostics`, sent instead of `textDocument/publishDiagnostics` to a client that
 * asks for it (`initializationOptions.diagnosticBatches`): the findings of many files in one
 * message, each file's list replacing what it had (empty: cleared). An open page's batch is
 * sent as soon as it is checked; the background check of the workspace sends batches of many
 * files, so an editor applies tens of thousands of diagnostics in a few updates, not one
 * message per file.
 */
export interface DiagnosticBatchParams {
  readonly files: readonly { readonly uri: string; readonly diagnostics: readonly CompactDiagnostic[] }[];
}

export type { TreeSnapshotNode };

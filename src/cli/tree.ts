import { TopicTree, type TopicNode } from '../core/hierarchy';
import type { WorkspaceIndex } from '../core/workspace';

const MARK: Record<TopicNode['kind'], string> = {
  'topic-page': '',
  page: '',
  broken: '✖ ',
  external: '↗ ',
  dynamic: '… ',
  cycle: '↻ ',
  'no-link': '✖ ',
};

const NOTE: Partial<Record<TopicNode['kind'], string>> = {
  broken: '  [broken link]',
  cycle: '  [cycle: links back to a page above]',
  'no-link': '  [item without a link]',
  dynamic: '  [template, not checked]',
  external: '  [external]',
};

/** Levels printed below a root; deeper links are counted, not printed. */
const MAX_DEPTH = 100;

/**
 * The topic hierarchy as indented text. Each topic page is expanded the first
 * time it appears; later appearances say so instead of repeating it.
 */
export function formatTree(index: WorkspaceIndex, color: boolean): string {
  const tree = new TopicTree(index);
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const expanded = new Set<string>();
  const roots = tree.roots();
  if (roots.length === 0) return 'No topic pages found.\n';
  // Depth first with an explicit stack (a chain of thousands of topic pages must not overflow
  // the call stack); below MAX_DEPTH levels the tree says how much it leaves out.
  const print = (root: TopicNode): void => {
    const stack: { node: TopicNode; prefix: string; last: boolean; depth: number }[] = [{ node: root, prefix: '', last: true, depth: 0 }];
    for (let task = stack.pop(); task; task = stack.pop()) {
      const { node, prefix, last, depth } = task;
      const isRoot = depth === 0;
      const branch = isRoot ? '' : last ? '└─ ' : '├─ ';
      const route = node.route ?? node.href ?? '';
      const repeat = node.kind === 'topic-page' && node.target !== undefined && expanded.has(node.target) && !isRoot;
      const color = node.placeholder ? '33' : node.kind === 'broken' || node.kind === 'no-link' ? '31' : node.kind === 'cycle' ? '35' : node.kind === 'topic-page' ? '1' : '0';
      const note = node.placeholder ? '  [placeholder: no link yet]' : (NOTE[node.kind] ?? (repeat ? '  [expanded above]' : ''));
      const file = isRoot && node.target ? c('2', `  (${node.target})`) : '';
      out.push(`${prefix}${branch}${c(color, (node.placeholder ? '○ ' : MARK[node.kind]) + node.label)}  ${c('2', route)}${c('33', note)}${file}`);
      if (repeat) continue;
      if (node.kind === 'topic-page' && node.target) expanded.add(node.target);
      const children = tree.children(node);
      const childPrefix = isRoot ? '' : prefix + (last ? '   ' : '│  ');
      if (children.length > 0 && depth >= MAX_DEPTH) {
        out.push(`${childPrefix}└─ ${c('33', `… ${children.length} more link${children.length === 1 ? '' : 's'} below ${MAX_DEPTH} levels, not shown`)}`);
        continue;
      }
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ node: child, prefix: childPrefix, last: i === children.length - 1, depth: depth + 1 });
      }
    }
  };
  roots.forEach((root, i) => {
    if (i > 0) out.push('');
    print(root);
  });
  return out.join('\n') + '\n';
}

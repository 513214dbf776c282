import type { TopicNode, TopicNodeKind, TopicTree } from '../hierarchy';

/** Problem counts of one file. */
export interface ProblemCount {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** How one tree node looks: everything a TreeItem needs, free of VS Code types. */
export interface NodePresentation {
  readonly id: string;
  readonly kind: TopicNodeKind;
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  /** A codicon id. */
  readonly icon: string;
  /** A theme colour id for the icon, if any. */
  readonly iconColor: string | undefined;
  /** Space-separated flags the menus match on: the kind, `source`, `target`, `route`. */
  readonly contextValue: string;
  readonly problems: number;
}

const ICONS: Record<TopicNodeKind, { icon: string; color?: string; note?: string }> = {
  'topic-page': { icon: 'book' },
  page: { icon: 'file' },
  broken: { icon: 'error', color: 'problemsErrorIcon.foreground', note: 'Broken link: no page serves this route.' },
  external: { icon: 'link-external', note: 'External link.' },
  dynamic: { icon: 'symbol-variable', note: 'Built by the template at render time; not checked.' },
  cycle: { icon: 'sync', color: 'problemsWarningIcon.foreground', note: 'Cycle: links back to a topic page above; not expanded again.' },
  'no-link': { icon: 'circle-slash', color: 'problemsWarningIcon.foreground', note: 'This item has no link.' },
};

/** The presentation of `node`; `problems` counts findings of a file. */
export function presentNode(node: TopicNode, problems: (path: string) => ProblemCount | undefined, idPrefix = ''): NodePresentation {
  const style = ICONS[node.kind];
  const count = node.target ? problems(node.target) : undefined;
  const total = count ? count.errors + count.warnings + count.infos : 0;
  const where = node.route ?? node.href ?? '';
  const badge = total > 0 ? `${where ? ' · ' : ''}${total} ${total === 1 ? 'problem' : 'problems'}` : '';
  const tooltip = [`**${escape(node.label)}**`];
  if (node.description) tooltip.push(escape(node.description.trim()));
  if (style.note) tooltip.push(`*${style.note}*`);
  const facts: string[] = [];
  if (node.target) facts.push(`File: \`${node.target}\``);
  if (node.route) facts.push(`Route: \`${node.route}\``);
  else if (node.href) facts.push(`Href: \`${node.href}\``);
  if (count && total > 0) facts.push(`Problems: ${[plural(count.errors, 'error'), plural(count.warnings, 'warning'), plural(count.infos, 'info')].filter(Boolean).join(', ')}`);
  if (facts.length > 0) tooltip.push(facts.join('  \n'));
  const flags = [`topicNode`, `kind-${node.kind}`];
  if (node.source) flags.push('source');
  if (node.target) flags.push('target');
  if (node.route ?? node.href) flags.push('route');
  return {
    id: idPrefix + node.id,
    kind: node.kind,
    label: node.label,
    description: where + badge,
    tooltip: tooltip.join('\n\n'),
    icon: style.icon,
    iconColor: style.color,
    contextValue: flags.join(' '),
    problems: total,
  };
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** A plain copy of the tree as shown, for tests and the extension's API. */
export interface TreeSnapshotNode {
  readonly id: string;
  readonly kind: TopicNodeKind;
  readonly label: string;
  readonly description: string;
  readonly route: string | undefined;
  readonly target: string | undefined;
  readonly children: readonly TreeSnapshotNode[];
}

/** The tree down to `maxDepth` levels, at most `maxNodes` nodes; cycles are leaves. */
export function snapshotTree(tree: TopicTree, problems: (path: string) => ProblemCount | undefined, options: { maxDepth?: number; maxNodes?: number; idPrefix?: string } = {}): TreeSnapshotNode[] {
  const maxDepth = options.maxDepth ?? 8;
  let budget = options.maxNodes ?? 5000;
  const visit = (node: TopicNode, depth: number): TreeSnapshotNode => {
    budget--;
    const p = presentNode(node, problems, options.idPrefix);
    const children: TreeSnapshotNode[] = [];
    if (depth < maxDepth) {
      for (const child of tree.children(node)) {
        if (budget <= 0) break;
        children.push(visit(child, depth + 1));
      }
    }
    return { id: p.id, kind: node.kind, label: p.label, description: p.description, route: node.route, target: node.target, children };
  };
  return tree.roots().map((r) => visit(r, 0));
}

/**
 * The topic tree's roots as a session left them, kept beside its index in a small file of their
 * own: the next session's view shows them as soon as it asks, before the (much larger) index is
 * read, and the real roots replace them once this session has read its pages.
 */
import type { ServiceTreeNode } from './service';

/** Bumped whenever ServiceTreeNode or this encoding changes shape. */
export const KEPT_ROOTS_FORMAT = 1;

/** Roots kept at most (a bound on the file's size): beyond it, the first ones show until the pages are read. */
const MAX_KEPT_ROOTS = 5000;

export function encodeKeptRoots(version: string, roots: readonly ServiceTreeNode[]): string {
  return JSON.stringify({ format: KEPT_ROOTS_FORMAT, version, roots: roots.slice(0, MAX_KEPT_ROOTS) });
}

/**
 * The roots in `text`, or undefined when it is not a file this build wrote (another format or
 * version, damaged, or hand-edited): a kept file is a hint, never trusted to be well formed. A root
 * kept expanded stays so (a view shows a few roots expanded); the server answers its children once
 * the pages are read.
 */
export function decodeKeptRoots(text: string, version: string): ServiceTreeNode[] | undefined {
  let kept: unknown;
  try {
    kept = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(kept) || kept['format'] !== KEPT_ROOTS_FORMAT || kept['version'] !== version) return undefined;
  const roots = kept['roots'];
  if (!Array.isArray(roots) || roots.length > MAX_KEPT_ROOTS) return undefined;
  const out: ServiceTreeNode[] = [];
  for (const r of roots) {
    const node = asNode(r);
    if (!node) return undefined;
    out.push(node);
  }
  return out;
}

function asNode(r: unknown): ServiceTreeNode | undefined {
  if (!isRecord(r)) return undefined;
  const { id, kind, label, description, tooltip, icon, iconColor, contextValue, hasChildren, expanded, target, route, href } = r;
  if (typeof id !== 'string' || typeof kind !== 'string' || !KINDS.has(kind) || typeof label !== 'string' || typeof description !== 'string') return undefined;
  if (typeof tooltip !== 'string' || typeof icon !== 'string' || typeof contextValue !== 'string' || typeof hasChildren !== 'boolean' || typeof expanded !== 'boolean') return undefined;
  if (!optionalString(iconColor) || !optionalString(target) || !optionalString(route) || !optionalString(href)) return undefined;
  return {
    id,
    kind: kind as ServiceTreeNode['kind'],
    label,
    description,
    tooltip,
    icon,
    iconColor,
    contextValue,
    hasChildren,
    expanded,
    target,
    route,
    href,
    // Roots stand for pages (or folders of them), never for a link on a page.
    source: undefined,
  };
}

const KINDS: ReadonlySet<string> = new Set<ServiceTreeNode['kind']>(['topic-page', 'page', 'broken', 'external', 'dynamic', 'cycle', 'no-link', 'folder']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown): v is string | undefined {
  return v === undefined || typeof v === 'string';
}

import type { Page, PageLink } from '../page';
import type { Range } from '../types';
import type { WorkspaceIndex } from '../workspace';

/** Where a link or include path on a page leads. */
export interface LinkTarget {
  /** The characters to underline: the href value or include path. */
  readonly range: Range;
  readonly kind: 'link' | 'include';
  readonly href: string;
  /** The workspace file it reaches; undefined when it reaches none. */
  readonly target: string | undefined;
  /** The route it names, for routes. */
  readonly route: string | undefined;
  readonly fragment: string | undefined;
  /** What it is when it is not a workspace route: external, dynamic, unsafe, empty... */
  readonly resolution: string;
}

function contains(r: Range, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

/** Every link and include path of a page with where it leads. */
export function linkTargets(page: Page, index: WorkspaceIndex): LinkTarget[] {
  const out: LinkTarget[] = page.links.map((link) => targetOfLink(link, page, index));
  for (const include of page.includes) {
    const r = index.resolveInclude(include.path, page.path);
    out.push({ range: include.pathRange, kind: 'include', href: include.path, target: r.target, route: undefined, fragment: undefined, resolution: r.target ? 'file' : 'missing' });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function targetOfLink(link: PageLink, page: Page, index: WorkspaceIndex): LinkTarget {
  const r = index.resolve(link, page.path);
  const base = { range: link.hrefRange, kind: 'link' as const, href: link.href };
  switch (r.kind) {
    case 'route':
      return { ...base, target: r.target, route: r.route, fragment: r.fragment, resolution: 'route' };
    case 'article':
      return { ...base, target: r.target, route: r.target ? index.routeOfPage(r.target) : '/' + r.key, fragment: undefined, resolution: 'article' };
    case 'fragment':
      return { ...base, target: page.path, route: undefined, fragment: r.fragment, resolution: 'fragment' };
    default:
      return { ...base, target: undefined, route: undefined, fragment: undefined, resolution: r.kind };
  }
}

/** The link or include path under `offset`: its href value, or else anywhere in its `<a>` element. */
export function targetAt(page: Page, index: WorkspaceIndex, offset: number): LinkTarget | undefined {
  const onValue = page.links.find((l) => contains(l.hrefRange, offset));
  if (onValue) return targetOfLink(onValue, page, index);
  const include = page.includes.find((i) => contains(i.pathRange, offset));
  if (include) return linkTargets(page, index).find((t) => t.kind === 'include' && t.range.start === include.pathRange.start);
  const around = page.links.find((l) => l.kind === 'html' && contains(l.range, offset));
  return around ? targetOfLink(around, page, index) : undefined;
}

/** The offset of `fragment`'s anchor in `text` (an `id`/`name` attribute or a heading), or 0. */
export function fragmentOffset(text: string, fragment: string | undefined, slug: (heading: string) => string): number {
  if (!fragment) return 0;
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const attr = new RegExp(`\\s(?:id|name)\\s*=\\s*["']${escaped}["']`).exec(text);
  if (attr) return attr.index + 1;
  for (const m of text.matchAll(/^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm)) {
    if (slug(m[2] ?? '') === fragment) return m.index ?? 0;
  }
  for (const m of text.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/gi)) {
    if (slug((m[1] ?? '').replace(/<[^>]*>/g, '').trim()) === fragment) return m.index ?? 0;
  }
  return 0;
}

/** Hover text (Markdown) for a link target. */
export function hoverMarkdown(t: LinkTarget, index: WorkspaceIndex): string | undefined {
  if (t.kind === 'include') {
    return t.target ? `**Include** \`${t.target}\`` : `**No file for this include.** Looked for \`${t.href}\` next to this page (with \`.md\`, \`.html\`, \`.ejs\`).`;
  }
  if (t.target) {
    const s = index.summary(t.target);
    const lines = [`**${escapeMarkdown(s?.title?.trim() || t.target)}**`];
    if (s?.description) lines.push(escapeMarkdown(s.description.trim()));
    const route = index.routeOfPage(t.target);
    lines.push(`\`${t.target}\`${route ? ` · route \`${route}\`` : ''}${t.fragment ? ` · \`#${t.fragment}\`` : ''}${s?.isTopicPage ? ' · topic page' : ''}`);
    return lines.join('\n\n');
  }
  if (t.resolution === 'route' || t.resolution === 'article') {
    const route = t.route ?? t.href;
    const near = index.suggestRoutes(route);
    const nearText = near.length > 0 ? `\n\nNearest routes: ${near.map((r) => `\`${r}\``).join(', ')}` : '';
    return `**No page for this route** (\`${route}\`).${nearText}`;
  }
  const what: Record<string, string> = {
    external: 'External link, not checked.',
    dynamic: 'Built by the template at render time, not checked.',
    unsafe: 'Unsafe link: browsers run or embed it instead of navigating.',
    empty: 'Empty link.',
  };
  return what[t.resolution];
}

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

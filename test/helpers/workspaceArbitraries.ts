/**
 * Random workspaces for property tests: topic pages and plain pages with links (some broken,
 * some with fragments, some through `_topic-links` include keys), and the disk operations
 * that change them.
 */
import fc from 'fast-check';

const NAMES = ['a', 'b', 'c', 'guide', 'setup'];
const DIRS = ['users', 'billing', 'users/roles'];

export const pathArb = fc.record({ dir: fc.constantFrom(...DIRS), name: fc.constantFrom(...NAMES, 'index') }).map(({ dir, name }) => `articles/${dir}/${name}.md`);
export const routeArb = fc.record({ dir: fc.constantFrom(...DIRS), name: fc.constantFrom(...NAMES, 'missing', 'gide') }).map(({ dir, name }) => `/${dir}/${name}`);

export const pageArb = fc.record({
  topic: fc.boolean(),
  title: fc.constantFrom('Alpha', 'Beta', ''),
  description: fc.constantFrom('About it.', ''),
  url: fc.option(routeArb, { nil: undefined }),
  links: fc.array(fc.record({ route: routeArb, fragment: fc.constantFrom('', '#intro', '#nowhere'), text: fc.constantFrom('Go', '') }), { maxLength: 4 }),
  keys: fc.array(fc.constantFrom('users/a', 'billing/guide', 'users/roles', 'nope'), { maxLength: 3 }),
  heading: fc.constantFrom('Intro', 'Other'),
});

export type PageSpec = typeof pageArb extends fc.Arbitrary<infer T> ? T : never;

export function render(p: PageSpec): string {
  const fm = [p.topic ? 'classes: topic-page' : '', p.title ? `title: ${p.title}` : '', p.description ? `description: ${p.description}` : '', p.url ? `url: ${p.url}` : ''].filter(Boolean).join('\n');
  const items = p.links.map((l) => `  <li><a href="${l.route}${l.fragment}">${l.text}</a><p>Text</p></li>`).join('\n');
  const include = p.keys.length ? `<%= include('../_includes/_topic-links', { links: [${p.keys.map((k) => `'${k}'`).join(', ')}] }) %>\n` : '';
  return `---\n${fm}\n---\n## ${p.heading}\n\n<ul class="topic-links">\n${items}\n</ul>\n${include}`;
}

/** A plain page with a title and no topic-links list: the server indexes it by its front matter first. */
export const plainArb = fc.record({
  title: fc.constantFrom('Alpha', 'Beta'),
  heading: fc.constantFrom('Intro', 'Other'),
  id: fc.constantFrom('', '<span id="nowhere"></span>\n'),
  description: fc.constantFrom('About it.', ''),
});
export type PlainSpec = typeof plainArb extends fc.Arbitrary<infer T> ? T : never;

export function renderPlain(p: PlainSpec): string {
  return `---\ntitle: ${p.title}\n${p.description ? `description: ${p.description}\n` : ''}---\n## ${p.heading}\n\n${p.id}Text.\n`;
}

/** A topic page or a plain page. */
export const anyPageArb: fc.Arbitrary<string> = fc.oneof(pageArb.map(render), plainArb.map(renderPlain));

export type Op = { kind: 'write'; path: string; text: string } | { kind: 'delete'; path: string } | { kind: 'rename'; from: string; to: string };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), path: pathArb, text: pageArb.map(render) }),
  fc.record({ kind: fc.constant('delete' as const), path: pathArb }),
  fc.record({ kind: fc.constant('rename' as const), from: pathArb, to: pathArb }),
);

/** Files that are not pages: they count by name only (includes, links to assets). */
export const otherArb = fc.constantFrom('articles/users/logo.png', 'assets/notes.txt', 'articles/_includes/_topic-links.html', 'articles/billing/data.json');

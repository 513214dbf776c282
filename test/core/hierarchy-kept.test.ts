/**
 * The topic tree is built again after each change, from resolutions the index keeps with each
 * outline item (`WorkspaceIndex.resolveKept`) and each topic page's linked pages: every change
 * that can move a link's target must show in the next tree, as a tree over a fresh index shows it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLinkItem, TopicTree, type TopicNode } from '../../src/core/hierarchy';
import type { PageLink } from '../../src/core/page';
import { defaultSettings, WorkspaceIndex, type OutlineItem, type Settings } from '../../src/core/workspace';

const topic = (title: string, items: string, front = ''): string => `---\nclasses: topic-page\ntitle: ${title}\ndescription: d\n${front}---\n<ul class="topic-links">\n${items}\n</ul>\n`;
const plain = (title: string, front = ''): string => `---\ntitle: ${title}\ndescription: d\n${front}---\nText.\n`;
const li = (href: string, text: string): string => `  <li><a href="${href}">${text}</a></li>`;

/** Roots and their children, as `kind label -> target`. */
function shape(index: WorkspaceIndex): string[] {
  const tree = new TopicTree(index);
  const line = (n: TopicNode): string => `${n.kind} ${n.label} -> ${n.target ?? '-'}`;
  return tree.roots().flatMap((r) => [line(r), ...tree.children(r).map((c) => `  ${line(c)}`)]);
}

/** An index of `files`, and the same shape from a fresh index, to compare with. */
function indexOf(files: Record<string, string>, settings: Partial<Settings> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex(defaultSettings({ docsRoot: 'articles', ...settings }));
  for (const [path, text] of Object.entries(files)) index.setFile(path, text);
  return index;
}

function assertLikeFresh(index: WorkspaceIndex, files: Record<string, string>, settings: Partial<Settings> = {}): string[] {
  const got = shape(index);
  assert.deepEqual(got, shape(indexOf(files, settings)));
  return got;
}

describe('the tree built again from kept resolutions', () => {
  it('a page that comes to serve a broken link\'s route turns it into a page, and back when it goes', () => {
    const files: Record<string, string> = { 'articles/index.md': topic('Home', li('/guide', 'Guide')) };
    const index = indexOf(files);
    assert.deepEqual(shape(index), ['topic-page Home -> articles/index.md', '  broken Guide -> -']);
    files['articles/guide.md'] = plain('Guide');
    index.setFile('articles/guide.md', files['articles/guide.md']);
    assert.deepEqual(assertLikeFresh(index, files), ['topic-page Home -> articles/index.md', '  page Guide -> articles/guide.md']);
    delete files['articles/guide.md'];
    index.deleteFile('articles/guide.md');
    assert.deepEqual(assertLikeFresh(index, files), ['topic-page Home -> articles/index.md', '  broken Guide -> -']);
  });

  it('a `url:` taking a route over moves the link to that page', () => {
    const files: Record<string, string> = { 'articles/index.md': topic('Home', li('/guide', 'Guide')), 'articles/guide.md': plain('Guide'), 'articles/other.md': plain('Other') };
    const index = indexOf(files);
    assert.deepEqual(shape(index), ['topic-page Home -> articles/index.md', '  page Guide -> articles/guide.md']);
    files['articles/other.md'] = plain('Other', 'url: /guide\n');
    index.setFile('articles/other.md', files['articles/other.md']);
    assert.deepEqual(assertLikeFresh(index, files), ['topic-page Home -> articles/index.md', '  page Guide -> articles/other.md']);
  });

  it('a redirect followed to a route no page serves resolves once a page serves it', () => {
    const settings = { redirects: [{ from: '/old', to: '/new' }] };
    const files: Record<string, string> = { 'articles/index.md': topic('Home', li('/old', 'Old')) };
    const index = indexOf(files, settings);
    assert.deepEqual(shape(index), ['topic-page Home -> articles/index.md', '  broken Old -> -']);
    files['articles/new.md'] = plain('New');
    index.setFile('articles/new.md', files['articles/new.md']);
    assert.deepEqual(assertLikeFresh(index, files, settings), ['topic-page Home -> articles/index.md', '  page Old -> articles/new.md']);
  });

  it('a relative link follows its page\'s new `url:` when the list itself is unchanged', () => {
    // Same length of front matter: the list keeps its items (and their ranges), so only the page's route moved.
    const files: Record<string, string> = {
      'articles/hub.md': topic('Hub', li('setup', 'Setup'), 'url: /home/hub\n'),
      'articles/home/setup.md': plain('Setup at home'),
      'articles/docs/setup.md': plain('Setup under docs'),
    };
    const index = indexOf(files);
    const items = index.summary('articles/hub.md')?.outline;
    assert.deepEqual(shape(index), ['topic-page Hub -> articles/hub.md', '  page Setup -> articles/home/setup.md']);
    files['articles/hub.md'] = topic('Hub', li('setup', 'Setup'), 'url: /docs/hub\n');
    index.setFile('articles/hub.md', files['articles/hub.md']);
    assert.equal(index.summary('articles/hub.md')?.outline, items, 'the same outline objects');
    assert.deepEqual(assertLikeFresh(index, files), ['topic-page Hub -> articles/hub.md', '  page Setup -> articles/docs/setup.md']);
  });

  it('a topic page that stops being one leaves the roots, with no route moved', () => {
    const files: Record<string, string> = { 'articles/index.md': topic('Home', li('/a', 'A')), 'articles/a.md': topic('A', li('/b', 'B')), 'articles/b.md': plain('B') };
    const index = indexOf(files);
    assert.deepEqual(shape(index), ['topic-page Home -> articles/index.md', '  topic-page A -> articles/a.md']);
    files['articles/a.md'] = plain('A');
    index.setFile('articles/a.md', files['articles/a.md']);
    assert.deepEqual(assertLikeFresh(index, files), ['topic-page Home -> articles/index.md', '  page A -> articles/a.md']);
    files['articles/a.md'] = topic('A', li('/', 'Home again'));
    index.setFile('articles/a.md', files['articles/a.md']);
    // Home and A link to each other: the one nearest the site root stands for the ring.
    assert.deepEqual(assertLikeFresh(index, files), ['topic-page Home -> articles/index.md', '  topic-page A -> articles/a.md']);
  });

  it('an edit that keeps the same list keeps its items, and the answers kept for them', () => {
    const files: Record<string, string> = { 'articles/index.md': topic('Home', li('/guide', 'Guide')), 'articles/guide.md': plain('Guide') };
    const index = indexOf(files);
    const item = (): OutlineItem & { readonly kind: PageLink['kind'] } => {
      const first = index.summary('articles/index.md')?.outline[0];
      return first && isLinkItem(first) ? first : assert.fail('no link item');
    };
    const before = item();
    const first = index.resolveKept(before, 'articles/index.md');
    index.setFile('articles/index.md', files['articles/index.md'] + '\nMore text.\n');
    assert.equal(item(), before, 'the same outline objects');
    assert.equal(index.resolveKept(item(), 'articles/index.md'), first, 'the same kept answer');
    assert.equal(first.target, 'articles/guide.md');
  });
});

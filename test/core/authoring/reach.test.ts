import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkGraph } from '../../../src/core/authoring/reach';
import { taxonomy, fieldValues } from '../../../src/core/authoring/taxonomy';
import { engineFor } from '../../helpers/memoryHost';

const topic = (title: string, body: string, extra = ''): string => `---\ntitle: ${title}\ndescription: About ${title}.\nclasses: topic-page\n${extra}---\n${body}`;
const plain = (title: string, body = 'Text.\n', extra = ''): string => `---\ntitle: ${title}\ndescription: About ${title}.\n${extra}---\n\n${body}`;
const li = (href: string, text: string, nested = ''): string => `  <li><i class="icon icon-budicon-715"></i><a href="${href}">${text}</a><p>D.</p>${nested}</li>\n`;

const FILES: Record<string, string> = {
  'articles/index.md': topic('Home', `<ul class="topic-links">\n${li('/guides', 'Guides')}${li('/docs/api', 'API')}</ul>\n`),
  'articles/guides/index.md': topic('Guides', `<ul class="topic-links">\n${li('/guides/start', 'Start', '<ul>' + li('/guides/deep', 'Deep') + '</ul>')}${li('#', 'Placeholder')}</ul>\n`),
  'articles/guides/start.md': plain('Start', 'See [the API](/api#auth) and <a href="/nowhere">nothing</a>.\n'),
  'articles/guides/deep.md': plain('Deep'),
  'articles/api/index.md': topic('API', "<%= include('../_includes/_topic-links', { links: ['api/keys'] }) %>\n", 'topics:\n  - api\n  - auth\ncontentType: index\n'),
  'articles/api/keys.md': plain('Keys', 'Text.\n', 'topics: [api, keys]\nuseCase:\n  - build\n'),
  'articles/lonely.md': plain('Lonely', 'Links to [start](/guides/start).\n', 'topics: api\n'),
  'articles/moved.md': plain('Moved'),
  'articles/island/index.md': topic('Island', `<ul class="topic-links">\n${li('/island/a', 'A')}</ul>\n`),
  'articles/island/a.md': plain('A'),
  'articles/linked-topic/index.md': topic('Linked topic', '<p>No list.</p>\n'),
  'articles/_includes/_topic-links.md': 'partial\n',
  'articles/_includes/_note.md': 'partial\n',
  'redirects.json': JSON.stringify([{ from: '/old', to: '/moved' }]),
};

async function graph(files: Record<string, string> = FILES): Promise<LinkGraph> {
  const engine = await engineFor(files, { docsRoot: 'articles', siteBases: ['/docs'], redirects: 'redirects.json' });
  return new LinkGraph(engine.index);
}

describe('LinkGraph.linksTo', () => {
  it('lists HTML links, Markdown links and include keys with their line and column', async () => {
    const g = await graph();
    assert.deepEqual(
      g.linksTo('/api').map((b) => `${b.path}:${b.line}:${b.column} ${b.kind} ${b.href} ${b.topicLink ? 'topic' : 'other'}`),
      ['articles/guides/start.md:6:15 markdown /api#auth other', 'articles/index.md:8:53 html /docs/api topic'],
    );
    assert.deepEqual(
      g.linksTo('articles/api/keys.md').map((b) => `${b.path}:${b.line}:${b.column} ${b.kind} ${b.href}`),
      ['articles/api/index.md:10:53 include api/keys'],
    );
  });
  it('takes a route with or without its slash, or a file, and the same links come back', async () => {
    const g = await graph();
    const a = g.linksTo('/guides/start');
    assert.equal(a.length, 2);
    assert.deepEqual(g.linksTo('guides/start'), a);
    assert.deepEqual(g.linksTo('articles/guides/start.md'), a);
    assert.deepEqual(a.map((b) => b.path), ['articles/guides/index.md', 'articles/lonely.md']);
  });
  it('lists links to a route no page serves', async () => {
    const g = await graph();
    assert.deepEqual(g.linksTo('/nowhere').map((b) => `${b.path}:${b.line}:${b.column}`), ['articles/guides/start.md:6:39']);
    assert.deepEqual(g.linksTo('/never-linked'), []);
  });
});

describe('LinkGraph.orphans', () => {
  it('finds pages no topic page reaches; redirect targets, the root index and linked topic pages are reached', async () => {
    const g = await graph();
    assert.deepEqual(
      g.orphans().map((o) => `${o.path} ${o.isTopicPage ? 'topic' : 'page'}`),
      // island/index.md: a topic page nothing links to; lonely.md: only links out.
      ['articles/island/index.md topic', 'articles/linked-topic/index.md topic', 'articles/lonely.md page'],
    );
  });
  it('a topic page any other page links to is not an orphan; a link from itself does not count', async () => {
    const files = { ...FILES, 'articles/lonely.md': plain('Lonely', 'See [the topic](/linked-topic) and [me](/lonely).\n') };
    const g = await graph(files);
    assert.deepEqual(g.orphans().map((o) => o.path), ['articles/island/index.md', 'articles/lonely.md']);
  });
  it('without the redirect, the page it led to is an orphan', async () => {
    const g = await graph({ ...FILES, 'redirects.json': '[]' });
    assert.ok(g.orphans().some((o) => o.path === 'articles/moved.md'));
  });
});

describe('taxonomy', () => {
  it('counts each value of topics, contentType and useCase by pages, most used first', async () => {
    const engine = await engineFor(FILES, { docsRoot: 'articles' });
    const t = taxonomy(engine.index);
    assert.deepEqual(
      t.map((f) => `${f.field} (${f.pages}): ${f.values.map((v) => `${v.value}=${v.count}`).join(' ')}`),
      ['topics (3): api=3 auth=1 keys=1', 'contentType (1): index=1', 'useCase (1): build=1'],
    );
    assert.deepEqual(t[0]?.values[0]?.pages, ['articles/api/index.md', 'articles/api/keys.md', 'articles/lonely.md']);
  });
  it('reads strings, lists and numbers; ignores maps, nested lists and blanks; counts a value once per page', () => {
    assert.deepEqual(fieldValues(' a '), ['a']);
    assert.deepEqual(fieldValues(['a', 2, { x: 1 }, '', ['b']]), ['a', '2']);
    assert.deepEqual(fieldValues(null), []);
  });
});

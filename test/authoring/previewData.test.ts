/**
 * The preview in the editor answers from data the language server collected: rendering with
 * the replayed data gives exactly the HTML of rendering with the workspace index itself, a page
 * with no data yet renders plain and asks once, and a changed page asks again only when its
 * version changed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { PreviewCache, type PreviewCacheHost } from '../../src/extension/authoring/previewCache';
import { previewContextFromIndex, topicPagesPreview } from '../../src/preview';
import { collectPreviewData, type PreviewData } from '../../src/preview/previewData';
import { FIXTURE_CONFIG, FIXTURE_FILES, FIXTURE_PAGE } from '../preview/fixture';
import { previewOf } from '../preview/helpers';

const URI = 'file:///ws/' + FIXTURE_PAGE;

async function setup(): Promise<{ direct: (text: string) => string; collect: (text: string) => PreviewData }> {
  const p = await previewOf(FIXTURE_FILES, FIXTURE_CONFIG);
  const index = p.engine.index;
  return {
    direct: (text) => p.md.render(text, { path: FIXTURE_PAGE }),
    collect: (text) => collectPreviewData(previewContextFromIndex(index, { pathOf: () => FIXTURE_PAGE }), FIXTURE_PAGE, text),
  };
}

function fakeEditor(collect: (text: string) => PreviewData): { host: PreviewCacheHost; doc: { text: string; version: number }; fetches: number; refreshes: number } {
  const state = { doc: { text: FIXTURE_FILES[FIXTURE_PAGE] ?? '', version: 1 }, fetches: 0, refreshes: 0, host: undefined as unknown as PreviewCacheHost };
  state.host = {
    fetch: async (uri) => {
      state.fetches++;
      return uri === URI ? collect(state.doc.text) : null;
    },
    versionOf: (uri) => (uri === URI ? state.doc.version : undefined),
    refresh: () => {
      state.refreshes++;
    },
    uriOf: (env) => (env as { uri?: string }).uri,
  };
  return state;
}

describe('preview data (server) replayed by the preview cache (editor)', () => {
  it('holds the answer to every question of the page, nested includes too', async () => {
    const { collect } = await setup();
    const data = collect(FIXTURE_FILES[FIXTURE_PAGE] ?? '');
    assert.equal(data.path, FIXTURE_PAGE);
    const keys = Object.keys(data.keys).map((k) => k.split('\n')[1]);
    assert.deepEqual(keys.sort(), ['guides/configure', 'guides/install', 'guides/upgrade']);
    assert.equal(data.keys[`${FIXTURE_PAGE}\nguides/install`]?.title, 'Install the Agent');
    assert.match(data.keys[`${FIXTURE_PAGE}\nguides/upgrade`]?.broken ?? '', /^No article `guides\/upgrade`/);
    assert.ok(Object.keys(data.routes).includes(`${FIXTURE_PAGE}\n/guides/install/linux`));
    assert.equal(data.routes[`${FIXTURE_PAGE}\n#`]?.placeholder, 'Placeholder link: the href is only `#`.');
    const note = data.includes[`${FIXTURE_PAGE}\n../_includes/_note`];
    assert.ok(note && 'text' in note && note.path === 'articles/_includes/_note.md');
    assert.ok(JSON.parse(JSON.stringify(data)), 'the data survives JSON (the LSP wire)');
  });

  it('renders plain first, asks once, refreshes, then renders exactly as the index does', async () => {
    const { direct, collect } = await setup();
    const editor = fakeEditor(collect);
    const cache = new PreviewCache(editor.host);
    const md = new MarkdownIt({ html: true }).use(topicPagesPreview, cache.context);
    const plain = new MarkdownIt({ html: true }).render(editor.doc.text);

    assert.equal(md.render(editor.doc.text, { uri: URI }), plain, 'no data yet: the page renders as plain Markdown');
    md.render(editor.doc.text, { uri: URI });
    await cache.settled();
    assert.equal(editor.fetches, 1, 'two renders before the answer ask once');
    assert.equal(editor.refreshes, 1);

    const rendered = md.render(editor.doc.text, { uri: URI });
    assert.equal(rendered, direct(editor.doc.text));
    assert.match(rendered, /Install the Agent/);
    await cache.settled();
    assert.equal(editor.fetches, 1, 'a render with data asks nothing');

    // Another document (not a page): plain, asked once, never again.
    const other = { uri: 'file:///elsewhere/notes.md' };
    md.render('# Notes', other);
    await cache.settled();
    md.render('# Notes', other);
    await cache.settled();
    assert.equal(editor.fetches, 2);
  });

  it('a new link typed into the page: asks again once for the new version, the same version never loops', async () => {
    const { direct, collect } = await setup();
    const editor = fakeEditor(collect);
    const cache = new PreviewCache(editor.host);
    const md = new MarkdownIt({ html: true }).use(topicPagesPreview, cache.context);
    md.render(editor.doc.text, { uri: URI });
    await cache.settled();

    const added = editor.doc.text.replace("  'guides/configure',\n", "  'guides/configure',\n  'support/tickets',\n");
    assert.notEqual(added, editor.doc.text);
    // The data was asked for version 1; the same version with a miss does not ask again.
    md.render(added, { uri: URI });
    await cache.settled();
    assert.equal(editor.fetches, 1);

    editor.doc = { text: added, version: 2 };
    md.render(added, { uri: URI });
    md.render(added, { uri: URI });
    await cache.settled();
    assert.equal(editor.fetches, 2);
    assert.equal(editor.refreshes, 2);
    assert.equal(md.render(added, { uri: URI }), direct(added));
    await cache.settled();
    assert.equal(editor.fetches, 2);
  });

  it('invalidate: asks again and refreshes only when the answers changed', async () => {
    const { collect } = await setup();
    const editor = fakeEditor(collect);
    const cache = new PreviewCache(editor.host);
    await cache.invalidate(URI);
    assert.equal(editor.fetches, 0, 'a document never shown is not asked');
    cache.context.pathOf({ uri: URI });
    await cache.settled();
    await cache.invalidate(URI);
    assert.equal(editor.fetches, 2);
    assert.equal(editor.refreshes, 1, 'same answers: no refresh');
    cache.forget(URI);
    assert.equal(cache.dataOf(URI), undefined);
  });

  it('a failing server leaves the page plain, never throws from a render, and is asked again by the next render', async () => {
    let fetches = 0;
    const cache = new PreviewCache({
      fetch: () => {
        fetches++;
        return Promise.reject(new Error('down'));
      },
      versionOf: () => 1,
      refresh: () => undefined,
      uriOf: () => URI,
    });
    const md = new MarkdownIt({ html: true }).use(topicPagesPreview, cache.context);
    const text = FIXTURE_FILES[FIXTURE_PAGE] ?? '';
    md.render(text, {});
    await cache.settled();
    assert.equal(md.render(text, {}), new MarkdownIt({ html: true }).render(text));
    await cache.settled();
    assert.equal(fetches, 2);
  });
});

/** The authoring commands end to end: orphans, links --to and taxonomy, in text and JSON, with their usage errors. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, workspace as makeWorkspace } from '../helpers/cli';



const workspace = (files: Record<string, string>): string => makeWorkspace(files, 'authoring');

const FILES = {
  'articles/index.md': '---\nclasses: topic-page\ntitle: Home\ndescription: Start.\ntopics: [start]\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>How to.</p></li>\n</ul>\n',
  'articles/guide.md': '---\ntitle: Guide\ndescription: How to.\ntopics:\n  - start\n  - howto\ncontentType: how-to\n---\n# Guide\n\nSee [home](/).\n',
  'articles/lost.md': '---\ntitle: Lost\ndescription: Nobody links here.\ncontentType: How-To\n---\n\nSee [the guide](/guide#top).\n',
  'vocabulary.json': '{ "contentType": ["how-to", "index"] }',
  'topic-pages.json': '{ "vocabulary": "vocabulary.json" }',
};

describe('authoring commands', () => {
  const dir = workspace(FILES);

  it('orphans lists the pages nothing reaches, with a count', async () => {
    const r = await cli(['orphans', dir], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'articles/lost.md  /lost  "Lost"\n1 orphan page (0 topic pages) of 3 pages.\n');
    const json = JSON.parse((await cli(['orphans', '--format', 'json'], dir)).stdout) as unknown;
    assert.deepEqual(json, [{ file: 'articles/lost.md', path: 'articles/lost.md', route: '/lost', title: 'Lost', topicPage: false }]);
  });

  it('links --to takes a route, a workspace path or a file relative to the current folder', async () => {
    const byRoute = await cli(['links', '--to', '/guide'], dir);
    assert.equal(byRoute.code, 0);
    assert.equal(
      byRoute.stdout,
      'articles/index.md:8:16  html     /guide  "Guide"  (topic link)\narticles/lost.md:7:17  markdown /guide#top  "the guide"\n2 links to /guide (articles/guide.md).\n',
    );
    assert.equal((await cli(['links', '--to', 'articles/guide.md'], dir)).stdout, byRoute.stdout);
    // Run from inside articles/: the file is named relative to it, and so are the paths printed.
    assert.equal((await cli(['links', '--to', 'guide.md', '--root', dir], join(dir, 'articles'))).stdout, byRoute.stdout.replace(/articles\//g, ''));
    const json = JSON.parse((await cli(['links', '--to=/', '--format', 'json'], dir)).stdout) as { target: unknown; links: { file: string; line: number; column: number }[] };
    assert.deepEqual(json.target, { file: 'articles/index.md', path: 'articles/index.md', route: '/' });
    assert.deepEqual(json.links.map((l) => `${l.file}:${l.line}:${l.column}`), ['articles/guide.md:11:12']);
  });

  it('links --to a route no page serves says so', async () => {
    const r = await cli(['links', '--to', '/nowhere'], dir);
    assert.equal(r.stdout, '0 links to /nowhere (no page serves it).\n');
  });

  it('taxonomy counts values by pages and marks values outside the vocabulary', async () => {
    const r = await cli(['taxonomy'], dir);
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      'topics (2 pages, 2 values)\n  start     2\n  howto     1\n' +
        'contentType (2 pages, 2 values)\n  how-to     1\n  How-To     1  (not in the vocabulary)\n' +
        'useCase (0 pages, 0 values)\n',
    );
    const json = JSON.parse((await cli(['taxonomy', '--format', 'json'], dir)).stdout) as { field: string; values: { value: string; inVocabulary?: boolean }[] }[];
    assert.deepEqual(json[1]?.values.map((v) => [v.value, v.inVocabulary]), [['how-to', true], ['How-To', false]]);
    assert.equal(json[0]?.values[0]?.inVocabulary, undefined, 'no vocabulary for topics: not marked');
  });

  it('usage errors exit 2', async () => {
    const missing = await cli(['links'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'topic-pages: links needs --to <route or file>\n');
    const sarif = await cli(['orphans', '--format', 'sarif'], dir);
    assert.equal(sarif.code, 2);
    assert.equal(sarif.stderr, 'topic-pages: orphans prints text or --format json, not sarif\n');
    const unknown = await cli(['orphan'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'orphan' \(use check, tree, rules, orphans, links or taxonomy\)/);
  });
});

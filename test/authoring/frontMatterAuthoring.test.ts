/**
 * Front-matter authoring on the workspace service: taxonomy values in use offered on a
 * `topics:` list item (most used first, the page's own values left out), and the title-change
 * action that carries a new `title` into the topic links whose text equals the saved one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits';
import { Authoring } from '../../src/core/service/authoring';
import { assertOnlyEditsChanged } from '../helpers/fixes';
import { serviceFor } from '../helpers/serviceHarness';

const CONFIG = { 'topic-pages.json': JSON.stringify({ docsRoot: 'articles' }) };
const page = (title: string, topics: string[], contentType: string): string =>
  `---\ntitle: ${title}\ndescription: About ${title}.\ntopics:\n${topics.map((t) => `  - ${t}\n`).join('')}contentType: ${contentType}\n---\n# ${title}\n`;
const home = `---
classes: topic-page
title: Home
description: Start here.
---
<ul class="topic-links">
  <li>
    <i class="icon icon-budicon-715"></i><a href="/alpha">Alpha</a>
    <p>About Alpha.</p>
  </li>
  <li>
    <i class="icon icon-budicon-715"></i><a href="/alpha">Read about alpha</a>
  </li>
</ul>
`;

describe('front-matter authoring', () => {
  it('completes taxonomy values in use, most used first, without the values the page already has', async () => {
    const files = {
      ...CONFIG,
      'articles/alpha.md': page('Alpha', ['api', 'security'], 'guide'),
      'articles/beta.md': page('Beta', ['api'], 'guide'),
      'articles/gamma.md': page('Gamma', ['billing'], 'reference'),
      'articles/new.md': '---\ntitle: New\ntopics:\n  - api\n  - \ncontentType: \n---\n',
    };
    const h = await serviceFor(files);
    const authoring = new Authoring(h.service);
    const text = files['articles/new.md'];
    const item = text.indexOf('  - \n') + 4;
    const topics = await authoring.taxonomyCompletion('articles/new.md', item);
    assert.deepEqual(topics.map((c) => `${c.value} ${c.count}`), ['billing 1', 'security 1']);
    assert.deepEqual(topics[0]?.range, { start: item, end: item });
    const type = await authoring.taxonomyCompletion('articles/new.md', text.indexOf('contentType: ') + 13);
    assert.deepEqual(type.map((c) => `${c.value} ${c.count}`), ['guide 2', 'reference 1']);
    assert.deepEqual(await authoring.taxonomyCompletion('articles/new.md', text.indexOf('title:') + 7), [], 'not on other keys');
  });

  it('a changed title: "Update the text of 1 link", only the link whose text is the saved title', async () => {
    const files = { ...CONFIG, 'articles/index.md': home, 'articles/alpha.md': page('Alpha', ['api'], 'guide') };
    const h = await serviceFor(files);
    const authoring = new Authoring(h.service);
    const edited = files['articles/alpha.md'].replace('title: Alpha', 'title: Alpha & Omega');
    h.service.openDocument('articles/alpha.md', 2, edited);
    await h.service.whenIdle();
    const onTitle = edited.indexOf('title:') + 3;
    const actions = await authoring.titleActions('articles/alpha.md', onTitle);
    assert.deepEqual(actions.map((a) => a.title), ['Update the text of 1 link to this page']);
    const change = actions[0]?.edits[0];
    assert.ok(change);
    assert.equal(change.path, 'articles/index.md');
    const after = applyEdits(change.text, change.edits);
    assertOnlyEditsChanged(change.text, change.edits, after);
    assert.match(after, /<a href="\/alpha">Alpha &amp; Omega<\/a>/);
    assert.match(after, /<a href="\/alpha">Read about alpha<\/a>/, 'a link whose text differs on purpose is left alone');
    assert.deepEqual(await authoring.titleActions('articles/alpha.md', edited.indexOf('topics:')), [], 'not on another line');
    h.service.openDocument('articles/alpha.md', 3, files['articles/alpha.md']);
    await h.service.whenIdle();
    assert.deepEqual(await authoring.titleActions('articles/alpha.md', onTitle), [], 'unchanged title: no action');
  });
});

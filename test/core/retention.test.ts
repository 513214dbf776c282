/**
 * What the index keeps of a page outlives the page's text: a title, a description, an href or an
 * anchor kept as a slice of the text would keep the whole text alive (a slice of a long string is a
 * pointer into it), so a workspace's index would hold every page it ever read. These tests look in
 * a real heap snapshot for the texts of pages that nothing but the index still reaches.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeHeapSnapshot } from 'node:v8';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { frontMatterFacts, parsePage } from '../../src/core/page';
import { detached } from '../../src/core/text';
import { defaultSettings, WorkspaceIndex } from '../../src/core/workspace';

const MARK = '---\ntitle: Retention probe page';

/** A page text built at run time (no literal holds it), long enough to be worth keeping alive. */
function pageText(i: number): string {
  const items = Array.from(
    { length: 6 },
    (_, k) => `  <li>\n    <i class="icon icon-budicon-${k}"></i>\n    <a href="/retention/section-${i}/a-rather-long-page-name-${k}">A rather long link title ${i}.${k}</a>\n    <p>What this link explains, in a sentence long enough to be sliced: item ${i}.${k}.</p>\n  </li>`,
  ).join('\n');
  return [
    `${MARK} number ${i}`,
    `description: A description of retention probe page ${i}, long enough to be kept as a slice.`,
    'classes: topic-page',
    `url: /retention/probe-page-number-${i}`,
    '---',
    '<div class="topic-page-header">',
    `  <h1 id="retention-probe-heading-${i}">Retention probe page number ${i}</h1>`,
    '</div>',
    '<ul class="topic-links">',
    items,
    '</ul>',
    `<p>${'Filler text that makes the page long. '.repeat(60)}</p>`,
    '',
  ].join('\n');
}

/** The strings of the heap that are page texts of this test: their count and whether any was found at all. */
function pageTextsAlive(): number {
  const dir = mkdtempSync(join(tmpdir(), 'topic-pages-retention-'));
  try {
    const file = writeHeapSnapshot(join(dir, 'heap.heapsnapshot'));
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const types = snapshot.snapshot.meta.node_types[0];
    const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
    let alive = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      const kind = types[snapshot.nodes[i + type] as number];
      if (kind !== 'string' && kind !== 'concatenated string') continue;
      const value = snapshot.strings[snapshot.nodes[i + name] as number] ?? '';
      if (value.startsWith(MARK) && (snapshot.nodes[i + size] as number) > 1000) alive++;
    }
    return alive;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Indexes pages whose texts are made and dropped inside this function: the index alone holds what it kept. */
function indexPages(index: WorkspaceIndex, from: number, to: number, how: 'parsed' | 'front matter'): void {
  for (let i = from; i < to; i++) {
    const path = `articles/retention/page-${i}.md`;
    const text = pageText(i);
    if (how === 'parsed') index.setParsedPage(parsePage(path, text));
    else index.setFrontMatterSummary(path, frontMatterFacts(parseFrontMatter(text)));
  }
}

test('the index keeps no page text alive once the page is parsed or read for its front matter', () => {
  // A control first: a text still referenced is found, so an empty result below means something.
  const held = [pageText(999)];
  assert.equal(pageTextsAlive(), 1);
  held.length = 0;

  const index = new WorkspaceIndex(defaultSettings({ docsRoot: 'articles' }), false);
  indexPages(index, 0, 20, 'parsed');
  indexPages(index, 20, 40, 'front matter');
  // The parser remembers the last text it split into lines (one page, whichever was parsed last): another page replaces it.
  parsePage('articles/other.md', `---\ntitle: Another page\n---\n${'Another body. '.repeat(100)}\n`);
  // What the index kept is there: titles, descriptions, the outline's hrefs and the anchors.
  const parsed = index.summary('articles/retention/page-3.md');
  assert.equal(parsed?.title, 'Retention probe page number 3');
  assert.equal(parsed?.description, 'A description of retention probe page 3, long enough to be kept as a slice.');
  assert.equal(parsed?.outline[0]?.href, '/retention/section-3/a-rather-long-page-name-0');
  assert.equal(parsed?.outline[0]?.text, 'A rather long link title 3.0');
  assert.ok(parsed?.anchors.has('retention-probe-heading-3'));
  assert.equal(index.summary('articles/retention/page-23.md')?.url, '/retention/probe-page-number-23');
  // Of the 40 texts, none is kept by the index (each one was, through its title, before). The
  // engine's own short-lived handles can still hold the last text or two it worked on.
  const alive = pageTextsAlive();
  assert.ok(alive <= 2, `${alive} of 40 page texts are still alive`);
});

test('detached copies a string without changing it', () => {
  const text = `prefix ${'x'.repeat(100)} a long enough slice of a longer text ${'y'.repeat(100)}`;
  const slice = text.slice(7, 160);
  assert.equal(detached(slice), slice);
  assert.equal(detached('short'), 'short');
  assert.equal(detached(''), '');
  assert.equal(detached(undefined), undefined);
  assert.equal(detached('é’ and ✓ kept as they are, beyond thirteen'), 'é’ and ✓ kept as they are, beyond thirteen');
});

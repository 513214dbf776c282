/**
 * The view's roots asked before the first load has indexed a topic page (a window restoring the
 * Topic Pages view): the answer waits for the first roots instead of answering an empty list the
 * view would show as its welcome text until a refresh, and still ends in a workspace with none.
 * With roots kept by the last session, those answer at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { initializeFolder, startStdioServer, type StdioServer } from '../helpers/lspServer';

const HOME = '---\ntitle: Home\ndescription: The start.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>How.</p></li>\n</ul>\n';
const GUIDE = '---\ntitle: Guide\ndescription: How.\n---\n# Guide\n';
const OTHER = '---\ntitle: Other\ndescription: Elsewhere.\nclasses: topic-page\n---\n<ul class="topic-links">\n  <li><a href="/guide">Guide</a><p>How.</p></li>\n</ul>\n';

/** Starts `s` with workspace/configuration answered only once `release` is called (the load waits for it). */
async function startHeld(s: StdioServer, initializationOptions: object = {}): Promise<{ release: () => void; asked: Promise<void> }> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen = (): void => undefined;
  const asked = new Promise<void>((resolve) => (seen = resolve));
  s.conn.onRequest('client/registerCapability', () => null);
  s.conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
    seen();
    await released;
    return p.items.map(() => ({}));
  });
  s.conn.listen();
  await initializeFolder(s, initializationOptions);
  return { release, asked };
}

/** 'pending' when `p` has not settled within `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

describe('the view’s roots while the first load runs', () => {
  it('wait for the first topic page instead of answering none', { timeout: 30_000 }, async () => {
    const s = startStdioServer({ 'articles/index.md': HOME, 'articles/guide.md': GUIDE }, 'topic-pages-roots-held-');
    try {
      const { release, asked } = await startHeld(s);
      await asked;
      const roots = s.conn.sendRequest('topicPages/tree/roots', {}) as Promise<{ id: string; label: string }[]>;
      assert.equal(await within(roots, 1500), 'pending', 'no answer while nothing is indexed');
      release();
      assert.deepEqual((await roots).map((r) => [r.id, r.label]), [['articles/index.md', 'Home']]);
    } finally {
      s.stop();
    }
  });

  it('answer none once a workspace without topic pages is loaded', { timeout: 30_000 }, async () => {
    const s = startStdioServer({ 'articles/guide.md': GUIDE }, 'topic-pages-roots-none-');
    try {
      const { release, asked } = await startHeld(s);
      await asked;
      const roots = s.conn.sendRequest('topicPages/tree/roots', {}) as Promise<unknown[]>;
      release();
      assert.deepEqual(await roots, []);
    } finally {
      s.stop();
    }
  });

  it('answer the roots the last session kept at once, then the ones read', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topic-pages-roots-kept-'));
    const cache = mkdtempSync(join(tmpdir(), 'topic-pages-roots-kept-cache-'));
    const files = { 'articles/index.md': HOME, 'articles/guide.md': GUIDE };
    try {
      // The first session keeps its index and roots (written once everything is checked, and at shutdown).
      const first = startStdioServer(files, '', { dir });
      try {
        first.conn.onRequest('client/registerCapability', () => null);
        first.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
        first.conn.listen();
        await initializeFolder(first, { cacheDirectory: cache });
        await first.conn.sendRequest('topicPages/whenIdle', {});
        await first.conn.sendRequest('shutdown');
      } finally {
        first.stop();
      }
      assert.ok(readdirSync(cache).some((f) => /^roots-[0-9a-f]{16}\.json$/.test(f)), 'the roots are kept beside the index');
      // Between sessions a topic page is added: the kept roots do not know it, the read ones do.
      writeFileSync(join(dir, 'articles', 'other.md'), OTHER);
      const second = startStdioServer(files, '', { dir });
      try {
        const { release, asked } = await startHeld(second, { cacheDirectory: cache });
        await asked;
        const kept = await within(second.conn.sendRequest('topicPages/tree/roots', {}) as Promise<{ id: string; label: string; expanded: boolean }[]>, 5000);
        assert.notEqual(kept, 'pending', 'the kept roots answer while the load waits for its settings');
        assert.deepEqual(kept === 'pending' ? kept : kept.map((r) => [r.id, r.label, r.expanded]), [['articles/index.md', 'Home', true]]);
        // The kept root is expanded: its children wait for the pages instead of answering none.
        const children = second.conn.sendRequest('topicPages/tree/children', { id: 'articles/index.md' }) as Promise<{ label: string }[]>;
        assert.equal(await within(children, 500), 'pending');
        release();
        assert.deepEqual((await children).map((c) => c.label), ['Guide']);
        await second.conn.sendRequest('topicPages/whenIdle', {});
        const read = (await second.conn.sendRequest('topicPages/tree/roots', {})) as { id: string }[];
        assert.deepEqual(read.map((r) => r.id), ['articles/index.md', 'articles/other.md']);
      } finally {
        second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

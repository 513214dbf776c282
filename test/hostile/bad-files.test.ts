// Bad files: each is met with a clear finding or a clear skip, never a crash, hang or flood.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, checkPage } from '../../src/core/engine';
import { parsePage } from '../../src/core/page';
import { allRules } from '../../src/core/rules';
import type { Rule } from '../../src/core/rule';
import { TopicTree, type TopicNode } from '../../src/core/hierarchy';
import { formatTree } from '../../src/cli/tree';
import type { Finding } from '../../src/core/types';
import { MemoryHost } from './support';

const TOPIC = (title: string, body = ''): string => `---\nclasses: topic-page\ntitle: ${title}\ndescription: About ${title}\n---\n${body}`;
const list = (...hrefs: string[]): string => `<ul class="topic-links">\n${hrefs.map((h) => `  <li><a href="${h}">Go to ${h}</a></li>\n`).join('')}</ul>\n`;

function allFindings(engine: Engine): Finding[] {
  return [...engine.checkAll().values()].flat();
}

/** Runs `fn`, returning its result and how long it took. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: Math.round(performance.now() - t0) };
}

describe('binary and mis-encoded files named .md', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, ...new Array<number>(4000).fill(0x00)]);
  const latin1 = new Uint8Array([...new TextEncoder().encode('---\ntitle: Caf'), 0xe9, ...new TextEncoder().encode('\n---\n<p>na'), 0xef, ...new TextEncoder().encode('ve</p>\n')]);
  const utf16 = new Uint8Array([0xff, 0xfe, ...[...'---\ntitle: x\n---\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
  const truncatedUtf8 = new Uint8Array([...new TextEncoder().encode('# Emoji '), 0xf0, 0x9f, 0x98]);

  for (const [name, bytes, reason] of [
    ['a PNG', png, /binary/],
    ['Latin-1 text', latin1, /not valid UTF-8/],
    ['UTF-16 with a BOM', utf16, /binary/],
    ['UTF-8 cut inside a character', truncatedUtf8, /not valid UTF-8/],
  ] as const) {
    it(`${name}: one file-skipped finding for the file, nothing else`, async () => {
      const engine = await Engine.load(new MemoryHost({ 'articles/bad.md': bytes, 'articles/good.md': TOPIC('Good', list('/bad')) }));
      const findings = engine.check('articles/bad.md');
      assert.equal(findings.length, 1, JSON.stringify(findings));
      assert.equal(findings[0]?.ruleId, 'file-skipped');
      assert.match(findings[0]?.message ?? '', reason);
      assert.deepEqual(findings[0]?.range, { start: 0, end: 0 });
      // Not a flood: the workspace reports exactly one finding for it, and the good page is still checked.
      const everything = engine.checkAll();
      assert.equal(everything.get('articles/bad.md')?.length, 1);
      assert.equal(allFindings(engine).filter((f) => f.ruleId === 'file-skipped').length, 1);
      // A link to the skipped page resolves: the page exists, it just could not be read.
      assert.deepEqual(engine.check('articles/good.md').filter((f) => f.ruleId === 'link-broken'), []);
    });
  }
});

describe('huge pages', () => {
  const para = 'Lorem ipsum dolor sit amet, [a link](/good) consectetur <a href="/good">b</a> adipiscing elit. `code` and **bold**.\n\n';
  const tenMB = TOPIC('Big', list('/good') + para.repeat(Math.ceil(10_000_000 / para.length)));

  it('a 10 MB page is skipped with one finding naming the maxFileSize limit', async () => {
    const engine = await Engine.load(new MemoryHost({ 'articles/big.md': tenMB, 'articles/good.md': '# Good\n' }));
    const findings = engine.check('articles/big.md');
    assert.deepEqual(findings.map((f) => f.ruleId), ['file-skipped']);
    assert.match(findings[0]?.message ?? '', /10\.0 MB, over the 5\.0 MB limit \(setting `maxFileSize`\)/);
  });

  it('a 10 MB page is checked when maxFileSize allows it, within a bound', { timeout: 180_000 }, async (t) => {
    const host = new MemoryHost({ 'topic-pages.json': JSON.stringify({ maxFileSize: 20_000_000 }), 'articles/big.md': tenMB, 'articles/good.md': '# Good\n' });
    const { value: engine, ms: loadMs } = await timed(() => Engine.load(host));
    const { value: findings, ms: checkMs } = await timed(() => engine.check('articles/big.md'));
    t.diagnostic(`10 MB page: indexed in ${loadMs} ms, checked in ${checkMs} ms, ${findings.length} findings`);
    assert.ok(findings.every((f) => f.ruleId !== 'file-skipped'));
    assert.ok(loadMs + checkMs < 120_000, `took ${loadMs + checkMs} ms`);
  });

  it('a page with 100,000 links is checked, within a bound', { timeout: 180_000 }, async (t) => {
    const items = Array.from({ length: 100_000 }, (_, i) => `  <li><a href="/p/${i % 1000}">Page ${i}</a></li>\n`).join('');
    const files: Record<string, string> = { 'articles/links.md': TOPIC('Links', `<ul class="topic-links">\n${items}</ul>\n`) };
    for (let i = 0; i < 1000; i += 2) files[`articles/p/${i}.md`] = `---\ntitle: P${i}\n---\n`;
    const { value: engine, ms: loadMs } = await timed(() => Engine.load(new MemoryHost(files)));
    const { value: findings, ms: checkMs } = await timed(() => engine.check('articles/links.md'));
    t.diagnostic(`100,000 links: indexed in ${loadMs} ms, checked in ${checkMs} ms, ${findings.length} findings`);
    // Half the targets exist; every link to a missing one is broken, every repeat is a duplicate.
    assert.equal(findings.filter((f) => f.ruleId === 'link-broken').length, 50_000);
    assert.ok(loadMs + checkMs < 120_000, `took ${loadMs + checkMs} ms`);
  });
});

describe('nesting 10,000 levels deep', () => {
  const N = 10_000;
  const shapes: Record<string, string> = {
    'topic lists, closed': TOPIC('Deep', '<ul class="topic-links">' + '<li><a href="/leaf">Leaf</a><p></p><ul>'.repeat(N) + '</ul></li>'.repeat(N) + '</ul>\n'),
    'topic lists, never closed': TOPIC('Deep', '<ul class="topic-links">' + '<li><a href="/leaf">Leaf</a>\n<ul>'.repeat(N)),
    'divs': TOPIC('Deep', '<div>'.repeat(N) + 'x' + '</div>'.repeat(N)),
    'YAML flow sequences': `---\nclasses: topic-page\ntitle: ${'['.repeat(N)}${']'.repeat(N)}\n---\n`,
    'YAML flow mappings': `---\nclasses: topic-page\ntitle: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n---\n`,
    'Markdown block quotes and brackets': TOPIC('Deep', '> '.repeat(N) + 'x\n' + '['.repeat(N) + ']('.repeat(N) + '\n'),
    'EJS include argument brackets': TOPIC('Deep', `<%= include('../_includes/_topic-links', { links: [${'['.repeat(N)}${']'.repeat(N)}] }) %>\n`),
  };
  for (const [name, text] of Object.entries(shapes)) {
    it(`${name}: indexed, checked and printed as a tree without a stack overflow`, { timeout: 180_000 }, async (t) => {
      const host = new MemoryHost({ 'articles/deep.md': text, 'articles/leaf.md': TOPIC('Leaf', list('/deep')) });
      const { value: engine, ms } = await timed(async () => {
        const e = await Engine.load(host);
        e.checkAll();
        return e;
      });
      t.diagnostic(`${name}: ${ms} ms`);
      assert.ok(Array.isArray(engine.check('articles/deep.md')));
      const tree = formatTree(engine.index, false);
      assert.ok(tree.length > 0);
      assert.ok(tree.split('\n').length < 500, 'the printed tree is cut off, not 10,000 levels');
    });
  }

  it('a chain of 3,000 topic pages prints without a stack overflow', { timeout: 180_000 }, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`articles/c${i}.md`] = TOPIC(`C${i}`, list(`/c${i + 1}`));
    const engine = await Engine.load(new MemoryHost(files));
    const tree = formatTree(engine.index, false);
    assert.match(tree, /more link below 100 levels, not shown/);
  });
});

describe('hierarchy cycles and self-links', () => {
  /** Expands every node (no limit): only terminates if cycles are leaves. */
  function expandAll(tree: TopicTree): TopicNode[] {
    const out: TopicNode[] = [];
    const stack = [...tree.roots()];
    for (let node = stack.pop(); node; node = stack.pop()) {
      out.push(node);
      assert.ok(out.length < 100_000, 'the tree keeps growing: a cycle is not cut');
      stack.push(...tree.children(node));
    }
    return out;
  }

  it('a ring, a two-page loop and a page linking to itself terminate, with cycles marked', async () => {
    const engine = await Engine.load(new MemoryHost({
      'articles/self.md': TOPIC('Self', list('/self', '/self#top', '#top', '/a')),
      'articles/a.md': TOPIC('A', list('/b')),
      'articles/b.md': TOPIC('B', list('/a')),
      'articles/r1.md': TOPIC('R1', list('/r2')),
      'articles/r2.md': TOPIC('R2', list('/r3')),
      'articles/r3.md': TOPIC('R3', list('/r1', '/r2')),
    }));
    const tree = new TopicTree(engine.index);
    const nodes = expandAll(tree);
    const cycles = nodes.filter((n) => n.kind === 'cycle');
    assert.ok(cycles.some((n) => n.source?.path === 'articles/self.md' && n.target === 'articles/self.md'), 'the self-link is a cycle');
    assert.ok(cycles.some((n) => n.target === 'articles/a.md'), 'a → b → a is cut');
    assert.ok(cycles.some((n) => n.target === 'articles/r1.md'), 'the ring r1 → r2 → r3 → r1 is cut');
    assert.ok(tree.roots().some((r) => r.target === 'articles/r1.md'), 'a ring with no way in still gets a root');
    const printed = formatTree(engine.index, false);
    assert.match(printed, /↻ .*\[cycle: links back to a page above\]/);
    assert.ok(tree.findNodes('articles/r3.md').length > 0);
    // Checking terminates too, and a self-link is not a broken link.
    assert.deepEqual(engine.check('articles/self.md').filter((f) => f.ruleId === 'link-broken'), []);
  });

  it('a redirect loop and a long redirect chain terminate', async () => {
    const redirects = [{ from: '/x', to: '/y' }, { from: '/y', to: '/x' }, ...Array.from({ length: 2000 }, (_, i) => ({ from: `/chain/${i}`, to: `/chain/${i + 1}` }))];
    const engine = await Engine.load(new MemoryHost({
      'topic-pages.json': JSON.stringify({ redirects: 'redirects.json' }),
      'redirects.json': JSON.stringify(redirects),
      'articles/page.md': TOPIC('Page', list('/x', '/chain/0')),
    }));
    assert.deepEqual(engine.loaded.errors, []);
    const findings = engine.check('articles/page.md');
    assert.equal(findings.filter((f) => f.ruleId === 'link-broken').length, 2, JSON.stringify(findings.map((f) => f.message)));
  });
});

describe('unreadable, vanishing and changing files', () => {
  it('a file whose read fails is skipped with one finding giving the reason; the rest is checked', async () => {
    const host = new MemoryHost({ 'articles/locked.md': TOPIC('Locked', ''), 'articles/open.md': TOPIC('Open', list('/locked')) });
    host.failing.set('articles/locked.md', 'permission denied');
    const engine = await Engine.load(host);
    assert.deepEqual(engine.check('articles/locked.md').map((f) => [f.ruleId, f.message]), [['file-skipped', 'File skipped: it cannot be read (permission denied).']]);
    assert.deepEqual([...engine.skippedFiles().keys()], ['articles/locked.md']);
    assert.deepEqual(engine.check('articles/open.md').filter((f) => f.ruleId === 'link-broken'), [], 'an unreadable file still exists as a link target');
  });

  it('a file listed and then deleted before it is read is skipped, not a crash', async () => {
    const host = new MemoryHost({ 'articles/a.md': TOPIC('A', list('/gone')), 'articles/gone.md': TOPIC('Gone', '') });
    host.onRead = (path) => {
      if (path === 'articles/a.md') host.files.delete('articles/gone.md');
    };
    const engine = await Engine.load(host);
    assert.match(engine.check('articles/gone.md')[0]?.message ?? '', /no longer exists/);
  });

  it('a file deleted after indexing: checking it and the pages linking to it carries on', async () => {
    const host = new MemoryHost({ 'articles/a.md': TOPIC('A', list('/b')), 'articles/b.md': TOPIC('B', list('/a')) });
    const engine = await Engine.load(host);
    engine.checkAll();
    const affected = engine.delete('articles/b.md');
    assert.ok(affected.includes('articles/a.md'));
    assert.deepEqual(engine.check('articles/b.md'), []);
    assert.deepEqual(engine.check('articles/a.md').map((f) => f.ruleId), ['link-broken']);
    // Re-reading a file that vanished marks it skipped instead of throwing.
    host.files.delete('articles/a.md');
    await engine.readAndIndex('articles/a.md');
    assert.match(engine.check('articles/a.md')[0]?.message ?? '', /no longer exists/);
  });

  it('a file that changes between reads is checked as last read, and becomes binary mid-session', async () => {
    const host = new MemoryHost({ 'articles/a.md': TOPIC('A', list('/b')), 'articles/b.md': TOPIC('B', '') });
    const engine = await Engine.load(host);
    host.set('articles/a.md', TOPIC('A', list('/nowhere')));
    await engine.readAndIndex('articles/a.md');
    assert.deepEqual(engine.check('articles/a.md').map((f) => f.ruleId), ['link-broken']);
    host.set('articles/a.md', new Uint8Array([0, 1, 2, 3]));
    await engine.readAndIndex('articles/a.md');
    assert.deepEqual(engine.check('articles/a.md').map((f) => f.ruleId), ['file-skipped']);
    // An editor buffer for a skipped file is checked as text.
    assert.ok(engine.check('articles/a.md', TOPIC('A', '')).every((f) => f.ruleId !== 'file-skipped'));
  });

  it('a host whose listing names a file twice or a folder as a file carries on', async () => {
    const host = new MemoryHost({ 'articles/a.md': TOPIC('A', '') });
    host.listFiles = () => Promise.resolve(['articles/a.md', 'articles/a.md', 'articles/dir.md', '']);
    host.failing.set('articles/dir.md', 'is a folder');
    const engine = await Engine.load(host);
    assert.match(engine.check('articles/dir.md')[0]?.message ?? '', /is a folder/);
    assert.ok(Array.isArray(engine.check('articles/a.md')));
  });
});

describe('faults inside the engine', () => {
  it('a rule that throws becomes one finding; the other rules still run', async () => {
    const engine = await Engine.load(new MemoryHost({ 'articles/a.md': TOPIC('A', list('/nowhere')) }));
    const broken: Rule = { id: 'broken-rule', description: 'throws', defaultSeverity: 'warning', fixable: false, hasSuggestions: false, scope: 'all-pages', check: () => { throw new TypeError("Cannot read properties of undefined (reading 'x')"); } };
    const page = parsePage('articles/a.md', TOPIC('A', list('/nowhere')));
    const findings = checkPage(page, engine.index, [broken, ...allRules]);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'broken-rule').map((f) => f.message), ["Internal error in rule `broken-rule` on this page (Cannot read properties of undefined (reading 'x')); the other rules ran. Please report it."]);
    assert.ok(findings.some((f) => f.ruleId === 'link-broken'));
  });

  it('a workspace schema with an $id loads again in the same process (config reload)', async () => {
    const files = { 'topic-pages.json': JSON.stringify({ schema: 'fm.json' }), 'fm.json': JSON.stringify({ $id: 'https://example.com/fm.json', type: 'object', required: ['owner'] }), 'articles/a.md': TOPIC('A') };
    for (let i = 0; i < 3; i++) {
      const engine = await Engine.load(new MemoryHost(files));
      assert.deepEqual(engine.loaded.errors.map((e) => e.message), []);
      assert.deepEqual(engine.check('articles/a.md').map((f) => f.ruleId), ['front-matter-schema']);
    }
  });

  it('an unclosed <!-- at the end of a page: every range stays inside the text and every fix applies', async () => {
    const text = TOPIC('A', '<ul class="topic-links">\n  <li><a href="/b">B</a>\n    <p><!--\n      not a description\n    </p>\n  </li>\n</ul>');
    const engine = await Engine.load(new MemoryHost({ 'articles/a.md': text, 'articles/b.md': TOPIC('B') }));
    for (const f of engine.check('articles/a.md')) {
      assert.ok(f.range.end <= text.length, `${f.ruleId} ends at ${f.range.end}, past ${text.length}`);
      for (const e of f.fix?.edits ?? []) assert.ok(e.range.end <= text.length, `${f.ruleId} fix ends past the text`);
    }
  });
});

// Safety: nothing from the network, nothing outside the workspace, config is data, unsafe hrefs are findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as dns from 'node:dns';
import { Engine } from '../../src/core/engine';
import { formatTree } from '../../src/cli/tree';
import { MemoryHost, REPO_ROOT } from './support';

const TOPIC = (body: string, extra = ''): string => `---\nclasses: topic-page\ntitle: Safe\ndescription: Safety\n${extra}---\n${body}`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('nothing is fetched from the network', () => {
  it('the engine and CLI import no network or process module', () => {
    const banned = /\bfrom\s+['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process|worker_threads\/net|undici)['"]|\brequire\(\s*['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process|undici)['"]|\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b/;
    const offenders = [...sourceFiles(join(REPO_ROOT, 'src', 'core')), ...sourceFiles(join(REPO_ROOT, 'src', 'cli'))]
      .filter((f) => banned.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(REPO_ROOT.length + 1));
    assert.deepEqual(offenders, []);
  });

  it('checking pages full of absolute URLs opens no connection and reads only listed files', async () => {
    const calls: string[] = [];
    const restore: (() => void)[] = [];
    const trap = <T extends object>(obj: T, key: keyof T & string, label: string): void => {
      const original = obj[key];
      try {
        Object.defineProperty(obj, key, { configurable: true, writable: true, value: (...args: unknown[]) => {
          calls.push(`${label}(${String(args[0])})`);
          throw new Error(`network use: ${label}`);
        } });
        restore.push(() => Object.defineProperty(obj, key, { configurable: true, writable: true, value: original }));
      } catch {
        // A non-configurable export cannot be trapped; the static test above covers it.
      }
    };
    trap(globalThis, 'fetch', 'fetch');
    trap(http, 'request', 'http.request');
    trap(http, 'get', 'http.get');
    trap(https, 'request', 'https.request');
    trap(https, 'get', 'https.get');
    trap(net, 'connect', 'net.connect');
    trap(net, 'createConnection', 'net.createConnection');
    trap(net.Socket.prototype, 'connect', 'Socket.connect');
    trap(dns, 'lookup', 'dns.lookup');
    trap(dns.promises, 'lookup', 'dns.promises.lookup');
    try {
      const urls = ['https://example.com/page', 'http://127.0.0.1:9/x', '//cdn.example/x.js', 'https://docs.acme.example/docs/users', 'ftp://files.example/f', 'mailto:a@example.com', 'file:///etc/passwd'];
      const host = new MemoryHost({
        'topic-pages.json': JSON.stringify({ siteBases: ['https://docs.acme.example/docs'], schema: 'schema.json' }),
        'schema.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', $id: 'https://evil.example/schema.json', type: 'object', properties: { x: { $ref: 'https://evil.example/other.json' } } }),
        'articles/index.md': TOPIC(`<ul class="topic-links">\n${urls.map((u) => `<li><a href="${u}">x</a><p>d</p></li>`).join('\n')}\n</ul>\n${urls.map((u) => `[u](${u}) <img src="${u}">`).join('\n')}\n`, '$ref: https://evil.example/ref.json\n'),
        'articles/users.md': TOPIC(`<%= include('https://evil.example/_topic-links', { links: ['https://evil.example/x'] }) %>\n`),
      });
      const engine = await Engine.load(host);
      engine.checkAll();
      formatTree(engine.index, false);
      const listed = new Set(await host.listFiles());
      assert.deepEqual(host.reads.filter((r) => !listed.has(r)), [], 'every read is of a listed workspace file');
    } finally {
      for (const r of restore) r();
    }
    assert.deepEqual(calls, []);
  });
});

describe('nothing outside the workspace is read', () => {
  const climbing = ['../../../etc/passwd', '../../../../../../etc/passwd', '/etc/passwd', '..\\..\\etc\\passwd', 'articles/../../etc/passwd', '%2e%2e/%2e%2e/etc/passwd'];

  it('include paths, hrefs, routes and topic-link keys that climb out are never read', async () => {
    const body = [
      ...climbing.map((p) => `<%= include('${p}') %>`),
      `<%= include('../_includes/_topic-links', { links: [${climbing.map((p) => `'${p}'`).join(', ')}] }) %>`,
      '<ul class="topic-links">',
      ...climbing.map((p) => `<li><a href="${p}">x</a><p>d</p></li>`),
      '</ul>',
      ...climbing.map((p) => `[x](${p}#frag)`),
    ].join('\n');
    const host = new MemoryHost({ 'articles/guides/evil.md': TOPIC(body, 'url: ../../../etc/passwd\n'), 'articles/_includes/_topic-links.md': '<ul class="topic-links"></ul>\n' });
    const engine = await Engine.load(host);
    const findings = engine.check('articles/guides/evil.md');
    const listed = new Set(await host.listFiles());
    assert.deepEqual(host.reads.filter((r) => !listed.has(r)), []);
    assert.ok(findings.filter((f) => f.ruleId === 'include-missing' && /leaves the workspace/.test(f.message)).length >= 3, 'climbing includes are reported as leaving the workspace');
    formatTree(engine.index, false);
    assert.deepEqual(host.reads.filter((r) => !listed.has(r)), []);
  });

  it('config paths (redirects, schema) that climb out are refused, not read', async () => {
    for (const path of ['../../../etc/passwd', '/etc/passwd', 'sub/../../outside.json']) {
      const host = new MemoryHost({ 'topic-pages.json': JSON.stringify({ redirects: path, schema: path }), 'articles/a.md': TOPIC('') });
      const engine = await Engine.load(host);
      assert.deepEqual(host.reads.filter((r) => r !== 'topic-pages.json' && r !== 'articles/a.md'), [], `read ${path}`);
      assert.equal(engine.loaded.errors.length, 2, `both settings are reported for ${path}`);
      for (const e of engine.loaded.errors) assert.match(e.message, /outside the workspace/);
    }
  });
});

describe('the config file is data, never code', () => {
  it('JavaScript in topic-pages.json is a config error, not run', async () => {
    const marker = `__topicPagesRan${Date.now()}`;
    const host = new MemoryHost({
      'topic-pages.json': `module.exports = (globalThis.${marker} = true, { docsRoot: 'articles' })`,
      'topic-pages.js': `globalThis.${marker} = true; module.exports = {}`,
      'topic-pages.config.js': `globalThis.${marker} = true; module.exports = {}`,
      'articles/a.md': TOPIC(''),
    });
    const engine = await Engine.load(host);
    assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
    assert.equal(engine.loaded.errors.length, 1);
    assert.match(engine.loaded.errors[0]?.message ?? '', /^topic-pages\.json: not valid JSON/);
    assert.ok(!host.reads.includes('topic-pages.js') && !host.reads.includes('topic-pages.config.js'));
  });

  it('__proto__ and constructor keys pollute nothing', async () => {
    const host = new MemoryHost({
      'topic-pages.json': '{"__proto__": {"polluted": 1}, "rules": {"__proto__": {"polluted": 2}, "constructor": "off"}}',
      'redirects.json': '[{"from": "/a", "to": "/b", "__proto__": {"polluted": 3}}]',
      'articles/a.md': TOPIC('', '__proto__:\n  polluted: 4\nconstructor: x\n'),
    });
    const engine = await Engine.load(host);
    engine.checkAll();
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
    assert.ok(engine.loaded.errors.length >= 1, 'unknown keys are config errors');
  });
});

describe('javascript: and data: hrefs are findings', () => {
  const hrefs = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'java\tscript:alert(1)',
    'java&#x09;script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    '\u0001javascript:alert(1)',
  ];
  for (const href of hrefs) {
    it(`${JSON.stringify(href)} in an <a>, a Markdown link and a topic link`, async () => {
      const md = href.includes(' ') || href.includes('\t') ? `[x](<${href}>)` : `[x](${href})`;
      const engine = await Engine.load(new MemoryHost({ 'articles/a.md': TOPIC(`<p><a href="${href}">x</a></p>\n\n${md}\n\n<ul class="topic-links"><li><a href="${href}">y</a><p>d</p></li></ul>\n`) }));
      const unsafe = engine.check('articles/a.md').filter((f) => f.ruleId === 'href-unsafe');
      assert.equal(unsafe.length, 3, JSON.stringify(engine.check('articles/a.md').map((f) => [f.ruleId, f.message])));
      assert.ok(unsafe.every((f) => !f.fix), 'an unsafe link is never rewritten automatically');
    });
  }
});

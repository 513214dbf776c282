// Renders topic pages with the preview plugin (markdown-it + media/preview.css) into a
// standalone HTML page, the same page side by side on a dark and a light VS Code-like
// background, and screenshots it with headless Chromium into docs/images/preview-*.png.
//
//   node --import tsx scripts/preview-snapshot.mjs [--out docs/images] [--chromium /usr/bin/chromium]
//
// Pages: the Users seed and an include-form corpus page (both from ../shared, skipped when
// absent), and the test fixture page with every template form.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { chromium } from 'playwright-core';
import { topicPagesPreview, previewContextFromIndex } from '../src/preview/index.ts';
import { CORPUS_CONFIG, CORPUS_DIR, SEED_FILE, corpusArticles, stubWorkspace } from '../test/helpers/corpus.ts';
import { engineFor } from '../test/helpers/memoryHost.ts';
import { FIXTURE_CONFIG, FIXTURE_FILES, FIXTURE_PAGE } from '../test/preview/fixture.ts';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, option('--out', 'docs/images'));
const executablePath = option('--chromium', '/usr/bin/chromium');

/** The theme colours VS Code gives a webview (Dark Modern and Light Modern), as its CSS variables. */
const THEMES = {
  dark: {
    background: '#1f1f1f',
    '--vscode-foreground': '#cccccc',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-textLink-activeForeground': '#4daafc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-widget-border': '#313131',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-orange': '#d18616',
    '--vscode-textCodeBlock-background': '#2b2b2b',
    '--vscode-textPreformat-foreground': '#d0d0d0',
  },
  light: {
    background: '#ffffff',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-textLink-activeForeground': '#005fb8',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-widget-border': '#e5e5e5',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-orange': '#d18616',
    '--vscode-textCodeBlock-background': '#f2f2f2',
    '--vscode-textPreformat-foreground': '#a31515',
  },
};

/** Roughly the built-in preview's own stylesheet (markdown.css), for a faithful background. */
const BASE_CSS = `
  * { box-sizing: border-box; }
  html, body { margin: 0; }
  body { display: grid; grid-template-columns: 1fr 1fr; }
  .pane { padding: 8px 26px 26px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, "Droid Sans", sans-serif;
    font-size: 14px; line-height: 22px; color: var(--vscode-foreground); background: var(--bg); overflow-wrap: break-word; }
  .pane a { color: var(--vscode-textLink-foreground); text-decoration: none; }
  .pane a:hover { text-decoration: underline; }
  .pane h1 { font-size: 2em; line-height: 1.25; padding-bottom: .3em; border-bottom: 1px solid var(--vscode-widget-border); font-weight: 600; }
  .pane h2 { font-size: 1.5em; line-height: 1.25; padding-bottom: .3em; border-bottom: 1px solid var(--vscode-widget-border); font-weight: 600; }
  .pane code { font-family: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace); font-size: 1em;
    color: var(--vscode-textPreformat-foreground); background: var(--vscode-textCodeBlock-background); padding: 1px 3px; border-radius: 4px; }
  .pane ul, .pane ol { padding-left: 2em; }
  .theme-name { font: 11px/1 sans-serif; text-transform: uppercase; letter-spacing: .08em; opacity: .6; margin: 4px 0 12px; }
`;

function themeStyle(theme) {
  const { background, ...vars } = THEMES[theme];
  return [`--bg: ${background}`, ...Object.entries(vars).map(([k, v]) => `${k}: ${v}`)].join('; ');
}

function page(title, body) {
  const css = readFileSync(join(root, 'media', 'preview.css'), 'utf8');
  const pane = (theme) => `<div class="pane vscode-${theme}" style="${themeStyle(theme)}"><div class="theme-name">${theme}</div>\n${body}\n</div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>${BASE_CSS}</style><style>${css}</style></head>
<body>${pane('dark')}${pane('light')}</body></html>`;
}

async function renderer(files, config) {
  const engine = await engineFor(files, config);
  const md = new MarkdownIt({ html: true });
  md.use(topicPagesPreview, previewContextFromIndex(engine.index, { pathOf: (env) => env.path }));
  return (path) => md.render(engine.index.text(path) ?? '', { path });
}

const shots = [];
const fixture = await renderer(FIXTURE_FILES, FIXTURE_CONFIG);
shots.push({ name: 'preview-templates', title: 'Every template form', html: fixture(FIXTURE_PAGE) });
if (existsSync(SEED_FILE) && existsSync(CORPUS_DIR)) {
  const seedPath = 'articles/users/index.md';
  const corpus = await renderer(stubWorkspace({ ...corpusArticles(), [seedPath]: readFileSync(SEED_FILE, 'utf8') }), CORPUS_CONFIG);
  shots.push({ name: 'preview-users', title: 'Users topic page', html: corpus(seedPath) });
  shots.push({ name: 'preview-include', title: 'Include-form topic page', html: corpus('articles/configure/index.md') });
} else {
  console.warn(`Seed or corpus not found under ${join(root, '..', 'shared')}: only the fixture page is rendered.`);
}

const work = mkdtempSync(join(tmpdir(), 'preview-snapshot-'));
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // Nothing in the page may reach the network.
  await tab.route(/^(?!file:)/, (route) => route.abort());
  for (const shot of shots) {
    const file = join(work, `${shot.name}.html`);
    writeFileSync(file, page(shot.title, shot.html));
    await tab.goto(pathToFileURL(file).href);
    const height = Math.min(await tab.evaluate('document.body.scrollHeight'), Number(option('--max-height', '1500')));
    const out = join(outDir, `${shot.name}.png`);
    await tab.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1440, height } });
    console.log(`${out} (${height}px)`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

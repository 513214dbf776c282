// Builds a large benchmark workspace from the real Auth0 corpus: copies of its
// pages in separate folders (`articles/c0001/...`), with hrefs, `url:` values and
// `_topic-links` include keys rewritten so each copy links within itself.
// Include *paths* are relative to the including file, so they stay as written.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Bump when the generated layout changes, so cached workspaces are rebuilt. */
const GENERATOR_VERSION = 2;

export const DEFAULT_CORPUS = resolve(__dirname, '..', '..', 'shared', 'corpus', 'auth0-docs');

export interface CorpusPage {
  /** Path under `articles/`, `/`-separated. */
  readonly rel: string;
  readonly text: string;
}

export interface Workspace {
  readonly root: string;
  readonly pages: number;
  readonly bytes: number;
  readonly copies: number;
  /** Paths of every page, workspace-relative. */
  readonly paths: readonly string[];
  readonly reused: boolean;
}

/** The corpus's pages (`articles/**\/*.md`), sorted; undefined when the corpus is absent. */
export function readCorpus(corpus: string = DEFAULT_CORPUS): CorpusPage[] | undefined {
  const articles = join(corpus, 'articles');
  if (!existsSync(articles)) return undefined;
  const out: CorpusPage[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else if (name.toLowerCase().endsWith('.md')) out.push({ rel: relative(articles, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  visit(articles);
  return out;
}

const SITE = /^(https?:\/\/(?:www\.)?auth0\.com\/docs|\/docs)(?=\/|$)/;

/** A root-relative or site-absolute href moved into copy `prefix`; anything else unchanged. */
export function rewriteHref(href: string, prefix: string): string {
  const site = SITE.exec(href);
  if (site) return `${site[0]}/${prefix}${href.slice(site[0].length)}`;
  if (href.startsWith('/') && !href.startsWith('//')) return `/${prefix}${href}`;
  return href;
}

/** The page's text with its links pointing into copy `prefix`. */
export function rewritePage(text: string, prefix: string): string {
  return (
    text
      // HTML attributes
      .replace(/(\bhref\s*=\s*)(["'])([^"']*)\2/gi, (_m, attr: string, q: string, href: string) => `${attr}${q}${rewriteHref(href, prefix)}${q}`)
      // Markdown links and images: ](href "title")
      .replace(/\]\(\s*(<?)([^)\s>]+)/g, (_m, lt: string, href: string) => `](${lt}${rewriteHref(href, prefix)}`)
      // Front matter url:
      .replace(/^(url:\s*["']?)(\/[^\s"']*)/m, (_m, key: string, url: string) => `${key}${rewriteHref(url, prefix)}`)
      // `_topic-links` include keys: paths relative to articles/
      .replace(/(\blinks\s*:\s*\[)([^\]]*)\]/g, (_m, open: string, list: string) => `${open}${list.replace(/(["'])([^"'\s]+)\1/g, (_k, q: string, key: string) => `${q}${prefix}/${key.replace(/^\/+/, '')}${q}`)}]`)
  );
}

function signature(pages: readonly CorpusPage[]): string {
  const h = createHash('sha256');
  h.update(String(GENERATOR_VERSION));
  for (const p of pages) h.update(p.rel).update('\0').update(p.text).update('\0');
  return h.digest('hex').slice(0, 12);
}

export const CONFIG = {
  docsRoot: 'articles',
  siteBases: ['/docs', 'https://auth0.com/docs'],
};

/**
 * Writes (or reuses) a workspace of `size` pages under the OS temp folder:
 * whole copies of the corpus, then the first pages of one more copy.
 */
export function buildWorkspace(corpusPages: readonly CorpusPage[], size: number, base: string = join(tmpdir(), 'topic-pages-bench')): Workspace {
  const sig = signature(corpusPages);
  const root = join(base, `${size}-${sig}`);
  const copies = Math.ceil(size / corpusPages.length);
  const width = Math.max(4, String(copies).length);
  const paths: string[] = [];
  for (let c = 0; c < copies; c++) {
    const prefix = `c${String(c + 1).padStart(width, '0')}`;
    const take = Math.min(corpusPages.length, size - c * corpusPages.length);
    for (let i = 0; i < take; i++) paths.push(`articles/${prefix}/${(corpusPages[i] as CorpusPage).rel}`);
  }
  const marker = join(root, '.bench-complete');
  if (existsSync(marker)) {
    const bytes = Number(readFileSync(marker, 'utf8'));
    return { root, pages: size, bytes, copies, paths, reused: true };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'topic-pages.json'), JSON.stringify(CONFIG, null, 2) + '\n');
  let bytes = 0;
  const made = new Set<string>();
  for (let c = 0; c < copies; c++) {
    const prefix = `c${String(c + 1).padStart(width, '0')}`;
    const take = Math.min(corpusPages.length, size - c * corpusPages.length);
    for (let i = 0; i < take; i++) {
      const page = corpusPages[i] as CorpusPage;
      const full = join(root, 'articles', prefix, ...page.rel.split('/'));
      const dir = dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const out = Buffer.from(rewritePage(page.text, prefix), 'utf8');
      bytes += out.length;
      writeFileSync(full, out);
    }
  }
  writeFileSync(marker, String(bytes));
  return { root, pages: size, bytes, copies, paths, reused: false };
}

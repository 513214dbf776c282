/**
 * Shared test helpers: an in-memory workspace and an Engine built from it.
 *
 *   const engine = await engineFor({ 'articles/a/index.md': '---\ntitle: A\n---\n' }, { docsRoot: 'articles' });
 *   const findings = engine.check('articles/a/index.md');
 *
 * Strings are stored as UTF-8 (a leading U+FEFF becomes a real BOM, as on disk);
 * pass a Uint8Array for exact bytes (binary, invalid UTF-8).
 */
import type { UserConfig } from '../../src/core/config';
import { CONFIG_FILE } from '../../src/core/config';
import { Engine, type FileHost } from '../../src/core/engine';
import { LineIndex, toLineColumn } from '../../src/core/text';
import type { Finding, Range } from '../../src/core/types';

export type MemoryFiles = ReadonlyMap<string, string | Uint8Array> | Readonly<Record<string, string | Uint8Array>>;

/** A FileHost over a map of workspace-relative `/` paths to text or bytes. Mutate `files` to simulate edits on disk. */
export class MemoryFileHost implements FileHost {
  readonly files: Map<string, string | Uint8Array>;

  constructor(files: MemoryFiles = {}) {
    this.files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
  }

  async listFiles(): Promise<readonly string[]> {
    return [...this.files.keys()].sort();
  }

  async readFile(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
    const content = this.files.get(path);
    if (content === undefined) return { error: 'no longer exists' };
    return { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content };
  }
}

/**
 * A loaded Engine over `files`. When `config` is given it is written to
 * `topic-pages.json` first (so it goes through the real config parser).
 */
export async function engineFor(files: MemoryFiles, config?: UserConfig): Promise<Engine> {
  const host = new MemoryFileHost(files);
  if (config !== undefined) host.files.set(CONFIG_FILE, JSON.stringify(config));
  return Engine.load(host);
}

/** `"line:column-endLine:endColumn"`, one-based, the way editors and the CLI show ranges. */
export function span(text: string, range: Range): string {
  const p = toLineColumn(new LineIndex(text), range);
  return `${p.line}:${p.column}-${p.endLine}:${p.endColumn}`;
}

/** Findings as `"ruleId line:col-endLine:endCol"` strings, in report order, optionally of one rule. */
export function describeFindings(text: string, findings: readonly Finding[], ruleId?: string): string[] {
  return findings.filter((f) => ruleId === undefined || f.ruleId === ruleId).map((f) => `${f.ruleId} ${span(text, f.range)}`);
}

/** The same text with every line break written as CRLF. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The same text preceded by a byte order mark (U+FEFF, stored as EF BB BF). */
export function withBom(text: string): string {
  return '\uFEFF' + text;
}

/** A minimal topic page: front matter (title, description, classes) then `body`. */
export function topicPage(body: string, frontMatter = 'title: Page\ndescription: About the page.'): string {
  return `---\nclasses: topic-page\n${frontMatter}\n---\n${body}`;
}

import type { Page, PageLink } from './page';
import type { LinkResolution } from './resolve';
import type { Fix, Range, SeveritySetting } from './types';
import type { IndexView } from './workspace';

/** What a rule reports; the engine adds the rule id and severity. */
export interface Report {
  readonly range: Range;
  readonly message: string;
  readonly fix?: Fix;
  /**
   * Given as a function when working them out asks the workspace (a target page's title) while the
   * finding itself does not: a check before the workspace is listed (checkPageAlone) then reports
   * the finding without them, and the full check calls it.
   */
  readonly suggestions?: readonly Fix[] | (() => readonly Fix[]);
  /**
   * The end of the message when it is worked out from the whole workspace (link-broken's "Did you
   * mean …?"): the full check appends it to `message`, a check before the listing leaves it out.
   */
  readonly hint?: () => string;
  readonly data?: Readonly<Record<string, string | readonly string[]>>;
}

export interface RuleContext {
  readonly page: Page;
  /** The workspace as rules see it: read-only lookups (recorded as the page's dependencies). */
  readonly index: IndexView;
  /** Resolves a link on this page (memoised per check). */
  resolve(link: PageLink): LinkResolution;
  report(report: Report): void;
}

/** A rule: plain data plus a check function. One file per rule under `rules/`. */
export interface Rule {
  /** Stable kebab-case id, used in config, suppressions and diagnostics. */
  readonly id: string;
  /** One sentence: what the rule reports. */
  readonly description: string;
  readonly defaultSeverity: SeveritySetting;
  /**
   * True when findings carry a safe fix that `--fix`, "fix all" and fix-on-save apply: one that
   * leaves what readers see and what the page is unchanged, or restores what the author evidently
   * wrote (an encoding slip, a missing comma, a link typed in Markdown inside HTML).
   */
  readonly fixable: boolean;
  /**
   * True when findings carry suggestions: edits that change what readers see or what the page
   * is, offered one by one in the editor and never applied in bulk (ESLint's `hasSuggestions`).
   */
  readonly hasSuggestions: boolean;
  /** Topic pages only, or every Markdown page in the docs root. */
  readonly scope: 'topic-pages' | 'all-pages';
  check(context: RuleContext): void;
}

/** Where a rule's documentation lives, relative to the package root. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** The product's repository: its README and each rule's page are linked from the CLI's reports. */
export const REPOSITORY_URL = 'https://github.com/topic-pages/topic-pages';

/** A rule's documentation page in the repository, as an absolute URL. */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/${ruleDocsPath(ruleId)}`;
}

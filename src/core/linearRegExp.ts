// Regular expressions that come from the workspace (JSON Schema `pattern`s, redirect
// patterns, `ignore` globs) run on RE2 (re2js, a pure JavaScript port): matching takes time linear in the
// input whatever the expression, where a backtracking RegExp can take exponential time
// (`^(a|a)*$` doubled its time with each character of a front-matter value).
import type Ajv from 'ajv';
import type { CodeOptions } from 'ajv';
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

type RegExpEngine = NonNullable<CodeOptions['regExp']>;

/**
 * Ajv's `code.regExp`: compiles a JSON Schema (ECMAScript) pattern for RE2. A pattern RE2
 * cannot run (backreferences, lookaround) throws, so Ajv refuses the schema with the reason.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string): { test(s: string): boolean } => {
    const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
    return { test: (s: string) => re.test(s) };
  },
  // Only used by Ajv's standalone code generation, which this product does not use.
  { code: 'linearRegExp' },
);

/**
 * An Ajv for a schema the workspace supplies: its patterns run in linear time. Ajv is loaded here,
 * on first use: the product's own schemas are generated code (src/core/schemaValidator.ts), so a
 * workspace without a schema file of its own never evaluates Ajv's modules when a process starts.
 */
export function workspaceAjv(): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = require('ajv') as typeof import('ajv');
  return new AjvClass({ allErrors: true, strict: false, code: { regExp: linearRegExp } });
}

// picomatch's guards against `.` and `..` path segments and empty matches: lookarounds RE2
// does not have. The paths matched here are normalized workspace paths, which never hold a
// `.`, `..` or empty segment, so leaving the guards out changes no answer.
const GLOB_GUARDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

/**
 * A glob (picomatch syntax, dotfiles included) as a matcher of workspace paths that runs in
 * time linear in the path, or why it cannot be one: a negated extglob such as `!(a).md`
 * needs a lookahead. As a backtracking RegExp, `*a*a*a*a*a*a*a*a*a*a*b` took half a second
 * on one 32-character path.
 */
export function compileGlob(glob: string): ((path: string) => boolean) | { readonly error: string } {
  let source: string;
  try {
    source = picomatch.makeRe(glob, { dot: true }).source;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  for (const guard of GLOB_GUARDS) source = source.split(guard).join('');
  if (/\(\?<?[=!]/.test(source)) return { error: 'a negated pattern such as `!(…)` cannot be matched in linear time; use several plain globs' };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return (path) => re.testExact(path);
}

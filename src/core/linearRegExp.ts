// Regular expressions that come from the workspace (JSON Schema `pattern`s, redirect
// patterns) run on RE2 (re2js, a pure JavaScript port): matching takes time linear in the
// input whatever the expression, where a backtracking RegExp can take exponential time
// (`^(a|a)*$` doubled its time with each character of a front-matter value).
import Ajv, { type CodeOptions } from 'ajv';
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

/** An Ajv for a schema the workspace supplies: its patterns run in linear time. */
export function workspaceAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false, code: { regExp: linearRegExp } });
}

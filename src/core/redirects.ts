import { RE2JS } from 're2js';

/**
 * One redirect: `from` is a route or an express-style pattern (`/quickstart/:platform`):
 * `:name` stands for one or more characters other than `/`, `/:name?` for an optional
 * segment, `*` for any characters; everything else is literal.
 */
export interface Redirect {
  readonly from: string | readonly string[];
  readonly to: string;
}

interface CompiledRedirect {
  readonly pattern: RE2JS | undefined;
  readonly exact: string | undefined;
  readonly to: string;
}

/** Looks routes up in a redirects list, following chains and stopping on cycles. */
export class Redirects {
  private readonly exact = new Map<string, string>();
  private readonly patterns: CompiledRedirect[] = [];

  constructor(entries: readonly Redirect[], normalize: (r: string) => string) {
    for (const entry of entries) {
      const froms = typeof entry.from === 'string' ? [entry.from] : entry.from;
      for (const from of froms) {
        if (PATTERN_TOKEN_PROBE.test(from)) this.patterns.push({ pattern: compileRedirectPattern(from), exact: undefined, to: entry.to });
        else this.exact.set(normalize(from), entry.to);
      }
    }
    this.normalize = normalize;
  }

  private readonly normalize: (r: string) => string;

  /** The chain of routes `route` redirects through (excluding itself); empty when none applies. */
  follow(route: string, maxHops = 20): readonly string[] {
    // Most routes have no redirect: no chain or set is built for them.
    const first = maxHops > 0 ? this.lookup(route) : undefined;
    if (first === undefined || first === route) return NO_HOPS;
    const chain: string[] = [];
    const seen = new Set([route]);
    let current = route;
    for (let hop = 0; hop < maxHops; hop++) {
      const next = hop === 0 ? first : this.lookup(current);
      if (next === undefined || seen.has(next)) break;
      chain.push(next);
      seen.add(next);
      current = next;
    }
    return chain;
  }

  private lookup(route: string): string | undefined {
    const hit = this.exact.get(route);
    if (hit !== undefined) return this.normalize(hit.split('#')[0] ?? hit);
    for (const p of this.patterns) {
      if (p.pattern?.testExact(route)) return this.normalize(p.to.replace(/\/:[^/]+\??/g, ''));
    }
    return undefined;
  }
}

const NO_HOPS: readonly string[] = Object.freeze([]);

// `/:name?` (optional segment), `:name`, `*`.
const PATTERN_TOKEN = /\/:([A-Za-z0-9_]+)\?|:([A-Za-z0-9_]+)|\*/g;
const PATTERN_TOKEN_PROBE = /:[A-Za-z0-9_]|\*/;

/**
 * A `from` pattern as an RE2 expression: RE2 matches in time linear in the route whatever the
 * pattern, so a redirects file cannot make a lookup slow (`/:a:b:c:d:e:f:g:h!` took 146 ms
 * per lookup as a backtracking RegExp). Everything but the tokens is quoted.
 */
export function compileRedirectPattern(from: string): RE2JS | undefined {
  let source = '';
  let last = 0;
  for (const m of from.matchAll(PATTERN_TOKEN)) {
    source += RE2JS.quote(from.slice(last, m.index));
    source += m[1] !== undefined ? '(?:/[^/]+)?' : m[2] !== undefined ? '[^/]+' : '.*';
    last = m.index + m[0].length;
  }
  source += RE2JS.quote(from.slice(last));
  try {
    return RE2JS.compile(`${source}/?`);
  } catch {
    return undefined;
  }
}

/** One redirect: `from` is a route or an express-style pattern (`/quickstart/:platform`). */
export interface Redirect {
  readonly from: string | readonly string[];
  readonly to: string;
}

interface CompiledRedirect {
  readonly pattern: RegExp | undefined;
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
        if (/[:*(]/.test(from)) this.patterns.push({ pattern: compile(from), exact: undefined, to: entry.to });
        else this.exact.set(normalize(from), entry.to);
      }
    }
    this.normalize = normalize;
  }

  private readonly normalize: (r: string) => string;

  /** The chain of routes `route` redirects through (excluding itself); empty when none applies. */
  follow(route: string, maxHops = 20): string[] {
    const chain: string[] = [];
    const seen = new Set([route]);
    let current = route;
    for (let hop = 0; hop < maxHops; hop++) {
      const next = this.lookup(current);
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
      if (p.pattern?.test(route)) return this.normalize(p.to.replace(/\/:[^/]+\??/g, ''));
    }
    return undefined;
  }
}

function compile(from: string): RegExp | undefined {
  try {
    const source = from
      .replace(/[.+^${}|[\]\\]/g, '\\$&')
      .replace(/\/:([A-Za-z0-9_]+)\?/g, '(?:/[^/]+)?')
      .replace(/:([A-Za-z0-9_]+)/g, '[^/]+')
      .replace(/\*/g, '.*');
    return new RegExp(`^${source}/?$`);
  } catch {
    return undefined;
  }
}

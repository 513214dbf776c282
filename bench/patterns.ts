// Runaway patterns from the workspace, before and after: a redirect `from` with eight
// parameters in one segment, a front-matter JSON Schema `pattern` of `^(a|a)*$` and an
// `ignore` glob with ten stars in one segment, each on
// hostile inputs of growing size. "before" is the backtracking RegExp these used to compile
// to (kept here as the baseline); "after" is what the product runs now (RE2, via re2js).
// Not part of `npm test`:  node --import tsx bench/patterns.ts
import Ajv from 'ajv';
import picomatch from 'picomatch';
import { Redirects } from '../src/core/redirects';
import { compileGlob, workspaceAjv } from '../src/core/linearRegExp';

/** The redirect pattern compiler the product used before: a backtracking RegExp. */
function legacyRedirectPattern(from: string): RegExp {
  const source = from
    .replace(/[.+^${}|[\]\\]/g, '\\$&')
    .replace(/\/:([A-Za-z0-9_]+)\?/g, '(?:/[^/]+)?')
    .replace(/:([A-Za-z0-9_]+)/g, '[^/]+')
    .replace(/\*/g, '.*');
  return new RegExp(`^${source}/?$`);
}

/** Median milliseconds of one call, over calls batched to at least 20 ms, or one call when slower. */
function time(op: () => void): number {
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed: number;
    do {
      op();
      calls++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    } while (elapsed < 20);
    samples.push(elapsed / calls);
    if (elapsed > 500) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? NaN;
}

function row(label: string, n: number, before: number | undefined, after: number): void {
  const b = before === undefined ? '—' : `${before.toFixed(4)} ms`;
  const ratio = before === undefined ? '' : `  ×${(before / after).toFixed(0)}`;
  console.log(`${label.padEnd(10)} n=${String(n).padStart(6)}  before ${b.padStart(14)}  after ${after.toFixed(4).padStart(9)} ms${ratio}`);
}

const FROM = '/:a:b:c:d:e:f:g:h!';
console.log(`Redirect from \`${FROM}\`, route "/" + "x"×n (no match): one lookup`);
const legacy = legacyRedirectPattern(FROM);
const redirects = new Redirects([{ from: FROM, to: '/x' }], (r) => r);
for (const n of [16, 24, 32, 40, 1000, 100_000]) {
  const route = '/' + 'x'.repeat(n);
  const before = n <= 40 ? time(() => legacy.test(route)) : undefined;
  row('redirect', n, before, time(() => redirects.follow(route)));
}

const schema = { type: 'object', properties: { title: { type: 'string', pattern: '^(a|a)*$' } } };
console.log('\nSchema pattern `^(a|a)*$`, value "a"×n + "!" (no match): one validation');
const legacyValidate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const validate = workspaceAjv().compile(schema);
for (const n of [16, 20, 22, 24, 1000, 100_000]) {
  const data = { title: 'a'.repeat(n) + '!' };
  const before = n <= 24 ? time(() => legacyValidate(data)) : undefined;
  row('schema', n, before, time(() => validate(data)));
}

const GLOB = '**/*a*a*a*a*a*a*a*a*a*a*b';
console.log(`\nIgnore glob \`${GLOB}\`, path "x/" + "a"×n (no match): one path`);
const legacyGlob = picomatch(GLOB, { dot: true });
const glob = compileGlob(GLOB);
if (typeof glob !== 'function') throw new Error(glob.error);
for (const n of [16, 20, 24, 28, 1000, 100_000]) {
  const path = 'x/' + 'a'.repeat(n);
  const before = n <= 28 ? time(() => legacyGlob(path)) : undefined;
  row('glob', n, before, time(() => glob(path)));
}

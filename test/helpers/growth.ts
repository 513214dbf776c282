/**
 * Input-size doubling for hostile patterns: how the cost of one operation grows when its
 * input doubles. Linear work roughly doubles (ratio ≈ 2); a backtracking blow-up multiplies it
 * by hundreds at once. Each size is timed as the least of several batches (the least is the
 * one least disturbed by other processes), each batch long enough for the clock.
 */
export interface Growth {
  /** Input size → least time of one operation, in milliseconds. */
  readonly times: readonly (readonly [number, number])[];
  /** The largest ratio time(2n) / time(n) seen. */
  readonly worstRatio: number;
  /** The pair of sizes where it was seen. */
  readonly worstAt: readonly [number, number];
  /**
   * The exponent k of time ∝ nᵏ, fitted (least squares on log-log) over every size whose time is at
   * least the floor: about 1 for linear work, 2 for quadratic, far more for a backtracking blow-up.
   * One noisy pair moves a single ratio a lot but the fit over ten doublings little.
   */
  readonly exponent: number;
  /** True when measuring stopped at a blow-up (a doubling that multiplied the time by more than `stopAbove`). */
  readonly blewUp: boolean;
}

/** Least-squares slope of log(time) on log(n). */
function fittedExponent(points: readonly (readonly [number, number])[]): number {
  if (points.length < 2) return 0;
  const xs = points.map(([n]) => Math.log2(n));
  const ys = points.map(([, t]) => Math.log2(t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Least time of one `op()`, in milliseconds; stops early once a single call exceeds `budgetMs`. */
function leastTime(op: () => void, budgetMs: number): number {
  let least = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed: number;
    do {
      op();
      calls++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    } while (elapsed < 2);
    least = Math.min(least, elapsed / calls);
    if (elapsed > budgetMs) break;
  }
  return least;
}

/**
 * Times `make(n)`'s operation for n = `from`, 2·from, … up to `to`, and reports the worst
 * doubling ratio among the pairs whose larger time is at least `floorMs` (below it, a few
 * microseconds of cache or clock noise swing the ratio). A pair whose ratio reaches `limit`
 * is timed again, up to three times, keeping each size's least time: another process's
 * burst does not repeat, a blow-up does. Stops once a ratio stays above `stopAbove` (a
 * blow-up would take hours at the next size).
 */
export function measureGrowth(make: (n: number) => () => void, from: number, to: number, limit = 3, stopAbove = 8, floorMs = 0.05): Growth {
  const times: [number, number][] = [];
  const ops: (() => void)[] = [];
  let worstRatio = 0;
  let worstAt: [number, number] = [from, from];
  let blewUp = false;
  for (let n = from; n <= to; n *= 2) {
    const op = make(n);
    op(); // compile and warm up outside the clock
    ops.push(op);
    times.push([n, leastTime(op, 1000)]);
    const i = times.length - 1;
    const current = times[i];
    const previous = times[i - 1];
    const previousOp = ops[i - 1];
    if (!current || !previous || !previousOp) continue;
    for (let attempt = 0; attempt < 3 && current[1] >= floorMs && current[1] / previous[1] >= limit && current[1] < 1000; attempt++) {
      previous[1] = Math.min(previous[1], leastTime(previousOp, 1000));
      current[1] = Math.min(current[1], leastTime(op, 1000));
    }
    if (current[1] < floorMs) continue;
    const ratio = current[1] / previous[1];
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstAt = [previous[0], n];
    }
    if (ratio > stopAbove) {
      blewUp = true;
      break;
    }
  }
  const measurable = times.filter(([, t]) => t >= floorMs);
  return { times, worstRatio, worstAt, exponent: fittedExponent(measurable.length >= 2 ? measurable : times), blewUp };
}

/** One line for an assertion message. */
export function describeGrowth(g: Growth): string {
  return `${g.blewUp ? 'blew up; ' : ''}fitted exponent ${g.exponent.toFixed(2)}; worst ratio ${g.worstRatio.toFixed(2)} from n=${g.worstAt[0]} to n=${g.worstAt[1]}; ${g.times.map(([n, t]) => `${n}: ${t.toFixed(4)} ms`).join(', ')}`;
}

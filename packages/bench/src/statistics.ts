/** Summary statistics of the benchmark's samples. Pure functions; they never block. */

/** The middle value of `values` (mean of the two middle ones for an even count). */
export function median(values: ArrayLike<number>): number {
  const sorted = sortedCopy(values, 'median');
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The nearest-rank percentile: the smallest sample such that at least `fraction` of the samples
 * are less than or equal to it (`fraction` 0.99 gives p99). `fraction` 0 gives the minimum.
 * Throws `RangeError` for an empty sample or a fraction outside [0, 1].
 */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`percentile fraction must be within [0, 1], got ${fraction}`);
  }
  const sorted = sortedCopy(values, 'percentile');
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

/** The latency figures the benchmark reports, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** p50, p99, maximum and mean of latency samples (ms). Throws `RangeError` when empty. */
export function summarizeLatencies(samples: ArrayLike<number>): LatencySummary {
  const sorted = sortedCopy(samples, 'summarizeLatencies');
  let total = 0;
  for (const sample of sorted) total += sample;
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    mean: total / sorted.length,
  };
}

/** Operations per second for `count` operations that took `elapsedMs` in all. */
export function ratePerSecond(count: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) throw new RangeError(`elapsed time must be positive, got ${elapsedMs}`);
  return (count * 1000) / elapsedMs;
}

function sortedCopy(values: ArrayLike<number>, caller: string): Float64Array {
  if (values.length === 0) throw new RangeError(`${caller} of an empty sample`);
  return Float64Array.from(values).sort();
}

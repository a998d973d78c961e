/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * ⌈p·n⌉ (1-based), so it is always one of the values and "85% of tickets took at most this" holds
 * exactly. Example: of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p50 is 5 (rank 5), p85 is 9 (rank ⌈8.5⌉ = 9),
 * p95 is 10 (rank ⌈9.5⌉ = 10).
 */

/** The nearest-rank percentile of values already sorted ascending; null for none. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const fraction = Number.isNaN(p) ? 1 : Math.min(1, Math.max(0, p));
  // A tiny tolerance: 0.85 * 20 is 17.000000000000004 in floating point, and rank 17 is meant.
  const rank = Math.min(n, Math.max(1, Math.ceil(fraction * n - 1e-9)));
  return sorted[rank - 1] ?? null;
}

export interface Spread {
  count: number;
  p50: number | null;
  p85: number | null;
  p95: number | null;
}

export const EMPTY_SPREAD: Spread = { count: 0, p50: null, p85: null, p95: null };

/** p50, p85 and p95 of the values (sorted once, in a typed array: no boxing for 50,000 numbers). */
export function spread(values: readonly number[] | Float64Array): Spread {
  const sorted = Float64Array.from(values).sort();
  return spreadOfSorted(sorted);
}

export function spreadOfSorted(sorted: ArrayLike<number>): Spread {
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 0.5),
    p85: percentileOfSorted(sorted, 0.85),
    p95: percentileOfSorted(sorted, 0.95),
  };
}

/** Share (0..1) of the values at or below `limit`; null for none. */
export function shareAtOrBelow(values: readonly number[], limit: number): number | null {
  if (values.length === 0) return null;
  let within = 0;
  for (const v of values) if (v <= limit) within++;
  return within / values.length;
}

/**
 * How often a board may be polled, from what the PSA says about its load. Autotask allows 10,000
 * requests an hour per database, shared by every integration of the MSP, and slows its answers down
 * before it suspends an integration: Pullboard slows down first.
 */
export interface PsaLoad {
  /** Moving average of answer times (ms), or null before any answer. */
  latencyMs: number | null;
  /** This adapter's requests in the last hour. */
  lastHour: number;
}

/** While someone looks at a board or a dock: at most one poll per this many ms. */
export const FAST_POLL_GAP_MS = 5_000;
/** One tech's fair share of a shared hourly budget (Autotask: 10,000 for the whole MSP). */
export const HOURLY_SHARE = 600;

export function pollGapMs(load: PsaLoad | null): number {
  if (!load) return FAST_POLL_GAP_MS;
  const latency = load.latencyMs ?? 0;
  // Answers this slow mean the PSA is throttling (Autotask past its threshold): back right off.
  if (latency >= 5_000) return 5 * 60_000;
  if (latency >= 1_500) return 60_000;
  // Spending more than a tech's share of the hour: spread what is left over the rest of it.
  if (load.lastHour >= HOURLY_SHARE) return 5 * 60_000;
  if (load.lastHour >= HOURLY_SHARE / 2) return 30_000;
  return FAST_POLL_GAP_MS;
}

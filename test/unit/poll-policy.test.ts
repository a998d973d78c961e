import { describe, expect, it } from 'vitest';
import { FAST_POLL_GAP_MS, pollGapMs } from '../../utils/sync/poll-policy';

describe('polling slows down before the PSA does', () => {
  it.each([
    [null, FAST_POLL_GAP_MS],
    [{ latencyMs: null, lastHour: 0 }, FAST_POLL_GAP_MS],
    [{ latencyMs: 200, lastHour: 120 }, FAST_POLL_GAP_MS],
    [{ latencyMs: 200, lastHour: 300 }, 30_000],
    [{ latencyMs: 200, lastHour: 600 }, 300_000],
    [{ latencyMs: 1_600, lastHour: 10 }, 60_000],
    [{ latencyMs: 6_000, lastHour: 10 }, 300_000],
  ])('%j → %d ms', (load, gap) => {
    expect(pollGapMs(load)).toBe(gap);
  });
});

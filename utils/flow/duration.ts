/** Durations as a tech reads them on a card: "43 min", "3 h", "2 d". */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * One unit, rounded down, so "due in 59 min" never promises time that is not there.
 * The sign is dropped: callers say "ago" or "in". Under a minute reads "<1 min".
 */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (!Number.isFinite(abs)) return '?';
  if (abs < MINUTE_MS) return '<1 min';
  if (abs < HOUR_MS) return `${Math.floor(abs / MINUTE_MS)} min`;
  if (abs < DAY_MS) return `${Math.floor(abs / HOUR_MS)} h`;
  return `${Math.floor(abs / DAY_MS)} d`;
}

/** A PSA timestamp in ms, or null when it is missing or not a date (never NaN downstream). */
export function parseTime(iso: string | null | undefined): number | null {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

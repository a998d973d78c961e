/**
 * Days and weeks in the user's time zone, given as an offset from UTC in minutes (the page passes
 * `-new Date().getTimezoneOffset()`), so the functions stay pure and tests choose their zone.
 * A day index counts local days since 1970-01-01; weeks start on Monday.
 */
import { DAY_MS, MINUTE_MS } from '../duration';

export function dayIndex(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * MINUTE_MS) / DAY_MS);
}

/** The instant the local day `index` starts. */
export function dayStart(index: number, offsetMinutes: number): number {
  return index * DAY_MS - offsetMinutes * MINUTE_MS;
}

/** The Monday (as a day index) of the week holding day `index`. 1970-01-01 was a Thursday. */
export function weekOfDay(index: number): number {
  return index - ((index + 3) % 7 + 7) % 7;
}

/** `2026-11-25` for a day index (the local date it stands for). */
export function dayLabel(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** From a timer's time to the time entry a PSA receives: rounding as the MSP bills it. */
import type { NewTimeEntry } from '../psa/psa';
import type { TicketTimer } from './timer';

export interface RoundingPolicy {
  /** Round up to this many minutes (1 = none; 6 and 15 are what MSPs bill in). */
  incrementMinutes: number;
  /** Never log less than this (minutes), once there is anything to log. */
  minimumMinutes: number;
}

/** Less than this much real time is a timer started by mistake, not work to log. */
export const NOTHING_TO_LOG_MS = 60_000;

export function roundedHours(ms: number, policy: RoundingPolicy): number {
  const minutes = Math.max(ms / 60_000, policy.minimumMinutes);
  const increment = Math.max(1, policy.incrementMinutes);
  const rounded = Math.ceil(minutes / increment - 1e-9) * increment;
  return Math.round((rounded / 60) * 100) / 100;
}

/** The time entry for a timer's unlogged segments, or null when there is nothing worth logging. */
export function timeEntryFor(timer: TicketTimer, memberId: string, policy: RoundingPolicy, defaultNote: string): NewTimeEntry | null {
  const closed = timer.segments.filter((s) => s.end !== null) as { start: number; end: number }[];
  const total = closed.reduce((sum, s) => sum + (s.end - s.start), 0);
  if (closed.length === 0 || total < NOTHING_TO_LOG_MS) return null;
  const start = Math.min(...closed.map((s) => s.start));
  const end = Math.max(...closed.map((s) => s.end));
  return {
    ticketId: timer.ticketId,
    memberId,
    // Whole seconds: PSAs store time to the second, and the outbox finds the entry again by its start.
    start: new Date(Math.floor(start / 1000) * 1000).toISOString(),
    end: new Date(Math.floor(end / 1000) * 1000).toISOString(),
    hours: roundedHours(total, policy),
    notes: timer.note?.trim() || defaultNote,
  };
}

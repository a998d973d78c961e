/**
 * Calibrated SLAs: per priority, what the team actually delivers (the 85th percentile of resolution
 * and first-response times over the last 90 days) beside what the SLA promises, how often the promise
 * was missed, and a suggested internal target — the p85, rounded up to a whole hour (or 15 minutes
 * under two hours) — so the contractual SLA and the internal target are two separate numbers.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../duration';
import type { ClosedTicket } from './history';
import { percentileOfSorted } from './percentiles';
import { resolutionMet, responseMet } from './sla-performance';

export const CALIBRATION_WINDOW_MS = 90 * DAY_MS;
export const CALIBRATION_PERCENTILE = 0.85;

export interface CalibratedTarget {
  /** Tickets with a measured time. */
  count: number;
  /** The p85 of measured times (ms), null without any. */
  p85: number | null;
  /** The SLA's own target (median of due − created among tickets that had one), null when none had one. */
  promisedMs: number | null;
  /** Tickets that had a target, and how many missed it. */
  withTarget: number;
  missed: number;
  suggestedMs: number | null;
  /** The tickets behind the numbers: measured (the p85's sample) and missed. */
  ticketIds: string[];
  missedIds: string[];
}

export interface CalibratedPriority {
  priorityId: string;
  priorityName: string;
  rank: number;
  resolution: CalibratedTarget;
  response: CalibratedTarget;
}

/** Rounded up: an internal target is something the team can keep 85% of the time, never below the p85. */
export function suggestTarget(p85: number): number {
  const step = p85 < 2 * HOUR_MS ? 15 * MINUTE_MS : HOUR_MS;
  return Math.max(step, Math.ceil(p85 / step) * step);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return percentileOfSorted(values, 0.5);
}

function calibrate(
  tickets: readonly ClosedTicket[],
  measured: (t: ClosedTicket) => number | null,
  due: (t: ClosedTicket) => number | null,
  met: (t: ClosedTicket) => boolean | null,
): CalibratedTarget {
  const times: number[] = [];
  const promised: number[] = [];
  const ticketIds: string[] = [];
  const missedIds: string[] = [];
  let withTarget = 0;
  for (const t of tickets) {
    const ms = measured(t);
    if (ms !== null && ms >= 0) {
      times.push(ms);
      ticketIds.push(t.id);
    }
    const dueAt = due(t);
    if (dueAt !== null) promised.push(dueAt - t.created);
    const outcome = met(t);
    if (outcome !== null) {
      withTarget++;
      if (!outcome) missedIds.push(t.id);
    }
  }
  const sorted = Float64Array.from(times).sort();
  const p85 = percentileOfSorted(sorted, CALIBRATION_PERCENTILE);
  return { count: times.length, p85, promisedMs: median(promised), withTarget, missed: missedIds.length, suggestedMs: p85 === null ? null : suggestTarget(p85), ticketIds, missedIds };
}

/** Per priority (PSA order), over tickets closed in the window ending at `now`. */
export function calibratedSlas(tickets: readonly ClosedTicket[], now: number, windowMs = CALIBRATION_WINDOW_MS): CalibratedPriority[] {
  const groups = new Map<string, { name: string; rank: number; tickets: ClosedTicket[] }>();
  for (const t of tickets) {
    if (t.closedAt < now - windowMs || t.closedAt > now || t.priority === null) continue;
    let g = groups.get(t.priority.id);
    if (!g) groups.set(t.priority.id, (g = { name: t.priority.name, rank: t.priority.rank, tickets: [] }));
    g.tickets.push(t);
  }
  return [...groups.entries()]
    .sort((a, b) => a[1].rank - b[1].rank)
    .map(([priorityId, g]) => ({
      priorityId,
      priorityName: g.name,
      rank: g.rank,
      resolution: calibrate(g.tickets, (t) => t.closedAt - t.created, (t) => t.resolveBy, resolutionMet),
      response: calibrate(g.tickets, (t) => (t.respondedAt === null ? null : t.respondedAt - t.created), (t) => t.respondBy, responseMet),
    }));
}

/** "9 h", "45 min", "3 d": rounded up, since "within" must hold. */
export function formatWithin(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.ceil(ms / MINUTE_MS))} min`;
  if (ms < 2 * DAY_MS) return `${Math.ceil(ms / HOUR_MS)} h`;
  return `${Math.ceil(ms / DAY_MS)} d`;
}

/** The sentence the page shows for one priority, in the PSA's priority name. */
export function calibrationSentence(row: CalibratedPriority, windowDays = 90): string {
  const { resolution } = row;
  if (resolution.p85 === null) return `No ${row.priorityName} tickets closed in the last ${windowDays} days: nothing to calibrate yet.`;
  const parts = [`85% of ${row.priorityName} tickets are resolved within ${formatWithin(resolution.p85)}`];
  if (resolution.promisedMs !== null) parts.push(`your SLA promises ${formatWithin(resolution.promisedMs)}`);
  else parts.push('they have no resolution SLA');
  if (resolution.withTarget > 0) parts.push(`${Math.round((100 * resolution.missed) / resolution.withTarget)}% missed it in the last ${windowDays} days`);
  return parts.join('; ');
}

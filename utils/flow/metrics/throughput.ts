/** Throughput (closed per day and per week) and arrivals against departures per day. */
import { dayIndex, weekOfDay } from './calendar';
import type { ClosedTicket, OpenTicket } from './history';

export interface DayCount {
  /** Local day index (utils/flow/metrics/calendar). */
  day: number;
  count: number;
}

/** Every day from `firstDay` to `lastDay` inclusive, zero where nothing closed: a forecast needs the quiet days too. */
export function throughputPerDay(tickets: readonly ClosedTicket[], firstDay: number, lastDay: number, offsetMinutes: number): DayCount[] {
  const counts = new Int32Array(Math.max(0, lastDay - firstDay + 1));
  for (const t of tickets) {
    const d = dayIndex(t.closedAt, offsetMinutes) - firstDay;
    if (d >= 0 && d < counts.length) counts[d]!++;
  }
  return Array.from(counts, (count, i) => ({ day: firstDay + i, count }));
}

export interface WeekCount {
  /** The Monday's day index. */
  week: number;
  count: number;
}

export function throughputPerWeek(perDay: readonly DayCount[]): WeekCount[] {
  const weeks = new Map<number, number>();
  for (const { day, count } of perDay) {
    const week = weekOfDay(day);
    weeks.set(week, (weeks.get(week) ?? 0) + count);
  }
  return [...weeks.entries()].sort((a, b) => a[0] - b[0]).map(([week, count]) => ({ week, count }));
}

export interface FlowDay {
  day: number;
  arrivals: number;
  departures: number;
}

/** Arrivals: tickets created that day (closed since, or open now); departures: tickets closed that day. */
export function arrivalsAndDepartures(
  closed: readonly ClosedTicket[],
  open: readonly Pick<OpenTicket, 'created'>[],
  firstDay: number,
  lastDay: number,
  offsetMinutes: number,
): FlowDay[] {
  const size = Math.max(0, lastDay - firstDay + 1);
  const arrivals = new Int32Array(size);
  const departures = new Int32Array(size);
  const arrive = (ms: number) => {
    const d = dayIndex(ms, offsetMinutes) - firstDay;
    if (d >= 0 && d < size) arrivals[d]!++;
  };
  for (const t of closed) {
    arrive(t.created);
    const d = dayIndex(t.closedAt, offsetMinutes) - firstDay;
    if (d >= 0 && d < size) departures[d]!++;
  }
  for (const t of open) arrive(t.created);
  return Array.from(arrivals, (count, i) => ({ day: firstDay + i, arrivals: count, departures: departures[i]! }));
}

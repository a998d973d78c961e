/**
 * SLA performance of closed tickets: the share of response and resolution targets met, per priority and
 * per workflow, with a weekly trend; and time to first response.
 *
 * A response target is met when the first response came at or before it; a ticket closed without a
 * recorded response responded when it closed. A resolution target is met when the ticket closed at or
 * before it. Tickets without a target do not count for it.
 */
import { dayIndex, weekOfDay } from './calendar';
import { workflowKey, type ClosedTicket } from './history';
import { spread, type Spread } from './percentiles';

export interface MetCount {
  met: number;
  total: number;
}

export function responseMet(t: ClosedTicket): boolean | null {
  if (t.respondBy === null) return null;
  return (t.respondedAt ?? t.closedAt) <= t.respondBy;
}

export function resolutionMet(t: ClosedTicket): boolean | null {
  if (t.resolveBy === null) return null;
  return t.closedAt <= t.resolveBy;
}

function add(count: MetCount, outcome: boolean | null): void {
  if (outcome === null) return;
  count.total++;
  if (outcome) count.met++;
}

export interface SlaGroup {
  key: string;
  label: string;
  response: MetCount;
  resolution: MetCount;
}

export interface SlaWeek {
  /** Monday's day index. */
  week: number;
  response: MetCount;
  resolution: MetCount;
  /** Priority id → resolution targets met that week. */
  byPriority: Record<string, MetCount>;
}

export interface SlaPerformance {
  overall: { response: MetCount; resolution: MetCount };
  byPriority: SlaGroup[];
  byWorkflow: SlaGroup[];
  weekly: SlaWeek[];
}

export function slaPerformance(tickets: readonly ClosedTicket[], offsetMinutes: number): SlaPerformance {
  const overall = { response: { met: 0, total: 0 }, resolution: { met: 0, total: 0 } };
  const priorities = new Map<string, SlaGroup & { rank: number }>();
  const workflows = new Map<string, SlaGroup>();
  const weeks = new Map<number, SlaWeek>();
  for (const t of tickets) {
    const response = responseMet(t);
    const resolution = resolutionMet(t);
    if (response === null && resolution === null) continue;
    add(overall.response, response);
    add(overall.resolution, resolution);
    const pKey = t.priority?.id ?? '';
    let p = priorities.get(pKey);
    if (!p) priorities.set(pKey, (p = { key: pKey, label: t.priority?.name ?? '(no priority)', rank: t.priority?.rank ?? Number.MAX_SAFE_INTEGER, response: { met: 0, total: 0 }, resolution: { met: 0, total: 0 } }));
    add(p.response, response);
    add(p.resolution, resolution);
    const wKey = workflowKey(t);
    let w = workflows.get(wKey);
    if (!w) workflows.set(wKey, (w = { key: wKey, label: wKey, response: { met: 0, total: 0 }, resolution: { met: 0, total: 0 } }));
    add(w.response, response);
    add(w.resolution, resolution);
    const week = weekOfDay(dayIndex(t.closedAt, offsetMinutes));
    let wk = weeks.get(week);
    if (!wk) weeks.set(week, (wk = { week, response: { met: 0, total: 0 }, resolution: { met: 0, total: 0 }, byPriority: {} }));
    add(wk.response, response);
    add(wk.resolution, resolution);
    add((wk.byPriority[pKey] ??= { met: 0, total: 0 }), resolution);
  }
  return {
    overall,
    byPriority: [...priorities.values()].sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...group }) => group),
    byWorkflow: [...workflows.values()].sort((a, b) => a.label.localeCompare(b.label)),
    weekly: [...weeks.values()].sort((a, b) => a.week - b.week),
  };
}

/** Met share in 0..1, or null when nothing had a target. */
export function metShare(count: MetCount): number | null {
  return count.total === 0 ? null : count.met / count.total;
}

export interface FirstResponse {
  overall: Spread;
  byPriority: ({ key: string; label: string } & Spread)[];
}

/** Time from creation to first response, of tickets whose response the PSA recorded. */
export function timeToFirstResponse(tickets: readonly ClosedTicket[]): FirstResponse {
  const all: number[] = [];
  const groups = new Map<string, { label: string; rank: number; values: number[] }>();
  for (const t of tickets) {
    if (t.respondedAt === null || t.respondedAt < t.created) continue;
    const ms = t.respondedAt - t.created;
    all.push(ms);
    const key = t.priority?.id ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label: t.priority?.name ?? '(no priority)', rank: t.priority?.rank ?? Number.MAX_SAFE_INTEGER, values: [] }));
    g.values.push(ms);
  }
  return {
    overall: spread(all),
    byPriority: [...groups.entries()].sort((a, b) => a[1].rank - b[1].rank).map(([key, g]) => ({ key, label: g.label, ...spread(g.values) })),
  };
}

/**
 * Lead time (created → closed) and cycle time (first entry into an in-progress column → closed) of
 * closed tickets, with p50/p85/p95 overall and per priority, workflow and tech.
 */
import type { StatusTransition } from '../aging';
import type { ColumnDef } from '../columns';
import { workflowKey, type ClosedTicket } from './history';
import { spread, type Spread } from './percentiles';

export interface TicketDuration {
  id: string;
  closedAt: number;
  ms: number;
}

export function leadTimes(tickets: readonly ClosedTicket[]): TicketDuration[] {
  const out: TicketDuration[] = [];
  for (const t of tickets) if (t.closedAt >= t.created) out.push({ id: t.id, closedAt: t.closedAt, ms: t.closedAt - t.created });
  return out;
}

/** Status id → whether it belongs to an in-progress ('doing') column. */
export function doingStatuses(columns: readonly ColumnDef[]): Set<string> {
  return new Set(columns.filter((c) => c.role === 'doing').flatMap((c) => c.statusIds));
}

/** Each ticket's first move into an in-progress status, from the log (any order). */
export function firstInProgressAt(transitions: readonly StatusTransition[], doing: ReadonlySet<string>): Map<string, number> {
  const first = new Map<string, number>();
  for (const t of transitions) {
    if (!doing.has(t.toStatusId)) continue;
    const seen = first.get(t.ticketId);
    if (seen === undefined || t.at < seen) first.set(t.ticketId, t.at);
  }
  return first;
}

/**
 * Cycle times of the tickets the log saw start: a ticket closed without a logged move into progress
 * (closed before Pullboard watched, or straight from new to closed) has none, and is not guessed.
 */
export function cycleTimes(tickets: readonly ClosedTicket[], started: ReadonlyMap<string, number>): TicketDuration[] {
  const out: TicketDuration[] = [];
  for (const t of tickets) {
    const at = started.get(t.id);
    if (at !== undefined && at <= t.closedAt) out.push({ id: t.id, closedAt: t.closedAt, ms: t.closedAt - at });
  }
  return out;
}

export interface GroupSpread extends Spread {
  key: string;
  label: string;
}

export type Grouping = 'priority' | 'workflow' | 'tech';

function groupOf(ticket: ClosedTicket, by: Grouping): { key: string; label: string; order: number } {
  switch (by) {
    case 'priority':
      return ticket.priority
        ? { key: ticket.priority.id, label: ticket.priority.name, order: ticket.priority.rank }
        : { key: '', label: '(no priority)', order: Number.MAX_SAFE_INTEGER };
    case 'workflow': {
      const key = workflowKey(ticket);
      return { key, label: key, order: ticket.type === null ? 1 : 0 };
    }
    case 'tech':
      return ticket.assignee ? { key: ticket.assignee.id, label: ticket.assignee.name, order: 0 } : { key: '', label: '(unassigned)', order: 1 };
  }
}

/**
 * Spreads per group, of the durations given (lead or cycle times of `tickets`). Priorities come in
 * their PSA order; workflows and techs by label, the untyped and unassigned last.
 */
export function spreadBy(tickets: readonly ClosedTicket[] | ReadonlyMap<string, ClosedTicket>, durations: readonly TicketDuration[], by: Grouping): GroupSpread[] {
  const byId = ticketsById(tickets);
  const groups = new Map<string, { label: string; order: number; values: number[] }>();
  for (const d of durations) {
    const ticket = byId.get(d.id);
    if (!ticket) continue;
    const { key, label, order } = groupOf(ticket, by);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { label, order, values: [] }));
    group.values.push(d.ms);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, order: g.order, ...spread(g.values) }))
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
    .map(({ order: _order, ...rest }) => rest);
}

/** Tickets by id; a map passed in is used as it is (build it once for several groupings). */
export function ticketsById(tickets: readonly ClosedTicket[] | ReadonlyMap<string, ClosedTicket>): ReadonlyMap<string, ClosedTicket> {
  if (!Array.isArray(tickets)) return tickets as ReadonlyMap<string, ClosedTicket>;
  const byId = new Map<string, ClosedTicket>();
  for (const t of tickets as readonly ClosedTicket[]) byId.set(t.id, t);
  return byId;
}

export function durationSpread(durations: readonly TicketDuration[]): Spread {
  return spread(durations.map((d) => d.ms));
}

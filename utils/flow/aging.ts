/**
 * Aging: how long a ticket has sat where it is, against how long the team's own tickets
 * measurably stay there (the 85th percentile of completed stays), not against a wish.
 */
import type { Ticket } from '../psa/model';
import { columnOfStatus, type ColumnDef } from './columns';
import { DAY_MS, parseTime } from './duration';

/** One status change seen by sync. The store's transitions log records fit this shape. */
export interface StatusTransition {
  ticketId: string;
  fromStatusId: string | null;
  toStatusId: string;
  /** ms since epoch */
  at: number;
}

/** Each ticket's transitions, oldest first (log order among equal times). */
export function groupTransitionsByTicket(transitions: readonly StatusTransition[]): Map<string, StatusTransition[]> {
  const byTicket = new Map<string, StatusTransition[]>();
  for (const transition of transitions) {
    const list = byTicket.get(transition.ticketId);
    if (list === undefined) byTicket.set(transition.ticketId, [transition]);
    else list.push(transition);
  }
  for (const list of byTicket.values()) list.sort((a, b) => a.at - b.at); // stable
  return byTicket;
}

function ticketTransitions(ticket: Ticket, transitions: readonly StatusTransition[]): StatusTransition[] {
  return transitions.filter((t) => t.ticketId === ticket.id).sort((a, b) => a.at - b.at);
}

/**
 * When we cannot tell from the log, the ticket's last update: it is never earlier than the
 * status change, so a ticket is never called stale on a guess. Created if updated is unreadable.
 */
function fallbackEnteredAt(ticket: Ticket): number {
  return parseTime(ticket.updated) ?? parseTime(ticket.created) ?? 0;
}

/**
 * When the ticket entered its current status: the log's latest transition for it, if that led to
 * the status it is in now (otherwise the log missed a change and does not know). `transitions`
 * may be the whole log or only this ticket's.
 */
export function enteredCurrentStatusAt(ticket: Ticket, transitions: readonly StatusTransition[]): number {
  const own = ticketTransitions(ticket, transitions);
  const latest = own[own.length - 1];
  return latest !== undefined && latest.toStatusId === ticket.status.id ? latest.at : fallbackEnteredAt(ticket);
}

/**
 * When the ticket entered its current column: moves between statuses of one column (two waiting
 * statuses merged into a Waiting column) do not restart its age.
 */
export function enteredCurrentColumnAt(
  ticket: Ticket,
  transitions: readonly StatusTransition[],
  columns: readonly ColumnDef[],
): number {
  const own = ticketTransitions(ticket, transitions);
  const latest = own[own.length - 1];
  if (latest === undefined || latest.toStatusId !== ticket.status.id) return fallbackEnteredAt(ticket);
  const column = columnOfStatus(columns, ticket.status.id);
  if (column === null) return latest.at;
  let enteredAt = latest.at;
  for (let i = own.length - 2; i >= 0; i--) {
    const earlier = own[i];
    if (earlier === undefined || !column.statusIds.includes(earlier.toStatusId)) break;
    enteredAt = earlier.at;
  }
  return enteredAt;
}

/**
 * Nearest-rank percentile: the smallest value with at least `p` of the values at or below it
 * (rank ⌈p·n⌉ of the sorted values), so the result is always one of the values, never an
 * interpolation. `p` is a fraction (0.85), clamped to 0..1; p = 0 gives the smallest value.
 * Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const fraction = Number.isNaN(p) ? 1 : Math.min(1, Math.max(0, p));
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export interface AgingOptions {
  /** Default 0.85. */
  percentile?: number;
  /** Only stays that ended this recently count, so the threshold follows how the team works now. Default 90 days. */
  windowMs?: number;
  /** Fewer completed stays than this give no threshold (a percentile of three stays is noise). Default 5. */
  minStays?: number;
}

export const DEFAULT_AGING_OPTIONS: Required<AgingOptions> = { percentile: 0.85, windowMs: 90 * DAY_MS, minStays: 5 };

/**
 * Per column id: the team's `percentile` of time spent in that column, from stays that ended
 * (the ticket moved to another column) within the window; null when there are too few.
 * A stay spans consecutive statuses of the same column. The stay before a ticket's first logged
 * transition has no known start and is not counted.
 */
export function columnAgingThresholds(
  transitions: readonly StatusTransition[],
  columns: readonly ColumnDef[],
  now: number,
  options: AgingOptions = {},
): Map<string, number | null> {
  const { percentile: p, windowMs, minStays } = { ...DEFAULT_AGING_OPTIONS, ...options };
  const stays = new Map<string, number[]>(columns.map((c) => [c.id, []]));
  for (const list of groupTransitionsByTicket(transitions).values()) {
    let current: { columnId: string | null; since: number } | null = null;
    for (const transition of list) {
      const columnId = columnOfStatus(columns, transition.toStatusId)?.id ?? null;
      if (current !== null && current.columnId === columnId) continue;
      if (current?.columnId != null && transition.at >= now - windowMs) {
        stays.get(current.columnId)?.push(transition.at - current.since);
      }
      current = { columnId, since: transition.at };
    }
  }
  const thresholds = new Map<string, number | null>();
  for (const [columnId, durations] of stays) {
    thresholds.set(columnId, durations.length >= minStays ? percentile(durations, p) : null);
  }
  return thresholds;
}

export type AgingMarker = 'fresh' | 'aging' | 'stale';

/** From this share of the threshold on, a card is worth a look before it goes stale. */
export const DEFAULT_AGING_FRACTION = 0.7;

/**
 * Stale once older than the threshold (older than 85% of the team's completed stays), aging past
 * `agingFraction` of it; fresh without a threshold, since there is nothing honest to compare with.
 */
export function agingMarker(ageMs: number, thresholdMs: number | null, agingFraction = DEFAULT_AGING_FRACTION): AgingMarker {
  if (thresholdMs === null) return 'fresh';
  if (ageMs > thresholdMs) return 'stale';
  return ageMs > thresholdMs * agingFraction ? 'aging' : 'fresh';
}

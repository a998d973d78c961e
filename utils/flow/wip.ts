/**
 * WIP limits that mean something: at your limit you finish or help finish, you do not start more;
 * a full column with a hard limit refuses more work.
 */
import type { Ticket } from '../psa/model';
import type { ColumnDef, PlacedTickets } from './columns';
import { parseTime } from './duration';
import { compareIds } from './rank';
import { slaState } from './sla';

export const DEFAULT_PERSONAL_WIP_LIMIT = 2;
export const MIN_PERSONAL_WIP_LIMIT = 1;
export const MAX_PERSONAL_WIP_LIMIT = 5;

/** A personal limit between 1 and 5, whole; anything unusable means the default of 2. */
export function clampWipLimit(limit: number | null | undefined): number {
  if (limit == null || !Number.isFinite(limit)) return DEFAULT_PERSONAL_WIP_LIMIT;
  return Math.min(MAX_PERSONAL_WIP_LIMIT, Math.max(MIN_PERSONAL_WIP_LIMIT, Math.round(limit)));
}

export interface PersonalWip {
  count: number;
  tickets: Ticket[];
}

/**
 * Open tickets assigned to me in a doing status. Waiting tickets do not count: an MSP tech has
 * many tickets waiting on clients, and counting them would block every pull.
 */
export function personalWip(tickets: readonly Ticket[], meId: string, doingStatusIds: readonly string[]): PersonalWip {
  const doing = new Set(doingStatusIds);
  const mine = tickets.filter((t) => !t.closed && t.assignee?.id === meId && doing.has(t.status.id));
  return { count: mine.length, tickets: mine };
}

export type PullGate =
  | { allowed: true; limit: number }
  | { allowed: false; limit: number; reason: string; helpWith?: Ticket };

export interface PullGateInput {
  /** personalWip(...).count */
  wip: number;
  /** The tech's limit; clamped to 1..5, default 2. */
  limit?: number | null;
  /** What to offer instead when the gate is shut: mostAtRiskInProgress(...). */
  helpWith?: Ticket | null;
  /** The column Pull next would move the ticket into and how many tickets it holds now. */
  targetColumn?: { column: ColumnDef; count: number };
}

/** Whether Pull next may pull. When it may not, the reason says what to do instead. */
export function gatePull(input: PullGateInput): PullGate {
  const limit = clampWipLimit(input.limit);
  const help = input.helpWith ?? undefined;
  const shut = (reason: string): PullGate => ({
    allowed: false,
    limit,
    reason: help === undefined ? reason : `${reason} Or help finish ${help.number}.`,
    ...(help === undefined ? {} : { helpWith: help }),
  });
  if (input.wip >= limit) {
    return shut(`WIP ${input.wip}/${limit}: finish a ticket you have in progress before pulling another.`);
  }
  if (input.targetColumn !== undefined) {
    const move = canMoveInto(input.targetColumn.column, input.targetColumn.count);
    if (!move.ok) return shut(move.reason);
  }
  return { allowed: true, limit };
}

/**
 * The team's in-progress ticket most worth helping to finish: breached first, then the least SLA
 * time left, then the oldest. Only tickets someone else is working count: help finishing joins a
 * colleague, it does not take over an unowned ticket.
 */
export function mostAtRiskInProgress(
  tickets: readonly Ticket[],
  doingStatusIds: readonly string[],
  now: number,
  excludeAssigneeId: string,
): Ticket | null {
  const doing = new Set(doingStatusIds);
  const scored = tickets
    .filter((t) => !t.closed && doing.has(t.status.id) && t.assignee !== null && t.assignee.id !== excludeAssigneeId)
    .map((ticket) => {
      const sla = slaState(ticket, now);
      return { ticket, breached: sla.state === 'breached', dueAt: sla.dueAt, createdAt: parseTime(ticket.created) };
    });
  const last = Number.POSITIVE_INFINITY;
  scored.sort(
    (a, b) =>
      Number(b.breached) - Number(a.breached) ||
      (a.dueAt ?? last) - (b.dueAt ?? last) ||
      (a.createdAt ?? last) - (b.createdAt ?? last) ||
      compareIds(a.ticket.id, b.ticket.id),
  );
  return scored[0]?.ticket ?? null;
}

export type ColumnWipState = 'ok' | 'at' | 'over';

export interface ColumnWip {
  columnId: string;
  count: number;
  limit: number | null;
  hardLimit: boolean;
  /** 'at' the limit (amber), 'over' it (red); always 'ok' without a limit. */
  state: ColumnWipState;
}

export function columnWipState(count: number, limit: number | null): ColumnWipState {
  if (limit === null) return 'ok';
  if (count > limit) return 'over';
  return count === limit ? 'at' : 'ok';
}

/** Per column, in column order. */
export function columnWip(columns: readonly ColumnDef[], placed: PlacedTickets): ColumnWip[] {
  return columns.map((column) => {
    const count = placed.byColumn.get(column.id)?.length ?? 0;
    return {
      columnId: column.id,
      count,
      limit: column.wipLimit,
      hardLimit: column.hardLimit,
      state: columnWipState(count, column.wipLimit),
    };
  });
}

export type MoveCheck = { ok: true; warning?: string } | { ok: false; reason: string };

/**
 * Whether one more ticket may enter the column; `count` is how many it holds now, not counting
 * the ticket being moved. A soft limit lets it in with a warning.
 */
export function canMoveInto(column: ColumnDef, count: number): MoveCheck {
  const limit = column.wipLimit;
  if (limit === null || count < limit) return { ok: true };
  if (column.hardLimit) {
    return { ok: false, reason: `${column.name} is at its limit of ${limit}: finish or move a ticket out of it first.` };
  }
  return { ok: true, warning: `${column.name} will be over its limit of ${limit}.` };
}

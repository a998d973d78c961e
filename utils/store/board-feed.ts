/**
 * What a board view reads from the cache: the tickets, the PSA's statuses/priorities/members, the
 * board configuration, and the aging facts (when each ticket entered its column, the team's 85th
 * percentile per column) derived from the transitions log. Read whole once when a board opens, then
 * by ticket ids as changes arrive — a change never re-reads the whole cache.
 */
import type { Member, Priority, Status, Ticket } from '../psa/model';
import { columnAgingThresholds, enteredCurrentColumnAt, groupTransitionsByTicket, type ColumnDef, type StatusTransition } from '../flow';
import { openPullboardDb, type SyncState } from './db';
import { loadTicketsByIds, loadTransitions, ticketKey } from './tickets';
import { loadSyncState } from './sync-state';
import { boardById } from '../board-config/schema';
import { loadBoardConfigSet, type StoredBoardConfig } from './board-config';

/** The part of the sync state a board shows. */
export interface BoardSyncView {
  boardId: string | null;
  boardName: string | null;
  me: Member | null;
  statuses: Status[];
  priorities: Priority[];
  members: Member[];
  lastPollAt: number | null;
  lastError: string | null;
  rejectedCount: number;
  firstRejected: string | null;
}

export interface BoardAging {
  /** Ticket id → when it entered its current column (ms). */
  enteredAt: Record<string, number>;
  /** Column id → the team's 85th percentile stay (ms), null with too little history. */
  thresholds: Record<string, number | null>;
}

export interface BoardData extends BoardAging {
  sync: BoardSyncView | null;
  configs: StoredBoardConfig;
  /** The board of `configs` this data was read for. */
  boardId: string;
  tickets: Ticket[];
}

export interface BoardPatch {
  tickets: Ticket[];
  /** Ids asked for that the cache no longer holds. */
  removed: string[];
  enteredAt: Record<string, number>;
  sync: BoardSyncView | null;
}

export function boardSyncView(sync: SyncState | null): BoardSyncView | null {
  if (!sync) return null;
  return {
    boardId: sync.boardId,
    boardName: sync.boards.find((b) => b.id === sync.boardId)?.name ?? null,
    me: sync.me,
    statuses: sync.statuses,
    priorities: sync.priorities,
    members: sync.members,
    lastPollAt: sync.lastPollAt,
    lastError: sync.lastError?.message ?? null,
    rejectedCount: sync.rejected.length,
    firstRejected: sync.rejected[0]?.problem ?? null,
  };
}

/** Aging facts for these tickets from their transitions (the whole log, or only theirs for enteredAt). */
export function agingFacts(
  tickets: readonly Ticket[],
  transitions: readonly StatusTransition[],
  columns: readonly ColumnDef[],
  now: number,
): BoardAging {
  const byTicket = groupTransitionsByTicket(transitions);
  const enteredAt: Record<string, number> = {};
  for (const ticket of tickets) enteredAt[ticket.id] = enteredCurrentColumnAt(ticket, byTicket.get(ticket.id) ?? [], columns);
  return { enteredAt, thresholds: Object.fromEntries(columnAgingThresholds(transitions, columns, now)) };
}

/** Everything a board needs to paint, read in parallel. */
export async function loadBoardData(connectionId: string, boardId: string | null, now: number): Promise<BoardData> {
  const [sync, configs, tickets, transitions] = await Promise.all([
    loadSyncState(connectionId),
    loadBoardConfigSet(connectionId),
    loadTicketsByKeyRange(connectionId),
    loadTransitions(connectionId),
  ]);
  const board = boardById(configs.set, boardId);
  return { sync: boardSyncView(sync), configs, boardId: board.id, tickets, ...agingFacts(tickets, transitions, board.columns, now) };
}

/**
 * Every ticket of a connection, read by primary-key range: the keys are `${connectionId}:${id}`, so one
 * sequential scan of the store does it, without the index's lookup of each record (half the time at
 * 5,000 tickets).
 */
async function loadTicketsByKeyRange(connectionId: string): Promise<Ticket[]> {
  const db = await openPullboardDb();
  const prefix = ticketKey(connectionId, '');
  const rows = await db.getAll('tickets', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  return rows.map((row) => row.ticket);
}

async function loadTransitionsOf(connectionId: string, ids: readonly string[]): Promise<StatusTransition[]> {
  const db = await openPullboardDb();
  const tx = db.transaction('transitions');
  const index = tx.store.index('byTicket');
  const lists = await Promise.all(ids.map((id) => index.getAll([connectionId, id])));
  await tx.done;
  return lists.flat();
}

/** The changed tickets only, with their own transitions: the cost follows the change, not the board. */
export async function loadBoardPatch(connectionId: string, ids: readonly string[], columns: readonly ColumnDef[], now: number): Promise<BoardPatch> {
  const unique = [...new Set(ids)];
  const [sync, found, transitions] = await Promise.all([
    loadSyncState(connectionId),
    loadTicketsByIds(connectionId, unique),
    loadTransitionsOf(connectionId, unique),
  ]);
  const tickets = unique.flatMap((id) => {
    const ticket = found.get(id);
    return ticket ? [ticket] : [];
  });
  const { enteredAt } = agingFacts(tickets, transitions, columns, now);
  return { tickets, removed: unique.filter((id) => !found.has(id)), enteredAt, sync: boardSyncView(sync) };
}

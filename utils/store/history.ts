/**
 * History: the board's closed tickets reduced to what flow metrics need (created, first response,
 * closed, priority, type and subtype, SLA targets and outcome, assignee), kept 180 days. Status history
 * is the transitions log beside it (utils/store/tickets.ts), pruned to the same age. Where the backfill
 * stands per connection is kept in the config store.
 */
import type { Ticket } from '../psa/model';
import type { ClosedTicket } from '../flow/metrics/history';
import { openPullboardDb, type HistoryRecord, type Transition } from './db';

export type { HistoryRecord };

export const HISTORY_DAYS = 180;
export const HISTORY_MS = HISTORY_DAYS * 24 * 3600_000;

function time(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const ref = (r: { id: string; name: string } | null) => (r === null ? null : { id: r.id, name: r.name });

/**
 * A closed ticket as history keeps it. It closed when the PSA says it was resolved, or else at its last
 * update (closing is an update; a later one can only make the lead time look longer, never shorter).
 */
export function historyRecord(connectionId: string, ticket: Ticket): HistoryRecord | null {
  if (!ticket.closed) return null;
  const created = time(ticket.created);
  const closedAt = time(ticket.sla.resolvedAt) ?? time(ticket.updated);
  if (created === null || closedAt === null) return null;
  return {
    key: `${connectionId}:${ticket.id}`,
    connectionId,
    id: ticket.id,
    number: ticket.number,
    url: ticket.url,
    created,
    respondedAt: time(ticket.sla.respondedAt),
    closedAt,
    priority: ticket.priority === null ? null : { id: ticket.priority.id, name: ticket.priority.name, rank: ticket.priority.rank },
    type: ref(ticket.type),
    subtype: ref(ticket.subtype),
    assignee: ref(ticket.assignee),
    respondBy: time(ticket.sla.respondBy),
    resolveBy: time(ticket.sla.resolveBy),
    slaMet: ticket.sla.met,
  };
}

/** Stores the closed ones among `tickets` (a reopened ticket's old record is dropped). Returns how many were stored. */
export async function recordClosedTickets(connectionId: string, tickets: readonly Ticket[]): Promise<number> {
  if (tickets.length === 0) return 0;
  const db = await openPullboardDb();
  const tx = db.transaction('history', 'readwrite');
  let stored = 0;
  for (const ticket of tickets) {
    const record = historyRecord(connectionId, ticket);
    if (record) {
      void tx.store.put(record);
      stored++;
    } else if (!ticket.closed) {
      void tx.store.delete(`${connectionId}:${ticket.id}`);
    }
  }
  await tx.done;
  return stored;
}

/** For tests and the bench: stores prepared records as they are. */
export async function putHistoryRecords(records: readonly HistoryRecord[]): Promise<void> {
  const db = await openPullboardDb();
  const tx = db.transaction('history', 'readwrite');
  for (const record of records) void tx.store.put(record);
  await tx.done;
}

/**
 * A connection's history closed at or after `since` (all of it by default), in no particular order.
 * Read by primary-key range (`${connectionId}:…`): one sequential scan, several times faster than the
 * index for 50,000 records.
 */
export async function loadHistory(connectionId: string, since = 0): Promise<HistoryRecord[]> {
  const db = await openPullboardDb();
  const rows = await db.getAll('history', IDBKeyRange.bound(`${connectionId}:`, `${connectionId}:\uffff`));
  return since > 0 ? rows.filter((r) => r.closedAt >= since) : rows;
}

/**
 * The transitions log of a connection, read as one scan of the store and filtered, rather than through
 * its connection index (a lookup per record: several times slower at 200,000 moves).
 */
export async function loadStatusHistory(connectionId: string): Promise<Transition[]> {
  const db = await openPullboardDb();
  const rows = await db.getAll('transitions');
  return rows.every((r) => r.connectionId === connectionId) ? rows : rows.filter((r) => r.connectionId === connectionId);
}

export async function countHistory(connectionId: string): Promise<number> {
  const db = await openPullboardDb();
  return db.countFromIndex('history', 'byConnectionClosed', IDBKeyRange.bound([connectionId, 0], [connectionId, Number.MAX_SAFE_INTEGER]));
}

/** Drops closed tickets and status changes older than the history keeps. Returns how many of each went. */
export async function pruneHistory(connectionId: string, now: number): Promise<{ tickets: number; transitions: number }> {
  const cutoff = now - HISTORY_MS;
  const db = await openPullboardDb();
  const tx = db.transaction(['history', 'transitions'], 'readwrite');
  let tickets = 0;
  let cursor = await tx.objectStore('history').index('byConnectionClosed').openCursor(IDBKeyRange.bound([connectionId, 0], [connectionId, cutoff], false, true));
  while (cursor) {
    await cursor.delete();
    tickets++;
    cursor = await cursor.continue();
  }
  let transitions = 0;
  let moves = await tx.objectStore('transitions').index('byConnection').openCursor(connectionId);
  while (moves) {
    if (moves.value.at < cutoff) {
      await moves.delete();
      transitions++;
    }
    moves = await moves.continue();
  }
  await tx.done;
  return { tickets, transitions };
}

export async function clearHistory(connectionId: string): Promise<void> {
  const db = await openPullboardDb();
  const tx = db.transaction(['history', 'config'], 'readwrite');
  let cursor = await tx.objectStore('history').index('byConnectionClosed').openCursor(IDBKeyRange.bound([connectionId, 0], [connectionId, Number.MAX_SAFE_INTEGER]));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.objectStore('config').delete(backfillKey(connectionId));
  await tx.done;
}

/** Where the backfill of a connection stands: windows of `updated` time, newest first, down to `from`. */
export interface BackfillState {
  connectionId: string;
  boardId: string;
  /** The oldest time history reaches back to (now − 180 days when it began). */
  from: number;
  /** The next window ends here; when it reaches `from`, the backfill is done. */
  nextBefore: number;
  /** How much `updated` time one window spans: the whole range first, halved when a window outgrew a run's budget. */
  windowMs: number;
  lastRunAt: number | null;
  done: boolean;
  /** What it cost so far, and what it found. */
  requests: number;
  tickets: number;
  startedAt: number;
  finishedAt: number | null;
  /** The last failure, as the user should read it; the next run tries again. */
  lastError: string | null;
}

function backfillKey(connectionId: string): string {
  return `history-backfill:${connectionId}`;
}

export async function loadBackfillState(connectionId: string): Promise<BackfillState | null> {
  const db = await openPullboardDb();
  const row = await db.get('config', backfillKey(connectionId));
  return (row?.value as BackfillState | undefined) ?? null;
}

export async function saveBackfillState(state: BackfillState): Promise<void> {
  const db = await openPullboardDb();
  await db.put('config', { key: backfillKey(state.connectionId), value: state, version: 1 });
}

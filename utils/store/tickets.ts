/** The ticket cache: read by every UI at once, written only by the sync engine and the pull service. */
import type { Ticket } from '../psa/model';
import { openPullboardDb, type CachedTicket, type Transition } from './db';

export function ticketKey(connectionId: string, ticketId: string): string {
  return `${connectionId}:${ticketId}`;
}

export async function loadTickets(connectionId: string): Promise<Ticket[]> {
  const db = await openPullboardDb();
  const rows = await db.getAllFromIndex('tickets', 'byConnection', connectionId);
  return rows.map((row) => row.ticket);
}

export async function loadTicketsByIds(connectionId: string, ids: string[]): Promise<Map<string, Ticket>> {
  const db = await openPullboardDb();
  const tx = db.transaction('tickets');
  const rows = await Promise.all(ids.map((id) => tx.store.get(ticketKey(connectionId, id))));
  await tx.done;
  const found = new Map<string, Ticket>();
  for (const row of rows) if (row) found.set(row.ticket.id, row.ticket);
  return found;
}

export interface CacheWriteResult {
  /** Ids whose cached copy changed (new, or a different `updated`). */
  changed: string[];
  transitions: Transition[];
}

/**
 * Writes tickets the PSA returned. Unchanged tickets (same `updated`) are not rewritten; a status
 * change is appended to the transitions log in the same transaction, so the log never disagrees
 * with the cache.
 */
export async function upsertTickets(connectionId: string, tickets: Ticket[]): Promise<CacheWriteResult> {
  const db = await openPullboardDb();
  const tx = db.transaction(['tickets', 'transitions'], 'readwrite');
  const store = tx.objectStore('tickets');
  const changed: string[] = [];
  const transitions: Transition[] = [];
  for (const ticket of tickets) {
    const key = ticketKey(connectionId, ticket.id);
    const previous = await store.get(key);
    if (previous && previous.ticket.updated === ticket.updated && sameShape(previous.ticket, ticket)) continue;
    const row: CachedTicket = { key, connectionId, ticket };
    await store.put(row);
    changed.push(ticket.id);
    if (previous?.ticket.status.id !== ticket.status.id) {
      const transition: Transition = {
        connectionId,
        ticketId: ticket.id,
        fromStatusId: previous?.ticket.status.id ?? null,
        toStatusId: ticket.status.id,
        at: Date.parse(ticket.updated),
      };
      // The first sighting is not a move: it only says where the ticket was when we met it.
      if (previous) {
        await tx.objectStore('transitions').add(transition);
        transitions.push(transition);
      }
    }
  }
  await tx.done;
  return { changed, transitions };
}

function sameShape(a: Ticket, b: Ticket): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function deleteTickets(connectionId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await openPullboardDb();
  const tx = db.transaction('tickets', 'readwrite');
  await Promise.all(ids.map((id) => tx.store.delete(ticketKey(connectionId, id))));
  await tx.done;
}

export async function clearConnection(connectionId: string): Promise<void> {
  const db = await openPullboardDb();
  const tx = db.transaction(['tickets', 'sync', 'transitions'], 'readwrite');
  const tickets = tx.objectStore('tickets');
  for (const key of await tickets.index('byConnection').getAllKeys(connectionId)) await tickets.delete(key);
  const transitions = tx.objectStore('transitions');
  for (const key of await transitions.index('byConnection').getAllKeys(connectionId)) await transitions.delete(key);
  await tx.objectStore('sync').delete(connectionId);
  await tx.done;
}

export async function loadTransitions(connectionId: string): Promise<Transition[]> {
  const db = await openPullboardDb();
  return db.getAllFromIndex('transitions', 'byConnection', connectionId);
}

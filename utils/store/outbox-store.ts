/** The outbox in IndexedDB. Entries are written before they are sent and never deleted unsent. */
import type { OutboxEntry } from './outbox-entry';
import { openPullboardDb } from './db';

/** Landed entries are kept this long: the popup's "logged today" and the board's "sent" marks read them. */
export const KEEP_DONE_MS = 36 * 3600_000;

export async function addOutboxEntry(entry: Omit<OutboxEntry, 'id'>): Promise<OutboxEntry> {
  const db = await openPullboardDb();
  const id = await db.add('outbox', entry as OutboxEntry);
  return { ...entry, id };
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  const db = await openPullboardDb();
  await db.put('outbox', entry);
}

export async function getOutboxEntry(id: number): Promise<OutboxEntry | null> {
  const db = await openPullboardDb();
  return (await db.get('outbox', id)) ?? null;
}

/** Every entry, oldest first (ids grow with time). */
export async function loadOutbox(): Promise<OutboxEntry[]> {
  const db = await openPullboardDb();
  return db.getAll('outbox');
}

export async function deleteOutboxEntry(id: number): Promise<void> {
  const db = await openPullboardDb();
  await db.delete('outbox', id);
}

export async function pruneOutbox(now: number): Promise<void> {
  const db = await openPullboardDb();
  const tx = db.transaction('outbox', 'readwrite');
  for (const entry of await tx.store.index('byState').getAll('done')) {
    if (entry.doneAt !== null && now - entry.doneAt > KEEP_DONE_MS) await tx.store.delete(entry.id!);
  }
  await tx.done;
}

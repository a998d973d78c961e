/**
 * Skips kept in the background's IndexedDB: one record per connection, tech and ticket (the latest
 * reason), so Pull next passes over it for a while and stand-up mode can see who passed on what. A
 * database of its own, so the skips' schema moves independently of the ticket cache's.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TicketSkip } from '../flow/skips';

export const SKIPS_DB_NAME = 'pullboard-skips';
const SKIPS_DB_VERSION = 1;
/** Older skips say nothing to a stand-up: they are dropped when a new one is kept. */
export const SKIPS_KEPT_MS = 14 * 24 * 60 * 60_000;

interface SkipsSchema extends DBSchema {
  skips: { key: [string, string, string]; value: TicketSkip; indexes: { byConnection: string } };
}

let opened: Promise<IDBPDatabase<SkipsSchema>> | null = null;

function db(): Promise<IDBPDatabase<SkipsSchema>> {
  opened ??= openDB<SkipsSchema>(SKIPS_DB_NAME, SKIPS_DB_VERSION, {
    upgrade(database) {
      const store = database.createObjectStore('skips', { keyPath: ['connectionId', 'techId', 'ticketId'] });
      store.createIndex('byConnection', 'connectionId');
    },
  });
  return opened;
}

/** Keeps a skip (replacing this tech's earlier skip of the ticket) and drops skips past SKIPS_KEPT_MS. */
export async function recordSkip(skip: TicketSkip): Promise<void> {
  const tx = (await db()).transaction('skips', 'readwrite');
  await tx.store.put(skip);
  let cursor = await tx.store.index('byConnection').openCursor(skip.connectionId);
  while (cursor) {
    if (cursor.value.at < skip.at - SKIPS_KEPT_MS) await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}

/** Every skip kept for a connection, by any tech. */
export async function loadSkips(connectionId: string): Promise<TicketSkip[]> {
  return (await db()).getAllFromIndex('skips', 'byConnection', connectionId);
}

/** Forgets a removed connection's skips. */
export async function forgetSkips(connectionId: string): Promise<void> {
  const tx = (await db()).transaction('skips', 'readwrite');
  for (const key of await tx.store.index('byConnection').getAllKeys(connectionId)) await tx.store.delete(key);
  await tx.done;
}

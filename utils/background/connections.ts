/**
 * Saved PSA connections, credentials included. Background only: storage.local is never read by a
 * content script, and what leaves the background is a `ConnectionView` without the secrets.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Connection, connectionBoardId, psaKind, type ConnectionView } from '../psa/kinds';
import type { SyncState } from '../store/db';

const KEY = 'connections';
const Stored = z.array(Connection);

export async function loadConnections(): Promise<Connection[]> {
  const raw = (await browser.storage.local.get(KEY))[KEY];
  const parsed = Stored.safeParse(raw ?? []);
  // A corrupt entry must not take the others down with it; drop only what fails.
  if (parsed.success) return parsed.data;
  return (Array.isArray(raw) ? raw : []).flatMap((item) => {
    const one = Connection.safeParse(item);
    return one.success ? [one.data] : [];
  });
}

async function storeConnections(connections: Connection[]): Promise<void> {
  await browser.storage.local.set({ [KEY]: connections });
}

export async function saveConnection(connection: Connection): Promise<void> {
  const all = await loadConnections();
  const index = all.findIndex((c) => c.id === connection.id);
  if (index >= 0) all[index] = connection;
  else all.push(connection);
  await storeConnections(all);
}

export async function removeConnection(id: string): Promise<void> {
  await storeConnections((await loadConnections()).filter((c) => c.id !== id));
}

/** What the views may see of a connection: no secret, keys masked. */
export function toView(connection: Connection, sync: SyncState | null): ConnectionView {
  const boardId = connectionBoardId(connection);
  const base = {
    id: connection.id,
    boardId,
    boardName: sync?.boards.find((b) => b.id === boardId)?.name ?? null,
    me: sync?.me ?? null,
    problem: sync?.lastError ?? null,
    syncedAt: sync?.lastPollAt ?? null,
  };
  return { ...base, ...psaKind(connection.kind).view(connection) } as ConnectionView;
}

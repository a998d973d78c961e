/**
 * Saved PSA connections, credentials included. Background only: they live in the extension's own
 * IndexedDB, which no content script can open (a content script's IndexedDB belongs to the PSA's
 * origin), and what leaves the background is a `ConnectionView` without the secrets. `storage.local`,
 * which Chrome shows to content scripts unless told otherwise and Firefox always does, holds none.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Connection, connectionBoardId, psaKind, type ConnectionView } from '../psa/kinds';
import { openPullboardDb, type SyncState } from '../store/db';

const KEY = 'connections';
const VERSION = 1;
const Stored = z.array(Connection);

/** Where an older Pullboard kept connections: moved into IndexedDB when the background next reads them. */
async function moveLegacyConnections(): Promise<void> {
  const legacy = (await browser.storage.local.get(KEY))[KEY];
  if (legacy === undefined) return;
  await (await openPullboardDb()).put('config', { key: KEY, value: legacy, version: VERSION });
  await browser.storage.local.remove(KEY);
}

export async function loadConnections(): Promise<Connection[]> {
  await moveLegacyConnections();
  const raw = (await (await openPullboardDb()).get('config', KEY))?.value;
  const parsed = Stored.safeParse(raw ?? []);
  // A corrupt entry must not take the others down with it; drop only what fails.
  if (parsed.success) return parsed.data;
  return (Array.isArray(raw) ? raw : []).flatMap((item) => {
    const one = Connection.safeParse(item);
    return one.success ? [one.data] : [];
  });
}

async function storeConnections(connections: Connection[]): Promise<void> {
  await (await openPullboardDb()).put('config', { key: KEY, value: connections, version: VERSION });
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

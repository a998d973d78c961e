import { openPullboardDb, type SyncState } from './db';

export function emptySyncState(connectionId: string, boardId: string | null): SyncState {
  return {
    connectionId,
    boardId,
    cursor: null,
    lastFullSyncAt: null,
    lastPollAt: null,
    lastReconcileAt: null,
    lastMetadataAt: null,
    lastError: null,
    rejected: [],
    me: null,
    boards: [],
    statuses: [],
    priorities: [],
    members: [],
  };
}

export async function loadSyncState(connectionId: string): Promise<SyncState | null> {
  const db = await openPullboardDb();
  return (await db.get('sync', connectionId)) ?? null;
}

export async function saveSyncState(state: SyncState): Promise<void> {
  const db = await openPullboardDb();
  await db.put('sync', state);
}

/** Read-modify-write in one transaction, so two writers never lose each other's fields. */
export async function updateSyncState(
  connectionId: string,
  change: (state: SyncState) => SyncState,
): Promise<SyncState> {
  const db = await openPullboardDb();
  const tx = db.transaction('sync', 'readwrite');
  const current = (await tx.store.get(connectionId)) ?? emptySyncState(connectionId, null);
  const next = change(current);
  await tx.store.put(next);
  await tx.done;
  return next;
}

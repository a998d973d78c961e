/**
 * The sync engine: an initial paged load of a board into the ticket cache, then incremental polls by
 * the PSA's last-updated cursor. Everything it knows is in IndexedDB, so a service worker that dies
 * between polls picks up where it left off.
 */
import type { Psa } from '../psa/psa';
import type { Ticket } from '../psa/model';
import { PsaError } from '../psa/errors';
import type { SyncState } from '../store/db';
import { deleteTickets, loadTickets, upsertTickets } from '../store/tickets';
import { emptySyncState, loadSyncState, saveSyncState, updateSyncState } from '../store/sync-state';

/** Closed tickets stay on the board (its Done column) this long after they closed. */
export const DONE_WINDOW_MS = 7 * 24 * 3600_000;
/** How often the reconcile runs to find tickets that left the board (a count, then ids if it disagrees). */
export const RECONCILE_EVERY_MS = 30 * 60_000;
/** Where a count costs as much as the id list (Halo pages ids 50 at a time), the reconcile runs this rarely. */
export const RECONCILE_BY_LIST_EVERY_MS = 12 * 3600_000;
/** How often statuses, priorities and members are re-read. */
export const METADATA_EVERY_MS = 6 * 3600_000;

export interface SyncChange {
  connectionId: string;
  changed: string[];
  removed: string[];
}

export interface SyncDeps {
  now: () => number;
  onChange: (change: SyncChange) => void;
}

export interface SyncTarget {
  connectionId: string;
  boardId: string;
  psa: Psa;
}

export type SyncOutcome = { kind: 'full' | 'incremental'; changed: number; removed: number; rejected: number };

export async function syncBoard(target: SyncTarget, deps: SyncDeps): Promise<SyncOutcome> {
  const state = await loadSyncState(target.connectionId);
  try {
    const outcome =
      !state || !state.cursor || state.boardId !== target.boardId
        ? await fullSync(target, deps)
        : await incrementalSync(target, state, deps);
    return outcome;
  } catch (error) {
    const problem = error instanceof PsaError ? error : null;
    await updateSyncState(target.connectionId, (current) => ({
      ...current,
      lastError: {
        kind: problem?.kind ?? 'unexpected',
        message: problem?.userMessage ?? `Sync failed unexpectedly: ${String((error as Error)?.message ?? error)}`,
        at: deps.now(),
      },
    }));
    deps.onChange({ connectionId: target.connectionId, changed: [], removed: [] });
    throw error;
  }
}

async function fullSync({ connectionId, boardId, psa }: SyncTarget, deps: SyncDeps): Promise<SyncOutcome> {
  const now = deps.now();
  const state = emptySyncState(connectionId, boardId);
  await loadMetadata(psa, boardId, state);

  const seen = new Set<string>();
  let cursor: string | null = null;
  let changed: string[] = [];
  const rejected: SyncState['rejected'] = [];
  const closedSince = new Date(now - DONE_WINDOW_MS).toISOString();
  for await (const page of psa.listTickets({ boardId, openOnly: true, closedSince })) {
    const result = await upsertTickets(connectionId, page.tickets);
    changed = changed.concat(result.changed);
    rejected.push(...page.rejected);
    for (const ticket of page.tickets) {
      seen.add(ticket.id);
      cursor = newest(cursor, ticket.updated);
    }
  }
  // Anything cached from an earlier sync that the PSA no longer lists has left the board.
  const stale = (await loadTickets(connectionId)).filter((t) => !seen.has(t.id)).map((t) => t.id);
  await deleteTickets(connectionId, stale);

  await saveSyncState({
    ...state,
    cursor: cursor ?? new Date(now).toISOString(),
    lastFullSyncAt: now,
    lastPollAt: now,
    lastReconcileAt: now,
    lastMetadataAt: now,
    rejected,
  });
  deps.onChange({ connectionId, changed, removed: stale });
  return { kind: 'full', changed: changed.length, removed: stale.length, rejected: rejected.length };
}

async function incrementalSync({ connectionId, boardId, psa }: SyncTarget, state: SyncState, deps: SyncDeps): Promise<SyncOutcome> {
  const now = deps.now();
  if (!state.lastFullSyncAt || now - (state.lastMetadataAt ?? state.lastFullSyncAt) > METADATA_EVERY_MS) {
    await loadMetadata(psa, boardId, state);
    state.lastMetadataAt = now;
  }
  let cursor = state.cursor;
  const updated: Ticket[] = [];
  const rejected: SyncState['rejected'] = [];
  // `>=` on the cursor, not `>`: a ticket changed in the same second as the newest one we saw
  // would otherwise be missed. Tickets we already hold at that stamp are skipped by the cache.
  for await (const page of psa.listTickets({ boardId, openOnly: false, updatedSince: state.cursor ?? undefined })) {
    updated.push(...page.tickets);
    rejected.push(...page.rejected);
    for (const ticket of page.tickets) cursor = newest(cursor, ticket.updated);
  }
  const { changed } = await upsertTickets(connectionId, updated);

  let removed: string[] = [];
  let lastReconcileAt = state.lastReconcileAt;
  const reconcileEvery = psa.countIsCheap ? RECONCILE_EVERY_MS : RECONCILE_BY_LIST_EVERY_MS;
  if (!lastReconcileAt || now - lastReconcileAt >= reconcileEvery) {
    removed = await reconcile(connectionId, boardId, psa, now);
    lastReconcileAt = now;
  }

  await saveSyncState({ ...state, cursor, lastPollAt: now, lastReconcileAt, lastError: null, rejected: rejected.length ? rejected : state.rejected });
  if (changed.length || removed.length || state.lastError) deps.onChange({ connectionId, changed, removed });
  return { kind: 'incremental', changed: changed.length, removed: removed.length, rejected: rejected.length };
}

/** Drops tickets that left the board (moved, deleted) and closed tickets past the Done window. */
async function reconcile(connectionId: string, boardId: string, psa: Psa, now: number): Promise<string[]> {
  const cached = await loadTickets(connectionId);
  const expired = (t: Ticket) => t.closed && now - Date.parse(t.updated) > DONE_WINDOW_MS;
  // Tickets that joined the board arrive by the incremental poll; only leavers need finding. If the
  // PSA counts as many open tickets as the cache holds, none left: one request instead of a list.
  const cachedOpen = cached.filter((t) => !t.closed).length;
  if (psa.countIsCheap && (await psa.countOpenTickets(boardId)) === cachedOpen) {
    const gone = cached.filter(expired).map((t) => t.id);
    await deleteTickets(connectionId, gone);
    return gone;
  }
  const open = new Set(await psa.listOpenTicketIds(boardId));
  const gone = cached.filter((t) => expired(t) || (!t.closed && !open.has(t.id))).map((t) => t.id);
  await deleteTickets(connectionId, gone);
  return gone;
}

async function loadMetadata(psa: Psa, boardId: string, state: SyncState): Promise<void> {
  const [me, boards, statuses, priorities, members] = await Promise.all([
    psa.whoAmI(),
    psa.listBoards(),
    psa.listStatuses(boardId),
    psa.listPriorities(),
    psa.listMembers(),
  ]);
  Object.assign(state, { me, boards, statuses, priorities, members });
}

function newest(a: string | null, b: string): string {
  return a === null || Date.parse(b) > Date.parse(a) ? b : a;
}

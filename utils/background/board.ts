/**
 * The board's requests in the background: moves written to the PSA, the dispatcher's Ready order,
 * the designer's configuration (get, save, export, import), and the data of the board shown over a
 * PSA page. Every write re-reads the ticket first; the page's copy is never trusted.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import type { Ref, Ticket } from '../psa/model';
import type { Connection } from '../psa/kinds';
import { canMoveInto, columnOfStatus, statusForMove } from '../flow';
import { loadTickets, loadTicketsByIds, upsertTickets } from '../store/tickets';
import { getOutboxEntry } from '../store/outbox-store';
import type { OutboxEntry } from '../store/outbox-entry';
import { queueWrite } from './outbox-runner';
import { loadSyncState } from '../store/sync-state';
import { loadBoardConfigSet, saveBoardConfigSet, updateBoardConfig } from '../store/board-config';
import {
  BOARD_CONFIG_FORMAT,
  BoardConfigError,
  boardById,
  checkAgainstPsa,
  parseBoardConfigFile,
  parseBoardConfigSet,
  type BoardConfigSet,
} from '../board-config/schema';
import { boardSyncView, loadBoardData, loadBoardPatch } from '../store/board-feed';
import type { BoardCatalog, BoardChanges, BoardConfigView, BoardConnection, BoardSnapshot, MoveRequest, MoveResult } from '../protocol/answers';
import { loadConnections } from './connections';
import { broadcast, psaFor } from './service';
import { UserFacingError } from './errors';
import { boardChangeLog } from './board-changes';

/** The script of the full-page board, injected into a PSA page only when a tech opens it. */
export const BOARD_OVERLAY_SCRIPT = '/board-overlay.js';

/** The connection boards show: the first one, as the dock and Pull next use. */
async function boardConnection(connectionId?: string): Promise<Connection | null> {
  const connections = await loadConnections();
  return (connectionId ? connections.find((c) => c.id === connectionId) : connections[0]) ?? null;
}

async function requireConnection(connectionId: string): Promise<Connection> {
  const connection = await boardConnection(connectionId);
  if (!connection) throw new UserFacingError('That PSA connection no longer exists: reload the board.', 'config');
  return connection;
}

export async function activeBoardConnection(): Promise<BoardConnection | null> {
  const connection = await boardConnection();
  return connection ? { id: connection.id, kind: connection.kind } : null;
}

export async function boardSnapshot(boardId: string | null): Promise<(BoardSnapshot & { epoch: string; seq: number }) | null> {
  const connection = await activeBoardConnection();
  if (!connection) return null;
  // The cursor is taken before the read: a change landing meanwhile is sent again, never missed.
  const cursor = boardChangeLog().cursor;
  const data = await loadBoardData(connection.id, boardId, Date.now());
  return { ...data, connection, ...cursor };
}

export async function boardChanges(boardId: string, epoch: string, since: number): Promise<BoardChanges> {
  const connection = await activeBoardConnection();
  const log = boardChangeLog();
  const cursor = log.cursor;
  const ids = connection ? log.since(epoch, since, connection.id) : null;
  if (!connection || ids === null) return { reset: true };
  const { set } = await loadBoardConfigSet(connection.id);
  const patch = await loadBoardPatch(connection.id, ids, boardById(set, boardId).columns, Date.now());
  return { reset: false, ...cursor, patch };
}

/** Injects the full-page board into the PSA tab that asked (its frame only). */
export async function showBoardOverlay(sender: Runtime.MessageSender): Promise<null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new UserFacingError('The full-page board opens from a PSA page.', 'invalid');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [BOARD_OVERLAY_SCRIPT] });
  return null;
}

function describeTicket(ticket: Ticket): string {
  return `${ticket.status.name}${ticket.assignee ? `, ${ticket.assignee.name}` : ', unassigned'}`;
}

/**
 * Moves a card: checks the column (a status for the ticket's PSA board, room under a hard limit),
 * re-reads the ticket and refuses if it changed since the board showed it, writes the column's
 * status, and puts the PSA's answer in the cache so every view follows.
 */
export async function moveCard(request: MoveRequest): Promise<MoveResult> {
  const connection = await requireConnection(request.connectionId);
  const [sync, configs, tickets] = await Promise.all([
    loadSyncState(connection.id),
    loadBoardConfigSet(connection.id),
    loadTickets(connection.id),
  ]);
  const board = boardById(configs.set, request.boardId);
  const column = board.columns.find((c) => c.id === request.toColumnId);
  if (!column) throw new UserFacingError('That column is no longer on the board (the configuration changed): reload the board.', 'config');
  const cached = tickets.find((t) => t.id === request.ticketId);
  if (!cached) throw new UserFacingError('That ticket is no longer on this board: it was closed or moved away in the PSA.', 'conflict');
  const statuses = sync?.statuses ?? [];
  const target = statusForMove(column, cached, statuses);
  if (!target.ok) throw new UserFacingError(target.reason, 'refused');
  if (columnOfStatus(board.columns, cached.status.id)?.id === column.id) {
    throw new UserFacingError(`${cached.number} is already in ${column.name}.`, 'refused');
  }
  const inColumn = tickets.filter((t) => t.id !== cached.id && columnOfStatus(board.columns, t.status.id)?.id === column.id).length;
  const room = canMoveInto(column, inColumn);
  if (!room.ok) throw new UserFacingError(room.reason, 'limit');

  const psa = await psaFor(connection);
  const fresh = await psa.getTicket(request.ticketId);
  if (fresh.updated !== request.expectedUpdated || fresh.status.id !== request.expectedStatusId) {
    const { changed } = await upsertTickets(connection.id, [fresh]);
    broadcast({ type: 'tickets', connectionId: connection.id, changed, removed: [] });
    throw new UserFacingError(
      `${fresh.number} was changed by someone else meanwhile (now ${describeTicket(fresh)}): Pullboard did not move it. The board shows it as it is now; move it again if it still should go.`,
      'conflict',
    );
  }
  // Like every write, the move goes through the outbox: stored first, so a stopped worker or a PSA
  // that is down does not lose it. The board waits a few seconds for it to land.
  const entry = await queueWrite({
    connectionId: connection.id,
    ticketId: fresh.id,
    ticketNumber: fresh.number,
    label: `Move ${fresh.number} to ${column.name}`,
    write: { kind: 'update', change: { statusId: target.statusId } },
  });
  const settled = await waitForWrite(entry.id!, MOVE_WAIT_MS);
  if (settled?.state === 'failed') {
    throw new UserFacingError(settled.lastError?.message ?? `The PSA did not take the move of ${fresh.number}.`, settled.lastError?.kind ?? 'refused');
  }
  if (settled?.state !== 'done') {
    return { ticket: fresh, warning: null, statusName: fresh.status.name, queued: true };
  }
  const landed = (await loadTicketsByIds(connection.id, [fresh.id])).get(fresh.id) ?? fresh;
  if (landed.status.id !== target.statusId) {
    throw new UserFacingError(`The PSA kept ${landed.number} in ${landed.status.name}: it did not accept the move to ${column.name}.`, 'conflict');
  }
  return { ticket: landed, warning: room.warning ?? null, statusName: landed.status.name, queued: false };
}

/** How long a move waits for the outbox before the board is told it is queued. */
const MOVE_WAIT_MS = 8_000;

async function waitForWrite(id: number, timeoutMs: number): Promise<OutboxEntry | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await getOutboxEntry(id);
    if (!entry || entry.state === 'done' || entry.state === 'failed') return entry;
    // Waiting for a retry the PSA asked for (429, down): the board need not wait that long.
    if (Date.now() > deadline || entry.nextAttemptAt > deadline) return entry;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function saveReadyOrder(connectionId: string, boardId: string, order: string[]): Promise<null> {
  await requireConnection(connectionId);
  await updateBoardConfig(connectionId, boardId, (board) => ({ ...board, ranking: { ...board.ranking, readyOrder: [...new Set(order)] } }));
  broadcast({ type: 'board', connectionId });
  return null;
}

function distinct(refs: Iterable<Ref | null>): Ref[] {
  const byId = new Map<string, Ref>();
  for (const ref of refs) if (ref && !byId.has(ref.id)) byId.set(ref.id, ref);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function catalogOf(tickets: readonly Ticket[]): BoardCatalog {
  return {
    types: distinct(tickets.map((t) => t.type)),
    subtypes: distinct(tickets.map((t) => t.subtype)),
    companies: distinct(tickets.map((t) => t.company)),
    teams: distinct(tickets.map((t) => t.team)),
  };
}

export async function boardConfigView(connectionId?: string): Promise<BoardConfigView | null> {
  const connection = await boardConnection(connectionId);
  if (!connection) return null;
  const [configs, sync, tickets] = await Promise.all([loadBoardConfigSet(connection.id), loadSyncState(connection.id), loadTickets(connection.id)]);
  return { connectionId: connection.id, ...configs, sync: boardSyncView(sync), catalog: catalogOf(tickets) };
}

/** Validates against the schema and against this PSA's statuses and members; stores only a set that passes both. */
async function validateForConnection(connectionId: string, parse: () => BoardConfigSet): Promise<BoardConfigSet> {
  let set: BoardConfigSet;
  try {
    set = parse();
  } catch (error) {
    if (error instanceof BoardConfigError) throw new UserFacingError(`Nothing was changed: ${error.problems.join(' · ')}`, 'invalid');
    throw error;
  }
  const sync = await loadSyncState(connectionId);
  const problems = checkAgainstPsa(set, sync?.statuses ?? [], sync?.members ?? []);
  if (problems.length > 0) throw new UserFacingError(`Nothing was changed: ${problems.join(' · ')}`, 'invalid');
  return set;
}

export async function saveBoardConfig(connectionId: string, raw: unknown): Promise<BoardConfigSet> {
  await requireConnection(connectionId);
  const set = await validateForConnection(connectionId, () => parseBoardConfigSet(raw));
  const saved = await saveBoardConfigSet(connectionId, set);
  broadcast({ type: 'board', connectionId });
  return saved;
}

export async function importBoardConfig(connectionId: string, text: string): Promise<BoardConfigSet> {
  await requireConnection(connectionId);
  const set = await validateForConnection(connectionId, () => parseBoardConfigFile(text));
  const saved = await saveBoardConfigSet(connectionId, set);
  broadcast({ type: 'board', connectionId });
  return saved;
}

export async function exportBoardConfig(connectionId: string): Promise<{ fileName: string; text: string }> {
  await requireConnection(connectionId);
  const [{ set }, sync] = await Promise.all([loadBoardConfigSet(connectionId), loadSyncState(connectionId)]);
  const boardName = sync?.boards.find((b) => b.id === sync.boardId)?.name ?? null;
  const file: BoardConfigSet = {
    format: BOARD_CONFIG_FORMAT,
    version: set.version,
    psa: { kind: (await requireConnection(connectionId)).kind, boardId: sync?.boardId ?? null, boardName },
    exportedAt: new Date().toISOString(),
    defaultBoardId: set.defaultBoardId,
    boards: set.boards,
  };
  const slug = (boardName ?? 'board').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'board';
  return { fileName: `pullboard-${slug}.json`, text: `${JSON.stringify(file, null, 2)}\n` };
}

/**
 * Board configurations in IndexedDB's `config` store, one document per connection (every board of
 * that connection). Validated on the way in and on the way out; a connection nobody configured gets
 * the board guessed from its PSA statuses.
 */
import { openPullboardDb } from './db';
import { loadSyncState } from './sync-state';
import {
  BOARD_CONFIG_VERSION,
  BoardConfigSet,
  boardById,
  defaultBoardConfigSet,
  parseBoardConfigSet,
  type BoardConfig,
} from '../board-config/schema';

export function boardConfigKey(connectionId: string): string {
  return `board-config:${connectionId}`;
}

export interface StoredBoardConfig {
  set: BoardConfigSet;
  /** False when nothing is stored yet (or what is stored no longer reads): the set is the guessed default. */
  stored: boolean;
  /** Why a stored document was set aside, to show in the designer. */
  problem: string | null;
}

/** The stored set, or the guessed default when none is stored or it does not read any more. */
export async function loadBoardConfigSet(connectionId: string): Promise<StoredBoardConfig> {
  const db = await openPullboardDb();
  const [row, sync] = await Promise.all([db.get('config', boardConfigKey(connectionId)), loadSyncState(connectionId)]);
  const guessed = () => {
    const psaBoardName = sync?.boards.find((b) => b.id === sync.boardId)?.name ?? null;
    return defaultBoardConfigSet(sync?.statuses ?? [], psaBoardName);
  };
  if (!row) return { set: guessed(), stored: false, problem: null };
  try {
    return { set: parseBoardConfigSet(row.value), stored: true, problem: null };
  } catch (error) {
    return { set: guessed(), stored: false, problem: `The saved board configuration could not be read (${(error as Error).message}); showing the guessed board.` };
  }
}

/**
 * The board Pull next follows for this connection (the set's default board): the stored one, or the
 * board guessed from the PSA's statuses.
 */
export async function loadBoardConfig(connectionId: string): Promise<BoardConfig> {
  const { set } = await loadBoardConfigSet(connectionId);
  return boardById(set, set.defaultBoardId);
}

export async function saveBoardConfigSet(connectionId: string, set: BoardConfigSet): Promise<BoardConfigSet> {
  const valid = BoardConfigSet.parse(set);
  const db = await openPullboardDb();
  await db.put('config', { key: boardConfigKey(connectionId), value: valid, version: BOARD_CONFIG_VERSION });
  return valid;
}

/** Read-modify-write of one board in one transaction, so a reorder never loses a designer's save. */
export async function updateBoardConfig(
  connectionId: string,
  boardId: string,
  change: (board: BoardConfig) => BoardConfig,
): Promise<BoardConfigSet> {
  const { set } = await loadBoardConfigSet(connectionId);
  const db = await openPullboardDb();
  const tx = db.transaction('config', 'readwrite');
  // Re-read inside the transaction: a save that landed since the load above wins over the guess.
  const row = await tx.store.get(boardConfigKey(connectionId));
  const current = row ? parseBoardConfigSet(row.value) : set;
  const board = boardById(current, boardId);
  const next = BoardConfigSet.parse({ ...current, boards: current.boards.map((b) => (b.id === board.id ? change(b) : b)) });
  await tx.store.put({ key: boardConfigKey(connectionId), value: next, version: BOARD_CONFIG_VERSION });
  await tx.done;
  return next;
}

export async function deleteBoardConfigSet(connectionId: string): Promise<void> {
  const db = await openPullboardDb();
  await db.delete('config', boardConfigKey(connectionId));
}

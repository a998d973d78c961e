/**
 * Where a board view gets its data. Extension pages (side panel, options preview) read IndexedDB
 * themselves and hear changes on the broadcast channel; the board over a PSA page cannot (IndexedDB
 * there would be the PSA's), so it asks the background and hears changes on the work port. Both
 * hand the board model the same snapshot and the same patches.
 */
import type { ColumnDef } from '../flow';
import type { BoardConfigSet } from '../board-config/schema';
import type { BoardSnapshot, MoveRequest, MoveResult } from '../protocol/answers';
import type { BoardPatch } from '../store/board-feed';

export interface FeedScope {
  connectionId: string;
  boardId: string;
  columns: readonly ColumnDef[];
}

export interface FeedListener {
  patch(patch: BoardPatch): void;
  /** The configuration changed. */
  configs(): void;
  /** Start again from a snapshot (another connection, a restarted background that lost its change log). */
  reload(): void;
}

export interface BoardFeed {
  /** Null when no PSA is connected. */
  load(boardId: string | null): Promise<BoardSnapshot | null>;
  /** Only the configuration (after a designer save or a Ready reorder). */
  loadConfigs(connectionId: string): Promise<BoardConfigSet>;
  subscribe(scope: () => FeedScope | null, listener: FeedListener): () => void;
  moveCard(request: MoveRequest): Promise<MoveResult>;
  saveReadyOrder(request: { connectionId: string; boardId: string; order: string[] }): Promise<void>;
}


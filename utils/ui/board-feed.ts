/**
 * Where a board view gets its data. Extension pages (side panel, options preview) read IndexedDB
 * themselves and hear changes on the broadcast channel; the board over a PSA page cannot (IndexedDB
 * there would be the PSA's), so it asks the background and hears changes on the work port. Both
 * hand the board model the same snapshot and the same patches.
 */
import type { Ref, Ticket } from '../psa/model';
import type { ColumnDef } from '../flow';
import type { BoardConfigSet } from '../store/board-config-schema';
import type { BoardData, BoardPatch, BoardSyncView } from '../store/board-feed';
import type { FirstScreenStore } from './board-first-screen';

export interface BoardConnection {
  id: string;
  kind: string;
}

export interface BoardSnapshot extends BoardData {
  connection: BoardConnection;
}

export interface MoveRequest {
  connectionId: string;
  boardId: string;
  ticketId: string;
  toColumnId: string;
  /** The ticket as the board showed it: the background refuses the move if the PSA's copy differs. */
  expectedUpdated: string;
  expectedStatusId: string;
}

export interface MoveResult {
  ticket: Ticket;
  /** A soft limit the move went over. */
  warning: string | null;
  statusName: string;
  /** The PSA has not answered yet: the move waits in the outbox and lands later. */
  queued: boolean;
}

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
  /** Where the last first screen is kept, when this context can keep one (extension pages). */
  firstScreen?: FirstScreenStore;
  /** Null when no PSA is connected. */
  load(boardId: string | null): Promise<BoardSnapshot | null>;
  /** Only the configuration (after a designer save or a Ready reorder). */
  loadConfigs(connectionId: string): Promise<BoardConfigSet>;
  subscribe(scope: () => FeedScope | null, listener: FeedListener): () => void;
  moveCard(request: MoveRequest): Promise<MoveResult>;
  saveReadyOrder(request: { connectionId: string; boardId: string; order: string[] }): Promise<void>;
}

/** Where the board over a PSA page stands in the background's change log. */
export interface BoardChangeCursor {
  /** One per life of the service worker: a new one means the log was lost. */
  epoch: string;
  seq: number;
}

export type BoardChanges = (BoardChangeCursor & { reset: false; patch: BoardPatch }) | { reset: true };

/** Distinct PSA references seen on the cached tickets: what the designer offers to map. */
export interface BoardCatalog {
  types: Ref[];
  subtypes: Ref[];
  companies: Ref[];
  teams: Ref[];
}

/** What the board designer edits: the stored (or guessed) configuration and the PSA's real lists. */
export interface BoardConfigView {
  connectionId: string;
  set: BoardConfigSet;
  stored: boolean;
  problem: string | null;
  sync: BoardSyncView | null;
  catalog: BoardCatalog;
}

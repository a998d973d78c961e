/**
 * Pullboard's IndexedDB: the ticket cache, per-connection sync state, the transitions log,
 * board configuration, timers and the outbox. Opened only in extension contexts (service worker,
 * side panel, popup, options) — a content script's IndexedDB would belong to the PSA's origin.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Board, Member, Priority, Status, Ticket } from '../psa/model';
import type { OutboxEntry, OutboxState } from './outbox-entry';
import type { ClosedTicket } from '../flow/metrics/history';

export const DB_NAME = 'pullboard';
export const DB_VERSION = 3;

export interface CachedTicket {
  /** `${connectionId}:${ticket.id}` */
  key: string;
  connectionId: string;
  ticket: Ticket;
}

/** What the sync engine knows about one connection; the cursor survives service-worker restarts. */
export interface SyncState {
  connectionId: string;
  boardId: string | null;
  /** The newest `updated` stamp seen: the next incremental poll asks for tickets updated since. */
  cursor: string | null;
  lastFullSyncAt: number | null;
  lastPollAt: number | null;
  lastReconcileAt: number | null;
  lastMetadataAt: number | null;
  /** A failure the user should see, cleared by the next successful poll. */
  lastError: { message: string; kind: string; at: number } | null;
  /** Records the PSA sent that could not be read, kept so the board can say so. */
  rejected: { id: string | null; problem: string }[];
  me: Member | null;
  boards: Board[];
  statuses: Status[];
  priorities: Priority[];
  members: Member[];
}

/** A closed ticket of the last 180 days, with only what flow metrics need (utils/store/history.ts). */
export interface HistoryRecord extends ClosedTicket {
  /** `${connectionId}:${id}` */
  key: string;
  connectionId: string;
}

export interface Transition {
  id?: number;
  connectionId: string;
  ticketId: string;
  fromStatusId: string | null;
  toStatusId: string;
  /** ms since epoch: the PSA's updated stamp of the change. */
  at: number;
}

interface PullboardDb extends DBSchema {
  tickets: { key: string; value: CachedTicket; indexes: { byConnection: string } };
  sync: { key: string; value: SyncState };
  transitions: { key: number; value: Transition; indexes: { byConnection: string; byTicket: [string, string] } };
  /** Keyed documents: board configurations and other settings that outgrow storage.local. */
  config: { key: string; value: { key: string; value: unknown; version: number } };
  /** Every write to a PSA, stored before it is sent (utils/outbox). */
  outbox: { key: number; value: OutboxEntry; indexes: { byTicket: [string, string]; byState: OutboxState } };
  /** Closed tickets with only what flow metrics need (utils/store/history.ts), pruned by age. */
  history: { key: string; value: HistoryRecord; indexes: { byConnectionClosed: [string, number] } };
}

export type Db = IDBPDatabase<PullboardDb>;

let opening: Promise<Db> | null = null;

export function openPullboardDb(): Promise<Db> {
  opening ??= openDB<PullboardDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each step takes the schema from one version to the next; never edit a released step.
      if (oldVersion < 1) {
        const tickets = db.createObjectStore('tickets', { keyPath: 'key' });
        tickets.createIndex('byConnection', 'connectionId');
        db.createObjectStore('sync', { keyPath: 'connectionId' });
        const transitions = db.createObjectStore('transitions', { keyPath: 'id', autoIncrement: true });
        transitions.createIndex('byConnection', 'connectionId');
        transitions.createIndex('byTicket', ['connectionId', 'ticketId']);
        db.createObjectStore('config', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        const outbox = db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
        outbox.createIndex('byTicket', ['connectionId', 'ticketId']);
        outbox.createIndex('byState', 'state');
      }
      if (oldVersion < 3) {
        const history = db.createObjectStore('history', { keyPath: 'key' });
        history.createIndex('byConnectionClosed', ['connectionId', 'closedAt']);
      }
    },
    blocking() {
      // A newer Pullboard wants to upgrade: let it, and reopen on next use.
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}

/** For tests: forget the open handle so the next call opens afresh. */
export function resetDbHandle(): void {
  opening = null;
}

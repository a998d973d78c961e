/** The outbox's records: every write Pullboard makes to a PSA, stored before it is sent. */
import type { NewTimeEntry, TicketChange } from '../psa/psa';

export type OutboxWrite =
  /** A status and/or assignee change: a board move, Done, a claim. */
  | { kind: 'update'; change: TicketChange }
  | { kind: 'timeEntry'; entry: NewTimeEntry }
  /**
   * Pull next's claim, journaled while it is made. Never sent again by the outbox: if a stopped worker
   * cut it off, the outbox only looks whether it landed (a late claim could take a ticket from the
   * colleague who pulled it meanwhile).
   */
  | { kind: 'claim'; change: TicketChange };

/**
 * pending: waiting for its turn or its retry time. sending: handed to the PSA — if the worker dies
 * now, nobody knows whether it landed, so it is checked before it is sent again. failed: it can
 * never succeed (the user copies or discards it). done: landed.
 */
export type OutboxState = 'pending' | 'sending' | 'failed' | 'done';

export interface OutboxEntry {
  id?: number;
  connectionId: string;
  ticketId: string;
  ticketNumber: string;
  write: OutboxWrite;
  /** What the user sees: "Move #10044 to In Progress", "Log 0.5 h on #10044". */
  label: string;
  state: OutboxState;
  attempts: number;
  /** ms since epoch; a pending entry is not sent before. */
  nextAttemptAt: number;
  createdAt: number;
  /** When the last attempt was handed to the PSA. */
  sentAt?: number;
  doneAt: number | null;
  /** The last attempt may have landed: look in the PSA before sending again. */
  outcomeUnknown: boolean;
  lastError: { kind: string; message: string } | null;
}

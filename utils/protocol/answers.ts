/**
 * The answers of Pullboard's message protocol: what the background sends back for each request, the
 * views of connections, work and boards that travel in them, and the events it broadcasts. Types only:
 * every context may import them.
 */
import type { Board, Member, Ref, Ticket } from '../psa/model';
import type { ConnectionView, PsaKind } from '../psa/kinds';
import type { Discovered } from '../psa/kind';
import type { BoardConfigSet } from '../board-config/schema';
import type { BoardData, BoardPatch, BoardSyncView } from '../store/board-feed';
import type { Settings } from '../store/settings-store';
import type { RequestType } from './requests';
import type { ColumnDef } from '../flow/columns';
import type { BoardHeadline } from '../flow/metrics/insights';
import type { Priority, Status } from '../psa/model';
import type { BackfillState } from '../store/history';


export interface ConnectionTestResult {
  /** Null when the credentials belong to an API user or application: `members` lists whom to choose. */
  me: Member | null;
  /** Why Pullboard takes `me` for "me", e.g. "you chose Bea Cole". */
  meReason: string | null;
  /** Why "me" is unknown or refused, as the user should read it. */
  meProblem: string | null;
  /** The technicians to choose "me" from (always, where the credentials may be a shared API user's). */
  members: Member[];
  boards: Board[];
  board: Board | null;
  openTickets: number | null;
  /** What connecting found that Save keeps (Autotask's zone), or null. */
  discovered: Discovered | null;
}

export interface OutboxView {
  pending: number;
  /** The oldest pending write's last problem, e.g. "offline — will retry". */
  pendingProblem: string | null;
  failed: { id: number; label: string; message: string; copyText: string }[];
}

/** A ticket as the dock and popup list it. */
export interface TicketSummary {
  connectionId: string;
  id: string;
  number: string;
  title: string;
  url: string;
  /** "resolve due in 43 min", "resolve SLA breached 2 h ago", or null without SLA. */
  slaLabel: string | null;
  slaState: 'none' | 'on-track' | 'at-risk' | 'breached';
  ageMs: number;
}

export interface RunningTimer {
  connectionId: string;
  ticketId: string;
  number: string;
  title: string;
  url: string;
  /** Time in closed segments. */
  baseMs: number;
  /** Start of the open segment (ms since epoch), or null when paused. */
  since: number | null;
  /** Time of this ticket already handed to the PSA (ms). */
  loggedMs: number;
  note: string;
}

export interface WorkState {
  connected: boolean;
  connectionId: string | null;
  me: Member | null;
  boardName: string | null;
  /** My tickets in the board's in-progress statuses. */
  wip: number;
  wipLimit: number;
  myTickets: TicketSummary[];
  timer: RunningTimer | null;
  pausedTimers: RunningTimer[];
  /** What Pull next would take, and why. */
  next: (TicketSummary & { reason: string }) | null;
  /** Why Pull next would refuse now (at the WIP limit), with a ticket to help finish. */
  refusal: { reason: string; helpWith: TicketSummary | null } | null;
  /** The ticket the asking page shows, if Pullboard knows it. */
  pageTicket: (TicketSummary & { mine: boolean; closed: boolean; statusName: string }) | null;
  /** The last Pull next, for a minute after it. */
  lastPull: PullOutcome | null;
  /** Writes not yet in the PSA, and those that never will be without the user. */
  outbox: OutboxView;
  /** Time logged today, and how long nothing has been logged. */
  today: { loggedMs: number; unloggedSince: number | null };
  /** Set when the tech came back after the timer paused for idleness: keep or drop the away time? */
  idle: { number: string; awayMs: number } | null;
  syncedAt: number | null;
  problem: string | null;
}

export type PullOutcome =
  | { kind: 'claimed'; at: number; ticket: TicketSummary; reason: string; notes: string[] }
  | { kind: 'refused'; at: number; message: string; helpWith: TicketSummary | null }
  | { kind: 'none'; at: number; message: string };

export interface ResponseMap {
  'connection.test': ConnectionTestResult;
  'connection.save': ConnectionView;
  'connection.remove': null;
  'connection.list': ConnectionView[];
  'sync.now': { polled: boolean };
  'work.state': WorkState;
  'pull.next': PullOutcome;
  /** What the skip did, and what Pull next offers now: "You skipped #12 (Too big for now). Pull next now offers #14." */
  'pull.skip': PullOutcome;
  'ticket.done': PullOutcome;
  'timer.pause': null;
  'timer.resume': null;
  'timer.stop': null;
  'timer.note': null;
  'idle.resolve': null;
  'outbox.retry': null;
  'outbox.discard': null;
  'test.idle': null;
  'test.enqueue': { queued: number };
  'board.open': null;
  'settings.get': Settings;
  'settings.save': Settings;
  'board.connection': BoardConnection | null;
  'board.snapshot': (BoardSnapshot & BoardChangeCursor) | null;
  'board.changes': BoardChanges;
  'board.overlay': null;
  'card.move': MoveResult;
  'board.ready.order': null;
  'board.config.get': BoardConfigView | null;
  'board.config.save': BoardConfigSet;
  'board.config.export': { fileName: string; text: string };
  'board.config.import': BoardConfigSet;
  // Insights
  'insights.history': InsightsContext | null;
  'insights.backfill': InsightsContext | null;
  'insights.headline': BoardHeadline | null;
  'insights.open': null;
}

export interface ErrorView {
  kind: string;
  /** What happened and what to do next, ready to show. */
  message: string;
}

export type Reply<T extends RequestType> = { ok: true; value: ResponseMap[T] } | { ok: false; error: ErrorView };

/** Broadcast from the background to extension pages when the cache changes. */
export type CacheEvent =
  | { type: 'tickets'; connectionId: string; changed: string[]; removed: string[] }
  | { type: 'sync'; connectionId: string }
  | { type: 'connections' }
  | { type: 'work' }
  /** A board configuration was saved (designer, import, Ready order). */
  | { type: 'board'; connectionId: string };

// The board's wire types: what a board view gets from the background.

export interface BoardConnection {
  id: string;
  kind: PsaKind;
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

/** What the Insights page needs besides the history it reads itself: the board, its columns, the backfill's progress. */
export interface InsightsContext {
  connectionId: string;
  kind: PsaKind;
  /** The PSA's board (service board, queue, team) and the board configuration's columns. */
  boardName: string | null;
  columns: ColumnDef[];
  statuses: Status[];
  priorities: Priority[];
  members: Member[];
  backfill: Pick<BackfillState, 'done' | 'tickets' | 'requests' | 'from' | 'nextBefore' | 'startedAt' | 'finishedAt' | 'lastError'> | null;
  historyCount: number;
}

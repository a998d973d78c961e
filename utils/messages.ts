/**
 * The one message protocol between Pullboard's contexts and the background. Messages name what they
 * ask for (`pull.next`, `connection.test`), never "call this URL": no message carries credentials out of
 * the background or lets a page drive the PSA API directly.
 *
 * The background validates every request with these schemas and checks who sent it
 * (see `utils/background/router.ts`). Senders import only the types (and `utils/messaging/client.ts`),
 * so zod never enters the content script's bundle.
 */
import { z } from 'zod';
import type { Board, Member } from './psa/model';
import type { BoardChangeCursor, BoardChanges, BoardConfigView, BoardConnection, BoardSnapshot, MoveResult } from './ui/board-feed';
import type { BoardConfigSet } from './store/board-config-schema';
import type { InsightsContext } from './background/insights';
import type { BoardHeadline } from './flow/metrics/insights';

/** Optional text: the form sends null for a blank field. */
const optionalText = z.string().trim().min(1).nullable();
const optionalEmail = z.string().trim().email('Your e-mail must look like name@example.com').nullable();

const ConnectWiseDraft = z.object({
  kind: z.literal('connectwise'),
  /** Present when editing a saved connection. */
  id: z.string().optional(),
  siteUrl: z.string().trim().url('Site URL must be a full address like https://na.myconnectwise.net'),
  companyId: z.string().trim().min(1, 'Company ID is required'),
  /** Keys left blank on a saved connection keep the stored ones. */
  publicKey: z.string().trim(),
  privateKey: z.string().trim(),
  clientId: z.string().trim().min(1, 'Client ID is required'),
  boardId: z.string().nullable(),
});

const AutotaskDraft = z.object({
  kind: z.literal('autotask'),
  id: z.string().optional(),
  userName: z.string().trim().min(1, 'API user name is required'),
  /** Left blank on a saved connection: the stored secret is kept. */
  secret: z.string().trim(),
  integrationCode: z.string().trim(),
  /** What Test connection's zone discovery found; the adapter checks it against the discovery host. */
  zoneUrl: z.string().url().nullable().optional(),
  webUrl: z.string().url().nullable().optional(),
  queueId: z.string().nullable(),
  meResourceId: optionalText,
  meEmail: optionalEmail,
});

const HaloDraft = z.object({
  kind: z.literal('halo'),
  id: z.string().optional(),
  url: z.string().trim().url('Halo URL must be a full address like https://yourcompany.halopsa.com'),
  clientId: z.string().trim().min(1, 'Client ID is required'),
  /** Left blank on a saved connection: the stored secret is kept. */
  clientSecret: z.string().trim(),
  tenant: optionalText,
  authUrl: z.string().trim().url('Authorisation server must be a full address like https://yourcompany.halopsa.com/auth').nullable(),
  teamId: z.string().nullable(),
  meAgentId: optionalText,
  meEmail: optionalEmail,
});

const ConnectionDraft = z.discriminatedUnion('kind', [ConnectWiseDraft, AutotaskDraft, HaloDraft]);
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

const ConnectionId = z.string().min(1).max(100);
const TicketId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'A ticket id is letters and digits');
const TicketRef = z.object({ connectionId: ConnectionId, ticketId: TicketId });
const BoardId = z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'A board id is letters, digits, - or _');

export const Settings = z.object({
  /** Personal WIP limit: Pull next refuses at this many tickets in progress. */
  wipLimit: z.number().int().min(1, 'The WIP limit is at least 1').max(5, 'The WIP limit is at most 5'),
  /** This tech's skills; tickets needing another skill are not offered. Empty: everything. */
  skills: z.array(z.string().trim().min(1).max(40)).max(50),
  /** Time entries are rounded up to this many minutes (1 = exact). Defaults let older settings parse. */
  roundingMinutes: z.union([z.literal(1), z.literal(6), z.literal(15), z.literal(30)]).default(6),
  /** No time entry is shorter than this (minutes). */
  minimumMinutes: z.number().int().min(0).max(60).default(0),
  /** After this many minutes without input the timer pauses and asks, on return, whether to keep the time. */
  idleMinutes: z.number().int().min(1, 'Idle detection needs at least 1 minute').max(240).default(10),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = { wipLimit: 2, skills: [], roundingMinutes: 6, minimumMinutes: 0, idleMinutes: 10 };

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection.test'), connection: ConnectionDraft }),
  z.object({ type: z.literal('connection.save'), connection: ConnectionDraft }),
  z.object({ type: z.literal('connection.remove'), connectionId: ConnectionId }),
  z.object({ type: z.literal('connection.list') }),
  z.object({ type: z.literal('sync.now'), connectionId: ConnectionId.optional() }),
  /** The tech's work: WIP, timer, next ticket. `pageTicketId` is the ticket the asking PSA page shows. */
  z.object({ type: z.literal('work.state'), pageTicketId: TicketId.nullable().optional() }),
  z.object({ type: z.literal('pull.next') }),
  /** Done → pull next, from the ticket's own page: move it to the board's done status, log, pull. */
  z.object({ type: z.literal('ticket.done'), ticketId: TicketId }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume'), ticket: TicketRef }),
  z.object({ type: z.literal('timer.stop'), ticket: TicketRef }),
  /** The note for the running timer's next time entry. */
  z.object({ type: z.literal('timer.note'), note: z.string().max(2_000, 'A time note is at most 2,000 characters') }),
  /** After being away: keep the away time on the ticket, or drop it. */
  z.object({ type: z.literal('idle.resolve'), keep: z.boolean() }),
  /** A write that failed for good: send it again (the user fixed the cause) or discard it. */
  z.object({ type: z.literal('outbox.retry'), id: z.number().int().positive() }),
  z.object({ type: z.literal('outbox.discard'), id: z.number().int().positive() }),
  /** Test builds only: what chrome.idle would report. */
  z.object({ type: z.literal('test.idle'), state: z.enum(['active', 'idle', 'locked']) }),
  /** Test builds only: queue writes as the board and the timers would, many at once. */
  z.object({
    type: z.literal('test.enqueue'),
    writes: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('move'), ticketId: TicketId, statusId: z.string().max(40) }),
          z.object({ kind: z.literal('time'), ticketId: TicketId, start: z.string().max(40), end: z.string().max(40), hours: z.number(), notes: z.string().max(200) }),
        ]),
      )
      .max(500),
  }),
  z.object({ type: z.literal('board.open') }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.save'), settings: Settings }),
  /** The board (side panel, the board over a PSA page, the designer). */
  z.object({ type: z.literal('board.connection') }),
  z.object({ type: z.literal('board.snapshot'), boardId: BoardId.nullable() }),
  /** Changes since `since` of the background's change log `epoch`, for the board over a PSA page. */
  z.object({ type: z.literal('board.changes'), boardId: BoardId, epoch: z.string().max(64), since: z.number().int().min(0) }),
  /** Shows the full-page board over the asking PSA page (its script is injected only then). */
  z.object({ type: z.literal('board.overlay') }),
  z.object({
    type: z.literal('card.move'),
    connectionId: ConnectionId,
    boardId: BoardId,
    ticketId: TicketId,
    toColumnId: z.string().min(1).max(60),
    expectedUpdated: z.string().max(40),
    expectedStatusId: z.string().max(40),
  }),
  /** A dispatcher's order of Ready: kept in the board configuration, never written to the PSA. */
  z.object({ type: z.literal('board.ready.order'), connectionId: ConnectionId, boardId: BoardId, order: z.array(TicketId).max(2_000) }),
  z.object({ type: z.literal('board.config.get'), connectionId: ConnectionId.optional() }),
  /** `config` is checked by the board configuration's own schema, so a problem is named field by field. */
  z.object({ type: z.literal('board.config.save'), connectionId: ConnectionId, config: z.unknown() }),
  z.object({ type: z.literal('board.config.export'), connectionId: ConnectionId }),
  z.object({ type: z.literal('board.config.import'), connectionId: ConnectionId, text: z.string().max(5_000_000, 'The file is larger than 5 MB: that is not a board configuration.') }),
  // ---- Insights (handlers in utils/background/insights.ts) ----
  /** What the Insights page needs besides the history it reads itself: the board, its columns, the backfill's progress. */
  z.object({ type: z.literal('insights.history') }),
  /** Load more history now, if the backfill's spacing allows (the page asks while it shows "loading history"). */
  z.object({ type: z.literal('insights.backfill') }),
  /** The board header's figures: lead-time p85, arrivals and departures today. */
  z.object({ type: z.literal('insights.headline'), offsetMinutes: z.number().int().min(-900).max(900) }),
  /** Opens the Insights page in a tab (from the popup, the board, options). */
  z.object({ type: z.literal('insights.open') }),
  // ---- end of Insights ----
]);
export type Request = z.infer<typeof Request>;
export type RequestType = Request['type'];

/** Requests a PSA page (the content script) may send; everything else needs an extension page. */
export const PAGE_REQUESTS = new Set<RequestType>([
  'work.state',
  'pull.next',
  'ticket.done',
  'timer.pause',
  'timer.resume',
  'timer.stop',
  'timer.note',
  'idle.resolve',
  'outbox.retry',
  'outbox.discard',
  'board.open',
  'sync.now',
  // The full-page board over a PSA page: what it shows, its changes, and the moves a lead makes on it.
  'board.connection',
  'board.snapshot',
  'board.changes',
  'board.overlay',
  'card.move',
  'board.ready.order',
  // The board over a PSA page shows the header figures and opens Insights.
  'insights.headline',
  'insights.open',
]);



interface ConnectionViewBase {
  id: string;
  /** The board Pullboard shows: ConnectWise service board, Autotask queue, Halo team. */
  boardId: string | null;
  boardName: string | null;
  me: Member | null;
  /** The last sync's failure, as the user should read it (401: check the keys), or null. */
  problem: { kind: string; message: string; at: number } | null;
  syncedAt: number | null;
}

/** A connection as the UIs see it: no secret, keys masked to their last four characters. */
export type ConnectionView =
  | (ConnectionViewBase & { kind: 'connectwise'; siteUrl: string; companyId: string; clientId: string; publicKeyHint: string })
  | (ConnectionViewBase & {
      kind: 'autotask';
      userName: string;
      secretHint: string;
      integrationCodeHint: string;
      zoneUrl: string | null;
      webUrl: string | null;
      meResourceId: string | null;
      meEmail: string | null;
    })
  | (ConnectionViewBase & {
      kind: 'halo';
      url: string;
      clientId: string;
      clientSecretHint: string;
      tenant: string | null;
      authUrl: string | null;
      meAgentId: string | null;
      meEmail: string | null;
    });

export interface ConnectionTestResult {
  /** Null when the credentials belong to an API user or application: `members` lists whom to choose. */
  me: Member | null;
  /** Why "me" is unknown, as the user should read it. */
  meProblem: string | null;
  /** The technicians to choose "me" from, when `me` is null. */
  members: Member[];
  boards: Board[];
  board: Board | null;
  openTickets: number | null;
  /** Autotask: the zone discovery found. */
  zone: { zoneUrl: string; webUrl: string } | null;
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

export { CACHE_CHANNEL, WORK_PORT } from './messaging/channels';

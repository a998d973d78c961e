/**
 * The requests of Pullboard's one message protocol: what every context may ask the background. Requests
 * name what they ask for (`pull.next`, `connection.test`), never "call this URL": no request carries
 * credentials out of the background or lets a page drive the PSA API directly.
 *
 * The background validates every request with these schemas and checks who sent it
 * (`utils/background/router.ts`). Senders import only the types (and `./client`), so zod never enters
 * the content script's bundle.
 */
import { z } from 'zod';
import { ConnectionDraft } from '../psa/kinds';
import { Settings } from '../store/settings-store';
import { SKIP_NOTE_MAX, SKIP_REASONS } from '../flow/skips';

const ConnectionId = z.string().min(1).max(100);
const TicketId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'A ticket id is letters and digits');
const TicketRef = z.object({ connectionId: ConnectionId, ticketId: TicketId });
const BoardId = z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'A board id is letters, digits, - or _');

/** What the shipped build accepts. */
const productRequests = [
  z.object({ type: z.literal('connection.test'), connection: ConnectionDraft }),
  z.object({ type: z.literal('connection.save'), connection: ConnectionDraft }),
  /** `discardUnsent`: the user saw how many writes have not reached the PSA and removes the connection anyway. */
  z.object({ type: z.literal('connection.remove'), connectionId: ConnectionId, discardUnsent: z.boolean().optional() }),
  z.object({ type: z.literal('connection.list') }),
  z.object({ type: z.literal('sync.now'), connectionId: ConnectionId.optional() }),
  /** The tech's work: WIP, timer, next ticket. `pageTicketId` is the ticket the asking PSA page shows. */
  z.object({ type: z.literal('work.state'), pageTicketId: TicketId.nullable().optional() }),
  z.object({ type: z.literal('pull.next') }),
  /** The tech passes on the ticket Pull next offers them, with a reason; "other" says what in a few words. */
  z
    .object({
      type: z.literal('pull.skip'),
      connectionId: ConnectionId,
      ticketId: TicketId,
      reason: z.enum(SKIP_REASONS, 'Choose why you skip it: a skill you lack, waiting on the client, too big for now, or other'),
      note: z.string().trim().max(SKIP_NOTE_MAX, `Say why in at most ${SKIP_NOTE_MAX} characters`).optional(),
    })
    .refine((r) => r.reason !== 'other' || Boolean(r.note), { message: 'Say in a few words why you skip it', path: ['note'] }),
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
] as const;

/** Test builds only: hooks the end-to-end tests drive. Built on demand, so the shipped build carries none of it. */
function testRequests() {
  return [
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
  ] as const;
}

type AnyRequest = z.infer<(typeof productRequests)[number]> | z.infer<ReturnType<typeof testRequests>[number]>;

/** Every request the background accepts: the product's, and in a test build (`__TEST__`) the test hooks. */
export const Request: z.ZodType<AnyRequest> = __TEST__
  ? z.discriminatedUnion('type', [...productRequests, ...testRequests()])
  : z.discriminatedUnion('type', productRequests);
export type Request = AnyRequest;
export type RequestType = Request['type'];
export type TestRequestType = z.infer<ReturnType<typeof testRequests>[number]>['type'];

/** Every request type this build accepts. */
export const REQUEST_TYPES: readonly RequestType[] = [...productRequests, ...(__TEST__ ? testRequests() : [])].map((schema) => schema.shape.type.value);

/**
 * Requests a PSA page may send: exactly what the dock and the board over the page send, no more. The
 * background binds each to the page's own connection (and `ticket.done` to the page's own ticket).
 */
export const PAGE_REQUESTS = new Set<RequestType>([
  // The dock.
  'work.state',
  'pull.next',
  'pull.skip',
  'ticket.done',
  'timer.pause',
  'timer.stop',
  'idle.resolve',
  'board.open',
  // The full-page board over a PSA page: what it shows, its changes, and the moves a lead makes on it.
  'sync.now',
  'board.snapshot',
  'board.changes',
  'board.overlay',
  'card.move',
  'board.ready.order',
  // The board over a PSA page shows the header figures and opens Insights.
  'insights.headline',
  'insights.open',
]);

/** Requests only extension pages (options, side panel, popup) may send: every request is in exactly one of the two lists. */
export const EXTENSION_REQUESTS = new Set<RequestType>([
  // The popup: the timer's note, resuming a paused timer, failed writes.
  'timer.resume',
  'timer.note',
  'outbox.retry',
  'outbox.discard',
  // The side panel and the options page.
  'board.connection',
  'connection.test',
  'connection.save',
  'connection.remove',
  'connection.list',
  'settings.get',
  'settings.save',
  'board.config.get',
  'board.config.save',
  'board.config.export',
  'board.config.import',
  'insights.history',
  'insights.backfill',
  'test.idle',
  'test.enqueue',
]);

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

const ConnectionDraft = z.object({
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
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

const ConnectionId = z.string().min(1).max(100);

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection.test'), connection: ConnectionDraft }),
  z.object({ type: z.literal('connection.save'), connection: ConnectionDraft }),
  z.object({ type: z.literal('connection.remove'), connectionId: ConnectionId }),
  z.object({ type: z.literal('connection.list') }),
  z.object({ type: z.literal('sync.now'), connectionId: ConnectionId.optional() }),
  z.object({ type: z.literal('dock.state') }),
  z.object({ type: z.literal('board.open') }),
]);
export type Request = z.infer<typeof Request>;
export type RequestType = Request['type'];

/** Requests a PSA page (the content script) may send; everything else needs an extension page. */
export const PAGE_REQUESTS = new Set<RequestType>(['dock.state', 'board.open', 'sync.now']);

/** A connection as the UIs see it: no private key, the public key masked. */
export interface ConnectionView {
  id: string;
  kind: 'connectwise';
  siteUrl: string;
  companyId: string;
  clientId: string;
  publicKeyHint: string;
  boardId: string | null;
  boardName: string | null;
  me: Member | null;
}

export interface ConnectionTestResult {
  me: Member;
  boards: Board[];
  board: Board | null;
  openTickets: number | null;
}

export interface DockState {
  connected: boolean;
  connectionId: string | null;
  me: Member | null;
  boardName: string | null;
  /** Tickets assigned to me in the board's in-progress statuses. */
  wip: number;
  wipLimit: number;
  syncedAt: number | null;
  problem: string | null;
}

export interface ResponseMap {
  'connection.test': ConnectionTestResult;
  'connection.save': ConnectionView;
  'connection.remove': null;
  'connection.list': ConnectionView[];
  'sync.now': { polled: boolean };
  'dock.state': DockState;
  'board.open': null;
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
  | { type: 'connections' };

export const CACHE_CHANNEL = 'pullboard-cache';

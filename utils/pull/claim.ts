/**
 * The claim: none of the PSAs can write conditionally, so Pull next re-reads the candidate, writes
 * "assignee = me, status = in progress", confirms from the write's answer, and re-reads once more a
 * moment later — a tech who wrote at the same instant as another finds out then, and moves on.
 */
import type { Psa } from '../psa/psa';
import type { Ticket } from '../psa/model';
import { PsaError } from '../psa/errors';

export const RECHECK_DELAY_MS = 2_500;
/**
 * How long one press of Pull next keeps trying after lost races: a rush of the whole team settles in
 * a few rounds, each a re-check long. Past it the tech is told what happened.
 */
export const CLAIM_BUDGET_MS = 20_000;
/** A ceiling on candidates tried in one press, whatever the clock says (a PSA answering instantly). */
export const MAX_CLAIM_ATTEMPTS = 40;

export interface ClaimRequest {
  psa: Psa;
  meId: string;
  inProgressStatusId: string;
  /** Candidates in the order to try them, as the cache knows them. */
  candidates: readonly Ticket[];
  sleep?: (ms: number) => Promise<void>;
  recheckDelayMs?: number;
  /** Every ticket read or written on the way, so the cache can learn from it. */
  onTicketSeen?: (ticket: Ticket) => void;
  /** The write's answer says the ticket is mine: the UI may open it now, before the re-check. */
  onWriteConfirmed?: (ticket: Ticket) => void;
  /** The re-check found someone else on a ticket `onWriteConfirmed` announced. */
  onLostAfterConfirm?: (skip: Skip) => void;
  /**
   * Tickets changed since a moment (an incremental query, one request). After a lost race the claim
   * asks it what else was taken meanwhile, so it does not walk into the next race blind.
   */
  changedSince?: (sinceIso: string) => Promise<Ticket[]>;
  /**
   * After a lost race and a fresh view: the candidates still left, in the order to try them. Techs
   * who lost together spread apart again this way (see rushOrder in ./plan). Default: unchanged.
   */
  respread?: (remaining: readonly Ticket[], seen: readonly Ticket[]) => Ticket[];
  /** How long to keep trying after lost races (default CLAIM_BUDGET_MS). */
  budgetMs?: number;
  now?: () => number;
  /**
   * Records the write before it is sent and settles it after, so a worker stopped mid-claim leaves a
   * trace the outbox can check (see utils/outbox).
   */
  journal?: { before(ticket: Ticket): Promise<number>; after(token: number): Promise<void> };
}

/** A candidate that was not claimed, and why — told to the tech ("#12 was taken by Ann a moment ago"). */
export interface Skip {
  ticket: Ticket;
  reason: string;
}

export type ClaimResult =
  | { kind: 'claimed'; ticket: Ticket; skipped: Skip[]; requests: number }
  | { kind: 'none'; skipped: Skip[]; requests: number; message: string };

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why a fresh copy of the candidate is no longer the ticket the ranking chose, or null if it still is. */
export function changedSince(cached: Ticket, fresh: Ticket, meId: string): string | null {
  if (fresh.closed) return `${fresh.number} was closed a moment ago`;
  if (fresh.assignee && fresh.assignee.id !== meId) return `${fresh.number} was taken by ${fresh.assignee.name} a moment ago`;
  if (fresh.status.id !== cached.status.id) return `${fresh.number} moved to ${fresh.status.name} a moment ago`;
  if (fresh.updated !== cached.updated) return `${fresh.number} was changed a moment ago`;
  return null;
}

/**
 * Tries the candidates in order until one is claimed and confirmed. Requests per claimed ticket:
 * one read, one write, one delayed re-read. A PSA failure other than a lost race stops the pull
 * with the PSA's own message: nothing half-written is left behind, since the write is the only
 * change and it either landed (the re-read tells) or it did not.
 */
export async function claimNext(request: ClaimRequest): Promise<ClaimResult> {
  const { psa, meId, inProgressStatusId } = request;
  const sleep = request.sleep ?? sleepFor;
  const seen = request.onTicketSeen ?? (() => undefined);
  const now = request.now ?? Date.now;
  const skipped: Skip[] = [];
  let requests = 0;
  let attempts = 0;
  let queue = [...request.candidates];
  const deadline = now() + (request.budgetMs ?? CLAIM_BUDGET_MS);
  // A second before the pull: PSAs stamp changes to the second, and the query is inclusive.
  const startedAt = new Date(now() - 1_000).toISOString();
  /** After losing `lost`: drops what else was taken meanwhile, and orders the rest afresh. */
  const learnWhatWasTaken = async (lost: Ticket): Promise<void> => {
    if (queue.length === 0) return;
    if (!request.changedSince) {
      if (request.respread) queue = request.respread(queue, [lost]);
      return;
    }
    requests++;
    const changed = new Map((await request.changedSince(startedAt)).map((t) => [t.id, t]));
    changed.set(lost.id, changed.get(lost.id) ?? lost);
    for (let i = queue.length - 1; i >= 0; i--) {
      const fresh = changed.get(queue[i]!.id);
      if (!fresh) continue;
      seen(fresh);
      const change = changedSince(queue[i]!, fresh, meId);
      if (change) {
        skipped.push({ ticket: fresh, reason: change });
        queue.splice(i, 1);
      }
    }
    if (request.respread) queue = request.respread(queue, [...changed.values()]);
  };
  while (queue.length > 0 && attempts < MAX_CLAIM_ATTEMPTS && (attempts === 0 || now() < deadline)) {
    const cached = queue.shift()!;
    attempts++;
    requests++;
    const fresh = await psa.getTicket(cached.id).catch((error: unknown) => {
      if (error instanceof PsaError && error.kind === 'notFound') return null;
      throw error;
    });
    if (!fresh) {
      skipped.push({ ticket: cached, reason: `${cached.number} no longer exists` });
      continue;
    }
    seen(fresh);
    const change = changedSince(cached, fresh, meId);
    if (change) {
      skipped.push({ ticket: fresh, reason: change });
      await learnWhatWasTaken(fresh);
      continue;
    }
    requests++;
    const token = await request.journal?.before(fresh);
    const written = await psa.updateTicket(fresh.id, { statusId: inProgressStatusId, assigneeId: meId });
    if (token !== undefined) await request.journal?.after(token);
    seen(written);
    if (written.assignee?.id !== meId) {
      skipped.push({ ticket: written, reason: `${written.number} was taken by ${written.assignee?.name ?? 'someone else'} at the same moment` });
      await learnWhatWasTaken(written);
      continue;
    }
    request.onWriteConfirmed?.(written);
    // Someone who read the ticket before our write may still overwrite it: look once more.
    await sleep(request.recheckDelayMs ?? RECHECK_DELAY_MS);
    requests++;
    const settled = await psa.getTicket(fresh.id);
    seen(settled);
    if (settled.assignee?.id !== meId) {
      const skip = { ticket: settled, reason: `${settled.number} was taken by ${settled.assignee?.name ?? 'someone else'} at the same moment` };
      skipped.push(skip);
      request.onLostAfterConfirm?.(skip);
      await learnWhatWasTaken(settled);
      continue;
    }
    return { kind: 'claimed', ticket: settled, skipped, requests };
  }
  const message =
    skipped.length === 0
      ? 'Nothing in Ready matches you right now: no unassigned ticket passes the Definition of Ready for your skills.'
      : `No ticket claimed: ${summarizeSkips(skipped)}. Press Pull next again to try the next ones.`;
  return { kind: 'none', skipped, requests, message };
}

/** The first few reasons and a count of the rest: enough to trust, short enough to read. */
export function summarizeSkips(skipped: readonly Skip[], shown = 3): string {
  const head = skipped.slice(0, shown).map((s) => s.reason);
  const more = skipped.length - head.length;
  return more > 0 ? `${head.join('; ')}; and ${more} more` : head.join('; ');
}

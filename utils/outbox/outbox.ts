/**
 * The outbox: every write to a PSA is stored before it is sent, sent in order per ticket, retried
 * with backoff (and the PSA's Retry-After), and checked against the PSA before a retry whenever the
 * last attempt may have landed — so a claim or a move survives a stopped worker or an offline hour,
 * and a time entry is never logged twice.
 */
import type { Psa } from '../psa/psa';
import type { Ticket } from '../psa/model';
import { PsaError } from '../psa/errors';
import { wordsOf } from '../psa/kinds';
import { addOutboxEntry, loadOutbox, putOutboxEntry, pruneOutbox } from '../store/outbox-store';
import type { OutboxEntry, OutboxWrite } from '../store/outbox-entry';

export const BASE_RETRY_MS = 2_000;
export const MAX_RETRY_MS = 5 * 60_000;
/** Sent at once, across tickets; writes to one ticket always go one at a time, oldest first. */
export const PARALLEL_TICKETS = 3;
/** How long a request cut off by a stopped worker or a timeout may still take to reach the PSA (the adapters' timeout). */
export const IN_FLIGHT_GRACE_MS = 30_000;

export interface OutboxDeps {
  psaFor: (connectionId: string) => Promise<Psa | null>;
  now: () => number;
  /** A write landed and the PSA answered with the ticket: the cache learns it. */
  onTicket?: (connectionId: string, ticket: Ticket) => Promise<void> | void;
  /** Something in the outbox changed: the UIs re-read it. */
  onChange?: () => void;
}

export interface NewWrite {
  connectionId: string;
  ticketId: string;
  ticketNumber: string;
  label: string;
  write: OutboxWrite;
}

/** Stores a write; it is sent by the next `drainOutbox`. */
export async function enqueueWrite(write: NewWrite, now: number): Promise<OutboxEntry> {
  return addOutboxEntry({
    ...write,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    doneAt: null,
    outcomeUnknown: false,
    lastError: null,
  });
}

/** Exponential backoff with jitter, capped; the PSA's Retry-After wins when it says more. */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Failures a retry cannot fix: the user decides (copy or discard). */
const PERMANENT = new Set(['forbidden', 'notFound', 'badRequest', 'conflict', 'config']);

export interface DrainResult {
  sent: number;
  failed: number;
  waiting: number;
  /** When the next pending entry is due (ms since epoch), or null when none waits. */
  nextDueAt: number | null;
}

let draining: Promise<DrainResult> | null = null;
let recovered = false;

/** For tests: behave as a freshly started worker. */
export function forgetRecovery(): void {
  recovered = false;
}

let askedAgain = false;

/**
 * Sends what is due. Concurrent calls share one run; a call made while a run is under way (a write
 * queued meanwhile) gets a second run after it, so nothing waits for the next alarm.
 */
export function drainOutbox(deps: OutboxDeps): Promise<DrainResult> {
  if (draining) {
    askedAgain = true;
    return draining;
  }
  const run = async (): Promise<DrainResult> => {
    let result: DrainResult;
    do {
      askedAgain = false;
      result = await runDrain(deps);
    } while (askedAgain);
    return result;
  };
  draining = run().finally(() => {
    draining = null;
  });
  return draining;
}

async function runDrain(deps: OutboxDeps): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, waiting: 0, nextDueAt: null };
  await pruneOutbox(deps.now());
  // Loop until nothing more is due: a landed write may unblock the next one for its ticket.
  if (!recovered) {
    // Entries left 'sending' by a worker that was stopped: their outcome is unknown. Only at the
    // first drain of a worker — later, 'sending' means in flight in this one (a claim, say).
    recovered = true;
    for (const entry of await loadOutbox()) {
      if (entry.state !== 'sending') continue;
      // The dead worker's request may still be on its way to the PSA: look only once it must have
      // arrived, or a check made too early would send the write a second time.
      const lookAt = (entry.sentAt ?? 0) + IN_FLIGHT_GRACE_MS;
      await putOutboxEntry({ ...entry, state: 'pending', outcomeUnknown: true, nextAttemptAt: Math.max(entry.nextAttemptAt, lookAt) });
    }
  }
  for (;;) {
    const entries = await loadOutbox();
    const heads = headsPerTicket(entries);
    const now = deps.now();
    const due = heads.filter((e) => e.nextAttemptAt <= now);
    result.waiting = entries.filter((e) => e.state === 'pending').length;
    result.nextDueAt = heads.filter((e) => e.nextAttemptAt > now).reduce<number | null>((min, e) => (min === null ? e.nextAttemptAt : Math.min(min, e.nextAttemptAt)), null);
    if (due.length === 0) return result;
    let progressed = false;
    for (let i = 0; i < due.length; i += PARALLEL_TICKETS) {
      const outcomes = await Promise.all(due.slice(i, i + PARALLEL_TICKETS).map((entry) => sendOne(entry, deps)));
      for (const outcome of outcomes) {
        if (outcome === 'done') {
          result.sent++;
          progressed = true;
        } else if (outcome === 'failed') {
          result.failed++;
          progressed = true;
        }
      }
      deps.onChange?.();
    }
    if (!progressed) {
      const after = await loadOutbox();
      result.waiting = after.filter((e) => e.state === 'pending').length;
      const pendingHeads = headsPerTicket(after);
      result.nextDueAt = pendingHeads.reduce<number | null>((min, e) => (min === null ? e.nextAttemptAt : Math.min(min, e.nextAttemptAt)), null);
      return result;
    }
  }
}

/** The oldest unfinished entry of each ticket: only it may be sent, so writes land in order. */
function headsPerTicket(entries: readonly OutboxEntry[]): OutboxEntry[] {
  const heads = new Map<string, OutboxEntry>();
  for (const entry of entries) {
    if (entry.state !== 'pending') continue;
    const key = `${entry.connectionId}:${entry.ticketId}`;
    if (!heads.has(key)) heads.set(key, entry);
  }
  return [...heads.values()];
}

async function sendOne(entry: OutboxEntry, deps: OutboxDeps): Promise<'done' | 'failed' | 'retry'> {
  // The browser knows it is offline: no request, the 'online' event brings the outbox back.
  if (globalThis.navigator?.onLine === false) {
    Object.assign(entry, { nextAttemptAt: deps.now() + retryDelayMs(Math.max(1, entry.attempts), undefined), lastError: { kind: 'network', message: 'Offline: the change waits here and goes out when the network is back.' } });
    await putOutboxEntry(entry);
    return 'retry';
  }
  const psa = await deps.psaFor(entry.connectionId);
  if (!psa) {
    return settleFailed(entry, { kind: 'config', message: 'The connection this write was for was removed. Copy the change and make it in the PSA, or discard it.' });
  }
  try {
    if (entry.outcomeUnknown && (await alreadyLanded(entry, psa, deps))) {
      return settleDone(entry, deps);
    }
    if (entry.write.kind === 'claim') {
      return settleFailed(entry, { kind: 'interrupted', message: `Pull next was interrupted before ${entry.ticketNumber} became yours, and it is not retried later. Press Pull next again.` });
    }
    entry.state = 'sending';
    entry.attempts++;
    entry.sentAt = deps.now();
    await putOutboxEntry(entry);
    if (entry.write.kind === 'update') {
      const ticket = await psa.updateTicket(entry.ticketId, entry.write.change);
      await deps.onTicket?.(entry.connectionId, ticket);
    } else {
      await psa.addTimeEntry(entry.write.entry);
    }
    return settleDone(entry, deps);
  } catch (error) {
    return settleError(entry, error, deps);
  }
}

/** Whether a write whose answer was lost is already in the PSA. Throws when it cannot tell. */
async function alreadyLanded(entry: OutboxEntry, psa: Psa, deps: OutboxDeps): Promise<boolean> {
  if (entry.write.kind === 'update' || entry.write.kind === 'claim') {
    const ticket = await psa.getTicket(entry.ticketId);
    const { statusId, assigneeId } = entry.write.change;
    const landed =
      (statusId === undefined || ticket.status.id === statusId) &&
      (assigneeId === undefined || (ticket.assignee?.id ?? null) === assigneeId);
    if (landed) await deps.onTicket?.(entry.connectionId, ticket);
    return landed;
  }
  const { entry: time } = entry.write;
  if (!psa.findTimeEntries) {
    const words = wordsOf(psa.kind);
    throw new PsaError({
      kind: 'config',
      psa: { name: words.short, credentials: words.credentials },
      userMessage: `Pullboard cannot check whether this time entry reached ${words.short}, so it will not send it again: look for it on ${entry.ticketNumber} in ${words.short}, then discard or copy it.`,
    });
  }
  const found = await psa.findTimeEntries({ ticketId: time.ticketId, memberId: time.memberId, start: time.start });
  return found.length > 0;
}

async function settleDone(entry: OutboxEntry, deps: OutboxDeps): Promise<'done'> {
  Object.assign(entry, { state: 'done', doneAt: deps.now(), outcomeUnknown: false, lastError: null });
  await putOutboxEntry(entry);
  return 'done';
}

async function settleFailed(entry: OutboxEntry, error: { kind: string; message: string }): Promise<'failed'> {
  Object.assign(entry, { state: 'failed', lastError: error });
  await putOutboxEntry(entry);
  return 'failed';
}

async function settleError(entry: OutboxEntry, error: unknown, deps: OutboxDeps): Promise<'failed' | 'retry'> {
  const psaError = error instanceof PsaError ? error : null;
  const kind = psaError?.kind ?? 'unexpected';
  const message = psaError?.userMessage ?? `Pullboard could not send this write: ${String((error as Error)?.message ?? error)}`;
  if (PERMANENT.has(kind)) return settleFailed(entry, { kind, message });
  // A request that reached the PSA without a readable answer may have landed: check before resending.
  const mayHaveLanded = psaError ? psaError.outcomeUnknown || kind === 'malformed' || kind === 'timeout' || kind === 'network' : true;
  // Wrong credentials are retried slowly: the write waits for the user to fix them in options. A
  // timed-out request may still land: it is looked for only after it must have.
  const delay = kind === 'auth' ? MAX_RETRY_MS : kind === 'timeout' ? IN_FLIGHT_GRACE_MS : retryDelayMs(entry.attempts, psaError?.retryAfterMs);
  Object.assign(entry, {
    state: 'pending',
    outcomeUnknown: entry.outcomeUnknown || (mayHaveLanded && entry.state === 'sending'),
    nextAttemptAt: deps.now() + delay,
    lastError: { kind, message },
  });
  await putOutboxEntry(entry);
  return 'retry';
}

/** Sends a failed entry again from now (the user fixed what was wrong). */
export async function retryEntry(entry: OutboxEntry, now: number): Promise<void> {
  await putOutboxEntry({ ...entry, state: 'pending', nextAttemptAt: now, lastError: null, outcomeUnknown: true });
}

/**
 * History from day one: on connecting, the board's tickets closed in the last 180 days are loaded
 * through the adapter (closed only, one window of last-updated time at a time, pages at the PSA's
 * maximum), a few requests per run, runs spaced by an alarm; from then on every closed ticket the sync
 * sees is recorded as it closes (no request of its own), and history older than 180 days is pruned.
 *
 * What it costs: one request per page of closed tickets (ConnectWise 1,000 a page, Autotask 500, Halo
 * 100), plus the adapter's discovery and sign-in. A window that outgrows a run's budget is halved and
 * tried again at the next run, so a large desk is spread over several runs, a small one needs one.
 * Autotask's 10,000 requests an hour are shared by the whole MSP: there a run spends at most 20
 * requests, every 2 minutes at most — 600 an hour, 6% of the budget, and only while the backfill lasts.
 */
import { browser } from 'wxt/browser';
import { createPsa } from '../psa';
import { PsaError } from '../psa/errors';
import type { Psa } from '../psa/psa';
import { connectionBoardId, type Connection, type PsaKind } from '../psa/kinds';
import type { Ticket } from '../psa/model';
import {
  clearHistory,
  HISTORY_MS,
  loadBackfillState,
  pruneHistory,
  recordClosedTickets,
  saveBackfillState,
  type BackfillState,
} from '../store/history';
import { loadTicketsByIds } from '../store/tickets';
import { loadConnections } from './connections';

export const HISTORY_ALARM = 'pullboard.history';
export const HISTORY_ALARM_MINUTES = 1;

export interface BackfillBudget {
  /** Requests one run may spend (a window in flight may finish its page). */
  requestsPerRun: number;
  /** The least time between two runs. */
  gapMs: number;
}

export const BACKFILL_BUDGETS: Record<PsaKind, BackfillBudget> = {
  connectwise: { requestsPerRun: 50, gapMs: 60_000 },
  autotask: { requestsPerRun: 20, gapMs: 120_000 },
  halo: { requestsPerRun: 50, gapMs: 60_000 },
};

/** A window never shrinks below a day: a day of closed tickets that outgrows a run is paged through in that run. */
const MIN_WINDOW_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 24 * 3600_000;

export function newBackfill(connectionId: string, boardId: string, now: number): BackfillState {
  return {
    connectionId,
    boardId,
    from: now - HISTORY_MS,
    nextBefore: now,
    windowMs: HISTORY_MS,
    lastRunAt: null,
    done: false,
    requests: 0,
    tickets: 0,
    startedAt: now,
    finishedAt: null,
    lastError: null,
  };
}

export interface BackfillStepDeps {
  now: () => number;
  /** Requests the adapter has sent so far (its `onRequest` count). */
  requestsSent: () => number;
  budget: BackfillBudget;
  record: (tickets: readonly Ticket[]) => Promise<number>;
}

/**
 * One run of the backfill: windows of last-updated time, newest first, until the history reaches
 * `from` or the run's budget is spent. Returns the state to keep; a PSA failure is kept in it (said
 * the way the PSA's error says it) and the next run tries the same window again.
 */
export async function backfillStep(psa: Psa, state: BackfillState, deps: BackfillStepDeps): Promise<BackfillState> {
  const startRequests = deps.requestsSent();
  const spent = () => deps.requestsSent() - startRequests;
  const next: BackfillState = { ...state, lastRunAt: deps.now(), lastError: null };
  try {
    while (!next.done && spent() < deps.budget.requestsPerRun) {
      const start = Math.max(next.from, next.nextBefore - next.windowMs);
      const query = { boardId: next.boardId, openOnly: false, closedOnly: true, updatedSince: new Date(start).toISOString(), updatedBefore: new Date(next.nextBefore).toISOString() };
      let complete = true;
      for await (const page of psa.listTickets(query)) {
        next.tickets += await deps.record(page.tickets);
        if (spent() >= deps.budget.requestsPerRun && next.windowMs > MIN_WINDOW_MS) {
          complete = false;
          break;
        }
      }
      if (!complete) {
        // Outgrew the run: the next run takes half as much time at once. What was stored stays (records are keyed).
        next.windowMs = Math.max(MIN_WINDOW_MS, Math.floor(next.windowMs / 2));
        break;
      }
      next.nextBefore = start;
      if (start <= next.from) {
        next.done = true;
        next.finishedAt = deps.now();
      }
    }
  } catch (error) {
    next.lastError = error instanceof PsaError ? error.userMessage : `Loading history failed: ${String((error as Error)?.message ?? error)}. Pullboard tries again in a minute.`;
  }
  next.requests += spent();
  return next;
}

const running = new Map<string, Promise<BackfillState | null>>();

/**
 * Runs the backfill of one connection if it is due (its own adapter, so its requests are counted apart
 * from the sync's), restarting it when the board changed, and prunes once a day.
 */
export function runHistory(connection: Connection, options: { force?: boolean } = {}): Promise<BackfillState | null> {
  const inFlight = running.get(connection.id);
  if (inFlight) return inFlight;
  const run = runHistoryNow(connection, options).finally(() => running.delete(connection.id));
  running.set(connection.id, run);
  return run;
}

async function runHistoryNow(connection: Connection, options: { force?: boolean }): Promise<BackfillState | null> {
  const boardId = connectionBoardId(connection);
  if (!boardId) return null;
  const now = Date.now();
  let state = await loadBackfillState(connection.id);
  if (state && state.boardId !== boardId) {
    await clearHistory(connection.id);
    state = null;
  }
  state ??= newBackfill(connection.id, boardId, now);
  const budget = BACKFILL_BUDGETS[connection.kind];
  const due = !state.done && (options.force || state.lastRunAt === null || now - state.lastRunAt >= budget.gapMs);
  if (due) {
    let sent = 0;
    const psa = createPsa(connection, { onRequest: () => void sent++ });
    state = await backfillStep(psa, state, { now: Date.now, requestsSent: () => sent, budget, record: (tickets) => recordClosedTickets(connection.id, tickets) });
    await saveBackfillState(state);
  } else if (state.lastRunAt === null) {
    await saveBackfillState(state);
  }
  const pruned = await lastPruned(connection.id);
  if (now - pruned >= PRUNE_EVERY_MS) {
    await pruneHistory(connection.id, now);
    await browser.storage.session.set({ [pruneKey(connection.id)]: now });
  }
  return state;
}

const pruneKey = (connectionId: string) => `history-pruned:${connectionId}`;

async function lastPruned(connectionId: string): Promise<number> {
  const value = (await browser.storage.session.get(pruneKey(connectionId)))[pruneKey(connectionId)];
  return typeof value === 'number' ? value : 0;
}

/** Every connection's history, from the alarm. */
export async function runAllHistory(): Promise<void> {
  for (const connection of await loadConnections()) {
    await runHistory(connection).catch((error: unknown) => console.warn('Pullboard: history run failed', error));
  }
}

export async function ensureHistoryAlarm(): Promise<void> {
  const existing = await browser.alarms.get(HISTORY_ALARM);
  if (!existing || existing.periodInMinutes !== HISTORY_ALARM_MINUTES) {
    await browser.alarms.create(HISTORY_ALARM, { periodInMinutes: HISTORY_ALARM_MINUTES, delayInMinutes: HISTORY_ALARM_MINUTES });
  }
}

/** After a sync: the tickets it changed that are now closed join history (reopened ones leave it). No request. */
export async function recordSyncedClosures(connectionId: string, changed: readonly string[]): Promise<void> {
  if (changed.length === 0) return;
  const tickets = await loadTicketsByIds(connectionId, [...changed]);
  await recordClosedTickets(connectionId, [...tickets.values()]);
}

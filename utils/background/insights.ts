/**
 * The Insights requests. The page reads the history itself from IndexedDB (50,000 closed tickets are
 * faster read in place than copied through a message); the background says which board it is, its
 * columns and how far the backfill has come, and runs the backfill on demand within its spacing.
 */
import { browser } from 'wxt/browser';
import { boardHeadline, type BoardHeadline } from '../flow/metrics/insights';
import { connectionBoardId } from '../psa/kinds';
import type { InsightsContext } from '../protocol/answers';
import { boardById } from '../board-config/schema';
import { loadBoardConfigSet } from '../store/board-config';
import { countHistory, historyRecord, loadBackfillState, loadHistory } from '../store/history';
import { loadSyncState } from '../store/sync-state';
import { loadTickets } from '../store/tickets';
import { loadConnections } from './connections';
import { runHistory } from './history';


async function firstConnection() {
  return (await loadConnections())[0] ?? null;
}

export async function insightsContext(): Promise<InsightsContext | null> {
  const connection = await firstConnection();
  if (!connection) return null;
  const [sync, configs, backfill, historyCount] = await Promise.all([
    loadSyncState(connection.id),
    loadBoardConfigSet(connection.id),
    loadBackfillState(connection.id),
    countHistory(connection.id),
  ]);
  const boardId = connectionBoardId(connection);
  return {
    connectionId: connection.id,
    kind: connection.kind,
    boardName: sync?.boards.find((b) => b.id === boardId)?.name ?? null,
    columns: boardById(configs.set, configs.set.defaultBoardId).columns,
    statuses: sync?.statuses ?? [],
    priorities: sync?.priorities ?? [],
    members: sync?.members ?? [],
    backfill: backfill && {
      done: backfill.done,
      tickets: backfill.tickets,
      requests: backfill.requests,
      from: backfill.from,
      nextBefore: backfill.nextBefore,
      startedAt: backfill.startedAt,
      finishedAt: backfill.finishedAt,
      lastError: backfill.lastError,
    },
    historyCount,
  };
}

export async function backfillNow(): Promise<InsightsContext | null> {
  const connection = await firstConnection();
  if (connection) await runHistory(connection);
  return insightsContext();
}

const NINETY_DAYS_MS = 90 * 24 * 3600_000;

/** History of the last 90 days, and today's closures from the cache (history may lag a sync behind). */
export async function headline(offsetMinutes: number): Promise<BoardHeadline | null> {
  const connection = await firstConnection();
  if (!connection) return null;
  const now = Date.now();
  const [history, cached] = await Promise.all([loadHistory(connection.id, now - NINETY_DAYS_MS), loadTickets(connection.id)]);
  const closed = new Map(history.map((r) => [r.id, r]));
  for (const ticket of cached) {
    const record = historyRecord(connection.id, ticket);
    if (record) closed.set(record.id, record);
  }
  // Arrivals: everything created today is on the board now (open, or closed today and in its Done column).
  const arrived = cached.map((t) => Date.parse(t.created)).filter((ms) => !Number.isNaN(ms));
  return boardHeadline([...closed.values()], arrived, now, offsetMinutes);
}

export async function openInsights(): Promise<null> {
  await browser.tabs.create({ url: browser.runtime.getURL('/insights.html') });
  return null;
}

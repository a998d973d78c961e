/**
 * The board's state for an extension page (side panel, full-page board): painted from IndexedDB at
 * once, then patched from the background's cache events — only the tickets that changed are re-read.
 */
import { batch, computed, signal } from '@preact/signals';
import type { Ticket } from '../psa/model';
import type { SyncState } from '../store/db';
import { loadTickets, loadTicketsByIds } from '../store/tickets';
import { loadSyncState } from '../store/sync-state';
import { CACHE_CHANNEL, type CacheEvent, type ConnectionView } from '../messages';
import { ask } from '../messaging/client';
import { guessColumns, placeTickets } from '../flow';

/** Most urgent first, then the oldest: what a lead scans a column for. */
function byPriorityThenAge(a: Ticket, b: Ticket): number {
  const rank = (a.priority?.rank ?? 99) - (b.priority?.rank ?? 99);
  return rank !== 0 ? rank : Date.parse(a.created) - Date.parse(b.created);
}

export type BoardModel = ReturnType<typeof createBoardModel>;

export function createBoardModel() {
  const connection = signal<ConnectionView | null>(null);
  const sync = signal<SyncState | null>(null);
  const tickets = signal<ReadonlyMap<string, Ticket>>(new Map());
  const loading = signal(true);
  const problem = signal<string | null>(null);
  const now = signal(Date.now());

  const columns = computed(() => guessColumns(sync.value?.statuses ?? []));
  const placed = computed(() => {
    const result = placeTickets(columns.value, [...tickets.value.values()]);
    for (const cards of result.byColumn.values()) cards.sort(byPriorityThenAge);
    return result;
  });

  async function reloadAll(): Promise<void> {
    try {
      const [first] = await ask({ type: 'connection.list' });
      if (!first) {
        batch(() => {
          connection.value = null;
          sync.value = null;
          tickets.value = new Map();
          loading.value = false;
        });
        return;
      }
      const [state, all] = await Promise.all([loadSyncState(first.id), loadTickets(first.id)]);
      batch(() => {
        connection.value = first;
        sync.value = state;
        tickets.value = new Map(all.map((t) => [t.id, t]));
        loading.value = false;
        problem.value = null;
      });
    } catch (error) {
      batch(() => {
        problem.value = (error as Error).message;
        loading.value = false;
      });
    }
  }

  async function applyTicketEvent(event: Extract<CacheEvent, { type: 'tickets' }>): Promise<void> {
    const current = connection.value;
    if (!current || current.id !== event.connectionId) return;
    const [state, changed] = await Promise.all([loadSyncState(current.id), loadTicketsByIds(current.id, event.changed)]);
    const next = new Map(tickets.value);
    for (const id of event.removed) next.delete(id);
    for (const [id, ticket] of changed) next.set(id, ticket);
    batch(() => {
      sync.value = state;
      tickets.value = next;
    });
  }

  function listen(): () => void {
    const channel = new BroadcastChannel(CACHE_CHANNEL);
    channel.onmessage = (message: MessageEvent<CacheEvent>) => {
      const event = message.data;
      if (event.type === 'tickets') void applyTicketEvent(event);
      else void reloadAll();
    };
    // While the board is in view it asks for fresh data; the background throttles and dedupes.
    const poll = setInterval(() => {
      now.value = Date.now();
      if (document.visibilityState === 'visible') void ask({ type: 'sync.now' }).catch(() => undefined);
    }, 10_000);
    return () => {
      channel.close();
      clearInterval(poll);
    };
  }

  return { connection, sync, tickets, loading, problem, now, columns, placed, reloadAll, listen };
}

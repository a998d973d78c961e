/** Everything Pullboard keeps about one connection besides the connection itself, and how to forget it. */
import { openPullboardDb } from './db';
import type { TicketTimer } from '../timer/timer';
import { updateTimers } from './timer-store';
import { deleteBoardConfigSet } from './board-config';
import { clearConnection } from './tickets';
import { forgetSkips } from './skips';

/**
 * Forgets a removed connection: its cached tickets, sync state and transitions, its board configuration,
 * its outbox entries (time notes included), the skips of its tickets and its timers (ticket titles included).
 */
export async function forgetConnectionData(connectionId: string): Promise<void> {
  await clearConnection(connectionId);
  await deleteBoardConfigSet(connectionId);
  await forgetSkips(connectionId);
  const db = await openPullboardDb();
  const tx = db.transaction('outbox', 'readwrite');
  for (const entry of await tx.store.getAll()) if (entry.connectionId === connectionId) await tx.store.delete(entry.id!);
  await tx.done;
  const other = (timer: TicketTimer | null) => timer !== null && timer.connectionId !== connectionId;
  await updateTimers((state) => ({
    running: other(state.running) ? state.running : null,
    paused: state.paused.filter(other),
    stopped: state.stopped.filter(other),
  }));
}

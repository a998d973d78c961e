/**
 * Runs the outbox in the service worker: after every write is queued, when its retry is due (a timer
 * while the worker lives, an alarm when it may not), when the browser comes back online, and when the
 * worker starts. Also turns stopped timers into time entries.
 */
import { browser } from 'wxt/browser';
import { drainOutbox, enqueueWrite, type NewWrite } from '../outbox/outbox';
import type { OutboxEntry } from '../store/outbox-entry';
import type { Ticket } from '../psa/model';
import { upsertTickets } from '../store/tickets';
import { loadSyncState } from '../store/sync-state';
import { loadSettings } from '../store/settings-store';
import { loadTimers, updateTimers } from '../store/timer-store';
import { loadOutbox } from '../store/outbox-store';
import { takeStopped, type TicketTimer } from '../timer/timer';
import { timeEntryFor } from '../timer/time-entry';
import { loadConnections } from './connections';
import { broadcast, psaFor } from './service';

export const OUTBOX_ALARM = 'pullboard.outbox';
/** A retry due sooner than this is waited for in the worker; later ones by alarm (Chrome's minimum is 30 s). */
const IN_WORKER_WAIT_MS = 25_000;

let timer: ReturnType<typeof setTimeout> | null = null;

export async function runOutbox(): Promise<void> {
  const result = await drainOutbox({
    now: Date.now,
    psaFor: async (connectionId) => {
      const connection = (await loadConnections()).find((c) => c.id === connectionId);
      return connection ? psaFor(connection) : null;
    },
    onTicket: async (connectionId: string, ticket: Ticket) => {
      const { changed } = await upsertTickets(connectionId, [ticket]);
      if (changed.length) broadcast({ type: 'tickets', connectionId, changed, removed: [] });
    },
    onChange: () => broadcast({ type: 'work' }),
  });
  if (timer) clearTimeout(timer);
  timer = null;
  if (result.nextDueAt === null) {
    await browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const wait = Math.max(0, result.nextDueAt - Date.now());
  if (wait < IN_WORKER_WAIT_MS) timer = setTimeout(() => void runOutbox().catch(() => undefined), wait + 50);
  // The alarm is the safety net if the worker is stopped before its timer fires.
  await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(Date.now() + 30_000, result.nextDueAt) });
}

/** Stores a write and starts sending it; returns the stored entry. */
export async function queueWrite(write: NewWrite): Promise<OutboxEntry> {
  const entry = await enqueueWrite(write, Date.now());
  broadcast({ type: 'work' });
  void runOutbox().catch(() => undefined);
  return entry;
}

/**
 * Hands a timer's unlogged time to the outbox as a time entry for "me". Idempotent: the same time
 * (ticket and start) is never queued twice, so a worker stopped between queuing and clearing the
 * timer does not log it twice.
 */
export async function logTimer(timer: TicketTimer): Promise<OutboxEntry | null> {
  const [sync, settings] = await Promise.all([loadSyncState(timer.connectionId), loadSettings()]);
  const me = sync?.me;
  if (!me) return null;
  const entry = timeEntryFor(timer, me.id, { incrementMinutes: settings.roundingMinutes, minimumMinutes: settings.minimumMinutes }, 'Worked on in Pullboard');
  if (!entry) return null;
  const queued = (await loadOutbox()).find(
    (e) => e.write.kind === 'timeEntry' && e.connectionId === timer.connectionId && e.write.entry.ticketId === entry.ticketId && e.write.entry.start === entry.start,
  );
  if (queued) return queued;
  return queueWrite({
    connectionId: timer.connectionId,
    ticketId: timer.ticketId,
    ticketNumber: timer.number,
    label: `Log ${entry.hours} h on ${timer.number}`,
    write: { kind: 'timeEntry', entry },
  });
}

/** Stopped timers become time entries: put in the outbox first, then taken out of the timer state. */
export async function logStoppedTimers(): Promise<void> {
  const { stopped } = takeStopped(await loadTimers());
  for (const timer of stopped) await logTimer(timer);
  const logged = new Set(stopped.map(timerKey));
  await updateTimers((state) => ({ ...state, stopped: state.stopped.filter((t) => !logged.has(timerKey(t))) }));
}

function timerKey(timer: TicketTimer): string {
  return `${timer.connectionId}:${timer.ticketId}:${timer.segments[0]?.start ?? 0}`;
}

/**
 * Time the tech should not lose: idle detection (pause, then keep or drop the away time), what is
 * logged today, and the outbox as the UIs show it (pending, failed with copy and discard).
 */
import { browser } from 'wxt/browser';
import type { OutboxView } from '../protocol/answers';
import type { OutboxEntry } from '../store/outbox-entry';
import { retryEntry } from '../outbox/outbox';
import { deleteOutboxEntry, getOutboxEntry, loadOutbox } from '../store/outbox-store';
import { openPullboardDb } from '../store/db';
import { loadSettings } from '../store/settings-store';
import { updateTimers } from '../store/timer-store';
import { pauseForIdle, startTimer, type TimerTicket } from '../timer/timer';
import { UserFacingError } from './errors';
import { runOutbox } from './outbox-runner';
import { broadcast } from './service';

interface IdleRecord {
  ticket: TimerTicket;
  /** When the tech stopped touching the computer. */
  since: number;
  /** When they came back; null while still away. */
  returnedAt: number | null;
}

const IDLE_KEY = 'idle';

async function loadIdle(): Promise<IdleRecord | null> {
  const db = await openPullboardDb();
  return ((await db.get('config', IDLE_KEY))?.value as IdleRecord | undefined) ?? null;
}

async function saveIdle(record: IdleRecord | null): Promise<void> {
  const db = await openPullboardDb();
  if (record) await db.put('config', { key: IDLE_KEY, value: record, version: 1 });
  else await db.delete('config', IDLE_KEY);
}

export async function applyIdleInterval(): Promise<void> {
  const settings = await loadSettings();
  browser.idle.setDetectionInterval(settings.idleMinutes * 60);
}

/** chrome.idle says the tech left or came back. */
export async function onIdleStateChanged(state: 'active' | 'idle' | 'locked'): Promise<void> {
  const now = Date.now();
  if (state === 'active') {
    const record = await loadIdle();
    if (record && record.returnedAt === null) {
      await saveIdle({ ...record, returnedAt: now });
      broadcast({ type: 'work' });
    }
    return;
  }
  // 'idle' fires after the detection interval without input: the tech left that long ago. Locking is immediate.
  const settings = await loadSettings();
  const since = state === 'idle' ? now - settings.idleMinutes * 60_000 : now;
  let paused: TimerTicket | null = null;
  await updateTimers((timers) => {
    if (!timers.running) return timers;
    const { connectionId, ticketId, number, title, url } = timers.running;
    paused = { connectionId, ticketId, number, title, url };
    return pauseForIdle(timers, since);
  });
  if (paused && !(await loadIdle())) {
    await saveIdle({ ticket: paused, since, returnedAt: null });
    broadcast({ type: 'work' });
  }
}

/** Back at the desk: the timer runs again, with the away time or without it. */
export async function resolveIdle(keep: boolean): Promise<void> {
  const record = await loadIdle();
  if (!record) return;
  const now = Date.now();
  await updateTimers((timers) => startTimer(timers, record.ticket, keep ? record.since : now));
  await saveIdle(null);
  broadcast({ type: 'work' });
}

export async function idlePrompt(): Promise<{ number: string; awayMs: number } | null> {
  const record = await loadIdle();
  if (!record || record.returnedAt === null) return null;
  return { number: record.ticket.number, awayMs: record.returnedAt - record.since };
}

export function outboxView(entries: readonly OutboxEntry[]): OutboxView {
  const pending = entries.filter((e) => e.state === 'pending' || e.state === 'sending');
  return {
    pending: pending.length,
    pendingProblem: pending.find((e) => e.lastError)?.lastError?.message ?? null,
    failed: entries
      .filter((e) => e.state === 'failed')
      .map((e) => ({ id: e.id!, label: e.label, message: e.lastError?.message ?? 'It failed.', copyText: copyTextOf(e) })),
  };
}

/** What the tech pastes into the PSA by hand when a write cannot be sent. */
function copyTextOf(entry: OutboxEntry): string {
  if (entry.write.kind === 'timeEntry') {
    const t = entry.write.entry;
    return `${entry.ticketNumber}: ${t.hours} h from ${t.start} to ${t.end}. ${t.notes}`;
  }
  return `${entry.ticketNumber}: ${entry.label}`;
}

/** Logged today (queued or landed) and since when nothing has been logged. */
export function loggedToday(entries: readonly OutboxEntry[], now: number): { loggedMs: number; lastEnd: number | null } {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  let loggedMs = 0;
  let lastEnd: number | null = null;
  for (const entry of entries) {
    if (entry.write.kind !== 'timeEntry' || entry.state === 'failed') continue;
    const end = Date.parse(entry.write.entry.end);
    if (end < midnight.getTime()) continue;
    loggedMs += entry.write.entry.hours * 3_600_000;
    lastEnd = lastEnd === null ? end : Math.max(lastEnd, end);
  }
  return { loggedMs, lastEnd };
}

export async function retryFailedWrite(id: number): Promise<void> {
  const entry = await getOutboxEntry(id);
  if (!entry || entry.state !== 'failed') throw new UserFacingError('That write is no longer waiting: refresh and look again.');
  await retryEntry(entry, Date.now());
  broadcast({ type: 'work' });
  await runOutbox();
}

export async function discardFailedWrite(id: number): Promise<void> {
  const entry = await getOutboxEntry(id);
  if (!entry) return;
  if (entry.state !== 'failed') throw new UserFacingError('Only a write that failed can be discarded; this one is still being sent.');
  await deleteOutboxEntry(id);
  broadcast({ type: 'work' });
}


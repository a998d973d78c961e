/** The timers, one document in IndexedDB changed in one transaction at a time. */
import { EMPTY_TIMERS, type TimerState } from '../timer/timer';
import { openPullboardDb } from './db';

const KEY = 'timers';
const VERSION = 1;

export async function loadTimers(): Promise<TimerState> {
  const db = await openPullboardDb();
  const row = await db.get('config', KEY);
  return (row?.value as TimerState | undefined) ?? EMPTY_TIMERS;
}

export async function updateTimers(change: (state: TimerState) => TimerState): Promise<TimerState> {
  const db = await openPullboardDb();
  const tx = db.transaction('config', 'readwrite');
  const row = await tx.store.get(KEY);
  const next = change((row?.value as TimerState | undefined) ?? EMPTY_TIMERS);
  await tx.store.put({ key: KEY, value: next, version: VERSION });
  await tx.done;
  return next;
}

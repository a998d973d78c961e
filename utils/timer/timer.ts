/**
 * The time a tech spends on tickets, as pure state transitions. One timer runs at a time: starting
 * one pauses the other. Every change is stored (utils/store/timer-store.ts) before it is shown, so a
 * service worker that dies keeps the right state; a running timer is just an open segment.
 */
export interface TimeSegment {
  start: number;
  /** null while the timer runs. */
  end: number | null;
}

export interface TicketTimer {
  connectionId: string;
  ticketId: string;
  number: string;
  title: string;
  url: string;
  /** Time not yet handed to the outbox as a time entry. */
  segments: TimeSegment[];
  /** Time already handed to the outbox for this ticket (ms). */
  loggedMs?: number;
  /** The note the tech typed for the next time entry. */
  note?: string;
}

export interface TimerState {
  /** The timer that is running, or null. */
  running: TicketTimer | null;
  /** Paused timers, most recently paused first. */
  paused: TicketTimer[];
  /** Stopped timers whose time is not yet logged to the PSA, oldest first. */
  stopped: TicketTimer[];
}

export const EMPTY_TIMERS: TimerState = { running: null, paused: [], stopped: [] };
/** Paused timers kept; the oldest beyond this are stopped so their time is not forgotten. */
export const MAX_PAUSED = 10;

export type TimerTicket = Pick<TicketTimer, 'connectionId' | 'ticketId' | 'number' | 'title' | 'url'>;

const same = (a: TimerTicket, b: TimerTicket) => a.connectionId === b.connectionId && a.ticketId === b.ticketId;

function close(timer: TicketTimer, now: number): TicketTimer {
  return { ...timer, segments: timer.segments.map((s) => (s.end === null ? { ...s, end: Math.max(s.start, now) } : s)) };
}

export function elapsedMs(timer: TicketTimer, now: number): number {
  return timer.segments.reduce((sum, s) => sum + Math.max(0, (s.end ?? now) - s.start), 0);
}

/** Starts (or resumes) the timer of a ticket; the running one, if another, is paused. */
export function startTimer(state: TimerState, ticket: TimerTicket, now: number): TimerState {
  if (state.running && same(state.running, ticket)) return state;
  const resumed = state.paused.find((t) => same(t, ticket));
  const base: TicketTimer = resumed ? { ...resumed, ...ticket } : { ...ticket, segments: [] };
  const running: TicketTimer = { ...base, segments: [...base.segments, { start: now, end: null }] };
  let paused = state.paused.filter((t) => !same(t, ticket));
  if (state.running) paused = [close(state.running, now), ...paused];
  const overflow = paused.slice(MAX_PAUSED);
  return { running, paused: paused.slice(0, MAX_PAUSED), stopped: [...state.stopped, ...overflow] };
}

export function pauseTimer(state: TimerState, now: number): TimerState {
  if (!state.running) return state;
  return { ...state, running: null, paused: [close(state.running, now), ...state.paused] };
}

/** Stops a ticket's timer (running or paused): its time waits in `stopped` to be logged. */
export function stopTimer(state: TimerState, ticket: Pick<TimerTicket, 'connectionId' | 'ticketId'>, now: number): TimerState {
  const key = { ...ticket, number: '', title: '', url: '' };
  const running = state.running && same(state.running, key) ? state.running : null;
  const paused = state.paused.find((t) => same(t, key)) ?? null;
  const stopping = running ?? paused;
  if (!stopping) return state;
  return {
    running: running ? null : state.running,
    paused: state.paused.filter((t) => !same(t, key)),
    stopped: [...state.stopped, close(stopping, now)],
  };
}

/** Drops a timer without logging its time (a claim that turned out lost, a timer started by mistake). */
export function discardTimer(state: TimerState, ticket: Pick<TimerTicket, 'connectionId' | 'ticketId'>): TimerState {
  const key = { ...ticket, number: '', title: '', url: '' };
  return {
    running: state.running && same(state.running, key) ? null : state.running,
    paused: state.paused.filter((t) => !same(t, key)),
    stopped: state.stopped,
  };
}

/**
 * Switching to another ticket: the running timer's time so far goes to the PSA (it is handed back as
 * `logged`), it stays paused with that time counted, and the new ticket's timer starts.
 */
export function switchTimer(state: TimerState, ticket: TimerTicket, now: number): { state: TimerState; logged: TicketTimer | null } {
  if (state.running && same(state.running, ticket)) return { state, logged: null };
  const previous = state.running ? close(state.running, now) : null;
  const started = startTimer({ ...state, running: null }, ticket, now);
  if (!previous || previous.segments.length === 0) return { state: { ...started, paused: previous ? [previous, ...started.paused] : started.paused }, logged: null };
  const paused: TicketTimer = { ...previous, segments: [], loggedMs: (previous.loggedMs ?? 0) + elapsedMs(previous, now), note: '' };
  return { state: { ...started, paused: [paused, ...started.paused].slice(0, MAX_PAUSED) }, logged: previous };
}

/** Stopped timers leave the state once their time is in the outbox. */
export function takeStopped(state: TimerState): { state: TimerState; stopped: TicketTimer[] } {
  return { state: { ...state, stopped: [] }, stopped: state.stopped };
}

export function setTimerNote(state: TimerState, note: string): TimerState {
  return state.running ? { ...state, running: { ...state.running, note } } : state;
}

/**
 * The tech was away: the running timer stopped counting when they left. `keep` puts the away time
 * back (they were on a call about the ticket); `drop` leaves it out.
 */
export function pauseForIdle(state: TimerState, idleSince: number): TimerState {
  if (!state.running) return state;
  const running = {
    ...state.running,
    segments: state.running.segments.map((s) => (s.end === null ? { ...s, end: Math.max(s.start, idleSince) } : s)),
  };
  return { ...state, running: null, paused: [running, ...state.paused] };
}

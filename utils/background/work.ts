/**
 * The tech's work, as the dock and the popup show it, and the actions on it: Pull next, Done → pull
 * next, the timer. Reads the cache; writes go through the adapter and land back in the cache at once.
 */
import { browser } from 'wxt/browser';
import { type Ticket } from '../psa/model';
import { connectionBoardId, wordsOf, type Connection } from '../psa/kinds';
import type { PullOutcome, RunningTimer, TicketSummary, WorkState } from '../protocol/answers';
import { describeSkip, skippedUntil, slaState, type SkipReason } from '../flow';
import { loadSkips, recordSkip } from '../store/skips';
import { planPull, type PullPlan } from '../pull/plan';
import { loadBoardConfig } from '../store/board-config';
import { pullSettingsFromBoard } from '../board-config/schema';
import type { SyncState } from '../store/db';
import { loadTickets, upsertTickets } from '../store/tickets';
import { loadSyncState } from '../store/sync-state';
import { loadSettings } from '../store/settings-store';
import { loadTimers, updateTimers } from '../store/timer-store';
import { discardTimer, elapsedMs, pauseTimer, setTimerNote, startTimer, stopTimer, switchTimer, type TicketTimer, type TimerTicket } from '../timer/timer';
import type { OutboxEntry } from '../store/outbox-entry';
import { addOutboxEntry, getOutboxEntry, loadOutbox, putOutboxEntry } from '../store/outbox-store';
import { logStoppedTimers, logTimer, queueWrite } from './outbox-runner';
import { idlePrompt, loggedToday, outboxView } from './time-keeping';
import { claimNext, summarizeSkips } from '../pull/claim';
import { loadConnections } from './connections';
import { broadcast, psaFor } from './service';
import { UserFacingError } from './errors';

/** A pull outcome stays on the dock this long. */
const LAST_PULL_SHOWN_MS = 60_000;
let lastPull: PullOutcome | null = null;

interface Board {
  connection: Connection;
  sync: SyncState;
  tickets: Ticket[];
}

async function activeBoard(): Promise<Board | null> {
  const connection = (await loadConnections())[0];
  if (!connection) return null;
  const sync = await loadSyncState(connection.id);
  if (!sync?.me) return null;
  return { connection, sync, tickets: await loadTickets(connection.id) };
}

async function requireBoard(): Promise<Board> {
  const board = await activeBoard();
  if (!board) throw new UserFacingError('Pullboard is not connected yet, or its first sync has not finished: open the options page to connect.', 'config');
  return board;
}

export function summarize(connectionId: string, ticket: Ticket, now: number): TicketSummary {
  const sla = slaState(ticket, now);
  return {
    connectionId,
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    url: ticket.url,
    slaLabel: sla.state === 'none' ? null : sla.label,
    slaState: sla.state,
    ageMs: Math.max(0, now - Date.parse(ticket.created)),
  };
}

function timerView(timer: TicketTimer, now: number): RunningTimer {
  const open = timer.segments.find((s) => s.end === null) ?? null;
  return {
    connectionId: timer.connectionId,
    ticketId: timer.ticketId,
    number: timer.number,
    title: timer.title,
    url: timer.url,
    baseMs: elapsedMs({ ...timer, segments: timer.segments.filter((s) => s.end !== null) }, now) + (timer.loggedMs ?? 0),
    since: open?.start ?? null,
    loggedMs: timer.loggedMs ?? 0,
    note: timer.note ?? '',
  };
}

async function planFor(board: Board, now: number): Promise<PullPlan> {
  const settings = await loadSettings();
  const me = board.sync.me!;
  // The board's design (columns, limits, Definition of Ready, skills, ranking) as the designer saved it.
  const designed = pullSettingsFromBoard(await loadBoardConfig(board.connection.id), me.id, settings);
  const skips = await loadSkips(board.connection.id);
  return planPull({
    tickets: board.tickets,
    statuses: board.sync.statuses,
    me,
    wipLimit: designed.wipLimit,
    skills: designed.skills,
    now,
    skipped: skippedUntil(skips, me.id),
    board: designed,
  });
}

/**
 * The tech passes on the ticket Pull next offers them: kept locally (this tech, this ticket, the
 * reason, the time) so Pull next offers the next one, and stand-up mode sees who passed on what.
 * Only a ticket Pull next would offer this tech can be skipped; nothing is written to the PSA.
 */
export async function skipOffered(connectionId: string, ticketId: string, reason: SkipReason, note: string | undefined): Promise<PullOutcome> {
  const board = await requireBoard();
  if (board.connection.id !== connectionId) throw new UserFacingError('That ticket belongs to a connection Pullboard no longer uses: reopen the popup and skip again.', 'conflict');
  const me = board.sync.me!;
  const plan = await planFor(board, Date.now());
  const offered = plan.order.find((r) => r.ticket.id === ticketId);
  if (!offered) {
    const known = board.tickets.find((t) => t.id === ticketId);
    throw new UserFacingError(`${known?.number ?? 'That ticket'} is not offered to you by Pull next any more (taken, moved or already skipped): nothing was skipped.`, 'conflict');
  }
  const skip = { connectionId, techId: me.id, techName: me.name, ticketId, ticketNumber: offered.ticket.number, reason, note: note?.trim() || null, at: Date.now() };
  await recordSkip(skip);
  const after = await planFor(board, Date.now());
  const next = after.order[0]?.ticket.number;
  return remember({ kind: 'none', at: Date.now(), message: `You skipped ${offered.ticket.number} (${describeSkip(skip)}). ${next ? `Pull next now offers ${next}.` : 'Nothing else in Ready matches you right now.'}` });
}

export async function workState(pageTicketId: string | null | undefined): Promise<WorkState> {
  const now = Date.now();
  const settings = await loadSettings();
  const connection = (await loadConnections())[0];
  const timers = await loadTimers();
  const timer = timers.running ? timerView(timers.running, now) : null;
  const pausedTimers = timers.paused.map((t) => timerView(t, now));
  const recentPull = lastPull && now - lastPull.at < LAST_PULL_SHOWN_MS ? lastPull : null;
  const entries = await loadOutbox();
  const logged = loggedToday(entries, now);
  const shared = {
    outbox: outboxView(entries),
    today: { loggedMs: logged.loggedMs, unloggedSince: timers.running ? null : logged.lastEnd },
    idle: await idlePrompt(),
  };
  const board = await activeBoard();
  if (!connection || !board) {
    return {
      connected: Boolean(connection),
      connectionId: connection?.id ?? null,
      me: null,
      boardName: null,
      wip: 0,
      wipLimit: settings.wipLimit,
      myTickets: [],
      timer,
      pausedTimers,
      next: null,
      refusal: null,
      pageTicket: null,
      lastPull: recentPull,
      ...shared,
      syncedAt: null,
      problem: connection
        ? 'Pullboard is loading your board for the first time…'
        : 'Pullboard is not connected yet: open its options and add your PSA connection.',
    };
  }
  const me = board.sync.me!;
  const plan = await planFor(board, now);
  const top = plan.order[0];
  const page = pageTicketId ? board.tickets.find((t) => t.id === pageTicketId) : undefined;
  return {
    connected: true,
    connectionId: board.connection.id,
    me,
    boardName: board.sync.boards.find((b) => b.id === connectionBoardId(board.connection))?.name ?? null,
    wip: plan.mine.length,
    wipLimit: plan.gate.limit,
    myTickets: plan.mine.map((t) => summarize(board.connection.id, t, now)),
    timer,
    pausedTimers,
    next: top ? { ...summarize(board.connection.id, top.ticket, now), reason: top.reason } : null,
    refusal: plan.gate.allowed
      ? null
      : { reason: plan.gate.reason, helpWith: plan.helpWith ? summarize(board.connection.id, plan.helpWith, now) : null },
    pageTicket: page
      ? { ...summarize(board.connection.id, page, now), mine: page.assignee?.id === me.id, closed: page.closed, statusName: page.status.name }
      : null,
    lastPull: recentPull,
    ...shared,
    syncedAt: board.sync.lastPollAt,
    problem: board.sync.lastError?.message ?? null,
  };
}

/** Where the pulled ticket opens: the PSA tab that asked, or a new tab. */
export interface OpenTarget {
  tabId?: number;
}

async function openTicketPage(url: string, target: OpenTarget): Promise<void> {
  if (target.tabId !== undefined) await browser.tabs.update(target.tabId, { url });
  else await browser.tabs.create({ url });
}

function remember(outcome: PullOutcome): PullOutcome {
  lastPull = outcome;
  broadcast({ type: 'work' });
  return outcome;
}

export async function pullNext(target: OpenTarget): Promise<PullOutcome> {
  const board = await requireBoard();
  const now = Date.now();
  const plan = await planFor(board, now);
  if (!plan.gate.allowed) {
    const helpWith = plan.helpWith ? summarize(board.connection.id, plan.helpWith, now) : null;
    return remember({ kind: 'refused', at: now, message: plan.gate.reason, helpWith });
  }
  if (!plan.inProgressStatusId) {
    throw new UserFacingError(`The ${wordsOf(board.connection.kind).board} has no in-progress status Pullboard can set; check its statuses in ${wordsOf(board.connection.kind).short}, or map one in Pullboard's board designer.`, 'config');
  }
  const me = board.sync.me!;
  const connectionId = board.connection.id;
  const inProgressStatusId = plan.inProgressStatusId;
  const psa = await psaFor(board.connection);
  const reasons = new Map(plan.order.map((r) => [r.ticket.id, r.reason]));
  const pending: Promise<unknown>[] = [];
  const learn = (ticket: Ticket) => pending.push(upsertTickets(connectionId, [ticket]).then((r) => broadcast({ type: 'tickets', connectionId, changed: r.changed, removed: [] })));
  const result = await claimNext({
    psa,
    meId: me.id,
    inProgressStatusId,
    candidates: plan.order.map((r) => r.ticket),
    respread: plan.respread,
    onTicketSeen: learn,
    onWriteConfirmed: (ticket) => {
      // The dock of the page about to open shows this at once; the re-check may still change it.
      remember({ kind: 'claimed', at: Date.now(), ticket: summarize(connectionId, ticket, Date.now()), reason: reasons.get(ticket.id) ?? '', notes: [] });
      pending.push(
        switchTimerTo({ connectionId, ticketId: ticket.id, number: ticket.number, title: ticket.title, url: ticket.url }).then(() => {
          broadcast({ type: 'work' });
          return openTicketPage(ticket.url, target);
        }),
      );
    },
    changedSince: async (since) => {
      const changed: Ticket[] = [];
      for await (const page of psa.listTickets({ boardId: connectionBoardId(board.connection)!, openOnly: false, updatedSince: since })) changed.push(...page.tickets);
      return changed;
    },
    journal: {
      before: async (ticket) =>
        (await addOutboxEntry({
          connectionId,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          label: `Pull ${ticket.number}`,
          write: { kind: 'claim', change: { statusId: inProgressStatusId, assigneeId: me.id } },
          state: 'sending',
          attempts: 1,
          nextAttemptAt: Date.now(),
          createdAt: Date.now(),
          doneAt: null,
          outcomeUnknown: true,
          lastError: null,
        })).id!,
      after: async (id) => {
        const entry = await getOutboxEntry(id);
        if (entry) await putOutboxEntry({ ...entry, state: 'done', doneAt: Date.now(), outcomeUnknown: false });
      },
    },
    onLostAfterConfirm: ({ ticket }) => {
      pending.push(updateTimers((state) => discardTimer(state, { connectionId, ticketId: ticket.id })));
    },
  });
  await Promise.allSettled(pending);
  if (result.kind === 'none') return remember({ kind: 'none', at: Date.now(), message: result.message });
  return remember({
    kind: 'claimed',
    at: Date.now(),
    ticket: summarize(connectionId, result.ticket, Date.now()),
    reason: reasons.get(result.ticket.id) ?? '',
    notes: result.skipped.length ? [summarizeSkips(result.skipped)] : [],
  });
}

/** Done → pull next: the ticket goes to the board's done status, its timer stops, the next is pulled. */
export async function finishAndPull(ticketId: string, target: OpenTarget): Promise<PullOutcome> {
  const board = await requireBoard();
  const me = board.sync.me!;
  const psa = await psaFor(board.connection);
  const plan = await planFor(board, Date.now());
  const done = plan.doneStatusId;
  const psaName = wordsOf(board.connection.kind).short;
  if (!done) throw new UserFacingError(`The ${wordsOf(board.connection.kind).board} has no done status Pullboard can set; check its statuses in ${psaName}, or map one in Pullboard's board designer.`, 'config');
  // Done → pull next finishes my own work in progress, nothing else.
  const cached = plan.mine.find((t) => t.id === ticketId);
  if (!cached) throw new UserFacingError('Done → pull next works on a ticket of yours that is in progress; this one is not. Finish it in the PSA itself.', 'conflict');
  // The page is never trusted for a write: the ticket is read again first.
  const fresh = await psa.getTicket(ticketId);
  if (fresh.assignee?.id !== me.id) {
    const owner = fresh.assignee ? `assigned to ${fresh.assignee.name}` : 'unassigned';
    throw new UserFacingError(`${fresh.number} is ${owner} now, not yours: Pullboard did not close it.`, 'conflict');
  }
  if (!fresh.closed) {
    const doneName = board.sync.statuses.find((st) => st.id === done)?.name ?? 'done';
    const entry = await queueWrite({
      connectionId: board.connection.id,
      ticketId,
      ticketNumber: fresh.number,
      label: `Move ${fresh.number} to ${doneName}`,
      write: { kind: 'update', change: { statusId: done } },
    });
    const settled = await waitForWrite(entry.id!, DONE_WAIT_MS);
    if (settled?.state === 'failed') throw new UserFacingError(settled.lastError?.message ?? `${fresh.number} could not be moved to ${doneName}.`, settled.lastError?.kind);
    if (settled?.state !== 'done') {
      throw new UserFacingError(
        `${fresh.number} will move to ${doneName} as soon as ${psaName} answers (${settled?.lastError?.message ?? 'it is not answering'}). Pull next needs ${psaName} too: press it again then.`,
        'network',
      );
    }
  }
  // Done stops the ticket's timer and logs its time before the next pull.
  await updateTimers((state) => stopTimer(state, { connectionId: board.connection.id, ticketId }, Date.now()));
  await logStoppedTimers();
  return pullNext(target);
}

export async function pauseRunningTimer(): Promise<void> {
  await updateTimers((state) => pauseTimer(state, Date.now()));
  broadcast({ type: 'work' });
}

export async function resumeTimer(ref: { connectionId: string; ticketId: string }): Promise<void> {
  const timers = await loadTimers();
  const known = timers.paused.find((t) => t.connectionId === ref.connectionId && t.ticketId === ref.ticketId);
  if (!known) throw new UserFacingError('That timer is no longer paused; refresh and try again.');
  await updateTimers((state) => startTimer(state, known, Date.now()));
  broadcast({ type: 'work' });
}

export async function stopTicketTimer(ref: { connectionId: string; ticketId: string }): Promise<void> {
  await updateTimers((state) => stopTimer(state, ref, Date.now()));
  await logStoppedTimers();
  broadcast({ type: 'work' });
}

export async function setRunningNote(note: string): Promise<void> {
  await updateTimers((state) => setTimerNote(state, note));
}

/** Starts the new ticket's timer; the one running before pauses and its time so far goes to the PSA. */
async function switchTimerTo(ticket: TimerTicket): Promise<void> {
  let logged: TicketTimer | null = null;
  await updateTimers((state) => {
    const switched = switchTimer(state, ticket, Date.now());
    logged = switched.logged;
    return switched.state;
  });
  if (logged) await logTimer(logged);
}

/** Done must land before the next pull: wait for the outbox, briefly. */
const DONE_WAIT_MS = 15_000;

async function waitForWrite(id: number, timeoutMs: number): Promise<OutboxEntry | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await getOutboxEntry(id);
    if (!entry || entry.state === 'done' || entry.state === 'failed' || Date.now() > deadline) return entry;
    // Not sent yet, or waiting for a retry the PSA asked for: only the first few seconds are worth waiting.
    if (entry.nextAttemptAt > deadline) return entry;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}


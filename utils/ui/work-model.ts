/**
 * The tech's work as the dock (inside PSA pages) and the popup show it. Talks to the background only
 * through the protocol — no zod, no IndexedDB — and never lets an error escape into the page.
 */
import { batch, computed, signal } from '@preact/signals';
import type { PullOutcome, WorkState } from '../protocol/answers';
import type { SkipReason } from '../flow/skips';
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { ask } from '../protocol/client';
import { WORK_PORT } from '../protocol/channels';
import { sidebarActionApi } from '../protocol/sidebar';

export type WorkModel = ReturnType<typeof createWorkModel>;

export function createWorkModel(options: { pageTicketId?: () => string | null } = {}) {
  const state = signal<WorkState | null>(null);
  const error = signal<string | null>(null);
  const busy = signal<'pull' | 'done' | 'timer' | 'skip' | null>(null);
  /** Skip with a reason: the offered ticket whose reason the tech is choosing. */
  const skipping = signal<string | null>(null);
  /** The words of an "other" reason while the tech types them; null while the reasons are offered. */
  const skipOther = signal<string | null>(null);
  const outcome = signal<PullOutcome | null>(null);
  /** Done → pull next asks first: the ticket id waiting for the tech's yes. */
  const confirmingDone = signal<string | null>(null);
  const now = signal(Date.now());

  const timerMs = computed(() => {
    const timer = state.value?.timer;
    if (!timer) return null;
    return timer.baseMs + (timer.since === null ? 0 : Math.max(0, now.value - timer.since));
  });

  async function guarded(kind: 'pull' | 'done' | 'timer' | 'skip', action: () => Promise<void>): Promise<void> {
    batch(() => {
      busy.value = kind;
      error.value = null;
    });
    try {
      await action();
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = null;
    }
    await refresh();
  }

  async function refresh(): Promise<void> {
    try {
      if (options.pageTicketId) listenOnPort();
      const next = await ask({ type: 'work.state', pageTicketId: options.pageTicketId?.() ?? null });
      batch(() => {
        state.value = next;
        if (next.lastPull) outcome.value = next.lastPull;
      });
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  const pullNext = () =>
    guarded('pull', async () => {
      outcome.value = await ask({ type: 'pull.next' });
    });

  const askSkip = (ticketId: string | null) => {
    skipping.value = ticketId;
    skipOther.value = null;
  };
  /** Passes on the offered ticket with a reason; Pull next then offers the next one. */
  const skip = (reason: SkipReason, note?: string) =>
    guarded('skip', async () => {
      // What the skip did comes back as the last pull's outcome, in the dock and the popup alike.
      outcome.value = await ask({ type: 'pull.skip', connectionId: state.value!.connectionId!, ticketId: skipping.value!, reason, ...(note ? { note } : {}) });
      askSkip(null);
    });

  const askDone = (ticketId: string) => {
    confirmingDone.value = ticketId;
  };
  const cancelDone = () => {
    confirmingDone.value = null;
  };
  const confirmDone = () => {
    const ticketId = confirmingDone.value;
    confirmingDone.value = null;
    if (!ticketId) return Promise.resolve();
    return guarded('done', async () => {
      outcome.value = await ask({ type: 'ticket.done', ticketId });
    });
  };

  const pauseTimer = () => guarded('timer', async () => void (await ask({ type: 'timer.pause' })));
  const resumeTimer = (connectionId: string, ticketId: string) =>
    guarded('timer', async () => void (await ask({ type: 'timer.resume', ticket: { connectionId, ticketId } })));
  const stopTimer = (connectionId: string, ticketId: string) =>
    guarded('timer', async () => void (await ask({ type: 'timer.stop', ticket: { connectionId, ticketId } })));

  const setNote = (note: string) => guarded('timer', async () => void (await ask({ type: 'timer.note', note })));
  const resolveIdle = (keep: boolean) => guarded('timer', async () => void (await ask({ type: 'idle.resolve', keep })));
  const retryWrite = (id: number) => guarded('timer', async () => void (await ask({ type: 'outbox.retry', id })));
  const discardWrite = (id: number) => guarded('timer', async () => void (await ask({ type: 'outbox.discard', id })));

  async function openBoard(): Promise<void> {
    try {
      // Firefox's popup opens the sidebar itself, in the click: the message to the background would lose the click.
      const sidebar = sidebarActionApi();
      if (sidebar) return await sidebar.open();
      await ask({ type: 'board.open' });
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /**
   * Listens for the background's change events on a port (PSA pages cannot join the extension's
   * broadcast channel) and re-reads the work state then. A port lost with a stopped worker is
   * reopened on the next refresh.
   */
  let port: Runtime.Port | null = null;
  let pending: ReturnType<typeof setTimeout> | null = null;
  function listenOnPort(): void {
    if (port) return;
    try {
      port = browser.runtime.connect({ name: WORK_PORT });
    } catch {
      return; // The extension was updated or removed: this page's dock is already being taken down.
    }
    port.onMessage.addListener(() => {
      pending ??= setTimeout(() => {
        pending = null;
        void refresh();
      }, 150);
    });
    port.onDisconnect.addListener(() => {
      port = null;
    });
  }

  function stopListening(): void {
    port?.disconnect();
    port = null;
  }

  /** Ticks the timer once a second; returns the stop function. */
  function tick(setIntervalFn: (fn: () => void, ms: number) => number = (fn, ms) => window.setInterval(fn, ms)): void {
    setIntervalFn(() => {
      if (state.value?.timer?.since != null) now.value = Date.now();
    }, 1000);
  }

  return { skipping, skipOther, askSkip, skip, setNote, resolveIdle, retryWrite, discardWrite, listenOnPort, stopListening, state, error, busy, outcome, confirmingDone, now, timerMs, refresh, pullNext, askDone, cancelDone, confirmDone, pauseTimer, resumeTimer, stopTimer, openBoard, tick };
}

/** `1:05:09` or `5:09`: a running timer, readable at a glance. */
export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

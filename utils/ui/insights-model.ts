/**
 * The Insights page's state: the board's context from the background, the history read straight from
 * IndexedDB (an extension page may; 50,000 closed tickets are faster read in place than copied through
 * a message), the user's filters, and every metric computed from them.
 */
import { batch, computed, signal } from '@preact/signals';
import { ask } from '../protocol/client';
import type { InsightsContext } from '../protocol/answers';
import { computeInsights, type ClosedTicket, type Insights, type OpenTicket } from '../flow/metrics';
import { enteredCurrentColumnAt, groupTransitionsByTicket, type StatusTransition } from '../flow/aging';
import { loadHistory, loadStatusHistory } from '../store/history';
import { loadTickets } from '../store/tickets';

/** The last context, kept by the page (no secret in it) so the next open reads history while the background wakes. */
const CONTEXT_KEY = 'pullboard.insights.context';

function rememberedContext(): InsightsContext | null {
  try {
    const raw = localStorage.getItem(CONTEXT_KEY);
    return raw ? (JSON.parse(raw) as InsightsContext) : null;
  } catch {
    return null;
  }
}

export interface InsightsFilters {
  priorityIds: string[];
  workflows: string[];
  assigneeIds: string[];
  periodDays: number;
}

export const PERIODS = [30, 90, 180] as const;

export function createInsightsModel(deps: { now?: () => number; offsetMinutes?: number } = {}) {
  const now = deps.now ?? Date.now;
  const offsetMinutes = deps.offsetMinutes ?? -new Date().getTimezoneOffset();
  const context = signal<InsightsContext | null | undefined>(undefined);
  const closed = signal<ClosedTicket[]>([]);
  const open = signal<OpenTicket[]>([]);
  const transitions = signal<StatusTransition[]>([]);
  const filters = signal<InsightsFilters>({ priorityIds: [], workflows: [], assigneeIds: [], periodDays: 90 });
  const forecastItems = signal<number | null>(null);
  const error = signal<string | null>(null);
  const loadedAt = signal(now());

  const insights = computed<Insights | null>(() => {
    const ctx = context.value;
    if (!ctx) return null;
    const f = filters.value;
    const insights = computeInsights(
      { closed: closed.value, open: open.value, transitions: transitions.value },
      {
        columns: ctx.columns,
        now: loadedAt.value,
        offsetMinutes,
        periodDays: f.periodDays,
        filter: { priorityIds: f.priorityIds, workflows: f.workflows, assigneeIds: f.assigneeIds },
        forecast: forecastItems.value === null ? {} : { items: forecastItems.value },
      },
    );
    performance.mark('pullboard:insights-computed');
    return insights;
  });

  /** Workflows and techs seen in history, for the filters. */
  const choices = computed(() => {
    const workflows = new Set<string>();
    const techs = new Map<string, string>();
    for (const t of closed.value) {
      workflows.add(t.type === null ? '(no type)' : t.subtype === null ? t.type.name : `${t.type.name} / ${t.subtype.name}`);
      if (t.assignee) techs.set(t.assignee.id, t.assignee.name);
    }
    return { workflows: [...workflows].sort(), techs: [...techs.entries()].sort((a, b) => a[1].localeCompare(b[1])) };
  });

  /**
   * Closed tickets first, so the charts that need only them paint; then the open tickets and the
   * transitions log for cycle time, cumulative flow and aging.
   */
  async function readHistory(connectionId: string, columns: () => InsightsContext['columns'], show: () => void): Promise<void> {
    // One after the other: IndexedDB serves reads in turn, and the closed tickets are what paints first.
    const history = await loadHistory(connectionId);
    performance.mark('pullboard:insights-read');
    batch(() => {
      loadedAt.value = now();
      closed.value = history;
      show();
    });
    const [tickets, log] = await Promise.all([loadTickets(connectionId), loadStatusHistory(connectionId)]);
    const byTicket = groupTransitionsByTicket(log);
    const openTickets = tickets
      .filter((t) => !t.closed)
      .map((t) => ({
        id: t.id,
        number: t.number,
        url: t.url,
        statusId: t.status.id,
        created: Date.parse(t.created),
        enteredColumnAt: enteredCurrentColumnAt(t, byTicket.get(t.id) ?? [], columns()),
        priority: t.priority && { id: t.priority.id, name: t.priority.name, rank: t.priority.rank },
        type: t.type,
        subtype: t.subtype,
        assignee: t.assignee,
      }));
    batch(() => {
      transitions.value = log;
      open.value = openTickets;
    });
  }

  async function load(): Promise<void> {
    try {
      const remembered = context.value ?? rememberedContext();
      const asked = ask({ type: 'insights.history' });
      let ctx: InsightsContext | null;
      if (remembered) {
        // Read while the background answers; shown once it confirms the same connection.
        let fresh: InsightsContext | null = null;
        const reading = readHistory(remembered.connectionId, () => (fresh ?? remembered).columns, () => {
          if (context.value === undefined) context.value = remembered;
        });
        fresh = await asked;
        if (fresh?.connectionId === remembered.connectionId) {
          await reading;
          ctx = fresh;
        } else {
          await reading.catch(() => undefined);
          ctx = fresh;
          if (ctx) await readHistory(ctx.connectionId, () => ctx!.columns, () => undefined);
        }
      } else {
        ctx = await asked;
        if (ctx) await readHistory(ctx.connectionId, () => ctx!.columns, () => (context.value = ctx));
      }
      if (context.value?.connectionId !== ctx?.connectionId || JSON.stringify(context.value) !== JSON.stringify(ctx)) context.value = ctx;
      if (ctx) localStorage.setItem(CONTEXT_KEY, JSON.stringify(ctx));
      else localStorage.removeItem(CONTEXT_KEY);
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
      context.value ??= null;
    }
  }

  /** While the backfill runs: ask for more every few seconds, re-read when history grew. */
  let timer: ReturnType<typeof setTimeout> | null = null;
  function followBackfill(everyMs = 5_000): void {
    if (timer !== null) return;
    const step = async () => {
      timer = null;
      const before = context.value;
      if (!before || before.backfill?.done) return;
      try {
        const ctx = await ask({ type: 'insights.backfill' });
        if (ctx && ctx.historyCount !== before.historyCount) await readHistory(ctx.connectionId, () => ctx.columns, () => undefined);
        context.value = ctx;
      } catch (e) {
        error.value = (e as Error).message;
      }
      if (!context.value?.backfill?.done) timer = setTimeout(() => void step(), everyMs);
    };
    timer = setTimeout(() => void step(), 0);
  }

  return {
    context,
    closed,
    open,
    transitions,
    filters,
    forecastItems,
    error,
    insights,
    choices,
    offsetMinutes,
    load,
    followBackfill,
    setFilters(patch: Partial<InsightsFilters>) {
      filters.value = { ...filters.value, ...patch };
    },
    ticketsById: computed(() => new Map(closed.value.map((t) => [t.id, t]))),
  };
}

export type InsightsModel = ReturnType<typeof createInsightsModel>;

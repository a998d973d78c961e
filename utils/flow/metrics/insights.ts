/**
 * Every flow metric of the Insights page in one pass over the history, filtered as the user chose.
 * Pure: the page (or a bench) hands it the history, the board's columns and the clock.
 */
import type { ColumnDef } from '../columns';
import { DAY_MS } from '../duration';
import { agingWip, type AgingWip } from './aging-wip';
import { calibratedSlas, type CalibratedPriority } from './calibrated-sla';
import { dayIndex, weekOfDay } from './calendar';
import { cumulativeFlow, type CumulativeFlow } from './cumulative-flow';
import { forecastHowMany, forecastWhen, type HowManyForecast, type WhenForecast } from './forecast';
import { filterClosed, filterOpen, type ClosedTicket, type HistoryFilter, type HistoryInput } from './history';
import { cycleTimes, doingStatuses, durationSpread, firstInProgressAt, leadTimes, spreadBy, ticketsById, type GroupSpread, type TicketDuration } from './lead-time';
import { percentileOfSorted, type Spread } from './percentiles';
import { slaPerformance, timeToFirstResponse, type FirstResponse, type SlaPerformance } from './sla-performance';
import { arrivalsAndDepartures, throughputPerDay, throughputPerWeek, type DayCount, type FlowDay, type WeekCount } from './throughput';

export interface InsightsOptions {
  columns: readonly ColumnDef[];
  now: number;
  /** The user's offset from UTC in minutes. */
  offsetMinutes: number;
  filter?: Omit<HistoryFilter, 'from' | 'to'>;
  /** How far back the period reaches. Default 90 days. */
  periodDays?: number;
  /** The forecasts' inputs: the day index to forecast "how many by", and how many items "when". */
  forecast?: { byDay?: number; items?: number; seed?: number; sampleDays?: number };
}

export interface Insights {
  period: { firstDay: number; lastDay: number; from: number; to: number };
  closedCount: number;
  openCount: number;
  lead: { overall: Spread; byPriority: GroupSpread[]; byWorkflow: GroupSpread[]; byTech: GroupSpread[]; points: TicketDuration[] };
  cycle: { overall: Spread; byPriority: GroupSpread[]; byWorkflow: GroupSpread[]; byTech: GroupSpread[]; points: TicketDuration[]; notLogged: number };
  throughput: { perDay: DayCount[]; perWeek: WeekCount[] };
  flow: FlowDay[];
  cumulative: CumulativeFlow;
  aging: AgingWip;
  sla: SlaPerformance;
  firstResponse: FirstResponse;
  calibrated: CalibratedPriority[];
  forecast: { sampleDays: number; byDay: number; howMany: HowManyForecast | null; when: WhenForecast | null };
}

/** The coming Friday's day index (today if today is Friday). */
export function nextFriday(today: number): number {
  return weekOfDay(today) + 4 + (today > weekOfDay(today) + 4 ? 7 : 0);
}

export const DEFAULT_PERIOD_DAYS = 90;
export const FORECAST_SAMPLE_DAYS = 30;
export const FORECAST_SEED = 20_261_202;

export function computeInsights(history: HistoryInput, options: InsightsOptions): Insights {
  const { columns, now, offsetMinutes } = options;
  const periodDays = options.periodDays ?? DEFAULT_PERIOD_DAYS;
  const lastDay = dayIndex(now, offsetMinutes);
  const firstDay = lastDay - periodDays + 1;
  const from = now - periodDays * DAY_MS;
  const filter = options.filter ?? {};
  const closed = filterClosed(history.closed, { ...filter, from, to: now + 1 });
  const open = filterOpen(history.open, filter);

  const byId = ticketsById(closed);
  const leadPoints = leadTimes(closed);
  const started = firstInProgressAt(history.transitions, doingStatuses(columns));
  const cyclePoints = cycleTimes(closed, started);
  const perDay = throughputPerDay(closed, firstDay, lastDay, offsetMinutes);

  // The forecast samples recent days of the whole history, whatever the period shown.
  const sampleDays = options.forecast?.sampleDays ?? FORECAST_SAMPLE_DAYS;
  const sampleFrom = lastDay - sampleDays;
  const sampled = filterClosed(history.closed, { ...filter, from: now - (sampleDays + 1) * DAY_MS });
  // Yesterday and before: today is not over, its count would pull every run down.
  const samples = throughputPerDay(sampled, sampleFrom, lastDay - 1, offsetMinutes).map((d) => d.count);
  const byDay = options.forecast?.byDay ?? nextFriday(lastDay);
  const seed = options.forecast?.seed ?? FORECAST_SEED;
  const items = options.forecast?.items ?? open.length;

  return {
    period: { firstDay, lastDay, from, to: now },
    closedCount: closed.length,
    openCount: open.length,
    lead: {
      overall: durationSpread(leadPoints),
      byPriority: spreadBy(byId, leadPoints, 'priority'),
      byWorkflow: spreadBy(byId, leadPoints, 'workflow'),
      byTech: spreadBy(byId, leadPoints, 'tech'),
      points: leadPoints,
    },
    cycle: {
      overall: durationSpread(cyclePoints),
      byPriority: spreadBy(byId, cyclePoints, 'priority'),
      byWorkflow: spreadBy(byId, cyclePoints, 'workflow'),
      byTech: spreadBy(byId, cyclePoints, 'tech'),
      points: cyclePoints,
      notLogged: closed.length - cyclePoints.length,
    },
    throughput: { perDay, perWeek: throughputPerWeek(perDay) },
    flow: arrivalsAndDepartures(closed, open.filter((t) => t.created >= from), firstDay, lastDay, offsetMinutes),
    cumulative: cumulativeFlow(closed, open, history.transitions, columns, firstDay, lastDay, offsetMinutes),
    aging: agingWip(open, history.transitions, columns, now),
    sla: slaPerformance(closed, offsetMinutes),
    firstResponse: timeToFirstResponse(closed),
    calibrated: calibratedSlas(filterClosed(history.closed, filter), now),
    forecast: {
      sampleDays,
      byDay,
      howMany: forecastHowMany(samples, Math.max(0, byDay - lastDay), seed),
      when: forecastWhen(samples, items, seed),
    },
  };
}

export interface BoardHeadline {
  /** The p85 lead time of tickets closed in the last 90 days; null without any. */
  leadP85Ms: number | null;
  arrivalsToday: number;
  departuresToday: number;
}

/** What the board's header shows: lead-time p85 from history, today's arrivals and departures. */
export function boardHeadline(closed: readonly Pick<ClosedTicket, 'created' | 'closedAt'>[], arrivedAt: readonly number[], now: number, offsetMinutes: number): BoardHeadline {
  const today = dayIndex(now, offsetMinutes);
  const recent: number[] = [];
  let departuresToday = 0;
  for (const t of closed) {
    if (t.closedAt >= now - DEFAULT_PERIOD_DAYS * DAY_MS && t.closedAt <= now) recent.push(t.closedAt - t.created);
    if (dayIndex(t.closedAt, offsetMinutes) === today) departuresToday++;
  }
  return {
    leadP85Ms: percentileOfSorted(Float64Array.from(recent).sort(), 0.85),
    arrivalsToday: arrivedAt.filter((ms) => dayIndex(ms, offsetMinutes) === today).length,
    departuresToday,
  };
}

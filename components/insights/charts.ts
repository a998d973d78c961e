/** Each chart of the Insights page as uPlot options, data and a table, from the computed insights. */
import uPlot from 'uplot';
import type { Insights } from '../../utils/flow/metrics';
import { metShare, NOT_LOGGED_BAND } from '../../utils/flow/metrics';
import type { ChartCardProps } from './ChartCard';
import { dayLabel, daySeconds, hours, percent } from './format';

const HOUR = 3_600_000;
const PALETTE = ['#2563eb', '#c77700', '#1f9d55', '#d0312d', '#7c3aed', '#0891b2', '#be185d', '#4d7c0f'];

/** Days are drawn in UTC: a local day index is stored as that date's UTC midnight. */
const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

function base(yLabel: string): Omit<uPlot.Options, 'width' | 'height' | 'series'> {
  return { tzDate: utc, legend: { show: true, live: false }, cursor: { drag: { x: false, y: false } }, axes: [{}, { label: yLabel, size: 60 }], scales: { x: { time: true } } };
}

const line = (label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({ label, stroke, width: 2, points: { show: false }, ...extra });

export function leadTimeChart(ins: Insights, which: 'lead' | 'cycle'): ChartCardProps {
  const m = which === 'lead' ? ins.lead : ins.cycle;
  const points = [...m.points].sort((a, b) => a.closedAt - b.closedAt);
  const xs = points.map((p) => p.closedAt / 1000);
  const ys = points.map((p) => p.ms / HOUR);
  const flat = (v: number | null) => xs.map(() => (v === null ? null : v / HOUR));
  const what = which === 'lead' ? 'Lead time (created → closed)' : 'Cycle time (first in progress → closed)';
  const { p50, p85, p95, count } = m.overall;
  return {
    id: `${which}-time`,
    title: what,
    summary:
      count === 0
        ? which === 'cycle'
          ? 'No closed ticket was seen starting yet: cycle time begins with the moves Pullboard logs from now on.'
          : 'No closed tickets in this period.'
        : `${count} tickets: half closed within ${hours(p50)}, 85% within ${hours(p85)}, 95% within ${hours(p95)}.${which === 'cycle' && ins.cycle.notLogged ? ` ${ins.cycle.notLogged} closed without a logged start.` : ''}`,
    plot:
      count === 0
        ? null
        : {
            options: {
              ...base('hours'),
              series: [
                {},
                { label: 'ticket', stroke: 'rgba(37,99,235,.55)', width: 0, points: { show: true, size: 4, fill: 'rgba(37,99,235,.45)' }, paths: () => null },
                line('p50', '#1f9d55', { dash: [6, 4] }),
                line('p85', '#c77700', { dash: [6, 4] }),
                line('p95', '#d0312d', { dash: [6, 4] }),
              ],
            },
            data: [xs, ys, flat(p50), flat(p85), flat(p95)],
          },
    table: {
      header: ['Group', 'Tickets', 'p50', 'p85', 'p95'],
      rows: [
        ['All', count, hours(p50), hours(p85), hours(p95)],
        ...m.byPriority.map((g) => [`Priority ${g.label}`, g.count, hours(g.p50), hours(g.p85), hours(g.p95)]),
        ...m.byWorkflow.map((g) => [`Workflow ${g.label}`, g.count, hours(g.p50), hours(g.p85), hours(g.p95)]),
        ...m.byTech.map((g) => [`Tech ${g.label}`, g.count, hours(g.p50), hours(g.p85), hours(g.p95)]),
      ],
    },
    csv: () => ({ header: ['ticket id', 'closed', `${which} time hours`], rows: points.map((p) => [p.id, new Date(p.closedAt).toISOString(), +(p.ms / HOUR).toFixed(3)]) }),
  };
}

export function throughputChart(ins: Insights, per: 'day' | 'week'): ChartCardProps {
  const rows = per === 'day' ? ins.throughput.perDay.map((d) => ({ day: d.day, count: d.count })) : ins.throughput.perWeek.map((w) => ({ day: w.week, count: w.count }));
  const total = rows.reduce((s, r) => s + r.count, 0);
  return {
    id: `throughput-${per}`,
    title: `Throughput per ${per}`,
    summary: `${total} tickets closed in ${ins.period.lastDay - ins.period.firstDay + 1} days: ${(total / Math.max(1, ins.period.lastDay - ins.period.firstDay + 1)).toFixed(1)} a day on average.`,
    plot: {
      options: { ...base('tickets closed'), series: [{}, { label: 'closed', stroke: '#2563eb', fill: 'rgba(37,99,235,.35)', paths: uPlot.paths.bars!({ size: [0.8, 40] }), points: { show: false } }] },
      data: [rows.map((r) => daySeconds(r.day)), rows.map((r) => r.count)],
    },
    table: { header: [per === 'day' ? 'Day' : 'Week of', 'Closed'], rows: rows.map((r) => [dayLabel(r.day), r.count]) },
  };
}

export function arrivalsChart(ins: Insights): ChartCardProps {
  const arrived = ins.flow.reduce((s, d) => s + d.arrivals, 0);
  const left = ins.flow.reduce((s, d) => s + d.departures, 0);
  return {
    id: 'arrivals-departures',
    title: 'Arrivals and departures per day',
    summary: `${arrived} tickets arrived and ${left} left in this period: the queue ${arrived > left ? `grew by ${arrived - left}` : arrived < left ? `shrank by ${left - arrived}` : 'held steady'}.`,
    plot: {
      options: { ...base('tickets'), series: [{}, line('arrivals', '#c77700'), line('departures', '#1f9d55')] },
      data: [ins.flow.map((d) => daySeconds(d.day)), ins.flow.map((d) => d.arrivals), ins.flow.map((d) => d.departures)],
    },
    table: { header: ['Day', 'Arrivals', 'Departures'], rows: ins.flow.map((d) => [dayLabel(d.day), d.arrivals, d.departures]) },
  };
}

export function cumulativeFlowChart(ins: Insights): ChartCardProps {
  const { bands, days, counts } = ins.cumulative;
  // Stacked: each band drawn as the running total of itself and every band below it (Done at the bottom).
  const order = [...bands.keys()].reverse();
  const stacked: number[][] = [];
  let below = days.map(() => 0);
  for (const b of order) {
    below = below.map((v, i) => v + (counts[b]![i] ?? 0));
    stacked.push(below);
  }
  const colour = (id: string, i: number) => (id === 'done' ? '#94a3b8' : id === NOT_LOGGED_BAND ? '#e2e8f0' : PALETTE[i % PALETTE.length]!);
  const series = order.map((b) => ({ id: bands[b]!.id, name: bands[b]!.name, colour: colour(bands[b]!.id, b) }));
  const last = days.length - 1;
  return {
    id: 'cumulative-flow',
    title: 'Cumulative flow',
    summary: last < 0 ? 'No days in this period.' : `At the end of ${dayLabel(days[last]!)}: ${bands.map((b, i) => `${b.name} ${counts[i]![last]}`).join(', ')}.`,
    plot: {
      options: {
        ...base('tickets'),
        // Top band first, so each lower band's fill is drawn over the one above it.
        series: [{}, ...[...series].reverse().map((s) => ({ label: s.name, stroke: s.colour, fill: s.colour, width: 1, points: { show: false } }))],
      },
      data: [days.map(daySeconds), ...[...stacked].reverse()],
    },
    table: { header: ['Day', ...bands.map((b) => b.name)], rows: days.map((d, i) => [dayLabel(d), ...bands.map((_, b) => counts[b]![i]!)]) },
  };
}

export function agingChart(ins: Insights): ChartCardProps {
  const { rows, thresholds } = ins.aging;
  const columnIndex = new Map(thresholds.map((t, i) => [t.columnId, i]));
  const sorted = [...rows].sort((a, b) => (columnIndex.get(a.columnId) ?? 0) - (columnIndex.get(b.columnId) ?? 0));
  // Spread the dots of one column a little so they do not hide each other (deterministic).
  const xs = sorted.map((r, i) => (columnIndex.get(r.columnId) ?? 0) + ((i * 37) % 60) / 100 - 0.3);
  const stale = rows.filter((r) => r.marker === 'stale').length;
  return {
    id: 'aging-wip',
    title: 'Aging work in progress',
    summary: `${rows.length} open tickets; ${stale} older in their column than 85% of the team's stays there.`,
    plot:
      rows.length === 0
        ? null
        : {
            options: {
              legend: { show: true, live: false },
              scales: { x: { time: false, range: [-0.6, thresholds.length - 0.4] } },
              axes: [{ values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? (thresholds[t]?.columnName ?? '') : '')), incrs: [1] }, { label: 'hours in column', size: 60 }],
              series: [
                {},
                { label: 'open ticket', stroke: 'rgba(37,99,235,.7)', width: 0, points: { show: true, size: 6, fill: 'rgba(37,99,235,.5)' }, paths: () => null },
                { label: "team's p85", stroke: '#d0312d', width: 0, points: { show: true, size: 10, fill: '#d0312d' }, paths: () => null },
              ],
            },
            data: (() => {
              const px = [...xs, ...thresholds.map((_, i) => i)];
              const order = px.map((_, i) => i).sort((a, b) => px[a]! - px[b]!);
              const ages = [...sorted.map((r) => r.ageMs / HOUR), ...thresholds.map(() => null)];
              const p85 = [...sorted.map(() => null), ...thresholds.map((t) => (t.p85 === null ? null : t.p85 / HOUR))];
              return [order.map((i) => px[i]!), order.map((i) => ages[i]!), order.map((i) => p85[i]!)] as uPlot.AlignedData;
            })(),
          },
    table: { header: ['Ticket', 'Column', 'In column', "Team's p85", 'Mark'], rows: sorted.map((r) => [r.number, r.columnName, hours(r.ageMs), hours(r.thresholdMs), r.marker]) },
  };
}

export function slaTrendChart(ins: Insights): ChartCardProps {
  const { weekly, byPriority, overall } = ins.sla;
  const weeks = weekly.map((w) => daySeconds(w.week));
  const pct = (met: number, total: number) => (total === 0 ? null : (100 * met) / total);
  return {
    id: 'sla-performance',
    title: 'SLA performance per week',
    summary: `Response targets met: ${percent(metShare(overall.response))} of ${overall.response.total}; resolution targets met: ${percent(metShare(overall.resolution))} of ${overall.resolution.total}.`,
    plot:
      weekly.length === 0
        ? null
        : {
            options: {
              ...base('% resolution met'),
              scales: { x: { time: true }, y: { range: [0, 100] } },
              series: [{}, line('response (all)', '#64748b', { dash: [4, 4] }), ...byPriority.map((p, i) => line(p.label, PALETTE[i % PALETTE.length]!, { spanGaps: true }))],
            },
            data: [weeks, weekly.map((w) => pct(w.response.met, w.response.total)), ...byPriority.map((p) => weekly.map((w) => (w.byPriority[p.key] ? pct(w.byPriority[p.key]!.met, w.byPriority[p.key]!.total) : null)))],
          },
    table: {
      header: ['Group', 'Response met', 'Response targets', 'Resolution met', 'Resolution targets'],
      rows: [
        ...byPriority.map((g) => [`Priority ${g.label}`, percent(metShare(g.response)), g.response.total, percent(metShare(g.resolution)), g.resolution.total]),
        ...ins.sla.byWorkflow.map((g) => [`Workflow ${g.label}`, percent(metShare(g.response)), g.response.total, percent(metShare(g.resolution)), g.resolution.total]),
        ...weekly.map((w) => [`Week of ${dayLabel(w.week)}`, percent(metShare(w.response)), w.response.total, percent(metShare(w.resolution)), w.resolution.total]),
      ],
    },
  };
}

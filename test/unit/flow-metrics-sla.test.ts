/** SLA performance, calibrated SLAs, aging WIP and forecasts, as tables (nearest-rank percentiles). */
import { describe, expect, it } from 'vitest';
import {
  agingWip,
  calibratedSlas,
  calibrationSentence,
  computeInsights,
  dayIndex,
  forecastHowMany,
  forecastWhen,
  formatWithin,
  metShare,
  nextFriday,
  seededRandom,
  slaPerformance,
  suggestTarget,
  timeToFirstResponse,
  weekOfDay,
  type ClosedTicket,
  type OpenTicket,
} from '../../utils/flow/metrics';
import type { ColumnDef } from '../../utils/flow';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-25T12:00:00.000Z'); // a Wednesday
const P1 = { id: '1', name: 'P1 Critical', rank: 1 };
const P2 = { id: '2', name: 'P2 High', rank: 2 };

/** A P2 ticket created `agoH` hours ago, resolved `leadH` later, against an 8 h resolve and a 1 h respond SLA. */
function p2(id: string, agoH: number, leadH: number, respondH: number | null, extra: Partial<ClosedTicket> = {}): ClosedTicket {
  const created = NOW - agoH * HOUR;
  return {
    id,
    number: `#${id}`,
    url: `https://acme.halopsa.com/ticket?id=${id}`,
    created,
    respondedAt: respondH === null ? null : created + respondH * HOUR,
    closedAt: created + leadH * HOUR,
    priority: P2,
    type: { id: 't', name: 'Incident' },
    subtype: null,
    assignee: null,
    respondBy: created + HOUR,
    resolveBy: created + 8 * HOUR,
    slaMet: null,
    ...extra,
  };
}

describe('SLA performance', () => {
  const tickets = [
    p2('a', 100, 4, 0.5), // both met
    p2('b', 100, 9, 2), // both missed
    p2('c', 20, 8, null), // resolved exactly at the target: met; no response recorded, closed after 1 h: missed
    p2('d', 20, 0.5, null), // closed within the response target without a response: responded when it closed
    p2('e', 20, 3, 0.25, { priority: P1, respondBy: null, resolveBy: null }), // no targets: not counted at all
    p2('f', 20, 3, 0.25, { priority: P1, type: null, resolveBy: null }), // response target only
  ];

  it('counts met targets per priority, per workflow and overall', () => {
    const perf = slaPerformance(tickets, 0);
    expect(perf.overall).toEqual({ response: { met: 3, total: 5 }, resolution: { met: 3, total: 4 } });
    expect(perf.byPriority.map((g) => [g.label, g.response, g.resolution])).toEqual([
      ['P1 Critical', { met: 1, total: 1 }, { met: 0, total: 0 }],
      ['P2 High', { met: 2, total: 4 }, { met: 3, total: 4 }],
    ]);
    expect(perf.byWorkflow.map((g) => [g.label, g.resolution.met, g.resolution.total])).toEqual([
      ['(no type)', 0, 0],
      ['Incident', 3, 4],
    ]);
    expect(metShare(perf.overall.resolution)).toBe(0.75);
    expect(metShare({ met: 0, total: 0 })).toBeNull();
  });

  it('trends by the week the tickets closed (Monday to Sunday)', () => {
    const weeks = slaPerformance(tickets, 0).weekly;
    // a and b closed on Sat 21 Nov (100 h before Wed noon + a few hours): the week of Mon 16th; the rest this week.
    expect(weeks.map((w) => [w.week, w.resolution.met, w.resolution.total, w.byPriority['2']])).toEqual([
      [weekOfDay(dayIndex(NOW, 0)) - 7, 1, 2, { met: 1, total: 2 }],
      [weekOfDay(dayIndex(NOW, 0)), 2, 2, { met: 2, total: 2 }],
    ]);
  });

  it('time to first response only over recorded responses', () => {
    const first = timeToFirstResponse(tickets);
    // responses in h: a 0.5, b 2, e 0.25, f 0.25 → sorted [0.25, 0.25, 0.5, 2]: p50 rank 2, p85 rank ⌈3.4⌉ = 4
    expect([first.overall.count, first.overall.p50! / HOUR, first.overall.p85! / HOUR]).toEqual([4, 0.25, 2]);
    expect(first.byPriority.map((g) => [g.label, g.count])).toEqual([['P1 Critical', 2], ['P2 High', 2]]);
  });
});

describe('calibrated SLAs', () => {
  // Twenty P2 tickets in the last 90 days resolved in 1..20 h against an 8 h promise; one older one ignored.
  const tickets = [
    ...Array.from({ length: 20 }, (_, i) => p2(`t${i + 1}`, 24 * (i + 2), i + 1, 0.5)),
    p2('old', 24 * 120, 100, 0.5),
  ];

  it('p85, the promise, the misses and a suggested internal target', () => {
    const [row] = calibratedSlas(tickets, NOW);
    // lead times 1..20 h: p85 rank ⌈17⌉ = 17 h; missed: 9..20 h = 12 of 20 → 60%
    expect(row).toMatchObject({
      priorityName: 'P2 High',
      resolution: { count: 20, p85: 17 * HOUR, promisedMs: 8 * HOUR, withTarget: 20, missed: 12, suggestedMs: 17 * HOUR },
      response: { count: 20, p85: 0.5 * HOUR, promisedMs: HOUR, missed: 0, suggestedMs: 30 * MIN },
    });
    expect(row!.resolution.missedIds).toEqual(['t9', 't10', 't11', 't12', 't13', 't14', 't15', 't16', 't17', 't18', 't19', 't20']);
    expect(row!.resolution.ticketIds).toHaveLength(20);
    expect(calibrationSentence(row!)).toBe('85% of P2 High tickets are resolved within 17 h; your SLA promises 8 h; 60% missed it in the last 90 days');
  });

  it.each([
    // p85, suggested (rounded up: 15 min steps under 2 h, whole hours from there)
    [10 * MIN, 15 * MIN],
    [61 * MIN, 75 * MIN],
    [2 * HOUR, 2 * HOUR],
    [8.2 * HOUR, 9 * HOUR],
    [0, 15 * MIN],
  ])('suggests %d ms → %d ms', (p85, suggested) => {
    expect(suggestTarget(p85)).toBe(suggested);
  });

  it.each([
    [59 * MIN + 1, '60 min'],
    [8.1 * HOUR, '9 h'],
    [47 * HOUR, '47 h'],
    [50 * HOUR, '3 d'],
  ])('"within" rounds up: %d → %s', (ms, text) => {
    expect(formatWithin(ms)).toBe(text);
  });

  it('says plainly when there is nothing to calibrate', () => {
    const sentence = calibrationSentence({ priorityId: '9', priorityName: 'P4 Low', rank: 4, resolution: { count: 0, p85: null, promisedMs: null, withTarget: 0, missed: 0, suggestedMs: null, ticketIds: [], missedIds: [] }, response: { count: 0, p85: null, promisedMs: null, withTarget: 0, missed: 0, suggestedMs: null, ticketIds: [], missedIds: [] } });
    expect(sentence).toBe('No P4 Low tickets closed in the last 90 days: nothing to calibrate yet.');
  });
});

const COLUMNS: ColumnDef[] = [
  { id: 'ready', name: 'Ready', statusIds: ['s-new'], role: 'ready', wipLimit: null, hardLimit: false },
  { id: 'doing', name: 'In Progress', statusIds: ['s-doing'], role: 'doing', wipLimit: null, hardLimit: false },
  { id: 'done', name: 'Done', statusIds: ['s-closed'], role: 'done', wipLimit: null, hardLimit: false },
];

function open(id: string, statusId: string, enteredAgoH: number): OpenTicket {
  return { id, number: `#${id}`, url: `https://x.test/${id}`, statusId, created: NOW - 100 * HOUR, enteredColumnAt: NOW - enteredAgoH * HOUR, priority: P2, type: null, subtype: null, assignee: null };
}

describe('aging WIP against the team’s own p85 per column', () => {
  // Six completed stays in In Progress of 1..6 h (each ticket moved doing → closed): p85 rank ⌈5.1⌉ = 6 h.
  const transitions = Array.from({ length: 6 }, (_, i) => [
    { ticketId: `h${i}`, fromStatusId: 's-new', toStatusId: 's-doing', at: NOW - 48 * HOUR },
    { ticketId: `h${i}`, fromStatusId: 's-doing', toStatusId: 's-closed', at: NOW - 48 * HOUR + (i + 1) * HOUR },
  ]).flat();

  it.each([
    // in column for h → marker (stale past 6 h, aging past 70% of it = 4.2 h)
    [1, 'fresh'],
    [5, 'aging'],
    [7, 'stale'],
  ])('%d h in progress is %s', (hours, marker) => {
    const { rows, thresholds } = agingWip([open('x', 's-doing', hours)], transitions, COLUMNS, NOW);
    expect(thresholds).toEqual([{ columnId: 'ready', columnName: 'Ready', p85: null }, { columnId: 'doing', columnName: 'In Progress', p85: 6 * HOUR }]);
    expect(rows.map((r) => [r.columnId, r.ageMs / HOUR, r.thresholdMs, r.marker])).toEqual([['doing', hours, 6 * HOUR, marker]]);
  });

  it('a column without enough history gives no threshold and marks nothing', () => {
    const { rows } = agingWip([open('y', 's-new', 500)], transitions, COLUMNS, NOW);
    expect(rows[0]).toMatchObject({ columnId: 'ready', thresholdMs: null, marker: 'fresh' });
  });
});

describe('Monte Carlo forecasts', () => {
  it('the generator is seeded: the same seed gives the same numbers, another seed others', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    for (const x of first) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThan(1);
  });

  it('a constant throughput forecasts exactly', () => {
    const samples = [3, 3, 3, 3];
    expect(forecastHowMany(samples, 5, 1)!.atLeast.map((l) => l.value)).toEqual([15, 15, 15]);
    // 12 items at 3 a day: 4 days in every run
    expect(forecastWhen(samples, 12, 1)!.withinDays.map((l) => l.value)).toEqual([4, 4, 4]);
  });

  it('is deterministic with a seed, and more confidence promises less', () => {
    const samples = [0, 0, 2, 5, 1, 7, 3, 0, 4, 6, 2, 3, 0, 1];
    const first = forecastHowMany(samples, 10, 7)!;
    expect(forecastHowMany(samples, 10, 7)).toEqual(first);
    expect(first.runs).toBe(10_000);
    const [p50, p85, p95] = first.atLeast.map((l) => l.value);
    expect(p50).toBeGreaterThanOrEqual(p85!);
    expect(p85).toBeGreaterThanOrEqual(p95!);
    // the mean daily throughput is 34/14 ≈ 2.43: the median of 10 days sits near 24
    expect(p50).toBeGreaterThanOrEqual(20);
    expect(p50).toBeLessThanOrEqual(29);
    const when = forecastWhen(samples, 12, 7)!.withinDays.map((l) => l.value!);
    expect(when[0]).toBeLessThanOrEqual(when[1]!);
    expect(when[1]).toBeLessThanOrEqual(when[2]!);
  });

  it('without throughput there is no "when", and "how many" is zero', () => {
    expect(forecastWhen([0, 0, 0], 5, 1)).toBeNull();
    expect(forecastWhen([], 5, 1)).toBeNull();
    expect(forecastHowMany([0, 0], 3, 1)!.atLeast.map((l) => l.value)).toEqual([0, 0, 0]);
  });

  it('"by Friday" means the coming Friday', () => {
    const wednesday = dayIndex(NOW, 0);
    expect(nextFriday(wednesday)).toBe(wednesday + 2);
    expect(nextFriday(wednesday + 2)).toBe(wednesday + 2); // on Friday: today
    expect(nextFriday(wednesday + 3)).toBe(wednesday + 9); // on Saturday: next week's
  });
});

describe('computeInsights', () => {
  it('applies the filters and the period to every metric', () => {
    const closed = [
      p2('a', 48, 4, 0.5, { assignee: { id: 'm1', name: 'Ana' } }),
      p2('b', 48, 10, 0.5, { assignee: { id: 'm2', name: 'Bo' } }),
      p2('c', 24 * 200, 5, 0.5, { assignee: { id: 'm1', name: 'Ana' } }), // outside the period
    ];
    const all = computeInsights({ closed, open: [], transitions: [] }, { columns: COLUMNS, now: NOW, offsetMinutes: 0 });
    expect([all.closedCount, all.lead.overall.p85! / HOUR]).toEqual([2, 10]);
    const ana = computeInsights({ closed, open: [], transitions: [] }, { columns: COLUMNS, now: NOW, offsetMinutes: 0, filter: { assigneeIds: ['m1'] } });
    expect([ana.closedCount, ana.lead.overall.p85! / HOUR, ana.sla.overall.resolution]).toEqual([1, 4, { met: 1, total: 1 }]);
    expect(ana.throughput.perDay).toHaveLength(90);
    expect(ana.cycle.notLogged).toBe(1);
    expect(ana.forecast.howMany?.runs).toBe(10_000);
  });
});

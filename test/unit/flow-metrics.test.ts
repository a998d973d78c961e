/**
 * Flow metrics as tables. Percentiles are nearest-rank (rank ⌈p·n⌉ of the sorted values), worked out
 * by hand in each row's comment.
 */
import { describe, expect, it } from 'vitest';
import {
  arrivalsAndDepartures,
  boardHeadline,
  cumulativeFlow,
  cycleTimes,
  dayIndex,
  dayStart,
  firstInProgressAt,
  leadTimes,
  NOT_LOGGED_BAND,
  percentileOfSorted,
  spread,
  spreadBy,
  throughputPerDay,
  throughputPerWeek,
  weekOfDay,
  workflowKey,
  type ClosedTicket,
  type OpenTicket,
} from '../../utils/flow/metrics';
import type { ColumnDef } from '../../utils/flow';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 2026-11-25, 12:00 UTC. */
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TODAY = dayIndex(NOW, 0);

const P1 = { id: '1', name: 'P1 Critical', rank: 1 };
const P2 = { id: '2', name: 'P2 High', rank: 2 };

export function closed(id: string, createdAgoH: number, leadH: number, extra: Partial<ClosedTicket> = {}): ClosedTicket {
  const created = NOW - createdAgoH * HOUR;
  return {
    id,
    number: `#${id}`,
    url: `https://na.myconnectwise.net/ticket/${id}`,
    created,
    respondedAt: null,
    closedAt: created + leadH * HOUR,
    priority: P2,
    type: null,
    subtype: null,
    assignee: null,
    respondBy: null,
    resolveBy: null,
    slaMet: null,
    ...extra,
  };
}

function open(id: string, statusId: string, createdAgoH: number, enteredAgoH = createdAgoH): OpenTicket {
  return { id, number: `#${id}`, url: `https://x.test/${id}`, statusId, created: NOW - createdAgoH * HOUR, enteredColumnAt: NOW - enteredAgoH * HOUR, priority: P2, type: null, subtype: null, assignee: null };
}

const COLUMNS: ColumnDef[] = [
  { id: 'new', name: 'New', statusIds: ['s-new'], role: 'ready', wipLimit: null, hardLimit: false },
  { id: 'doing', name: 'In Progress', statusIds: ['s-doing'], role: 'doing', wipLimit: null, hardLimit: false },
  { id: 'waiting', name: 'Waiting', statusIds: ['s-wait-c', 's-wait-v'], role: 'waiting', wipLimit: null, hardLimit: false },
  { id: 'done', name: 'Done', statusIds: ['s-closed'], role: 'done', wipLimit: null, hardLimit: false },
];

describe('nearest-rank percentiles', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    // [values, p, expected]  rank = ⌈p·n⌉
    [ten, 0.5, 5], // ⌈5⌉ = 5
    [ten, 0.85, 9], // ⌈8.5⌉ = 9
    [ten, 0.95, 10], // ⌈9.5⌉ = 10
    [ten, 0, 1], // rank at least 1
    [ten, 1, 10],
    [[7], 0.85, 7],
    [Array.from({ length: 20 }, (_, i) => i + 1), 0.85, 17], // ⌈17⌉ = 17 (0.85·20 is 17.000000000000004 in floats)
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.95, 95],
    [[3, 1, 2], 0.5, 2], // sorted [1,2,3]: ⌈1.5⌉ = 2
  ])('%j at %d → %d', (values, p, expected) => {
    expect(percentileOfSorted([...values].sort((a, b) => a - b), p)).toBe(expected);
  });

  it('none: null', () => {
    expect(spread([])).toEqual({ count: 0, p50: null, p85: null, p95: null });
  });

  it('spread of 1..20 h', () => {
    // p50 rank 10, p85 rank 17, p95 rank 19
    expect(spread(Array.from({ length: 20 }, (_, i) => (i + 1) * HOUR))).toEqual({ count: 20, p50: 10 * HOUR, p85: 17 * HOUR, p95: 19 * HOUR });
  });
});

describe('lead and cycle time', () => {
  const tickets = [
    closed('a', 30, 2, { priority: P1, assignee: { id: 'm1', name: 'Ana' }, type: { id: 't1', name: 'Incident' } }),
    closed('b', 30, 4, { priority: P1, assignee: { id: 'm1', name: 'Ana' }, type: { id: 't1', name: 'Incident' }, subtype: { id: 'st', name: 'Network' } }),
    closed('c', 30, 8, { assignee: { id: 'm2', name: 'Bo' } }),
    closed('d', 30, 16),
    closed('e', 30, 1, { closedAt: NOW - 31 * HOUR }), // closed before created: bad data, left out
  ];

  it('lead time is created → closed; impossible ones are dropped', () => {
    expect(leadTimes(tickets).map((d) => [d.id, d.ms / HOUR])).toEqual([['a', 2], ['b', 4], ['c', 8], ['d', 16]]);
  });

  it.each([
    // grouping, [key, label, count, p50 h, p85 h]
    ['priority', [['1', 'P1 Critical', 2, 2, 4], ['2', 'P2 High', 2, 8, 16]]], // P2: [8,16] p50 rank 1, p85 rank ⌈1.7⌉ = 2
    ['tech', [['m1', 'Ana', 2, 2, 4], ['m2', 'Bo', 1, 8, 8], ['', '(unassigned)', 1, 16, 16]]],
    ['workflow', [['Incident', 'Incident', 1, 2, 2], ['Incident / Network', 'Incident / Network', 1, 4, 4], ['(no type)', '(no type)', 2, 8, 16]]],
  ] as const)('by %s', (by, expected) => {
    const rows = spreadBy(tickets, leadTimes(tickets), by).map((g) => [g.key, g.label, g.count, g.p50! / HOUR, g.p85! / HOUR]);
    expect(rows).toEqual(expected);
  });

  it('cycle time runs from the first move into an in-progress column; tickets never seen starting have none', () => {
    const t0 = NOW - 30 * HOUR;
    const transitions = [
      { ticketId: 'a', fromStatusId: 's-new', toStatusId: 's-doing', at: t0 + HOUR },
      { ticketId: 'b', fromStatusId: 's-new', toStatusId: 's-doing', at: t0 + 3 * HOUR },
      { ticketId: 'b', fromStatusId: 's-doing', toStatusId: 's-wait-c', at: t0 + 3.5 * HOUR },
      { ticketId: 'b', fromStatusId: 's-wait-c', toStatusId: 's-doing', at: t0 + 3.75 * HOUR }, // a second start does not restart the clock
      { ticketId: 'c', fromStatusId: 's-new', toStatusId: 's-wait-c', at: t0 + HOUR }, // never in progress
    ];
    const started = firstInProgressAt(transitions, new Set(['s-doing']));
    expect(cycleTimes(tickets, started).map((d) => [d.id, d.ms / HOUR])).toEqual([['a', 1], ['b', 1]]);
  });

  it('workflow names type and subtype', () => {
    expect(workflowKey({ type: { id: '1', name: 'Request' }, subtype: { id: '2', name: 'New user' } })).toBe('Request / New user');
    expect(workflowKey({ type: null, subtype: null })).toBe('(no type)');
  });
});

describe('calendar', () => {
  it.each([
    // ms, offset minutes, expected local date
    ['2026-11-25T12:00:00Z', 0, '2026-11-25'],
    ['2026-11-25T23:30:00Z', 60, '2026-11-26'], // Berlin in winter: already the 26th
    ['2026-11-25T02:00:00Z', -300, '2026-11-24'], // New York: still the 24th
  ])('%s at UTC%+d is local day %s', (iso, offset, date) => {
    expect(dayIndex(Date.parse(iso), offset)).toBe(Date.parse(`${date}T00:00:00Z`) / DAY);
    expect(dayStart(dayIndex(Date.parse(iso), offset), offset)).toBeLessThanOrEqual(Date.parse(iso));
  });

  it('weeks start on Monday', () => {
    // 2026-11-25 is a Wednesday; its Monday is the 23rd; Sunday the 29th belongs to the same week.
    expect(weekOfDay(TODAY)).toBe(Date.parse('2026-11-23T00:00:00Z') / DAY);
    expect(weekOfDay(TODAY + 4)).toBe(weekOfDay(TODAY));
    expect(weekOfDay(TODAY + 5)).toBe(weekOfDay(TODAY) + 7);
  });
});

describe('throughput, arrivals and departures', () => {
  const tickets = [
    closed('a', 50, 1), // created 2 d 2 h ago, closed 2 d 1 h ago: day −3? see below
    closed('b', 30, 10), // created yesterday 06:00, closed yesterday 16:00
    closed('c', 30, 28), // created yesterday 06:00, closed today 10:00
    closed('d', 5, 1), // today
  ];
  // a: created 2026-11-23T10:00, closed 11:00 → Monday the 23rd (TODAY − 2)

  it('per day, with the quiet days as zeros', () => {
    expect(throughputPerDay(tickets, TODAY - 3, TODAY, 0).map((d) => d.count)).toEqual([0, 1, 1, 2]);
  });

  it('per week sums the days of each Monday-to-Sunday week', () => {
    const perDay = throughputPerDay(tickets, TODAY - 3, TODAY, 0); // Sun 22nd .. Wed 25th
    expect(throughputPerWeek(perDay)).toEqual([
      { week: weekOfDay(TODAY) - 7, count: 0 },
      { week: weekOfDay(TODAY), count: 4 },
    ]);
  });

  it('arrivals count open tickets too; departures only closed ones', () => {
    const rows = arrivalsAndDepartures(tickets, [open('o1', 's-new', 1), open('o2', 's-new', 70)], TODAY - 2, TODAY, 0);
    expect(rows.map((r) => [r.arrivals, r.departures])).toEqual([
      [1, 1], // Mon: a arrived and left (o2, 70 h ago, arrived Sunday: outside)
      [2, 1], // Tue: b and c arrived, b left
      [2, 2], // Wed: d and o1 arrived; c and d left
    ]);
  });

  it('the board headline: lead-time p85 of the last 90 days, arrivals and departures today', () => {
    const old = closed('z', 100 * 24, 500); // closed ~79 days ago... created 100 d ago, lead 500 h ≈ 20.8 d: closed 79 d ago, inside
    const ancient = closed('y', 200 * 24, 1); // closed 200 days ago: outside
    const headline = boardHeadline([...tickets, old, ancient], [NOW - HOUR, NOW - 30 * HOUR], NOW, 0);
    // lead times in h: a 1, b 10, c 28, d 1, z 500 → sorted [1,1,10,28,500], p85 rank ⌈4.25⌉ = 5 → 500
    expect(headline).toEqual({ leadP85Ms: 500 * HOUR, arrivalsToday: 1, departuresToday: 2 });
  });
});

describe('cumulative flow', () => {
  it('counts each ticket in its column at the end of each day, Done cumulatively, unlogged history apart', () => {
    const yesterdayNoon = NOW - DAY;
    const transitions = [
      // o1: arrived two days ago in New, started yesterday noon
      { ticketId: 'o1', fromStatusId: 's-new', toStatusId: 's-doing', at: yesterdayNoon },
      // c1: arrived two days ago, started yesterday, closed today
      { ticketId: 'c1', fromStatusId: 's-new', toStatusId: 's-doing', at: yesterdayNoon },
      { ticketId: 'c1', fromStatusId: 's-doing', toStatusId: 's-closed', at: NOW - HOUR },
    ];
    const flow = cumulativeFlow(
      [closed('c1', 48, 47), closed('c2', 60, 36)], // c2: never seen moving, closed yesterday at 00:00
      [open('o1', 's-doing', 48), open('o2', 's-wait-c', 10)], // o2: no log, in Waiting since arriving today
      transitions,
      COLUMNS,
      TODAY - 2,
      TODAY,
      0,
    );
    expect(flow.bands.map((b) => b.id)).toEqual(['new', 'doing', 'waiting', NOT_LOGGED_BAND, 'done']);
    expect(flow.counts).toEqual([
      [2, 0, 0], // New: o1 and c1 at the end of Monday
      [0, 2, 1], // In Progress: both from Tuesday noon, c1 closed today
      [0, 0, 1], // Waiting: o2 since today 02:00
      [1, 0, 0], // Not logged: c2 from Sunday 00:00 to Tuesday 00:00
      [0, 1, 2], // Done: c2 on Tuesday, c1 today
    ]);
  });
});

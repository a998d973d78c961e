import { describe, expect, it } from 'vitest';
import {
  agingMarker,
  columnAgingThresholds,
  enteredCurrentColumnAt,
  enteredCurrentStatusAt,
  percentile,
  type AgingMarker,
  type ColumnDef,
  type StatusTransition,
} from '../../utils/flow';
import { Ticket } from '../../utils/psa/model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const UPDATED = NOW - 2 * HOUR;

/** A valid ticket in the given status, last updated two hours ago. */
function ticket(id: string, statusId: string): Ticket {
  return Ticket.parse({
    id,
    number: `#${id}`,
    title: `Ticket ${id}`,
    status: { id: statusId, name: `Status ${statusId}` },
    closed: false,
    board: null,
    priority: null,
    assignee: null,
    team: null,
    company: null,
    contact: null,
    type: null,
    subtype: null,
    created: new Date(NOW - 10 * DAY).toISOString(),
    updated: new Date(UPDATED).toISOString(),
    sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null },
    estimateHours: null,
    actualHours: null,
    url: `https://example.halopsa.com/ticket?id=${id}`,
  });
}

/** A ticket's walk through statuses: [statusId, at] steps, each a transition from the previous step. */
function walk(ticketId: string, ...steps: [string, number][]): StatusTransition[] {
  return steps.map(([toStatusId, at], i) => ({ ticketId, fromStatusId: steps[i - 1]?.[0] ?? null, toStatusId, at }));
}

const column = (id: string, statusIds: string[]): ColumnDef => ({ id, name: id, statusIds, role: 'doing', wipLimit: null, hardLimit: false });
const columns = [column('ready', ['new']), column('doing', ['wip']), column('waiting', ['wc', 'wm']), column('done', ['closed'])];

describe('percentile (nearest rank)', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
  it.each<[string, number[], number, number | null]>([
    ['no values', [], 0.85, null],
    ['one value', [7], 0.85, 7],
    ['one value, p = 0', [7], 0, 7],
    ['1..20 at 0.85: rank 17', oneToTwenty, 0.85, 17],
    ['1..10 at 0.85: rank ⌈8.5⌉ = 9', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.85, 9],
    ['order of input does not matter', [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.85, 9],
    ['always one of the values, never interpolated', [1, 100], 0.5, 1],
    ['p = 0 is the smallest', [3, 1, 2], 0, 1],
    ['p = 1 is the largest', [3, 1, 2], 1, 3],
    ['p above 1 is clamped', [3, 1, 2], 1.5, 3],
    ['duplicates', [5, 5, 5, 1], 0.85, 5],
  ])('%s', (_, values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('when a ticket entered its status and column', () => {
  const t1 = NOW - 5 * HOUR;
  const t2 = NOW - 4 * HOUR;
  const t3 = NOW - 3 * HOUR;
  it.each<[string, Ticket, StatusTransition[], number, number]>([
    ['no transitions: last update', ticket('a', 'wip'), [], UPDATED, UPDATED],
    ['entered once', ticket('a', 'wip'), walk('a', ['new', t1], ['wip', t2]), t2, t2],
    ['entered twice: the latest', ticket('a', 'wip'), walk('a', ['wip', t1], ['wc', t2], ['wip', t3]), t3, t3],
    ['the log is out of order', ticket('a', 'wip'), [...walk('a', ['wip', t3]), ...walk('a', ['new', t1])], t3, t3],
    ['the log missed the latest change: last update', ticket('a', 'wip'), walk('a', ['wip', t1], ['wc', t2]), UPDATED, UPDATED],
    ["other tickets' transitions are ignored", ticket('a', 'wip'), [...walk('a', ['wip', t1]), ...walk('b', ['wip', t3])], t1, t1],
    ['moving within a column keeps the column age', ticket('a', 'wm'), walk('a', ['wip', t1], ['wc', t2], ['wm', t3]), t3, t2],
    ['status not on the board: the status time', ticket('a', 'zz'), walk('a', ['wip', t1], ['zz', t2]), t2, t2],
  ])('%s', (_, subject, transitions, statusAt, columnAt) => {
    expect(enteredCurrentStatusAt(subject, transitions)).toBe(statusAt);
    expect(enteredCurrentColumnAt(subject, transitions, columns)).toBe(columnAt);
  });
});

describe('columnAgingThresholds', () => {
  const start = NOW - 30 * DAY;
  /** Six tickets that sat 1..6 hours in doing, 2 hours in ready, then closed. */
  const sixStays = Array.from({ length: 6 }, (_, i) =>
    walk(`t${i}`, ['new', start], ['wip', start + 2 * HOUR], ['closed', start + 2 * HOUR + (i + 1) * HOUR]),
  ).flat();

  it('gives the 85th percentile of completed stays, null with too few', () => {
    const thresholds = columnAgingThresholds(sixStays, columns, NOW);
    expect(Object.fromEntries(thresholds)).toEqual({ ready: 2 * HOUR, doing: 6 * HOUR, waiting: null, done: null });
  });

  it.each<[string, StatusTransition[], Record<string, number | null>, { minStays?: number; windowMs?: number; percentile?: number }?]>([
    ['no transitions', [], { ready: null, doing: null, waiting: null, done: null }],
    ['fewer stays allowed', sixStays, { ready: 2 * HOUR, doing: 6 * HOUR, waiting: null, done: null }, { minStays: 1 }],
    ['median instead', sixStays, { ready: 2 * HOUR, doing: 3 * HOUR, waiting: null, done: null }, { percentile: 0.5 }],
    ['stays that ended before the window do not count', sixStays, { ready: null, doing: null, waiting: null, done: null }, { windowMs: 10 * DAY, minStays: 1 }],
    [
      'a stay spans statuses of one column; the open stay and the one before the first transition do not count',
      walk('x', ['wip', start], ['wc', start + HOUR], ['wm', start + 3 * HOUR], ['wip', start + 7 * HOUR], ['closed', start + 8 * HOUR]),
      { ready: null, doing: HOUR, waiting: 6 * HOUR, done: null },
      { minStays: 1 },
    ],
    [
      'a status no column claims ends a stay and is not a column',
      walk('x', ['wip', start], ['zz', start + HOUR], ['wip', start + 2 * HOUR], ['closed', start + 5 * HOUR]),
      { ready: null, doing: 3 * HOUR, waiting: null, done: null },
      { minStays: 2 },
    ],
  ])('%s', (_, transitions, expected, options) => {
    expect(Object.fromEntries(columnAgingThresholds(transitions, columns, NOW, options))).toEqual(expected);
  });
});

describe('agingMarker', () => {
  it.each<[number, number | null, AgingMarker]>([
    [DAY * 30, null, 'fresh'],
    [0, 10 * HOUR, 'fresh'],
    [7 * HOUR, 10 * HOUR, 'fresh'],
    [7 * HOUR + 1, 10 * HOUR, 'aging'],
    [10 * HOUR, 10 * HOUR, 'aging'],
    [10 * HOUR + 1, 10 * HOUR, 'stale'],
  ])('age %s ms against %s ms → %s', (age, threshold, marker) => {
    expect(agingMarker(age, threshold)).toBe(marker);
  });
});

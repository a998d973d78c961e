import { describe, expect, it } from 'vitest';
import { Status, Ticket, type Member } from '../../utils/psa/model';
import { rankReadyTickets, statusForMove, type ColumnDef } from '../../utils/flow';
import { defaultBoardConfig, EMPTY_FILTERS, type BoardConfig } from '../../utils/board-config/schema';
import { BoardIndex, EXPEDITE_LANE, type BoardIndexContext } from '../../utils/ui/board-index';
import { agingFacts } from '../../utils/store/board-feed';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const status = (id: string, name: string, order: number, extra: Partial<Status> = {}): Status =>
  Status.parse({ id, name, order, closed: false, inactive: false, boardId: '1', ...extra });
const STATUSES = [
  status('1', 'New', 1),
  status('3', 'Ready', 3),
  status('4', 'In Progress', 4),
  status('5', 'Waiting on Client', 5),
  status('7', 'Completed', 7, { closed: true }),
  // Another PSA board's "In Progress": never written for a ticket of board 1.
  status('14', 'In Progress', 4, { boardId: '2' }),
];
const ME: Member = { id: 'm1', identifier: 'me', name: 'Me Myself', email: null, inactive: false };
const PRIORITY = (rank: number) => ({ id: `p${rank}`, name: `Priority ${rank}`, rank, colour: '#888' });

interface Spec {
  status?: string;
  assignee?: string | null;
  company?: string;
  rank?: number;
  /** Hours until the resolve SLA is due (negative: breached); undefined: no SLA. */
  dueInHours?: number;
  createdHoursAgo?: number;
  title?: string;
  board?: string;
}

function ticket(id: string | number, spec: Spec = {}): Ticket {
  const statusId = spec.status ?? '3';
  return Ticket.parse({
    id: String(id),
    number: `#${id}`,
    title: spec.title ?? `Ticket ${id}`,
    status: { id: statusId, name: STATUSES.find((s) => s.id === statusId)?.name ?? '?' },
    closed: statusId === '7',
    board: { id: spec.board ?? '1', name: spec.board === '2' ? 'Projects' : 'Service Desk' },
    priority: PRIORITY(spec.rank ?? 3),
    assignee: spec.assignee ? { id: spec.assignee, name: spec.assignee === 'm1' ? ME.name : `Tech ${spec.assignee}` } : null,
    team: null,
    company: { id: spec.company ?? 'c1', name: spec.company === 'c2' ? 'Beta Ltd' : 'Acme' },
    contact: { id: 'k', name: 'Kim' },
    type: { id: 't', name: 'Type' },
    subtype: null,
    created: new Date(NOW - (spec.createdHoursAgo ?? 48) * HOUR).toISOString(),
    updated: new Date(NOW - HOUR).toISOString(),
    sla: {
      respondBy: null,
      resolveBy: spec.dueInHours === undefined ? null : new Date(NOW + spec.dueInHours * HOUR).toISOString(),
      respondedAt: null,
      resolvedAt: null,
      met: null,
    },
    estimateHours: null,
    actualHours: null,
    url: `https://na.myconnectwise.net/t/${id}`,
  });
}

function board(change: (b: BoardConfig) => BoardConfig = (b) => b): BoardConfig {
  return change(defaultBoardConfig(STATUSES, 'Service Desk'));
}

function ctx(b: BoardConfig = board(), filters = EMPTY_FILTERS, now = NOW): BoardIndexContext {
  return { board: b, me: ME, statuses: STATUSES, filters, now };
}

const column = (b: BoardConfig, name: string): ColumnDef => b.columns.find((c) => c.name === name)!;
const ids = (list: readonly Ticket[]) => list.map((t) => t.id);

/** Every lane and cell, as ids: what a view would draw. */
function picture(index: BoardIndex, b: BoardConfig): string[] {
  return index.lanes.flatMap((lane) => b.columns.map((c) => `${lane.key}/${c.name}: ${ids(index.cell(lane.key, c.id)).join(',')}`));
}

describe('placing tickets (column mapping)', () => {
  it('puts each ticket in the column of its status, and says which statuses no column shows', () => {
    const b = board((x) => ({ ...x, columns: x.columns.filter((c) => c.name !== 'Waiting on Client') }));
    const index = new BoardIndex(ctx(b), [ticket(1, { status: '1' }), ticket(2, { status: '4' }), ticket(3, { status: '5' }), ticket(4, { status: '7' })]);
    expect(ids(index.column(column(b, 'New').id))).toEqual(['1']);
    expect(ids(index.column(column(b, 'In Progress').id))).toEqual(['2']);
    expect(ids(index.column(column(b, 'Done').id))).toEqual(['4']);
    expect(index.unmappedSummary()).toEqual({ count: 1, statusNames: ['Waiting on Client'] });
  });

  it('orders Ready exactly as rankReadyTickets does (expedite, manual order, SLA, priority, age)', () => {
    const tickets = [
      ticket(1, { rank: 3, dueInHours: 30 }),
      ticket(2, { rank: 1, dueInHours: 50 }),
      ticket(3, { rank: 2, dueInHours: 0.5 }),
      ticket(4, { rank: 4 }),
      ticket(5, { rank: 3, dueInHours: -2 }),
      ticket(6, { rank: 4, dueInHours: 100 }),
    ];
    const b = board((x) => ({ ...x, ranking: { ...x.ranking, readyOrder: ['6'] } }));
    const index = new BoardIndex(ctx(b), tickets);
    const expected = rankReadyTickets(tickets, { now: NOW, manualOrder: ['6'], policy: { expediteWithinMinutes: 60 } }).map((r) => r.ticket.id);
    expect(ids(index.column(column(b, 'Ready').id))).toEqual(expected);
    expect(expected).toEqual(['5', '3', '6', '1', '2', '4']);
  });

  it('finds the status a move writes: the column\'s first active status of the ticket\'s PSA board', () => {
    const b = board();
    const doing = { ...column(b, 'In Progress'), statusIds: ['14', '4'] };
    expect(statusForMove(doing, ticket(1), STATUSES)).toEqual({ ok: true, statusId: '4' });
    expect(statusForMove(doing, ticket(1, { board: '2' }), STATUSES)).toEqual({ ok: true, statusId: '14' });
    const refused = statusForMove({ ...doing, statusIds: ['14'] }, ticket(1), STATUSES);
    expect(refused).toEqual({ ok: false, reason: 'In Progress has no status on board Service Desk to move a ticket to: map one to it in Options → Board designer.' });
    const inactive = STATUSES.map((s) => (s.id === '4' ? { ...s, inactive: true } : s));
    expect(statusForMove({ ...doing, statusIds: ['4'] }, ticket(1), inactive).ok).toBe(false);
  });
});

describe('WIP state and moves', () => {
  const limited = (limit: number, hardLimit: boolean) =>
    board((x) => ({ ...x, columns: x.columns.map((c) => (c.name === 'In Progress' ? { ...c, wipLimit: limit, hardLimit } : c)) }));
  const doing = (n: number) => Array.from({ length: n }, (_, i) => ticket(100 + i, { status: '4', assignee: 'm2' }));

  it.each<[number, number, boolean, string]>([
    [1, 2, true, 'ok'],
    [2, 2, true, 'at'],
    [3, 2, true, 'over'],
    [3, 2, false, 'over'],
  ])('%i tickets under a limit of %i (hard %s): %s', (count, limit, hard, state) => {
    const b = limited(limit, hard);
    const index = new BoardIndex(ctx(b), doing(count));
    expect(index.badge(column(b, 'In Progress').id)).toEqual({ count, limit, hardLimit: hard, state });
  });

  it('a hard limit refuses a move into a full column; a soft one lets it in with a warning', () => {
    const hard = limited(2, true);
    const index = new BoardIndex(ctx(hard), [...doing(2), ticket(1)]);
    expect(index.checkMove('1', column(hard, 'In Progress').id)).toEqual({
      ok: false,
      kind: 'limit',
      reason: 'In Progress is at its limit of 2: finish or move a ticket out of it first.',
    });
    const soft = limited(2, false);
    index.rebuild(ctx(soft));
    expect(index.checkMove('1', column(soft, 'In Progress').id)).toEqual({ ok: true, statusId: '4', warning: 'In Progress will be over its limit of 2.' });
    expect(index.checkMove('1', column(soft, 'Ready').id)).toMatchObject({ ok: false, kind: 'same' });
  });

  it('a pending move shows the card in its new column (counted there) until it is confirmed or rolled back', () => {
    const b = board();
    const index = new BoardIndex(ctx(b), [ticket(1)]);
    const inProgress = column(b, 'In Progress').id;
    index.setPending('1', inProgress);
    expect(index.columnIdOf('1')).toBe(inProgress);
    expect(index.badge(inProgress).count).toBe(1);
    index.setPending('1', null);
    expect(index.columnIdOf('1')).toBe(column(b, 'Ready').id);
  });
});

describe('lanes and filters', () => {
  it('lays swimlanes by assignee under an expedite lane of breached and at-risk tickets', () => {
    const b = board((x) => ({ ...x, swimlanes: 'assignee' }));
    const index = new BoardIndex(ctx(b), [
      ticket(1, { assignee: 'm1', dueInHours: 10 }),
      ticket(2, { assignee: null }),
      ticket(3, { assignee: 'm2', dueInHours: -1 }),
      ticket(4, { assignee: 'm2', dueInHours: 0.5, status: '4' }),
      ticket(5, { assignee: 'm2', dueInHours: -5, status: '7' }),
    ]);
    expect(index.lanes.map((l) => l.title)).toEqual(['Expedite', 'Unassigned', 'Me Myself', 'Tech m2']);
    expect(ids(index.cell(EXPEDITE_LANE, column(b, 'Ready').id))).toEqual(['3']);
    expect(ids(index.cell(EXPEDITE_LANE, column(b, 'In Progress').id))).toEqual(['4']);
    // Done work is never expedited.
    expect(ids(index.cell('a:m2', column(b, 'Done').id))).toEqual(['5']);
  });

  it('filters what is shown, never what is counted against a limit', () => {
    const b = board();
    const ready = column(b, 'Ready').id;
    const tickets = [ticket(1, { assignee: 'm1' }), ticket(2, { company: 'c2', title: 'Printer on fire' }), ticket(3, { rank: 1 })];
    const at = (filters: Partial<typeof EMPTY_FILTERS>) => {
      const index = new BoardIndex(ctx(b, { ...EMPTY_FILTERS, ...filters }), tickets);
      return { shown: index.lanes.flatMap((l) => ids(index.cell(l.key, ready))), count: index.badge(ready).count };
    };
    expect(at({ mine: true })).toEqual({ shown: ['1'], count: 3 });
    expect(at({ companyIds: ['c2'] })).toEqual({ shown: ['2'], count: 3 });
    expect(at({ priorityIds: ['p1'] })).toEqual({ shown: ['3'], count: 3 });
    expect(at({ text: 'PRINTER' })).toEqual({ shown: ['2'], count: 3 });
  });
});

describe('patching one ticket at a time', () => {
  /** A small deterministic generator: the same run every time. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  it('ends exactly where placing everything again would, over hundreds of random changes', () => {
    const next = random(7);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const spec = (): Spec => ({
      status: pick(['1', '3', '3', '4', '5', '7', '9']),
      assignee: pick([null, 'm1', 'm2', 'm3']),
      company: pick(['c1', 'c2']),
      rank: pick([1, 2, 3, 4]),
      dueInHours: pick([undefined, -3, 0.5, 5, 40]),
      createdHoursAgo: Math.floor(next() * 500),
    });
    const b = board((x) => ({ ...x, swimlanes: 'assignee', ranking: { ...x.ranking, readyOrder: ['5', '17'] } }));
    const tickets = new Map<string, Ticket>();
    for (let i = 1; i <= 60; i++) tickets.set(String(i), ticket(i, spec()));
    const live = new BoardIndex(ctx(b, { ...EMPTY_FILTERS, companyIds: ['c1', 'c2'] }), tickets.values());
    for (let round = 0; round < 400; round++) {
      const id = String(1 + Math.floor(next() * 70));
      if (next() < 0.15 && tickets.has(id)) {
        tickets.delete(id);
        live.remove([id]);
      } else {
        const changed = ticket(id, spec());
        tickets.set(id, changed);
        live.upsert([changed]);
      }
      if (round % 25 === 0) {
        const fresh = new BoardIndex(ctx(b, { ...EMPTY_FILTERS, companyIds: ['c1', 'c2'] }), tickets.values());
        expect(picture(live, b)).toEqual(picture(fresh, b));
        expect(live.lanes).toEqual(fresh.lanes);
        for (const c of b.columns) expect(live.badge(c.id)).toEqual(fresh.badge(c.id));
        expect(live.unmappedSummary().count).toBe(fresh.unmappedSummary().count);
      }
    }
  });
});

describe('the dispatcher\'s Ready order', () => {
  it('puts a dropped ticket exactly where it was dropped, keeping those above it where they were', () => {
    const b = board();
    const tickets = [ticket(1, { rank: 1 }), ticket(2, { rank: 2 }), ticket(3, { rank: 3 }), ticket(4, { rank: 4 })];
    const index = new BoardIndex(ctx(b), tickets);
    const ready = column(b, 'Ready').id;
    expect(ids(index.column(ready))).toEqual(['1', '2', '3', '4']);
    const order = index.manualOrderAfterReorder('4', { beforeId: '2' });
    expect(order).toEqual(['1', '4']);
    index.rebuild(ctx({ ...b, ranking: { ...b.ranking, readyOrder: order! } }));
    expect(ids(index.column(ready))).toEqual(['1', '4', '2', '3']);
    expect(index.manualOrderAfterReorder('1', { afterId: '3' })).toEqual(['4', '2', '3', '1']);
    expect(index.manualOrderAfterReorder('1', {})).toEqual(['4', '2', '3', '1']);
  });

  it('orders within a lane: expedite tickets are never frozen into a standard ticket\'s order', () => {
    const b = board((x) => ({ ...x, ranking: { ...x.ranking, readyOrder: ['9'] } }));
    const tickets = [ticket(8, { dueInHours: -2 }), ticket(9, { dueInHours: 0.5 }), ticket(1, { rank: 1 }), ticket(2, { rank: 2 }), ticket(3, { rank: 3 })];
    const index = new BoardIndex(ctx(b), tickets);
    const ready = column(b, 'Ready').id;
    expect(ids(index.column(ready))).toEqual(['9', '8', '1', '2', '3']);
    // Dropped above an expedite ticket, a standard one goes to the top of its own lane.
    expect(index.manualOrderAfterReorder('3', { beforeId: '8' })).toEqual(['9', '3']);
    expect(index.manualOrderAfterReorder('3', { beforeId: '2' })).toEqual(['9', '1', '3']);
    index.rebuild(ctx({ ...b, ranking: { ...b.ranking, readyOrder: ['9', '1', '3'] } }));
    expect(ids(index.column(ready))).toEqual(['9', '8', '1', '3', '2']);
  });
});

describe('aging against the team\'s 85th percentile in each column', () => {
  it('derives per-column thresholds from completed stays and each ticket\'s time in its column', () => {
    const b = board();
    const transitions = [];
    // Ten tickets each spent 1..10 hours in In Progress before going to Completed.
    for (let i = 1; i <= 10; i++) {
      const start = NOW - 20 * DAY + i * HOUR;
      transitions.push({ ticketId: `h${i}`, fromStatusId: '3', toStatusId: '4', at: start });
      transitions.push({ ticketId: `h${i}`, fromStatusId: '4', toStatusId: '7', at: start + i * HOUR });
    }
    // Ticket 1 moved into In Progress 30 hours ago, via Waiting (merged nothing): its age counts from the move.
    transitions.push({ ticketId: '1', fromStatusId: '3', toStatusId: '4', at: NOW - 30 * HOUR });
    const facts = agingFacts([ticket(1, { status: '4' }), ticket(2, { status: '3' })], transitions, b.columns, NOW);
    expect(facts.thresholds[column(b, 'In Progress').id]).toBe(9 * HOUR); // nearest rank ⌈0.85·10⌉ = 9th
    expect(facts.thresholds[column(b, 'Ready').id]).toBeNull(); // no completed stays there
    expect(facts.enteredAt['1']).toBe(NOW - 30 * HOUR);
    // Without a logged move, the last update stands in (never older than the truth).
    expect(facts.enteredAt['2']).toBe(NOW - HOUR);
  });
});

describe('the first screen kept for the next open', () => {
  it('paints the leading cards of every cell with the whole board\'s counts', () => {
    const b = board((x) => ({ ...x, swimlanes: 'assignee' }));
    const tickets = Array.from({ length: 80 }, (_, i) => ticket(i + 1, { status: ['1', '3', '4', '5'][i % 4], assignee: [null, 'm1', 'm2'][i % 3], rank: 1 + (i % 4), dueInHours: i % 9 === 0 ? -1 : 30 }));
    const full = new BoardIndex(ctx(b), tickets);
    const { tickets: kept, counts } = full.firstScreen(() => 2);
    expect(kept.length).toBeLessThan(tickets.length);
    const first = new BoardIndex(ctx(b), kept);
    first.setCounts(counts);
    expect(first.partial).toBe(true);
    expect(first.lanes).toEqual(full.lanes);
    for (const lane of full.lanes) {
      expect(first.laneCount(lane.key)).toBe(full.laneCount(lane.key));
      for (const c of b.columns) expect(ids(first.cell(lane.key, c.id))).toEqual(ids(full.cell(lane.key, c.id).slice(0, 2)));
    }
    for (const c of b.columns) expect(first.badge(c.id)).toEqual(full.badge(c.id));
    expect(first.size).toBe(80);
  });
});

describe('the change log the board over a PSA page catches up from', () => {
  it('answers the ids changed since a point, and says when the caller must start again', async () => {
    const { BoardChangeLog, CHANGE_LOG_LIMIT } = await import('../../utils/background/board-changes');
    const log = new BoardChangeLog();
    const start = log.cursor;
    log.record({ type: 'tickets', connectionId: 'c1', changed: ['1', '2'], removed: [] });
    log.record({ type: 'work' });
    log.record({ type: 'tickets', connectionId: 'c2', changed: ['9'], removed: [] });
    const middle = log.cursor;
    log.record({ type: 'tickets', connectionId: 'c1', changed: ['2'], removed: ['3'] });
    expect(log.since(start.epoch, start.seq, 'c1')).toEqual(['1', '2', '3']);
    expect(log.since(start.epoch, middle.seq, 'c1')).toEqual(['2', '3']);
    expect(log.since(start.epoch, log.cursor.seq, 'c1')).toEqual([]);
    // Another worker's epoch (the service worker restarted), or a point the log no longer holds: reload.
    expect(log.since('another-epoch', 0, 'c1')).toBeNull();
    for (let i = 0; i < CHANGE_LOG_LIMIT + 5; i++) log.record({ type: 'tickets', connectionId: 'c1', changed: [String(i)], removed: [] });
    expect(log.since(start.epoch, middle.seq, 'c1')).toBeNull();
  });
});

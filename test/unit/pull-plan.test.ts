import { describe, expect, it } from 'vitest';
import { planPull, pullingTeam, rushOrder, teamSlot } from '../../utils/pull/plan';
import { guessColumns } from '../../utils/flow';
import { Ticket, type Status } from '../../utils/psa/model';

const statuses: Status[] = ['New', 'Ready', 'In Progress', 'Waiting on Client', 'Completed'].map((name, i) => ({
  id: String(i + 1),
  name,
  order: i,
  closed: name === 'Completed',
  inactive: false,
  boardId: '1',
}));
const me = { id: '151', identifier: 'adunn', name: 'Alex Dunn', email: null, inactive: false };

function ticket(id: string, status: string, patch: Partial<Ticket> = {}): Ticket {
  const s = statuses.find((x) => x.name === status)!;
  return Ticket.parse({
    id, number: `#${id}`, title: `T${id}`, status: { id: s.id, name: s.name }, closed: s.closed, board: { id: '1', name: 'SD' },
    priority: { id: '2', name: 'P2', rank: 2, colour: null }, assignee: null, team: null, company: { id: '9', name: 'Acme' },
    contact: { id: '5', name: 'Ann' }, type: { id: '7', name: 'Email' }, subtype: null, created: '2026-11-25T08:00:00Z',
    updated: '2026-11-25T09:00:00Z', sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null },
    estimateHours: null, actualHours: null, url: `https://x/${id}`, ...patch,
  });
}

const now = Date.parse('2026-11-25T10:00:00Z');

describe('planPull with a designed board', () => {
  it('works unconfigured on the guessed board', () => {
    const plan = planPull({ tickets: [ticket('1', 'Ready'), ticket('2', 'New')], statuses, me, wipLimit: 2, skills: [], now });
    expect(plan.order.map((r) => r.ticket.id)).toEqual(['1']);
    expect(plan.inProgressStatusId).toBe('3');
    expect(plan.gate.allowed).toBe(true);
  });

  it('refuses when the in-progress column is at a hard limit, saying so', () => {
    const columns = guessColumns(statuses).map((c) => (c.role === 'doing' ? { ...c, wipLimit: 2, hardLimit: true } : c));
    const busy = [ticket('3', 'In Progress', { assignee: { id: '160', name: 'Bea Cole' } }), ticket('4', 'In Progress', { assignee: { id: '161', name: 'Carl' } })];
    const plan = planPull({ tickets: [ticket('1', 'Ready'), ...busy], statuses, me, wipLimit: 2, skills: [], now, board: { columns, readyRules: [], policy: {}, manualOrder: [], skillOfTicket: () => null } });
    expect(plan.gate.allowed).toBe(false);
    expect(plan.gate.allowed ? '' : plan.gate.reason).toMatch(/In Progress/);
  });

  it('offers only what my skills allow, and the dispatcher\'s order first', () => {
    const columns = guessColumns(statuses);
    const board = { columns, readyRules: [], policy: {}, manualOrder: ['5'], skillOfTicket: (t: Ticket) => (t.id === '6' ? 'network' : null) };
    const plan = planPull({ tickets: [ticket('1', 'Ready'), ticket('5', 'Ready', { created: '2026-11-25T09:59:00Z' }), ticket('6', 'Ready')], statuses, me, wipLimit: 2, skills: ['m365'], now, board });
    expect(plan.order.map((r) => r.ticket.id)).toEqual(['5', '1']);
  });
});

describe('a rush of pulls', () => {
  it.each([
    // items, slot, width, first tried
    [['a', 'b', 'c', 'd'], 0, 5, 'a'],
    [['a', 'b', 'c', 'd'], 2, 5, 'c'],
    [['a', 'b', 'c', 'd'], 6, 5, 'c'], // past the end of the window: wraps within what is there
    [['a', 'b', 'c', 'd'], 3, 2, 'b'], // a narrow window wraps
    [['a'], 7, 20, 'a'],
  ] as const)('rushOrder(%j, slot %i, width %i) tries %s first, then the rest in rank order', (items, slot, width, first) => {
    const order = rushOrder(items, slot, width);
    expect(order[0]).toBe(first);
    expect(order.slice(1)).toEqual(items.filter((x) => x !== first));
  });

  it('gives every tech of a team a different place, the same whoever computes it', () => {
    const team = Array.from({ length: 20 }, (_, i) => String(150 + i));
    const slots = team.map((id) => teamSlot(team, id));
    expect(new Set(slots.map((s) => s.slot)).size).toBe(20);
    expect(slots.every((s) => s.width === 20)).toBe(true);
    expect(teamSlot([...team].reverse(), '157')).toEqual(teamSlot(team, '157'));
    expect(teamSlot(['1'], '1')).toEqual({ slot: 0, width: 5 });
  });

  it('knows the team from who works the board, me included', () => {
    const tickets = [ticket('1', 'In Progress', { assignee: { id: '160', name: 'Bea' } }), ticket('2', 'Ready'), ticket('3', 'New', { assignee: { id: '161', name: 'Carl' } })];
    expect(pullingTeam(tickets, me.id).sort()).toEqual(['151', '160', '161']);
  });

  it('twenty techs on one Ready queue each try a different ticket first, and again after losing a round', () => {
    const ready = Array.from({ length: 50 }, (_, i) => ticket(String(i + 1), 'Ready'));
    const team = Array.from({ length: 20 }, (_, i) => String(150 + i));
    const plans = team.map((id) => planPull({ tickets: ready, statuses, me: { ...me, id }, wipLimit: 2, skills: [], now, team }));
    const firsts = plans.map((p) => p.order[0]!.ticket.id);
    expect(new Set(firsts).size).toBe(20);
    // Round one took the first 20 tried; whoever lost theirs spreads over what is left, apart again.
    const left = ready.filter((t) => !firsts.includes(t.id));
    const seconds = plans.slice(0, 8).map((p) => p.respread(left)[0]!.id);
    expect(new Set(seconds).size).toBe(8);
    expect(seconds.every((id) => !firsts.includes(id))).toBe(true);
  });
});

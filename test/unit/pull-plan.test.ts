import { describe, expect, it } from 'vitest';
import { planPull } from '../../utils/pull/plan';
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

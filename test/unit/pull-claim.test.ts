import { describe, expect, it } from 'vitest';
import { claimNext, changedSince, summarizeSkips } from '../../utils/pull/claim';
import { PsaError } from '../../utils/psa/errors';
import type { Psa, TicketChange } from '../../utils/psa/psa';
import { Ticket } from '../../utils/psa/model';

const ME = '151';
const ANN = { id: '152', name: 'Ann Other' };

function ticket(id: string, patch: Partial<Ticket> = {}): Ticket {
  return Ticket.parse({
    id,
    number: `#${id}`,
    title: `Ticket ${id}`,
    status: { id: '3', name: 'Ready' },
    closed: false,
    board: { id: '1', name: 'Service Desk' },
    priority: { id: '2', name: 'P2', rank: 2, colour: null },
    assignee: null,
    team: null,
    company: null,
    contact: null,
    type: null,
    subtype: null,
    created: '2026-11-25T08:00:00Z',
    updated: '2026-11-25T09:00:00Z',
    sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null },
    estimateHours: null,
    actualHours: null,
    url: `https://na.myconnectwise.net/t/${id}`,
    ...patch,
  });
}

/** A PSA whose tickets a test script can change between the claim's steps. */
function fakePsa(tickets: Ticket[], hooks: { afterWrite?: (id: string) => void; getFails?: PsaError } = {}) {
  const store = new Map(tickets.map((t) => [t.id, t]));
  const calls: string[] = [];
  const psa = {
    kind: 'connectwise',
    async getTicket(id: string) {
      calls.push(`GET ${id}`);
      if (hooks.getFails) throw hooks.getFails;
      const t = store.get(id);
      if (!t) throw new PsaError({ kind: 'notFound', psa: { name: 'ConnectWise', credentials: 'keys' }, userMessage: 'gone', status: 404 });
      return t;
    },
    async updateTicket(id: string, change: TicketChange) {
      calls.push(`PATCH ${id}`);
      const t = store.get(id)!;
      const next = ticket(id, { ...t, status: { id: change.statusId!, name: 'In Progress' }, assignee: { id: change.assigneeId!, name: 'Me' }, updated: '2026-11-25T10:00:00Z' });
      store.set(id, next);
      hooks.afterWrite?.(id);
      return next;
    },
  } as unknown as Psa;
  return { psa, store, calls };
}

const claim = (psa: Psa, candidates: Ticket[], extra = {}) =>
  claimNext({ psa, meId: ME, inProgressStatusId: '4', candidates, sleep: async () => undefined, ...extra });

describe('claimNext', () => {
  it('claims the first candidate in three requests: read, write, delayed re-read', async () => {
    const { psa, calls } = fakePsa([ticket('1'), ticket('2')]);
    const result = await claim(psa, [ticket('1'), ticket('2')]);
    expect(result).toMatchObject({ kind: 'claimed', ticket: { id: '1', assignee: { id: ME } }, requests: 3 });
    expect(calls).toEqual(['GET 1', 'PATCH 1', 'GET 1']);
  });

  it('skips a candidate someone took since the cache saw it, and says who', async () => {
    const { psa } = fakePsa([ticket('1', { assignee: ANN }), ticket('2')]);
    const result = await claim(psa, [ticket('1'), ticket('2')]);
    expect(result.kind).toBe('claimed');
    expect(result.kind === 'claimed' && result.ticket.id).toBe('2');
    expect(result.skipped.map((s) => s.reason)).toEqual(['#1 was taken by Ann Other a moment ago']);
  });

  it('skips a candidate changed in any way (its version token moved)', async () => {
    const { psa, calls } = fakePsa([ticket('1', { updated: '2026-11-25T09:30:00Z' }), ticket('2')]);
    const result = await claim(psa, [ticket('1'), ticket('2')]);
    expect(result.kind === 'claimed' && result.ticket.id).toBe('2');
    expect(calls).not.toContain('PATCH 1');
  });

  it('moves on when the re-check finds another tech wrote after us', async () => {
    const fake = fakePsa([ticket('1'), ticket('2')], {
      afterWrite: (id) => {
        if (id === '1') fake.store.set('1', ticket('1', { assignee: ANN, status: { id: '4', name: 'In Progress' } }));
      },
    });
    const lost: string[] = [];
    const result = await claim(fake.psa, [ticket('1'), ticket('2')], { onLostAfterConfirm: (s: { reason: string }) => lost.push(s.reason) });
    expect(result.kind === 'claimed' && result.ticket.id).toBe('2');
    expect(lost).toEqual(['#1 was taken by Ann Other at the same moment']);
  });

  it('skips a ticket that was deleted', async () => {
    const { psa } = fakePsa([ticket('2')]);
    const result = await claim(psa, [ticket('1'), ticket('2')]);
    expect(result.skipped[0]?.reason).toBe('#1 no longer exists');
  });

  it("stops with the PSA's own error when the PSA fails", async () => {
    const failure = new PsaError({ kind: 'auth', psa: { name: 'ConnectWise', credentials: 'keys' }, userMessage: 'ConnectWise refused the API keys', status: 401 });
    const { psa } = fakePsa([ticket('1')], { getFails: failure });
    await expect(claim(psa, [ticket('1')])).rejects.toBe(failure);
  });

  it('says why nothing was claimed', async () => {
    const { psa } = fakePsa([]);
    expect((await claim(psa, [])).kind).toBe('none');
    const taken = [1, 2, 3, 4, 5].map((i) => ticket(String(i), { assignee: ANN }));
    const result = await claim(fakePsa(taken).psa, taken);
    expect(result.kind === 'none' && result.message).toMatch(/#1 was taken by Ann Other a moment ago; .*; and 2 more/);
  });

  it('learns what else was taken after a lost race, without reading each ticket', async () => {
    const { psa, calls } = fakePsa([ticket('1', { assignee: ANN }), ticket('2', { assignee: ANN }), ticket('3')]);
    const result = await claim(psa, [ticket('1'), ticket('2'), ticket('3')], {
      changedSince: async () => [ticket('2', { assignee: ANN, updated: '2026-11-25T09:59:00Z' })],
    });
    expect(result.kind === 'claimed' && result.ticket.id).toBe('3');
    expect(calls).not.toContain('GET 2');
  });
});

describe('claimNext in a rush', () => {
  it('orders what is left afresh after a lost race', async () => {
    const { psa, calls } = fakePsa([ticket('1', { assignee: ANN }), ticket('2'), ticket('3')]);
    const result = await claim(psa, [ticket('1'), ticket('2'), ticket('3')], { respread: (left: readonly Ticket[]) => [...left].reverse() });
    expect(result.kind === 'claimed' && result.ticket.id).toBe('3');
    expect(calls).not.toContain('PATCH 2');
  });

  it('keeps going past many lost races within its time, not a count', async () => {
    const taken = Array.from({ length: 30 }, (_, i) => ticket(String(i + 1), { assignee: ANN }));
    const { psa } = fakePsa([...taken, ticket('31')]);
    const result = await claim(psa, [...taken.map((t) => ticket(t.id)), ticket('31')]);
    expect(result.kind === 'claimed' && result.ticket.id).toBe('31');
  });

  it('stops when its time is up, and says what happened', async () => {
    let clock = 0;
    const taken = Array.from({ length: 10 }, (_, i) => ticket(String(i + 1), { assignee: ANN }));
    const { psa, calls } = fakePsa([...taken, ticket('11')]);
    const result = await claim(psa, [...taken.map((t) => ticket(t.id)), ticket('11')], {
      budgetMs: 3_000,
      now: () => (clock += 1_000),
    });
    expect(result.kind).toBe('none');
    expect(result.kind === 'none' && result.message).toMatch(/^No ticket claimed: #1 was taken by Ann Other a moment ago;.*Press Pull next again/);
    expect(calls).not.toContain('GET 11');
  });
});

describe('changedSince', () => {
  it.each([
    [ticket('1', { closed: true }), '#1 was closed a moment ago'],
    [ticket('1', { assignee: ANN }), '#1 was taken by Ann Other a moment ago'],
    [ticket('1', { status: { id: '9', name: 'Waiting' } }), '#1 moved to Waiting a moment ago'],
    [ticket('1', { updated: '2026-11-25T09:00:01Z' }), '#1 was changed a moment ago'],
    [ticket('1'), null],
  ])('%#: %s', (fresh, reason) => {
    expect(changedSince(ticket('1'), fresh, ME)).toBe(reason);
  });

  it('summarizes many skips', () => {
    expect(summarizeSkips([])).toBe('');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { createPsa } from '../../utils/psa';
import type { Psa } from '../../utils/psa/psa';
import { drainOutbox, enqueueWrite, forgetRecovery, retryDelayMs, type OutboxDeps } from '../../utils/outbox/outbox';
import { loadOutbox, putOutboxEntry } from '../../utils/store/outbox-store';
import { openPullboardDb } from '../../utils/store/db';
import { statusOf, ticketsInStatus } from '../sim-queries';

let sim: Simulator;
let psa: Psa;
let clock = Date.now();
const deps: OutboxDeps = { psaFor: async () => psa, now: () => clock };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300, seed: 11 });
  const tech = memberCredentials(sim.data)[0]!;
  // No real waiting in these tests: the outbox's clock is the test's, and the adapter's own retries sleep 0.
  psa = createPsa({ kind: 'connectwise', id: 'c', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: tech.publicKey, privateKey: tech.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' }, { sleep: async () => undefined });
});
afterAll(async () => sim?.close());
beforeEach(async () => {
  const db = await openPullboardDb();
  await db.clear('outbox');
  clock = Date.now();
  Object.assign(sim.faults, { latencyMs: 0, fail429: { remaining: 0, retryAfterSeconds: 1 }, fail500: { remaining: 0 }, malformed: { remaining: 0 }, dropResponse: { remaining: 0 } });
});

const statusId = (name: string) => String(sim.data.statuses.find((s) => s.boardId === 1 && s.name === name)!.id);
const demoMember = () => String(memberCredentials(sim.data)[0]!.memberId);

async function drainUntilEmpty(maxRounds = 50): Promise<void> {
  for (let i = 0; i < maxRounds; i++) {
    const result = await drainOutbox(deps);
    if (result.waiting === 0) return;
    clock = Math.max(clock, result.nextDueAt ?? clock) + 1;
  }
  throw new Error('the outbox did not empty');
}

describe('the outbox', () => {
  it('sends writes to one ticket in the order they were made', async () => {
    const ticket = ticketsInStatus(sim.data, 1, 'New')[0]!;
    for (const name of ['Triage', 'Ready', 'In Progress', 'Waiting on Client']) {
      await enqueueWrite({ connectionId: 'c', ticketId: String(ticket.id), ticketNumber: `#${ticket.id}`, label: `Move to ${name}`, write: { kind: 'update', change: { statusId: statusId(name) } } }, clock);
    }
    await drainUntilEmpty();
    expect(statusOf(sim.data, ticket).name).toBe('Waiting on Client');
    const path = sim.data.transitions.filter((t) => t.ticketId === ticket.id).slice(-4).map((t) => sim.data.statuses.find((s) => s.id === t.toStatusId)!.name);
    expect(path).toEqual(['Triage', 'Ready', 'In Progress', 'Waiting on Client']);
  });

  it('posts each time entry exactly once although every answer is lost', async () => {
    const tickets = ticketsInStatus(sim.data, 1, 'In Progress').slice(0, 4);
    const before = sim.data.timeEntries.length;
    for (let i = 0; i < 20; i++) {
      const ticket = tickets[i % tickets.length]!;
      const start = new Date(Date.UTC(2026, 10, 20, 8, i)).toISOString();
      const end = new Date(Date.UTC(2026, 10, 20, 8, i, 50)).toISOString();
      await enqueueWrite({ connectionId: 'c', ticketId: String(ticket.id), ticketNumber: `#${ticket.id}`, label: 'Log time', write: { kind: 'timeEntry', entry: { ticketId: String(ticket.id), memberId: demoMember(), start, end, hours: 0.1, notes: `entry ${i}` } } }, clock);
    }
    sim.faults.dropResponse.remaining = 20;
    await drainUntilEmpty();
    const logged = sim.data.timeEntries.slice(before);
    expect(logged).toHaveLength(20);
    expect(new Set(logged.map((e) => e.notes)).size).toBe(20);
    expect((await loadOutbox()).every((e) => e.state === 'done')).toBe(true);
  });

  it('checks a write cut off by a stopped worker before sending it again', async () => {
    const ticket = ticketsInStatus(sim.data, 1, 'Triage')[0]!;
    const entry = await enqueueWrite({ connectionId: 'c', ticketId: String(ticket.id), ticketNumber: `#${ticket.id}`, label: 'Move', write: { kind: 'update', change: { statusId: statusId('Ready') } } }, clock);
    // The worker wrote 'sending', the PATCH landed, then the worker died before recording it.
    await psa.updateTicket(String(ticket.id), { statusId: statusId('Ready') });
    await putOutboxEntry({ ...entry, state: 'sending', attempts: 1 });
    forgetRecovery(); // a new worker starts
    sim.resetStats();
    await drainUntilEmpty();
    expect(Object.keys(sim.stats().byRoute)).toContain('GET /service/tickets/{id}');
    expect(sim.stats().byRoute['PATCH /service/tickets/{id}']).toBeUndefined();
    expect((await loadOutbox())[0]?.state).toBe('done');
  });

  it('gives a write cut off in flight time to land before looking for it', async () => {
    const ticket = ticketsInStatus(sim.data, 1, 'Triage')[1]!;
    const entry = await enqueueWrite({ connectionId: 'c', ticketId: String(ticket.id), ticketNumber: `#${ticket.id}`, label: 'Move', write: { kind: 'update', change: { statusId: statusId('Ready') } } }, clock);
    await putOutboxEntry({ ...entry, state: 'sending', attempts: 1, sentAt: clock });
    forgetRecovery();
    sim.resetStats();
    const first = await drainOutbox(deps);
    expect(first.sent).toBe(0);
    expect(first.nextDueAt).toBe(clock + 30_000);
    expect(sim.stats().requests).toBe(0);
    await drainUntilEmpty();
    expect(statusOf(sim.data, ticket).name).toBe('Ready');
  });

  it('waits out a 429 storm as the PSA asks, and loses nothing', async () => {
    const tickets = ticketsInStatus(sim.data, 1, 'New').slice(1, 6);
    for (const t of tickets) await enqueueWrite({ connectionId: 'c', ticketId: String(t.id), ticketNumber: `#${t.id}`, label: 'Move', write: { kind: 'update', change: { statusId: statusId('Triage') } } }, clock);
    sim.faults.fail429 = { remaining: 40, retryAfterSeconds: 30 };
    const first = await drainOutbox(deps);
    expect(first.sent).toBe(0);
    // Nothing is due before the PSA's Retry-After.
    expect(first.nextDueAt! - clock).toBeGreaterThanOrEqual(30_000);
    sim.faults.fail429.remaining = 0;
    await drainUntilEmpty();
    for (const t of tickets) expect(statusOf(sim.data, t).name).toBe('Triage');
  });

  it('stops retrying a write that can never succeed and says why, without holding up other tickets', async () => {
    const ok = ticketsInStatus(sim.data, 1, 'New')[7]!;
    await enqueueWrite({ connectionId: 'c', ticketId: '999999', ticketNumber: '#999999', label: 'Move #999999', write: { kind: 'update', change: { statusId: statusId('Triage') } } }, clock);
    await enqueueWrite({ connectionId: 'c', ticketId: String(ok.id), ticketNumber: `#${ok.id}`, label: 'Move', write: { kind: 'update', change: { statusId: statusId('Triage') } } }, clock);
    await drainUntilEmpty();
    const [failed, sent] = await loadOutbox();
    expect(failed).toMatchObject({ state: 'failed', lastError: { kind: 'notFound' } });
    expect(failed?.lastError?.message).toMatch(/#999999/);
    expect(sent?.state).toBe('done');
  });

  it('backs off exponentially, honouring Retry-After', () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, undefined, half))).toEqual([1500, 3000, 6000, 12000]);
    expect(retryDelayMs(1, 45_000, half)).toBe(45_000);
    expect(retryDelayMs(30, undefined, () => 1)).toBe(300_000);
  });
});

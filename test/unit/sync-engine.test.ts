import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { createPsa } from '../../utils/psa';
import type { Psa } from '../../utils/psa/psa';
import { syncBoard, type SyncChange } from '../../utils/sync/engine';
import { clearConnection, loadTickets, loadTransitions } from '../../utils/store/tickets';
import { loadSyncState } from '../../utils/store/sync-state';
import { resetDbHandle } from '../../utils/store/db';
import { openTicketsOnBoard, ticketsInStatus } from '../sim-queries';

let sim: Simulator;
const connectionId = 'sync-test';
let changes: SyncChange[];
const deps = { now: () => Date.now(), onChange: (c: SyncChange) => changes.push(c) };

function adapter(): Psa {
  const tech = memberCredentials(sim.data)[0]!;
  return createPsa({
    kind: 'connectwise',
    id: connectionId,
    siteUrl: sim.url,
    companyId: DEMO_COMPANY_ID,
    publicKey: tech.publicKey,
    privateKey: tech.privateKey,
    clientId: DEMO_CLIENT_ID,
    boardId: '1',
  }, { sleep: async () => undefined });
}

const target = () => ({ connectionId, boardId: '1', psa: adapter() });
const openOnBoard = () => openTicketsOnBoard(sim.data, 1).map((t) => String(t.id));

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 400, seed: 3 });
});
afterAll(async () => sim.close());
beforeEach(async () => {
  changes = [];
  await clearConnection(connectionId);
});

describe('syncBoard', () => {
  it('loads every open ticket of the board on the first sync, and the metadata with it', async () => {
    const outcome = await syncBoard(target(), deps);
    expect(outcome.kind).toBe('full');
    const cached = new Set((await loadTickets(connectionId)).map((t) => t.id));
    for (const id of openOnBoard()) expect(cached.has(id)).toBe(true);
    const state = await loadSyncState(connectionId);
    expect(state?.me?.identifier).toBe(memberCredentials(sim.data)[0]!.identifier);
    expect(state?.statuses.map((s) => s.name)).toContain('In Progress');
    expect(state?.cursor).toMatch(/^\d{4}-/);
    expect(changes).toHaveLength(1);
  });

  it('polls incrementally from the persisted cursor, even in a fresh worker', async () => {
    await syncBoard(target(), deps);
    resetDbHandle(); // as if the service worker had been stopped
    const ticket = ticketsInStatus(sim.data, 1, 'New')[0]!;
    sim.updateTicketAsSomeoneElse(ticket.id, { statusName: 'In Progress' });
    sim.resetStats();
    changes = [];
    const outcome = await syncBoard(target(), deps);
    expect(outcome.kind).toBe('incremental');
    expect(changes[0]?.changed).toEqual([String(ticket.id)]);
    const cached = (await loadTickets(connectionId)).find((t) => t.id === String(ticket.id));
    expect(cached?.status.name).toBe('In Progress');
    const transitions = await loadTransitions(connectionId);
    expect(transitions.at(-1)).toMatchObject({ ticketId: String(ticket.id), toStatusId: String(cached?.status.id) });
  });

  it('costs one small request when nothing changed', async () => {
    await syncBoard(target(), deps);
    const psa = adapter();
    await syncBoard({ connectionId, boardId: '1', psa }, deps); // warms the adapter's discovery
    sim.resetStats();
    changes = [];
    await syncBoard({ connectionId, boardId: '1', psa }, deps);
    expect(sim.stats().requests).toBe(1);
    expect(sim.stats().bytesOut).toBeLessThan(4_000);
    expect(changes).toEqual([]);
  });

  it('records a failure for the UIs and keeps the cache', async () => {
    await syncBoard(target(), deps);
    const before = (await loadTickets(connectionId)).length;
    sim.faults.fail500.remaining = 50;
    await expect(syncBoard(target(), deps)).rejects.toThrow();
    sim.faults.fail500.remaining = 0;
    const state = await loadSyncState(connectionId);
    expect(state?.lastError?.message).toMatch(/ConnectWise/);
    expect((await loadTickets(connectionId)).length).toBe(before);
    await syncBoard(target(), deps);
    expect((await loadSyncState(connectionId))?.lastError).toBeNull();
  });

  it('finds a ticket that left the board at the next reconcile, and costs one count when none did', async () => {
    await syncBoard(target(), deps);
    const later = { ...deps, now: () => Date.now() + 31 * 60_000 };
    sim.resetStats();
    await syncBoard(target(), later);
    expect(sim.stats().byRoute['GET /service/tickets/count']?.requests).toBe(1);
    expect(sim.stats().byRoute['GET /service/tickets']?.requests).toBe(1); // the poll itself, no id list
    const moved = ticketsInStatus(sim.data, 1, 'Triage')[0]!;
    moved.boardId = 2;
    moved.statusId = sim.data.statuses.find((s) => s.boardId === 2 && s.name === 'Triage')!.id;
    const muchLater = { ...deps, now: () => Date.now() + 62 * 60_000 };
    changes = [];
    await syncBoard(target(), muchLater);
    expect(changes.at(-1)?.removed).toEqual([String(moved.id)]);
    expect((await loadTickets(connectionId)).some((t) => t.id === String(moved.id))).toBe(false);
  });
});

/**
 * Requests and bytes the sync engine costs against the simulator: the initial load of a board, and an
 * idle incremental poll (nothing changed), at 1,000 and 10,000 tickets.
 */
import { startSimulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { createPsa } from '../../utils/psa';
import { syncBoard } from '../../utils/sync/engine';
import { clearConnection } from '../../utils/store/tickets';
import type { Figure } from './run';

async function measureAt(tickets: number): Promise<{ initialRequests: number; ticketPages: number; initialBytes: number; idleRequests: number; idleBytes: number; cached: number }> {
  const sim = await startSimulator({ port: 0, tickets, seed: 1 });
  try {
    const tech = memberCredentials(sim.data)[0]!;
    const connectionId = `bench-${tickets}`;
    await clearConnection(connectionId);
    const psa = createPsa({
      kind: 'connectwise',
      id: connectionId,
      siteUrl: sim.url,
      companyId: DEMO_COMPANY_ID,
      publicKey: tech.publicKey,
      privateKey: tech.privateKey,
      clientId: DEMO_CLIENT_ID,
      boardId: '1',
    });
    const deps = { now: Date.now, onChange: () => undefined };
    sim.resetStats();
    const first = await syncBoard({ connectionId, boardId: '1', psa }, deps);
    const initial = sim.stats();
    sim.resetStats();
    await syncBoard({ connectionId, boardId: '1', psa }, deps);
    const idle = sim.stats();
    return { initialRequests: initial.requests, ticketPages: initial.byRoute['GET /service/tickets']?.requests ?? 0, initialBytes: initial.bytesOut, idleRequests: idle.requests, idleBytes: idle.bytesOut, cached: first.changed };
  } finally {
    await sim.close();
  }
}

export async function measureSync(): Promise<Figure[]> {
  const small = await measureAt(1_000);
  const large = await measureAt(10_000);
  return [
    { name: 'initial_sync_requests_1000', value: small.initialRequests, unit: 'requests', note: `${small.cached} tickets cached` },
    { name: 'initial_sync_bytes_1000', value: small.initialBytes, unit: 'bytes' },
    { name: 'initial_sync_requests_10000', value: large.initialRequests, unit: 'requests', note: `${large.cached} tickets cached` },
    { name: 'initial_sync_ticket_pages_10000', value: large.ticketPages, unit: 'requests', goal: '≤ 10', note: 'the rest is metadata: me, boards, statuses, priorities, members, SLAs' },
    { name: 'initial_sync_bytes_10000', value: large.initialBytes, unit: 'bytes' },
    { name: 'idle_poll_requests_1000', value: small.idleRequests, unit: 'requests' },
    { name: 'idle_poll_bytes_1000', value: small.idleBytes, unit: 'bytes' },
    { name: 'idle_poll_requests_10000', value: large.idleRequests, unit: 'requests' },
    { name: 'idle_poll_bytes_10000', value: large.idleBytes, unit: 'bytes' },
    { name: 'idle_poll_bytes_ratio_10000_vs_1000', value: large.idleBytes / small.idleBytes, unit: 'ratio', goal: '≤ 1.1' },
  ];
}

/**
 * The same sync on each PSA against the simulator with 10,000 tickets: requests of the initial load
 * (and how many of them are ticket pages, against each PSA's page cap), and the requests of one idle
 * hour for one tech: a poll every 2 minutes, the reconcile, the metadata refresh (amortized).
 */
import { startSimulator } from '../psa-sim/server';
import { syncBoard } from '../../utils/sync/engine';
import { clearConnection } from '../../utils/store/tickets';
import { METADATA_EVERY_MS } from '../../utils/sync/engine';
import { IDLE_POLL_MINUTES } from '../../utils/background/service';
import type { PsaKind } from '../../utils/psa/kinds';
import { techAdapters } from '../race';
import type { Figure } from './run';

const TICKET_ROUTES: Record<PsaKind, RegExp> = {
  connectwise: /^GET \/service\/tickets$/,
  autotask: /tickets\/query(\/next)?$/i,
  halo: /^GET \/api\/Tickets$/i,
};

async function measure(kind: PsaKind): Promise<{ initial: number; pages: number; idleHour: number; cached: number }> {
  const sim = await startSimulator({ port: 0, tickets: 10_000, seed: 1 });
  try {
    const { adapters, boardId } = await techAdapters(sim, kind, 1);
    const psa = adapters[0]!;
    const connectionId = `bench-${kind}`;
    await clearConnection(connectionId);
    const start = Date.now();
    let clock = start;
    const deps = { now: () => clock, onChange: () => undefined };
    sim.resetStats();
    const first = await syncBoard({ connectionId, boardId, psa }, deps);
    const initial = sim.stats();
    const pages = Object.entries(initial.byRoute)
      .filter(([route]) => TICKET_ROUTES[kind].test(route))
      .reduce((n, [, r]) => n + r.requests, 0);
    sim.resetStats();
    const polls = 60 / IDLE_POLL_MINUTES;
    for (let i = 1; i <= polls; i++) {
      clock = start + i * IDLE_POLL_MINUTES * 60_000;
      await syncBoard({ connectionId, boardId, psa }, deps);
    }
    // The metadata refresh (me, boards, statuses, priorities, members) runs every 6 hours: its share of one.
    const metadataPerHour = (initial.requests - pages) * (3_600_000 / METADATA_EVERY_MS);
    return { initial: initial.requests, pages, idleHour: Math.round(sim.stats().requests + metadataPerHour), cached: first.changed };
  } finally {
    await sim.close();
  }
}

export async function measurePsas(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const caps: Record<PsaKind, string> = { connectwise: '≤ 10 pages', autotask: '≤ 20 pages', halo: '≤ 200 pages' };
  for (const kind of ['connectwise', 'autotask', 'halo'] as const) {
    const m = await measure(kind);
    figures.push(
      { name: `initial_sync_requests_10000_${kind}`, value: m.initial, unit: 'requests', note: `${m.pages} ticket pages (${caps[kind]}), ${m.cached} tickets` },
      { name: `initial_sync_ticket_pages_10000_${kind}`, value: m.pages, unit: 'requests', goal: caps[kind] },
      { name: `requests_per_tech_hour_idle_${kind}`, value: m.idleHour, unit: 'requests', goal: '≤ 60' },
    );
  }
  return figures;
}

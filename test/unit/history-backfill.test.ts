/**
 * History from day one, against the simulator on all three PSAs: closed tickets of the last 180 days,
 * loaded in windows of last-updated time within a per-run request budget, stored with only what
 * metrics need, pruned by age.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { autotaskCredentials } from '../psa-sim/autotask-credentials';
import { haloCredentials } from '../psa-sim/halo-credentials';
import { createPsa } from '../../utils/psa';
import type { Psa } from '../../utils/psa/psa';
import type { PsaKind } from '../../utils/psa/kinds';
import { backfillStep, newBackfill } from '../../utils/background/history';
import { clearHistory, HISTORY_MS, loadHistory, pruneHistory, putHistoryRecords, recordClosedTickets } from '../../utils/store/history';
import { isOpen } from '../sim-queries';

let sim: Simulator;
const requests: Record<PsaKind, number> = { connectwise: 0, autotask: 0, halo: 0 };
/**
 * Requests an adapter sends once, before or with its first page: ConnectWise's codebase discovery and
 * priorities; Autotask's zone discovery, picklists and resources; Halo's token, statuses, priorities, agents.
 */
const ONE_TIME: Record<PsaKind, number> = { connectwise: 2, autotask: 3, halo: 4 };
let psas: Record<PsaKind, { psa: Psa; boardId: string }>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 1500, seed: 5 });
  const cw = memberCredentials(sim.data)[0]!;
  const at = autotaskCredentials(sim.data);
  const halo = haloCredentials(sim.data, sim.halo.tenant);
  const count = (kind: PsaKind) => ({ sleep: async () => undefined, onRequest: () => void requests[kind]++ });
  const autotask = createPsa({
    kind: 'autotask', id: 'at', userName: at.apiUser.userName, secret: at.apiUser.secret, integrationCode: at.integrationCode,
    discoveryUrl: `${sim.url}/ATServicesRest/`, zoneUrl: null, webUrl: null, queueId: null, meResourceId: null,
  }, count('autotask'));
  psas = {
    connectwise: {
      psa: createPsa({ kind: 'connectwise', id: 'cw', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: cw.publicKey, privateKey: cw.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' }, count('connectwise')),
      boardId: '1',
    },
    autotask: { psa: autotask, boardId: (await autotask.listBoards()).find((b) => b.name === 'Service Desk')!.id },
    halo: {
      psa: createPsa({ kind: 'halo', id: 'halo', url: sim.halo.url, authUrl: null, tenant: null, clientId: halo.application.clientId, clientSecret: halo.application.clientSecret, teamId: '11', meAgentId: null }, count('halo')),
      boardId: '11',
    },
  };
});
afterAll(async () => sim.close());
beforeEach(async () => {
  for (const kind of ['connectwise', 'autotask', 'halo'] as const) await clearHistory(kind);
});

/** What history should hold: the board's closed tickets last updated in the 180 days before `now`. */
function expectedIds(now: number): string[] {
  return sim.data.tickets
    .filter((t) => t.boardId === 1 && !isOpen(sim.data, t) && t.updatedAt >= now - HISTORY_MS && t.updatedAt < now)
    .map((t) => String(t.id))
    .sort((a, b) => Number(a) - Number(b));
}

describe.each(['connectwise', 'autotask', 'halo'] as const)('the backfill on %s', (kind) => {
  it('loads every closed ticket of 180 days, spread over runs of a few requests, and stores only what metrics need', async () => {
    const { psa, boardId } = psas[kind];
    const now = Date.now();
    const expected = expectedIds(now);
    expect(expected.length).toBeGreaterThan(100);
    let state = newBackfill(kind, boardId, now);
    let runs = 0;
    const budget = { requestsPerRun: 3, gapMs: 0 };
    while (!state.done && runs < 200) {
      const before = requests[kind];
      state = await backfillStep(psa, state, { now: () => now, requestsSent: () => requests[kind], budget, record: (tickets) => recordClosedTickets(kind, tickets) });
      // A run may finish the page in flight (with the first page's one-time sign-in and lookups), no more.
      expect(requests[kind] - before).toBeLessThanOrEqual(budget.requestsPerRun + (runs === 0 ? ONE_TIME[kind] : 0) + 1);
      expect(state.lastError).toBeNull();
      runs++;
    }
    expect(state.done).toBe(true);
    expect(runs).toBeGreaterThan(1);
    const stored = await loadHistory(kind);
    expect(stored.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(expected);
    const one = stored[0]!;
    expect(Object.keys(one).sort()).toEqual(['assignee', 'closedAt', 'connectionId', 'created', 'id', 'key', 'number', 'priority', 'respondBy', 'resolveBy', 'respondedAt', 'slaMet', 'subtype', 'type', 'url'].sort());
    expect(one.closedAt).toBeGreaterThanOrEqual(one.created);
    expect(stored.every((r) => r.priority !== null)).toBe(true);
  });

  it('with a run budget large enough, one run does it in as few requests as the pages need', async () => {
    const { psa, boardId } = psas[kind];
    const now = Date.now();
    const before = requests[kind];
    const state = await backfillStep(psa, newBackfill(kind, boardId, now), { now: () => now, requestsSent: () => requests[kind], budget: { requestsPerRun: 1000, gapMs: 0 }, record: (t) => recordClosedTickets(kind, t) });
    expect(state.done).toBe(true);
    const pageSize = { connectwise: 1000, autotask: 500, halo: 100 }[kind];
    // Halo reads until a short or empty page: one more request when the count is a multiple of the page size.
    expect(requests[kind] - before).toBeLessThanOrEqual(Math.ceil(expectedIds(now).length / pageSize) + 1 + ONE_TIME[kind]);
    expect(state.requests).toBe(requests[kind] - before);
  });
});

describe('history store', () => {
  it('a reopened ticket leaves history; pruning drops what closed more than 180 days ago', async () => {
    const now = Date.now();
    const record = (id: string, closedAgoDays: number) => ({
      key: `prune:${id}`, connectionId: 'prune', id, number: `#${id}`, url: `https://x.test/${id}`, created: now - (closedAgoDays + 1) * 86_400_000, respondedAt: null,
      closedAt: now - closedAgoDays * 86_400_000, priority: null, type: null, subtype: null, assignee: null, respondBy: null, resolveBy: null, slaMet: null,
    });
    await putHistoryRecords([record('1', 10), record('2', 179), record('3', 181), record('4', 400)]);
    expect(await pruneHistory('prune', now)).toMatchObject({ tickets: 2 });
    expect((await loadHistory('prune')).map((r) => r.id).sort()).toEqual(['1', '2']);
    const open = (await psas.connectwise.psa.getTicket(String(sim.data.tickets.find((t) => isOpen(sim.data, t))!.id)));
    await recordClosedTickets('prune', [{ ...open, id: '1' }]);
    expect((await loadHistory('prune')).map((r) => r.id)).toEqual(['2']);
  });
});

/**
 * Twenty techs press Pull next at the same instant against one Ready queue, each with their own API
 * keys, over 100 ms of simulated latency. No ticket may end up believed-owned by two techs, and
 * every tech that believes it owns a ticket must own it in the PSA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { createPsa } from '../../utils/psa';
import type { Psa } from '../../utils/psa/psa';
import type { Ticket } from '../../utils/psa/model';
import { planPull } from '../../utils/pull/plan';
import { claimNext, type ClaimResult } from '../../utils/pull/claim';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 800, seed: 7, extraTechs: 8 });
});
afterAll(async () => sim?.close());

async function loadBoard(psa: Psa): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of psa.listTickets({ boardId: '1', openOnly: true })) tickets.push(...page.tickets);
  return tickets;
}

async function changedOnBoard(psa: Psa, since: string): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of psa.listTickets({ boardId: '1', openOnly: false, updatedSince: since })) tickets.push(...page.tickets);
  return tickets;
}

describe('twenty techs pull at the same instant', () => {
  it('never gives one ticket to two techs', async () => {
    const pullers = memberCredentials(sim.data).slice(0, 20);
    expect(new Set(pullers.map((p) => p.publicKey)).size).toBe(20);
    const adapters = pullers.map((tech) =>
      createPsa({ kind: 'connectwise', id: 'race', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: tech.publicKey, privateKey: tech.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' }),
    );
    const first = adapters[0]!;
    const [tickets, statuses] = await Promise.all([loadBoard(first), first.listStatuses('1')]);
    const members = await first.listMembers();
    sim.faults.latencyMs = 100;
    const now = Date.now();
    const results = await Promise.all(
      adapters.map(async (psa, i): Promise<{ techId: string; result: ClaimResult }> => {
        const me = members.find((m) => m.identifier === pullers[i]!.identifier)!;
        // Every puller is below the WIP limit for this test: the gate is unit-tested elsewhere.
        const plan = planPull({ tickets, statuses, me, wipLimit: 5, skills: [], now });
        const result = await claimNext({ psa, meId: me.id, inProgressStatusId: plan.inProgressStatusId!, candidates: plan.order.map((r) => r.ticket), recheckDelayMs: 1_000, changedSince: (since) => changedOnBoard(psa, since) });
        return { techId: me.id, result };
      }),
    );
    sim.faults.latencyMs = 0;

    const believed = new Map<string, string[]>();
    for (const { techId, result } of results) {
      if (result.kind !== 'claimed') continue;
      believed.set(result.ticket.id, [...(believed.get(result.ticket.id) ?? []), techId]);
    }
    const claims = results.filter((r) => r.result.kind === 'claimed').length;
    const doubleClaims = [...believed.values()].filter((owners) => owners.length > 1).length;
    const wrongBeliefs = [...believed.entries()].filter(([ticketId, owners]) => String(sim.data.ticketsById.get(Number(ticketId))?.ownerId) !== owners[0]).length;
    const why = new Map<string, number>(); for (const r of results) for (const s of r.result.skipped) { const k = s.reason.replace(/#\d+/, "#N").replace(/by .* (at|a moment)/, "by X $1"); why.set(k, (why.get(k) ?? 0) + 1); } console.log([...why]);
    console.log(`race: ${claims} of 20 pulls claimed a ticket, ${doubleClaims} double claims, ${wrongBeliefs} wrong beliefs, ${results.reduce((n, r) => n + r.result.skipped.length, 0)} candidates skipped on the way`);
    expect(doubleClaims).toBe(0);
    expect(wrongBeliefs).toBe(0);
    expect(claims).toBeGreaterThanOrEqual(15);
  }, 60_000);
});

/**
 * N techs press Pull next at the same instant against one simulator, each with their own API key:
 * shared by the race test and the benchmark.
 */
import type { Simulator } from './psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from './psa-sim/seed';
import { createPsa } from '../utils/psa';
import type { Psa } from '../utils/psa/psa';
import type { Ticket } from '../utils/psa/model';
import { planPull } from '../utils/pull/plan';
import { claimNext, type ClaimResult } from '../utils/pull/claim';

export interface RaceOutcome {
  pulls: number;
  claims: number;
  /** Tickets more than one tech believes they own. */
  doubleClaims: number;
  /** Techs who believe they own a ticket the PSA gives to someone else. */
  wrongBeliefs: number;
  skipped: number;
  ms: number;
}

async function collect(pages: AsyncIterable<{ tickets: Ticket[] }>): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of pages) tickets.push(...page.tickets);
  return tickets;
}

export function adapterFor(sim: Simulator, tech: { publicKey: string; privateKey: string }): Psa {
  return createPsa({ kind: 'connectwise', id: 'race', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: tech.publicKey, privateKey: tech.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' });
}

/** Needs a simulator with at least `techs` techs (`extraTechs` beyond the seeded 12). */
export async function raceTechs(sim: Simulator, techs: number, latencyMs: number, recheckDelayMs = 1_000): Promise<RaceOutcome> {
  const pullers = memberCredentials(sim.data).slice(0, techs);
  if (pullers.length < techs) throw new Error(`the simulator has ${pullers.length} techs, the race needs ${techs}`);
  const adapters = pullers.map((tech) => adapterFor(sim, tech));
  const first = adapters[0]!;
  const [tickets, statuses, members] = await Promise.all([collect(first.listTickets({ boardId: '1', openOnly: true })), first.listStatuses('1'), first.listMembers()]);
  const before = sim.faults.latencyMs;
  sim.faults.latencyMs = latencyMs;
  const started = Date.now();
  const results = await Promise.all(
    adapters.map(async (psa, i): Promise<{ techId: string; result: ClaimResult }> => {
      const me = members.find((m) => m.identifier === pullers[i]!.identifier)!;
      // Every puller is below the WIP limit here: the gate has its own tests.
      const plan = planPull({ tickets, statuses, me, wipLimit: 5, skills: [], now: started });
      const result = await claimNext({
        psa,
        meId: me.id,
        inProgressStatusId: plan.inProgressStatusId!,
        candidates: plan.order.map((r) => r.ticket),
        recheckDelayMs,
        changedSince: (since) => collect(psa.listTickets({ boardId: '1', openOnly: false, updatedSince: since })),
      });
      return { techId: me.id, result };
    }),
  );
  const ms = Date.now() - started;
  sim.faults.latencyMs = before;
  const believed = new Map<string, string[]>();
  for (const { techId, result } of results) {
    if (result.kind === 'claimed') believed.set(result.ticket.id, [...(believed.get(result.ticket.id) ?? []), techId]);
  }
  return {
    pulls: techs,
    claims: results.filter((r) => r.result.kind === 'claimed').length,
    doubleClaims: [...believed.values()].filter((owners) => owners.length > 1).length,
    wrongBeliefs: [...believed.entries()].filter(([id, owners]) => String(sim.data.ticketsById.get(Number(id))?.ownerId) !== owners[0]).length,
    skipped: results.reduce((n, r) => n + r.result.skipped.length, 0),
    ms,
  };
}

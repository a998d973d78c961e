/**
 * N techs press Pull next at the same instant against one simulator, each with their own API key:
 * shared by the race test and the benchmark.
 */
import type { Simulator } from './psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from './psa-sim/seed';
import { autotaskCredentials } from './psa-sim/autotask-credentials';
import { haloCredentials } from './psa-sim/halo-credentials';
import type { PsaKind } from '../utils/psa/kinds';
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
  /** Press → the write's answer confirming the ticket the tech kept, 95th percentile over the techs who got one. */
  p95Ms: number;
  /** Press → the re-check settled it, 95th percentile. */
  settledP95Ms: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function collect(pages: AsyncIterable<{ tickets: Ticket[] }>): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of pages) tickets.push(...page.tickets);
  return tickets;
}

export function adapterFor(sim: Simulator, tech: { publicKey: string; privateKey: string }): Psa {
  return createPsa({ kind: 'connectwise', id: 'race', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: tech.publicKey, privateKey: tech.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' });
}

/** One adapter per tech, each with that tech's own credentials, on the PSA's Service Desk board. */
export async function techAdapters(sim: Simulator, kind: PsaKind, techs: number): Promise<{ adapters: Psa[]; boardId: string }> {
  const members = memberCredentials(sim.data).slice(0, techs);
  if (members.length < techs) throw new Error(`the simulator has ${members.length} techs, the race needs ${techs}`);
  if (kind === 'connectwise') return { adapters: members.map((tech) => adapterFor(sim, tech)), boardId: '1' };
  if (kind === 'autotask') {
    const at = autotaskCredentials(sim.data);
    const adapters = at.techs.slice(0, techs).map((tech) =>
      createPsa({ kind: 'autotask', id: `race-${tech.identifier}`, userName: tech.userName, secret: tech.secret, integrationCode: at.integrationCode, discoveryUrl: `${sim.url}/ATServicesRest/`, zoneUrl: null, webUrl: null, queueId: null, meResourceId: String(tech.resourceId) }),
    );
    const queue = (await adapters[0]!.listBoards()).find((b) => b.name === 'Service Desk')!;
    return { adapters, boardId: queue.id };
  }
  const halo = haloCredentials(sim.data, sim.halo.tenant);
  const adapters = halo.techs.slice(0, techs).map((tech) =>
    createPsa({ kind: 'halo', id: `race-${tech.identifier}`, url: sim.halo.url, authUrl: null, tenant: null, clientId: tech.clientId, clientSecret: tech.clientSecret, teamId: null, meAgentId: String(tech.agentId) }),
  );
  const team = (await adapters[0]!.listBoards()).find((b) => b.name === 'Service Desk')!;
  return { adapters, boardId: team.id };
}

/** Needs a simulator with at least `techs` techs (`extraTechs` beyond the seeded 12). */
/**
 * `teamFromBoard`: each tech works out the team from the board, as the product does (everyone with a
 * ticket on it, and themselves) instead of being told who is pressing: techs new to the board see
 * different teams and may pick the same ticket first.
 */
export async function raceTechs(sim: Simulator, techs: number, latencyMs: number, recheckDelayMs = 1_000, kind: PsaKind = 'connectwise', options: { teamFromBoard?: boolean } = {}): Promise<RaceOutcome> {
  const { adapters, boardId } = await techAdapters(sim, kind, techs);
  const first = adapters[0]!;
  const [tickets, statuses] = await Promise.all([collect(first.listTickets({ boardId, openOnly: true })), first.listStatuses(boardId)]);
  const mes = await Promise.all(adapters.map((psa) => psa.whoAmI()));
  const before = sim.faults.latencyMs;
  sim.faults.latencyMs = latencyMs;
  // Each tech plans on their own machine: the plans are made first, so the presses are simultaneous.
  // Every puller is below the WIP limit here: the gate has its own tests.
  const plans = mes.map((me) => planPull({ tickets, statuses, me, wipLimit: 5, skills: [], now: Date.now(), ...(options.teamFromBoard ? {} : { team: mes.map((m) => m.id) }) }));
  const started = Date.now();
  const results = await Promise.all(
    adapters.map(async (psa, i): Promise<{ techId: string; result: ClaimResult; confirmedMs: number; settledMs: number }> => {
      const me = mes[i]!;
      const plan = plans[i]!;
      const confirmed = new Map<string, number>();
      const result = await claimNext({
        psa,
        meId: me.id,
        inProgressStatusId: plan.inProgressStatusId!,
        candidates: plan.order.map((r) => r.ticket),
        respread: plan.respread,
        recheckDelayMs,
        onWriteConfirmed: (ticket) => confirmed.set(ticket.id, Date.now() - started),
        changedSince: (since) => collect(psa.listTickets({ boardId, openOnly: false, updatedSince: since })),
      });
      const confirmedMs = result.kind === 'claimed' ? (confirmed.get(result.ticket.id) ?? Number.NaN) : Number.NaN;
      return { techId: me.id, result, confirmedMs, settledMs: Date.now() - started };
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
    p95Ms: percentile(results.filter((r) => r.result.kind === 'claimed').map((r) => r.confirmedMs), 95),
    settledP95Ms: percentile(results.filter((r) => r.result.kind === 'claimed').map((r) => r.settledMs), 95),
  };
}

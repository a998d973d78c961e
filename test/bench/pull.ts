/** Pull next's cost: requests and time from the press to the confirmed claim, and a 20-tech race. */
import { startSimulator } from '../psa-sim/server';
import { memberCredentials } from '../psa-sim/seed';
import { planPull } from '../../utils/pull/plan';
import { claimNext } from '../../utils/pull/claim';
import type { Ticket } from '../../utils/psa/model';
import { adapterFor, raceTechs } from '../race';
import type { Figure } from './run';

export async function measurePull(): Promise<Figure[]> {
  const sim = await startSimulator({ port: 0, tickets: 1_000, seed: 1, extraTechs: 8 });
  try {
    const tech = memberCredentials(sim.data)[1]!;
    const psa = adapterFor(sim, tech);
    const tickets: Ticket[] = [];
    for await (const page of psa.listTickets({ boardId: '1', openOnly: true })) tickets.push(...page.tickets);
    const me = (await psa.listMembers()).find((m) => m.identifier === tech.identifier)!;
    const plan = planPull({ tickets, statuses: await psa.listStatuses('1'), me, wipLimit: 5, skills: [], now: Date.now() });
    await psa.getTicket(plan.order[0]!.ticket.id); // the adapter's discovery is warm in a running background

    sim.faults.latencyMs = 100;
    sim.resetStats();
    const started = performance.now();
    let confirmedAt = 0;
    let requestsToConfirm = 0;
    const result = await claimNext({
      psa,
      meId: me.id,
      inProgressStatusId: plan.inProgressStatusId!,
      candidates: plan.order.map((r) => r.ticket),
      onWriteConfirmed: () => {
        confirmedAt = performance.now();
        requestsToConfirm = sim.stats().requests;
      },
    });
    const total = sim.stats().requests;
    sim.faults.latencyMs = 0;
    if (result.kind !== 'claimed') throw new Error(`the benchmark pull claimed nothing: ${result.message}`);

    const races = { connectwise: await raceTechs(sim, 20, 100), autotask: await raceTechs(sim, 20, 100, 1_000, 'autotask'), halo: await raceTechs(sim, 20, 100, 1_000, 'halo') };
    const race = races.connectwise;
    // As the product works out the team (everyone with a ticket on the board): eight techs new to it.
    const newcomers = await startSimulator({ port: 0, tickets: 1_000, seed: 1, extraTechs: 8 });
    const fromBoard = await raceTechs(newcomers, 20, 100, 1_000, 'connectwise', { teamFromBoard: true }).finally(() => newcomers.close());
    return [
      { name: 'pull_round_trips', value: requestsToConfirm, unit: 'requests', goal: '≤ 2 + re-check', note: `${total - requestsToConfirm} delayed re-check` },
      { name: 'pull_latency_ms_at_100ms_rtt', value: Math.round(confirmedAt - started), unit: 'ms', note: 'press → write confirmed' },
      { name: 'race_20_techs_double_claims', value: race.doubleClaims, unit: 'tickets', goal: '0' },
      { name: 'race_20_techs_wrong_beliefs', value: race.wrongBeliefs, unit: 'techs', goal: '0' },
      { name: 'race_20_techs_claims', value: race.claims, unit: 'of 20', note: `${race.ms} ms for all` },
      ...(['connectwise', 'autotask', 'halo'] as const).flatMap((kind) => [
        { name: `race_20_techs_double_claims_${kind}`, value: races[kind].doubleClaims + races[kind].wrongBeliefs, unit: 'tickets', goal: '0', note: `${races[kind].wrongBeliefs} wrong beliefs` },
        { name: `race_20_techs_claims_${kind}`, value: races[kind].claims, unit: 'of 20', goal: '20', note: `${races[kind].ms} ms for all, ${races[kind].skipped} candidates passed over` },
        { name: `race_20_techs_p95_ms_${kind}`, value: races[kind].p95Ms, unit: 'ms', goal: '≤ 3,000', note: `press → confirmed at 100 ms round trip; ${races[kind].settledP95Ms} ms to the 1 s re-check` },
      ]),
      { name: 'race_20_techs_team_from_board_claims', value: fromBoard.claims, unit: 'of 20', goal: '20', note: `${fromBoard.doubleClaims + fromBoard.wrongBeliefs} double claims or wrong beliefs; 8 techs new to the board` },
      { name: 'race_20_techs_team_from_board_p95_ms', value: fromBoard.p95Ms, unit: 'ms', note: 'press → confirmed; those new to the board lose a round' },
    ];
  } finally {
    await sim.close();
  }
}

/**
 * The default demo desk and the what-if replay on it: how believable the desk is (open tickets per tech,
 * share past an SLA target) and what push, pull at WIP 1 and pull at WIP 2 do with its history; and what
 * one replay of 90 days of a 12-tech desk costs.
 */
import { seedMsp } from '../psa-sim/seed';
import { modelTicketsOf, seededDeskHistory } from '../psa-sim/whatif-desk';
import { slaState } from '../../utils/flow/sla';
import { replayDesk, runWhatIf, WHATIF_POLICIES, type WhatIfResult } from '../../utils/whatif';
import type { Figure } from './run';

/** A fixed clock (a Wednesday mid-morning) so the figures are the same on every run. */
export const WHATIF_BENCH_NOW = Date.UTC(2026, 11, 2, 10, 30);
export const WHATIF_BENCH_DAYS = 28;

export function seededWhatIf(): { result: WhatIfResult; openPerTech: number; breachedPct: number; open: number; breached: number } {
  const data = seedMsp({ seed: 1, now: WHATIF_BENCH_NOW });
  const open = modelTicketsOf(data).filter((t) => !t.closed);
  const breached = open.filter((t) => slaState(t, data.seededAt).state === 'breached').length;
  const techs = data.members.filter((m) => m.isTech).length;
  return {
    result: runWhatIf(seededDeskHistory(data, WHATIF_BENCH_DAYS)),
    open: open.length,
    breached,
    openPerTech: Math.round((10 * open.length) / techs) / 10,
    breachedPct: Math.round((1000 * breached) / open.length) / 10,
  };
}

export function measureWhatIf(): Figure[] {
  const seeded = seededWhatIf();
  const figures: Figure[] = [
    { name: 'seeded_desk_open_per_tech', value: seeded.openPerTech, unit: 'tickets', goal: 'a few dozen at most', note: `${seeded.open} open, 12 techs` },
    { name: 'seeded_desk_breached_pct', value: seeded.breachedPct, unit: '%', goal: 'a handful', note: `${seeded.breached} open tickets past an SLA target` },
  ];
  for (const r of seeded.result.results) {
    const note = `${WHATIF_BENCH_DAYS} days of the seeded desk`;
    figures.push(
      { name: `whatif_${r.policy}_lead_p85_h`, value: r.leadP85Hours ?? -1, unit: 'h', note: `p50 ${r.leadP50Hours} h; ${note}` },
      { name: `whatif_${r.policy}_sla_met_pct`, value: r.resolveMetPct ?? -1, unit: '%', note: `resolution; response ${r.respondMetPct} %` },
      { name: `whatif_${r.policy}_max_age_h`, value: r.maxAgeHours, unit: 'h', note: `${r.openAtEnd} open at the end; ${r.waitedUnowned} waited unowned > 1 business h` },
      { name: `whatif_${r.policy}_switches_per_tech_day`, value: r.switchesPerTechDay, unit: 'switches', note: `${r.throughputPerWeek} finished a week` },
    );
  }

  // 90 days of the same 12-tech desk; the slowest of the three policies is the figure.
  const long = seedMsp({ seed: 1, now: WHATIF_BENCH_NOW, days: 90 });
  const history = seededDeskHistory(long, 90);
  replayDesk(history, 'push'); // warm the code once, as a page that has run one replay is
  const times = WHATIF_POLICIES.map((policy) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    replayDesk(history, policy);
    const used = process.cpuUsage(cpu);
    return { policy, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  });
  // CPU time, not wall time: this machine's cores are shared, and a replay is pure computation.
  const slowest = times.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  figures.push({
    name: 'whatif_replay_ms_90d',
    value: Math.round(slowest.cpuMs),
    unit: 'ms CPU',
    goal: '≤ 2,000',
    note: `slowest policy, ${history.tickets.length} tickets; ${times.map((t) => `${t.policy} ${Math.round(t.cpuMs)} ms CPU / ${Math.round(t.ms)} ms wall`).join(', ')}`,
  });
  return figures;
}

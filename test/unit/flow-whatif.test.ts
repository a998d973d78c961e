import { describe, expect, it } from 'vitest';
import { replayDesk, runWhatIf, verdictOf, type PolicyResult } from '../../utils/whatif/replay';
import { describeAssumptions, whatIfParams, type DeskHistory, type DeskTicket, type WhatIfParams } from '../../utils/whatif/desk';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Monday 2 November 2026, 08:00 UTC: the desk opens. */
const MONDAY_8 = Date.UTC(2026, 10, 2, 8);
const at = (minutes: number) => MONDAY_8 + minutes * MINUTE;

const P1 = { id: '1', name: 'Priority 1', rank: 1, colour: null };
const P2 = { id: '2', name: 'Priority 2', rank: 2, colour: null };
const P3 = { id: '3', name: 'Priority 3', rank: 3, colour: null };

function ticket(id: string, created: number, effortMinutes: number, extra: Partial<DeskTicket> = {}): DeskTicket {
  return {
    id,
    number: `#${id}`,
    title: `Ticket ${id}`,
    created,
    priority: P3,
    board: { id: 'sd', name: 'Service Desk' },
    type: { id: 't', name: 'Hardware' },
    subtype: null,
    company: { id: 'c', name: 'Acme Dental' },
    contact: { id: 'p', name: 'Amelia Adams' },
    respondBy: null,
    resolveBy: created + 120 * HOUR,
    skill: null,
    effortHours: effortMinutes / 60,
    effortSource: 'time entries',
    clientWaitHours: 0,
    ...extra,
  };
}

/** One business day, the whole of it spent on tickets, so minutes add up by hand. */
const DAY: Partial<WhatIfParams> = {
  businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5], utcOffsetMinutes: 0 },
  ticketHoursPerDay: 9,
  pushRotateMinutes: 0,
};
const oneDay = (tickets: DeskTicket[], techs: DeskHistory['techs'] = [{ id: 'alex', name: 'Alex Dunn', skills: [] }]): DeskHistory => ({
  from: MONDAY_8,
  to: MONDAY_8 + 9 * HOUR,
  techs,
  tickets,
});

// A, a P3 needing 2 h, arrives at 08:00; B, a P1 needing 1 h and due by 13:00, arrives at 09:00.
const interrupted = oneDay([
  ticket('A', at(0), 120),
  ticket('B', at(60), 60, { priority: P1, resolveBy: at(60) + 4 * HOUR }),
]);

describe('push replay, a dispatcher and one tech', () => {
  it('with no switch cost, the P1 interrupts and both finish as if worked back to back', () => {
    // 08:00 A is assigned and started. 09:00 B is assigned, ranks above A (due 13:00 against A's 5 days)
    // and interrupts: one switch, free. B: 09:00–10:00 (lead 1 h). A resumes with 60 min left:
    // 10:00–11:00 (lead 3 h). p50 of [1, 3] = 1 h (nearest rank 1 of 2), p85 = 3 h (rank 2 of 2).
    const result = replayDesk(interrupted, 'push', { ...DAY, switchCostMinutes: 0 });
    expect(result).toMatchObject({
      arrived: 2,
      finished: 2,
      openAtEnd: 0,
      leadP50Hours: 1,
      leadP85Hours: 3,
      resolveMetPct: 100,
      switches: 1,
      switchesPerTechDay: 1,
      maxAgeHours: 3,
      waitedUnowned: 0,
      oldestOpen: null,
    });
  });

  it('with a 20-minute switch cost, the interruption delays both tickets by 20 minutes', () => {
    // 09:00–09:20 the switch to B; B worked 09:20–10:20 (lead 1 h 20 = 1.3 h). A has 60 min left and is
    // picked up after B finished (no switch: nothing unfinished is put down): 10:20–11:20, lead 3 h 20 =
    // 3.3 h. p50 1.3 h, p85 3.3 h, one switch in one tech-day.
    const result = replayDesk(interrupted, 'push', { ...DAY, switchCostMinutes: 20 });
    expect(result).toMatchObject({ finished: 2, leadP50Hours: 1.3, leadP85Hours: 3.3, switches: 1, switchesPerTechDay: 1, maxAgeHours: 3.3 });
  });

  it('techs who turn to another ticket every 30 minutes pay for every turn', () => {
    // A and B, both P3 needing 60 min, arrive at 08:00; A ranks first (same SLA and age, lower id).
    // 08:00–08:30 A (30 left). Turn 1 to B: 08:30–08:40 switch, 08:40–09:00 B (40 left).
    // Turn 2 to A: 09:00–09:10 switch, 09:10–09:30 A (10 left). Turn 3 to B: 09:30–09:40 switch,
    // 09:40–10:00 B (20 left). Turn 4 to A: 10:00–10:10 switch, 10:10–10:20 A done (lead 2 h 20 = 2.3 h);
    // B after it, no switch: 10:20–10:40 (lead 2 h 40 = 2.7 h). 40 of the 160 minutes went on switching.
    const desk = oneDay([ticket('A', at(0), 60), ticket('B', at(0), 60)]);
    const result = replayDesk(desk, 'push', { ...DAY, switchCostMinutes: 10, pushRotateMinutes: 30 });
    expect(result).toMatchObject({ finished: 2, leadP50Hours: 2.3, leadP85Hours: 2.7, switches: 4 });
  });

  it('round-robin deals arrivals out in turn, least-loaded to whoever holds least', () => {
    const techs = [
      { id: 'a', name: 'Alex', skills: [] },
      { id: 'b', name: 'Bea', skills: [] },
    ];
    // Four 4-hour tickets at 08:00: either rule gives each tech two, so the last finishes at 16:00.
    const desk = oneDay([0, 1, 2, 3].map((i) => ticket(`T${i}`, at(0), 240)), techs);
    for (const dispatch of ['round-robin', 'least-loaded'] as const) {
      const result = replayDesk(desk, 'push', { ...DAY, dispatch, switchCostMinutes: 0 });
      expect(result.finished).toBe(4);
      expect(result.maxAgeHours).toBe(8);
    }
  });
});

describe('pull replay at WIP 1', () => {
  // Tess knows networks, Uma knows Microsoft 365.
  const techs = [
    { id: 'tess', name: 'Tess', skills: ['network'] },
    { id: 'uma', name: 'Uma', skills: ['m365'] },
  ];
  const desk = oneDay(
    [
      ticket('N1', at(0), 60, { skill: 'network' }),
      ticket('M1', at(0), 30, { skill: 'm365', contact: null, respondBy: at(15) }),
      ticket('N2', at(10), 30, { skill: 'network', priority: P2, resolveBy: at(10) + 8 * HOUR }),
    ],
    techs,
  );

  it('pulls by skill, keeps tickets failing the Definition of Ready in triage, and finishes before starting', () => {
    // 08:00 Tess pulls N1 (Uma may not: it needs network). M1 has no contact: Ready refuses it until
    // the dispatcher completes it after 30 business minutes… counted down over minutes 0–29, so at 08:29
    // Uma pulls it: 08:29–08:59 (lead 59 min = 0.98 h; respond target 08:15 missed). N2 arrives at
    // 08:10 while Tess is at WIP 1/1: it waits unowned until N1 is done at 09:00, then 09:00–09:30
    // (lead 80 min = 1.3 h, 50 min unowned; resolve target 16:10 met).
    // Leads [0.98, 1, 1.33]: p50 = 1 h (rank 2 of 3), p85 = 1.3 h (rank 3 of 3). No switches.
    const result = replayDesk(desk, 'pull-wip1', { ...DAY, switchCostMinutes: 20, triageMinutes: 30, unownedThresholdMinutes: 30 });
    expect(result).toMatchObject({
      arrived: 3,
      finished: 3,
      leadP50Hours: 1,
      leadP85Hours: 1.3,
      respondMetPct: 0,
      resolveMetPct: 100,
      switches: 0,
      waitedUnowned: 1,
      longestUnownedHours: 0.8,
      maxAgeHours: 1.3,
    });
  });

  it('at WIP 2 the second ticket is owned at once but still started only after the first', () => {
    // Tess pulls N2 at 08:10 (WIP 1/2) but finishes N1 first: same finish times, N2 never waits unowned.
    const result = replayDesk(desk, 'pull-wip2', { ...DAY, triageMinutes: 30, unownedThresholdMinutes: 30 });
    expect(result).toMatchObject({ finished: 3, leadP85Hours: 1.3, switches: 0, waitedUnowned: 0, longestUnownedHours: 0.5 });
  });

  it('a ticket that waited on the client in history waits as long, halfway through, and leaves WIP meanwhile', () => {
    // W needs 60 min and waited 2 h on the client: 08:00–08:30, then waits until 10:30 and Tess pulls
    // N (60 min) at 08:30: 08:30–09:30. 10:30–11:00 W's second half: lead 3 h.
    const waits = oneDay([
      ticket('W', at(0), 60, { skill: 'network', clientWaitHours: 2 }),
      ticket('N', at(5), 60, { skill: 'network' }),
    ], [techs[0]!]);
    const result = replayDesk(waits, 'pull-wip1', DAY);
    expect(result).toMatchObject({ finished: 2, leadP50Hours: 1.4, leadP85Hours: 3, switches: 0 });
  });
});

describe('the what-if result', () => {
  it('is deterministic and prints every assumption with its value', () => {
    const first = runWhatIf(interrupted, DAY);
    expect(runWhatIf(interrupted, DAY)).toEqual(first);
    expect(first.results.map((r) => r.policy)).toEqual(['push', 'pull-wip1', 'pull-wip2']);
    const text = describeAssumptions(whatIfParams({ switchCostMinutes: 20 })).join(' ');
    for (const words of ['08:00–17:00 UTC', '6.5 h', '25 % of its cycle time', 'fewest open tickets', '20 min', '30 business minutes']) {
      expect(text).toContain(words);
    }
  });

  it('says so when pull does not help', () => {
    const push = { label: 'Push', leadP85Hours: 10, resolveMetPct: 90, maxAgeHours: 40, waitedUnowned: 0 } as PolicyResult;
    const worse = { label: 'Pull, WIP 1', leadP85Hours: 14, resolveMetPct: 80, maxAgeHours: 50 } as PolicyResult;
    const better = { label: 'Pull, WIP 1', leadP85Hours: 6, resolveMetPct: 95, maxAgeHours: 20 } as PolicyResult;
    const same = { label: 'Pull, WIP 1', leadP85Hours: 10, resolveMetPct: 90, maxAgeHours: 40 } as PolicyResult;
    expect(verdictOf(push, { ...worse, waitedUnowned: 0 })).toBe('Pull, WIP 1 does not help on this desk — it does worse than push: lead time p85 14 h against 10 h (+40 %), resolution SLA met 80 % against 90 %, oldest ticket 50 h against 40 h.');
    expect(verdictOf(push, better)).toMatch(/^Pull, WIP 1 helps on this desk: lead time p85 6 h against 10 h \(−40 %\)/);
    expect(verdictOf(push, same)).toMatch(/makes no clear difference/);
    // What pull costs is said too.
    expect(verdictOf({ ...push, waitedUnowned: 0 }, { ...better, waitedUnowned: 12, longestUnownedHours: 3.5 })).toMatch(/but 12 tickets waited unowned over the threshold against 0 \(longest 3.5 business h\)\.$/);
  });
});

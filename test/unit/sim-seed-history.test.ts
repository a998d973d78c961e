import { describe, expect, it } from 'vitest';
import { seedMsp, XSS_SUMMARY, type SimData } from '../psa-sim/seed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 2 December 2026, 10:30 UTC. */
const WEDNESDAY = Date.UTC(2026, 11, 2, 10, 30);
/** Sunday 6 December 2026, 03:00 UTC: nobody at work. */
const SUNDAY_NIGHT = Date.UTC(2026, 11, 6, 3);

function board(data: SimData) {
  const status = new Map(data.statuses.map((s) => [s.id, s]));
  const open = data.tickets.filter((t) => !status.get(t.statusId)!.closed);
  const techs = data.members.filter((m) => m.isTech);
  const breached = open.filter((t) => (t.respondedAt === null && t.respondBy < data.seededAt) || t.resolveBy < data.seededAt);
  const inKind = (kind: string, boardId = 1) => open.filter((t) => t.boardId === boardId && status.get(t.statusId)!.kind === kind);
  return { status, open, techs, breached, inKind };
}

describe('the default seeded desk: a few weeks of a believable MSP', () => {
  const data = seedMsp({ seed: 1, now: WEDNESDAY });
  const { status, open, techs, breached, inKind } = board(data);

  it('is deterministic from the seed', () => {
    const again = seedMsp({ seed: 1, now: WEDNESDAY });
    expect(again.tickets).toEqual(data.tickets);
    expect(again.timeEntries).toEqual(data.timeEntries);
    expect(seedMsp({ seed: 2, now: WEDNESDAY }).tickets).not.toEqual(data.tickets);
  });

  it('brings tens of tickets a weekday, few at weekends, most in business hours', () => {
    const first = Math.min(...data.tickets.map((t) => t.enteredAt));
    expect(WEDNESDAY - first).toBeGreaterThan(27 * DAY);
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    let inHours = 0;
    for (const t of data.tickets) {
      const d = new Date(t.enteredAt);
      byWeekday[d.getUTCDay()]!++;
      if (d.getUTCHours() >= 8 && d.getUTCHours() < 17) inHours++;
    }
    const perWeekday = (byWeekday[1]! + byWeekday[2]! + byWeekday[3]! + byWeekday[4]! + byWeekday[5]!) / 20;
    expect(perWeekday).toBeGreaterThan(30);
    expect(perWeekday).toBeLessThan(80);
    expect((byWeekday[0]! + byWeekday[6]!) / 8).toBeLessThan(10);
    expect(inHours / data.tickets.length).toBeGreaterThan(0.75);
  });

  it('is strained but believable: a few dozen open per tech at most, a handful past their SLA', () => {
    expect(techs).toHaveLength(12);
    expect(open.length / techs.length).toBeGreaterThan(4);
    expect(open.length / techs.length).toBeLessThan(30);
    for (const tech of techs) expect(open.filter((t) => t.ownerId === tech.id).length).toBeLessThanOrEqual(36);
    expect(breached.length).toBeGreaterThan(0);
    expect(breached.length / open.length).toBeLessThan(0.2);
    expect(open.filter((t) => t.priorityId === 6).length).toBeLessThan(5);
  });

  it('has history: closed tickets with responded and resolved dates in order, and time entries where worked', () => {
    const closed = data.tickets.filter((t) => status.get(t.statusId)!.closed);
    expect(closed.length).toBeGreaterThan(open.length * 3);
    for (const t of closed) {
      expect(t.respondedAt).not.toBeNull();
      expect(t.enteredAt).toBeLessThanOrEqual(t.respondedAt!);
      expect(t.respondedAt!).toBeLessThanOrEqual(t.resolvedAt!);
      expect(t.resolvedAt!).toBeLessThanOrEqual(WEDNESDAY);
    }
    const logged = new Set(data.timeEntries.map((e) => e.ticketId));
    expect(closed.filter((t) => logged.has(t.id)).length / closed.length).toBeGreaterThan(0.9);
    for (const e of data.timeEntries) {
      expect(e.end - e.start).toBe(e.hours * HOUR);
      expect(e.end).toBeLessThanOrEqual(WEDNESDAY);
    }
    for (let i = 1; i < data.transitions.length; i++) expect(data.transitions[i]!.at).toBeGreaterThanOrEqual(data.transitions[i - 1]!.at);
  });

  it('gives the demo tech one ticket in progress and a board with unowned work to pull', () => {
    const demo = techs[0]!;
    expect(open.filter((t) => t.ownerId === demo.id && status.get(t.statusId)!.kind === 'inProgress')).toHaveLength(1);
    expect(inKind('ready').filter((t) => t.ownerId === null).length).toBeGreaterThanOrEqual(2);
    expect(inKind('new').filter((t) => t.ownerId === null).length).toBeGreaterThanOrEqual(1);
    expect(inKind('waiting').length).toBeGreaterThan(0);
    expect(inKind('ready').some((t) => t.summary === XSS_SUMMARY && t.ownerId === null)).toBe(true);
  });

  it('still shows unowned New and Ready tickets when seeded on a Sunday night', () => {
    const quiet = board(seedMsp({ seed: 1, now: SUNDAY_NIGHT }));
    expect(quiet.inKind('new').filter((t) => t.ownerId === null).length).toBeGreaterThanOrEqual(1);
    expect(quiet.inKind('ready').filter((t) => t.ownerId === null).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps an explicit ticket count for large boards', () => {
    expect(seedMsp({ tickets: 500, seed: 1, now: WEDNESDAY }).tickets).toHaveLength(500);
  });
});

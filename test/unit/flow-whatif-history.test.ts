import { describe, expect, it } from 'vitest';
import { buildDeskHistory, businessMsBetween } from '../../utils/whatif/history';
import { DEFAULT_WHATIF_PARAMS } from '../../utils/whatif/desk';
import type { Ticket, TimeEntry } from '../../utils/psa/model';

const HOUR = 3_600_000;
/** Monday 2 November 2026, 08:00 UTC. */
const MONDAY_8 = Date.UTC(2026, 10, 2, 8);
const iso = (ms: number) => new Date(ms).toISOString();

function ticket(id: string, created: number, extra: Partial<Ticket> = {}): Ticket {
  return {
    id, number: `#${id}`, title: id, status: { id: 'open', name: 'New' }, closed: false, board: null,
    priority: { id: '3', name: 'P3', rank: 3, colour: null }, assignee: null, team: null, company: null, contact: null,
    type: { id: 'hw', name: 'Hardware' }, subtype: null, created: iso(created), updated: iso(created),
    sla: { respondBy: iso(created + 4 * HOUR), resolveBy: null, respondedAt: null, resolvedAt: null, met: null },
    estimateHours: null, actualHours: null, url: `https://psa.example/${id}`, ...extra,
  };
}
const entry = (ticketId: string, hours: number): TimeEntry => ({ id: `${ticketId}-${hours}`, ticketId, memberId: 'a', start: iso(MONDAY_8), end: iso(MONDAY_8 + hours * HOUR), hours, notes: '' });

describe('buildDeskHistory', () => {
  it('counts business hours only: Friday 16:00 to Monday 09:00 is two hours', () => {
    expect(businessMsBetween(Date.UTC(2026, 10, 6, 16), Date.UTC(2026, 10, 9, 9), DEFAULT_WHATIF_PARAMS.businessHours)).toBe(2 * HOUR);
  });

  it('takes effort from time entries, else a share of the cycle time, else similar finished tickets', () => {
    const logged = ticket('logged', MONDAY_8);
    // Resolved 16 business hours later (Monday 08:00 → Tuesday 15:00, 9 + 7), 4 of them waiting on the client:
    // 25 % of the 12 h left is 3 h.
    const cycled = ticket('cycled', MONDAY_8, { closed: true, sla: { respondBy: null, resolveBy: iso(MONDAY_8 + 48 * HOUR), respondedAt: null, resolvedAt: iso(MONDAY_8 + 31 * HOUR), met: null } });
    const open = ticket('open', MONDAY_8 + HOUR);
    const before = ticket('before', MONDAY_8 - 24 * HOUR);
    const history = buildDeskHistory({
      tickets: [logged, cycled, open, before],
      timeEntries: [entry('logged', 1.5), entry('logged', 0.5), entry('before', 3)],
      techs: [{ member: { id: 'a', identifier: 'a', name: 'Alex', email: null, inactive: false }, skills: ['hardware'] },
        { member: { id: 'z', identifier: 'z', name: 'Gone', email: null, inactive: true }, skills: [] }],
      skillOfTicket: (t) => (t.type?.id === 'hw' ? 'hardware' : null),
      transitions: [
        { ticketId: 'cycled', fromStatusId: 'open', toStatusId: 'wait', at: MONDAY_8 + 2 * HOUR },
        { ticketId: 'cycled', fromStatusId: 'wait', toStatusId: 'open', at: MONDAY_8 + 6 * HOUR },
      ],
      waitingStatusIds: ['wait'],
      from: MONDAY_8,
      to: MONDAY_8 + 7 * 24 * HOUR,
    });
    expect(history.techs).toEqual([{ id: 'a', name: 'Alex', skills: ['hardware'] }]);
    const byId = Object.fromEntries(history.tickets.map((t) => [t.id, t]));
    expect(Object.keys(byId)).toEqual(['logged', 'cycled', 'open']);
    expect(byId.logged).toMatchObject({ effortHours: 2, effortSource: 'time entries', skill: 'hardware', respondBy: MONDAY_8 + 4 * HOUR });
    expect(byId.cycled).toMatchObject({ effortHours: 3, effortSource: 'cycle time', clientWaitHours: 4, resolveBy: MONDAY_8 + 48 * HOUR });
    // The median of the Hardware tickets finished or logged in the window: [2, 3] → 2 (nearest rank).
    expect(byId.open).toMatchObject({ effortHours: 2, effortSource: 'similar tickets', clientWaitHours: 0 });
  });
});

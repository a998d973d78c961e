import { describe, expect, it } from 'vitest';
import {
  canMoveInto,
  columnOfTicket,
  columnWip,
  doneStatusId,
  guessColumns,
  guessStatusRole,
  inProgressStatusId,
  placeTickets,
  readyStatusIds,
  ColumnDef,
  type ColumnRole,
} from '../../utils/flow';
import { Status, Ticket } from '../../utils/psa/model';

/** Statuses in the PSA's order; ids are the position ("1", "2", …). A trailing `*` marks a closed status, `~` an inactive one. */
function statuses(...names: string[]): Status[] {
  return names.map((raw, i) =>
    Status.parse({
      id: String(i + 1),
      name: raw.replace(/[*~]+$/, ''),
      order: i + 1,
      closed: raw.includes('*'),
      inactive: raw.includes('~'),
      boardId: null,
    }),
  );
}

function ticket(id: string, status: { id: string; name: string }): Ticket {
  return Ticket.parse({
    id,
    number: `#${id}`,
    title: `Ticket ${id}`,
    status,
    closed: false,
    board: null,
    priority: null,
    assignee: null,
    team: null,
    company: null,
    contact: null,
    type: null,
    subtype: null,
    created: '2026-11-25T09:00:00.000Z',
    updated: '2026-11-25T09:00:00.000Z',
    sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null },
    estimateHours: null,
    actualHours: null,
    url: `https://na.myconnectwise.net/ticket/${id}`,
  });
}

/** "role:Status+Status" per column: the whole guessed mapping in one readable line each. */
function describeColumns(columns: ColumnDef[], list: Status[]): string[] {
  const nameOf = (id: string) => list.find((s) => s.id === id)?.name ?? `?${id}`;
  return columns.map((c) => `${c.role}:${c.statusIds.map(nameOf).join('+')}`);
}

const connectWise = statuses('New', 'Triage', 'Ready', 'In Progress', 'Waiting on Client', 'Scheduled', 'Completed', 'Closed*');
const connectWiseBothClosed = statuses('New', 'Triage', 'Ready', 'In Progress', 'Waiting on Client', 'Scheduled', 'Completed*', 'Closed*');
const noReady = statuses('New', 'Assigned', 'In Progress', 'Customer Responded', 'Waiting Customer', '>Closed*');
const autotask = statuses('New', 'In Progress', 'Complete*', 'Waiting Customer', 'Waiting Materials', 'Dispatched', 'Escalate');
const halo = statuses('New', 'In Progress', 'Action Required', 'With User', 'Closed*');
const unknownNames = statuses('Triage', 'Open', 'Bench', 'In Progress', 'Lab Work', 'Old Status~', 'Closed-Legacy*~', 'Closed*');
const triageOnly = statuses('Needs Triage', 'Working', 'Cancelled*', 'Resolved*');
const billingTrap = statuses('New', 'Ready for Billing', 'In Progress', 'Closed*');
const noDoing = statuses('New', 'Waiting', 'Closed*');

describe('guessStatusRole', () => {
  it.each<[string, boolean, ColumnRole | null]>([
    ['New', false, 'intake'],
    ['Unassigned', false, 'intake'],
    ['Re-opened', false, 'intake'],
    ['Triage', false, 'intake'],
    ['Ready', false, 'ready'],
    ['Ready to start', false, 'ready'],
    ['To Do', false, 'ready'],
    ['In Progress', false, 'doing'],
    ['Assigned', false, 'doing'],
    ['Customer Responded', false, 'doing'],
    ['Action Required', false, 'doing'],
    ['Waiting on Client', false, 'waiting'],
    ['Waiting - Vendor', false, 'waiting'],
    ['With User', false, 'waiting'],
    ['On Hold', false, 'waiting'],
    ['Pending Parts', false, 'waiting'],
    ['Scheduled', false, 'waiting'],
    ['Dispatched', false, 'waiting'],
    ['Resolved - Pending Confirmation', false, 'waiting'],
    ['Ready for Billing', false, 'done'],
    ['>Closed', false, 'done'],
    ['Completed', false, 'done'],
    ['Cancelled', false, 'done'],
    ['Anything at all', true, 'done'],
    ['Bench', false, null],
  ])('%s (closed: %s) → %s', (name, closed, role) => {
    expect(guessStatusRole({ name, closed })).toBe(role);
  });
});

describe('guessColumns', () => {
  it.each<[string, Status[], string[]]>([
    [
      'ConnectWise default board',
      connectWise,
      ['intake:New', 'intake:Triage', 'ready:Ready', 'doing:In Progress', 'waiting:Waiting on Client', 'waiting:Scheduled', 'done:Completed+Closed'],
    ],
    [
      'a board with no Ready: New serves as Ready',
      noReady,
      ['ready:New', 'doing:Assigned', 'doing:In Progress', 'doing:Customer Responded', 'waiting:Waiting Customer', 'done:>Closed'],
    ],
    [
      'Autotask-like: ordered by role, Escalate after In Progress is work in progress',
      autotask,
      ['ready:New', 'doing:In Progress', 'doing:Escalate', 'waiting:Waiting Customer', 'waiting:Waiting Materials', 'waiting:Dispatched', 'done:Complete'],
    ],
    ['Halo-like', halo, ['ready:New', 'doing:In Progress', 'doing:Action Required', 'waiting:With User', 'done:Closed']],
    [
      'unknown names placed by position; inactive open statuses dropped, inactive closed ones kept in Done',
      unknownNames,
      ['intake:Triage', 'intake:Bench', 'ready:Open', 'doing:In Progress', 'doing:Lab Work', 'done:Closed-Legacy+Closed'],
    ],
    ['only triage as intake: triage serves as Ready', triageOnly, ['ready:Needs Triage', 'doing:Working', 'done:Cancelled+Resolved']],
    ['"Ready for Billing" is not Ready', billingTrap, ['ready:New', 'doing:In Progress', 'done:Ready for Billing+Closed']],
    ['no statuses', [], []],
  ])('%s', (_, list, expected) => {
    expect(describeColumns(guessColumns(list), list)).toEqual(expected);
  });

  it('ignores the order statuses arrive in, and makes valid, unlimited columns', () => {
    const columns = guessColumns([...connectWise].reverse());
    expect(describeColumns(columns, connectWise)).toEqual(describeColumns(guessColumns(connectWise), connectWise));
    for (const column of columns) {
      expect(ColumnDef.parse(column)).toEqual(column);
      expect(column.wipLimit).toBeNull();
    }
    expect(new Set(columns.map((c) => c.id)).size).toBe(columns.length);
  });
});

describe('readyStatusIds', () => {
  const column = (id: string, role: ColumnRole, statusIds: string[]): ColumnDef => ({ id, name: id, statusIds, role, wipLimit: null, hardLimit: false });
  it.each<[string, ColumnDef[], string[]]>([
    ['guessed ConnectWise board', guessColumns(connectWise), ['3']],
    ['guessed board without Ready', guessColumns(noReady), ['1']],
    ['a hand-made board with no ready column falls back to intake', [column('a', 'intake', ['1', '2']), column('b', 'doing', ['3'])], ['1', '2']],
    ['nothing to pull from', [column('b', 'doing', ['3'])], []],
  ])('%s', (_, columns, expected) => {
    expect(readyStatusIds(columns)).toEqual(expected);
  });
});

describe('inProgressStatusId and doneStatusId', () => {
  const named = (list: Status[], id: string | null) => (id === null ? null : (list.find((s) => s.id === id)?.name ?? `?${id}`));
  it.each<[string, Status[], string | null, string | null]>([
    ['ConnectWise, Completed not flagged closed', connectWise, 'In Progress', 'Closed'],
    ['ConnectWise, both closed: Completed preferred', connectWiseBothClosed, 'In Progress', 'Completed'],
    ['no Ready board: In Progress found by name, not the earlier Assigned', noReady, 'In Progress', '>Closed'],
    ['Autotask-like', autotask, 'In Progress', 'Complete'],
    ['Halo-like', halo, 'In Progress', 'Closed'],
    ['inactive closed status never chosen', unknownNames, 'In Progress', 'Closed'],
    ['Resolved preferred over Cancelled', triageOnly, 'Working', 'Resolved'],
    ['no doing column', noDoing, null, 'Closed'],
    ['no statuses', [], null, null],
  ])('%s', (_, list, inProgress, done) => {
    const columns = guessColumns(list);
    expect(named(list, inProgressStatusId(columns, list))).toBe(inProgress);
    expect(named(list, doneStatusId(columns, list))).toBe(done);
  });

  it('falls back to the first doing status by order when none is named like in progress', () => {
    const list = statuses('New', 'Customer Responded', 'Assigned', 'Closed*');
    expect(inProgressStatusId(guessColumns(list), list)).toBe('2');
  });

  it('uses the done column of the configuration, not every closed status', () => {
    const list = statuses('New', 'In Progress', 'Completed*', 'Closed*');
    const columns: ColumnDef[] = [
      { id: 'in', name: 'In', statusIds: ['1'], role: 'ready', wipLimit: null, hardLimit: false },
      { id: 'do', name: 'Doing', statusIds: ['2'], role: 'doing', wipLimit: null, hardLimit: false },
      { id: 'done', name: 'Done', statusIds: ['4'], role: 'done', wipLimit: null, hardLimit: false },
    ];
    expect(doneStatusId(columns, list)).toBe('4');
  });
});

describe('placing tickets', () => {
  const columns = guessColumns(connectWise);
  const tickets = [
    ticket('a', { id: '1', name: 'New' }),
    ticket('b', { id: '4', name: 'In Progress' }),
    ticket('c', { id: '7', name: 'Completed' }),
    ticket('d', { id: '8', name: 'Closed' }),
    ticket('e', { id: '99', name: 'Status nobody mapped' }),
    ticket('f', { id: '1', name: 'New' }),
  ];

  it('puts each ticket in the column that claims its status, the rest in unmapped', () => {
    const placed = placeTickets(columns, tickets);
    const ids = (columnId: string) => placed.byColumn.get(columnId)?.map((t) => t.id);
    expect([...placed.byColumn.keys()]).toEqual(columns.map((c) => c.id));
    expect(ids('status:1')).toEqual(['a', 'f']);
    expect(ids('status:4')).toEqual(['b']);
    expect(ids('done')).toEqual(['c', 'd']);
    expect(ids('status:3')).toEqual([]);
    expect(placed.unmapped.map((t) => t.id)).toEqual(['e']);
  });

  it.each<[string, string | null]>([
    ['a', 'status:1'],
    ['c', 'done'],
    ['e', null],
  ])('columnOfTicket(%s) → %s', (id, columnId) => {
    const found = tickets.find((t) => t.id === id);
    expect(found).toBeDefined();
    if (found) expect(columnOfTicket(columns, found)?.id ?? null).toBe(columnId);
  });

  it('gives a status claimed by two columns to the first', () => {
    const twice: ColumnDef[] = [
      { id: 'x', name: 'X', statusIds: ['1'], role: 'ready', wipLimit: null, hardLimit: false },
      { id: 'y', name: 'Y', statusIds: ['1'], role: 'doing', wipLimit: null, hardLimit: false },
    ];
    const placed = placeTickets(twice, [ticket('a', { id: '1', name: 'New' })]);
    expect(placed.byColumn.get('x')?.length).toBe(1);
    expect(placed.byColumn.get('y')?.length).toBe(0);
    expect(columnOfTicket(twice, ticket('a', { id: '1', name: 'New' }))?.id).toBe('x');
  });
});

describe('column WIP', () => {
  const column = (id: string, wipLimit: number | null, hardLimit: boolean): ColumnDef => ({
    id,
    name: id,
    statusIds: [id],
    role: 'doing',
    wipLimit,
    hardLimit,
  });
  const inStatus = (n: number, statusId: string) => Array.from({ length: n }, (_, i) => ticket(`${statusId}-${i}`, { id: statusId, name: statusId }));

  it.each<[string, number | null, boolean, number, 'ok' | 'at' | 'over']>([
    ['no limit, many tickets', null, false, 9, 'ok'],
    ['below the limit', 3, true, 2, 'ok'],
    ['at the limit', 3, true, 3, 'at'],
    ['over a hard limit', 3, true, 4, 'over'],
    ['over a soft limit', 3, false, 4, 'over'],
    ['empty', 1, false, 0, 'ok'],
  ])('%s', (id, limit, hard, count, state) => {
    const columns = [column(id, limit, hard)];
    expect(columnWip(columns, placeTickets(columns, inStatus(count, id)))).toEqual([
      { columnId: id, count, limit, hardLimit: hard, state },
    ]);
  });

  it.each<[string, number | null, boolean, number, boolean, string | undefined]>([
    ['Unlimited', null, true, 50, true, undefined],
    ['Hard', 3, true, 2, true, undefined],
    ['Hard', 3, true, 3, false, 'Hard is at its limit of 3: finish or move a ticket out of it first.'],
    ['Hard', 3, true, 5, false, 'Hard is at its limit of 3: finish or move a ticket out of it first.'],
    ['Soft', 3, false, 3, true, 'Soft will be over its limit of 3.'],
    ['Soft', 3, false, 1, true, undefined],
  ])('canMoveInto %s (limit %s, hard %s) holding %s → ok %s', (name, limit, hard, count, ok, message) => {
    const result = canMoveInto(column(name, limit, hard), count);
    expect(result.ok).toBe(ok);
    expect(result.ok ? result.warning : result.reason).toBe(message);
  });
});

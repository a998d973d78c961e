import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials, SERVICE_MANAGER_IDENTIFIER } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';

interface CwTicket {
  id: number;
  summary: string;
  board: { id: number; name: string };
  status: { id: number; name: string };
  owner?: { id: number; identifier: string; name: string };
  closedFlag: boolean;
  dateResolved?: string;
  _info: { lastUpdated: string; updatedBy: string; dateEntered: string };
  [key: string]: unknown;
}

let sim: Simulator;
let base: string;
let headers: Record<string, string>;

async function get(path: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { headers: { ...headers, ...extra } });
}
async function getJson<T>(path: string, extra: Record<string, string> = {}): Promise<T> {
  const response = await get(path, extra);
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}
async function patch(id: number, body: unknown): Promise<Response> {
  return fetch(`${base}/service/tickets/${id}`, {
    method: 'PATCH',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
const q = (conditions: string) => encodeURIComponent(conditions);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 200 });
  base = connectWiseApiBase(sim);
  headers = connectWiseHeaders(sim);
});
afterAll(() => sim.close());

describe('companyinfo', () => {
  it('answers the codebase without auth, for the company id in any case', async () => {
    for (const id of ['pullboard', 'PullBoard']) {
      const response = await fetch(`${sim.url}/login/companyinfo/${id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({
        CompanyName: 'Pullboard Demo MSP', Codebase: 'v2025_1/', VersionCode: 'v2025.1', CompanyID: DEMO_COMPANY_ID, IsCloud: true,
      });
    }
  });

  it('answers null for an unknown company', async () => {
    const response = await fetch(`${sim.url}/login/companyinfo/someoneelse`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('null');
  });
});

describe('auth', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
  const demo = () => memberCredentials(sim.data)[0]!;

  it.each<[string, () => Record<string, string>]>([
    ['no Authorization header', () => ({ clientId: DEMO_CLIENT_ID })],
    ['a wrong private key', () => ({ authorization: basic(`${DEMO_COMPANY_ID}+${demo().publicKey}:nope`), clientId: DEMO_CLIENT_ID })],
    ['a wrong company', () => ({ authorization: basic(`other+${demo().publicKey}:${demo().privateKey}`), clientId: DEMO_CLIENT_ID })],
    ['no company prefix', () => ({ authorization: basic(`${demo().publicKey}:${demo().privateKey}`), clientId: DEMO_CLIENT_ID })],
    ['a Bearer token', () => ({ authorization: 'Bearer abc', clientId: DEMO_CLIENT_ID })],
  ])('rejects %s with 401 {code, message}', async (_name, make) => {
    const response = await fetch(`${base}/service/tickets`, { headers: make() });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('Unauthorized');
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('requires the clientId header and says so', async () => {
    const { clientId: _omitted, ...withoutClientId } = headers;
    const missing = await fetch(`${base}/service/tickets`, { headers: withoutClientId });
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as { code: string; message: string };
    expect(body.code).toBe('Unauthorized');
    expect(body.message).toMatch(/clientId is required/);

    const wrong = await fetch(`${base}/service/tickets`, { headers: { ...headers, clientId: '00000000-0000-0000-0000-000000000000' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/clientId .* invalid/);
  });

  it('accepts the company id in any case and knows whose key it is', async () => {
    const tech = memberCredentials(sim.data)[2]!;
    const response = await fetch(`${base}/system/myMembers`, {
      headers: { authorization: basic(`PULLBOARD+${tech.publicKey}:${tech.privateKey}`), clientid: DEMO_CLIENT_ID.toUpperCase() },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: tech.memberId, identifier: tech.identifier });
  });

  it('gives every tech a key pair of their own', () => {
    const credentials = memberCredentials(sim.data);
    expect(credentials.length).toBeGreaterThanOrEqual(10);
    expect(credentials[0]?.identifier).toBe('adunn');
    expect(new Set(credentials.map((c) => c.publicKey)).size).toBe(credentials.length);
    expect(credentials.map((c) => c.identifier)).not.toContain(SERVICE_MANAGER_IDENTIFIER);
  });
});

describe('routes and errors', () => {
  it('answers 404 NotFound for an unknown route and a ticket that does not exist', async () => {
    const unknown = await get('/service/nothing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NotFound' });
    const missing = await get('/service/tickets/99999999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NotFound' });
  });

  it('serves the API under the current codebase and v4_6_release/, not under an old or no codebase', async () => {
    for (const prefix of ['v2024_1/', '']) {
      const response = await fetch(`${sim.url}/${prefix}apis/3.0/service/tickets`, { headers });
      expect(response.status, prefix).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NotFound' });
    }
    const stable = await fetch(`${sim.url}/v4_6_release/apis/3.0/service/tickets?pageSize=3&orderBy=id`, { headers });
    expect(stable.status).toBe(200);
    const current = await get('/service/tickets?pageSize=3&orderBy=id');
    expect(await stable.json()).toEqual(await current.json());
  });

  it('refuses a method the route does not have', async () => {
    const response = await fetch(`${base}/service/tickets/10001`, { method: 'DELETE', headers });
    expect(response.status).toBe(405);
  });

  it('answers bad conditions with 400 InvalidObject naming the field or the position', async () => {
    const unknown = await get(`/service/tickets?conditions=${q('nosuchfield = 1')}`);
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { code: string; message: string; errors: { code: string; resource: string; field: string; message: string }[] };
    expect(body.code).toBe('InvalidObject');
    expect(body.message).toContain('nosuchfield');
    expect(body.errors[0]).toMatchObject({ code: 'InvalidField', resource: 'ticket', field: 'conditions' });

    const syntax = await get(`/service/tickets?conditions=${q("board/id = 1 and (summary = 'x'")}`);
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as { message: string }).message).toMatch(/position 32/);
  });

  it('reads conditions sent with + for spaces, as some clients encode them', async () => {
    const response = await fetch(`${base}/service/tickets/count?conditions=board/id%3D1+and+closedFlag%3Dfalse`, { headers });
    expect(response.status).toBe(200);
    const expected = sim.data.tickets.filter((t) => t.boardId === 1 && !sim.data.statuses.find((s) => s.id === t.statusId)?.closed).length;
    expect(await response.json()).toEqual({ count: expected });
  });
});

describe('listing tickets', () => {
  it('returns a bare array of 25 by default, ordered by id', async () => {
    const tickets = await getJson<CwTicket[]>('/service/tickets');
    expect(tickets).toHaveLength(25);
    const ids = tickets.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const first = tickets[0]!;
    expect(first).toMatchObject({ recordType: 'ServiceTicket', board: { id: expect.any(Number), name: expect.any(String) } });
    expect(first._info.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('filters with conditions, and count agrees', async () => {
    const conditions = "board/id = 1 and closedFlag = false and owner/id = null and status/name in ('New','Triage','Ready')";
    const tickets = await getJson<CwTicket[]>(`/service/tickets?pageSize=1000&conditions=${q(conditions)}`);
    expect(tickets.length).toBeGreaterThan(20);
    for (const ticket of tickets) {
      expect(ticket.board.id).toBe(1);
      expect(ticket.closedFlag).toBe(false);
      expect(ticket).not.toHaveProperty('owner');
      expect(['New', 'Triage', 'Ready']).toContain(ticket.status.name);
    }
    expect(await getJson(`/service/tickets/count?conditions=${q(conditions)}`)).toEqual({ count: tickets.length });
  });

  it('orders by one or several fields, with lastUpdated as an alias', async () => {
    const byUpdated = await getJson<CwTicket[]>('/service/tickets?orderBy=_info/lastUpdated desc&pageSize=50');
    const stamps = byUpdated.map((t) => Date.parse(t._info.lastUpdated));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    const alias = await getJson<CwTicket[]>('/service/tickets?orderBy=lastUpdated%20desc&pageSize=50');
    expect(alias.map((t) => t.id)).toEqual(byUpdated.map((t) => t.id));

    const multi = await getJson<CwTicket[]>('/service/tickets?orderBy=board/id desc, id asc&pageSize=1000');
    const keys = multi.map((t) => [t.board.id, t.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('rejects an unknown orderBy field or direction', async () => {
    expect((await get('/service/tickets?orderBy=nope asc')).status).toBe(400);
    expect((await get('/service/tickets?orderBy=id sideways')).status).toBe(400);
  });

  it('trims the response to the requested fields, nested paths included', async () => {
    const tickets = await getJson<Record<string, unknown>[]>('/service/tickets?fields=id,summary,board/id,_info/lastUpdated&pageSize=5');
    expect(tickets).toHaveLength(5);
    for (const ticket of tickets) {
      expect(Object.keys(ticket).sort()).toEqual(['_info', 'board', 'id', 'summary']);
      expect(Object.keys(ticket.board as object)).toEqual(['id']);
      expect(Object.keys(ticket._info as object)).toEqual(['lastUpdated']);
    }
    const whole = await getJson<Record<string, unknown>[]>('/service/tickets?fields=id,status&pageSize=1');
    expect(whole[0]?.status).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    const one = await getJson<Record<string, unknown>>('/service/tickets/10001?fields=id,owner/identifier');
    expect(Object.keys(one).every((key) => key === 'id' || key === 'owner')).toBe(true);
  });

  it('rejects an unknown field in fields', async () => {
    const response = await get('/service/tickets?fields=id,bogus');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'fields' }] });
  });

  it('rejects page and pageSize that are not whole numbers of at least 1', async () => {
    for (const query of ['page=0', 'page=x', 'pageSize=0', 'pageSize=-5', 'pageSize=2.5']) {
      expect((await get(`/service/tickets?${query}`)).status, query).toBe(400);
    }
  });

  it('omits owner and contact when a ticket has none, and shows SLA facts', async () => {
    const unassigned = sim.data.tickets.find((t) => t.ownerId === null && t.contactId === null)!;
    const ticket = await getJson<CwTicket>(`/service/tickets/${unassigned.id}`);
    expect(ticket).not.toHaveProperty('owner');
    expect(ticket).not.toHaveProperty('contact');
    expect(ticket).toHaveProperty('slaStatus');
    expect(typeof ticket.isInSla).toBe('boolean');
    expect(ticket.priority).toMatchObject({ id: expect.any(Number), name: expect.any(String), sort: expect.any(Number) });
  });
});

describe('PATCH /service/tickets/{id}', () => {
  const openTicket = (offset = 0) => sim.data.tickets.filter((t) => t.boardId === 1 && t.statusId === 103 && t.ownerId === null)[offset]!;

  it('claims a ticket: owner and status change, updatedBy is the key owner, the transition is recorded', async () => {
    const target = openTicket(0);
    const before = target.updatedAt;
    const response = await patch(target.id, [
      { op: 'replace', path: 'status', value: { id: 104 } },
      { op: 'replace', path: '/owner', value: { identifier: 'adunn' } },
    ]);
    expect(response.status).toBe(200);
    const ticket = (await response.json()) as CwTicket;
    expect(ticket.status).toMatchObject({ id: 104, name: 'In Progress' });
    expect(ticket.owner).toMatchObject({ identifier: 'adunn' });
    expect(ticket._info.updatedBy).toBe('adunn');
    expect(Date.parse(ticket._info.lastUpdated)).toBeGreaterThan(before);
    expect(sim.data.transitions.at(-1)).toMatchObject({ ticketId: target.id, fromStatusId: 103, toStatusId: 104, by: 'adunn' });
  });

  it('accepts a status by name, a nested path, and add', async () => {
    const target = openTicket(1);
    const response = await patch(target.id, [
      { op: 'add', path: 'status/name', value: 'waiting on client' },
      { op: 'replace', path: 'priority', value: { name: 'Priority 2 - High' } },
      { op: 'replace', path: 'summary', value: 'Renamed by the test' },
    ]);
    expect(response.status).toBe(200);
    const ticket = (await response.json()) as CwTicket;
    expect(ticket.status.name).toBe('Waiting on Client');
    expect(ticket.priority).toMatchObject({ name: 'Priority 2 - High', sort: 2 });
    expect(ticket.summary).toBe('Renamed by the test');
  });

  it('closes a ticket: closedFlag and dateResolved follow the status', async () => {
    const target = openTicket(2);
    const closed = (await (await patch(target.id, [{ op: 'replace', path: 'status', value: { name: 'Completed' } }])).json()) as CwTicket;
    expect(closed.closedFlag).toBe(true);
    expect(closed.dateResolved).toBeDefined();
    const reopened = (await (await patch(target.id, [{ op: 'replace', path: 'status', value: { name: 'Ready' } }])).json()) as CwTicket;
    expect(reopened.closedFlag).toBe(false);
    expect(reopened).not.toHaveProperty('dateResolved');
  });

  it('unassigns with remove', async () => {
    const owned = sim.data.tickets.find((t) => t.ownerId !== null && t.boardId === 1)!;
    const ticket = (await (await patch(owned.id, [{ op: 'remove', path: 'owner' }])).json()) as CwTicket;
    expect(ticket).not.toHaveProperty('owner');
  });

  it.each<[string, unknown, string]>([
    ['an unknown path', [{ op: 'replace', path: 'colour', value: 'red' }], 'colour'],
    ['a path too deep', [{ op: 'replace', path: 'status/id/x', value: 1 }], 'status/id/x'],
    ['an unknown op', [{ op: 'test', path: 'status', value: { id: 104 } }], 'op'],
    ['a status of another board', [{ op: 'replace', path: 'status', value: { id: 204 } }], 'status'],
    ['an unknown member', [{ op: 'replace', path: 'owner', value: { identifier: 'nobody' } }], 'owner'],
    ['removing the status', [{ op: 'remove', path: 'status' }], 'status'],
    ['a summary over 100 characters', [{ op: 'replace', path: 'summary', value: 'x'.repeat(101) }], 'summary'],
    ['a status without id or name', [{ op: 'replace', path: 'status', value: {} }], 'status'],
    ['an object instead of an array', { op: 'replace', path: 'status', value: { id: 104 } }, 'body'],
    ['an empty array', [], 'body'],
  ])('rejects %s with 400 and changes nothing', async (_name, body, field) => {
    const target = openTicket(3);
    const before = JSON.stringify(target);
    const transitions = sim.data.transitions.length;
    const response = await patch(target.id, body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { code: string; errors: { field: string }[] };
    expect(error.code).toBe('InvalidObject');
    expect(error.errors[0]?.field).toBe(field);
    expect(JSON.stringify(target)).toBe(before);
    expect(sim.data.transitions.length).toBe(transitions);
  });

  it('is all or nothing: a bad second operation leaves the first undone', async () => {
    const target = openTicket(3);
    const response = await patch(target.id, [
      { op: 'replace', path: 'owner', value: { id: 152 } },
      { op: 'replace', path: 'status', value: { id: 999 } },
    ]);
    expect(response.status).toBe(400);
    expect(target.ownerId).toBeNull();
  });

  it('moves a ticket to another board with that board\'s default status', async () => {
    const target = openTicket(4);
    const ticket = (await (await patch(target.id, [{ op: 'replace', path: 'board', value: { id: 3 } }])).json()) as CwTicket;
    expect(ticket.board).toMatchObject({ id: 3, name: 'Network Ops' });
    expect(ticket.status).toMatchObject({ id: 301, name: 'New' });
  });

  it('answers 404 for a ticket that does not exist', async () => {
    expect((await patch(1, [{ op: 'replace', path: 'summary', value: 'x' }])).status).toBe(404);
  });
});

describe('lastUpdated', () => {
  it('moves strictly forward on every change, even within one second', async () => {
    const frozen = Date.parse('2026-11-25T10:00:00.500Z');
    const frozenSim = await startSimulator({ tickets: 50, now: () => frozen });
    try {
      const api = connectWiseApiBase(frozenSim);
      const auth = connectWiseHeaders(frozenSim);
      const target = frozenSim.data.tickets[10]!;
      expect(target.updatedAt).toBeLessThanOrEqual(frozen);
      const stamps: number[] = [];
      for (const summary of ['one', 'two', 'three']) {
        const response = await fetch(`${api}/service/tickets/${target.id}`, {
          method: 'PATCH', headers: auth, body: JSON.stringify([{ op: 'replace', path: 'summary', value: summary }]),
        });
        stamps.push(Date.parse(((await response.json()) as CwTicket)._info.lastUpdated));
      }
      expect(stamps[1]! - stamps[0]!).toBe(1000);
      expect(stamps[2]! - stamps[1]!).toBe(1000);
      frozenSim.updateTicketAsSomeoneElse(target.id, { statusName: 'Triage' });
      expect(target.updatedAt).toBe(stamps[2]! + 1000);
      expect(target.updatedBy).toBe(SERVICE_MANAGER_IDENTIFIER);
    } finally {
      await frozenSim.close();
    }
  });

  it('finds tickets changed since a cursor with lastUpdated > [cursor]', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const clockSim = await startSimulator({ tickets: 100, now: () => now });
    try {
      const target = clockSim.data.tickets[5]!;
      const cursor = new Date(Math.max(...clockSim.data.tickets.map((t) => t.updatedAt))).toISOString().slice(0, 19) + 'Z';
      now += 60_000;
      clockSim.updateTicketAsSomeoneElse(target.id, { summary: 'Changed elsewhere', ownerIdentifier: 'bcole' });
      const response = await fetch(`${connectWiseApiBase(clockSim)}/service/tickets?conditions=${q(`lastUpdated > [${cursor}]`)}`, { headers: connectWiseHeaders(clockSim) });
      const changed = (await response.json()) as CwTicket[];
      expect(changed.map((t) => t.id)).toEqual([target.id]);
      expect(changed[0]).toMatchObject({ summary: 'Changed elsewhere', owner: { identifier: 'bcole' }, _info: { lastUpdated: '2026-11-25T10:01:00Z', updatedBy: 'mreyes' } });
    } finally {
      await clockSim.close();
    }
  });

  it('refuses an unknown status or member when someone else edits', () => {
    const id = sim.data.tickets[6]!.id;
    expect(() => sim.updateTicketAsSomeoneElse(id, { statusName: 'Nope' })).toThrow(/no status/);
    expect(() => sim.updateTicketAsSomeoneElse(id, { ownerIdentifier: 'nobody' })).toThrow(/no member/);
    expect(() => sim.updateTicketAsSomeoneElse(1, { summary: 'x' })).toThrow(/does not exist/);
  });
});

describe('time entries', () => {
  const post = (body: unknown) => fetch(`${base}/time/entries`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('logs time on a ticket: 201 with an id, listed by chargeToId, actual hours grow', async () => {
    const ticket = sim.data.tickets[20]!;
    const hoursBefore = ticket.actualHours;
    const response = await post({
      chargeToId: ticket.id, chargeToType: 'ServiceTicket', member: { id: 151 },
      timeStart: '2026-11-25T09:00:00Z', timeEnd: '2026-11-25T09:45:00Z', notes: 'Fixed it',
    });
    expect(response.status).toBe(201);
    const entry = (await response.json()) as { id: number; actualHours: number; chargeToId: number; member: { identifier: string }; notes: string };
    expect(entry).toMatchObject({ chargeToId: ticket.id, chargeToType: 'ServiceTicket', actualHours: 0.75, member: { identifier: 'adunn' }, notes: 'Fixed it' });
    expect(entry.id).toBeGreaterThan(0);
    expect(ticket.actualHours).toBeCloseTo(hoursBefore + 0.75);

    const listed = await getJson<{ id: number }[]>(`/time/entries?conditions=${q(`chargeToId = ${ticket.id} and member/id = 151`)}`);
    expect(listed.map((e) => e.id)).toContain(entry.id);
    expect(await getJson(`/time/entries/${entry.id}`)).toMatchObject({ id: entry.id });
  });

  it('takes actualHours without timeEnd, and the key owner when member is left out', async () => {
    const ticket = sim.data.tickets[21]!;
    const entry = (await (await post({ chargeToId: ticket.id, chargeToType: 'ServiceTicket', timeStart: '2026-11-25T09:00:00Z', actualHours: 1.5 })).json()) as { timeEnd: string; member: { id: number } };
    expect(entry.timeEnd).toBe('2026-11-25T10:30:00Z');
    expect(entry.member.id).toBe(151);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown ticket', { chargeToId: 1, chargeToType: 'ServiceTicket', timeStart: '2026-11-25T09:00:00Z', actualHours: 1 }, 'chargeToId'],
    ['no chargeToType', { chargeToId: 10001, timeStart: '2026-11-25T09:00:00Z', actualHours: 1 }, 'chargeToType'],
    ['no timeStart', { chargeToId: 10001, chargeToType: 'ServiceTicket', actualHours: 1 }, 'timeStart'],
    ['a bad date', { chargeToId: 10001, chargeToType: 'ServiceTicket', timeStart: 'yesterday', actualHours: 1 }, 'timeStart'],
    ['an end before the start', { chargeToId: 10001, chargeToType: 'ServiceTicket', timeStart: '2026-11-25T09:00:00Z', timeEnd: '2026-11-25T08:00:00Z' }, 'timeEnd'],
    ['neither end nor hours', { chargeToId: 10001, chargeToType: 'ServiceTicket', timeStart: '2026-11-25T09:00:00Z' }, 'timeEnd'],
    ['an unknown member', { chargeToId: 10001, chargeToType: 'ServiceTicket', timeStart: '2026-11-25T09:00:00Z', actualHours: 1, member: { id: 9 } }, 'member'],
  ])('rejects %s with 400', async (_name, body, field) => {
    const entries = sim.data.timeEntries.length;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'InvalidObject', errors: [{ field }] });
    expect(sim.data.timeEntries.length).toBe(entries);
  });
});

describe('reference lists', () => {
  it('lists boards, and each board\'s statuses in order with closed ones flagged', async () => {
    const boards = await getJson<{ id: number; name: string; inactiveFlag: boolean }[]>('/service/boards');
    expect(boards.map((b) => b.name)).toEqual(['Service Desk', 'Projects', 'Network Ops']);
    const seen = new Set<number>();
    for (const board of boards) {
      const statuses = await getJson<{ id: number; name: string; sortOrder: number; closedStatus: boolean; board: { id: number } }[]>(`/service/boards/${board.id}/statuses`);
      expect(statuses.map((s) => s.name)).toEqual(['New', 'Triage', 'Ready', 'In Progress', 'Waiting on Client', 'Scheduled', 'Completed', 'Closed']);
      expect(statuses.filter((s) => s.closedStatus).map((s) => s.name)).toEqual(['Completed', 'Closed']);
      for (const status of statuses) {
        expect(status.board.id).toBe(board.id);
        expect(seen.has(status.id)).toBe(false);
        seen.add(status.id);
      }
    }
    expect((await get('/service/boards/99/statuses')).status).toBe(404);
    const closedOnly = await getJson<unknown[]>(`/service/boards/1/statuses?conditions=${q('closedStatus = true')}`);
    expect(closedOnly).toHaveLength(2);
  });

  it('lists priorities with sortOrder and a hex colour, ids not in rank order', async () => {
    const priorities = await getJson<{ id: number; name: string; sortOrder: number; color: string }[]>('/service/priorities?orderBy=sortOrder asc');
    expect(priorities.map((p) => p.name)).toEqual(['Priority 1 - Critical', 'Priority 2 - High', 'Priority 3 - Normal', 'Priority 4 - Low']);
    for (const priority of priorities) expect(priority.color).toMatch(/^#[0-9a-f]{6}$/i);
    const ids = priorities.map((p) => p.id);
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
  });

  it('lists SLAs and their targets per priority', async () => {
    const slas = await getJson<{ id: number; name: string }[]>('/service/SLAs');
    expect(slas.length).toBeGreaterThanOrEqual(1);
    const targets = await getJson<{ sla: { id: number }; priority: { id: number }; respondHours: number; planWithin: number; resolutionHours: number }[]>(`/service/SLAs/${slas[0]!.id}/priorities`);
    expect(targets).toHaveLength(4);
    for (const target of targets) {
      expect(target.sla.id).toBe(slas[0]!.id);
      expect(target.respondHours).toBeLessThan(target.resolutionHours);
    }
  });

  it('finds members by identifier and answers myMembers with the key owner', async () => {
    const members = await getJson<{ id: number; identifier: string; officeEmail: string; inactiveFlag: boolean }[]>(`/system/members?conditions=${q("identifier='bcole'")}`);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ identifier: 'bcole', inactiveFlag: false, officeEmail: expect.stringContaining('@') });
    expect(await getJson(`/system/members/${members[0]!.id}`)).toMatchObject({ identifier: 'bcole' });
    expect(await getJson('/system/myMembers')).toMatchObject({ id: 151, identifier: 'adunn', firstName: 'Alex' });
    const paged = await get('/system/members?pageSize=5');
    expect(paged.headers.get('link')).toContain('rel="next"');
  });

  it('lists companies', async () => {
    const companies = await getJson<{ id: number; identifier: string; name: string }[]>('/company/companies?pageSize=100');
    expect(companies.length).toBeGreaterThanOrEqual(20);
  });
});

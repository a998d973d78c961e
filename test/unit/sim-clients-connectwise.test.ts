/**
 * The simulator's ConnectWise dialect driven by a client someone else wrote: connectwise-rest
 * (covenanttechnologysolutions/connectwise-rest, src/Manage.ts), over HTTPS on loopback as the library insists,
 * with its default entry point `v4_6_release` and its own Accept header, Basic auth and clientId.
 * It does what Pullboard does: discovery, who am I, member lookup, board statuses, priorities, lists with
 * conditions/orderBy/fields and paging, counts, a JSON Patch claim, a time entry, and the errors on the way.
 */
import { Agent } from 'node:https';
import { ManageAPI } from 'connectwise-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert } from '../psa-sim/cert';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { isClosed } from '../psa-sim/tickets';

interface Ticket {
  id: number;
  summary: string;
  board: { id: number };
  status: { id: number; name: string };
  owner?: { id: number; identifier: string };
  closedFlag: boolean;
  _info: { lastUpdated: string };
}
interface LibraryError { status: number; data: { code?: string; message?: string; errors?: { field?: string }[] } }

let sim: Simulator;
let cert: { cert: string; key: string };
let cwm: ManageAPI;

function client(member = memberCredentials(sim.data)[0]!, entryPoint?: string): ManageAPI {
  const api = new ManageAPI({
    companyId: DEMO_COMPANY_ID, publicKey: member.publicKey, privateKey: member.privateKey, clientId: DEMO_CLIENT_ID,
    companyUrl: new URL(sim.url).host, ...(entryPoint ? { entryPoint } : {}),
    logger: () => undefined,
  });
  // The library builds `https://{companyUrl}/...` with axios: trust the simulator's certificate, ignore any proxy.
  const parts = [api, ...Object.values(api)].filter((value): value is { instance: ManageAPI['instance'] } => (value as { instance?: unknown } | null)?.instance !== undefined);
  for (const instance of parts) {
    instance.instance.defaults.httpsAgent = new Agent({ ca: cert.cert });
    instance.instance.defaults.proxy = false;
  }
  return api;
}

async function failure(call: Promise<unknown>): Promise<LibraryError> {
  const error = await call.then(() => null, (reason: unknown) => reason as LibraryError);
  expect(error, 'the call should have failed').not.toBeNull();
  return error as LibraryError;
}

beforeAll(async () => {
  cert = selfSignedCert(['127.0.0.1']);
  sim = await startSimulator({ port: 0, tickets: 1200, tls: cert });
  cwm = client();
});
afterAll(() => sim.close());

describe('connectwise-rest against the simulator', () => {
  it('reaches the API under its default entry point v4_6_release and under the current codebase', async () => {
    const info = await cwm.SystemAPI.getSystemInfo();
    expect(info).toMatchObject({ isCloud: true });
    const versioned = client(undefined, sim.codebase.replace(/\/$/, ''));
    expect(await versioned.SystemAPI.getSystemInfo()).toEqual(info);
  });

  it('tells who the key belongs to, and finds a member by identifier', async () => {
    const me = memberCredentials(sim.data)[0]!;
    expect(await cwm.SystemAPI.getSystemMyMembers()).toMatchObject({ id: me.memberId, identifier: me.identifier });
    const found = await cwm.SystemAPI.getSystemMembers({ conditions: `identifier='${me.identifier}'` });
    expect(found.map((member) => member.id)).toEqual([me.memberId]);
    expect(await cwm.SystemAPI.getSystemMembersCount({ conditions: 'inactiveFlag=false' })).toEqual({
      count: sim.data.members.filter((member) => !member.inactive).length,
    });
  });

  it('reads a board\'s statuses and the priorities with their order fields', async () => {
    const board = sim.data.boards[0]!;
    const statuses = await cwm.ServiceAPI.getServiceBoardsByParentIdStatuses(board.id, { pageSize: 100 });
    expect(statuses.map((status) => status.id).sort()).toEqual(sim.data.statuses.filter((s) => s.boardId === board.id).map((s) => s.id).sort());
    expect(statuses.find((status) => status.closedStatus)).toBeDefined();
    const priorities = await cwm.ServiceAPI.getServicePriorities();
    expect(priorities).toHaveLength(sim.data.priorities.length);
    for (const priority of priorities) expect(priority).toMatchObject({ id: expect.any(Number), name: expect.any(String), sortOrder: expect.any(Number) });
  });

  it('lists a board\'s open tickets with conditions, orderBy and fields, paged by the library to the end', async () => {
    const board = sim.data.boards[0]!;
    const conditions = `board/id=${board.id} and closedFlag=false`;
    const expected = sim.data.tickets.filter((t) => t.boardId === board.id && !isClosed(sim.data, t)).map((t) => t.id);
    const all = (await cwm.paginate(cwm.ServiceAPI.getServiceTickets, { startPage: 1, pageSize: 100 }, {
      conditions, orderBy: 'id asc', fields: 'id,summary,board,status,owner,closedFlag,_info',
    })) as unknown as Ticket[];
    expect(all.map((ticket) => ticket.id)).toEqual(expected);
    expect(Object.keys(all[0]!).sort()).toEqual(expect.arrayContaining(['id', 'summary', 'board', 'status', 'closedFlag', '_info']));
    expect(Object.keys(all[0]!)).not.toContain('company');
    expect(await cwm.ServiceAPI.getServiceTicketsCount({ conditions })).toEqual({ count: expected.length });
  });

  it('takes a delta sync on lastUpdated with a date in brackets', async () => {
    const cursor = new Date(sim.data.seededAt - 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const changed = (await cwm.ServiceAPI.getServiceTickets({ conditions: `lastUpdated>=[${cursor}]`, pageSize: 1000, fields: 'id,_info' })) as unknown as Ticket[];
    const expected = sim.data.tickets.filter((t) => Math.floor(t.updatedAt / 1000) * 1000 >= Date.parse(cursor)).length;
    expect(changed).toHaveLength(expected);
  });

  it('claims a ticket with a JSON Patch of status and owner, and logs time against it', async () => {
    const me = memberCredentials(sim.data)[0]!;
    const ticket = sim.data.tickets.find((t) => t.ownerId === null && !isClosed(sim.data, t))!;
    const inProgress = sim.data.statuses.find((s) => s.boardId === ticket.boardId && s.kind === 'inProgress')!;
    const claimed = (await cwm.ServiceAPI.patchServiceTicketsById(ticket.id, [
      { op: 'replace', path: 'status', value: { id: inProgress.id } },
      { op: 'replace', path: 'owner', value: { id: me.memberId } },
    ])) as unknown as Ticket;
    expect(claimed).toMatchObject({ id: ticket.id, status: { id: inProgress.id }, owner: { id: me.memberId, identifier: me.identifier } });
    const start = new Date(sim.data.seededAt - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const entry = await cwm.TimeAPI.postTimeEntries({
      chargeToId: ticket.id, chargeToType: 'ServiceTicket', member: { id: me.memberId }, timeStart: start, actualHours: 0.5, notes: 'Worked on it',
    });
    expect(entry).toMatchObject({ chargeToId: ticket.id, chargeToType: 'ServiceTicket', actualHours: 0.5 });
    const entries = await cwm.TimeAPI.getTimeEntries({ conditions: `chargeToId=${ticket.id} and chargeToType='ServiceTicket'` });
    expect(entries.map((row) => row.id)).toContain(entry.id);
  });

  it('gets ConnectWise\'s error shapes through the library: 400 naming the field, 404, 401', async () => {
    const bad = await failure(cwm.ServiceAPI.getServiceTickets({ conditions: 'nosuchfield=1' }));
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ code: 'InvalidObject', errors: [expect.objectContaining({ field: 'conditions' })] });
    const missing = await failure(cwm.ServiceAPI.getServiceTicketsById(99_999_999));
    expect(missing).toMatchObject({ status: 404, data: { code: 'NotFound' } });
    const wrong = client({ ...memberCredentials(sim.data)[0]!, privateKey: 'not-the-key' });
    const denied = await failure(wrong.SystemAPI.getSystemMyMembers());
    expect(denied.status).toBe(401);
  });
});

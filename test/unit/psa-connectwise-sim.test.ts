/**
 * The ConnectWise adapter against the PSA simulator, in-process: real HTTP, real paging, real faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { ConnectWisePsa, type ConnectWiseOptions } from '../../utils/psa/connectwise/adapter';
import { PsaError } from '../../utils/psa/errors';
import type { HttpDeps, RequestEvent } from '../../utils/psa/http';
import type { Ticket } from '../../utils/psa/model';
import type { ConnectWiseConnection } from '../../utils/psa/connectwise/connection';
import type { TicketPage, TicketQuery } from '../../utils/psa/psa';
import { createPsa } from '../../utils/psa';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300, seed: 1 });
});
afterAll(async () => sim.close());
beforeEach(() => {
  Object.assign(sim.faults, {
    latencyMs: 0,
    fail429: { remaining: 0, retryAfterSeconds: 1 },
    fail500: { remaining: 0 },
    malformed: { remaining: 0 },
    dropResponse: { remaining: 0 },
  });
  sim.resetStats();
});

const tech = () => memberCredentials(sim.data)[0]!;

function connection(overrides: Partial<ConnectWiseConnection> = {}): ConnectWiseConnection {
  return {
    kind: 'connectwise',
    id: 'sim',
    siteUrl: sim.url,
    companyId: DEMO_COMPANY_ID,
    publicKey: tech().publicKey,
    privateKey: tech().privateKey,
    clientId: DEMO_CLIENT_ID,
    boardId: '1',
    ...overrides,
  };
}

/** An adapter whose requests are recorded and whose sleeps return at once (and are recorded). */
function adapter(options: ConnectWiseOptions = {}, overrides: Partial<ConnectWiseConnection> = {}, random?: () => number) {
  const requests: { url: string; method: string; headers: Record<string, string> }[] = [];
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  const deps: HttpDeps = {
    fetch: (input, init) => {
      requests.push({ url: String(input), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) } });
      return fetch(input, init);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => Date.now(),
    ...(random && { random }),
    onRequest: (event) => events.push(event),
  };
  const psa = new ConnectWisePsa(connection(overrides), deps, options);
  return { psa, requests, sleeps, events };
}

async function pages(iterable: AsyncIterable<TicketPage>): Promise<TicketPage[]> {
  const out: TicketPage[] = [];
  for await (const page of iterable) out.push(page);
  return out;
}

async function allTickets(psa: ConnectWisePsa, query: TicketQuery): Promise<Ticket[]> {
  return (await pages(psa.listTickets(query))).flatMap((page) => page.tickets);
}

async function failure(promise: Promise<unknown>): Promise<PsaError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PsaError);
  return error as PsaError;
}

const isClosedStatus = (statusId: number) => sim.data.statuses.find((s) => s.id === statusId)?.closed ?? false;
const simTicketsOnBoard = (boardId: number) => sim.data.tickets.filter((t) => t.boardId === boardId);
const simOpenOnBoard = (boardId: number) => simTicketsOnBoard(boardId).filter((t) => !isClosedStatus(t.statusId));
const ticketListUrls = (requests: { url: string }[]) =>
  requests.map((r) => new URL(r.url)).filter((u) => /\/apis\/3\.0\/service\/tickets$/.test(u.pathname));

describe('ConnectWise adapter against the simulator', () => {
  it('loads board 1 page by page: every ticket once, matching the simulator', async () => {
    const { psa, requests } = adapter({ pageSize: 50 });
    const loaded = await pages(psa.listTickets({ boardId: '1', openOnly: false }));
    const tickets = loaded.flatMap((page) => page.tickets);
    const expected = simTicketsOnBoard(1).map((t) => String(t.id));
    expect(expected.length).toBeGreaterThan(50);
    expect(loaded.flatMap((page) => page.rejected)).toEqual([]);
    expect(tickets.map((t) => t.id)).toEqual(expected);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    // Forward-only: one request a page, each after the last id of the one before.
    const lists = ticketListUrls(requests);
    expect(lists).toHaveLength(Math.ceil(expected.length / 50) + (expected.length % 50 === 0 ? 1 : 0));
    expect(lists.slice(1).every((u) => u.searchParams.has('pageId'))).toBe(true);
  });

  it('asks for the trimmed field list, 1000 a page, forward-only, ordered by id', async () => {
    const { psa, requests } = adapter();
    await allTickets(psa, { boardId: '1', openOnly: true });
    const [first] = ticketListUrls(requests);
    const fields = first?.searchParams.get('fields')?.split(',') ?? [];
    expect(fields).toContain('_info/lastUpdated');
    expect(fields).toContain('owner/identifier');
    expect(fields).not.toContain('slaStatus');
    expect(fields).not.toContain('resources');
    expect(first?.searchParams.get('pageSize')).toBe('1000');
    expect(first?.searchParams.get('orderBy')).toBe('id asc');
    expect(first?.searchParams.get('conditions')).toBe('board/id=1 and closedFlag=false');
    const listRequest = requests.find((r) => r.url === first?.href);
    expect(listRequest?.headers['pagination-type']).toBe('forward-only');
  });

  it('open tickets: listTickets, listOpenTicketIds and countOpenTickets agree with the simulator', async () => {
    const { psa } = adapter({ pageSize: 40 });
    const expected = simOpenOnBoard(1).map((t) => String(t.id));
    const open = await allTickets(psa, { boardId: '1', openOnly: true });
    expect(open.map((t) => t.id)).toEqual(expected);
    expect(open.every((t) => !t.closed)).toBe(true);
    expect(await psa.listOpenTicketIds('1')).toEqual(expected);
    expect(await psa.countOpenTickets('1')).toBe(expected.length);
  });

  it('closedSince adds the recently closed tickets to the open ones', async () => {
    const { psa } = adapter();
    const since = new Date(Date.now() - 3 * 24 * 3_600_000);
    const tickets = await allTickets(psa, { boardId: '1', openOnly: true, closedSince: since.toISOString() });
    const expected = simTicketsOnBoard(1)
      .filter((t) => !isClosedStatus(t.statusId) || t.updatedAt >= Math.floor(since.getTime() / 1000) * 1000)
      .map((t) => String(t.id));
    expect(tickets.map((t) => t.id)).toEqual(expected);
    expect(tickets.some((t) => t.closed)).toBe(true);
  });

  it('an incremental load after someone else edits a ticket returns that ticket (and only repeats of the cursor second)', async () => {
    const { psa, requests } = adapter();
    const before = await allTickets(psa, { boardId: '1', openOnly: true });
    const cursor = before.map((t) => t.updated).sort().at(-1)!;
    const target = before.find((t) => t.status.name === 'New') ?? before[0]!;
    sim.updateTicketAsSomeoneElse(Number(target.id), { summary: 'Edited in the web app' });
    requests.length = 0;

    const changed = await allTickets(psa, { boardId: '1', openOnly: true, updatedSince: cursor });
    const repeats = before.filter((t) => t.updated === cursor && t.id !== target.id).map((t) => t.id);
    expect(changed.map((t) => t.id).sort()).toEqual([target.id, ...repeats].sort());
    expect(changed.find((t) => t.id === target.id)?.title).toBe('Edited in the web app');
    const conditions = ticketListUrls(requests)[0]?.searchParams.get('conditions');
    expect(conditions).toBe(`board/id=1 and closedFlag=false and lastUpdated>=[${cursor.replace('.000Z', 'Z')}]`);
    // Nothing else was read: priorities and SLAs are cached from the first load.
    expect(requests).toHaveLength(1);
  });

  it('maps a ticket: references, priority rank by sort order, SLA deadlines, page URL', async () => {
    const { psa } = adapter();
    const sortOrders = sim.data.priorities.map((p) => p.sortOrder);
    sim.data.priorities.forEach((p) => (p.sortOrder = p.sortOrder * 7 + 3));
    onTestFinished(() => sim.data.priorities.forEach((p, i) => (p.sortOrder = sortOrders[i]!)));
    const simTicket = simOpenOnBoard(1).find((t) => t.slaId !== null && t.ownerId !== null && t.contactId !== null)!;
    const ticket = await psa.getTicket(String(simTicket.id));
    const priority = sim.data.priorities.find((p) => p.id === simTicket.priorityId)!;
    const byRank = [...sim.data.priorities].sort((a, b) => a.sortOrder - b.sortOrder);
    const owner = sim.data.members.find((m) => m.id === simTicket.ownerId)!;
    const target = sim.data.slas.find((s) => s.id === simTicket.slaId)!.targets.find((t) => t.priorityId === simTicket.priorityId)!;
    expect(ticket).toMatchObject({
      id: String(simTicket.id),
      number: `#${simTicket.id}`,
      title: simTicket.summary,
      closed: false,
      board: { id: '1', name: 'Service Desk' },
      priority: { id: String(priority.id), name: priority.name, rank: byRank.indexOf(priority) + 1, colour: priority.color },
      assignee: { id: String(owner.id), name: `${owner.firstName} ${owner.lastName}` },
      created: new Date(Math.floor(simTicket.enteredAt / 1000) * 1000).toISOString(),
      updated: new Date(simTicket.updatedAt).toISOString(),
      url: `${sim.url}/${sim.codebase}services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=${simTicket.id}`,
    });
    const created = Date.parse(ticket.created);
    expect(ticket.sla.respondBy).toBe(new Date(created + target.respondHours * 3_600_000).toISOString());
    expect(ticket.sla.resolveBy).toBe(new Date(created + target.resolutionHours * 3_600_000).toISOString());
    expect(typeof ticket.sla.met).toBe('boolean');
  });

  it('updates status and owner, returns the ticket as ConnectWise answered, and unassigns', async () => {
    const { psa, requests } = adapter();
    const simTicket = simOpenOnBoard(1).find((t) => t.ownerId === null)!;
    const statuses = await psa.listStatuses('1');
    const inProgress = statuses.find((s) => s.name === 'In Progress')!;
    const me = await psa.whoAmI();

    const updated = await psa.updateTicket(String(simTicket.id), { statusId: inProgress.id, assigneeId: me.id });
    expect(updated.status).toEqual({ id: inProgress.id, name: 'In Progress' });
    expect(updated.assignee).toEqual({ id: me.id, name: me.name });
    expect(simTicket.statusId).toBe(Number(inProgress.id));
    expect(simTicket.ownerId).toBe(Number(me.id));
    expect(await psa.getTicket(String(simTicket.id))).toEqual(updated);
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.url).toMatch(new RegExp(`/service/tickets/${simTicket.id}$`));

    const unassigned = await psa.updateTicket(String(simTicket.id), { assigneeId: null });
    expect(unassigned.assignee).toBeNull();
    expect(simTicket.ownerId).toBeNull();
  });

  it('rejects an update ConnectWise refuses, with its message', async () => {
    const { psa } = adapter();
    const simTicket = simOpenOnBoard(1)[0]!;
    const otherBoardStatus = sim.data.statuses.find((s) => s.boardId !== 1)!;
    const error = await failure(psa.updateTicket(String(simTicket.id), { statusId: String(otherBoardStatus.id) }));
    expect(error.kind).toBe('badRequest');
    expect(error.field).toBe('status');
    expect(error.userMessage).toContain(`is not a status of board 1`);
  });

  it('whoAmI is the demo tech', async () => {
    const { psa } = adapter();
    const me = await psa.whoAmI();
    const member = sim.data.members.find((m) => m.id === tech().memberId)!;
    expect(me).toEqual({
      id: String(tech().memberId),
      identifier: tech().identifier,
      name: tech().name,
      email: member.email,
      inactive: false,
    });
  });

  it('lists boards, statuses, priorities (ranked by position in sortOrder, not id or sortOrder) and members', async () => {
    const { psa } = adapter({ pageSize: 5 });
    const sortOrders = sim.data.priorities.map((p) => p.sortOrder);
    // Gaps and an order unlike the ids: rank must be the 1-based position.
    sim.data.priorities.forEach((p) => (p.sortOrder *= 10));
    onTestFinished(() => sim.data.priorities.forEach((p, i) => (p.sortOrder = sortOrders[i]!)));
    expect((await psa.listBoards()).map((b) => b.name).sort()).toEqual(sim.data.boards.map((b) => b.name).sort());
    const statuses = await psa.listStatuses('1');
    expect(statuses.map((s) => s.name)).toEqual(
      sim.data.statuses.filter((s) => s.boardId === 1).sort((a, b) => a.sortOrder - b.sortOrder).map((s) => s.name),
    );
    expect(statuses.find((s) => s.name === 'Closed')).toMatchObject({ closed: true, inactive: false, boardId: '1' });
    const priorities = await psa.listPriorities();
    expect(priorities.map((p) => [p.name, p.rank])).toEqual(
      [...sim.data.priorities].sort((a, b) => a.sortOrder - b.sortOrder).map((p, i) => [p.name, i + 1]),
    );
    const members = await psa.listMembers();
    expect(members).toHaveLength(sim.data.members.length);
    expect(members.find((m) => m.identifier === tech().identifier)?.name).toBe(tech().name);
  });

  it('adds a time entry (sent once)', async () => {
    const { psa, requests } = adapter();
    const simTicket = simOpenOnBoard(1)[0]!;
    const start = new Date(Date.now() - 3_600_000);
    const entry = await psa.addTimeEntry({
      ticketId: String(simTicket.id),
      memberId: String(tech().memberId),
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      hours: 0.5,
      notes: 'Replaced the toner',
    });
    expect(entry).toMatchObject({ ticketId: String(simTicket.id), memberId: String(tech().memberId), hours: 0.5, notes: 'Replaced the toner' });
    expect(sim.data.timeEntries.find((e) => String(e.id) === entry.id)?.notes).toBe('Replaced the toner');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a wrong private key is an auth error telling the user what to check', async () => {
    const { psa } = adapter({}, { privateKey: 'wrong' });
    const error = await failure(psa.whoAmI());
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.userMessage).toBe(
      "ConnectWise refused the API keys (401). Check the company ID, public and private keys and client ID in Pullboard's options.",
    );
  });

  it('an unknown company ID is a config error naming it', async () => {
    const { psa } = adapter({}, { companyId: 'nosuchco' });
    const error = await failure(psa.listBoards());
    expect(error.kind).toBe('config');
    expect(error.userMessage).toContain("ConnectWise has no company 'nosuchco'");
  });

  it('a missing ticket is notFound naming it', async () => {
    const { psa } = adapter();
    const error = await failure(psa.getTicket('999999'));
    expect(error.kind).toBe('notFound');
    expect(error.userMessage).toMatch(/^ConnectWise could not find ticket #999999 \(404\)/);
  });

  it('honours 429 Retry-After: waits what ConnectWise says, then succeeds', async () => {
    const { psa, sleeps } = adapter();
    await psa.whoAmI(); // discovery done
    sim.faults.fail429 = { remaining: 1, retryAfterSeconds: 3 };
    const ticket = await psa.getTicket(String(simOpenOnBoard(1)[0]!.id));
    expect(ticket.id).toBe(String(simOpenOnBoard(1)[0]!.id));
    expect(sleeps).toEqual([3000]);
  });

  it('retries a 500 on a read with backoff, and counts every attempt', async () => {
    // The jitter pinned to the middle of its range: half of each delay is fixed, half random.
    const { psa, sleeps, events } = adapter({}, {}, () => 0.5);
    await psa.whoAmI();
    events.length = 0;
    sim.faults.fail500 = { remaining: 2 };
    const me = await psa.whoAmI();
    expect(me.identifier).toBe(tech().identifier);
    // 1 s, then 2 s (DEFAULT_RETRY), each three quarters of the way with the jitter at 0.5.
    expect(sleeps).toEqual([750, 1500]);
    expect(events.map((e) => e.status)).toEqual([500, 500, 200]);
    expect(events.at(-1)!.bytes).toBeGreaterThan(0);
  });

  it('retries a dropped connection on a read', async () => {
    const { psa } = adapter();
    await psa.whoAmI();
    sim.faults.dropResponse = { remaining: 1 };
    expect((await psa.whoAmI()).identifier).toBe(tech().identifier);
  });

  it('does not retry a time entry whose answer was lost, and says its outcome is unknown', async () => {
    const { psa, requests } = adapter();
    await psa.whoAmI();
    const before = sim.data.timeEntries.length;
    sim.faults.dropResponse = { remaining: 1 };
    const start = Date.now() - 7_200_000;
    const error = await failure(
      psa.addTimeEntry({
        ticketId: String(simOpenOnBoard(1)[0]!.id),
        memberId: String(tech().memberId),
        start: new Date(start).toISOString(),
        end: new Date(start + 900_000).toISOString(),
        hours: 0.25,
        notes: 'dropped',
      }),
    );
    expect(error.kind).toBe('network');
    expect(error.outcomeUnknown).toBe(true);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // The simulator processed it: exactly why the outbox must check before sending again.
    expect(sim.data.timeEntries.length).toBe(before + 1);
  });

  it('truncated JSON is a malformed error', async () => {
    const { psa } = adapter();
    await psa.whoAmI();
    sim.faults.malformed = { remaining: 1 };
    const error = await failure(psa.whoAmI());
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toMatch(/^ConnectWise sent data Pullboard could not read \(the response is not JSON/);
  });

  it('rediscovers a moved codebase transparently', async () => {
    const { psa, requests } = adapter();
    await psa.getTicket(String(simOpenOnBoard(1)[0]!.id)); // discovery, priorities and SLAs read
    const old = sim.codebase;
    const moved = sim.faults.moveCodebase();
    expect(moved).not.toBe(old);
    requests.length = 0;
    const ticket = await psa.getTicket(String(simOpenOnBoard(1)[0]!.id));
    expect(ticket.url).toContain(`/${moved}services/`);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      `/${old}apis/3.0/service/tickets/${ticket.id}`,
      `/login/companyinfo/${DEMO_COMPANY_ID}`,
      `/${moved}apis/3.0/service/tickets/${ticket.id}`,
    ]);
  });

  it('rejects a malformed record with the field named and keeps the rest of the page', async () => {
    const { psa } = adapter();
    const victim = simOpenOnBoard(1)[3]!;
    const summary = victim.summary;
    (victim as { summary: unknown }).summary = 12345;
    try {
      const loaded = await pages(psa.listTickets({ boardId: '1', openOnly: true }));
      const tickets = loaded.flatMap((page) => page.tickets);
      const rejected = loaded.flatMap((page) => page.rejected);
      expect(rejected).toEqual([{ id: String(victim.id), problem: 'summary: expected string, got 12345' }]);
      expect(tickets).toHaveLength(simOpenOnBoard(1).length - 1);

      const error = await failure(psa.getTicket(String(victim.id)));
      expect(error.kind).toBe('malformed');
      expect(error.field).toBe('summary');
      expect(error.userMessage).toContain(`(ticket ${victim.id}: summary: expected string, got 12345)`);
    } finally {
      victim.summary = summary;
    }
  });

  it('createPsa builds a working ConnectWise adapter', async () => {
    const psa = createPsa(connection());
    expect(psa.kind).toBe('connectwise');
    expect((await psa.whoAmI()).identifier).toBe(tech().identifier);
  });
});

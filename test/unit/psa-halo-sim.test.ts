/**
 * The Halo adapter against the PSA simulator, in-process: the authorisation server, tokens that expire,
 * pages capped at 50, list rows without names, sentinel dates, upserts, actions, 429.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { haloCredentials, HALO_API_AGENT_ID } from '../psa-sim/halo-credentials';
import { APPLICATION_NOT_AN_AGENT, HaloPsa, NO_AGENT_TO_LOG_IN_AS, type HaloOptions } from '../../utils/psa/halo/adapter';
import { PsaError } from '../../utils/psa/errors';
import type { HttpDeps, RequestEvent } from '../../utils/psa/http';
import type { Ticket } from '../../utils/psa/model';
import type { HaloConnection } from '../../utils/psa/halo/connection';
import type { TicketPage, TicketQuery } from '../../utils/psa/psa';
import { createPsa } from '../../utils/psa';

let sim: Simulator;
const TEAM = '11';

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300, seed: 1, halo: { maxPageSize: 50 } }); // a tenant that caps pages at 50, as an older live tenant did
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

const credentials = (on: Simulator = sim) => haloCredentials(on.data, on.halo.tenant);
const tech = () => credentials().techs[0]!;

function connection(overrides: Partial<HaloConnection> = {}, on: Simulator = sim): HaloConnection {
  const { application } = credentials(on);
  return {
    kind: 'halo',
    id: 'sim-halo',
    url: on.halo.url,
    authUrl: null,
    tenant: null,
    clientId: application.clientId,
    clientSecret: application.clientSecret,
    teamId: TEAM,
    meAgentId: null,
    ...overrides,
  };
}

function adapter(overrides: Partial<HaloConnection> = {}, options: HaloOptions = {}, on: Simulator = sim) {
  const requests: { url: URL; method: string; body: string | undefined }[] = [];
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  const deps: HttpDeps = {
    fetch: (input, init) => {
      requests.push({ url: new URL(String(input)), method: init?.method ?? 'GET', body: init?.body as string | undefined });
      return fetch(input, init);
    },
    sleep: async (ms) => void sleeps.push(ms),
    now: () => Date.now(),
    onRequest: (event) => events.push(event),
  };
  return { psa: new HaloPsa(connection(overrides, on), deps, options), requests, sleeps, events };
}

async function pages(iterable: AsyncIterable<TicketPage>): Promise<TicketPage[]> {
  const out: TicketPage[] = [];
  for await (const page of iterable) out.push(page);
  return out;
}
const allTickets = async (psa: HaloPsa, query: TicketQuery): Promise<Ticket[]> => (await pages(psa.listTickets(query))).flatMap((p) => p.tickets);

async function failure(promise: Promise<unknown>): Promise<PsaError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PsaError);
  return error as PsaError;
}

const isClosedStatus = (statusId: number) => sim.data.statuses.find((s) => s.id === statusId)?.closed ?? false;
const simOpenOnBoard = (boardId: number) => sim.data.tickets.filter((t) => t.boardId === boardId && !isClosedStatus(t.statusId));
const ticketLists = (requests: { url: URL }[]) => requests.filter((r) => r.url.pathname === '/api/Tickets');

describe('Halo adapter against the simulator', () => {
  it('loads the open tickets of the team through pages capped at 50: every one once, as many as the simulator has open', async () => {
    const { psa, requests } = adapter();
    const loaded = await pages(psa.listTickets({ boardId: TEAM, openOnly: true }));
    const tickets = loaded.flatMap((p) => p.tickets);
    const expected = simOpenOnBoard(1).map((t) => String(t.id));
    expect(expected.length).toBeGreaterThan(50);
    expect(loaded.flatMap((p) => p.rejected)).toEqual([]);
    expect(tickets.map((t) => t.id)).toEqual(expected);
    expect(tickets.every((t) => !t.closed && t.board?.id === TEAM)).toBe(true);
    const lists = ticketLists(requests);
    expect(lists[0]!.url.searchParams.get('page_size')).toBe('100');
    // 50 a page: full pages, then the short one (or an empty one after an exact multiple).
    expect(lists).toHaveLength(Math.floor(expected.length / 50) + 1);
    expect(await psa.listOpenTicketIds(TEAM)).toEqual(expected);
    expect(await psa.countOpenTickets(TEAM)).toBe(expected.length);
  });

  it('what a full load costs: a token, each page, and the status, priority, agent and type lists once', async () => {
    const { psa, requests } = adapter();
    await allTickets(psa, { boardId: TEAM, openOnly: false });
    const paths = requests.map((r) => r.url.pathname);
    expect(paths.filter((p) => p === '/auth/token')).toHaveLength(1);
    for (const list of ['/api/Status', '/api/Priority', '/api/Agent', '/api/TicketType']) expect(paths.filter((p) => p === list)).toHaveLength(1);
    expect(requests).toHaveLength(5 + ticketLists(requests).length);
  });

  it('closedSince adds the tickets closed and changed since', async () => {
    const { psa } = adapter();
    const since = new Date(Date.now() - 3 * 24 * 3_600_000).toISOString();
    const tickets = await allTickets(psa, { boardId: TEAM, openOnly: true, closedSince: since });
    const closed = tickets.filter((t) => t.closed);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((t) => Date.parse(t.updated) >= Date.parse(since))).toBe(true);
    const expectedClosed = sim.data.tickets.filter((t) => t.boardId === 1 && isClosedStatus(t.statusId) && t.updatedAt >= Date.parse(since)).map((t) => String(t.id));
    expect(closed.map((t) => t.id).sort()).toEqual(expectedClosed.sort());
    expect(tickets.filter((t) => !t.closed)).toHaveLength(simOpenOnBoard(1).length);
  });

  it('an incremental load after someone else edits a ticket returns it, for one request', async () => {
    const { psa, requests } = adapter();
    const before = await allTickets(psa, { boardId: TEAM, openOnly: false });
    const cursor = before.map((t) => t.updated).sort().at(-1)!;
    const target = before.find((t) => !t.closed && t.assignee === null) ?? before[0]!;
    sim.updateTicketAsSomeoneElse(Number(target.id), { summary: 'Edited in the agent app' });
    requests.length = 0;

    const changed = await allTickets(psa, { boardId: TEAM, openOnly: false, updatedSince: cursor });
    const repeats = before.filter((t) => t.updated >= cursor && t.id !== target.id).map((t) => t.id);
    expect(changed.map((t) => t.id).sort()).toEqual([target.id, ...repeats].sort());
    expect(changed.find((t) => t.id === target.id)?.title).toBe('Edited in the agent app');
    // The full load taught the adapter the tenant's page size (50): a page of a few rows is the last.
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url.searchParams.get('datesearch')).toBe('lastupdate');
  });

  it('maps a ticket: names from ids, rank by priorityid, agent 1 as nobody, placeholders as no date, the agent app URL', async () => {
    const { psa } = adapter();
    const simTicket = simOpenOnBoard(1).find((t) => t.ownerId !== null && t.contactId !== null && t.respondedAt === null)!;
    const ticket = await psa.getTicket(String(simTicket.id));
    const owner = sim.data.members.find((m) => m.id === simTicket.ownerId)!;
    const contact = sim.data.contacts.find((c) => c.id === simTicket.contactId)!;
    const priority = sim.data.priorities.find((p) => p.id === simTicket.priorityId)!;
    expect(ticket).toMatchObject({
      id: String(simTicket.id),
      number: `#${simTicket.id}`,
      title: simTicket.summary,
      status: { name: sim.data.statuses.find((s) => s.id === simTicket.statusId)!.name },
      closed: false,
      board: { id: TEAM, name: 'Service Desk' },
      priority: { id: String(priority.sortOrder), name: priority.name, rank: priority.sortOrder, colour: priority.color },
      assignee: { id: String(owner.id), name: `${owner.firstName} ${owner.lastName}` },
      company: { id: String(simTicket.companyId), name: sim.data.companies.find((c) => c.id === simTicket.companyId)!.name },
      contact: { id: String(contact.id), name: `${contact.firstName} ${contact.lastName}` },
      url: `${sim.halo.url}/ticket?id=${simTicket.id}`,
    });
    expect(ticket.sla.respondedAt).toBeNull();
    expect(Math.abs(Date.parse(ticket.updated) - simTicket.updatedAt)).toBeLessThan(1000);
    expect((await fetch(ticket.url)).status).toBe(200);

    const unassigned = simOpenOnBoard(1).find((t) => t.ownerId === null)!;
    expect((await psa.getTicket(String(unassigned.id))).assignee).toBeNull();
  });

  it('writes status and agent as one POST, reads the answer, and unassigns', async () => {
    const { psa, requests } = adapter({ meAgentId: String(tech().agentId) });
    const simTicket = simOpenOnBoard(1).find((t) => t.ownerId === null)!;
    const inProgress = (await psa.listStatuses(TEAM)).find((s) => s.name === 'In Progress')!;
    const me = await psa.whoAmI();
    expect(me.name).toBe(tech().name);

    const updated = await psa.updateTicket(String(simTicket.id), { statusId: inProgress.id, assigneeId: me.id });
    expect(updated.status).toEqual({ id: inProgress.id, name: 'In Progress' });
    expect(updated.assignee).toEqual({ id: me.id, name: me.name });
    expect(sim.data.statuses.find((s) => s.id === simTicket.statusId)?.name).toBe('In Progress');
    expect(simTicket.ownerId).toBe(Number(me.id));
    const posts = requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/Tickets');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body!)).toEqual([{ id: simTicket.id, status_id: Number(inProgress.id), agent_id: Number(me.id) }]);
    expect(requests.some((r) => r.url.pathname === `/api/Tickets/${simTicket.id}`)).toBe(false);
    expect(await psa.getTicket(String(simTicket.id))).toEqual(updated);

    const unassigned = await psa.updateTicket(String(simTicket.id), { assigneeId: null });
    expect(unassigned.assignee).toBeNull();
    expect(simTicket.ownerId).toBeNull();
  });

  it("an agent Halo will not assign is badRequest naming the field, in Halo's words", async () => {
    const { psa } = adapter();
    const error = await failure(psa.updateTicket(String(simOpenOnBoard(1)[0]!.id), { assigneeId: String(HALO_API_AGENT_ID) }));
    expect(error.kind).toBe('badRequest');
    expect(error.field).toBe('agent_id');
    expect(error.userMessage).toContain('cannot be assigned tickets');
  });

  it('who "me" is: refuses the application\'s agent, finds the tech by e-mail, and a tech\'s own application is the tech', async () => {
    expect((await failure(adapter().psa.whoAmI())).userMessage).toBe(APPLICATION_NOT_AN_AGENT);
    expect((await adapter({ meEmail: tech().email }).psa.whoAmI()).id).toBe(String(tech().agentId));
    const own = await adapter({ clientId: tech().clientId, clientSecret: tech().clientSecret }).psa.whoAmI();
    expect(own).toMatchObject({ id: String(tech().agentId), name: tech().name });
    const members = await adapter().psa.listMembers();
    expect(members.some((m) => m.id === String(HALO_API_AGENT_ID) || m.id === '1')).toBe(false);
  });

  it('a token that expired early: one fresh token and the call goes through', async () => {
    const { psa, requests } = adapter();
    await psa.listBoards();
    expect(sim.faults.expireTokens()).toBeGreaterThan(0);
    expect((await psa.listBoards()).map((b) => b.name)).toContain('Service Desk');
    expect(requests.map((r) => r.url.pathname)).toEqual(['/auth/token', '/api/Team', '/api/Team', '/auth/token', '/api/Team']);
  });

  it('refused credentials, and an application with no agent to log in as, say what to do', async () => {
    const wrong = await failure(adapter({ clientSecret: 'wrong' }).psa.listBoards());
    expect(wrong.kind).toBe('auth');
    expect(wrong.userMessage).toContain('Halo refused the client ID and secret (401)');
    const { applicationWithoutAgent } = credentials();
    const none = await failure(adapter({ clientId: applicationWithoutAgent.clientId, clientSecret: applicationWithoutAgent.clientSecret }).psa.listBoards());
    expect(none.kind).toBe('config');
    expect(none.userMessage).toBe(NO_AGENT_TO_LOG_IN_AS);
  });

  it('the hosted form: {authServer}/token?tenant=', async () => {
    const { psa, requests } = adapter({ authUrl: sim.url, tenant: sim.halo.tenant });
    await psa.listBoards();
    expect(requests[0]!.url.href).toBe(`${sim.url}/token?tenant=${sim.halo.tenant}`);
    const wrongTenant = await failure(adapter({ authUrl: sim.url, tenant: 'other' }).psa.listBoards());
    expect(wrongTenant.kind).toBe('auth');
  });

  it('honours 429 Retry-After', async () => {
    const { psa, sleeps } = adapter();
    await psa.listBoards();
    sim.faults.fail429 = { remaining: 1, retryAfterSeconds: 2 };
    await psa.listBoards();
    expect(sleeps).toEqual([2000]);
  });

  it('logs time as one action by the agent', async () => {
    const { psa, requests } = adapter();
    const simTicket = simOpenOnBoard(1)[0]!;
    const before = sim.data.timeEntries.length;
    const start = new Date(Date.now() - 3_600_000);
    const entry = await psa.addTimeEntry({
      ticketId: String(simTicket.id),
      memberId: String(tech().agentId),
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      hours: 0.5,
      notes: 'Replaced the toner',
    });
    expect(entry).toMatchObject({ ticketId: String(simTicket.id), memberId: String(tech().agentId), hours: 0.5, notes: 'Replaced the toner' });
    expect(sim.data.timeEntries).toHaveLength(before + 1);
    expect(sim.data.timeEntries.at(-1)).toMatchObject({ ticketId: simTicket.id, memberId: tech().agentId, hours: 0.5 });
    expect(requests.filter((r) => r.url.pathname === '/api/Actions')).toHaveLength(1);
  });

  it('createPsa builds a working Halo adapter', async () => {
    const psa = createPsa(connection({ meEmail: tech().email }));
    expect(psa.kind).toBe('halo');
    expect((await psa.whoAmI()).name).toBe(tech().name);
  });
});

describe('Halo tenants that answer differently', () => {
  let other: Simulator;
  beforeAll(async () => {
    other = await startSimulator({ port: 0, tickets: 120, seed: 2, halo: { agentsWrapped: true, postTicketsAnswer: 'wrapped', maxPageSize: 100, tokenLifetimeSeconds: 90 } });
  });
  afterAll(async () => other.close());

  it('agents as {results}, upserts answered {tickets}, the full 100 a page, a short-lived token refreshed early', async () => {
    let now = Date.now();
    const { application, techs } = haloCredentials(other.data, other.halo.tenant);
    const requests: string[] = [];
    const psa = new HaloPsa(
      { kind: 'halo', id: 'other', url: other.halo.url, authUrl: null, tenant: null, clientId: application.clientId, clientSecret: application.clientSecret, teamId: TEAM, meAgentId: String(techs[0]!.agentId) },
      {
        fetch: (input, init) => {
          requests.push(new URL(String(input)).pathname);
          return fetch(input, init);
        },
        sleep: async () => undefined,
        now: () => now,
      },
    );
    const open = other.data.tickets.filter((t) => t.boardId === 1 && !(other.data.statuses.find((s) => s.id === t.statusId)?.closed ?? false));
    const loaded = await allTickets(psa, { boardId: TEAM, openOnly: true });
    expect(loaded.map((t) => t.id)).toEqual(open.map((t) => String(t.id)));
    expect((await psa.whoAmI()).id).toBe(String(techs[0]!.agentId));
    const target = open.find((t) => t.ownerId === null)!;
    const updated = await psa.updateTicket(String(target.id), { assigneeId: String(techs[0]!.agentId) });
    expect(updated.assignee?.id).toBe(String(techs[0]!.agentId));
    expect(requests.filter((p) => p === '/auth/token')).toHaveLength(1);
    // 90 s tokens: refreshed at 45 s (half the life when a minute early would be too soon).
    now += 46_000;
    await psa.listBoards();
    expect(requests.filter((p) => p === '/auth/token')).toHaveLength(2);
  });
});

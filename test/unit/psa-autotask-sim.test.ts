/**
 * The Autotask adapter against the PSA simulator, in-process: zone discovery on the simulator's host, real
 * cursors, picklists, the role rule, impersonation, Autotask's 500 answers and its hourly budget.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { autotaskLastActivity } from '../psa-sim/autotask';
import { autotaskCredentials, AUTOTASK_API_USER_RESOURCE_ID } from '../psa-sim/autotask-credentials';
import { API_USER_NOT_A_TECH, AutotaskPsa, type AutotaskOptions } from '../../utils/psa/autotask/adapter';
import { PsaError } from '../../utils/psa/errors';
import type { HttpDeps, RequestEvent } from '../../utils/psa/http';
import type { Ticket } from '../../utils/psa/model';
import type { AutotaskConnection } from '../../utils/psa/autotask/connection';
import type { TicketPage, TicketQuery } from '../../utils/psa/psa';
import { createPsa } from '../../utils/psa';

let sim: Simulator;
/** Queue of board 1 ("Service Desk"), read from the adapter's own board list. */
let queueId: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300, seed: 1 });
  queueId = (await adapter().psa.listBoards()).find((b) => b.name === 'Service Desk')!.id;
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

const credentials = () => autotaskCredentials(sim.data);
const tech = () => credentials().techs[0]!;

function connection(overrides: Partial<AutotaskConnection> = {}): AutotaskConnection {
  const { integrationCode, apiUser } = credentials();
  return {
    kind: 'autotask',
    id: 'sim-autotask',
    userName: apiUser.userName,
    secret: apiUser.secret,
    integrationCode,
    discoveryUrl: `${sim.url}/ATServicesRest/`,
    zoneUrl: null,
    webUrl: null,
    queueId: queueId ?? null,
    meResourceId: null,
    ...overrides,
  };
}

function adapter(overrides: Partial<AutotaskConnection> = {}, options: AutotaskOptions = {}) {
  const requests: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  const deps: HttpDeps = {
    fetch: (input, init) => {
      requests.push({
        url: String(input),
        method: init?.method ?? 'GET',
        headers: { ...(init?.headers as Record<string, string>) },
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      return fetch(input, init);
    },
    sleep: async (ms) => void sleeps.push(ms),
    now: () => Date.now(),
    onRequest: (event) => events.push(event),
  };
  return { psa: new AutotaskPsa(connection(overrides), deps, options), requests, sleeps, events };
}

async function pages(iterable: AsyncIterable<TicketPage>): Promise<TicketPage[]> {
  const out: TicketPage[] = [];
  for await (const page of iterable) out.push(page);
  return out;
}
const allTickets = async (psa: AutotaskPsa, query: TicketQuery): Promise<Ticket[]> => (await pages(psa.listTickets(query))).flatMap((p) => p.tickets);

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
const ticketQueries = (requests: { url: string }[]) => requests.filter((r) => /\/Tickets\/query(\/next\?|$)/.test(r.url));

describe('Autotask adapter against the simulator', () => {
  it('loads the open tickets of the queue page by page: every one once, as many as the simulator has open', async () => {
    const { psa, requests } = adapter({}, { pageSize: 50 });
    const loaded = await pages(psa.listTickets({ boardId: queueId, openOnly: true }));
    const tickets = loaded.flatMap((p) => p.tickets);
    const expected = simOpenOnBoard(1).map((t) => String(t.id));
    expect(expected.length).toBeGreaterThan(50);
    expect(loaded.flatMap((p) => p.rejected)).toEqual([]);
    expect(tickets.map((t) => t.id)).toEqual(expected);
    expect(tickets.every((t) => !t.closed && t.board?.name === 'Service Desk')).toBe(true);
    expect(ticketQueries(requests)).toHaveLength(Math.ceil(expected.length / 50));
    expect(ticketQueries(requests).slice(1).every((r) => r.url.includes('/Tickets/query/next?paging='))).toBe(true);
    expect(await psa.listOpenTicketIds(queueId)).toEqual(expected);
    expect(await psa.countOpenTickets(queueId)).toBe(expected.length);
  });

  it('what a full load costs: zone, picklists, resources, then per page one query and at most one batch of companies and of contacts', async () => {
    const { psa, requests } = adapter({}, { pageSize: 100 });
    await allTickets(psa, { boardId: queueId, openOnly: false });
    const paths = requests.map((r) => new URL(r.url).pathname.replace(/^\/ATServicesRest\/V1\.0/, ''));
    const count = (path: string) => paths.filter((p) => p === path).length;
    const queries = count('/Tickets/query') + count('/Tickets/query/next');
    expect(count('/zoneInformation')).toBe(1);
    expect(count('/Tickets/entityInformation/fields')).toBe(1);
    expect(count('/Resources/query')).toBe(1);
    expect(count('/Companies/query')).toBeLessThanOrEqual(queries);
    expect(count('/Contacts/query')).toBeLessThanOrEqual(queries);
    expect(requests).toHaveLength(3 + queries + count('/Companies/query') + count('/Contacts/query'));
    expect(psa.requestRate().lastHour).toBe(requests.length);
  });

  it('closedSince adds the recently closed tickets; labels Completed and Closed both close', async () => {
    const { psa } = adapter();
    const since = new Date(Date.now() - 3 * 24 * 3_600_000).toISOString();
    const tickets = await allTickets(psa, { boardId: queueId, openOnly: true, closedSince: since });
    // Autotask serves lastActivityDate with milliseconds the neutral data lacks: the simulator says which.
    const expected = sim.data.tickets
      .filter((t) => t.boardId === 1 && (!isClosedStatus(t.statusId) || autotaskLastActivity(t) >= Date.parse(since)))
      .map((t) => String(t.id));
    expect(tickets.map((t) => t.id)).toEqual(expected);
    const closedShown = tickets.filter((t) => t.closed);
    expect(new Set(closedShown.map((t) => t.status.name))).toEqual(new Set(['Completed', 'Closed']));
  });

  it('an incremental load after someone else edits a ticket returns it (and only what shares the cursor), for one request', async () => {
    const { psa, requests } = adapter();
    const before = await allTickets(psa, { boardId: queueId, openOnly: false });
    const cursor = before.map((t) => t.updated).sort().at(-1)!;
    const target = before.find((t) => !t.closed && t.status.name === 'New') ?? before[0]!;
    sim.updateTicketAsSomeoneElse(Number(target.id), { summary: 'Edited in the web app' });
    requests.length = 0;

    const changed = await allTickets(psa, { boardId: queueId, openOnly: false, updatedSince: cursor });
    const repeats = before.filter((t) => t.updated >= cursor && t.id !== target.id).map((t) => t.id);
    expect(changed.map((t) => t.id).sort()).toEqual([target.id, ...repeats].sort());
    expect(changed.find((t) => t.id === target.id)?.title).toBe('Edited in the web app');
    expect(requests).toHaveLength(1);
    expect((requests[0]!.body as { filter: unknown[] }).filter).toContainEqual({ op: 'gte', field: 'lastActivityDate', value: cursor });

    requests.length = 0;
    const latest = changed.map((t) => t.updated).sort().at(-1)!;
    const idle = await allTickets(psa, { boardId: queueId, openOnly: false, updatedSince: new Date(Date.parse(latest) + 1).toISOString() });
    expect(idle).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('maps a ticket without an SLA as live tenants serve it: every SLA field null, its due date kept', async () => {
    const { psa } = adapter();
    const defaultSla = sim.data.slas.find((s) => s.isDefault)!.id;
    const simTicket = simOpenOnBoard(1).find((t) => t.slaId === defaultSla)!;
    const ticket = await psa.getTicket(String(simTicket.id));
    expect(ticket.sla).toMatchObject({ respondBy: null, resolveBy: null, met: null });
    expect(Math.abs(Date.parse(ticket.sla.dueBy!) - (simTicket.requiredDate ?? simTicket.resolveBy))).toBeLessThan(1000);
  });

  it('maps a ticket: number, picklist labels, rank by sortOrder, names, SLA, a page URL the web app serves', async () => {
    const { psa } = adapter();
    // Autotask serves an SLA only on tickets outside the MSP's default SLA (the premium customers here).
    const withSla = (t: { slaId: number | null }) => t.slaId !== null && t.slaId !== sim.data.slas.find((s) => s.isDefault)!.id;
    const simTicket = simOpenOnBoard(1).find((t) => withSla(t) && t.ownerId !== null && t.contactId !== null)!;
    const ticket = await psa.getTicket(String(simTicket.id));
    const simPriority = sim.data.priorities.find((p) => p.id === simTicket.priorityId)!;
    const priorities = await psa.listPriorities();
    // Autotask's values are out of order on purpose (Critical is 4): the rank must still follow sortOrder.
    expect(priorities.map((p) => [p.name, p.rank])).toEqual([...sim.data.priorities].sort((a, b) => a.sortOrder - b.sortOrder).map((p, i) => [p.name, i + 1]));
    expect(priorities.map((p) => p.id)).not.toEqual(priorities.map((p) => p.id).sort());
    const owner = sim.data.members.find((m) => m.id === simTicket.ownerId)!;
    const contact = sim.data.contacts.find((c) => c.id === simTicket.contactId)!;
    expect(ticket).toMatchObject({
      id: String(simTicket.id),
      number: expect.stringMatching(/^T\d{8}\.\d{4}$/) as unknown,
      title: simTicket.summary,
      closed: false,
      board: { id: queueId, name: 'Service Desk' },
      priority: { id: priorities.find((p) => p.name === simPriority.name)!.id, name: simPriority.name, rank: simPriority.sortOrder, colour: null },
      assignee: { id: String(owner.id), name: `${owner.firstName} ${owner.lastName}` },
      company: { id: String(simTicket.companyId), name: sim.data.companies.find((c) => c.id === simTicket.companyId)!.name },
      contact: { id: String(contact.id), name: `${contact.firstName} ${contact.lastName}` },
      url: `${sim.url}/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=${simTicket.id}`,
    });
    expect(Math.abs(Date.parse(ticket.sla.respondBy!) - simTicket.respondBy)).toBeLessThan(1000);
    expect(Math.abs(Date.parse(ticket.updated) - simTicket.updatedAt)).toBeLessThan(1000);
    const page = await fetch(ticket.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(ticket.number);
  });

  it('writes status and owner as the tech through the shared API user, with the owner\'s role, and unassigns', async () => {
    const { psa, requests } = adapter({ meResourceId: String(tech().resourceId) });
    const simTicket = simOpenOnBoard(1).find((t) => t.ownerId === null)!;
    const inProgress = (await psa.listStatuses(queueId)).find((s) => s.name === 'In Progress')!;
    const me = await psa.whoAmI();
    expect(me.name).toBe(tech().name);

    const updated = await psa.updateTicket(String(simTicket.id), { statusId: inProgress.id, assigneeId: me.id });
    expect(updated.status).toEqual({ id: inProgress.id, name: 'In Progress' });
    expect(updated.assignee).toEqual({ id: me.id, name: me.name });
    expect(sim.data.statuses.find((s) => s.id === simTicket.statusId)?.name).toBe('In Progress');
    expect(simTicket.ownerId).toBe(Number(me.id));
    // Impersonation: the simulator records the write as the tech, not as the API user.
    expect(simTicket.updatedBy).toBe(tech().identifier);
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.ImpersonationResourceId).toBe(me.id);
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(await psa.getTicket(String(simTicket.id))).toEqual(updated);

    const unassigned = await psa.updateTicket(String(simTicket.id), { assigneeId: null });
    expect(unassigned.assignee).toBeNull();
    expect(simTicket.ownerId).toBeNull();
  });

  it('a ticket Autotask does not have: notFound naming it, without a new zone discovery', async () => {
    const { psa, requests } = adapter();
    await psa.listBoards();
    await psa.listMembers();
    requests.length = 0;
    const error = await failure(psa.updateTicket('999999', { statusId: '8' }));
    expect(error.kind).toBe('notFound');
    expect(error.userMessage).toMatch(/^Autotask could not find ticket 999999/);
    // Who "me" is (the API user's service desk roles) may be read first; the zone is never asked again.
    const paths = requests.map((r) => new URL(r.url).pathname);
    expect(paths.filter((path) => path.endsWith('/Tickets'))).toEqual(['/ATServicesRest/V1.0/Tickets']);
    expect(paths.filter((path) => path.includes('zoneInformation'))).toEqual([]);
    expect((await failure(psa.getTicket('999999'))).kind).toBe('notFound');
  });

  it('a status Autotask refuses is badRequest in its words, sent once', async () => {
    const { psa, requests } = adapter();
    const error = await failure(psa.updateTicket(String(simOpenOnBoard(1)[0]!.id), { statusId: '9' }));
    expect(error.kind).toBe('badRequest');
    expect(error.userMessage).toContain('status 9 is an inactive status');
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('who "me" is: refuses the shared API user, finds the tech by e-mail, and a tech\'s own credentials are the tech', async () => {
    expect((await failure(adapter().psa.whoAmI())).userMessage).toBe(API_USER_NOT_A_TECH);
    expect((await adapter({ meEmail: tech().email }).psa.whoAmI()).id).toBe(String(tech().resourceId));
    const own = await adapter({ userName: tech().userName, secret: tech().secret }).psa.whoAmI();
    expect(own).toMatchObject({ id: String(tech().resourceId), name: tech().name, identifier: tech().userName });
    const members = await adapter().psa.listMembers();
    expect(members.some((m) => m.id === String(AUTOTASK_API_USER_RESOURCE_ID))).toBe(false);
    expect(members.length).toBe(sim.data.members.length);
  });

  it('logs time once, with the tech\'s role', async () => {
    const { psa, requests } = adapter({ meResourceId: String(tech().resourceId) });
    const simTicket = simOpenOnBoard(1)[0]!;
    const start = new Date(Date.now() - 3_600_000);
    const entry = await psa.addTimeEntry({
      ticketId: String(simTicket.id),
      memberId: String(tech().resourceId),
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      hours: 0.5,
      notes: 'Replaced the toner',
    });
    expect(sim.data.timeEntries.find((e) => String(e.id) === entry.id)).toMatchObject({ ticketId: simTicket.id, memberId: tech().resourceId, hours: 0.5, notes: 'Replaced the toner' });
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/TimeEntries'))).toHaveLength(1);

    // What the outbox asks when the answer to that POST was lost: it landed, once.
    const found = await psa.findTimeEntries({ ticketId: String(simTicket.id), memberId: String(tech().resourceId), start: start.toISOString() });
    expect(found).toEqual([{ ...entry, start: found[0]!.start, end: found[0]!.end }]);
    expect(Math.abs(Date.parse(found[0]!.start) - start.getTime())).toBeLessThan(1000);
    expect(await psa.findTimeEntries({ ticketId: String(simTicket.id), memberId: String(tech().resourceId), start: new Date(start.getTime() + 5000).toISOString() })).toEqual([]);
  });

  it('auth failures say which credentials to check; an unknown user is named', async () => {
    const secret = await failure(adapter({ secret: 'wrong' }).psa.listBoards());
    expect(secret.kind).toBe('auth');
    expect(secret.userMessage).toMatch(/^Autotask refused the credentials \(Unable to authenticate.*\)\. Check the API user name, secret and integration code in Pullboard's options\.$/);
    const code = await failure(adapter({ integrationCode: 'NOPE' }).psa.listBoards());
    expect(code.kind).toBe('auth');
    expect(code.userMessage).toContain('IntegrationCode is invalid');
    const user = await failure(adapter({ userName: 'nobody@example.com' }).psa.listBoards());
    expect(user.kind).toBe('config');
    expect(user.userMessage).toContain("Autotask could not find the API user 'nobody@example.com'");
  });

  it('retries a 500 on a read; past the threshold (a 500 too) it is rate-limited and backs off', async () => {
    const { psa, sleeps, events } = adapter();
    await psa.listBoards();
    events.length = 0;
    sim.faults.fail500 = { remaining: 2 };
    await psa.getTicket(String(simOpenOnBoard(1)[0]!.id));
    expect(sleeps).toHaveLength(2);
    expect(events.slice(0, 3).map((e) => e.status)).toEqual([500, 500, 200]);

    sleeps.length = 0;
    sim.faults.fail429 = { remaining: 1, retryAfterSeconds: 1 };
    await psa.getTicket(String(simOpenOnBoard(1)[0]!.id));
    expect(sleeps).toHaveLength(1);
    expect(events.some((e) => e.status === 429)).toBe(true);
  });

  it('rejects a malformed record naming the field, keeps the rest of the page', async () => {
    const { psa } = adapter();
    const victim = simOpenOnBoard(1)[3]!;
    const summary = victim.summary;
    (victim as { summary: unknown }).summary = 12345;
    try {
      const loaded = await pages(psa.listTickets({ boardId: queueId, openOnly: true }));
      expect(loaded.flatMap((p) => p.rejected)).toEqual([{ id: String(victim.id), problem: 'title: expected string, got 12345' }]);
      expect(loaded.flatMap((p) => p.tickets)).toHaveLength(simOpenOnBoard(1).length - 1);
    } finally {
      victim.summary = summary;
    }
  });

  it('createPsa builds a working Autotask adapter', async () => {
    const psa = createPsa(connection({ meEmail: tech().email }));
    expect(psa.kind).toBe('autotask');
    expect((await psa.whoAmI()).name).toBe(tech().name);
  });
});

describe('Autotask past its hourly budget', () => {
  let slow: Simulator;
  beforeAll(async () => {
    slow = await startSimulator({ port: 0, tickets: 40, seed: 1, autotask: { hourlyBudget: 4, throttleDelayMs: 60 } });
  });
  afterAll(async () => slow.close());

  it('answers slower; the adapter counts its requests and its average answer time rises, so the poller can slow down', async () => {
    const { integrationCode, apiUser } = autotaskCredentials(slow.data);
    const psa = new AutotaskPsa(
      { kind: 'autotask', id: 'slow', userName: apiUser.userName, secret: apiUser.secret, integrationCode, discoveryUrl: `${slow.url}/ATServicesRest/`, zoneUrl: null, webUrl: null, queueId: null, meResourceId: null },
      { fetch: (input, init) => fetch(input, init), sleep: async () => undefined, now: () => Date.now() },
    );
    await psa.listBoards();
    const early = psa.latencyMs()!;
    for (let i = 0; i < 6; i++) await psa.countOpenTickets((await psa.listBoards())[0]!.id);
    expect(psa.requestRate()).toEqual({ lastHour: 8, lastMinute: 8 });
    expect(psa.latencyMs()!).toBeGreaterThan(early + 30);
    const threshold = await psa.thresholdInformation();
    expect(threshold.limit).toBe(4);
    expect(threshold.used).toBeGreaterThanOrEqual(8);
  });
});

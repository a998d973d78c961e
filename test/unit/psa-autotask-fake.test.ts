/**
 * The Autotask adapter against a hand-written fake: zone discovery, the query it builds, cursor paging and
 * where it refuses to follow, picklist ranks, name look-ups and what they cost, who "me" is, writes, and
 * what Autotask's 500 answers become.
 */
import { describe, expect, it } from 'vitest';
import { API_USER_NOT_A_TECH, AutotaskPsa, type AutotaskOptions } from '../../utils/psa/autotask/adapter';
import { PsaError } from '../../utils/psa/errors';
import type { HttpDeps } from '../../utils/psa/http';
import { type Ticket } from '../../utils/psa/model';
import { AUTOTASK_DISCOVERY_URL, type AutotaskConnection } from '../../utils/psa/autotask/connection';

const ZONE = 'https://webservices5.autotask.net/ATServicesRest/';
const API = `${ZONE}V1.0`;
const WEB = 'https://ww5.autotask.net/';
const QUEUE = 29683354;
const API_USER = 'pbapi@msp.example';

const connection = (overrides: Partial<AutotaskConnection> = {}): AutotaskConnection => ({
  kind: 'autotask',
  id: 'a1',
  userName: API_USER,
  secret: 's3cr*t',
  integrationCode: 'INTEGRATIONCODE27CHARSXXXXX',
  discoveryUrl: AUTOTASK_DISCOVERY_URL,
  zoneUrl: null,
  webUrl: null,
  queueId: String(QUEUE),
  meResourceId: null,
  ...overrides,
});

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}
type Route = (request: Seen & { path: string }) => Response | undefined;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errors = (...messages: string[]) => json({ errors: messages }, 500);

function fakeAutotask(routes: Route[]) {
  const seen: Seen[] = [];
  let now = Date.parse('2026-11-25T12:00:00Z');
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const request = {
      method: init.method ?? 'GET',
      url,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    seen.push(request);
    const path = url.startsWith(API) ? url.slice(API.length).replace(/\?.*$/, '') : url;
    for (const route of routes) {
      const response = route({ ...request, path });
      if (response) return response;
    }
    return errors(`No such resource: ${url}.`);
  }) as typeof globalThis.fetch;
  const sleeps: number[] = [];
  const deps: HttpDeps = {
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => (now += 5),
    random: () => 0,
  };
  return { deps, seen, sleeps, api: () => seen.filter((s) => s.url.startsWith(API)) };
}

const zone: Route = ({ url }) =>
  url.startsWith(`${AUTOTASK_DISCOVERY_URL}V1.0/zoneInformation?user=`) ? json({ zoneName: 'America East 5', url: ZONE, webUrl: WEB, ci: 1 }) : undefined;

const pick = (value: number, label: string, sortOrder: number, isActive = true) => ({ value: String(value), label, sortOrder, isActive, isDefaultValue: false, parentValue: '' });
const fields: Route = ({ path }) =>
  path === '/Tickets/entityInformation/fields'
    ? json({
        fields: [
          { name: 'id', isPickList: false, picklistValues: null },
          { name: 'status', isPickList: true, picklistValues: [pick(1, 'New', 1), pick(8, 'In Progress', 2), pick(7, 'Waiting Customer', 3), pick(5, 'Complete', 9), pick(9, 'Waiting Materials', 4, false)] },
          // A default database: Critical is 4, High 1, Medium 2, Low 3; only sortOrder says which is most urgent.
          { name: 'priority', isPickList: true, picklistValues: [pick(1, 'High', 2), pick(2, 'Medium', 3), pick(3, 'Low', 4), pick(4, 'Critical', 1), { value: 'x', label: 'broken' }] },
          { name: 'queueID', isPickList: true, picklistValues: [pick(QUEUE, 'Service Desk', 1), pick(29683340, 'Level II (retired)', 2, false)] },
          { name: 'issueType', isPickList: true, picklistValues: [pick(12, 'Email', 1)] },
          { name: 'subIssueType', isPickList: true, picklistValues: [{ ...pick(121, 'Outlook', 1), parentValue: '12' }] },
        ],
      })
    : undefined;

const resources = [
  { id: 29682885, userName: API_USER, firstName: 'Pullboard', lastName: 'Integration', email: API_USER, isActive: true, licenseType: 7 },
  { id: 4, userName: 'adunn@msp.example', firstName: 'Alex', lastName: 'Dunn', email: 'alex.dunn@msp.example', isActive: true, licenseType: 3 },
  { id: 5, userName: 'bcole@msp.example', firstName: 'Bea', lastName: 'Cole', email: 'bea.cole@msp.example', isActive: true, licenseType: 3 },
];
const resourceQuery: Route = ({ path, method }) =>
  method === 'POST' && path === '/Resources/query' ? json({ items: resources, pageDetails: { count: 3, requestCount: 500, nextPageUrl: null } }) : undefined;
const roles: Route = ({ path, body }) => {
  if (path !== '/ResourceServiceDeskRoles/query') return undefined;
  const resourceId = ((body as { filter: { field: string; value: number }[] }).filter.find((f) => f.field === 'resourceID')?.value) ?? 0;
  const rows = resourceId === 4 ? [{ id: 1, resourceID: 4, roleID: 300, isDefault: false, isActive: true }, { id: 2, resourceID: 4, roleID: 301, isDefault: true, isActive: true }] : [];
  return json({ items: rows, pageDetails: { count: rows.length, requestCount: 500, nextPageUrl: null } });
};
const names: Route = ({ path, body }) => {
  const ids = ((body as { filter?: { op: string; value: number[] }[] } | undefined)?.filter?.[0]?.value ?? []) as number[];
  if (path === '/Companies/query') return json({ items: ids.filter((id) => id !== 666).map((id) => ({ id, companyName: `Company ${id} Ltd` })), pageDetails: { nextPageUrl: null } });
  if (path === '/Contacts/query') return json({ items: ids.map((id) => ({ id, firstName: 'Contact', lastName: String(id) })), pageDetails: { nextPageUrl: null } });
  return undefined;
};

function atTicket(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    ticketNumber: `T20261125.${String(id).padStart(4, '0')}`,
    title: `Ticket ${id}`,
    queueID: QUEUE,
    status: 1,
    priority: 4,
    issueType: 12,
    subIssueType: 121,
    assignedResourceID: null,
    companyID: 100 + (id % 3),
    contactID: 200 + id,
    createDate: '2026-11-25T08:00:00.1234567Z',
    lastActivityDate: '2026-11-25T09:00:00.12Z',
    completedDate: null,
    dueDateTime: '2026-11-27T17:00:00Z',
    estimatedHours: 2,
    firstResponseDueDateTime: '2026-11-25T09:00:00Z',
    firstResponseDateTime: null,
    resolvedDueDateTime: '2026-11-26T08:00:00Z',
    resolvedDateTime: null,
    serviceLevelAgreementHasBeenMet: true,
    ...extra,
  };
}

/** Serves tickets in pages of `size` through opaque cursors, as Autotask does. */
function ticketPages(all: unknown[], size: number, cursorHost = ZONE): Route {
  return ({ path, url, method }) => {
    if (method !== 'POST') return undefined;
    const cursor = /\/Tickets\/query\/next\?paging=(\d+)$/.exec(url);
    if (path !== '/Tickets/query' && !cursor) return undefined;
    const start = cursor ? Number(cursor[1]) : 0;
    const items = all.slice(start, start + size);
    const next = start + size < all.length ? `${cursorHost}V1.0/Tickets/query/next?paging=${start + size}` : null;
    return json({ items, pageDetails: { count: items.length, requestCount: size, prevPageUrl: null, nextPageUrl: next } });
  };
}

async function load(psa: AutotaskPsa, query = { boardId: String(QUEUE), openOnly: true }) {
  const tickets: Ticket[] = [];
  const rejected = [];
  for await (const page of psa.listTickets(query)) {
    tickets.push(...page.tickets);
    rejected.push(...page.rejected);
  }
  return { tickets, rejected };
}

async function failure(promise: Promise<unknown>): Promise<PsaError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PsaError);
  return error as PsaError;
}

const adapter = (fake: ReturnType<typeof fakeAutotask>, overrides: Partial<AutotaskConnection> = {}, options: AutotaskOptions = {}) =>
  new AutotaskPsa(connection(overrides), fake.deps, options);

describe('Autotask adapter (fake server)', () => {
  it('discovers the zone without sending credentials, then calls the zone with the three headers; a kept zone skips discovery', async () => {
    const fake = fakeAutotask([zone, fields]);
    const found: unknown[] = [];
    const psa = adapter(fake, {}, { onDiscovered: (z) => found.push(z) });
    expect((await psa.listBoards()).map((b) => b.name)).toEqual(['Service Desk']);
    expect(fake.seen.map((s) => s.url)).toEqual([`${AUTOTASK_DISCOVERY_URL}V1.0/zoneInformation?user=pbapi%40msp.example`, `${API}/Tickets/entityInformation/fields`]);
    expect(fake.seen[0]!.headers).toEqual({ Accept: 'application/json' });
    expect(fake.seen[1]!.headers).toMatchObject({ ApiIntegrationCode: 'INTEGRATIONCODE27CHARSXXXXX', UserName: API_USER, Secret: 's3cr*t' });
    expect(found).toEqual([{ zoneUrl: ZONE, webUrl: WEB }]);

    const kept = fakeAutotask([zone, fields]);
    await adapter(kept, { zoneUrl: ZONE, webUrl: WEB }).listBoards();
    expect(kept.seen.map((s) => s.url)).toEqual([`${API}/Tickets/entityInformation/fields`]);
  });

  it('an unknown API user is a config error naming it; a zone off Autotask is not trusted with the credentials', async () => {
    const unknown = fakeAutotask([({ url }) => (url.includes('zoneInformation') ? errors("Zone information could not be determined for user 'pbapi@msp.example'.") : undefined)]);
    const error = await failure(adapter(unknown).listBoards());
    expect(error.kind).toBe('config');
    expect(error.userMessage).toMatch(/^Autotask could not find the API user 'pbapi@msp\.example' \(.*\)\. Check the API user name in Pullboard's options\.$/);
    expect(unknown.seen).toHaveLength(1);

    const evil = fakeAutotask([({ url }) => (url.includes('zoneInformation') ? json({ url: 'https://collector.example/ATServicesRest/', webUrl: WEB }) : undefined)]);
    const refused = await failure(adapter(evil).listBoards());
    expect(refused.kind).toBe('config');
    expect(refused.userMessage).toContain('not an Autotask host');
    expect(evil.seen.every((s) => !s.url.includes('collector.example'))).toBe(true);
  });

  it('asks for the queue, open statuses, only the fields it maps and 500 a page', async () => {
    const fake = fakeAutotask([zone, fields, ticketPages([], 500)]);
    await load(adapter(fake));
    const query = fake.seen.find((s) => s.url === `${API}/Tickets/query`)!;
    expect(query.method).toBe('POST');
    expect(query.body).toEqual({
      filter: [
        { op: 'eq', field: 'queueID', value: QUEUE },
        { op: 'noteq', field: 'status', value: 5 },
      ],
      IncludeFields: expect.arrayContaining(['id', 'ticketNumber', 'lastActivityDate', 'serviceLevelAgreementHasBeenMet']) as unknown,
      MaxRecords: 500,
    });
    expect((query.body as { IncludeFields: string[] }).IncludeFields).not.toContain('description');
  });

  it('maps a ticket: labels from picklists, priority rank by sortOrder (Critical = 4 is rank 1), names, SLA, page URL', async () => {
    const fake = fakeAutotask([zone, fields, resourceQuery, names, ticketPages([atTicket(1, { assignedResourceID: 4 }), atTicket(2, { priority: 3, status: 5, completedDate: '2026-11-25T10:00:00Z' }), atTicket(3, { priority: 1, completedDate: '2026-11-25T10:00:00Z' })], 500)]);
    const { tickets, rejected } = await load(adapter(fake), { boardId: String(QUEUE), openOnly: false });
    expect(rejected).toEqual([]);
    expect(tickets[0]).toEqual({
      id: '1',
      number: 'T20261125.0001',
      title: 'Ticket 1',
      status: { id: '1', name: 'New' },
      closed: false,
      board: { id: String(QUEUE), name: 'Service Desk' },
      priority: { id: '4', name: 'Critical', rank: 1, colour: null },
      assignee: { id: '4', name: 'Alex Dunn' },
      team: null,
      company: { id: '101', name: 'Company 101 Ltd' },
      contact: { id: '201', name: 'Contact 201' },
      type: { id: '12', name: 'Email' },
      subtype: { id: '121', name: 'Outlook' },
      created: '2026-11-25T08:00:00.123Z',
      updated: '2026-11-25T09:00:00.120Z',
      sla: { respondBy: '2026-11-25T09:00:00.000Z', resolveBy: '2026-11-26T08:00:00.000Z', respondedAt: null, resolvedAt: null, met: true, dueBy: '2026-11-27T17:00:00.000Z' },
      estimateHours: 2,
      actualHours: null,
      url: `${WEB}Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=1`,
    } satisfies Ticket);
    expect(tickets.map((t) => [t.priority?.name, t.priority?.rank, t.closed])).toEqual([
      ['Critical', 1, false],
      ['Low', 4, true],
      ['High', 2, true],
    ]);
  });

  it('follows nextPageUrl with the same body, stops on a short page and keeps the first copy of a repeated ticket', async () => {
    const all = [atTicket(1), atTicket(2), atTicket(3), atTicket(3), atTicket(4), atTicket(5)];
    const fake = fakeAutotask([zone, fields, resourceQuery, names, ticketPages(all, 2)]);
    const { tickets } = await load(adapter(fake, {}, { pageSize: 2 }));
    expect(tickets.map((t) => t.id)).toEqual(['1', '2', '3', '4', '5']);
    const queries = fake.seen.filter((s) => s.url.includes('/Tickets/query'));
    expect(queries.map((q) => q.url.replace(API, ''))).toEqual([
      '/Tickets/query',
      '/Tickets/query/next?paging=2',
      '/Tickets/query/next?paging=4',
    ]);
    expect(new Set(queries.map((q) => JSON.stringify(q.body))).size).toBe(1);
    expect(queries.every((q) => q.method === 'POST' && q.headers.Secret === 's3cr*t')).toBe(true);
  });

  it('does not follow a nextPageUrl to another host: the credentials go to the zone only', async () => {
    const fake = fakeAutotask([zone, fields, resourceQuery, names, ticketPages([atTicket(1), atTicket(2), atTicket(3)], 2, 'https://proxy.internal/ATServicesRest/')]);
    const error = await failure(load(adapter(fake, {}, { pageSize: 2 })));
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toContain('on proxy.internal, not on its zone webservices5.autotask.net');
    expect(fake.seen.some((s) => s.url.includes('proxy.internal'))).toBe(false);
  });

  it('reads company and contact names in one batch each per page, and never again', async () => {
    const fake = fakeAutotask([zone, fields, resourceQuery, names, ticketPages([atTicket(1), atTicket(2), atTicket(3), atTicket(4, { companyID: 666 })], 2)]);
    const psa = adapter(fake, {}, { pageSize: 2 });
    const { tickets } = await load(psa);
    const byPath = (path: string) => fake.seen.filter((s) => s.url === `${API}${path}`);
    expect(byPath('/Companies/query').map((s) => s.body)).toEqual([
      { filter: [{ op: 'in', field: 'id', value: [101, 102] }], IncludeFields: ['id', 'companyName'], MaxRecords: 2 },
      { filter: [{ op: 'in', field: 'id', value: [100, 666] }], IncludeFields: ['id', 'companyName'], MaxRecords: 2 },
    ]);
    expect(byPath('/Contacts/query')).toHaveLength(2);
    // A company Autotask no longer has: the ticket keeps its id for a name, and it is not asked for again.
    expect(tickets.find((t) => t.id === '4')?.company).toEqual({ id: '666', name: 'Company 666' });

    fake.seen.length = 0;
    await load(psa);
    expect(fake.seen.map((s) => s.url.replace(API, ''))).toEqual(['/Tickets/query', '/Tickets/query/next?paging=2']);
  });

  it('a 404 on the contacts query costs the contact names, not the board', async () => {
    const noContacts: Route = ({ path }) => (path === '/Contacts/query' ? json({ errors: ['Not found'] }, 404) : undefined);
    const fake = fakeAutotask([zone, fields, resourceQuery, noContacts, names, ticketPages([atTicket(1)], 500)]);
    const { tickets } = await load(adapter(fake, { zoneUrl: ZONE, webUrl: WEB }));
    expect(tickets.map((t) => t.id)).toEqual(['1']);
    if (tickets[0]!.contact) expect(tickets[0]!.contact.name).toMatch(/^Contact \d+$/);
    // The zone was asked again once, in case the 404 meant it moved; it had not, and contacts were not asked again.
    expect(fake.seen.filter((s) => s.url.includes('zoneInformation'))).toHaveLength(1);
    expect(fake.seen.filter((s) => s.url === `${API}/Contacts/query`)).toHaveLength(1);
  });

  it('an incremental poll with nothing new costs one request', async () => {
    const fake = fakeAutotask([zone, fields, ticketPages([], 500)]);
    const psa = adapter(fake, { zoneUrl: ZONE, webUrl: WEB });
    const { tickets } = await load(psa, { boardId: String(QUEUE), openOnly: false, updatedSince: '2026-11-25T09:00:00.120Z' } as never);
    expect(tickets).toEqual([]);
    expect(fake.seen).toHaveLength(1);
    expect((fake.seen[0]!.body as { filter: unknown[] }).filter).toContainEqual({ op: 'gte', field: 'lastActivityDate', value: '2026-11-25T09:00:00.120Z' });
    expect(psa.requestRate()).toEqual({ lastHour: 1, lastMinute: 1 });
    expect(psa.latencyMs()).toBeGreaterThanOrEqual(0);
  });

  it('a refused integration code is an auth error naming the three credentials, sent once (not retried)', async () => {
    const fake = fakeAutotask([zone, ({ path }) => (path.startsWith('/') ? errors('IntegrationCode is invalid.') : undefined)]);
    const error = await failure(adapter(fake).listBoards());
    expect(error.kind).toBe('auth');
    expect(error.userMessage).toBe("Autotask refused the credentials (IntegrationCode is invalid.). Check the API user name, secret and integration code in Pullboard's options.");
    expect(fake.api()).toHaveLength(1);
    expect(fake.sleeps).toEqual([]);
  });

  it('an invalid request is badRequest with Autotask\'s words, not retried; an unexpected error is retried', async () => {
    const invalid = fakeAutotask([zone, fields, ({ path }) => (path === '/Tickets/query' ? errors("Unable to find field 'queueID' in the Ticket entity.") : undefined)]);
    const error = await failure(load(adapter(invalid)));
    expect(error.kind).toBe('badRequest');
    expect(error.userMessage).toContain("Unable to find field 'queueID' in the Ticket entity.");
    expect(invalid.sleeps).toEqual([]);

    let failures = 2;
    const flaky = fakeAutotask([zone, ({ path }) => (path === '/Tickets/entityInformation/fields' && failures-- > 0 ? errors('An unexpected error has occurred. Please try again later.') : undefined), fields]);
    expect(await adapter(flaky).listBoards()).toHaveLength(1);
    expect(flaky.sleeps).toHaveLength(2);
  });

  it('a zone that says the user lives elsewhere: rediscovers once and sends again to the new zone', async () => {
    const moved = 'https://webservices14.autotask.net/ATServicesRest/';
    let discoveries = 0;
    const fake = fakeAutotask([
      ({ url }) => (url.includes('zoneInformation') ? (discoveries++, json({ url: moved, webUrl: 'https://ww14.autotask.net/' })) : undefined),
      ({ url }) => (url.startsWith(ZONE) ? errors('The user is not in this zone.') : undefined),
      ({ url }) => (url === `${moved}V1.0/Tickets/entityInformation/fields` ? fields({ ...({} as Seen), path: '/Tickets/entityInformation/fields' }) : undefined),
    ]);
    const boards = await adapter(fake, { zoneUrl: ZONE, webUrl: WEB }).listBoards();
    expect(boards).toHaveLength(1);
    expect(discoveries).toBe(1);
    expect(fake.seen.map((s) => new URL(s.url).host)).toEqual(['webservices5.autotask.net', 'webservices.autotask.net', 'webservices14.autotask.net']);
  });

  describe('who "me" is', () => {
    it('shared API user, nothing chosen: refuses with what to do', async () => {
      const fake = fakeAutotask([zone, resourceQuery, roles]);
      const error = await failure(adapter(fake).whoAmI());
      expect(error.kind).toBe('config');
      expect(error.userMessage).toBe(API_USER_NOT_A_TECH);
    });

    it('the resource chosen in options wins; then a match by e-mail; a tech\'s own credentials are the tech', async () => {
      const fake = fakeAutotask([zone, resourceQuery, roles]);
      expect((await adapter(fake, { meResourceId: '5' }).whoAmI()).name).toBe('Bea Cole');
      expect(await adapter(fake, { meEmail: 'ALEX.DUNN@msp.example' }).whoAmI()).toEqual({
        id: '4',
        identifier: 'adunn@msp.example',
        name: 'Alex Dunn',
        email: 'alex.dunn@msp.example',
        inactive: false,
      });
      expect((await adapter(fake, { userName: 'bcole@msp.example', meEmail: 'alex.dunn@msp.example' }).whoAmI()).name).toBe('Bea Cole');
      const missing = await failure(adapter(fake, { meEmail: 'nobody@msp.example' }).whoAmI());
      expect(missing.userMessage).toContain('No active Autotask technician has the e-mail nobody@msp.example');
      expect((await failure(adapter(fake, { meResourceId: '99' }).whoAmI())).userMessage).toContain('Autotask has no resource 99 any more');
    });

    it('where the resource record does not say, a resource without a service desk role is not a tech', async () => {
      const bare = resources.map(({ licenseType: _license, ...rest }) => rest);
      const fake = fakeAutotask([zone, roles, ({ path }) => (path === '/Resources/query' ? json({ items: bare, pageDetails: {} }) : undefined)]);
      expect((await failure(adapter(fake).whoAmI())).userMessage).toBe(API_USER_NOT_A_TECH);
      expect((await adapter(fake, { userName: 'adunn@msp.example' }).whoAmI()).id).toBe('4');
      // The credentials' own API user, unable to hold a ticket, is not offered as "me" either.
      expect((await adapter(fake).listMembers()).map((m) => m.id)).toEqual(['4', '5']);
      expect((await adapter(fakeAutotask([zone, resourceQuery])).listMembers()).map((m) => m.id)).toEqual(['4', '5']);
    });
  });

  describe('writes', () => {
    const read: Route = ({ path, method }) => (method === 'GET' && path === '/Tickets/42' ? json({ item: atTicket(42, { status: 8, assignedResourceID: 4 }) }) : undefined);
    const patch: Route = ({ path, method }) => (method === 'PATCH' && path === '/Tickets' ? json({ itemId: 42 }) : undefined);

    it('a sparse PATCH with the assignee\'s default role, as the tech through the shared API user, then one read', async () => {
      const fake = fakeAutotask([zone, fields, resourceQuery, roles, names, patch, read]);
      const ticket = await adapter(fake, { meResourceId: '4' }).updateTicket('42', { statusId: '8', assigneeId: '4' });
      expect(ticket).toMatchObject({ id: '42', status: { id: '8', name: 'In Progress' }, assignee: { id: '4', name: 'Alex Dunn' } });
      const write = fake.seen.find((s) => s.method === 'PATCH')!;
      expect(write.url).toBe(`${API}/Tickets`);
      expect(write.body).toEqual({ id: 42, status: 8, assignedResourceID: 4, assignedResourceRoleID: 301 });
      expect(write.headers.ImpersonationResourceId).toBe('4');
      expect(fake.seen.some((s) => s.method === 'PUT')).toBe(false);
      expect(fake.seen.filter((s) => s.url === `${API}/Tickets/42`)).toHaveLength(1);
    });

    it('unassigning empties resource and role; a tech writing with their own credentials does not impersonate', async () => {
      const fake = fakeAutotask([zone, fields, resourceQuery, roles, names, patch, read]);
      await adapter(fake, { userName: 'adunn@msp.example' }).updateTicket('42', { assigneeId: null });
      const write = fake.seen.find((s) => s.method === 'PATCH')!;
      expect(write.body).toEqual({ id: 42, assignedResourceID: null, assignedResourceRoleID: null });
      expect(write.headers.ImpersonationResourceId).toBeUndefined();
    });

    it('assigning a resource without a service desk role says who and what to ask for, before writing', async () => {
      const fake = fakeAutotask([zone, fields, resourceQuery, roles, patch, read]);
      const error = await failure(adapter(fake).updateTicket('42', { assigneeId: '5' }));
      expect(error.kind).toBe('config');
      expect(error.userMessage).toMatch(/^Bea Cole has no active service desk role in Autotask/);
      expect(fake.seen.some((s) => s.method === 'PATCH')).toBe(false);
    });

    it('a missing ticket ({item: null}) is notFound naming it', async () => {
      const fake = fakeAutotask([zone, ({ path }) => (path === '/Tickets/7' ? json({ item: null }) : undefined)]);
      const error = await failure(adapter(fake).getTicket('7'));
      expect(error.kind).toBe('notFound');
      expect(error.userMessage).toMatch(/^Autotask could not find ticket 7/);
    });

    it('a time entry is posted once with the role, and not retried when Autotask fails', async () => {
      const posted: Route = ({ path, method }) => (method === 'POST' && path === '/TimeEntries' ? json({ itemId: 9001 }) : undefined);
      const fake = fakeAutotask([zone, resourceQuery, roles, posted]);
      const entry = await adapter(fake, { meResourceId: '4' }).addTimeEntry({
        ticketId: '42',
        memberId: '4',
        start: '2026-11-25T09:00:00Z',
        end: '2026-11-25T09:30:00Z',
        hours: 0.5,
        notes: 'Replaced the toner',
      });
      expect(entry).toEqual({ id: '9001', ticketId: '42', memberId: '4', start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T09:30:00.000Z', hours: 0.5, notes: 'Replaced the toner' });
      expect(fake.seen.find((s) => s.method === 'POST' && s.url.endsWith('/TimeEntries'))?.body).toMatchObject({
        ticketID: 42,
        resourceID: 4,
        roleID: 301,
        startDateTime: '2026-11-25T09:00:00.000Z',
        endDateTime: '2026-11-25T09:30:00.000Z',
        hoursWorked: 0.5,
        summaryNotes: 'Replaced the toner',
      });

      const broken = fakeAutotask([zone, resourceQuery, roles, ({ path }) => (path === '/TimeEntries' ? errors('An unexpected error has occurred.') : undefined)]);
      const error = await failure(
        adapter(broken).addTimeEntry({ ticketId: '42', memberId: '4', start: '2026-11-25T09:00:00Z', end: '2026-11-25T09:30:00Z', hours: 0.5, notes: 'x' }),
      );
      expect(error.kind).toBe('server');
      expect(error.outcomeUnknown).toBe(true);
      expect(broken.seen.filter((s) => s.url.endsWith('/TimeEntries'))).toHaveLength(1);
    });
  });

  it('statuses are global and ordered by sortOrder; Complete is closed; inactive values say so', async () => {
    const fake = fakeAutotask([zone, fields]);
    const statuses = await adapter(fake).listStatuses(String(QUEUE));
    expect(statuses.map((s) => [s.name, s.order, s.closed, s.inactive, s.boardId])).toEqual([
      ['New', 1, false, false, null],
      ['In Progress', 2, false, false, null],
      ['Waiting Customer', 3, false, false, null],
      ['Waiting Materials', 4, false, true, null],
      ['Complete', 9, true, false, null],
    ]);
    expect((await adapter(fake).listPriorities()).map((p) => [p.id, p.name, p.rank])).toEqual([
      ['4', 'Critical', 1],
      ['1', 'High', 2],
      ['2', 'Medium', 3],
      ['3', 'Low', 4],
    ]);
  });
});

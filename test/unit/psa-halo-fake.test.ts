/**
 * The Halo adapter against a hand-written fake: the client-credentials token (cache, early refresh, one
 * retry after a 401, the "no agent to log in as" page), paging through capped pages and an unreliable
 * record_count, names resolved from ids, who "me" is, and POST-array upserts answered three ways.
 */
import { describe, expect, it } from 'vitest';
import { APPLICATION_NOT_AN_AGENT, HaloPsa, NO_AGENT_TO_LOG_IN_AS } from '../../utils/psa/halo/adapter';
import { PsaError } from '../../utils/psa/errors';
import type { HttpDeps } from '../../utils/psa/http';
import type { Ticket } from '../../utils/psa/model';
import type { HaloConnection } from '../../utils/psa/halo/connection';

const URL_ = 'https://acme.halopsa.com';
const API = `${URL_}/api`;

const connection = (overrides: Partial<HaloConnection> = {}): HaloConnection => ({
  kind: 'halo',
  id: 'h1',
  url: URL_,
  authUrl: null,
  tenant: null,
  clientId: 'client-guid',
  clientSecret: 'client-secret',
  teamId: '11',
  meAgentId: null,
  ...overrides,
});

interface Seen {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}
type Route = (request: Seen & { path: string }) => Response | undefined;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function fakeHalo(routes: Route[], options: { lifetime?: number } = {}) {
  const seen: Seen[] = [];
  let issued = 0;
  const clock = { now: Date.parse('2026-11-25T12:00:00Z') };
  const live = new Map<string, number>();
  const token: Route = ({ path, method }) => {
    if (path !== '/auth/token' || method !== 'POST') return undefined;
    issued++;
    const value = `token-${issued}`;
    live.set(value, clock.now + (options.lifetime ?? 3600) * 1000);
    return json({ token_type: 'Bearer', access_token: value, expires_in: options.lifetime ?? 3600, scope: 'all' });
  };
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const request = { method: init.method ?? 'GET', url, headers: { ...(init.headers as Record<string, string>) }, body: init.body as string | undefined };
    seen.push(request);
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice(4) : url.pathname;
    for (const route of [...routes, token]) {
      const response = route({ ...request, path });
      if (response) return response;
    }
    return json({ message: `No HTTP resource was found that matches the request URI '${url.pathname}'.` }, 404);
  }) as typeof globalThis.fetch;
  const sleeps: number[] = [];
  const deps: HttpDeps = { fetch, sleep: async (ms) => void sleeps.push(ms), now: () => clock.now, random: () => 0 };
  /** True when the request carried a token the fake issued and that has not expired. */
  const authorised = (headers: Record<string, string>) => {
    const value = /^Bearer (.+)$/.exec(headers.Authorization ?? '')?.[1];
    return value !== undefined && (live.get(value) ?? 0) > clock.now;
  };
  return { deps, seen, sleeps, clock, live, authorised, issued: () => issued, api: () => seen.filter((s) => s.url.pathname.startsWith('/api/')) };
}

type Fake = ReturnType<typeof fakeHalo>;

/** Serves `path` only with a valid token; 401 with no body otherwise, as ASP.NET does. */
const guarded = (fake: () => Fake, path: string, answer: (request: Seen) => Response): Route => (request) => {
  if (request.path.toLowerCase() !== path.toLowerCase()) return undefined;
  if (!fake().authorised(request.headers)) return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
  return answer(request);
};

const statuses = [
  { id: 1, name: 'New', shortname: 'NEW', type: 1, sequence: 1 },
  { id: 2, name: 'In Progress', type: 0, sequence: 3 },
  { id: 9, name: 'Closed', type: 2, sequence: 8 },
  { id: 21, name: 'Triage', type: 0, sequence: 2 },
];
/** One row per SLA: priorityid 1 is the most urgent; names differ per SLA. */
const priorities = [
  { id: 'guid-1-3', slaid: 1, priorityid: 3, name: 'P3 Normal', colour: '#2e8b57' },
  { id: 'guid-1-1', slaid: 1, priorityid: 1, name: 'P1 Critical', colour: '#ff0000' },
  { id: 'guid-2-1', slaid: 2, priorityid: 1, name: 'P1 Critical (Premium)', colour: '#ff0000' },
  { id: 'guid-1-2', slaid: 1, priorityid: 2, name: 'P2 High', colour: '#ff8c00', ishidden: false },
];
const agents = [
  { id: 38, name: 'Alex Dunn', email: 'alex.dunn@msp.example' },
  { id: 39, name: 'Bea Cole', email: 'bea.cole@msp.example', isdisabled: true },
];
const apiAgent = { id: 2, name: 'Pullboard Integration', isapiagent: true };

function row(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    summary: `Ticket ${id}`,
    status_id: 1,
    priority_id: 1,
    sla_id: 2,
    agent_id: 1,
    team: 'Service Desk',
    team_id: 11,
    client_id: 500,
    client_name: 'Acme Dental',
    user_id: 700,
    user_name: 'Amelia Adams',
    tickettype_id: 3,
    dateoccurred: '2026-11-25T08:00:00.1234567',
    datecreated: '2026-11-25T08:00:00Z',
    last_update: '2026-11-25T09:00:00.12Z',
    respondbydate: '2026-11-25T09:00:00',
    fixbydate: '0001-01-01T00:00:00',
    responsedate: '1899-12-30T00:00:00',
    deadlinedate: '1900-01-01T00:00:00',
    estimate: 1.5,
    timetaken: 0.25,
    ...extra,
  };
}

/** Every lookup the mapping needs, behind the token check. */
function lookups(fake: () => Fake, agentsAnswer: (rows: unknown[]) => unknown = (rows) => rows): Route[] {
  return [
    guarded(fake, '/Status', () => json(statuses)),
    guarded(fake, '/Priority', () => json(priorities)),
    guarded(fake, '/Agent', () => json(agentsAnswer(agents))),
    guarded(fake, '/TicketType', () => json([{ id: 3, name: 'Incident' }])),
    guarded(fake, '/Team', () => json([{ id: 11, name: 'Service Desk' }, { id: 12, name: 'Projects', inactive: true }])),
  ];
}

/** `/Tickets` pages as a capped tenant serves them: `cap` a page whatever is asked, record_count made up. */
function ticketList(fake: () => Fake, all: unknown[], cap: number, onRequest: (url: URL) => void = () => undefined): Route {
  return guarded(fake, '/Tickets', ({ url }) => {
    onRequest(url);
    const size = Math.min(Number(url.searchParams.get('page_size') ?? 100), cap);
    const page = Number(url.searchParams.get('page_no') ?? 1);
    const rows = all.slice((page - 1) * size, page * size);
    return json({ page_no: page, page_size: size, record_count: size * (page + 1), tickets: rows });
  });
}

async function load(psa: HaloPsa, query = { boardId: '11', openOnly: true } as Parameters<HaloPsa['listTickets']>[0]) {
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

function setup(build: (fake: () => Fake) => Route[], options: { lifetime?: number } = {}, overrides: Partial<HaloConnection> = {}) {
  let fake: Fake | undefined;
  const get = () => fake!;
  fake = fakeHalo(build(get), options);
  return { fake, psa: new HaloPsa(connection(overrides), fake.deps) };
}

describe('Halo adapter (fake server)', () => {
  describe('the token', () => {
    it('asks {url}/auth/token with a form of client credentials and scope all, and reuses the token', async () => {
      const { fake, psa } = setup((f) => [...lookups(f)]);
      await psa.listMembers();
      await psa.listBoards();
      const login = fake.seen.filter((s) => s.url.pathname === '/auth/token');
      expect(login).toHaveLength(1);
      expect(login[0]!.url.href).toBe(`${URL_}/auth/token`);
      expect(login[0]!.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(login[0]!.body))).toEqual({
        grant_type: 'client_credentials',
        client_id: 'client-guid',
        client_secret: 'client-secret',
        scope: 'all',
      });
      expect(fake.api().every((s) => s.headers.Authorization === 'Bearer token-1')).toBe(true);
    });

    it('a hosted authorisation server gets ?tenant=', async () => {
      const { fake, psa } = setup(
        (f) => [({ url, method }) => (url.host === 'auth.halopsa.com' && method === 'POST' ? json({ access_token: 'hosted', expires_in: 3600 }) : undefined), ...lookups(f)],
        {},
        { authUrl: 'https://auth.halopsa.com', tenant: 'acme' },
      );
      await psa.listBoards().catch(() => undefined);
      expect(fake.seen[0]!.url.href).toBe('https://auth.halopsa.com/token?tenant=acme');
    });

    it('is refreshed a minute before it expires, not after', async () => {
      const { fake, psa } = setup((f) => [...lookups(f)]);
      await psa.listBoards();
      fake.clock.now += 3600_000 - 61_000;
      await psa.listBoards();
      expect(fake.issued()).toBe(1);
      fake.clock.now += 2_000;
      await psa.listBoards();
      expect(fake.issued()).toBe(2);
      expect(fake.api().filter((s) => s.headers.Authorization === 'Bearer token-1')).toHaveLength(2);
    });

    it('concurrent calls share one token request', async () => {
      const { fake, psa } = setup((f) => [...lookups(f)]);
      await Promise.all([psa.listBoards(), psa.listMembers(), psa.listPriorities()]);
      expect(fake.issued()).toBe(1);
    });

    it('a 401 (token revoked or expired early) gets one fresh token and one more try', async () => {
      const { fake, psa } = setup((f) => [...lookups(f)]);
      await psa.listBoards();
      fake.live.clear();
      expect(await psa.listBoards()).toEqual([{ id: '11', name: 'Service Desk' }]);
      expect(fake.issued()).toBe(2);
      expect(fake.api().map((s) => s.headers.Authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    });

    it('a 401 with a fresh token is what the agent may not do, said so, without a third try', async () => {
      const { fake, psa } = setup(() => [({ path }) => (path === '/Team' ? new Response('', { status: 401 }) : undefined)]);
      const error = await failure(psa.listBoards());
      expect(error.kind).toBe('forbidden');
      expect(error.userMessage).toMatch(/^Halo refused GET \/Team even with a fresh login \(401\)\. Ask your Halo administrator/);
      // Teams twice (before and after the fresh login), then one page of tickets for the teams named there: none here.
      expect(fake.api()).toHaveLength(3);
      expect(fake.issued()).toBe(2);
    });

    it('a 500 HTML page from the token endpoint means the application has no agent to log in as', async () => {
      const { fake, psa } = setup(() => [
        ({ path }) => (path === '/auth/token' ? new Response('<!DOCTYPE html><h1>Server Error</h1>', { status: 500, headers: { 'content-type': 'text/html' } }) : undefined),
      ]);
      const error = await failure(psa.whoAmI());
      expect(error.kind).toBe('config');
      expect(error.userMessage).toBe(NO_AGENT_TO_LOG_IN_AS);
      expect(fake.seen).toHaveLength(1);
    });

    it('refused client credentials are an auth error naming what to check', async () => {
      const { psa } = setup(() => [
        ({ path }) => (path === '/auth/token' ? json({ error: 'invalid_client', error_description: 'The client id or secret is not valid.' }, 401) : undefined),
      ]);
      const error = await failure(psa.listBoards());
      expect(error.kind).toBe('auth');
      expect(error.userMessage).toBe("Halo refused the client ID and secret (401). Check them, and the authorisation server and tenant if you set them, in Pullboard's options.");
    });
  });

  describe('paging', () => {
    it('asks 100 a page; a tenant capped at 50 is paged to the end; record_count is ignored', async () => {
      const asked: URL[] = [];
      const all = Array.from({ length: 123 }, (_, i) => row(1000 + i));
      const { psa } = setup((f) => [ticketList(f, all, 50, (url) => asked.push(url)), ...lookups(f)]);
      const { tickets, rejected } = await load(psa);
      expect(rejected).toEqual([]);
      expect(tickets).toHaveLength(123);
      expect(asked.map((u) => u.searchParams.get('page_no'))).toEqual(['1', '2', '3']);
      expect(Object.fromEntries(asked[0]!.searchParams)).toEqual({
        pageinate: 'true',
        page_size: '100',
        team: '11',
        order: 'id',
        orderdesc: 'false',
        open_only: 'true',
        page_no: '1',
      });
    });

    it('an exact multiple of the cap ends on an empty page; a tenant repeating page 1 ends on the page with no new ids', async () => {
      const asked: string[] = [];
      const { psa } = setup((f) => [ticketList(f, Array.from({ length: 100 }, (_, i) => row(i + 1)), 50, (u) => asked.push(u.searchParams.get('page_no')!)), ...lookups(f)]);
      expect((await load(psa)).tickets).toHaveLength(100);
      expect(asked).toEqual(['1', '2', '3']);

      const repeated: string[] = [];
      const { psa: stuck } = setup((f) => [
        guarded(f, '/Tickets', ({ url }) => {
          repeated.push(url.searchParams.get('page_no')!);
          return json({ record_count: 9999, tickets: [row(1), row(2)] });
        }),
        ...lookups(f),
      ]);
      expect((await load(stuck)).tickets.map((t) => t.id)).toEqual(['1', '2']);
      expect(repeated).toEqual(['1', '2']);
    });

    it('once a full load has shown the page size, a poll with a few changes costs one request', async () => {
      const asked: string[] = [];
      const all = Array.from({ length: 60 }, (_, i) => row(i + 1));
      let served = all;
      const { psa } = setup((f) => [
        guarded(f, '/Tickets', ({ url }) => {
          asked.push(url.searchParams.get('page_no')!);
          const page = Number(url.searchParams.get('page_no'));
          return json({ tickets: served.slice((page - 1) * 50, page * 50) });
        }),
        ...lookups(f),
      ]);
      await load(psa, { boardId: '11', openOnly: false });
      expect(asked).toEqual(['1', '2']);
      asked.length = 0;
      served = all.slice(0, 3);
      expect((await load(psa, { boardId: '11', openOnly: false, updatedSince: '2026-11-25T09:00:00Z' })).tickets).toHaveLength(3);
      expect(asked).toEqual(['1']);
    });

    it('an incremental poll with nothing new costs one request (after the token)', async () => {
      const asked: URL[] = [];
      const { fake, psa } = setup((f) => [ticketList(f, [], 50, (u) => asked.push(u)), ...lookups(f)]);
      await load(psa, { boardId: '11', openOnly: false, updatedSince: '2026-11-25T09:00:00.120Z' });
      expect(fake.api()).toHaveLength(1);
      expect(asked[0]!.searchParams.get('datesearch')).toBe('lastupdate');
      expect(asked[0]!.searchParams.get('startdate')).toBe('2026-11-25T09:00:00.120');
      expect(asked[0]!.searchParams.has('open_only')).toBe(false);
      expect(psa.requestRate().lastHour).toBe(2);
    });

    it('closedSince reads the open tickets, then the closed ones changed since, each once', async () => {
      const asked: URL[] = [];
      const { psa } = setup((f) => [
        guarded(f, '/Tickets', ({ url }) => {
          asked.push(url);
          const closed = url.searchParams.get('closed_only') === 'true';
          const rows = closed ? [row(3, { hasbeenclosed: true, status_id: 9 }), row(2)] : [row(1), row(2), row(4)];
          return json({ tickets: url.searchParams.get('page_no') === '1' ? rows : [] });
        }),
        ...lookups(f),
      ]);
      const { tickets } = await load(psa, { boardId: '11', openOnly: true, closedSince: '2026-11-20T00:00:00Z' });
      expect(tickets.map((t) => [t.id, t.closed])).toEqual([
        ['1', false],
        ['2', false],
        ['4', false],
        ['3', true],
      ]);
      expect(asked.map((u) => [u.searchParams.get('page_no'), u.searchParams.get('open_only'), u.searchParams.get('closed_only'), u.searchParams.get('startdate')])).toEqual([
        ['1', 'true', null, null],
        ['2', 'true', null, null],
        // The first pass showed pages of 3: the closed pass's page of 2 is its last.
        ['1', null, 'true', '2026-11-20T00:00:00.000'],
      ]);
    });
  });

  describe('mapping list rows', () => {
    it('resolves status, priority (per SLA, ranked by priorityid) and agent names; placeholders are no date; no zone is UTC', async () => {
      const { psa } = setup((f) => [ticketList(f, [row(1, { agent_id: 38, priority_id: 2, sla_id: 1 })], 50), ...lookups(f, (rows) => ({ results: rows }))]);
      const [ticket] = (await load(psa)).tickets;
      expect(ticket).toEqual({
        id: '1',
        number: '#1',
        title: 'Ticket 1',
        status: { id: '1', name: 'New' },
        closed: false,
        board: { id: '11', name: 'Service Desk' },
        priority: { id: '2', name: 'P2 High', rank: 2, colour: '#ff8c00' },
        assignee: { id: '38', name: 'Alex Dunn' },
        team: { id: '11', name: 'Service Desk' },
        company: { id: '500', name: 'Acme Dental' },
        contact: { id: '700', name: 'Amelia Adams' },
        type: { id: '3', name: 'Incident' },
        subtype: null,
        created: '2026-11-25T08:00:00.123Z',
        updated: '2026-11-25T09:00:00.120Z',
        sla: { respondBy: '2026-11-25T09:00:00.000Z', resolveBy: null, respondedAt: null, resolvedAt: null, met: null, dueBy: null },
        estimateHours: 1.5,
        actualHours: 0.25,
        url: `${URL_}/ticket?id=1`,
      } satisfies Ticket);
    });

    it('agent 1 and 0 are unassigned; hasbeenclosed or status 9 closes; a missing boolean is false; the SLA says met from slastate', async () => {
      const rows = [
        row(1, { agent_id: 1 }),
        row(2, { agent_id: 0, priority_id: 1, sla_id: 2 }),
        row(3, { hasbeenclosed: true, status_id: 2, dateclosed: '2026-11-25T10:00:00', slastate: 'O' }),
        row(4, { status_id: 9, slastate: 'I' }),
        row(5, { slaresponsestate: 'O' }),
      ];
      const { psa } = setup((f) => [ticketList(f, rows, 50), ...lookups(f)]);
      const tickets = (await load(psa)).tickets;
      expect(tickets.map((t) => [t.id, t.assignee, t.closed, t.sla.met])).toEqual([
        ['1', null, false, null],
        ['2', null, false, null],
        ['3', null, true, false],
        ['4', null, true, true],
        ['5', null, false, false],
      ]);
      expect(tickets[1]!.priority).toEqual({ id: '1', name: 'P1 Critical (Premium)', rank: 1, colour: '#ff0000' });
      expect(tickets[2]!.sla.resolvedAt).toBe('2026-11-25T10:00:00.000Z');
    });

    it('a row with a placeholder for its last update is rejected naming the field; the page goes on', async () => {
      const { psa } = setup((f) => [ticketList(f, [row(1), row(2, { last_update: '1900-01-01T00:00:00' }), row(3, { summary: 7 })], 50), ...lookups(f)]);
      const { tickets, rejected } = await load(psa);
      expect(tickets.map((t) => t.id)).toEqual(['1']);
      expect(rejected).toEqual([
        { id: '2', problem: 'last_update: expected a date, not a placeholder, got "1900-01-01T00:00:00"' },
        { id: '3', problem: 'summary: expected string, got 7' },
      ]);
    });

    it('statuses: Closed (9) closed by default, or the user\'s mapping; priorities ranked by priorityid', async () => {
      const { psa } = setup((f) => [...lookups(f)]);
      expect((await psa.listStatuses('11')).map((s) => [s.name, s.order, s.closed])).toEqual([
        ['New', 1, false],
        ['Triage', 2, false],
        ['In Progress', 3, false],
        ['Closed', 8, true],
      ]);
      expect((await psa.listPriorities()).map((p) => [p.id, p.name, p.rank])).toEqual([
        ['1', 'P1 Critical', 1],
        ['2', 'P2 High', 2],
        ['3', 'P3 Normal', 3],
      ]);
      const { psa: mapped } = setup((f) => [...lookups(f)], {}, { closedStatusIds: ['2'] });
      expect((await mapped.listStatuses('11')).filter((s) => s.closed).map((s) => s.name)).toEqual(['In Progress']);
    });
  });

  describe('who "me" is', () => {
    const me = (agent: unknown) => (f: () => Fake) => [guarded(f, '/Agent/me', () => json(agent)), ...lookups(f)];

    it("an application's agent, nothing chosen: refuses with what to do", async () => {
      const { psa } = setup(me(apiAgent));
      const error = await failure(psa.whoAmI());
      expect(error.kind).toBe('config');
      expect(error.userMessage).toBe(APPLICATION_NOT_AN_AGENT);
    });

    it('an agent missing from the agent list is an application too, even unflagged', async () => {
      const { psa } = setup(me({ id: 77, name: 'Zapier' }));
      expect((await failure(psa.whoAmI())).userMessage).toBe(APPLICATION_NOT_AN_AGENT);
    });

    it("the agent chosen in options wins; then a match by e-mail; a tech's own application is the tech", async () => {
      expect((await setup(me(apiAgent), {}, { meAgentId: '38' }).psa.whoAmI()).name).toBe('Alex Dunn');
      expect(await setup(me(apiAgent), {}, { meEmail: 'Alex.Dunn@msp.example' }).psa.whoAmI()).toEqual({
        id: '38',
        identifier: 'Alex Dunn',
        name: 'Alex Dunn',
        email: 'alex.dunn@msp.example',
        inactive: false,
      });
      expect((await setup(me(agents[0]), {}, { meEmail: 'bea.cole@msp.example' }).psa.whoAmI()).id).toBe('38');
      expect((await failure(setup(me(apiAgent), {}, { meEmail: 'bea.cole@msp.example' }).psa.whoAmI())).userMessage).toContain('No active Halo agent has the e-mail');
      expect((await setup(me(apiAgent)).psa.listMembers()).map((m) => [m.id, m.inactive])).toEqual([
        ['38', false],
        ['39', true],
      ]);
    });
  });

  describe('writes', () => {
    const detail = (f: () => Fake) => guarded(f, '/Tickets/42', () => json(row(42, { status_id: 2, agent_id: 38, status_name: 'In Progress' })));

    it.each([
      ['one object', (r: unknown) => r],
      ['an array', (r: unknown) => [row(41), r]],
      ['{tickets}', (r: unknown) => ({ tickets: [r] })],
    ])('POSTs [{id, status_id, agent_id}] and maps the answer given as %s', async (_shape, wrap) => {
      const { fake, psa } = setup((f) => [guarded(f, '/Tickets', ({ method }) => (method === 'POST' ? json(wrap(row(42, { status_id: 2, agent_id: 38 })), 201) : json({ tickets: [] }))), ...lookups(f)]);
      const ticket = await psa.updateTicket('42', { statusId: '2', assigneeId: '38' });
      expect(ticket).toMatchObject({ id: '42', status: { id: '2', name: 'In Progress' }, assignee: { id: '38', name: 'Alex Dunn' } });
      const post = fake.seen.find((s) => s.method === 'POST' && s.url.pathname === '/api/Tickets')!;
      expect(JSON.parse(post.body!)).toEqual([{ id: 42, status_id: 2, agent_id: 38 }]);
      expect(fake.seen.some((s) => s.url.pathname === '/api/Tickets/42')).toBe(false);
    });

    it('a thin answer is followed by one read of the ticket; unassigning sends agent 0', async () => {
      const { fake, psa } = setup((f) => [guarded(f, '/Tickets', () => json({ id: 42 }, 201)), detail(f), ...lookups(f)]);
      const ticket = await psa.updateTicket('42', { assigneeId: null });
      expect(ticket.id).toBe('42');
      expect(JSON.parse(fake.seen.find((s) => s.method === 'POST' && s.url.pathname === '/api/Tickets')!.body!)).toEqual([{ id: 42, agent_id: 0 }]);
      expect(fake.seen.filter((s) => s.url.pathname === '/api/Tickets/42')).toHaveLength(1);
    });

    it("a 400 keyed by field is badRequest naming the field with Halo's words", async () => {
      const { psa } = setup((f) => [guarded(f, '/Tickets', () => json({ '[0].agent_id': 'Agent 2 (Pullboard Integration) cannot be assigned tickets.' }, 400)), ...lookups(f)]);
      const error = await failure(psa.updateTicket('42', { assigneeId: '2' }));
      expect(error.kind).toBe('badRequest');
      expect(error.field).toBe('agent_id');
      expect(error.userMessage).toContain('agent_id: Agent 2 (Pullboard Integration) cannot be assigned tickets.');
    });

    it('a missing ticket is notFound naming it; 429 waits what Halo says', async () => {
      let limited = 1;
      const { fake, psa } = setup((f) => [
        ({ path }) => (path === '/Tickets/5' && limited-- > 0 ? json({ message: 'Too many requests' }, 429, { 'retry-after': '3' }) : undefined),
        guarded(f, '/Tickets/5', () => json({ message: 'Ticket 5 not found.' }, 404)),
        ...lookups(f),
      ]);
      const error = await failure(psa.getTicket('5'));
      expect(error.kind).toBe('notFound');
      expect(error.userMessage).toMatch(/^Halo could not find ticket 5 \(404\)/);
      expect(fake.sleeps).toEqual([3000]);
    });

    it('a time entry is one POST /api/Actions with the hours and the agent', async () => {
      const { fake, psa } = setup((f) => [guarded(f, '/Actions', () => json({ id: 9001, ticket_id: 42, outcome: 'Time entry', who_agentid: 38, timetaken: 0.5, note: 'Replaced the toner' }, 201))]);
      const entry = await psa.addTimeEntry({ ticketId: '42', memberId: '38', start: '2026-11-25T09:00:00Z', end: '2026-11-25T09:30:00Z', hours: 0.5, notes: 'Replaced the toner' });
      expect(entry).toEqual({ id: '9001', ticketId: '42', memberId: '38', start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T09:30:00.000Z', hours: 0.5, notes: 'Replaced the toner' });
      const posts = fake.seen.filter((s) => s.url.pathname === '/api/Actions');
      expect(posts).toHaveLength(1);
      expect(JSON.parse(posts[0]!.body!)).toEqual([
        { ticket_id: 42, outcome: 'Time entry', note: 'Replaced the toner', timetaken: 0.5, who_agentid: 38, actionarrivaldate: '2026-11-25T09:00:00.000Z', actioncompletiondate: '2026-11-25T09:30:00.000Z' },
      ]);
    });
  });
});

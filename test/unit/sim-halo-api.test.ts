import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haloApiBase, haloCredentials, haloToken, HALO_API_AGENT_ID } from '../psa-sim/halo-credentials';
import { XSS_SUMMARY } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';

type Row = Record<string, unknown> & { id: number };
interface ListPage { page_no: number; page_size: number; record_count: number; tickets: Row[] }

let sim: Simulator;
let api: string;
let auth: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 400 });
  api = haloApiBase(sim);
  auth = { authorization: `Bearer ${await haloToken(sim)}` };
});
afterAll(() => sim.close());

const get = (path: string, headers = auth) => fetch(`${api}${path}`, { headers });
const post = (path: string, body: unknown, headers = auth) => fetch(`${api}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
async function json<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return JSON.parse(text) as T;
}
const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const app = () => haloCredentials(sim.data).application;
const closedStatus = (ticketId: number) => sim.data.statuses.find((s) => s.id === sim.data.ticketsById.get(ticketId)!.statusId)!.closed;
const openUnassigned = () => sim.data.tickets.filter((t) => t.ownerId === null && t.boardId === 1 && !closedStatus(t.id));
async function allPages(query: string, pageSize = 50): Promise<{ pages: ListPage[]; rows: Row[] }> {
  const pages: ListPage[] = [];
  for (let pageNo = 1; pageNo < 100; pageNo++) {
    const page = await json<ListPage>(get(`/Tickets?pageinate=true&page_size=${pageSize}&page_no=${pageNo}&${query}`));
    pages.push(page);
    if (page.tickets.length < page.page_size) break;
  }
  return { pages, rows: pages.flatMap((page) => page.tickets) };
}

describe('the authorisation server', () => {
  it('issues a bearer token for client credentials at /auth/token, /auth/token?tenant= and /token?tenant=', async () => {
    const { clientId, clientSecret } = app();
    const fields = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'all' };
    for (const path of ['/auth/token', '/auth/token?tenant=pullboard', '/token?tenant=PullBoard']) {
      const token = await json<Record<string, unknown>>(fetch(`${sim.url}${path}`, form(fields)));
      expect(token).toEqual({
        token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String), id_token: expect.any(String), scope: 'all', refresh_token: expect.any(String),
      });
      expect((await get('/Agent/me', { authorization: `Bearer ${token.access_token as string}` })).status).toBe(200);
    }
  });

  it.each<[string, string, Record<string, string>, number, string]>([
    ['a wrong secret', '/auth/token', { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' }, 401, 'invalid_client'],
    ['another tenant', '/auth/token?tenant=acme', { grant_type: 'client_credentials' }, 400, 'invalid_request'],
    ['/token without a tenant', '/token', { grant_type: 'client_credentials' }, 400, 'invalid_request'],
    ['no grant type', '/auth/token', {}, 400, 'invalid_request'],
    ['the password grant', '/auth/token', { grant_type: 'password', username: 'a', password: 'b' }, 400, 'unsupported_grant_type'],
  ])('refuses %s with the OAuth error', async (_name, path, fields, status, error) => {
    const body = await json<{ error: string }>(fetch(`${sim.url}${path}`, form(fields)), status);
    expect(body.error).toBe(error);
  });

  it('refuses a JSON body, and answers a 500 HTML page for an application without an agent to log in as', async () => {
    const { clientId, clientSecret } = app();
    const asJson = await fetch(`${sim.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) });
    expect(asJson.status).toBe(400);
    const orphan = haloCredentials(sim.data).applicationWithoutAgent;
    const broken = await fetch(`${sim.url}/auth/token`, form({ grant_type: 'client_credentials', client_id: orphan.clientId, client_secret: orphan.clientSecret }));
    expect(broken.status).toBe(500);
    expect(broken.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('accepts client credentials in a Basic header and refreshes with the refresh token', async () => {
    const { clientId, clientSecret } = app();
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const first = await json<{ refresh_token: string }>(fetch(`${sim.url}/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` }, body: 'grant_type=client_credentials&scope=all',
    }));
    const refreshed = await json<{ access_token: string }>(fetch(`${sim.url}/auth/token`, form({ grant_type: 'refresh_token', refresh_token: first.refresh_token })));
    expect((await get('/Agent/me', { authorization: `Bearer ${refreshed.access_token}` })).status).toBe(200);
    expect((await fetch(`${sim.url}/auth/token`, form({ grant_type: 'refresh_token', refresh_token: first.refresh_token }))).status).toBe(400);
  });

  it('advertises the auth server at /api/authinfo without a token', async () => {
    expect(await json(fetch(`${sim.url}/api/authinfo`))).toMatchObject({ tenant: 'pullboard', auth_url: `${sim.url}/auth` });
  });
});

describe('bearer tokens on /api', () => {
  it('answers 401 with no body without a token, with a bad one, or a Basic header', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }]) {
      const response = await get('/Tickets', headers as Record<string, string>);
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    }
  });

  it('expires tokens after expires_in, by the simulator\'s clock', async () => {
    let now = Date.parse('2026-11-25T12:00:00Z');
    const short = await startSimulator({ tickets: 20, now: () => now, halo: { tokenLifetimeSeconds: 60 } });
    try {
      const token = await json<{ access_token: string; expires_in: number }>(fetch(`${short.url}/auth/token`, form({
        grant_type: 'client_credentials', client_id: haloCredentials(short.data).application.clientId, client_secret: haloCredentials(short.data).application.clientSecret,
      })));
      expect(token.expires_in).toBe(60);
      const me = () => fetch(`${short.url}/api/Agent/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
      now += 59_000;
      expect((await me()).status).toBe(200);
      now += 1_000;
      const expired = await me();
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });

  it('expires every token on demand (faults.expireTokens or POST /__sim/expire-tokens)', async () => {
    const token = { authorization: `Bearer ${await haloToken(sim)}` };
    expect((await get('/Status', token)).status).toBe(200);
    expect(sim.faults.expireTokens()).toBeGreaterThanOrEqual(1);
    expect((await get('/Status', token)).status).toBe(401);
    const again = { authorization: `Bearer ${await haloToken(sim)}` };
    expect(await json(fetch(`${sim.url}/__sim/expire-tokens`, { method: 'POST' }))).toEqual({ expired: expect.any(Number) });
    expect((await get('/Status', again)).status).toBe(401);
    auth = { authorization: `Bearer ${await haloToken(sim)}` };
  });
});

describe('who is logged in', () => {
  it('gives the application the API agent, never a tech, and a tech\'s application the tech', async () => {
    const me = await json<Record<string, unknown>>(get('/Agent/me'));
    expect(me).toMatchObject({ id: HALO_API_AGENT_ID, isapiagent: true });
    expect(me.team).toBeUndefined();
    expect(me.email).toBeUndefined();
    const tech = haloCredentials(sim.data).techs[0]!;
    const techMe = await json<Record<string, unknown>>(get('/Agent/me', { authorization: `Bearer ${await haloToken(sim, tech)}` }));
    expect(techMe).toMatchObject({ id: 151, name: 'Alex Dunn', email: tech.email, team: 'Service Desk' });
    expect(techMe.isapiagent).toBeUndefined();
  });

  it('lists agents as a bare array without the API and Unassigned agents unless asked', async () => {
    const agents = await json<Row[]>(get('/Agent'));
    expect(agents.map((agent) => agent.id)).not.toContain(HALO_API_AGENT_ID);
    expect(agents.map((agent) => agent.id)).not.toContain(1);
    expect(agents.length).toBe(sim.data.members.length);
    const everyone = await json<Row[]>(get('/Agent?includeapiagents=true&includeunassigned=true'));
    expect(everyone.find((agent) => agent.id === 1)).toMatchObject({ name: 'Unassigned' });
    expect(everyone.find((agent) => agent.id === HALO_API_AGENT_ID)).toMatchObject({ isapiagent: true });
  });

  it('wraps the agent list in {results} on tenants that do', async () => {
    const wrapped = await startSimulator({ tickets: 10, halo: { agentsWrapped: true } });
    try {
      const token = await haloToken(wrapped);
      const body = await json<{ results: Row[] }>(fetch(`${haloApiBase(wrapped)}/Agent`, { headers: { authorization: `Bearer ${token}` } }));
      expect(body.results.length).toBe(wrapped.data.members.length);
    } finally {
      await wrapped.close();
    }
  });
});

describe('lookups', () => {
  it('answers statuses as a bare array with Closed as 9 and no closed flag', async () => {
    const statuses = await json<Row[]>(get('/Status'));
    expect(statuses.find((status) => status.name === 'Closed')).toMatchObject({ id: 9, shortname: expect.any(String), sequence: 8, colour: expect.stringMatching(/^#/) });
    expect(Object.keys(statuses[0]!).sort()).toEqual(['colour', 'id', 'name', 'sequence', 'shortname', 'type']);
    // A closed status can share its type with an open one: type is not a closed flag.
    expect(statuses.find((status) => status.name === 'Completed')!.type).toBe(statuses.find((status) => status.name === 'Ready')!.type);
  });

  it('answers priorities one row per SLA, a GUID id and priorityid 1 most urgent', async () => {
    const priorities = await json<Row[]>(get('/Priority'));
    expect(priorities.length).toBe(sim.data.slas.length * sim.data.priorities.length);
    expect(priorities[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(priorities.filter((row) => row.priorityid === 1).map((row) => row.name)).toEqual(['Priority 1 - Critical', 'Priority 1 - Critical']);
    expect(await json<Row[]>(get('/Priority?slaid=2'))).toHaveLength(sim.data.priorities.length);
  });

  it('answers teams, ticket types and clients', async () => {
    expect((await json<Row[]>(get('/Team'))).map((team) => team.name)).toEqual(['Service Desk', 'Projects', 'Network']);
    expect((await json<Row[]>(get('/TicketType')))[0]).toMatchObject({ id: 1, name: 'General' });
    const clients = await json<{ record_count: number; clients: Row[] }>(get('/Client'));
    expect(clients.record_count).toBe(25);
    expect(await json(get('/Client/250'))).toMatchObject({ id: 250, name: 'Acme Dental' });
  });
});

describe('GET /api/Tickets: paging as live tenants do it', () => {
  it('serves up to 100 a page; a larger page_size is capped without an error and page_size says so', async () => {
    const page = await json<ListPage>(get('/Tickets?pageinate=true&page_size=250&page_no=1'));
    expect(page.page_size).toBe(100);
    expect(page.tickets).toHaveLength(100);
    expect(page.page_no).toBe(1);
  });

  it('ends with a short page; record_count is the number of matching tickets on every page', async () => {
    const open = sim.data.tickets.filter((t) => !closedStatus(t.id)).length;
    const { pages, rows } = await allPages('open_only=true', 40);
    expect(rows.length).toBe(open);
    expect(new Set(rows.map((row) => row.id)).size).toBe(open);
    expect(pages).toHaveLength(Math.ceil(open / 40) + (open % 40 === 0 ? 1 : 0));
    expect(pages.at(-1)!.tickets.length).toBeLessThan(40);
    for (const page of pages) expect(page.record_count).toBe(open);
    const beyond = await json<ListPage>(get(`/Tickets?pageinate=true&page_size=40&page_no=${pages.length + 3}&open_only=true`));
    expect(beyond).toMatchObject({ record_count: open, tickets: [] });
  });

  it('lists newest first without an order, and by id ascending with order=id', async () => {
    const newest = await json<ListPage>(get('/Tickets?pageinate=true&page_size=5&page_no=1'));
    expect(newest.tickets.map((row) => row.id)).toEqual(sim.data.tickets.slice(-5).map((t) => t.id).reverse());
    const oldest = await json<ListPage>(get('/Tickets?pageinate=true&page_size=5&page_no=1&order=id&orderdesc=false'));
    expect(oldest.tickets.map((row) => row.id)).toEqual(sim.data.tickets.slice(0, 5).map((t) => t.id));
  });

  it.each<[string, string, (t: (typeof sim.data.tickets)[number]) => boolean]>([
    ['open_only', 'open_only=true', (t) => !closedStatus(t.id)],
    ['agent_id=1 (unassigned)', 'agent_id=1', (t) => t.ownerId === null],
    ['agent_id', 'agent_id=152', (t) => t.ownerId === 152],
    ['team by id', 'team=13', (t) => t.teamId === 13],
    ['team by name', 'team=Network', (t) => t.teamId === 13],
    ['client_id', 'client_id=252', (t) => t.companyId === 252],
    ['status_id (Closed)', 'status_id=9', (t) => sim.data.statuses.find((s) => s.id === t.statusId)!.kind === 'closed'],
    ['status list', 'status=1,22', (t) => ['new', 'ready'].includes(sim.data.statuses.find((s) => s.id === t.statusId)!.kind)],
  ])('filters by %s', async (_name, query, expected) => {
    const { rows } = await allPages(query);
    expect(rows.map((row) => row.id).sort()).toEqual(sim.data.tickets.filter(expected).map((t) => t.id).sort());
  });

  it('finds tickets updated since a cursor with datesearch=lastupdate&startdate', async () => {
    const { rows } = await allPages('order=last_update&orderdesc=true', 50);
    const cursor = rows.map((row) => row.last_update as string).sort((a, b) => Date.parse(b.replace(/Z?$/, 'Z')) - Date.parse(a.replace(/Z?$/, 'Z')))[0]!;
    const target = sim.data.tickets[17]!;
    sim.updateTicketAsSomeoneElse(target.id, { summary: 'Changed by the dispatcher' });
    const changed = await json<ListPage>(get(`/Tickets?pageinate=true&page_size=50&page_no=1&datesearch=lastupdate&startdate=${encodeURIComponent(cursor)}`));
    expect(changed.tickets.map((row) => row.id)).toContain(target.id);
    expect(changed.tickets.length).toBeLessThan(5);
    expect(changed.tickets.find((row) => row.id === target.id)).toMatchObject({ summary: 'Changed by the dispatcher' });
  });

  it.each<[string, string]>([
    ['/Tickets?datesearch=whenever&startdate=2026-01-01', 'datesearch'],
    ['/Tickets?datesearch=lastupdate&startdate=yesterday', 'startdate'],
    ['/Tickets?status_id=open', 'status_id'],
    ['/Tickets?open_only=maybe', 'open_only'],
    ['/Tickets?order=colour', 'order'],
  ])('answers 400 keyed by the parameter for %s', async (path, key) => {
    const body = await json<Record<string, string>>(get(path), 400);
    expect(Object.keys(body)).toEqual([key]);
  });
});

describe('ticket rows and detail', () => {
  it('list rows carry ids but no names, and no key is ever null', async () => {
    const { rows } = await allPages('');
    for (const row of rows.slice(0, 100)) {
      expect(row).not.toHaveProperty('status_name');
      expect(row).not.toHaveProperty('priority_name');
      expect(row).not.toHaveProperty('agent_name');
      expect(Object.values(row)).not.toContain(null);
      expect(row).toMatchObject({ status_id: expect.any(Number), priority_id: expect.any(Number), agent_id: expect.any(Number), team: expect.any(String), team_id: expect.any(Number) });
    }
  });

  it('leaves hasbeenclosed, dateclosed and slastate out of open tickets, and gives unassigned ones agent_id 1', async () => {
    const { rows } = await allPages('');
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const ticket of sim.data.tickets) {
      const row = byId.get(ticket.id)!;
      if (closedStatus(ticket.id)) {
        expect(row).toMatchObject({ hasbeenclosed: true, dateclosed: expect.any(String), slastate: expect.stringMatching(/^[IO]$/) });
      } else {
        expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['hasbeenclosed']));
        expect(row).not.toHaveProperty('dateclosed');
        expect(row).not.toHaveProperty('slastate');
      }
      expect(row.agent_id).toBe(ticket.ownerId ?? 1);
    }
  });

  it('writes dates with 0 to 7 fractional digits, with and without Z, and sentinel dates for absent ones', async () => {
    const { rows } = await allPages('');
    const dates = rows.flatMap((row) => ['dateoccurred', 'last_update', 'respondbydate', 'fixbydate', 'datecreated'].map((key) => row[key] as string));
    const digits = new Set(dates.map((text) => /\.(\d+)/.exec(text)?.[1]?.length ?? 0));
    expect([...digits].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(dates.some((text) => text.endsWith('Z'))).toBe(true);
    expect(dates.some((text) => !text.endsWith('Z'))).toBe(true);
    for (const text of dates) expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z?$/);
    expect(rows.filter((row) => row.deadlinedate === '1900-01-01T00:00:00').length).toBeGreaterThan(rows.length / 2);
    const unresponded = rows.filter((row) => row.responsedate === '1899-12-30T00:00:00');
    expect(unresponded.length).toBeGreaterThan(0);
    for (const row of unresponded) expect(sim.data.ticketsById.get(row.id)!.respondedAt).toBeNull();
  });

  it('adds names in the detail and with includedetails=true', async () => {
    const target = sim.data.tickets.find((t) => t.ownerId !== null)!;
    const owner = sim.data.members.find((m) => m.id === target.ownerId)!;
    const detail = await json<Row>(get(`/Tickets/${target.id}`));
    expect(detail).toMatchObject({
      id: target.id, summary: target.summary, agent_id: owner.id, agent_name: `${owner.firstName} ${owner.lastName}`,
      status_name: sim.data.statuses.find((s) => s.id === target.statusId)!.name, priority_name: sim.data.priorities.find((p) => p.id === target.priorityId)!.name,
    });
    const listed = await json<ListPage>(get(`/Tickets?pageinate=true&page_size=5&page_no=1&ticketids=${target.id}&includedetails=true`));
    expect(listed.tickets[0]).toMatchObject({ agent_name: detail.agent_name, status_name: detail.status_name });
    expect((await get('/Tickets/42')).status).toBe(404);
  });
});

describe('POST /api/Tickets: array upsert', () => {
  it('updates by id and answers 201 with one ticket object (the last item), moving last_update', async () => {
    const [a, b] = openUnassigned();
    const before = await json<Row>(get(`/Tickets/${b!.id}`));
    const response = await post('/Tickets', [{ id: a!.id, status_id: 2, agent_id: 151 }, { id: b!.id, status_id: 2, agent_id: 152 }]);
    const body = await json<Row>(response, 201);
    expect(Array.isArray(body)).toBe(false);
    expect(body).toMatchObject({ id: b!.id, status_id: 2, agent_id: 152, status_name: 'In Progress' });
    expect(body.last_update).not.toBe(before.last_update);
    expect(sim.data.ticketsById.get(a!.id)).toMatchObject({ ownerId: 151 });
    expect(sim.data.transitions.at(-1)).toMatchObject({ ticketId: b!.id, by: 'halo-api' });
    const unassigned = await json<Row>(post('/Tickets', [{ id: a!.id, agent_id: 1 }]), 201);
    expect(unassigned.agent_id).toBe(1);
    expect(sim.data.ticketsById.get(a!.id)!.ownerId).toBeNull();
  });

  it('closes with status 9: hasbeenclosed and dateclosed appear', async () => {
    const target = openUnassigned()[2]!;
    const closed = await json<Row>(post('/Tickets', [{ id: target.id, status_id: 9 }]), 201);
    expect(closed).toMatchObject({ hasbeenclosed: true, dateclosed: expect.any(String), status_id: 9 });
  });

  it('creates a ticket without an id; excluded from SLA it has sentinel due dates and no sla_id', async () => {
    const count = sim.data.tickets.length;
    const created = await json<Row>(post('/Tickets', [{ summary: 'New from the API', client_id: 250, team_id: 11, excludefromsla: true, details: '<p>Printer jam</p>' }]), 201);
    expect(sim.data.tickets.length).toBe(count + 1);
    expect(created).toMatchObject({ summary: 'New from the API', client_id: 250, status_id: 1, agent_id: 1, respondbydate: '0001-01-01T00:00:00', fixbydate: '0001-01-01T00:00:00', excludefromsla: true, details: '<p>Printer jam</p>' });
    expect(created).not.toHaveProperty('sla_id');
    const withSla = await json<Row>(post('/Tickets', [{ summary: 'Another', client_id: 251 }]), 201);
    expect(withSla.sla_id).toBe(2);
    expect(withSla.respondbydate).not.toBe('0001-01-01T00:00:00');
  });

  it.each<[string, unknown, string]>([
    ['an unknown status', [{ id: 10001, status_id: 77 }], '[0].status_id'],
    ['a string for an int', [{ id: 10001, status_id: '2' }], '[0].status_id'],
    ['the API agent as assignee', [{ id: 10001 }, { id: 10002, agent_id: HALO_API_AGENT_ID }], '[1].agent_id'],
    ['an unknown ticket', [{ id: 42, status_id: 2 }], '[0].id'],
    ['a new ticket without a client', [{ summary: 'x' }], '[0].client_id'],
    ['a user of another client', [{ id: 10001, user_id: 99999 }], '[0].user_id'],
  ])('answers 400 keyed by the field path for %s, and applies nothing', async (_name, body, key) => {
    const before = sim.data.ticketsById.get(10001)!.updatedAt;
    const answer = await json<Record<string, string>>(post('/Tickets', body), 400);
    expect(Object.keys(answer)).toEqual([key]);
    expect(sim.data.ticketsById.get(10001)!.updatedAt).toBe(before);
  });

  it('answers an array or {tickets} on tenants configured so', async () => {
    for (const [shape, check] of [
      ['array', (body: unknown) => expect(Array.isArray(body) && (body as Row[])[0]!.id === 10001).toBe(true)],
      ['wrapped', (body: unknown) => expect((body as { tickets: Row[] }).tickets[0]!.id).toBe(10001)],
    ] as const) {
      const other = await startSimulator({ tickets: 10, halo: { postTicketsAnswer: shape } });
      try {
        const token = await haloToken(other);
        const response = await fetch(`${haloApiBase(other)}/Tickets`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify([{ id: 10001, summary: 'Renamed' }]) });
        expect(response.status).toBe(201);
        check(await response.json());
      } finally {
        await other.close();
      }
    }
  });
});

describe('actions', () => {
  it('logs time for an agent: the neutral time entry, the ticket\'s timetaken and GET /Actions show it', async () => {
    const target = openUnassigned()[3]!;
    const created = await json<Row>(post('/Actions', [{ ticket_id: target.id, outcome: 'Remote Session', note: 'Reset the spooler.', timetaken: 0.5, who_agentid: 151 }]), 201);
    expect(created).toMatchObject({ ticket_id: target.id, outcome: 'Remote Session', timetaken: 0.5, who_agentid: 151, who: 'Alex Dunn' });
    expect(sim.data.timeEntries.at(-1)).toMatchObject({ ticketId: target.id, memberId: 151, hours: 0.5 });
    expect((await json<Row>(get(`/Tickets/${target.id}`))).timetaken).toBe(sim.data.ticketsById.get(target.id)!.actualHours);
    const listed = await json<{ record_count: number; actions: Row[] }>(get(`/Actions?ticket_id=${target.id}`));
    expect(listed.actions[0]).toMatchObject({ id: created.id, note: 'Reset the spooler.' });
  });

  it('keeps notes and the API agent\'s time as Halo actions; returnall answers every item', async () => {
    const target = openUnassigned()[4]!;
    const entries = sim.data.timeEntries.length;
    const before = sim.data.ticketsById.get(target.id)!.updatedAt;
    const all = await json<Row[]>(post('/Actions?returnall=true', [{ ticket_id: target.id, note: 'Called the client.' }, { ticket_id: target.id, note: 'Scripted fix.', timetaken: 0.25 }]), 201);
    expect(all.map((action) => action.who_agentid)).toEqual([HALO_API_AGENT_ID, HALO_API_AGENT_ID]);
    expect(sim.data.timeEntries.length).toBe(entries);
    expect(sim.data.ticketsById.get(target.id)!.updatedAt).toBeGreaterThan(before);
    expect((await json<Row>(get(`/Tickets/${target.id}`))).timetaken).toBe(sim.data.ticketsById.get(target.id)!.actualHours + 0.25);
  });

  it('answers 500 for an action without ticket_id, 400 for an unknown ticket', async () => {
    expect((await post('/Actions', [{ note: 'orphan' }])).status).toBe(500);
    expect(Object.keys(await json<Record<string, string>>(post('/Actions', [{ ticket_id: 42, note: 'x' }]), 400))).toEqual(['[0].ticket_id']);
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After, then 500, then recovers; the token endpoint is never faulted', async () => {
    sim.faults.fail429 = { remaining: 1, retryAfterSeconds: 7 };
    await haloToken(sim);
    const limited = await get('/Status');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    sim.faults.fail500.remaining = 1;
    expect((await get('/Status')).status).toBe(500);
    expect((await get('/Status')).status).toBe(200);
  });

  it('counts Halo routes in stats by their canonical name', async () => {
    sim.resetStats();
    await get('/tickets?pageinate=true&page_size=1&page_no=1');
    await get('/TICKETS/10001');
    expect(Object.keys(sim.stats().byRoute).sort()).toEqual(['GET /api/Tickets', 'GET /api/Tickets/{id}']);
  });
});

describe('Halo pages', () => {
  const page = (path: string) => fetch(`${sim.url}${path}`);
  it('shows a ticket in the agent app, in the list view and in the portal, HTML-escaped', async () => {
    const xss = sim.data.tickets.find((t) => t.summary === XSS_SUMMARY)!;
    for (const [path, marker] of [
      [`/ticket?id=${xss.id}`, 'halo-agent-app'],
      [`/tickets?area=1&id=${xss.id}`, `class="halo-ticket-row halo-selected" data-ticket-id="${xss.id}"`],
      [`/portal/ticket?id=${xss.id}`, 'halo-portal'],
    ] as const) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).toContain(`data-ticket-id="${xss.id}"`);
      expect(html).toContain(marker);
      expect(html).toContain('&lt;img src=x onerror=window.__pwned=1&gt;');
      expect(html).not.toContain('<img src=x');
    }
    expect(await (await page(`/portal/ticket?id=${xss.id}`)).text()).not.toContain('halo-topbar');
  });

  it('lists open tickets at /tickets, and 404s a missing ticket', async () => {
    const html = await (await page('/tickets')).text();
    expect(html).toContain(`href="/tickets?area=1&id=${openUnassigned()[0]!.id}"`);
    expect(html).not.toContain('halo-ticket-row halo-selected');
    expect((await page('/ticket?id=42')).status).toBe(404);
    expect((await page('/portal/ticket?id=42')).status).toBe(404);
  });
});

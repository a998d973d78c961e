/**
 * The simulator's Halo dialect checked by requests other people wrote. No maintained JavaScript client exists, so
 * these replay, request for request, what two public clients send, read from their source:
 * - the HaloAPI PowerShell module (homotechsual/HaloAPI): Public/Connect-HaloAPI.ps1, Private/New-HaloQuery.ps1,
 *   Private/New-HaloGETRequest.ps1, Private/New-HaloPOSTRequest.ps1, Public/Invoke/Invoke-HaloRequest.ps1 and the
 *   Get-/Set-/New- cmdlets named per test;
 * - n8n's HaloPSA node (n8n-io/n8n packages/nodes-base/nodes/HaloPSA): GenericFunctions.ts and HaloPSA.node.ts.
 * Each client's way of paging is replayed as written, so a wrong `record_count` or page cap shows as a missing or
 * endless page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haloCredentials } from '../psa-sim/halo-credentials';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { isClosed } from '../psa-sim/tickets';

interface Row { id: number; [key: string]: unknown }
interface Page { page_no: number; page_size: number; record_count: number; tickets: Row[] }

let sim: Simulator;
/** The tenant URL as HaloAPI keeps it: a base URI with a trailing slash (Connect-HaloAPI.ps1, $BaseURI). */
let baseUri: string;

/** Invoke-HaloRequest.ps1: `Authorization: {token_type} {access_token}`, `-ContentType 'application/json; charset=utf-8'`. */
const haloApiHeaders = (token: { token_type: string; access_token: string }) => ({
  Authorization: `${token.token_type} ${token.access_token}`, 'Content-Type': 'application/json; charset=utf-8',
});
/** GenericFunctions.ts haloPSAApiRequest: its fixed headers. */
const n8nHeaders = (accessToken: string) => ({
  Authorization: `Bearer ${accessToken}`, 'User-Agent': 'https://n8n.io', Connection: 'keep-alive', Accept: '*/*',
  'Accept-Encoding': 'gzip, deflate, br', 'Content-Type': 'application/json',
});
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function ok<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, `${answer.url}: ${text.slice(0, 300)}`).toBe(status);
  return JSON.parse(text) as T;
}

/** Connect-HaloAPI.ps1: GET api/authinfo, then POST `{auth_url}/token?tenant={Tenant or tenant_id}` with a form body. */
async function haloApiConnect(): Promise<{ token_type: string; access_token: string; expires_in: number }> {
  const app = haloCredentials(sim.data).application;
  const authInfo = await ok<{ auth_url: string; tenant_id?: string }>(fetch(new URL('api/authinfo', baseUri)));
  const auth = new URL(authInfo.auth_url);
  auth.pathname = `${auth.pathname.replace(/\/+$/, '')}/token`;
  if (authInfo.tenant_id) auth.search = `tenant=${authInfo.tenant_id}`;
  return ok(fetch(auth, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'all' }),
  }));
}

/** GenericFunctions.ts getAccessTokens + getAuthUrl: cloud `{authUrl}/token?tenant=`, on-premise `{appUrl}/auth/token`. */
async function n8nToken(hostingType: 'cloud' | 'on-premise'): Promise<string> {
  const app = haloCredentials(sim.data).application;
  const uri = hostingType === 'on-premise' ? `${sim.halo.url}/auth/token` : `${sim.halo.authUrl}/token?tenant=${sim.halo.tenant}`;
  const tokens = await ok<{ access_token: string }>(fetch(uri, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'client_credentials', scope: 'all' }),
  }));
  return tokens.access_token;
}
/** n8n's credential field `resourceApiUrl`, e.g. `https://tenant.halopsa.com/api`. */
const n8nResource = (resource: string, qs: Record<string, string | number | boolean> = {}) => {
  const url = new URL(`${sim.halo.url}/api${resource}`);
  for (const [key, value] of Object.entries(qs)) url.searchParams.set(key, String(value));
  return url;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 900 });
  baseUri = `${sim.halo.url}/`;
});
afterAll(() => sim.close());

const openTicketsOfTeam = (teamId: number) => sim.data.tickets.filter((t) => t.teamId === teamId && !isClosed(sim.data, t)).map((t) => t.id);

describe('HaloAPI PowerShell module, replayed', () => {
  it('Connect-HaloAPI: authinfo names the authorisation server and tenant; the token request answers a bearer token', async () => {
    const token = await haloApiConnect();
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
  });

  it('Get-HaloAgent -Me, Get-HaloStatus, Get-HaloTeam: api/agent/me, api/status, api/team', async () => {
    const headers = haloApiHeaders(await haloApiConnect());
    const me = await ok<Row>(fetch(new URL('api/agent/me', baseUri), { headers }));
    expect(me).toMatchObject({ id: haloCredentials(sim.data).application.agentId });
    const statuses = await ok<Row[]>(fetch(new URL('api/status', baseUri), { headers }));
    expect(statuses.find((status) => status.id === 9)).toMatchObject({ name: expect.any(String) });
    const teams = await ok<Row[]>(fetch(new URL('api/team', baseUri), { headers }));
    expect(teams.map((team) => team.id).sort()).toEqual(sim.data.teams.map((team) => team.id).sort());
  });

  it('Get-HaloTicket -OpenOnly -Team N -PageSize 100 pages to ceil(record_count / page_size) and gets every ticket (New-HaloGETRequest.ps1)', async () => {
    const headers = haloApiHeaders(await haloApiConnect());
    const team = sim.data.teams[0]!;
    const expected = openTicketsOfTeam(team.id);
    expect(expected.length).toBeGreaterThan(100);
    // New-HaloQuery.ps1 lowercases aliases: open_only, team, pageinate, page_size, page_no.
    const query = new URLSearchParams({ open_only: 'true', team: String(team.id), pageinate: 'true', page_size: '100', page_no: '1' });
    const rows: Row[] = [];
    let pageNo = 1;
    let numPages: number;
    do {
      query.set('page_no', String(pageNo));
      const page = await ok<Page>(fetch(new URL(`api/tickets?${query}`, baseUri), { headers }));
      numPages = Math.ceil(page.record_count / 100);
      rows.push(...page.tickets);
      pageNo++;
    } while (pageNo <= numPages);
    expect(rows.map((row) => row.id).sort((a, b) => a - b)).toEqual(expected);
  });

  it('Get-HaloTicket -DateSearch lastupdate -StartDate: tickets changed since a moment', async () => {
    const headers = haloApiHeaders(await haloApiConnect());
    const since = new Date(sim.data.seededAt - 86_400_000);
    // New-HaloQuery.ps1 sends [string] parameters as given; DateTime ones as yyyy-MM-ddTHH:mm:ssZ.
    const startdate = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = new URLSearchParams({ datesearch: 'lastupdate', startdate, pageinate: 'true', page_size: '100', page_no: '1' });
    const page = await ok<Page>(fetch(new URL(`api/tickets?${query}`, baseUri), { headers }));
    expect(page.record_count).toBe(sim.data.tickets.filter((t) => t.updatedAt >= since.getTime()).length);
  });

  it('Set-HaloTicket: reads api/tickets/{id}, then POSTs a JSON array to api/tickets (New-HaloPOSTRequest.ps1, ConvertTo-Json -AsArray)', async () => {
    const headers = haloApiHeaders(await haloApiConnect());
    const target = sim.data.tickets.find((t) => t.ownerId === null && !isClosed(sim.data, t))!;
    const agent = haloCredentials(sim.data).techs[0]!;
    await ok<Row>(fetch(new URL(`api/tickets/${target.id}`, baseUri), { headers }));
    const updated = await ok<Row>(fetch(new URL('api/tickets', baseUri), { method: 'POST', headers, body: JSON.stringify([{ id: target.id, agent_id: agent.agentId }]) }), 201);
    expect(updated).toMatchObject({ id: target.id, agent_id: agent.agentId });
  });

  it('New-HaloAction: POSTs a JSON array to api/actions', async () => {
    const headers = haloApiHeaders(await haloApiConnect());
    const target = sim.data.tickets.find((t) => !isClosed(sim.data, t))!;
    const action = await ok<Row>(fetch(new URL('api/actions', baseUri), {
      method: 'POST', headers, body: JSON.stringify([{ ticket_id: target.id, outcome: 'Note', note: 'Checked the switch', timetaken: 0.25 }]),
    }), 201);
    expect(action).toMatchObject({ ticket_id: target.id });
  });
});

describe('n8n HaloPSA node, replayed', () => {
  it.each(['cloud', 'on-premise'] as const)('gets a token the %s way (GenericFunctions.ts getAuthUrl)', async (hosting) => {
    expect(await n8nToken(hosting)).toMatch(/\S{20,}/);
  });

  it('getHaloPSAAgents and getHaloPSATicketsTypes map bare arrays from /agent and /TicketType', async () => {
    const headers = n8nHeaders(await n8nToken('cloud'));
    const agents = await ok<Row[]>(fetch(n8nResource('/agent'), { headers }));
    expect(agents.map((agent) => ({ name: agent.name, value: agent.id })).every((option) => typeof option.name === 'string' && typeof option.value === 'number')).toBe(true);
    const types = await ok<Row[]>(fetch(n8nResource('/TicketType'), { headers }));
    expect(types.length).toBeGreaterThan(0);
  });

  it('getHaloPSAClients pages /Client with page_size 100 until it has record_count of them (haloPSAApiRequestAllItems)', async () => {
    const headers = n8nHeaders(await n8nToken('cloud'));
    const clients: Row[] = [];
    const qs = { page_size: 100, page_no: 1, pageinate: true };
    let answer: { record_count: number; clients: Row[] };
    do {
      answer = await ok(fetch(n8nResource('/Client', qs), { headers }));
      clients.push(...answer.clients);
      qs.page_no++;
      expect(qs.page_no, 'n8n would loop for ever').toBeLessThan(10);
    } while (clients.length < answer.record_count);
    expect(clients).toHaveLength(sim.data.companies.length);
  });

  it('ticket getAll with returnAll pages /tickets until it has record_count tickets, every open one once', async () => {
    const headers = n8nHeaders(await n8nToken('cloud'));
    const expected = sim.data.tickets.filter((t) => !isClosed(sim.data, t)).map((t) => t.id);
    const tickets: Row[] = [];
    const qs = { open_only: true, page_size: 100, page_no: 1, pageinate: true };
    let answer: Page;
    do {
      answer = await ok<Page>(fetch(n8nResource('/tickets', qs), { headers }));
      tickets.push(...answer.tickets);
      qs.page_no++;
      expect(qs.page_no, 'n8n would loop for ever').toBeLessThan(50);
    } while (tickets.length < answer.record_count);
    expect(tickets.map((row) => row.id).sort((a, b) => a - b)).toEqual(expected);
  });

  it('ticket getAll with a limit sends count and reads { tickets }', async () => {
    const headers = n8nHeaders(await n8nToken('cloud'));
    const { tickets } = await ok<{ tickets: Row[] }>(fetch(n8nResource('/tickets', { count: 5 }), { headers }));
    expect(tickets).toHaveLength(5);
  });

  it('ticket update POSTs [{ id, ...fields }] to /tickets; a bad id answers 400 keyed "[0].id", as its error handler reads', async () => {
    const headers = n8nHeaders(await n8nToken('cloud'));
    const target = sim.data.tickets.find((t) => !isClosed(sim.data, t) && t.ownerId !== null)!;
    const updated = await ok<Row>(fetch(n8nResource('/tickets'), { method: 'POST', headers, body: JSON.stringify([{ id: target.id, summary: 'Printer on floor 2 jams' }]) }), 201);
    expect(updated).toMatchObject({ id: target.id, summary: 'Printer on floor 2 jams' });
    const bad = await fetch(n8nResource('/tickets'), { method: 'POST', headers, body: JSON.stringify([{ id: 99_999_999, summary: 'x' }]) });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()) as object)).toContain('[0].id');
  });
});

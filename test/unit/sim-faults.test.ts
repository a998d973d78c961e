import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';

let sim: Simulator;
let headers: Record<string, string>;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, tickets: 200 });
  headers = connectWiseHeaders(sim);
});
afterEach(() => sim.close());

const tickets = () => fetch(`${connectWiseApiBase(sim)}/service/tickets?pageSize=5`, { headers });
const admin = (path: string, body?: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('faults', () => {
  it('answers 429 with Retry-After for the next N API requests, then recovers', async () => {
    sim.faults.fail429 = { remaining: 2, retryAfterSeconds: 3 };
    for (let i = 0; i < 2; i++) {
      const response = await tickets();
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(await response.json()).toMatchObject({ code: 'TooManyRequests' });
    }
    expect((await tickets()).status).toBe(200);
  });

  it('answers 500 InternalError', async () => {
    sim.faults.fail500.remaining = 1;
    const response = await tickets();
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'InternalError' });
    expect((await tickets()).status).toBe(200);
  });

  it('sends truncated JSON with 200 after doing the work', async () => {
    sim.faults.malformed.remaining = 1;
    const target = sim.data.tickets[3]!;
    const response = await fetch(`${connectWiseApiBase(sim)}/service/tickets/${target.id}`, {
      method: 'PATCH', headers, body: JSON.stringify([{ op: 'replace', path: 'summary', value: 'Applied anyway' }]),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(target.summary).toBe('Applied anyway');
    expect(await (await tickets()).json()).toHaveLength(5);
  });

  it('cuts the answer off after doing the work', async () => {
    sim.faults.dropResponse.remaining = 1;
    const target = sim.data.tickets[4]!;
    const entries = sim.data.timeEntries.length;
    await expect(fetch(`${connectWiseApiBase(sim)}/time/entries`, {
      method: 'POST', headers,
      body: JSON.stringify({ chargeToId: target.id, chargeToType: 'ServiceTicket', timeStart: '2026-11-25T09:00:00Z', actualHours: 0.5 }),
    }).then((r) => r.json())).rejects.toThrow();
    expect(sim.data.timeEntries.length).toBe(entries + 1);
    expect((await tickets()).status).toBe(200);
  });

  it('adds latency to every API call, from the options or the faults', async () => {
    sim.faults.latencyMs = 150;
    const started = performance.now();
    await tickets();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const slow = await startSimulator({ tickets: 10, latencyMs: 120 });
    try {
      const begin = performance.now();
      await fetch(`${slow.url}/login/companyinfo/pullboard`);
      expect(performance.now() - begin).toBeGreaterThanOrEqual(110);
      expect(slow.faults.latencyMs).toBe(120);
    } finally {
      await slow.close();
    }
  });

  it('does not fault companyinfo, so a client can always rediscover', async () => {
    sim.faults.fail500.remaining = 1;
    expect((await fetch(`${sim.url}/login/companyinfo/pullboard`)).status).toBe(200);
    expect(sim.faults.fail500.remaining).toBe(1);
  });
});

describe('moved codebase', () => {
  it('404s the old codebase until the client reads companyinfo again', async () => {
    const oldBase = connectWiseApiBase(sim);
    expect((await fetch(`${oldBase}/service/tickets`, { headers })).status).toBe(200);
    expect(sim.faults.moveCodebase()).toBe('v2025_2/');
    const stale = await fetch(`${oldBase}/service/tickets`, { headers });
    expect(stale.status).toBe(404);
    expect(await stale.json()).toMatchObject({ code: 'NotFound' });
    const info = (await (await fetch(`${sim.url}/login/companyinfo/pullboard`)).json()) as { Codebase: string; VersionCode: string };
    expect(info).toMatchObject({ Codebase: 'v2025_2/', VersionCode: 'v2025.2' });
    const fresh = await fetch(`${sim.url}/${info.Codebase}apis/3.0/service/tickets`, { headers });
    expect(fresh.status).toBe(200);
    const body = (await fresh.json()) as unknown[];
    expect(body).toHaveLength(25);
  });

  it('moves by the admin endpoint too, and hrefs follow the codebase', async () => {
    const moved = (await (await admin('move-codebase', {})).json()) as { codebase: string };
    expect(moved.codebase).toBe('v2025_2/');
    const ticket = (await (await fetch(`${sim.url}/v2025_2/apis/3.0/service/tickets/10001`, { headers })).json()) as { board: { _info: { board_href: string } } };
    expect(ticket.board._info.board_href).toContain('/v2025_2/apis/3.0/service/boards/');
  });
});

describe('admin endpoints and stats', () => {
  it('merges faults posted as JSON and refuses unknown ones', async () => {
    const response = await admin('faults', { fail429: { remaining: 1 }, latencyMs: 5 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ latencyMs: 5, fail429: { remaining: 1, retryAfterSeconds: 1 } });
    expect(sim.faults.fail429.remaining).toBe(1);
    expect((await admin('faults', { explode: true })).status).toBe(400);
    expect((await admin('faults', { fail500: { remaining: -1 } })).status).toBe(400);
  });

  it('reports state', async () => {
    const state = (await (await admin('state')).json()) as Record<string, unknown>;
    expect(state).toMatchObject({ tickets: 200, codebase: 'v2025_1/', companyId: 'pullboard', members: sim.data.members.length });
    expect(state.openTickets).toBeLessThan(200);
  });

  it('counts API requests and bytes per route, not admin or page requests, and resets', async () => {
    sim.resetStats();
    await tickets();
    await tickets();
    await fetch(`${connectWiseApiBase(sim)}/service/tickets/10001`, { headers });
    await fetch(`${sim.url}/login/companyinfo/pullboard`);
    await admin('state');
    await fetch(`${sim.url}/${sim.codebase}ConnectWise.aspx`);
    const stats = sim.stats();
    expect(stats.requests).toBe(4);
    expect(stats.byRoute['GET /service/tickets']?.requests).toBe(2);
    expect(stats.byRoute['GET /service/tickets/{id}']?.requests).toBe(1);
    expect(stats.byRoute['GET /login/companyinfo/{companyId}']?.requests).toBe(1);
    const listBytes = stats.byRoute['GET /service/tickets']?.bytesOut ?? 0;
    expect(listBytes).toBeGreaterThan(1000);
    expect(stats.bytesOut).toBe(Object.values(stats.byRoute).reduce((sum, route) => sum + route.bytesOut, 0));
    const viaHttp = (await (await admin('stats')).json()) as { requests: number };
    expect(viaHttp.requests).toBe(4);
    await admin('reset-stats', {});
    expect(sim.stats()).toEqual({ requests: 0, bytesOut: 0, byRoute: {} });
  });

  it('counts refused and faulted requests too', async () => {
    sim.resetStats();
    sim.faults.fail429.remaining = 1;
    await tickets();
    await fetch(`${connectWiseApiBase(sim)}/service/tickets`);
    expect(sim.stats().byRoute['GET /service/tickets']?.requests).toBe(2);
  });

  it('shows and changes a raw ticket as someone else', async () => {
    const id = sim.data.tickets[0]!.id;
    const raw = (await (await admin(`tickets/${id}`)).json()) as { id: number; statusId: number };
    expect(raw.id).toBe(id);
    const changed = await admin(`tickets/${id}`, { statusName: 'Scheduled', ownerIdentifier: 'jwilson', summary: 'Moved by the dispatcher' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ summary: 'Moved by the dispatcher', updatedBy: 'mreyes', ownerId: 160 });
    expect((await admin(`tickets/${id}`, { statusName: 'Nope' })).status).toBe(400);
    expect((await admin('tickets/1')).status).toBe(404);
  });

  it('lists every tech\'s credentials', async () => {
    const credentials = (await (await admin('credentials')).json()) as { identifier: string; publicKey: string }[];
    expect(credentials[0]?.identifier).toBe('adunn');
    expect(credentials.length).toBe(12);
  });
});

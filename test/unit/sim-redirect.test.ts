/** The simulator's redirect fault: a list, a write or Halo's token POST answered with a redirect to another origin. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';
import { haloCredentials } from '../psa-sim/halo-credentials';

let sim: Simulator;
let headers: Record<string, string>;
const ELSEWHERE = 'https://collector.example:9443';

beforeEach(async () => {
  sim = await startSimulator({ port: 0, tickets: 50 });
  headers = connectWiseHeaders(sim);
});
afterEach(() => sim.close());

const admin = (path: string, body: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('the redirect fault', () => {
  it('sends a list to the same path and query on the other origin, once, and carries nothing out', async () => {
    expect((await admin('faults', { redirect: { remaining: 1, status: 307, to: ELSEWHERE, on: 'read' } })).status).toBe(200);
    const url = `${connectWiseApiBase(sim)}/service/tickets?pageSize=5`;
    const redirected = await fetch(url, { headers, redirect: 'manual' });
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get('location')).toBe(`${ELSEWHERE}${new URL(url).pathname}?pageSize=5`);
    expect((await fetch(url, { headers, redirect: 'manual' })).status).toBe(200);
  });

  it('leaves reads alone when set for writes, and a redirected write changes nothing', async () => {
    sim.faults.redirect = { remaining: 1, status: 308, to: ELSEWHERE, on: 'write' };
    const ticket = sim.data.tickets[0]!;
    const before = JSON.stringify(ticket);
    expect((await fetch(`${connectWiseApiBase(sim)}/service/tickets/${ticket.id}`, { headers, redirect: 'manual' })).status).toBe(200);
    const patch = await fetch(`${connectWiseApiBase(sim)}/service/tickets/${ticket.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify([{ op: 'replace', path: 'summary', value: 'changed' }]),
      redirect: 'manual',
    });
    expect(patch.status).toBe(308);
    expect(JSON.stringify(sim.data.ticketsById.get(ticket.id))).toBe(before);
    expect(sim.faults.redirect.remaining).toBe(0);
  });

  it("redirects Halo's token POST only when asked for the token", async () => {
    const app = haloCredentials(sim.data, sim.halo.tenant).application;
    const token = () =>
      fetch(`${sim.halo.authUrl}/token?tenant=${sim.halo.tenant}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'all' }).toString(),
        redirect: 'manual',
      });
    sim.faults.redirect = { remaining: 1, status: 302, to: ELSEWHERE, on: 'read' };
    expect((await token()).status).toBe(200);
    sim.faults.redirect = { remaining: 1, status: 307, to: ELSEWHERE, on: 'token' };
    const redirected = await token();
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get('location')).toMatch(new RegExp(`^${ELSEWHERE}/auth/token`));
    expect((await token()).status).toBe(200);
  });

  it('refuses a fault it could not carry out, naming the field', async () => {
    const refused = async (redirect: unknown) => (await (await admin('faults', { redirect })).json()) as { error: string };
    expect((await refused({ remaining: 1, status: 200, to: ELSEWHERE })).error).toMatch(/redirect.status must be one of 301, 302, 303, 307, 308/);
    expect((await refused({ remaining: 1, to: `${ELSEWHERE}/path` })).error).toMatch(/origin alone/);
    expect((await refused({ remaining: 1, to: ELSEWHERE, on: 'everything' })).error).toMatch(/redirect.on must be one of read, write, token/);
    expect((await refused({ remaining: 1, where: ELSEWHERE })).error).toMatch(/unknown redirect field 'where'/);
    expect(sim.faults.redirect.remaining).toBe(0);
  });
});

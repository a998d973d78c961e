/** One seeded MSP behind three dialects: the same tickets, changes seen everywhere, shared faults and stats, the CLI. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotaskApiBase, autotaskCredentials, autotaskHeaders } from '../psa-sim/autotask-credentials';
import { haloApiBase, haloCredentials, haloToken } from '../psa-sim/halo-credentials';
import { XSS_SUMMARY } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';

type Json = Record<string, unknown>;
let sim: Simulator;
let halo: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 250 });
  halo = { authorization: `Bearer ${await haloToken(sim)}`, 'content-type': 'application/json' };
});
afterAll(() => sim.close());

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  expect(response.ok, `${url}: ${response.status} ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

/** What each dialect says about a ticket, resolved to names through that dialect's own lookups. */
async function viewThroughEveryDialect(id: number) {
  const cw = await json<{ summary: string; company: { name: string }; status: { name: string }; owner?: { id: number } }>(
    `${connectWiseApiBase(sim)}/service/tickets/${id}`, { headers: connectWiseHeaders(sim) });

  const at = autotaskApiBase(sim);
  const atHeaders = autotaskHeaders(sim);
  const atTicket = (await json<{ item: Json }>(`${at}/Tickets/${id}`, { headers: atHeaders })).item;
  const atCompany = (await json<{ item: Json }>(`${at}/Companies/${String(atTicket.companyID)}`, { headers: atHeaders })).item;
  const atFields = (await json<{ fields: { name: string; picklistValues: { value: string; label: string }[] | null }[] }>(`${at}/Tickets/entityInformation/fields`, { headers: atHeaders })).fields;
  const atStatus = atFields.find((field) => field.name === 'status')!.picklistValues!.find((entry) => entry.value === String(atTicket.status))!.label;

  const hTicket = await json<Json>(`${haloApiBase(sim)}/Tickets/${id}`, { headers: halo });
  const hStatuses = await json<{ id: number; name: string }[]>(`${haloApiBase(sim)}/Status`, { headers: halo });
  return {
    connectwise: { title: cw.summary, company: cw.company.name, status: cw.status.name, assignee: cw.owner?.id ?? null },
    autotask: { title: atTicket.title, company: atCompany.companyName, status: atStatus, assignee: atTicket.assignedResourceID },
    halo: { title: hTicket.summary, company: hTicket.client_name, status: hStatuses.find((status) => status.id === hTicket.status_id)!.name, assignee: hTicket.agent_id === 1 ? null : hTicket.agent_id },
  };
}

describe('one MSP, three dialects', () => {
  it('shows the same tickets (title, company, status name, assignee) in ConnectWise, Autotask and Halo', async () => {
    const closed = sim.data.tickets.find((t) => sim.data.statuses.find((s) => s.id === t.statusId)!.closed)!;
    const assigned = sim.data.tickets.find((t) => t.ownerId !== null)!;
    const xss = sim.data.tickets.find((t) => t.summary === XSS_SUMMARY)!;
    for (const ticket of [sim.data.tickets[0]!, closed, assigned, xss]) {
      const views = await viewThroughEveryDialect(ticket.id);
      const expected = {
        title: ticket.summary,
        company: sim.data.companies.find((c) => c.id === ticket.companyId)!.name,
        status: sim.data.statuses.find((s) => s.id === ticket.statusId)!.name,
        assignee: ticket.ownerId,
      };
      expect(views).toEqual({ connectwise: expected, autotask: expected, halo: expected });
    }
  });

  it('shows a change made through one dialect in the other two', async () => {
    const target = sim.data.tickets.find((t) => t.ownerId === null && t.boardId === 1 && !sim.data.statuses.find((s) => s.id === t.statusId)!.closed)!;
    const patched = await fetch(`${autotaskApiBase(sim)}/Tickets`, {
      method: 'PATCH', headers: autotaskHeaders(sim), body: JSON.stringify({ id: target.id, status: 8, assignedResourceID: 152, assignedResourceRoleID: 29683461 }),
    });
    expect(patched.status).toBe(200);
    let views = await viewThroughEveryDialect(target.id);
    expect(views.connectwise).toMatchObject({ status: 'In Progress', assignee: 152 });
    expect(views.halo).toMatchObject({ status: 'In Progress', assignee: 152 });

    await json(`${haloApiBase(sim)}/Tickets`, { method: 'POST', headers: halo, body: JSON.stringify([{ id: target.id, status_id: 4, agent_id: 153 }]) });
    views = await viewThroughEveryDialect(target.id);
    expect(views.connectwise).toMatchObject({ status: 'Waiting on Client', assignee: 153 });
    expect(views.autotask).toMatchObject({ status: 'Waiting on Client', assignee: 153 });
  });

  it('shows time logged through Halo in ConnectWise time entries and Autotask TimeEntries', async () => {
    const target = sim.data.tickets[5]!;
    await json(`${haloApiBase(sim)}/Actions`, { method: 'POST', headers: halo, body: JSON.stringify([{ ticket_id: target.id, note: 'Logged in Halo', timetaken: 0.75, who_agentid: 151 }]) });
    const cw = await json<{ notes: string; actualHours: number }[]>(`${connectWiseApiBase(sim)}/time/entries?conditions=${encodeURIComponent(`chargeToId=${target.id}`)}`, { headers: connectWiseHeaders(sim) });
    expect(cw.find((entry) => entry.notes === 'Logged in Halo')).toMatchObject({ actualHours: 0.75 });
    const at = await json<{ items: Json[] }>(`${autotaskApiBase(sim)}/TimeEntries/query`, {
      method: 'POST', headers: autotaskHeaders(sim), body: JSON.stringify({ filter: [{ op: 'eq', field: 'ticketID', value: target.id }, { op: 'eq', field: 'summaryNotes', value: 'logged in halo' }] }),
    });
    expect(at.items).toEqual([expect.objectContaining({ resourceID: 151, hoursWorked: 0.75, roleID: 29683461 })]);
  });

  it('shares fault counters and stats across dialects', async () => {
    sim.resetStats();
    sim.faults.fail500.remaining = 2;
    expect((await fetch(`${haloApiBase(sim)}/Status`, { headers: halo })).status).toBe(500);
    expect((await fetch(`${autotaskApiBase(sim)}/Tickets/10001`, { headers: autotaskHeaders(sim) })).status).toBe(500);
    expect((await fetch(`${connectWiseApiBase(sim)}/service/tickets/10001`, { headers: connectWiseHeaders(sim) })).status).toBe(200);
    expect(sim.faults.fail500.remaining).toBe(0);
    expect(sim.stats().requests).toBe(3);
    expect(Object.keys(sim.stats().byRoute).sort()).toEqual(['GET /V1.0/Tickets/{id}', 'GET /api/Status', 'GET /service/tickets/{id}']);
  });

  it('lists each dialect\'s credentials and state under /__sim/, and takes the Autotask budget as a fault', async () => {
    expect(await json(`${sim.url}/__sim/credentials/autotask`)).toEqual(autotaskCredentials(sim.data));
    expect(await json(`${sim.url}/__sim/credentials/halo`)).toEqual(haloCredentials(sim.data));
    const state = await json<Json>(`${sim.url}/__sim/state`);
    expect(state).toMatchObject({ autotask: { apiBaseUrl: `${sim.url}/ATServicesRest/` }, halo: { tenant: 'pullboard', maxPageSize: 100 }, codebase: 'v2025_1/' });
    expect(await json(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ autotaskHourlyBudget: 50 }) })).toMatchObject({ autotaskHourlyBudget: 50 });
    expect(sim.faults.autotaskHourlyBudget).toBe(50);
    expect((await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ autotaskHourlyBudget: 0 }) })).status).toBe(400);
  });

  it('keeps the credentials of a seed whatever the size of the MSP, and differs with the seed', async () => {
    const small = await startSimulator({ tickets: 5, extraTechs: 3 });
    const other = await startSimulator({ tickets: 5, seed: 2 });
    try {
      const smallAutotask = autotaskCredentials(small.data);
      expect(smallAutotask.techs.slice(0, 12)).toEqual(autotaskCredentials(sim.data).techs);
      expect(smallAutotask.techs).toHaveLength(15);
      expect(haloCredentials(small.data).techs.slice(0, 12)).toEqual(haloCredentials(sim.data).techs);
      expect(autotaskCredentials(other.data).integrationCode).not.toBe(smallAutotask.integrationCode);
      expect(smallAutotask.techs.map((tech) => tech.secret).concat(smallAutotask.apiUser.secret).every((secret) => secret.length >= 20)).toBe(true);
      expect(small.data.members[0]!.publicKey).toBe(sim.data.members[0]!.publicKey);
    } finally {
      await Promise.all([small.close(), other.close()]);
    }
  });
});

describe('CLI --psa', () => {
  async function run(args: string[]): Promise<{ output: string; code: number | null }> {
    const cli = spawn(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('test', 'psa-sim', 'cli.ts'), '--port', '0', '--tickets', '20', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    cli.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    const timer = setInterval(() => { if (output.includes('Ctrl-C')) cli.kill('SIGTERM'); }, 50);
    const killer = setTimeout(() => cli.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearInterval(timer);
    clearTimeout(killer);
    return { output, code };
  }

  it('prints only the dialect asked for, with its base URLs and demo credentials', async () => {
    const autotask = await run(['--psa', 'autotask']);
    expect(autotask.output).toMatch(/PSA simulator \(Autotask\) listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(autotask.output).toMatch(/integration code: [A-Z0-9]{27}/);
    expect(autotask.output).toMatch(/API user: {4}UserName pbapi[a-z0-9]{6}@pullboard-msp\.example {2}Secret \S+/);
    expect(autotask.output).toMatch(/demo tech: {3}UserName adunn@pullboard-msp\.example/);
    expect(autotask.output).not.toContain('company id:');
    expect(autotask.output).not.toContain('client_id');
    const haloRun = await run(['--psa', 'halo']);
    expect(haloRun.output).toMatch(/auth server: http:\/\/127\.0\.0\.1:\d+\/auth/);
    expect(haloRun.output).toMatch(/application: client_id [0-9a-f-]{36} {2}client_secret \S+ {2}\(API agent 2, not a tech\)/);
    expect(haloRun.output).toMatch(/demo tech: {3}client_id [0-9a-f-]{36}/);
    expect(haloRun.output).not.toContain('integration code');
  }, 45_000);

  it('refuses an unknown dialect', async () => {
    const bad = await run(['--psa', 'servicenow']);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/--psa must be connectwise, autotask, halo or all/);
  }, 25_000);
});

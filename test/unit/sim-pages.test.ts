import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_SUMMARY } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300 });
});
afterAll(() => sim.close());

const page = (path: string) => fetch(`${sim.url}${path}`, { redirect: 'manual' });
const xssTicket = () => sim.data.tickets.find((ticket) => ticket.summary === XSS_SUMMARY)!;

describe('ConnectWise pages', () => {
  it('redirects / to the service board under the codebase', async () => {
    const response = await page('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/v2025_1/ConnectWise.aspx');
  });

  it('lists open tickets of the Service Desk with links to their pages and a ConnectWise-like header', async () => {
    const response = await page('/v2025_1/ConnectWise.aspx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('class="cw-header"');
    expect(html).toContain('history.pushState');
    const openOnBoard = sim.data.tickets.filter((t) => t.boardId === 1 && !sim.data.statuses.find((s) => s.id === t.statusId)?.closed);
    const rows = html.match(/<tr class="cw-ticket-row"/g) ?? [];
    expect(rows.length).toBe(openOnBoard.length);
    expect(html).toContain(`href="/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=${openOnBoard[0]!.id}"`);
  });

  it('shows a ticket at both real ticket URLs', async () => {
    const ticket = sim.data.tickets.find((t) => t.ownerId !== null && t.contactId !== null && !t.summary.includes("'"))!;
    const owner = sim.data.members.find((m) => m.id === ticket.ownerId)!;
    for (const path of [
      `/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=${ticket.id}`,
      `/v2025_1/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=${ticket.id}`,
    ]) {
      const html = await (await page(path)).text();
      expect(html).toContain(`data-ticket-id="${ticket.id}"`);
      expect(html).toContain(ticket.summary);
      expect(html).toContain(`${owner.firstName} ${owner.lastName}`);
      expect(html).toContain(sim.data.companies.find((c) => c.id === ticket.companyId)!.name);
      expect(html).toContain(sim.data.statuses.find((s) => s.id === ticket.statusId)!.name);
    }
  });

  it('escapes ticket text so the injection in a title stays inert', async () => {
    const ticket = xssTicket();
    for (const path of ['/v2025_1/ConnectWise.aspx', `/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=${ticket.id}`]) {
      const html = await (await page(path)).text();
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;img src=x onerror=window.__pwned=1&gt;');
    }
  });

  it('answers 404 for a ticket that does not exist', async () => {
    const response = await page('/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=42');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Record not found');
  });

  it('redirects pages of an old codebase to the current one', async () => {
    const other = await startSimulator({ tickets: 20 });
    try {
      other.faults.moveCodebase();
      const response = await fetch(`${other.url}/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=10001`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/v2025_2/ConnectWise.aspx?routeTo=ServiceFV&recid=10001');
    } finally {
      await other.close();
    }
  });

  it('does not count page requests in stats', async () => {
    sim.resetStats();
    await page('/v2025_1/ConnectWise.aspx');
    expect(sim.stats().requests).toBe(0);
  });
});

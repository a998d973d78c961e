/**
 * One seeded ticket read through all three adapters from the same simulator: apart from ids, number, URL
 * and what only one PSA has, the normalized tickets agree. This is what "one model" means for the board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { autotaskCredentials } from '../psa-sim/autotask-credentials';
import { haloCredentials } from '../psa-sim/halo-credentials';
import { createPsa } from '../../utils/psa';
import type { Psa } from '../../utils/psa/psa';
import type { Ticket } from '../../utils/psa/model';

let sim: Simulator;
let psas: Record<'connectwise' | 'autotask' | 'halo', Psa>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300, seed: 1 });
  const cw = memberCredentials(sim.data)[0]!;
  const at = autotaskCredentials(sim.data);
  const halo = haloCredentials(sim.data, sim.halo.tenant);
  psas = {
    connectwise: createPsa({
      kind: 'connectwise', id: 'cw', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: cw.publicKey, privateKey: cw.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1',
    }),
    autotask: createPsa({
      kind: 'autotask', id: 'at', userName: at.apiUser.userName, secret: at.apiUser.secret, integrationCode: at.integrationCode,
      discoveryUrl: `${sim.url}/ATServicesRest/`, zoneUrl: null, webUrl: null, queueId: null, meResourceId: null,
    }),
    halo: createPsa({
      kind: 'halo', id: 'halo', url: sim.halo.url, authUrl: null, tenant: null, clientId: halo.application.clientId, clientSecret: halo.application.clientSecret, teamId: '11', meAgentId: null,
    }),
  };
});
afterAll(async () => sim.close());

/** What every PSA must agree on. Created and updated are compared to the second: Autotask and Halo add fractions. */
function comparable(ticket: Ticket) {
  return {
    title: ticket.title,
    status: ticket.status.name,
    closed: ticket.closed,
    priorityRank: ticket.priority?.rank ?? null,
    priorityName: ticket.priority?.name ?? null,
    assignee: ticket.assignee?.name ?? null,
    company: ticket.company?.name ?? null,
    contact: ticket.contact?.name ?? null,
    board: ticket.board?.name ?? null,
    created: Math.floor(Date.parse(ticket.created) / 1000),
    updated: Math.floor(Date.parse(ticket.updated) / 1000),
  };
}

const isClosed = (statusId: number) => sim.data.statuses.find((s) => s.id === statusId)?.closed ?? false;

describe('the same ticket through ConnectWise, Autotask and Halo', () => {
  it.each([
    ['open, assigned, with a contact', (t: Simulator['data']['tickets'][number]) => !isClosed(t.statusId) && t.ownerId !== null && t.contactId !== null],
    ['open and unassigned', (t: Simulator['data']['tickets'][number]) => !isClosed(t.statusId) && t.ownerId === null],
    ['closed', (t: Simulator['data']['tickets'][number]) => isClosed(t.statusId)],
    ['without a contact', (t: Simulator['data']['tickets'][number]) => t.contactId === null],
  ])('%s: the same normalized ticket apart from ids, number and URL', async (_what, choose) => {
    const simTicket = sim.data.tickets.find((t) => t.boardId === 1 && choose(t))!;
    expect(simTicket).toBeDefined();
    const id = String(simTicket.id);
    const [cw, at, halo] = await Promise.all([psas.connectwise.getTicket(id), psas.autotask.getTicket(id), psas.halo.getTicket(id)]);
    const expected = comparable(cw);
    expect(comparable(at)).toEqual(expected);
    expect(comparable(halo)).toEqual(expected);
    // The board is the same board under each PSA's name for it.
    expect(expected.board).toBe('Service Desk');
    expect(new Set([cw.url, at.url, halo.url]).size).toBe(3);
  });

  it('the whole open board agrees: same tickets, same statuses, ranks and assignees', async () => {
    const load = async (psa: Psa, boardId: string) => {
      const tickets: Ticket[] = [];
      for await (const page of psa.listTickets({ boardId, openOnly: true })) tickets.push(...page.tickets);
      return new Map(tickets.map((t) => [t.id, comparable(t)]));
    };
    const queue = (await psas.autotask.listBoards()).find((b) => b.name === 'Service Desk')!.id;
    const [cw, at, halo] = await Promise.all([load(psas.connectwise, '1'), load(psas.autotask, queue), load(psas.halo, '11')]);
    expect(cw.size).toBeGreaterThan(50);
    expect([...at.keys()]).toEqual([...cw.keys()]);
    expect([...halo.keys()]).toEqual([...cw.keys()]);
    for (const [id, ticket] of cw) {
      expect(at.get(id), `Autotask ticket ${id}`).toEqual(ticket);
      expect(halo.get(id), `Halo ticket ${id}`).toEqual(ticket);
    }
  });
});

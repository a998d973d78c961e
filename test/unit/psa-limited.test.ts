/**
 * Credentials with partial rights, as real MSPs hand them out (the simulator's `access` limits): a side
 * lookup the API user or application may not read costs a name, never the board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPsa } from '../../utils/psa';
import type { Connection } from '../../utils/psa/kinds';
import type { Ticket } from '../../utils/psa/model';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { LIMITED_DEMO_CREDENTIALS } from '../psa-sim/access';
import { autotaskCredentials } from '../psa-sim/autotask-credentials';
import { haloCredentials } from '../psa-sim/halo-credentials';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 200, seed: 3, access: LIMITED_DEMO_CREDENTIALS });
});
afterAll(async () => sim.close());

async function allTickets(connection: Connection, boardId: string): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of createPsa(connection).listTickets({ boardId, openOnly: true })) tickets.push(...page.tickets);
  return tickets;
}

describe('an Autotask API user that may not read Contacts or Resources', () => {
  const connection = (): Connection => {
    const { integrationCode, apiUser } = autotaskCredentials(sim.data);
    return { kind: 'autotask', id: 'at', userName: apiUser.userName, secret: apiUser.secret, integrationCode, discoveryUrl: `${sim.url}/ATServicesRest/`, zoneUrl: null, webUrl: null, queueId: null, meResourceId: null };
  };

  it('still loads every open ticket of the queue, with contact and assignee names unknown', async () => {
    const psa = createPsa(connection());
    const [queue] = await psa.listBoards();
    const tickets = await allTickets(connection(), queue!.id);
    const expected = await psa.countOpenTickets(queue!.id);
    expect(tickets.length).toBe(expected);
    expect(tickets.length).toBeGreaterThan(0);
    const withContact = tickets.filter((t) => t.contact);
    expect(withContact.length).toBeGreaterThan(0);
    // The names it could not read are shown as what they are: an id.
    expect(withContact.every((t) => /^Contact \d+$/.test(t.contact!.name))).toBe(true);
  });
});

describe('a Halo application without rights to teams or clients', () => {
  const connection = (): Connection => {
    const { application } = haloCredentials(sim.data, sim.halo.tenant);
    return { kind: 'halo', id: 'h', url: sim.halo.url, authUrl: null, tenant: null, clientId: application.clientId, clientSecret: application.clientSecret, teamId: null, meAgentId: null };
  };

  it('offers the teams named on its tickets as boards, and loads a team\'s tickets', async () => {
    const boards = await createPsa(connection()).listBoards();
    expect(boards.length).toBeGreaterThan(0);
    const tickets = await allTickets(connection(), boards[0]!.id);
    expect(tickets.length).toBeGreaterThan(0);
    expect(tickets.every((t) => t.board?.id === boards[0]!.id || t.team?.id === boards[0]!.id)).toBe(true);
  });
});

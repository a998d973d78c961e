/**
 * Credentials with partial rights: each dialect refuses the limited credential's areas in its own way, answers every
 * other route as before, and leaves other credentials alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITED_DEMO_CREDENTIALS } from '../psa-sim/access';
import { autotaskApiBase, autotaskCredentials, autotaskHeaders } from '../psa-sim/autotask-credentials';
import { haloApiBase, haloCredentials, haloToken } from '../psa-sim/halo-credentials';
import { memberCredentials } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 80, access: LIMITED_DEMO_CREDENTIALS });
});
afterAll(() => sim.close());

const everything = JSON.stringify({ filter: [{ op: 'exist', field: 'id' }] });

describe('ConnectWise: a member whose security role cannot inquire on companies', () => {
  const limited = () => memberCredentials(sim.data)[0]!;
  const other = () => memberCredentials(sim.data)[1]!;
  it.each(['/company/companies', '/company/companies/count', '/company/companies/250', '/company/contacts', '/company/contacts/count'])('refuses %s with 403 Forbidden', async (path) => {
    const response = await fetch(`${connectWiseApiBase(sim)}${path}`, { headers: connectWiseHeaders(sim, limited()) });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'Forbidden', message: expect.stringContaining(limited().identifier) });
  });

  it.each(['/service/tickets?pageSize=5', '/system/myMembers', '/system/members?pageSize=5', '/service/boards'])('still answers %s, tickets with their company embedded', async (path) => {
    const response = await fetch(`${connectWiseApiBase(sim)}${path}`, { headers: connectWiseHeaders(sim, limited()) });
    expect(response.status).toBe(200);
    if (path.startsWith('/service/tickets')) expect(((await response.json()) as { company: { name: string } }[])[0]!.company.name).toEqual(expect.any(String));
  });

  it('lets another member read companies', async () => {
    expect((await fetch(`${connectWiseApiBase(sim)}/company/companies`, { headers: connectWiseHeaders(sim, other()) })).status).toBe(200);
  });
});

describe('Autotask: an API user whose security level may not query Contacts or Resources', () => {
  const call = (method: string, path: string, who?: Parameters<typeof autotaskHeaders>[1]) =>
    fetch(`${autotaskApiBase(sim)}${path}`, { method, headers: autotaskHeaders(sim, who), ...(method === 'POST' ? { body: everything } : {}) });

  it.each<[string, string, string]>([
    ['POST', '/Contacts/query', 'Contact'],
    ['POST', '/Contacts/query/count', 'Contact'],
    ['GET', `/Contacts/query?search=${encodeURIComponent(everything)}`, 'Contact'],
    ['GET', '/Contacts/1', 'Contact'],
    ['POST', '/Resources/query', 'Resource'],
    ['POST', '/resources/QUERY', 'Resource'],
  ])('refuses %s %s with HTTP 500 and errors[]', async (method, path, entity) => {
    const response = await call(method, path);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ errors: [expect.stringContaining(`permission to query the ${entity} entity`)] });
  });

  it('says so in entityInformation: userAccessForQuery None for Contacts and Resources, All elsewhere', async () => {
    const access = async (entity: string) => ((await (await call('GET', `/${entity}/entityInformation`)).json()) as { info: { userAccessForQuery: string } }).info.userAccessForQuery;
    expect(await access('Contacts')).toBe('None');
    expect(await access('Resources')).toBe('None');
    expect(await access('Tickets')).toBe('All');
    expect(await access('Companies')).toBe('All');
  });

  it.each(['/Tickets/query', '/Tickets/query/count', '/Companies/query', '/ResourceServiceDeskRoles/query', '/TimeEntries/query'])('still answers POST %s', async (path) => {
    expect((await call('POST', path)).status).toBe(200);
  });

  it('lets a tech\'s own credentials read Contacts and Resources', async () => {
    const tech = autotaskCredentials(sim.data).techs[0]!;
    expect((await call('POST', '/Contacts/query', tech)).status).toBe(200);
    expect((await call('POST', '/Resources/query', tech)).status).toBe(200);
  });
});

describe('Halo: an application without rights to teams or clients', () => {
  const get = async (path: string, who?: Parameters<typeof haloToken>[1]) =>
    fetch(`${haloApiBase(sim)}${path}`, { headers: { authorization: `Bearer ${await haloToken(sim, who)}` } });

  it.each(['/Team', '/team', '/Client', '/Client/250'])('refuses %s with 403 and an empty body', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
  });

  it.each(['/Tickets?pageinate=true&page_size=5&page_no=1', '/Agent', '/Agent/me', '/Status', '/Priority', '/TicketType'])('still answers %s', async (path) => {
    expect((await get(path)).status).toBe(200);
  });

  it('lets a tech\'s application read teams and clients', async () => {
    const tech = haloCredentials(sim.data).techs[0]!;
    expect((await get('/Team', tech)).status).toBe(200);
    expect((await get('/Client', tech)).status).toBe(200);
  });
});

describe('without limits', () => {
  it('every credential reads every area', async () => {
    const open = await startSimulator({ port: 0, tickets: 10 });
    try {
      expect((await fetch(`${connectWiseApiBase(open)}/company/companies`, { headers: connectWiseHeaders(open) })).status).toBe(200);
      expect((await fetch(`${autotaskApiBase(open)}/Contacts/query`, { method: 'POST', headers: autotaskHeaders(open), body: everything })).status).toBe(200);
      expect((await fetch(`${haloApiBase(open)}/Team`, { headers: { authorization: `Bearer ${await haloToken(open)}` } })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

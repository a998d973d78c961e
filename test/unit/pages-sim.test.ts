/** The simulator's pages behave like the real apps where Pullboard's page detection depends on it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { pageOf } from '../../utils/pages';
import { isSignInPage, readPageTicket, type PageDocument } from '../../utils/pages/read-page';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 120 });
});
afterAll(() => sim.close());

const get = (path: string, init: RequestInit = {}) => fetch(`${sim.url}${path}`, { redirect: 'manual', ...init });
const parse = async (response: Response) => parseHTML(await response.text()).document as unknown as PageDocument;
const someTicket = () => sim.data.tickets.find((ticket) => !ticket.summary.includes('<'))!;

describe('ConnectWise pages', () => {
  it('name the open ticket in the ticket view\'s navigation label, which the page reader reads', async () => {
    const ticket = someTicket();
    const doc = await parse(await get(`/${sim.codebase}ConnectWise.aspx?routeTo=ServiceFV&recid=${ticket.id}`));
    expect(readPageTicket('connectwise', doc)).toEqual({ id: String(ticket.id) });
    expect(readPageTicket('connectwise', await parse(await get(`/${sim.codebase}ConnectWise.aspx`)))).toBeNull();
  });

  it('open a ticket from the board in the app\'s state: same path, the state after #, ending ??ServiceTicket', async () => {
    const html = await (await get(`/${sim.codebase}ConnectWise.aspx`)).text();
    expect(html).toContain("'?locale=en_US#' + encodeState(recid) + '??ServiceTicket'");
    const url = `https://na.myconnectwise.net/${sim.codebase}ConnectWise.aspx?locale=en_US#eyJ0aWNrZXRJZCI6IjEwMDAxIn0??ServiceTicket`;
    expect(pageOf(url)).toEqual({ kind: 'connectwise', app: true, ticket: null, ticketOnScreen: true });
  });

  it('serve the customer portal and, for a signed-out browser, the sign-in form on the same host', async () => {
    const portal = await get(`/${sim.codebase}services/system_io/customerportal/portal.html?company=pullboard&locale=en`);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('Customer Portal');
    expect(pageOf(`https://na.myconnectwise.net/${sim.codebase}services/system_io/customerportal/portal.html?company=pullboard`)).toBeNull();
    const signIn = await parse(await get(`/${sim.codebase}ConnectWise.aspx`, { headers: { cookie: 'cw-session=signed-out' } }));
    expect(isSignInPage(signIn)).toBe(true);
    expect(isSignInPage(await parse(await get(`/${sim.codebase}ConnectWise.aspx`)))).toBe(false);
  });
});

describe('Autotask pages', () => {
  it('ExecuteCommand by number or id opens the ticket page by id, the URL the pop-up shows', async () => {
    const ticket = someTicket();
    const detail = `/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=${ticket.id}&ticketId=${ticket.id}`;
    const page = await (await get(detail)).text();
    const number = /data-ticket-number="(T[\d.]+)"/.exec(page)![1]!;
    for (const query of [`TicketNumber=${number}`, `TicketID=${ticket.id}`]) {
      const response = await get(`/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&${query}`);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(detail);
    }
    expect(pageOf(`https://ww5.autotask.net${detail}`)).toMatchObject({ kind: 'autotask', ticket: { id: String(ticket.id) } });
    expect(readPageTicket('autotask', parseHTML(page).document as unknown as PageDocument)).toEqual({ number });
  });

  it('serve the sign-in screen and the client portal on the same host, neither an app page', async () => {
    for (const path of ['/Mvc/Framework/Authentication.mvc/Authenticate', '/ClientPortal/Login.aspx?ci=12137']) {
      expect((await get(path)).status, path).toBe(200);
      expect(pageOf(`https://ww5.autotask.net${path}`), path).toBeNull();
    }
    expect(isSignInPage(await parse(await get('/Mvc/Framework/Authentication.mvc/Authenticate')))).toBe(true);
  });
});

describe('Halo pages', () => {
  it('route inside the agent app: list links are in-app links to /tickets?…&id= and /ticket?id=', async () => {
    const html = await (await get('/tickets')).text();
    const ticket = sim.data.tickets.find((candidate) => html.includes(`data-ticket-id="${candidate.id}"`))!;
    expect(html).toContain(`data-halo-nav href="/tickets?area=1&id=${ticket.id}"`);
    expect(html).toContain(`data-halo-nav href="/ticket?id=${ticket.id}"`);
    expect(html).toContain('history.pushState');
  });

  it('serve the end-user portal and the sign-in page on the same host, neither an app page', async () => {
    for (const path of ['/portal/', '/auth/Account/Login']) {
      expect((await get(path)).status, path).toBe(200);
      expect(pageOf(`https://pullboard.halopsa.com${path}`), path).toBeNull();
    }
    expect(isSignInPage(await parse(await get('/auth/Account/Login')))).toBe(true);
  });
});

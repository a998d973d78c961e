/**
 * The ConnectWise adapter against a hand-written fake for what the simulator does not cover: cloud host
 * mapping, hostile `Link` headers, a site that is not ConnectWise, missing permissions.
 */
import { describe, expect, it } from 'vitest';
import { ConnectWisePsa } from '../../utils/psa/connectwise/adapter';
import { PsaError } from '../../utils/psa/errors';
import type { HttpDeps } from '../../utils/psa/http';
import type { ConnectWiseConnection } from '../../utils/psa/connectwise/connection';

const connection: ConnectWiseConnection = {
  kind: 'connectwise',
  id: 'c1',
  siteUrl: 'https://na.myconnectwise.net',
  companyId: 'acme',
  publicKey: 'pub',
  privateKey: 'priv',
  clientId: 'client-guid',
  boardId: '1',
};

type Route = (url: URL, init: RequestInit) => Response | undefined;

function fakeConnectWise(routes: Route[]) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    seen.push({ url: url.href, headers: { ...(init.headers as Record<string, string>) } });
    for (const route of routes) {
      const response = route(url, init);
      if (response) return response;
    }
    return new Response(JSON.stringify({ code: 'NotFound', message: 'no route' }), { status: 404 });
  }) as typeof globalThis.fetch;
  const deps: HttpDeps = { fetch, sleep: async () => undefined, now: () => Date.now(), random: () => 0 };
  return { deps, seen };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });

const companyInfo: Route = (url) =>
  url.pathname === '/login/companyinfo/acme' ? json({ Codebase: 'v2025_1/', CompanyID: 'acme', IsCloud: true }) : undefined;

function ticket(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    summary: `Ticket ${id}`,
    board: { id: 1, name: 'Service Desk' },
    status: { id: 5, name: 'New' },
    closedFlag: false,
    priority: { id: 4, name: 'Priority 3 - Normal', sort: 6 },
    _info: { lastUpdated: '2026-11-25T09:00:00Z', dateEntered: '2026-11-25T08:00:00Z' },
    ...extra,
  };
}

async function collect(psa: ConnectWisePsa) {
  const tickets = [];
  for await (const page of psa.listTickets({ boardId: '1', openOnly: true })) tickets.push(...page.tickets);
  return tickets;
}

describe('ConnectWise adapter (fake server)', () => {
  it('reads the codebase from the web host and calls the API on the api- host with the auth headers', async () => {
    const { deps, seen } = fakeConnectWise([
      companyInfo,
      (url) => (url.pathname === '/v2025_1/apis/3.0/system/myMembers' ? json({ id: 3, identifier: 'jdoe', firstName: 'Jo', lastName: 'Doe', officeEmail: 'jo@acme.test' }) : undefined),
    ]);
    const me = await new ConnectWisePsa(connection, deps).whoAmI();
    expect(me).toEqual({ id: '3', identifier: 'jdoe', name: 'Jo Doe', email: 'jo@acme.test', inactive: false });
    expect(seen.map((s) => s.url)).toEqual([
      'https://na.myconnectwise.net/login/companyinfo/acme',
      'https://api-na.myconnectwise.net/v2025_1/apis/3.0/system/myMembers',
    ]);
    expect(seen[0]?.headers.Authorization).toBeUndefined();
    expect(seen[1]?.headers).toMatchObject({
      Authorization: `Basic ${btoa('acme+pub:priv')}`,
      clientId: 'client-guid',
      Accept: 'application/vnd.connectwise.com+json; version=2021.1',
    });
  });

  it('follows a next link by its query only: credentials never go to the host a Link names', async () => {
    const { deps, seen } = fakeConnectWise([
      companyInfo,
      (url) => {
        if (url.pathname !== '/v2025_1/apis/3.0/service/tickets') return undefined;
        if (url.searchParams.get('pageId') === '2') return json([ticket(3)]);
        return json([ticket(1), ticket(2)], { Link: '<https://internal-cw.local/v2025_1/apis/3.0/service/tickets?pageId=2&pageSize=2>; rel="next"' });
      },
      (url) => (url.pathname === '/v2025_1/apis/3.0/service/priorities' ? json([]) : undefined),
    ]);
    const tickets = await collect(new ConnectWisePsa(connection, deps, { pageSize: 2 }));
    expect(tickets.map((t) => t.id)).toEqual(['1', '2', '3']);
    expect(seen.every((s) => !s.url.includes('internal-cw.local'))).toBe(true);
    const second = seen.find((s) => s.url.includes('pageId=2'));
    expect(second?.url.startsWith('https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets?')).toBe(true);
    expect(second?.headers['pagination-type']).toBe('forward-only');
  });

  it('a site that answers companyinfo with a web page is a config error naming the site URL', async () => {
    const { deps } = fakeConnectWise([() => new Response('<!doctype html><title>Login</title>', { status: 200 })]);
    const error = await new ConnectWisePsa({ ...connection, siteUrl: 'https://portal.example.com' }, deps).whoAmI().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaError);
    expect((error as PsaError).kind).toBe('config');
    expect((error as PsaError).userMessage).toContain('Pullboard could not find ConnectWise at https://portal.example.com');
    expect((error as PsaError).userMessage).toContain('Check the site URL');
  });

  it('an unknown company (null companyinfo) says which company ID it did not find', async () => {
    const { deps } = fakeConnectWise([(url) => (url.pathname.startsWith('/login/companyinfo/') ? json(null) : undefined)]);
    const error = (await new ConnectWisePsa(connection, deps).listBoards().catch((e: unknown) => e)) as PsaError;
    expect(error.kind).toBe('config');
    expect(error.userMessage).toMatch(/^ConnectWise has no company 'acme'\. Check the company ID in Pullboard's options/);
  });

  it('without permission to read priorities and SLAs, tickets still load, ranked by sort, without deadlines', async () => {
    const forbidden = () => new Response(JSON.stringify({ code: 'Forbidden', message: 'no access' }), { status: 403 });
    const { deps } = fakeConnectWise([
      companyInfo,
      (url) => (url.pathname.endsWith('/service/tickets') ? json([ticket(1, { sla: { id: 9 } })]) : undefined),
      (url) => (url.pathname.endsWith('/service/priorities') || url.pathname.includes('/service/SLAs/') ? forbidden() : undefined),
    ]);
    const [loaded] = await collect(new ConnectWisePsa(connection, deps));
    expect(loaded?.priority).toEqual({ id: '4', name: 'Priority 3 - Normal', rank: 6, colour: null });
    expect(loaded?.sla.respondBy).toBeNull();
    expect(loaded?.url).toBe('https://na.myconnectwise.net/v2025_1/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=1');
  });

  it('refuses an id that is not a number before sending anything', async () => {
    const { deps, seen } = fakeConnectWise([companyInfo]);
    const error = (await new ConnectWisePsa(connection, deps).getTicket('1 or 1=1').catch((e: unknown) => e)) as PsaError;
    expect(error.kind).toBe('config');
    expect(seen).toHaveLength(0);
  });

  it('a list endpoint that answers an object is a malformed error', async () => {
    const { deps } = fakeConnectWise([companyInfo, (url) => (url.pathname.endsWith('/service/tickets') ? json({ tickets: [] }) : undefined)]);
    const error = (await collect(new ConnectWisePsa(connection, deps)).catch((e: unknown) => e)) as PsaError;
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toContain('/service/tickets answered an object instead of a list');
  });
});

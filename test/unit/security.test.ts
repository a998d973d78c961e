/**
 * The security rules that live in pure code: no credentialed request follows a redirect, connection
 * addresses are https on a real host, secrets never move to a new address, Autotask's zone stays on
 * autotask.net, PSA colours and ticket links are what they claim, and a removed connection leaves nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { requestJson, type HttpDeps } from '../../utils/psa/http';
import { PsaError } from '../../utils/psa/errors';
import { connectionUrlProblem } from '../../utils/psa/kind';
import { completeDraft, KINDS, type Connection, type ConnectionDraft } from '../../utils/psa/kinds';
import { isAutotaskAddress } from '../../utils/psa/autotask/connection';
import { isCssColour } from '../../utils/psa/colour';
import { Priority, Ticket } from '../../utils/psa/model';
import { forgetConnectionData } from '../../utils/store/connection-data';
import { openPullboardDb } from '../../utils/store/db';
import { upsertTickets } from '../../utils/store/tickets';
import { addOutboxEntry, loadOutbox } from '../../utils/store/outbox-store';
import { loadTimers, updateTimers } from '../../utils/store/timer-store';
import { boardConfigKey } from '../../utils/store/board-config';

const LABEL = { name: 'ConnectWise', credentials: 'API keys' };

function depsAnswering(response: Response): HttpDeps & { seen: RequestInit[] } {
  const seen: RequestInit[] = [];
  return {
    seen,
    fetch: (async (_url: RequestInfo | URL, init: RequestInit = {}) => {
      seen.push(init);
      return response;
    }) as typeof fetch,
    sleep: async () => undefined,
    now: () => Date.UTC(2026, 11, 2),
    random: () => 0.5,
  } as HttpDeps & { seen: RequestInit[] };
}

describe('no credentialed request follows a redirect', () => {
  it.each([301, 302, 303, 307, 308])('a %i to another origin is refused, naming where it pointed, and asked of fetch never to be followed', async (status) => {
    const deps = depsAnswering(new Response(null, { status, headers: { Location: 'https://collector.example/steal' } }));
    const error = await requestJson({ method: 'GET', url: 'https://api-na.myconnectwise.net/v4_6_release/apis/3.0/service/tickets', psa: LABEL, headers: { Authorization: 'Basic x', clientId: 'c' } }, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaError);
    expect((error as PsaError).kind).toBe('config');
    expect((error as PsaError).userMessage).toContain('redirect to https://collector.example');
    expect((error as PsaError).userMessage).toContain('does not follow redirects');
    expect(deps.seen.map((init) => init.redirect)).toEqual(['manual']);
  });

  it('an opaque redirect (what a browser gives for redirect: manual) is refused too', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0) } as unknown as Response;
    const error = await requestJson({ method: 'POST', url: 'https://acme.halopsa.com/auth/token', psa: LABEL, headers: {}, body: 'client_secret=s' }, depsAnswering(opaque)).catch((e: unknown) => e);
    expect((error as PsaError).userMessage).toContain('redirect to another address');
  });
});

describe('connection addresses', () => {
  it.each([
    ['https://na.myconnectwise.net', null],
    ['https://psa.msp.example:8443/', null],
    ['http://127.0.0.1:4000', null],
    ['http://localhost:4000', null],
    ['http://na.myconnectwise.net', 'must start with https://'],
    ['https://*', 'without a wildcard'],
    ['https://*.halopsa.com', 'without a wildcard'],
    ['https://com', 'must name a real server'],
    ['https://user:pw@na.myconnectwise.net', 'must not hold a user name or password'],
    ['javascript:alert(1)', 'must start with https://'],
    ['data:text/html,hi', 'must start with https://'],
    ['ftp://files.example.com', 'must start with https://'],
    ['not a url', 'is not a full address'],
  ])('%s → %s', (url, problem) => {
    const found = connectionUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('the options form asks for no permission for an address it refuses', () => {
    expect(() => KINDS.connectwise.origins({ siteUrl: 'https://*' })).toThrow(/Site URL must name one server, without a wildcard, like https:\/\/na\.myconnectwise\.net/);
    expect(() => KINDS.halo.origins({ url: 'http://acme.halopsa.com' })).toThrow(/Halo URL must start with https:\/\//);
    expect(() => KINDS.halo.origins({ url: 'https://acme.halopsa.com', authUrl: 'https://u:p@auth.example.com' })).toThrow(/Authorisation server must not hold a user name/);
    expect(KINDS.connectwise.origins({ siteUrl: 'https://psa.msp.example' })).toEqual(['https://psa.msp.example']);
  });

  it('a draft with such an address does not parse, with the reason', () => {
    const parsed = KINDS.connectwise.draftSchema.safeParse({ kind: 'connectwise', siteUrl: 'http://na.myconnectwise.net', companyId: 'a', publicKey: 'p', privateKey: 'k', clientId: 'c', boardId: null });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/^Site URL must start with https:\/\//);
  });
});

describe('secrets never move to a new address', () => {
  const cw: Connection = { kind: 'connectwise', id: 'c1', siteUrl: 'https://na.myconnectwise.net', companyId: 'acme', publicKey: 'PUB', privateKey: 'PRIV', clientId: 'cid', boardId: '1' };
  const halo: Connection = { kind: 'halo', id: 'h1', url: 'https://acme.halopsa.com', authUrl: null, tenant: null, clientId: 'cid', clientSecret: 'SECRET', teamId: '1', meAgentId: null };

  it('a ConnectWise site URL changed with the keys left blank is refused', () => {
    const draft: ConnectionDraft = { kind: 'connectwise', id: 'c1', siteUrl: 'https://psa.elsewhere.example', companyId: 'acme', publicKey: '', privateKey: '', clientId: 'cid', boardId: '1' };
    expect(() => completeDraft(draft, cw)).toThrow(/site URL changed: enter the public and private keys again/);
    expect(completeDraft({ ...draft, publicKey: 'NEWPUB', privateKey: 'NEWPRIV' }, cw)).toMatchObject({ siteUrl: 'https://psa.elsewhere.example', privateKey: 'NEWPRIV' });
    // The same site keeps them.
    expect(completeDraft({ ...draft, siteUrl: 'https://na.myconnectwise.net/' }, cw)).toMatchObject({ privateKey: 'PRIV' });
  });

  it('a Halo URL or authorisation server changed with the secret left blank is refused', () => {
    const draft: ConnectionDraft = { kind: 'halo', id: 'h1', url: 'https://other.halopsa.com', clientId: 'cid', clientSecret: '', tenant: null, authUrl: null, teamId: '1', meAgentId: null, meEmail: null };
    expect(() => completeDraft(draft, halo)).toThrow(/Halo URL changed: enter the client secret again/);
    expect(() => completeDraft({ ...draft, url: 'https://acme.halopsa.com', authUrl: 'https://auth.elsewhere.example' }, halo)).toThrow(/authorisation server changed/);
    expect(completeDraft({ ...draft, url: 'https://acme.halopsa.com' }, halo)).toMatchObject({ clientSecret: 'SECRET' });
  });
});

describe("Autotask's zone stays on autotask.net", () => {
  it.each([
    ['https://webservices5.autotask.net/ATServicesRest/', true],
    ['https://ww5.autotask.net/', true],
    ['https://ww5.autotask.net.evil.example/', false],
    ['http://ww5.autotask.net/', false],
    ['https://evil.example/', false],
    ['javascript:alert(1)', false],
  ])('%s → %s', (url, ok) => expect(isAutotaskAddress(url)).toBe(ok));

  it('a zone answer with a foreign web address is not kept', () => {
    const at = KINDS.autotask.schema.parse({ kind: 'autotask', id: 'a', userName: 'u@x.example', secret: 's', integrationCode: 'i', zoneUrl: null, webUrl: null, queueId: null, meResourceId: null });
    expect(KINDS.autotask.keepDiscovered(at, { zoneUrl: 'https://webservices5.autotask.net/ATServicesRest/', webUrl: 'https://phish.example/' })).toBeNull();
    expect(KINDS.autotask.keepDiscovered(at, { zoneUrl: 'https://webservices5.autotask.net/ATServicesRest/', webUrl: 'https://ww5.autotask.net/' })).toMatchObject({ webUrl: 'https://ww5.autotask.net/' });
  });
});

describe('what a PSA sends is what it claims to be', () => {
  it.each([
    ['#c00', true],
    ['#FF0000', true],
    ['rgb(255, 0, 0)', true],
    ['hsl(0 100% 50%)', true],
    ['red', true],
    ['url(https://tracker.example/p.png)', false],
    ['red; background: url(x)', false],
    ['expression(alert(1))', false],
  ])('colour %s → %s', (value, ok) => expect(isCssColour(value)).toBe(ok));

  it('a priority with a colour that is no colour keeps its name and loses the colour', () => {
    expect(Priority.parse({ id: '1', name: 'P1', rank: 1, colour: 'url(https://tracker.example/)' })).toEqual({ id: '1', name: 'P1', rank: 1, colour: null });
  });

  it('a ticket link must be http(s)', () => {
    const base = Ticket.shape.url;
    expect(base.safeParse('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recid=1').success).toBe(true);
    expect(base.safeParse('javascript:alert(document.cookie)').success).toBe(false);
  });
});

describe('a removed connection leaves nothing behind', () => {
  beforeEach(() => fakeBrowser.reset());

  it('its tickets, sync state, board configuration, outbox entries and timers go; another connection keeps its own', async () => {
    const ticket = Ticket.parse({
      id: '9', number: '#9', title: 'Printer', status: { id: '1', name: 'New' }, closed: false, board: null, priority: null, assignee: null, team: null, company: null, contact: null, type: null, subtype: null,
      created: '2026-12-01T09:00:00Z', updated: '2026-12-01T09:00:00Z', sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null }, estimateHours: null, actualHours: null,
      url: 'https://na.myconnectwise.net/x?recid=9',
    });
    for (const id of ['gone', 'kept']) {
      await upsertTickets(id, [ticket]);
      await (await openPullboardDb()).put('sync', { connectionId: id } as never);
      await (await openPullboardDb()).put('config', { key: boardConfigKey(id), value: { any: 'configuration' }, version: 1 });
      await addOutboxEntry({ connectionId: id, ticketId: '9', ticketNumber: '#9', label: 'Log 1 h with a private note', write: { kind: 'update', change: { statusId: '2' } }, state: 'failed', attempts: 1, nextAttemptAt: 0, createdAt: 0, doneAt: null, outcomeUnknown: false, lastError: null });
    }
    const timer = (connectionId: string) => ({ connectionId, ticketId: '9', number: '#9', title: 'Printer of the CEO', url: 'https://x.example/', segments: [{ start: 0, end: 1 }] });
    await updateTimers(() => ({ running: timer('gone'), paused: [timer('kept')], stopped: [timer('gone')] }));

    await forgetConnectionData('gone');

    const db = await openPullboardDb();
    expect(await db.getAllKeysFromIndex('tickets', 'byConnection', 'gone')).toEqual([]);
    expect(await db.get('sync', 'gone')).toBeUndefined();
    expect((await db.getAll('config')).map((row) => row.key).filter((key) => key.includes('gone'))).toEqual([]);
    expect((await loadOutbox()).map((e) => e.connectionId)).toEqual(['kept']);
    const timers = await loadTimers();
    expect([timers.running, ...timers.paused, ...timers.stopped].map((t) => t?.connectionId ?? null)).toEqual([null, 'kept']);
    expect(await db.getAllKeysFromIndex('tickets', 'byConnection', 'kept')).toHaveLength(1);
  });
});

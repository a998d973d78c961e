/**
 * The adapter kit the three PSA adapters share: paging, shared loads, discovery and rediscovery, the naming
 * of "not found", page mapping.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUTOTASK } from '../../utils/psa/autotask/adapter';
import { CONNECTWISE } from '../../utils/psa/connectwise/adapter';
import { PsaError, type PsaLabel } from '../../utils/psa/errors';
import { HALO } from '../../utils/psa/halo/adapter';
import { areaOf, Discovery, nameNotFound, sendDiscovered, type CallTarget } from '../../utils/psa/kit/calls';
import { clampPageSize, SeenIds } from '../../utils/psa/kit/paging';
import { orFallback, SharedLoad, SharedLoadMap } from '../../utils/psa/kit/shared-load';
import { mapTicketPage } from '../../utils/psa/kit/tickets';

/** A promise and the functions that settle it, so a test decides when a load ends. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const notFound = (psa: PsaLabel) => new PsaError({ kind: 'notFound', psa, status: 404 });

describe('clampPageSize', () => {
  it.each([
    [undefined, 500, 500],
    [NaN, 500, 500],
    [100, 500, 100],
    [500, 500, 500],
    [501, 500, 500],
    [10_000, 1000, 1000],
    [0, 500, 1],
    [-5, 100, 1],
    [2.9, 100, 2],
  ])('asked %s with a largest page of %s: %s', (requested, largest, expected) => {
    expect(clampPageSize(requested, largest)).toBe(expected);
  });
});

describe('SeenIds', () => {
  type Row = { id: number | string };
  it.each<[string, Row[][], (number | string)[][]]>([
    ['nothing repeated', [[{ id: 1 }, { id: 2 }], [{ id: 3 }]], [[1, 2], [3]]],
    ['a record served again on the next page', [[{ id: 1 }, { id: 2 }], [{ id: 2 }, { id: 3 }]], [[1, 2], [3]]],
    ['a page of repeats only', [[{ id: 1 }], [{ id: 1 }]], [[1], []]],
    ['twice on one page', [[{ id: 7 }, { id: 7 }]], [[7]]],
    ['numeric and string ids alike', [[{ id: 4 }], [{ id: '4' }, { id: '5' }]], [[4], ['5']]],
  ])('%s', (_name, pages, expected) => {
    const seen = new SeenIds();
    expect(pages.map((page) => seen.fresh(page).map((record) => record.id))).toEqual(expected);
  });

  it('keeps a record without an id (the schema rejects it later, by name) and lists the ids read', () => {
    const seen = new SeenIds();
    expect(seen.fresh([{ id: 1 }, { name: 'no id' }, { id: '' }, { id: 1 }])).toEqual([{ id: 1 }, { name: 'no id' }, { id: '' }]);
    expect(seen.ids()).toEqual(['1']);
    expect(seen.size).toBe(1);
  });
});

describe('SharedLoad', () => {
  it('shares one load among concurrent callers, and a value set afresh replaces it', async () => {
    let loads = 0;
    const shared = new SharedLoad(async () => ++loads);
    expect(await Promise.all([shared.get(), shared.get()])).toEqual([1, 1]);
    expect(shared.loaded()).toEqual({ value: 1 });
    shared.set(9);
    expect(await shared.get()).toBe(9);
    expect(loads).toBe(1);
    shared.forget();
    expect(shared.loaded()).toBeUndefined();
    expect(await shared.get()).toBe(2);
  });

  it('says nothing is loaded while the load runs', async () => {
    const load = deferred<string>();
    const shared = new SharedLoad(() => load.promise);
    const got = shared.get();
    expect(shared.loaded()).toBeUndefined();
    load.resolve('v2025_1/');
    expect(await got).toBe('v2025_1/');
    expect(shared.loaded()).toEqual({ value: 'v2025_1/' });
  });
});

describe('SharedLoadMap', () => {
  it('loads each key once, shared by concurrent callers', async () => {
    const calls: number[] = [];
    const roles = new SharedLoadMap(async (resourceId: number) => {
      calls.push(resourceId);
      return [`role of ${resourceId}`];
    });
    const [a, b, c] = await Promise.all([roles.get(1), roles.get(1), roles.get(2)]);
    expect([a, b, c]).toEqual([['role of 1'], ['role of 1'], ['role of 2']]);
    expect(await roles.get(1)).toEqual(['role of 1']);
    expect(calls).toEqual([1, 2]);
    expect(roles.loaded(2)).toEqual({ value: ['role of 2'] });
    expect(roles.loaded(3)).toBeUndefined();
  });

  it('forgets a failed key, and only that key', async () => {
    let failNext = true;
    const calls: string[] = [];
    const targets = new SharedLoadMap(async (key: string) => {
      calls.push(key);
      if (key === 'bad' && failNext) {
        failNext = false;
        throw new Error('answer lost');
      }
      return key.length;
    });
    expect(await targets.get('good')).toBe(4);
    await expect(targets.get('bad')).rejects.toThrow('answer lost');
    expect(targets.loaded('bad')).toBeUndefined();
    expect(await targets.get('bad')).toBe(3);
    expect(await targets.get('good')).toBe(4);
    expect(calls).toEqual(['good', 'bad', 'bad']);
  });

  it('loads afresh after forget(key) and forgetAll()', async () => {
    let loads = 0;
    const map = new SharedLoadMap(async (key: number) => `${key}:${++loads}`);
    await map.get(1);
    await map.get(2);
    map.forget(1);
    expect(await map.get(1)).toBe('1:3');
    expect(await map.get(2)).toBe('2:2');
    map.forgetAll();
    expect(await map.get(2)).toBe('2:4');
  });
});

describe('orFallback', () => {
  const forbidden = new PsaError({ kind: 'forbidden', psa: CONNECTWISE, status: 403 });
  const harmless = (error: unknown) => error instanceof PsaError && error.kind === 'forbidden';

  it.each([
    ['a value', async () => [1, 2], [1, 2]],
    ['a harmless failure stands for the fallback', async () => Promise.reject(forbidden), []],
  ])('%s', async (_name, load, expected) => {
    expect(await orFallback(load, harmless, () => [] as number[])()).toEqual(expected);
  });

  it('throws any other failure, so a shared load forgets it and tries again', async () => {
    let tries = 0;
    const shared = new SharedLoad(
      orFallback(
        async () => {
          if (++tries === 1) throw new PsaError({ kind: 'server', psa: CONNECTWISE, status: 500 });
          return 'priorities';
        },
        harmless,
        () => 'none',
      ),
    );
    await expect(shared.get()).rejects.toMatchObject({ kind: 'server' });
    expect(await shared.get()).toBe('priorities');
  });
});

describe('Discovery and sendDiscovered', () => {
  it('uses a known value without discovering, until a call says it is stale', async () => {
    const found: string[] = [];
    let discoveries = 0;
    const codebase = new Discovery(async () => `v${++discoveries}/`, { known: 'v0/', onFound: (value) => found.push(value) });
    const sent: string[] = [];
    const answer = await sendDiscovered(
      codebase,
      async (value) => {
        sent.push(value);
        if (value === 'v0/') throw notFound(CONNECTWISE);
        return `answered on ${value}`;
      },
      (error) => error.kind === 'notFound',
      (error) => error,
    );
    expect(answer).toBe('answered on v1/');
    expect(sent).toEqual(['v0/', 'v1/']);
    expect(found).toEqual(['v1/']);
    expect(discoveries).toBe(1);
  });

  it('discovers once for many calls that fail on the same stale value at once', async () => {
    let discoveries = 0;
    const zone = new Discovery(async () => ({ zoneUrl: `https://webservices${++discoveries}.autotask.net/` }), {
      same: (a, b) => a.zoneUrl === b.zoneUrl,
    });
    const first = await zone.current();
    const send = async (value: { zoneUrl: string }) => {
      if (value.zoneUrl === first.zoneUrl) throw notFound(AUTOTASK);
      return value.zoneUrl;
    };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => sendDiscovered(zone, send, (error) => error.status === 404, (error) => error)),
    );
    expect(answers).toEqual(Array(4).fill('https://webservices2.autotask.net/'));
    expect(discoveries).toBe(2);
  });

  it('does not send again when discovery finds the same value, and explains the first failure', async () => {
    let sends = 0;
    const codebase = new Discovery(async () => 'v2025_1/');
    const explained: boolean[] = [];
    const error = await sendDiscovered(
      codebase,
      async () => {
        sends++;
        throw notFound(CONNECTWISE);
      },
      (e) => e.kind === 'notFound',
      (e, afterRediscovery) => {
        explained.push(afterRediscovery);
        return e;
      },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'notFound' });
    expect(sends).toBe(1);
    expect(explained).toEqual([false]);
  });

  it('tells explain that a failure came after a fresh discovery (a fresh token refused)', async () => {
    let tokens = 0;
    const token = new Discovery(async () => ({ value: `t${++tokens}` }));
    const explained: [string, boolean][] = [];
    await sendDiscovered(
      token,
      async () => {
        throw new PsaError({ kind: 'auth', psa: HALO, status: 401 });
      },
      (e) => e.kind === 'auth',
      (e, afterRediscovery) => {
        explained.push([(e as PsaError).kind, afterRediscovery]);
        return e;
      },
    ).catch(() => undefined);
    expect(explained).toEqual([['auth', true]]);
    expect(tokens).toBe(2);
  });

  it('passes an error that does not say stale through explain without discovering', async () => {
    let discoveries = 0;
    const codebase = new Discovery(async () => `v${++discoveries}/`);
    const error = await sendDiscovered(
      codebase,
      async () => {
        throw new PsaError({ kind: 'forbidden', psa: CONNECTWISE, status: 403 });
      },
      (e) => e.kind === 'notFound',
      (e) => e,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect(discoveries).toBe(1);
  });

  it('discovers again, once, a value that has expired', async () => {
    let now = 0;
    let tokens = 0;
    const token = new Discovery(async () => ({ value: `t${++tokens}`, refreshAt: now + 1000 }), { expired: (t) => now >= t.refreshAt });
    expect((await token.current()).value).toBe('t1');
    now = 999;
    expect((await token.current()).value).toBe('t1');
    now = 1000;
    const [a, b] = await Promise.all([token.current(), token.current()]);
    expect([a.value, b.value]).toEqual(['t2', 't2']);
    expect(tokens).toBe(2);
  });

  it('keeps no failed discovery: the next call discovers again', async () => {
    let tries = 0;
    const codebase = new Discovery(async () => {
      if (++tries === 1) throw new PsaError({ kind: 'network', psa: CONNECTWISE });
      return 'v2025_1/';
    });
    await expect(codebase.current()).rejects.toMatchObject({ kind: 'network' });
    expect(await codebase.current()).toBe('v2025_1/');
  });
});

describe('nameNotFound', () => {
  const cases: [string, PsaLabel, CallTarget][] = [
    ['ConnectWise tickets', CONNECTWISE, { method: 'GET', path: '/service/tickets' }],
    ['ConnectWise members', CONNECTWISE, { method: 'GET', path: '/system/members' }],
    ['Autotask contacts', AUTOTASK, { method: 'POST', path: '/Contacts/query' }],
    ['Autotask companies, on a next page', AUTOTASK, { method: 'POST', path: 'https://webservices5.autotask.net/ATServicesRest/V1.0/Companies/query/next?paging=x', area: 'companies' }],
    ['Halo teams', HALO, { method: 'GET', path: '/Team', area: 'teams' }],
    ['Halo ticket types', HALO, { method: 'GET', path: '/TicketType', area: 'ticket types' }],
  ];

  it.each(cases)('a 404 on a list (%s) names the area, the likely cause and the fix, never a deleted record', (_name, psa, call) => {
    const named = nameNotFound(psa, notFound(psa), call) as PsaError;
    const area = call.area ?? areaOf(call.path);
    expect(named).toBeInstanceOf(PsaError);
    expect(named.kind).toBe('notFound');
    expect(named.status).toBe(404);
    expect(named.userMessage).not.toMatch(/deleted|merged/);
    expect(named.userMessage).toContain(`${psa.name} answered "not found" (404) when Pullboard read its ${area}`);
    expect(named.userMessage).toContain(`the ${psa.apiUser} may not be allowed to read ${area}`);
    expect(named.userMessage).toContain(`Ask your ${psa.name} administrator to allow it in ${psa.permissions}`);
    expect(named.message).not.toContain('?');
  });

  it.each([
    [CONNECTWISE, { method: 'GET', path: '/service/tickets/123', record: 'ticket #123' }, 'ConnectWise could not find ticket #123 (404). It may have been deleted or merged'],
    [AUTOTASK, { method: 'GET', path: '/Tickets/123', record: 'ticket 123' }, 'Autotask could not find ticket 123 (404). It may have been deleted or merged'],
    [HALO, { method: 'GET', path: '/Tickets/123', record: 'ticket 123' }, 'Halo could not find ticket 123 (404). It may have been deleted or merged'],
  ] as [PsaLabel, CallTarget, string][])('a 404 on one record (%o) may say it was deleted or merged', (psa, call, message) => {
    expect((nameNotFound(psa, notFound(psa), call) as PsaError).userMessage).toContain(message);
  });

  it('passes any other error as it is', () => {
    const forbidden = new PsaError({ kind: 'forbidden', psa: HALO, status: 403 });
    expect(nameNotFound(HALO, forbidden, { method: 'GET', path: '/Team' })).toBe(forbidden);
    const plain = new Error('not a PSA error');
    expect(nameNotFound(HALO, plain, { method: 'GET', path: '/Team' })).toBe(plain);
  });

  it.each([
    ['/service/tickets', 'service tickets'],
    ['/service/boards', 'service boards'],
    ['/time/entries', 'time entries'],
    ['/Contacts/query', 'contacts'],
    ['/Tickets/query/count', 'tickets'],
    ['/ResourceServiceDeskRoles/query', 'resource service desk roles'],
    ['https://webservices5.autotask.net/ATServicesRest/V1.0/Companies/query/next?paging=abc', 'companies'],
    ['/ThresholdInformation', 'threshold information'],
    ['/Tickets?page_no=2', 'tickets'],
  ])('areaOf(%s) is %s', (path, area) => {
    expect(areaOf(path)).toBe(area);
  });
});

describe('mapTicketPage', () => {
  const Raw = z.object({ id: z.number(), title: z.string() });

  it('maps nothing, and loads no lookups, for an empty page or a page of bad records', async () => {
    let mapped = 0;
    const mapParsed = async () => {
      mapped++;
      return { tickets: [], rejected: [] };
    };
    expect(await mapTicketPage(Raw, [], mapParsed)).toEqual({ tickets: [], rejected: [] });
    const page = await mapTicketPage(Raw, [{ id: 4, title: 7 }], mapParsed);
    expect(page.rejected).toEqual([{ id: '4', problem: 'title: expected string, got 7' }]);
    expect(mapped).toBe(0);
  });

  it('rejects the bad record by id and field, and maps the rest', async () => {
    const page = await mapTicketPage(Raw, [{ id: 1, title: 'Printer' }, { id: 2 }, { title: 'no id' }], async (parsed) => ({
      tickets: [],
      rejected: parsed.map((record) => ({ id: String(record.id), problem: `mapped ${record.title}` })),
    }));
    expect(page.rejected).toEqual([
      { id: '2', problem: 'title: expected string, but it is missing' },
      { id: null, problem: 'id: expected number, but it is missing' },
      { id: '1', problem: 'mapped Printer' },
    ]);
  });
});

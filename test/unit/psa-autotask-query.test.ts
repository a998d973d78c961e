/**
 * Autotask's pure pieces as tables: the query filter, what a 500 `{errors}` means, zone URLs, and the
 * request meter that watches the MSP's hourly budget.
 */
import { describe, expect, it } from 'vitest';
import {
  autotaskDate,
  autotaskFetch,
  classifyAutotaskErrors,
  errorMessages,
  ticketFilter,
  zoneApiBase,
  zoneUrlProblem,
} from '../../utils/psa/autotask/query';
import { RequestMeter } from '../../utils/psa/kit/request-meter';

describe('ticketFilter', () => {
  it('a full load of a queue: the queue only', () => {
    expect(ticketFilter(29683354, { boardId: '29683354', openOnly: false }, [5])).toEqual([{ op: 'eq', field: 'queueID', value: 29683354 }]);
  });

  it('open only: not Complete (noteq for one closed status, notIn for several)', () => {
    expect(ticketFilter(7, { boardId: '7', openOnly: true }, [5])).toEqual([
      { op: 'eq', field: 'queueID', value: 7 },
      { op: 'noteq', field: 'status', value: 5 },
    ]);
    expect(ticketFilter(7, { boardId: '7', openOnly: true }, [5, 22])[1]).toEqual({ op: 'notIn', field: 'status', value: [5, 22] });
  });

  it('closedSince: an or group of open, or changed since; updatedSince: gte the cursor, milliseconds kept', () => {
    const filter = ticketFilter(7, { boardId: '7', openOnly: true, closedSince: '2026-11-20T00:00:00Z', updatedSince: '2026-11-25T09:30:00.123Z' }, [5]);
    expect(filter).toEqual([
      { op: 'eq', field: 'queueID', value: 7 },
      {
        op: 'or',
        items: [
          { op: 'noteq', field: 'status', value: 5 },
          { op: 'gte', field: 'lastActivityDate', value: '2026-11-20T00:00:00.000Z' },
        ],
      },
      { op: 'gte', field: 'lastActivityDate', value: '2026-11-25T09:30:00.123Z' },
    ]);
  });

  it('a cursor that is not a date is refused rather than sent', () => {
    expect(() => autotaskDate('yesterday')).toThrow(TypeError);
  });
});

describe("what Autotask meant by a 500 {errors}", () => {
  it.each([
    ['IntegrationCode is invalid.', 'auth'],
    ['Unable to authenticate: the user name or secret is not valid.', 'auth'],
    ['UserName and Secret are required.', 'auth'],
    ["Zone information could not be determined for user 'x@y.z'.", 'zone'],
    ['ImpersonationResourceId 5 is not an active resource that can be impersonated.', 'forbidden'],
    ['The request threshold of this database has been exceeded: requests are refused for now. Try again later.', 'rateLimited'],
    ['An unexpected error has occurred. Please try again later.', 'server'],
    ["Unable to find field 'foo' in the Ticket entity.", 'badRequest'],
    ['assignedResourceRoleID is required when assignedResourceID is set: an assigned resource needs a role.', 'badRequest'],
    ['Invalid time zone for the resource.', 'badRequest'],
    ['Ticket 99 does not exist or you do not have access to it.', 'missing'],
  ])('%s → %s', (message, kind) => {
    expect(classifyAutotaskErrors([message])).toBe(kind);
  });

  it('a 500 without messages is a server error', () => {
    expect(classifyAutotaskErrors([])).toBe('server');
    expect(errorMessages('<html>oops</html>')).toEqual([]);
    expect(errorMessages('{"errors":["a",{"message":"b"},3]}')).toEqual(['a', 'b']);
  });

  it('autotaskFetch gives the shared helper the status Autotask meant, body and headers kept', async () => {
    const answer = (status: number, body: unknown) => async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-id': '7' } });
    const auth = await autotaskFetch(answer(500, { errors: ['IntegrationCode is invalid.'] }))('https://x/');
    expect(auth.status).toBe(401);
    expect(auth.headers.get('x-id')).toBe('7');
    expect(await auth.json()).toEqual({ errors: ['IntegrationCode is invalid.'] });
    expect((await autotaskFetch(answer(500, { errors: ["Unable to find field 'x' in the Ticket entity."] }))('https://x/')).status).toBe(400);
    expect((await autotaskFetch(answer(500, { errors: ['Zone information could not be determined'] }))('https://x/')).status).toBe(404);
    expect((await autotaskFetch(answer(500, { errors: ['An unexpected error has occurred.'] }))('https://x/')).status).toBe(500);
    expect((await autotaskFetch(answer(200, { items: [] }))('https://x/')).status).toBe(200);
  });
});

describe('zone URLs', () => {
  const discovery = 'https://webservices.autotask.net/ATServicesRest/';

  it('the API base is the zone URL + V1.0, with or without its slash', () => {
    expect(zoneApiBase('https://webservices5.autotask.net/ATServicesRest/')).toBe('https://webservices5.autotask.net/ATServicesRest/V1.0');
    expect(zoneApiBase('https://webservices5.autotask.net/ATServicesRest')).toBe('https://webservices5.autotask.net/ATServicesRest/V1.0');
  });

  it("discovery on Autotask's host may only send the credentials to an Autotask host over HTTPS", () => {
    expect(zoneUrlProblem('https://webservices5.autotask.net/ATServicesRest/', discovery)).toBeNull();
    expect(zoneUrlProblem('http://webservices5.autotask.net/ATServicesRest/', discovery)).toMatch(/not served over HTTPS/);
    expect(zoneUrlProblem('https://evil.example/ATServicesRest/', discovery)).toMatch(/not an Autotask host/);
    expect(zoneUrlProblem('https://webservices5.autotask.net.evil.example/', discovery)).toMatch(/not an Autotask host/);
    expect(zoneUrlProblem('not a url', discovery)).toMatch(/not a web address/);
  });

  it('a discovery URL set for tests or the demo is trusted for its own answers', () => {
    expect(zoneUrlProblem('http://127.0.0.1:8787/ATServicesRest/', 'http://127.0.0.1:8787/ATServicesRest/')).toBeNull();
  });
});

describe('RequestMeter', () => {
  it('counts requests over the rolling hour and minute, and averages answer times', () => {
    let now = 0;
    const meter = new RequestMeter(() => now);
    const event = (ms: number, status = 200) => ({ method: 'GET' as const, url: 'https://x/', status, bytes: 10, ms });
    expect(meter.rate()).toEqual({ lastHour: 0, lastMinute: 0 });
    expect(meter.latencyMs()).toBeNull();
    meter.record(event(100));
    now = 30 * 60_000;
    meter.record(event(200));
    now += 30_000;
    meter.record(event(300));
    expect(meter.rate()).toEqual({ lastHour: 3, lastMinute: 2 });
    // 100, then +0.2 × (200 − 100) = 120, then +0.2 × (300 − 120) = 156
    expect(meter.latencyMs()).toBe(156);
    now = 60 * 60_000 + 1;
    expect(meter.rate()).toEqual({ lastHour: 2, lastMinute: 0 });
    // A request that got no answer counts against the budget but says nothing about speed.
    meter.record(event(30_000, 0));
    expect(meter.rate().lastHour).toBe(3);
    expect(meter.latencyMs()).toBe(156);
  });

  it('wrap() counts and still tells the caller', () => {
    const meter = new RequestMeter(() => 0);
    const told: number[] = [];
    const deps = meter.wrap({ fetch, sleep: async () => undefined, now: () => 0, onRequest: (e) => told.push(e.ms) });
    deps.onRequest?.({ method: 'GET', url: 'https://x/', status: 200, bytes: 1, ms: 42 });
    expect(told).toEqual([42]);
    expect(meter.rate().lastHour).toBe(1);
  });
});

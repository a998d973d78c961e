import { describe, expect, it } from 'vitest';
import { PsaError, formatWait, type PsaErrorKind } from '../../utils/psa/errors';
import {
  backoffDelay,
  parseRetryAfter,
  readErrorBody,
  requestJson,
  type HttpDeps,
  type JsonRequest,
  type RequestEvent,
} from '../../utils/psa/http';

/** As the ConnectWise adapter names itself. */
const CONNECTWISE = { name: 'ConnectWise', credentials: 'company ID, public and private keys and client ID' };

type Step = Response | Error | 'hang';

/** A fetch that answers from a script, one step per call, and records what it was asked. */
function scriptedFetch(steps: Step[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    const step = steps.shift();
    if (step === undefined) throw new Error('the fake fetch ran out of answers');
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }
    if (step instanceof Error) throw step;
    return step;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);

function harness(steps: Step[]) {
  const { fetch, calls } = scriptedFetch(steps);
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  const deps: HttpDeps = {
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => NOW,
    random: () => 0.5,
    onRequest: (event) => events.push(event),
  };
  return { deps, calls, sleeps, events };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const request = (overrides: Partial<JsonRequest> = {}): JsonRequest => ({
  url: 'https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets',
  method: 'GET',
  headers: { Accept: 'application/json' },
  retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 },
  psa: CONNECTWISE,
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<PsaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PsaError);
    return error as PsaError;
  }
  throw new Error('expected the request to fail');
}

describe('requestJson: status → kind', () => {
  const table: [number, PsaErrorKind][] = [
    [400, 'badRequest'],
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [405, 'badRequest'],
    [409, 'conflict'],
    [410, 'notFound'],
    [412, 'conflict'],
    [422, 'badRequest'],
    [429, 'rateLimited'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
  ];
  it.each(table)('%i → %s, with the status and a message naming ConnectWise', async (status, kind) => {
    const { deps } = harness([json(status, { code: 'X', message: 'nope' })]);
    const error = await failure(requestJson(request({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }), deps));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.userMessage).toContain('ConnectWise');
  });

  it('401 tells the user which keys to check', async () => {
    const { deps } = harness([json(401, { code: 'Unauthorized', message: 'Unauthorized' })]);
    const error = await failure(requestJson(request(), deps));
    expect(error.userMessage).toBe(
      "ConnectWise refused the API keys (401). Check the company ID, public and private keys and client ID in Pullboard's options.",
    );
    expect(error.isRetryable).toBe(false);
  });

  it("400 carries the PSA's own message and the field it names", async () => {
    const body = {
      code: 'InvalidObject',
      message: 'ticket object is invalid',
      errors: [{ code: 'NullValue', message: 'The summary field is required.', resource: 'ticket', field: 'summary' }],
    };
    const { deps } = harness([json(400, body)]);
    const error = await failure(requestJson(request({ method: 'POST', body: {} }), deps));
    expect(error.kind).toBe('badRequest');
    expect(error.field).toBe('summary');
    expect(error.detail).toBe('ticket object is invalid; The summary field is required.');
    expect(error.userMessage).toContain('The summary field is required.');
  });

  it('2xx with a body that is not JSON → malformed, not retried', async () => {
    const { deps, calls } = harness([new Response('<html>Maintenance</html>', { status: 200 })]);
    const error = await failure(requestJson(request(), deps));
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toMatch(/^ConnectWise sent data Pullboard could not read \(the response is not JSON: <html>/);
    expect(calls).toHaveLength(1);
  });

  it('an empty 2xx body is null; a JSON body is parsed; bytes are counted', async () => {
    const { deps } = harness([new Response(null, { status: 204 }), json(200, [{ id: 1 }])]);
    expect((await requestJson(request({ method: 'DELETE' }), deps)).json).toBeNull();
    const ok = await requestJson(request(), deps);
    expect(ok.json).toEqual([{ id: 1 }]);
    expect(ok.bytes).toBe('[{"id":1}]'.length);
  });
});

describe('requestJson: 429 and Retry-After', () => {
  it('waits Retry-After seconds, then retries', async () => {
    const { deps, sleeps, calls } = harness([json(429, {}, { 'Retry-After': '7' }), json(200, [])]);
    await requestJson(request(), deps);
    expect(sleeps).toEqual([7000]);
    expect(calls).toHaveLength(2);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const at = new Date(NOW + 12_000).toUTCString();
    const { deps, sleeps } = harness([json(429, {}, { 'Retry-After': at }), json(200, [])]);
    await requestJson(request(), deps);
    expect(sleeps).toEqual([12_000]);
  });

  it('does not sit out a wait longer than the cap: it throws with retryAfterMs for the caller to schedule', async () => {
    const { deps, sleeps, calls } = harness([json(429, {}, { 'Retry-After': '120' })]);
    const error = await failure(requestJson(request(), deps));
    expect(error.kind).toBe('rateLimited');
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.isRetryable).toBe(true);
    expect(error.userMessage).toBe('ConnectWise is rate-limiting requests; Pullboard will retry in 2 min.');
    expect(sleeps).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('says the wait in the message', () => {
    const error = new PsaError({ kind: 'rateLimited', psa: CONNECTWISE, retryAfterMs: 30_000, status: 429 });
    expect(error.userMessage).toBe('ConnectWise is rate-limiting requests; Pullboard will retry in 30 s.');
  });

  it('without Retry-After backs off like a server error', async () => {
    const { deps, sleeps } = harness([json(429, {}), json(200, [])]);
    await requestJson(request(), deps);
    expect(sleeps).toEqual([750]);
  });
});

describe('requestJson: retries', () => {
  it('retries 5xx on GET with exponential backoff and jitter, then succeeds', async () => {
    const { deps, sleeps, calls } = harness([json(500, {}), json(503, {}), json(200, { ok: true })]);
    const response = await requestJson(request(), deps);
    expect(response.json).toEqual({ ok: true });
    // random() = 0.5: half fixed + a quarter → 0.75 × 1000, 0.75 × 2000
    expect(sleeps).toEqual([750, 1500]);
    expect(calls).toHaveLength(3);
  });

  it('gives up after the attempts and throws the last error', async () => {
    const { deps, sleeps, calls } = harness([json(500, {}), json(500, {}), json(500, {}), json(500, {})]);
    const error = await failure(requestJson(request(), deps));
    expect(error.kind).toBe('server');
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('never retries a POST, and flags that a failed write may have happened', async () => {
    for (const step of [json(500, {}), json(429, {}, { 'Retry-After': '1' }), new TypeError('fetch failed')]) {
      const { deps, calls, sleeps } = harness([step, json(200, {})]);
      const error = await failure(requestJson(request({ method: 'POST', body: { a: 1 } }), deps));
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(error.outcomeUnknown).toBe(error.kind !== 'rateLimited');
    }
  });

  it('retries a PATCH the caller declares idempotent, and not one it does not', async () => {
    const retried = harness([json(502, {}), json(200, {})]);
    await requestJson(request({ method: 'PATCH', body: [], idempotent: true }), retried.deps);
    expect(retried.calls).toHaveLength(2);
    const notRetried = harness([json(502, {}), json(200, {})]);
    await failure(requestJson(request({ method: 'PATCH', body: [] }), notRetried.deps));
    expect(notRetried.calls).toHaveLength(1);
  });

  it('a fetch TypeError is a network error, retried on GET', async () => {
    const { deps, calls } = harness([new TypeError('fetch failed'), json(200, [])]);
    await requestJson(request(), deps);
    expect(calls).toHaveLength(2);
    const alwaysDown = harness([new TypeError('Failed to fetch'), new TypeError('Failed to fetch')]);
    const error = await failure(
      requestJson(request({ retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 100 } }), alwaysDown.deps),
    );
    expect(error.kind).toBe('network');
    expect(error.userMessage).toContain('Pullboard could not reach ConnectWise (Failed to fetch)');
  });

  it('times out with AbortController → timeout, then retries', async () => {
    const { deps, calls } = harness(['hang', json(200, [])]);
    const response = await requestJson(request({ timeoutMs: 20 }), deps);
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.init.signal?.aborted).toBe(true);

    const stuck = harness(['hang']);
    const error = await failure(requestJson(request({ timeoutMs: 20, method: 'POST', body: {} }), stuck.deps));
    expect(error.kind).toBe('timeout');
    expect(error.outcomeUnknown).toBe(true);
    expect(error.userMessage).toContain('ConnectWise did not answer in time');
  });

  it('backoff doubles and is capped', () => {
    const policy = { attempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1000, 2000, 2500, 2500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

describe('requestJson: what it sends and reports', () => {
  it('sends a JSON body with Content-Type, and reports every attempt to onRequest', async () => {
    const { deps, calls, events } = harness([json(503, {}), json(200, { id: 9 })]);
    await requestJson(request({ method: 'PATCH', body: [{ op: 'replace' }], idempotent: true }), deps);
    expect(calls[0]?.init.body).toBe('[{"op":"replace"}]');
    expect((calls[0]?.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(events.map((e) => [e.method, e.status, e.bytes])).toEqual([
      ['PATCH', 503, 2],
      ['PATCH', 200, 8],
    ]);
    expect(events[0]?.url).toBe(request().url);
  });

  it('reports a request that got no answer with status 0', async () => {
    const { deps, events } = harness([new TypeError('fetch failed')]);
    await failure(requestJson(request({ method: 'POST', body: {} }), deps));
    expect(events).toEqual([{ method: 'POST', url: request().url, status: 0, bytes: 0, ms: 0 }]);
  });

  it('a GET has no body and no Content-Type', async () => {
    const { deps, calls } = harness([json(200, [])]);
    await requestJson(request(), deps);
    expect(calls[0]?.init.body).toBeUndefined();
    expect(Object.keys(calls[0]?.init.headers as object)).toEqual(['Accept']);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['30', 30_000],
    [' 2 ', 2_000],
    ['0', 0],
    ['1.5', 1_500],
    [new Date(NOW + 90_000).toUTCString(), 90_000],
    [new Date(NOW - 5_000).toUTCString(), 0],
    ['soon', undefined],
  ])('%s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });
  it('missing → undefined', () => expect(parseRetryAfter(null, NOW)).toBeUndefined());
});

describe('readErrorBody', () => {
  it.each([
    ['{"code":"Unauthorized","message":"Unauthorized"}', { message: 'Unauthorized' }],
    ['{"errors":["IntegrationCode is invalid."]}', { message: 'IntegrationCode is invalid.' }],
    [
      '{"message":"bad","errors":[{"field":"status/id","message":"Status not found"}]}',
      { message: 'bad; status/id: Status not found', field: 'status/id' },
    ],
    ['<html>500</html>', {}],
    ['null', {}],
  ])('%s', (text, expected) => {
    expect(readErrorBody(text)).toEqual(expected);
  });
});

describe('PsaError', () => {
  it('is retryable only for failures that may pass by themselves', () => {
    const kinds: PsaErrorKind[] = ['auth', 'forbidden', 'notFound', 'badRequest', 'conflict', 'rateLimited', 'server', 'network', 'timeout', 'malformed', 'config'];
    const retryable = kinds.filter((kind) => new PsaError({ kind, psa: CONNECTWISE }).isRetryable);
    expect(retryable).toEqual(['rateLimited', 'server', 'network', 'timeout']);
  });

  it('every kind says what to do next, naming the PSA', () => {
    const kinds: PsaErrorKind[] = ['auth', 'forbidden', 'notFound', 'badRequest', 'conflict', 'rateLimited', 'server', 'network', 'timeout', 'malformed', 'config'];
    for (const kind of kinds) {
      const message = new PsaError({ kind, psa: CONNECTWISE }).userMessage;
      expect(message).toContain('ConnectWise');
      expect(message, kind).toMatch(/check|ask|retry|try again|refresh|report/i);
    }
  });

  it('malformed names the record and the field', () => {
    const error = new PsaError({
      kind: 'malformed',
      psa: CONNECTWISE,
      detail: 'ticket 123: status.id: expected number, got "x"',
      field: 'status.id',
    });
    expect(error.userMessage).toBe(
      'ConnectWise sent data Pullboard could not read (ticket 123: status.id: expected number, got "x"). Pullboard skipped it; if this keeps happening, report it with this message.',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PsaError');
  });

  it('formats waits', () => {
    expect([500, 30_000, 61_000, 3_600_000, 3_900_000].map(formatWait)).toEqual(['1 s', '30 s', '2 min', '1 h', '1 h 5 min']);
  });
});

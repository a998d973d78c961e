/**
 * The one HTTP helper every PSA adapter uses: JSON in and out, a timeout, status → PsaError kinds,
 * 429 + Retry-After, and retries with backoff for requests that are safe to repeat.
 * Runs in the MV3 service worker: only `fetch`, no Node or extension APIs; the clock is injected.
 */
import { PsaError, type PsaErrorKind, type PsaLabel } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestEvent {
  method: HttpMethod;
  url: string;
  /** 0 when no response arrived (network failure or timeout). */
  status: number;
  /** Bytes of the response body. */
  bytes: number;
  ms: number;
}

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** In [0, 1): the backoff jitter. Defaults to Math.random. */
  random?: () => number;
  /** Called once per HTTP request sent (retries included), so the background can count requests and bytes. */
  onRequest?: (event: RequestEvent) => void;
}

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Cap on one backoff delay and on how long a Retry-After is waited in place (longer: the error is thrown). */
  maxDelayMs: number;
}

export interface JsonRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  /** Sent as JSON (a string is sent as it is). */
  body?: unknown;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /**
   * Whether sending the request twice does no harm. GET is; a JSON Patch of `replace` ops is (the caller
   * says so); POST never is, so it is never retried here: the outbox decides.
   */
  idempotent?: boolean;
  /** Names the PSA in error messages. */
  psa: PsaLabel;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed body; null for an empty body. */
  json: unknown;
  bytes: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export function defaultHttpDeps(): HttpDeps {
  return {
    // Bound: an unbound `fetch` throws "Illegal invocation" in a service worker.
    fetch: globalThis.fetch.bind(globalThis),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
}

export async function requestJson(request: JsonRequest, deps: HttpDeps): Promise<JsonResponse> {
  const policy = request.retry ?? DEFAULT_RETRY;
  const idempotent = request.idempotent ?? request.method === 'GET';
  const attempts = idempotent ? Math.max(1, policy.attempts) : 1;

  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(request, deps, idempotent);
    } catch (error) {
      if (!(error instanceof PsaError) || !error.isRetryable || attempt >= attempts) throw error;
      const wait = retryDelay(error, attempt, policy, deps.random ?? Math.random);
      if (wait === null) throw error;
      await deps.sleep(wait);
    }
  }
}

/** How long to wait before try `attempt + 1`, or null when the PSA asks for longer than we wait in place. */
export function retryDelay(
  error: PsaError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (error.kind === 'rateLimited' && error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : null;
  }
  return backoffDelay(attempt, policy, random);
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

async function sendOnce(request: JsonRequest, deps: HttpDeps, idempotent: boolean): Promise<JsonResponse> {
  const { method, url, psa } = request;
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  const label = `${method} ${url}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = deps.now();
  let status = 0;
  let bytes = 0;

  try {
    let response: Response;
    let raw: ArrayBuffer;
    try {
      // Never followed: the Fetch standard strips only Authorization on a cross-origin redirect, so keys in
      // other headers (and a re-posted token form) would go wherever the redirect points.
      response = await deps.fetch(url, { method, headers, body, signal: controller.signal, redirect: 'manual' });
      status = response.status;
      raw = await response.arrayBuffer();
      bytes = raw.byteLength;
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      throw new PsaError({
        kind: timedOut ? 'timeout' : 'network',
        psa,
        detail: timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : describeCause(cause),
        // A request that may have left the machine may also have been applied.
        outcomeUnknown: !idempotent,
        request: label,
        cause,
      });
    }

    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) throw redirectRefused(url, response, { psa, label });
    const text = new TextDecoder().decode(raw);
    if (status >= 200 && status < 300) {
      return { status, headers: response.headers, json: parseBody(text, psa, label), bytes };
    }
    throw errorForStatus(status, response.headers, text, { psa, label, idempotent, now: deps.now() });
  } finally {
    clearTimeout(timer);
    try {
      deps.onRequest?.({ method, url, status, bytes, ms: deps.now() - started });
    } catch {
      // Counting must never break a request.
    }
  }
}

/** A redirect is refused: the request and its credentials stay with the address the user connected. */
function redirectRefused(url: string, response: Response, context: { psa: PsaLabel; label: string }): PsaError {
  // A browser hides where an opaque redirect points; elsewhere the Location header says.
  const location = response.headers.get('location');
  let where = 'another address';
  try {
    if (location) where = new URL(location, url).origin;
  } catch {
    // Not an address: say nothing of it.
  }
  return new PsaError({
    kind: 'config',
    psa: context.psa,
    ...(response.status ? { status: response.status } : {}),
    userMessage: `${context.psa.name} answered with a redirect to ${where}. Pullboard does not follow redirects with your ${context.psa.credentials}: check the address in Pullboard's options (it must be the PSA's own), or ask your ${context.psa.name} administrator what moved.`,
    request: context.label,
  });
}

function parseBody(text: string, psa: PsaLabel, label: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PsaError({
      kind: 'malformed',
      psa,
      detail: `the response is not JSON: ${snippet(text)}`,
      request: label,
      cause,
    });
  }
}

function errorForStatus(
  status: number,
  headers: Headers,
  text: string,
  context: { psa: PsaLabel; label: string; idempotent: boolean; now: number },
): PsaError {
  const kind = kindForStatus(status);
  const reported = readErrorBody(text);
  const retryAfterMs = kind === 'rateLimited' ? parseRetryAfter(headers.get('Retry-After'), context.now) : undefined;
  return new PsaError({
    kind,
    psa: context.psa,
    status,
    ...(reported.message !== undefined && { detail: reported.message }),
    ...(reported.field !== undefined && { field: reported.field }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    // A 5xx may come after the PSA applied part of a write.
    outcomeUnknown: kind === 'server' && !context.idempotent,
    request: context.label,
  });
}

export function kindForStatus(status: number): PsaErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  return 'badRequest';
}

/**
 * `Retry-After` is either seconds or an HTTP date. Returns milliseconds from `now`, or undefined when the
 * header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The PSA's own words from an error body, kept generic: ConnectWise `{code, message, errors:[{field, message}]}`,
 * Autotask `{errors: ["…"]}`, anything else with a `message`.
 */
export function readErrorBody(text: string): { message?: string; field?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  let field: string | undefined;
  if (typeof record.message === 'string' && record.message.trim()) parts.push(record.message.trim());
  if (Array.isArray(record.errors)) {
    for (const item of record.errors) {
      if (typeof item === 'string') {
        parts.push(item);
      } else if (typeof item === 'object' && item !== null) {
        const entry = item as Record<string, unknown>;
        const itemField = typeof entry.field === 'string' && entry.field ? entry.field : undefined;
        field ??= itemField;
        if (typeof entry.message === 'string') {
          parts.push(itemField && !entry.message.includes(itemField) ? `${itemField}: ${entry.message}` : entry.message);
        }
      }
    }
  }
  const message = [...new Set(parts)].join('; ');
  return {
    ...(message && { message: snippet(message, 300) }),
    ...(field !== undefined && { field }),
  };
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

function snippet(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

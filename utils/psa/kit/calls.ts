/**
 * How every adapter sends a call: with what it discovered (ConnectWise's codebase, Autotask's zone, Halo's
 * token), discovered once and shared; after an answer that says it is stale (a 404, a 401), discovered again
 * once and the call sent once more. And how a "not found" is named: one record may have been deleted, a
 * list the API user cannot see is a permission to ask for.
 */
import { PsaError, isPsaError, type PsaLabel } from '../errors';
import { requestJson, type HttpDeps, type HttpMethod, type JsonRequest, type JsonResponse, type RetryPolicy } from '../http';
import { SharedLoad } from './shared-load';

export interface CallOptions {
  timeoutMs?: number;
  retry?: RetryPolicy;
  /**
   * What an earlier adapter of the same connection discovered (ConnectWise's codebase, Autotask's zone),
   * kept by the caller so a restarted service worker skips the discovery request. Each adapter checks
   * its shape; Halo's token is a credential and is never handed out, so Halo ignores it.
   */
  discovered?: unknown;
  /** Told every value discovery finds, for the caller to keep for the next adapter. */
  onDiscovered?: (found: unknown) => void;
}

/** `requestJson` with the adapter's label, timeout and retry policy. */
export function sendJson(psa: PsaLabel, deps: HttpDeps, options: CallOptions, request: Omit<JsonRequest, 'psa' | 'timeoutMs' | 'retry'>): Promise<JsonResponse> {
  return requestJson(
    {
      ...request,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.retry !== undefined && { retry: options.retry }),
      psa,
    },
    deps,
  );
}

/**
 * The JSON a discovery endpoint answers (no credentials sent). An error `notThere` recognises (a 404, a web
 * page where JSON should be) is replaced by the one it makes, which says what to check.
 */
export async function discoveryJson(
  psa: PsaLabel,
  deps: HttpDeps,
  options: CallOptions,
  url: string,
  notThere: (error: PsaError) => PsaError | null,
): Promise<unknown> {
  try {
    return (await sendJson(psa, deps, options, { url, method: 'GET', headers: { Accept: 'application/json' } })).json;
  } catch (error) {
    throw (isPsaError(error) && notThere(error)) || error;
  }
}

export interface DiscoveryOptions<T> {
  /** Found earlier (kept from an earlier adapter): used until a call says it is stale. */
  known?: T;
  /** Told each value discovery finds, so the caller can keep it for the next adapter. */
  onFound?: (found: T) => void;
  /** Whether two values are the same discovery; by default `Object.is`. */
  same?: (a: T, b: T) => boolean;
  /** Whether a value is too old to use without asking a call first (a token about to expire). */
  expired?: (found: T) => boolean;
}

/** What an adapter must discover before it can call its PSA: loaded once, shared, discovered again when stale. */
export class Discovery<T> {
  private readonly shared: SharedLoad<T>;

  constructor(
    load: () => Promise<T>,
    private readonly options: DiscoveryOptions<T> = {},
  ) {
    this.shared = new SharedLoad(async () => {
      const found = await load();
      options.onFound?.(found);
      return found;
    }, options.known);
  }

  async current(): Promise<T> {
    const found = await this.shared.get();
    return this.options.expired?.(found) ? this.rediscover(found) : found;
  }

  /**
   * A value fresher than `stale`: the one another caller discovered meanwhile, or a new discovery. Callers
   * that find the same stale value at once share one discovery.
   */
  rediscover(stale: T): Promise<T> {
    const loaded = this.shared.loaded();
    if (loaded && this.same(loaded.value, stale)) this.shared.forget();
    return this.shared.get();
  }

  same(a: T, b: T): boolean {
    return (this.options.same ?? Object.is)(a, b);
  }
}

/**
 * Sends with the current discovery; when the PSA's answer says it is `stale`, discovers again once and, if
 * that found something else, sends once more. Every failure goes through `explain`, told whether it came
 * after a fresh discovery (a fresh token refused says something else than a stale one).
 */
export async function sendDiscovered<T, R>(
  discovery: Discovery<T>,
  send: (found: T) => Promise<R>,
  stale: (error: PsaError) => boolean,
  explain: (error: unknown, afterRediscovery: boolean) => unknown,
): Promise<R> {
  const found = await discovery.current();
  try {
    return await send(found);
  } catch (error) {
    if (!isPsaError(error) || !stale(error)) throw explain(error, false);
    const fresh = await discovery.rediscover(found);
    if (discovery.same(fresh, found)) throw explain(error, false);
    try {
      return await send(fresh);
    } catch (retryError) {
      throw explain(retryError, true);
    }
  }
}

/** What a call asked for, as "not found" needs it named. */
export interface CallTarget {
  method: HttpMethod;
  /** Below the API root, or an absolute next-page URL. */
  path: string;
  /** One record the call is about, e.g. `ticket #123`: a 404 means it may have been deleted or merged. */
  record?: string;
  /** The list a call reads, when its path does not say it in words, e.g. `teams`. */
  area?: string;
}

/** `GET /Contacts/query`: the request as logs show it, never with a query string. */
export function requestLabel(call: CallTarget): string {
  return `${call.method} ${pathOf(call.path)}`;
}

/**
 * A "not found" named for what was asked: one record may have been deleted or merged (refresh the board);
 * a list that is not found is one the API user may not read (ask for the permission). Other errors pass.
 */
export function nameNotFound(psa: PsaLabel, error: unknown, call: CallTarget): unknown {
  if (!isPsaError(error) || error.kind !== 'notFound') return error;
  const request = requestLabel(call);
  const status = error.status !== undefined ? { status: error.status } : {};
  if (call.record) return new PsaError({ kind: 'notFound', psa, detail: call.record, ...status, request, cause: error });
  const area = call.area ?? areaOf(call.path);
  const apiUser = psa.apiUser ?? 'API user';
  const code = error.status !== undefined ? ` (${error.status})` : '';
  return new PsaError({
    kind: 'notFound',
    psa,
    detail: `${area} not found`,
    ...status,
    userMessage:
      `${psa.name} answered "not found"${code} when Pullboard read its ${area}: the ${apiUser} may not be allowed to read ${area}. ` +
      `Ask your ${psa.name} administrator to allow it in ${psa.permissions ?? `the ${apiUser}'s security role`}, then refresh.`,
    request,
    cause: error,
  });
}

/** `/service/tickets` → `service tickets`, `/Contacts/query` → `contacts`: a list's name in words. */
export function areaOf(path: string): string {
  const words = pathOf(path)
    .split('/')
    .filter((segment) => segment !== '' && !/^\d+$/.test(segment) && !IGNORED_SEGMENTS.has(segment.toLowerCase()))
    .flatMap((segment) => segment.split(/(?<=[a-z])(?=[A-Z])|[_-]/))
    .map((word) => word.toLowerCase());
  return words.length > 0 ? words.join(' ') : 'records';
}

/** Parts of an API path that say how, not what: the API's root and version, query, count and next-page endpoints. */
const IGNORED_SEGMENTS = new Set(['api', 'apis', '3.0', 'v1.0', 'atservicesrest', 'query', 'count', 'next']);

function pathOf(path: string): string {
  if (/^https?:\/\//i.test(path)) {
    try {
      return new URL(path).pathname;
    } catch {
      return path;
    }
  }
  return path.replace(/[?#].*$/, '');
}

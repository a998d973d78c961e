/**
 * HaloPSA addresses, list parameters and paging rules: pure functions, tested as tables.
 */

/** Halo's documented largest page; live tenants may cap it near 50. */
export const HALO_PAGE_SIZE = 100;

/** `https://acme.halopsa.com/` → `https://acme.halopsa.com`: the web app and the base of `/api`. */
export function haloBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Where the client-credentials token is asked for: `{authUrl}/token` (default `{url}/auth/token`), with
 * `?tenant=` when the hosted authorisation server needs one. An auth URL typed with `/token` is taken as is.
 */
export function tokenUrl(url: string, authUrl: string | null, tenant: string | null): string {
  const auth = haloBase(authUrl ?? `${haloBase(url)}/auth`).replace(/\/token$/i, '');
  const target = new URL(`${auth}/token`);
  if (tenant) target.searchParams.set('tenant', tenant);
  return target.href;
}

/**
 * A date in a list parameter: UTC without a zone, as Halo writes them, to the millisecond. A cursor read from
 * Halo's own dates (up to 7 fractional digits, cut to 3) is at or before the stamp it came from: `>=` it can
 * repeat a ticket, never miss one.
 */
export function haloDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`Not a date: ${iso}`);
  return new Date(ms).toISOString().replace(/Z$/, '');
}

/**
 * "Last updated at or after" as list parameters: the documented date search on the last-update date,
 * and the `lastupdatefromdate` filter the public clients send. Where both are understood they agree.
 */
export function updatedSinceParams(iso: string): Record<string, string> {
  const date = haloDate(iso);
  return { datesearch: 'lastupdate', startdate: date, lastupdatefromdate: date };
}

/** Last updated within [since, before] (Halo's date search includes both ends); either end may be open. */
export function updatedWindowParams(since: string | undefined, before: string | undefined): Record<string, string> {
  if (since === undefined && before === undefined) return {};
  const params: Record<string, string> = since === undefined ? { datesearch: 'lastupdate' } : updatedSinceParams(since);
  if (before !== undefined) params.enddate = haloDate(before);
  return params;
}

export interface PagingState {
  /** The longest page seen so far: a live tenant may serve 50 when asked for 100. */
  largest: number;
}

/**
 * Whether to ask for the next page after one that held `length` rows, `fresh` of them not seen before.
 * `record_count` is not trusted, and a page shorter than asked is not the end (the cap): the end is an
 * empty page, a page of repeats, or a page shorter than the longest one so far.
 */
export function nextPage(state: PagingState, length: number, fresh: number): { more: boolean; state: PagingState } {
  if (length === 0 || fresh === 0) return { more: false, state };
  if (length < state.largest) return { more: false, state };
  return { more: true, state: { largest: Math.max(state.largest, length) } };
}

/** Halo's built-in "Unassigned" agent is 1; 0 and null mean the same. */
export function isUnassigned(agentId: number | null | undefined): boolean {
  return agentId === null || agentId === undefined || agentId === 0 || agentId === 1;
}

/** Ordered by id, oldest first: a new ticket lands on the last page instead of shifting every page under the reader. */
export const STABLE_ORDER: Readonly<Record<string, string>> = { order: 'id', orderdesc: 'false' };

/**
 * Wraps `fetch` so that Halo's error bodies read like the others to the shared HTTP helper: a 400 keyed by
 * field path (`{"[0].agent_id": "Agent 2 cannot be assigned tickets."}`) and an OAuth error
 * (`{error, error_description}`) become `{errors: [{field, message}]}`, so the field and words reach the user.
 */
export function haloFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status < 400 || response.status >= 500) return response;
    const text = await response.text();
    const rewritten = haloErrorBody(text);
    return new Response(rewritten ?? text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The error body in the shape the shared helper reads, or null when it already has one (or is not JSON). */
export function haloErrorBody(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string' || Array.isArray(record.errors)) return null;
  if (typeof record.error === 'string') {
    const description = typeof record.error_description === 'string' ? record.error_description : record.error;
    return JSON.stringify({ message: description });
  }
  const errors = Object.entries(record)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([field, message]) => ({ field: field.replace(/^\$?\[\d+\]\./, ''), message }));
  return errors.length > 0 ? JSON.stringify({ errors }) : null;
}

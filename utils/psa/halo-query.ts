/**
 * HaloPSA addresses, list parameters and paging rules: pure functions, tested as tables.
 */
import { wholeSecondsUtc } from './dates';

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

/** A date in a list parameter: UTC, whole seconds, no zone (as Halo writes them). Rounded down: repeats, never misses. */
export function haloDate(iso: string): string {
  return wholeSecondsUtc(iso).toISOString().replace(/\.\d{3}Z$/, '');
}

/**
 * "Last updated at or after" as list parameters: the documented date search on the last-update date,
 * and the `lastupdatefromdate` filter the public clients send. Where both are understood they agree.
 */
export function updatedSinceParams(iso: string): Record<string, string> {
  const date = haloDate(iso);
  return { datesearch: 'lastupdate', startdate: date, lastupdatefromdate: date };
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

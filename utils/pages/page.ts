/**
 * What a PSA page is, as the URL tells it: the shared result of the three detectors. A page that is not the
 * PSA's agent app (its API, sign-in, customer portal, help, docs, a look-alike host) has no result at all.
 */
import type { PsaKind } from '../psa/kinds';

/**
 * The ticket the page shows: by the PSA's record id, or by its ticket number (Autotask `T20240101.0001`)
 * when that is all the page says. A number is a hint the background resolves to an id with one API request;
 * neither is ever trusted for a write: the background re-reads the ticket through the API first.
 */
export type PageTicket = { id: string } | { number: string } | null;

export interface PsaPageView {
  kind: PsaKind;
  /** Always true: only the agent app's pages get a result (and the dock). */
  app: true;
  ticket: PageTicket;
  /**
   * The URL says a ticket is open without saying which (ConnectWise keeps `ConnectWise.aspx` and an
   * encoded `#…??ServiceTicket` state): the page's own header must say it.
   */
  ticketOnScreen: boolean;
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * How the URL's origin came to the detector: `own` — a self-hosted server connected as this PSA; `unknown` — a
 * connected server whose PSA the caller does not know (ConnectWise or Halo).
 */
export type Connected = 'own' | 'unknown' | undefined;

/** The parsed URL when it is on one of the PSA's cloud hosts (https) or on a connected server, else null. */
export function onHost(url: string, cloudHost: RegExp, connected: Connected): URL | null {
  const parsed = parseUrl(url);
  const https = parsed?.protocol === 'https:';
  return parsed && ((https && cloudHost.test(parsed.hostname)) || (connected && (https || parsed.protocol === 'http:'))) ? parsed : null;
}

/** The codebase folder every page of ConnectWise's web app sits under (`/v2025_1/`, `/v4_6_release/`). */
export const CONNECTWISE_CODEBASE = /^\/v(\d{4}_\d+|4_6_release)\//i;

/** The query's parameters by lower-cased name (the first value wins): the PSAs read names case-insensitively. */
export function lowerParams(url: URL): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) if (!params.has(key.toLowerCase())) params.set(key.toLowerCase(), value);
  return params;
}

/** A record id: digits, and not the `0` or `-1` the apps use for "new". */
export function recordId(value: string | undefined): string | null {
  return value !== undefined && /^\d+$/.test(value) && !/^0+$/.test(value) ? value.replace(/^0+/, '') : null;
}

export function view(kind: PsaKind, ticket: PageTicket, ticketOnScreen = ticket !== null): PsaPageView {
  return { kind, app: true, ticket, ticketOnScreen };
}

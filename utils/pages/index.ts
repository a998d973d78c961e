/** Which PSA page a URL is, and the ticket it shows: the one entry point over the per-PSA detectors. */
import type { PsaKind } from '../psa/kinds';
import { autotaskPage } from './autotask';
import { connectWisePage } from './connectwise';
import { haloPage } from './halo';
import { parseUrl, type PageTicket, type PsaPageView } from './page';

export type { PageTicket, PsaPageView } from './page';

/**
 * A self-hosted server the user connected: its origin belongs to that connection's PSA (a Halo server is never
 * read as ConnectWise, nor the other way round). A bare origin is a connected server whose PSA the caller does
 * not know: then only a path that only one PSA has (ConnectWise's codebase folder, Halo's agent routes) counts.
 */
export type ConnectedOrigin = string | { origin: string; kind: PsaKind };

/** The PSA page a URL shows (`{kind, app: true, ticket: {id} | {number} | null}`), or null for any other page. */
export function pageOf(url: string, connected: readonly ConnectedOrigin[] = []): PsaPageView | null {
  const origin = parseUrl(url)?.origin;
  const own = connected.find((entry) => (typeof entry === 'string' ? entry : entry.origin) === origin);
  if (own !== undefined && typeof own !== 'string') {
    if (own.kind === 'autotask') return autotaskPage(url);
    return own.kind === 'connectwise' ? connectWisePage(url, 'own') : haloPage(url, 'own');
  }
  const connectedAs = own === undefined ? undefined : 'unknown';
  return connectWisePage(url, connectedAs) ?? autotaskPage(url) ?? haloPage(url, connectedAs);
}

export interface PsaPage {
  kind: PsaKind;
  ticketId: string | null;
}

/** The page and the ticket id its URL names (a ticket number or an id only the page header says count as none). */
export function psaPageOf(url: string, connected: readonly ConnectedOrigin[] = []): PsaPage | null {
  const page = pageOf(url, connected);
  return page ? { kind: page.kind, ticketId: idOf(page.ticket) } : null;
}

export function idOf(ticket: PageTicket): string | null {
  return ticket && 'id' in ticket ? ticket.id : null;
}

/** The hosts the content script is declared for; self-hosted ones are registered at run time. */
export const PSA_PAGE_MATCHES = [
  'https://*.myconnectwise.net/*',
  'https://*.connectwisedev.com/*',
  'https://*.autotask.net/*',
  'https://*.halopsa.com/*',
  'https://*.haloitsm.com/*',
  'https://*.haloservicedesk.com/*',
];

/** Whether the manifest's content script already covers this URL's host (else it is a self-hosted server). */
export function isBuiltInPsaHost(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase();
  return PSA_PAGE_MATCHES.some((pattern) => host.endsWith(pattern.slice('https://*'.length, -'/*'.length)));
}

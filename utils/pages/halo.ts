/**
 * HaloPSA pages: hosted on `*.halopsa.com`, `*.haloitsm.com`, `*.haloservicedesk.com`, or a self-hosted domain
 * the user adds. The agent app routes inside itself: a ticket at `/ticket?id=` (optionally `&action_id=`) and
 * inside the list at `/tickets?…&id=` (`id=-1` is a new ticket's form). The end-user portal (`/portal/…`), the
 * API (`/api/`), the auth server (`/auth/…`) and Halo's own API docs host share the domains: no dock there.
 */
import { CONNECTWISE_CODEBASE, lowerParams, onHost, parseUrl, recordId, view, type Connected, type PsaPageView } from './page';

const HOSTED = /^(?!apidoc\.|www\.)[\w-]+\.(halopsa|haloitsm|haloservicedesk)\.com$/i;

function isAppPath(path: string): boolean {
  return !/^\/(portal|api|auth|login|apidoc|docs)(\/|$)/i.test(path);
}

/**
 * The Halo page a URL shows, or null when it is no page of the agent app. `connected`: `own` for a server connected
 * as Halo; `unknown` for a connected server whose PSA is not known here (ConnectWise or Halo): a path under
 * ConnectWise's codebase folders is not Halo's.
 */
export function haloPage(url: string, connected?: Connected): PsaPageView | null {
  const parsed = onHost(url, HOSTED, connected);
  const path = parsed?.pathname ?? '';
  if (!parsed || !isAppPath(path) || (connected === 'unknown' && CONNECTWISE_CODEBASE.test(path))) return null;
  const route = path.toLowerCase().replace(/\/$/, '');
  if (route !== '/ticket' && route !== '/tickets') return view('halo', null);
  const params = lowerParams(parsed);
  const id = recordId(params.get('id') ?? params.get('ticketid'));
  return view('halo', id ? { id } : null);
}

const own = (url: string, extraOrigins: readonly string[]): Connected => (extraOrigins.includes(parseUrl(url)?.origin ?? '') ? 'own' : undefined);

export function isHaloPage(url: string, extraOrigins: readonly string[] = []): boolean {
  return haloPage(url, own(url, extraOrigins)) !== null;
}

export function haloTicketId(url: string, extraOrigins: readonly string[] = []): string | null {
  const ticket = haloPage(url, own(url, extraOrigins))?.ticket;
  return ticket && 'id' in ticket ? ticket.id : null;
}

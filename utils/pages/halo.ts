/**
 * HaloPSA pages: hosted on `*.halopsa.com`, `*.haloitsm.com`, `*.haloservicedesk.com`, or a self-hosted domain
 * the user adds. The agent app routes inside itself: a ticket at `/ticket?id=` (optionally `&action_id=`) and
 * inside the list at `/tickets?…&id=` (`id=-1` is a new ticket's form). The end-user portal (`/portal/…`), the
 * API (`/api/`), the auth server (`/auth/…`) and Halo's own API docs host share the domains: no dock there.
 */
import { lowerParams, parseUrl, recordId, view, type PsaPageView } from './page';

const HOSTED = /^(?!apidoc\.|www\.|community\.|docs\.)[a-z0-9-]+\.(halopsa|haloitsm|haloservicedesk)\.com$/i;

function isAppPath(path: string): boolean {
  return !/^\/(portal|api|auth|login|apidoc|docs)(\/|$)/i.test(path);
}

/**
 * The Halo page a URL shows, or null when it is no page of the agent app. `selfHosted`: the URL's origin is a
 * server the user connected as Halo; `shapeOnly`: a connected server whose PSA is not known here (ConnectWise or
 * Halo): a path outside ConnectWise's codebase folders can only be Halo's.
 */
export function haloPage(url: string, origin: { selfHosted?: boolean; shapeOnly?: boolean } = {}): PsaPageView | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const hosted = parsed.protocol === 'https:' && HOSTED.test(parsed.hostname);
  const known = (origin.selfHosted || origin.shapeOnly) && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
  if (!hosted && !known) return null;
  const path = parsed.pathname;
  if (!isAppPath(path)) return null;
  if (origin.shapeOnly && !hosted && /^\/v(\d{4}_\d+|4_6_release)\//i.test(path)) return null;
  const route = path.toLowerCase().replace(/\/$/, '');
  if (route !== '/ticket' && route !== '/tickets') return view('halo', null);
  const params = lowerParams(parsed);
  const id = recordId(params.get('id') ?? params.get('ticketid'));
  return view('halo', id ? { id } : null);
}

export function isHaloPage(url: string, extraOrigins: readonly string[] = []): boolean {
  const parsed = parseUrl(url);
  return haloPage(url, { selfHosted: parsed !== null && extraOrigins.includes(parsed.origin) }) !== null;
}

export function haloTicketId(url: string, extraOrigins: readonly string[] = []): string | null {
  const parsed = parseUrl(url);
  const ticket = haloPage(url, { selfHosted: parsed !== null && extraOrigins.includes(parsed.origin) })?.ticket;
  return ticket && 'id' in ticket ? ticket.id : null;
}

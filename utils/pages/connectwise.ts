/**
 * ConnectWise PSA pages. Cloud UI hosts are `na|eu|au|aus|za….myconnectwise.net` (staging `*.connectwisedev.com`);
 * API hosts (`api-na.`, `aus-api.`) are not pages. On-premise servers are any host the user adds in options.
 *
 * The web app is a single-page app under a codebase folder (`/v2025_1/`, `/v4_6_release/`): while a ticket is
 * open the address bar keeps `ConnectWise.aspx` and changes only an encoded state after `#`, which ends in
 * `??ServiceTicket` (LZMA-compressed: the detector does not decode it, the page header says the ticket). Links
 * into it name the ticket: `ConnectWise.aspx?routeTo=ServiceFV&recid=`, `openrecord.rails?recordType=ServiceFv&recid=`,
 * `fv_sr100_request.rails?service_recid=` (the links ConnectWise's own e-mails carry) and the older readable state
 * `#startscreen=sr150&state={"p":"sr150","s":{"p":{"rd":N,"screenid":"sr100"}}}`.
 * The customer portal (`services/system_io/customerportal/portal.html`) shares the host: no dock there.
 */
import { lowerParams, parseUrl, recordId, view, type PsaPageView } from './page';

const CLOUD_HOST = /^(?!api-|www\.)(?![a-z0-9-]*-api\.)[a-z0-9-]+\.(myconnectwise\.net|connectwisedev\.com)$/i;
/** The codebase folder every page of the web app sits under. */
const CODEBASE_PATH = /^\/v(\d{4}_\d+|4_6_release)\//i;

export function isConnectWiseCloudHost(hostname: string): boolean {
  return CLOUD_HOST.test(hostname);
}

/** Whether the path is one of the web app's (not its API, sign-in discovery or customer portal). */
function isAppPath(path: string): boolean {
  return !(path.includes('/apis/3.0') || path.startsWith('/login') || path.includes('/customerportal/') || path.includes('/portal/'));
}

/** The ticket in the older readable state `#startscreen=…&state={…}`: `rd` on the service ticket screen (sr100). */
function ticketInReadableState(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = params.get('state');
  if (!state) return null;
  try {
    const parsed = JSON.parse(state) as { p?: unknown; s?: { p?: { rd?: unknown; screenid?: unknown } } };
    const inner = parsed.s?.p;
    const screen = `${String(inner?.screenid ?? '')} ${String(parsed.p ?? '')}`.toLowerCase();
    return screen.includes('sr100') ? recordId(String(inner?.rd ?? '')) : null;
  } catch {
    return null;
  }
}

function ticketOf(url: URL): PsaPageView {
  const params = lowerParams(url);
  const path = url.pathname.toLowerCase();
  const recid = recordId(params.get('recid'));
  if (path.endsWith('/connectwise.aspx')) {
    if (params.get('routeto')?.toLowerCase() === 'servicefv' && recid) return view('connectwise', { id: recid });
    const fromState = ticketInReadableState(url.hash);
    if (fromState) return view('connectwise', { id: fromState });
    // The encoded state of an open ticket ends in `??ServiceTicket`; the id inside is compressed.
    const open = /\?\?(\s|%20)*service(\s|%20)*ticket$/i.test(url.hash);
    return view('connectwise', null, open);
  }
  if (path.endsWith('/openrecord.rails') && params.get('recordtype')?.toLowerCase() === 'servicefv' && recid) {
    return view('connectwise', { id: recid });
  }
  if (path.endsWith('/fv_sr100_request.rails')) {
    const id = recordId(params.get('service_recid'));
    if (id) return view('connectwise', { id });
  }
  return view('connectwise', null);
}

/**
 * The ConnectWise page a URL shows, or null when it is no page of the web app. `selfHosted`: the URL's origin
 * is an on-premise server the user connected as ConnectWise; `shapeOnly`: it is a connected server whose PSA
 * is not known here, so only a path under a codebase folder counts.
 */
export function connectWisePage(url: string, origin: { selfHosted?: boolean; shapeOnly?: boolean } = {}): PsaPageView | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const cloud = parsed.protocol === 'https:' && isConnectWiseCloudHost(parsed.hostname);
  const known = (origin.selfHosted || origin.shapeOnly) && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
  if (!cloud && !known) return null;
  const path = parsed.pathname.toLowerCase();
  if (!isAppPath(path)) return null;
  if (origin.shapeOnly && !cloud && !CODEBASE_PATH.test(path)) return null;
  return ticketOf(parsed);
}

export function isConnectWisePage(url: string, extraOrigins: readonly string[] = []): boolean {
  const parsed = parseUrl(url);
  return connectWisePage(url, { selfHosted: parsed !== null && extraOrigins.includes(parsed.origin) }) !== null;
}

/** The ticket id a ConnectWise URL names, or null (also when only the page's header can say it). */
export function connectWiseTicketId(url: string, extraOrigins: readonly string[] = []): string | null {
  const parsed = parseUrl(url);
  const page = connectWisePage(url, { selfHosted: parsed !== null && extraOrigins.includes(parsed.origin) });
  return page?.ticket && 'id' in page.ticket ? page.ticket.id : null;
}

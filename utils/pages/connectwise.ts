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
import { CONNECTWISE_CODEBASE, lowerParams, onHost, parseUrl, recordId, view, type Connected, type PsaPageView } from './page';

const CLOUD_HOST = /^(?!api-|www\.|[\w-]*-api\.)[\w-]+\.(myconnectwise\.net|connectwisedev\.com)$/i;

export function isConnectWiseCloudHost(hostname: string): boolean {
  return CLOUD_HOST.test(hostname);
}

/** Whether the path is one of the web app's (not its API, sign-in discovery or customer portal). */
function isAppPath(path: string): boolean {
  return !/\/apis\/3\.0|^\/login|\/customerportal\//i.test(path);
}

/** The ticket in the older readable state `#startscreen=…&state={…}`: `rd` on the service ticket screen (sr100). */
function ticketInReadableState(hash: string): string | null {
  const state = new URLSearchParams(hash.slice(1)).get('state') ?? '';
  return /"screenid"\s*:\s*"sr100"/i.test(state) ? recordId(/"rd"\s*:\s*"?(\d+)/.exec(state)?.[1]) : null;
}

function ticketOf(url: URL): PsaPageView {
  const params = lowerParams(url);
  const path = url.pathname.toLowerCase();
  const recid = recordId(params.get('recid'));
  const id = path.endsWith('/connectwise.aspx')
    ? (/^servicefv$/i.test(params.get('routeto') ?? '') && recid) || ticketInReadableState(url.hash)
    : path.endsWith('/openrecord.rails')
      ? /^servicefv$/i.test(params.get('recordtype') ?? '') && recid
      : path.endsWith('/fv_sr100_request.rails') && recordId(params.get('service_recid'));
  // The encoded state of an open ticket ends in `??ServiceTicket`; the id inside is compressed.
  return view('connectwise', id ? { id } : null, !id && /\/connectwise\.aspx$/.test(path) && /\?\?(\s|%20)*service(\s|%20)*ticket$/i.test(url.hash));
}

/**
 * The ConnectWise page a URL shows, or null when it is no page of the web app. `connected`: `own` for an
 * on-premise server connected as ConnectWise; `unknown` for a connected server whose PSA is not known here, where
 * only a path under a codebase folder counts.
 */
export function connectWisePage(url: string, connected?: Connected): PsaPageView | null {
  const parsed = onHost(url, CLOUD_HOST, connected);
  const path = parsed?.pathname ?? '';
  if (!parsed || !isAppPath(path) || (connected === 'unknown' && !CONNECTWISE_CODEBASE.test(path))) return null;
  return ticketOf(parsed);
}

const own = (url: string, extraOrigins: readonly string[]): Connected => (extraOrigins.includes(parseUrl(url)?.origin ?? '') ? 'own' : undefined);

export function isConnectWisePage(url: string, extraOrigins: readonly string[] = []): boolean {
  return connectWisePage(url, own(url, extraOrigins)) !== null;
}

/** The ticket id a ConnectWise URL names, or null (also when only the page's header can say it). */
export function connectWiseTicketId(url: string, extraOrigins: readonly string[] = []): string | null {
  const page = connectWisePage(url, own(url, extraOrigins));
  return page?.ticket && 'id' in page.ticket ? page.ticket.id : null;
}

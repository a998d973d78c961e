/**
 * ConnectWise PSA page detection: pure functions over a URL, tested against lists of real URL shapes.
 * Cloud UI hosts are `na|eu|au|aus|za.myconnectwise.net` (staging `*.connectwisedev.com`); the API
 * hosts `api-*.` are not pages. On-premise servers are any host the user adds in options.
 */
const CLOUD_HOST = /^(?!api-)[a-z0-9-]+\.(myconnectwise\.net|connectwisedev\.com)$/i;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isConnectWiseCloudHost(hostname: string): boolean {
  return CLOUD_HOST.test(hostname);
}

/** The web app's pages, not its login screen nor its API. `extraOrigins` are on-premise servers. */
export function isConnectWisePage(url: string, extraOrigins: readonly string[] = []): boolean {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return false;
  const known = isConnectWiseCloudHost(parsed.hostname) || extraOrigins.includes(parsed.origin);
  if (!known) return false;
  const path = parsed.pathname.toLowerCase();
  if (path.includes('/apis/3.0/') || path.startsWith('/login')) return false;
  return true;
}

/** The ticket a ConnectWise page shows, from `ConnectWise.aspx?routeTo=ServiceFV&recid=` or `openrecord.rails?recordType=ServiceFv&recid=`. */
export function connectWiseTicketId(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  const params = new URLSearchParams([...parsed.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
  const path = parsed.pathname.toLowerCase();
  const recid = params.get('recid');
  if (!recid || !/^\d+$/.test(recid)) return null;
  if (path.endsWith('/connectwise.aspx') && params.get('routeto')?.toLowerCase() === 'servicefv') return recid;
  if (path.endsWith('/openrecord.rails') && params.get('recordtype')?.toLowerCase() === 'servicefv') return recid;
  return null;
}

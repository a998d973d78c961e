/**
 * HaloPSA page detection: hosted on `*.halopsa.com`, `*.haloitsm.com`, `*.haloservicedesk.com`, or a
 * self-hosted domain the user adds. The agent app shows a ticket at `/ticket?id=` (optionally with
 * `&action_id=`) and inside the list at `/tickets?...&id=`; the end-user portal (`/portal/...`) gets no dock.
 */
const HOSTED = /^[a-z0-9-]+\.(halopsa|haloitsm|haloservicedesk)\.com$/i;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isHaloPage(url: string, extraOrigins: readonly string[] = []): boolean {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return false;
  if (!HOSTED.test(parsed.hostname) && !extraOrigins.includes(parsed.origin)) return false;
  const path = parsed.pathname.toLowerCase();
  if (path.startsWith('/portal') || path.startsWith('/api/') || path.startsWith('/auth') || path.startsWith('/login')) return false;
  return true;
}

export function haloTicketId(url: string, extraOrigins: readonly string[] = []): string | null {
  const parsed = parse(url);
  if (!parsed || !isHaloPage(url, extraOrigins)) return null;
  const path = parsed.pathname.toLowerCase().replace(/\/$/, '');
  if (path !== '/ticket' && path !== '/tickets') return null;
  const id = parsed.searchParams.get('id');
  return id && /^\d+$/.test(id) ? id : null;
}

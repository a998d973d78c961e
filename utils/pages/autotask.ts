/**
 * Autotask PSA page detection. The web app lives on `ww{N}.autotask.net` (the zone's web host); the
 * API on `webservices{N}.autotask.net`. Ticket pages: `/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=` and
 * `Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=`.
 */
const WEB_HOST = /^ww\d*\.autotask\.net$/i;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function lowerParams(url: URL): URLSearchParams {
  return new URLSearchParams([...url.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
}

export function isAutotaskPage(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || !WEB_HOST.test(parsed.hostname)) return false;
  const path = parsed.pathname.toLowerCase();
  // The sign-in screens are not the app.
  if (path.startsWith('/mvc/framework/authentication') || path.includes('/login') || path.startsWith('/atservicesrest')) return false;
  return true;
}

export function autotaskTicketId(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !isAutotaskPage(url)) return null;
  const path = parsed.pathname.toLowerCase();
  const params = lowerParams(parsed);
  const id = path.endsWith('/mvc/servicedesk/ticketdetail.mvc')
    ? params.get('ticketid')
    : path.endsWith('/autotaskextend/executecommand.aspx') && params.get('code')?.toLowerCase() === 'openticketdetail'
      ? params.get('ticketid')
      : null;
  return id && /^\d+$/.test(id) ? id : null;
}

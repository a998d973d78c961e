/**
 * Autotask PSA pages. The web app lives on the zone's web host `ww{N}.autotask.net`; the API on
 * `webservices{N}.autotask.net`, the sign-in screens under `/Mvc/Framework/Authentication.mvc`, the client
 * portal under `/ClientPortal/` and the online help under `/help/` — on the same `ww*` hosts, none of them the app.
 *
 * Tickets open in pop-up windows and tabs: `ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=` or
 * `&TicketNumber=T20240101.0001` opens the pop-up at `/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=N&ticketId=N`;
 * the newer UI also navigates by `/Mvc/Framework/CommonPage.mvc/PageState/Navigate?PageName=TicketDetail&Id=N`.
 * (The newer UI's shell is said to carry the inner page encoded in its URL; no public source shows that URL, so it
 * is not read here: its pages get the dock without a ticket.)
 */
import { lowerParams, parseUrl, recordId, view, type PageTicket, type PsaPageView } from './page';

const WEB_HOST = /^(ww\d*|lr)\.autotask\.net$/i;
/** Autotask's ticket number: `T` + the day it was created + a sequence (`T20240101.0001`). */
export const AUTOTASK_TICKET_NUMBER = /^T\d{8}\.\d{3,5}$/i;

function ticketNumber(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && AUTOTASK_TICKET_NUMBER.test(trimmed) ? trimmed.toUpperCase() : null;
}

/** Sign-in, API, client portal and online help share the host: none is the app. */
function isAppPath(path: string): boolean {
  return !/^\/(mvc\/framework\/authentication|atservicesrest|clientportal|help(\/|$))|\/login/i.test(path);
}

function byIdOrNumber(id: string | undefined, number: string | undefined): PageTicket {
  const byId = recordId(id);
  if (byId) return { id: byId };
  const byNumber = ticketNumber(number);
  return byNumber ? { number: byNumber } : null;
}

function ticketOf(url: URL): PageTicket {
  const path = url.pathname.toLowerCase();
  const params = lowerParams(url);
  if (path.endsWith('/mvc/servicedesk/ticketdetail.mvc')) return byIdOrNumber(params.get('ticketid'), params.get('ticketnumber'));
  if (path.endsWith('/autotaskextend/executecommand.aspx') || path.endsWith('/autotaskextend/autotaskcommand.aspx')) {
    return params.get('code')?.toLowerCase() === 'openticketdetail' ? byIdOrNumber(params.get('ticketid'), params.get('ticketnumber')) : null;
  }
  if (path.endsWith('/mvc/framework/commonpage.mvc/pagestate/navigate')) {
    return params.get('pagename')?.toLowerCase() === 'ticketdetail' ? byIdOrNumber(params.get('id'), undefined) : null;
  }
  return null;
}

/** The Autotask page a URL shows, or null when it is no page of the web app. */
export function autotaskPage(url: string): PsaPageView | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || !WEB_HOST.test(parsed.hostname)) return null;
  if (!isAppPath(parsed.pathname.toLowerCase())) return null;
  return view('autotask', ticketOf(parsed));
}

export function isAutotaskPage(url: string): boolean {
  return autotaskPage(url) !== null;
}

/** The ticket id an Autotask URL names, or null (a ticket number is resolved by the background). */
export function autotaskTicketId(url: string): string | null {
  const ticket = autotaskPage(url)?.ticket;
  return ticket && 'id' in ticket ? ticket.id : null;
}

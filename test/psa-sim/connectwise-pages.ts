/**
 * Minimal pages of ConnectWise's web app at their real paths, for the extension's content script to live in:
 * a service board list, a ticket page, the customer portal and the sign-in form. Server-rendered, every ticket
 * text HTML-escaped. As in the real single-page app, opening a ticket from the board keeps the path
 * `ConnectWise.aspx` and changes only the state after `#`, ending in `??ServiceTicket` (the URL changes first,
 * the content follows); the ticket view names the ticket in its navigation label "Service Ticket #N - summary".
 * The real state is LZMA-compressed and base64-encoded with `$` and `_` for `+` and `/` (public-code index file
 * 52843972309); the simulator's is the same alphabet over plain JSON `{"ticketId":N}`, which Pullboard does not
 * decode either: it reads the ticket from the page. Full loads of `routeTo=ServiceFV&recid=` and
 * `openrecord.rails` links (what e-mails and other tools open) work too.
 */
import { htmlResponse, type SimResponse } from './dialect';
import type { SimData, SimTicket } from './seed';

const MAX_ROWS = 1000;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const ticketUrl = (codebase: string, id: number | string): string => `/${codebase}ConnectWise.aspx?routeTo=ServiceFV&recid=${id}`;
const boardUrl = (codebase: string): string => `/${codebase}ConnectWise.aspx`;

/** Static: it carries no data, so nothing in it can be injected. */
const NAVIGATION_SCRIPT = `(function () {
  var TICKET_STATE = /\\?\\?ServiceTicket$/;
  function encodeState(id) {
    return btoa(JSON.stringify({ ticketId: id })).replace(/\\+/g, '$').replace(/\\//g, '_').replace(/=+$/, '');
  }
  function ticketOfState(hash) {
    if (!TICKET_STATE.test(hash)) return null;
    try {
      var base64 = hash.slice(1).replace(TICKET_STATE, '').replace(/\\$/g, '+').replace(/_/g, '/');
      var id = JSON.parse(atob(base64 + '==='.slice((base64.length + 3) % 4))).ticketId;
      return /^\\d+$/.test(String(id)) ? String(id) : null;
    } catch (error) { return null; }
  }
  function detailHref(id) { return location.pathname + '?routeTo=ServiceFV&recid=' + id; }
  function render(href) {
    return fetch(href, { credentials: 'same-origin' }).then(function (response) { return response.text(); }).then(function (html) {
      var next = new DOMParser().parseFromString(html, 'text/html');
      var incoming = next.getElementById('cw-main');
      var current = document.getElementById('cw-main');
      if (!incoming || !current) { location.assign(href); return; }
      current.replaceWith(document.importNode(incoming, true));
      document.title = next.title;
    });
  }
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('a[data-cw-nav]') : null;
    if (!target || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var link = new URL(target.href);
    var recid = /^servicefv$/i.test(link.searchParams.get('routeTo') || '') ? link.searchParams.get('recid') : null;
    // A ticket opens in the app's state: same path, the encoded state after #.
    history.pushState({}, '', recid ? link.pathname + '?locale=en_US#' + encodeState(recid) + '??ServiceTicket' : target.href);
    render(recid ? detailHref(recid) : target.href);
  });
  function renderLocation() {
    var id = ticketOfState(location.hash);
    render(id ? detailHref(id) : location.href);
  }
  window.addEventListener('popstate', renderLocation);
  if (ticketOfState(location.hash)) renderLocation();
})();`;

const STYLE = `
  body { margin: 0; font: 13px/1.4 "Segoe UI", Arial, sans-serif; color: #222; background: #f3f4f6; }
  .cw-header { display: flex; align-items: center; gap: 24px; height: 44px; padding: 0 16px; background: #026cb6; color: #fff; }
  .cw-header a { color: #fff; text-decoration: none; }
  .cw-header-logo { font-weight: 600; font-size: 15px; }
  .cw-header-company { margin-left: auto; opacity: .85; }
  #cw-main { padding: 16px; }
  .cw-main-banner { color: #4a5560; margin-bottom: 8px; }
  .cw-toolbar { display: flex; gap: 8px; margin-bottom: 12px; }
  .cw-btn { padding: 4px 10px; border: 1px solid #b7c2cc; background: #fff; border-radius: 2px; }
  table.cw-grid { border-collapse: collapse; width: 100%; background: #fff; }
  .cw-grid th, .cw-grid td { border-bottom: 1px solid #e1e4e8; padding: 4px 8px; text-align: left; white-space: nowrap; }
  .cw-grid td.cw-col-summary { white-space: normal; }
  .cw-ticket-fields { display: grid; grid-template-columns: 140px 1fr; gap: 4px 12px; background: #fff; padding: 12px; }
  .cw-ticket-fields dt { color: #666; }
  .cw-ticket-fields dd { margin: 0; }
`;

function page(data: SimData, codebase: string, title: string, main: string): SimResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body class="cw-app">
<header class="cw-header" id="cw-header">
  <div class="cw-header-logo">ConnectWise PSA</div>
  <nav class="cw-header-nav"><a data-cw-nav href="${boardUrl(codebase)}">Service Board</a></nav>
  <div class="cw-header-company">${escapeHtml(data.mspName)}</div>
</header>
<div id="cwContent">
${main}
</div>
<script>${NAVIGATION_SCRIPT}</script>
</body>
</html>`;
  const response = htmlResponse(200, html);
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

function names(data: SimData, ticket: SimTicket) {
  const owner = data.members.find((member) => member.id === ticket.ownerId);
  const contact = data.contacts.find((candidate) => candidate.id === ticket.contactId);
  return {
    board: data.boards.find((board) => board.id === ticket.boardId)?.name ?? '',
    status: data.statuses.find((status) => status.id === ticket.statusId)?.name ?? '',
    priority: data.priorities.find((priority) => priority.id === ticket.priorityId)?.name ?? '',
    owner: owner ? `${owner.firstName} ${owner.lastName}` : '',
    company: data.companies.find((company) => company.id === ticket.companyId)?.name ?? '',
    contact: contact ? `${contact.firstName} ${contact.lastName}` : '',
    type: data.ticketTypes.find((type) => type.id === ticket.typeId)?.name ?? '',
    subType: data.subTypes.find((subType) => subType.id === ticket.subTypeId)?.name ?? '',
  };
}

export function renderBoardPage(data: SimData, codebase: string, boardId: number): SimResponse {
  const board = data.boards.find((candidate) => candidate.id === boardId);
  const closed = new Set(data.statuses.filter((status) => status.closed).map((status) => status.id));
  const open = data.tickets.filter((ticket) => ticket.boardId === boardId && !closed.has(ticket.statusId)).sort((a, b) => b.id - a.id);
  const rows = open.slice(0, MAX_ROWS).map((ticket) => {
    const text = names(data, ticket);
    const href = ticketUrl(codebase, ticket.id);
    return `<tr class="cw-ticket-row" data-ticket-id="${ticket.id}">` +
      `<td><a class="cw-ticket-link" data-cw-nav href="${href}">${ticket.id}</a></td>` +
      `<td class="cw-col-summary"><a data-cw-nav href="${href}">${escapeHtml(ticket.summary)}</a></td>` +
      `<td>${escapeHtml(text.company)}</td><td>${escapeHtml(text.status)}</td><td>${escapeHtml(text.priority)}</td><td>${escapeHtml(text.owner)}</td></tr>`;
  });
  const main = `<main id="cw-main" class="cw-service-board" data-board-id="${boardId}">
  <div class="cw-main-banner"><div class="navigationEntry cw_CwLabel">Service Board</div></div>
  <div class="cw-toolbar"><h1 class="cw-page-title">Service Board: ${escapeHtml(board?.name ?? '')}</h1></div>
  <p class="cw-grid-count">${open.length} open tickets${open.length > MAX_ROWS ? `, newest ${MAX_ROWS} shown` : ''}</p>
  <table class="cw-grid"><thead><tr><th>Ticket #</th><th>Summary</th><th>Company</th><th>Status</th><th>Priority</th><th>Owner</th></tr></thead>
  <tbody>
${rows.join('\n')}
  </tbody></table>
</main>`;
  return page(data, codebase, `Service Board - ${board?.name ?? ''}`, main);
}

export function renderTicketPage(data: SimData, codebase: string, ticket: SimTicket): SimResponse {
  const text = names(data, ticket);
  const field = (label: string, name: string, value: string) => `<dt>${label}</dt><dd class="cw-field-${name}" data-field="${name}">${escapeHtml(value)}</dd>`;
  const main = `<main id="cw-main" class="cw-service-ticket" data-ticket-id="${ticket.id}">
  <div class="cw-main-banner"><div class="navigationEntry cw_CwLabel">Service Ticket #${ticket.id} - ${escapeHtml(ticket.summary)}</div></div>
  <div class="cw-toolbar">
    <a class="cw-btn cw-back" data-cw-nav href="${boardUrl(codebase)}">&larr; Service Board</a>
    <button type="button" class="cw-btn" disabled>Save</button>
    <button type="button" class="cw-btn" disabled>New Time Entry</button>
  </div>
  <h1 class="cw-ticket-title">Service Ticket #<span class="cw-ticket-id">${ticket.id}</span></h1>
  <h2 class="cw-ticket-summary">${escapeHtml(ticket.summary)}</h2>
  <dl class="cw-ticket-fields">
    ${field('Board', 'board', text.board)}
    ${field('Status', 'status', text.status)}
    ${field('Priority', 'priority', text.priority)}
    ${field('Assigned to', 'owner', text.owner)}
    ${field('Company', 'company', text.company)}
    ${field('Contact', 'contact', text.contact)}
    ${field('Type', 'type', text.type)}
    ${field('Subtype', 'subtype', text.subType)}
  </dl>
</main>`;
  return page(data, codebase, `Service Ticket #${ticket.id} - ${ticket.summary}`, main);
}

export function renderMissingTicketPage(data: SimData, codebase: string, recid: string): SimResponse {
  const main = `<main id="cw-main" class="cw-not-found">
  <h1>Record not found</h1>
  <p>The ticket ${escapeHtml(recid)} does not exist or you do not have access to it.</p>
  <p><a data-cw-nav href="${boardUrl(codebase)}">Back to the service board</a></p>
</main>`;
  const response = page(data, codebase, 'Record not found', main);
  return { ...response, status: 404 };
}

/** The sign-in form, which ConnectWise serves at the app's own `ConnectWise.aspx` (CompanyName, UserName, Password). */
export function renderSignInPage(data: SimData): SimResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>ConnectWise PSA</title><style>${STYLE}</style></head>
<body class="cw-login">
<main id="cw-main" class="cw-sign-in">
  <h1>${escapeHtml(data.mspName)} — sign in to ConnectWise PSA</h1>
  <form method="post" class="cw-login-form">
    <label>Company <input name="CompanyName" type="text" autocomplete="organization"></label>
    <label>Username <input name="UserName" type="text" autocomplete="username"></label>
    <label>Password <input name="Password" type="password" autocomplete="current-password"></label>
    <button type="submit" class="cw-btn">Log In</button>
  </form>
</main>
</body>
</html>`;
  const response = htmlResponse(200, html);
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

/** The customer portal at its real path (`services/system_io/customerportal/portal.html?company=`): what clients see. */
export function renderCustomerPortalPage(data: SimData, company: string): SimResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(data.mspName)} Customer Portal</title><style>${STYLE}</style></head>
<body class="cw-portal">
<main id="portal-main" data-company="${escapeHtml(company)}">
  <h1>${escapeHtml(data.mspName)} Customer Portal</h1>
  <p>Log in to see and open your service tickets.</p>
</main>
</body>
</html>`;
  const response = htmlResponse(200, html);
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

/**
 * Minimal pages of HaloPSA at its real paths, for the extension's content script to live in: the agent app's
 * ticket (`/ticket?id=N`), the ticket list with a ticket open beside it (`/tickets?...&id=N`) or none (`/tickets`),
 * the end-user portal (`/portal/`, `/portal/ticket?id=N`) and the agent sign-in page under the auth server's `/auth/`
 * (its exact path is the simulator's: Halo's auth server lives under `/auth`, psa-api.md), where the extension shows no
 * dock. Server-rendered, every ticket text HTML-escaped. The agent app routes inside itself: links in the list keep
 * the list's query and change `id`, and a click changes the URL with history.pushState and then the content, with
 * no page load; full loads of the same URLs work too.
 */
import { escapeHtml } from './connectwise-pages';
import { htmlResponse, type SimResponse } from './dialect';
import type { HaloModel } from './halo-model';
import type { SimData, SimTicket } from './seed';

const MAX_ROWS = 1000;

const AGENT_STYLE = `
  body { margin: 0; font: 13px/1.45 "Segoe UI", Roboto, Arial, sans-serif; color: #263238; background: #f5f7fa; }
  .halo-topbar { display: flex; align-items: center; gap: 18px; height: 48px; padding: 0 16px; background: #0d1b2a; color: #fff; }
  .halo-topbar a { color: #9ecbff; text-decoration: none; }
  .halo-brand { font-weight: 700; }
  .halo-tenant { margin-left: auto; opacity: .75; }
  #halo-app { display: flex; gap: 14px; padding: 14px; }
  .halo-list { flex: 1 1 55%; background: #fff; }
  .halo-ticket { flex: 1 1 45%; background: #fff; padding: 12px; }
  table.halo-table { border-collapse: collapse; width: 100%; }
  .halo-table th, .halo-table td { border-bottom: 1px solid #e3e8ee; padding: 5px 8px; text-align: left; }
  .halo-table tr.halo-selected { background: #e8f1fd; }
  .halo-fields { display: grid; grid-template-columns: 130px 1fr; gap: 4px 10px; }
  .halo-fields dt { color: #607d8b; }
  .halo-fields dd { margin: 0; }
`;
const PORTAL_STYLE = `
  body { margin: 0; font: 15px/1.5 "Segoe UI", Roboto, Arial, sans-serif; color: #222; background: #fff; }
  .portal-header { padding: 18px 24px; background: #2b6cb0; color: #fff; font-size: 18px; }
  #portal-main { max-width: 760px; margin: 24px auto; padding: 0 16px; }
  .portal-status { display: inline-block; padding: 2px 10px; border-radius: 12px; background: #edf2f7; }
`;

function document(title: string, style: string, body: string, status = 200): SimResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
${body}
</html>`;
  const response = htmlResponse(status, html);
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

/** Static: it carries no data, so nothing in it can be injected. In-app navigation of the agent app. */
const NAVIGATION_SCRIPT = `(function () {
  function render(href) {
    return fetch(href, { credentials: 'same-origin' }).then(function (response) { return response.text(); }).then(function (html) {
      var next = new DOMParser().parseFromString(html, 'text/html');
      var incoming = next.getElementById('halo-app');
      var current = document.getElementById('halo-app');
      if (!incoming || !current) { location.assign(href); return; }
      current.replaceWith(document.importNode(incoming, true));
      document.title = next.title;
    });
  }
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('a[data-halo-nav]') : null;
    if (!target || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState({}, '', target.href);
    render(target.href);
  });
  window.addEventListener('popstate', function () { render(location.href); });
})();`;

const agentBody = (data: SimData, main: string) => `<body class="halo-agent-app">
<header class="halo-topbar" id="halo-topbar">
  <span class="halo-brand">HaloPSA</span>
  <a data-halo-nav href="/tickets">Tickets</a>
  <span class="halo-tenant">${escapeHtml(data.mspName)}</span>
</header>
<main id="halo-app">
${main}
</main>
<script>${NAVIGATION_SCRIPT}</script>
</body>`;

function names(data: SimData, model: HaloModel, ticket: SimTicket) {
  const owner = data.members.find((member) => member.id === ticket.ownerId);
  const contact = data.contacts.find((candidate) => candidate.id === ticket.contactId);
  return {
    status: model.statusOf(ticket)?.name ?? '',
    priority: data.priorities.find((priority) => priority.id === ticket.priorityId)?.name ?? '',
    agent: owner ? `${owner.firstName} ${owner.lastName}` : 'Unassigned',
    team: model.teamName(ticket.teamId) ?? '',
    client: data.companies.find((company) => company.id === ticket.companyId)?.name ?? '',
    user: contact ? `${contact.firstName} ${contact.lastName}` : '',
    type: data.ticketTypes.find((type) => type.id === ticket.typeId)?.name ?? 'General',
  };
}

function ticketPanel(data: SimData, model: HaloModel, ticket: SimTicket): string {
  const text = names(data, model, ticket);
  const field = (label: string, name: string, value: string) => `<dt>${label}</dt><dd class="halo-field-${name}" data-field="${name}">${escapeHtml(value)}</dd>`;
  return `<section class="halo-ticket" data-ticket-id="${ticket.id}">
  <h1 class="halo-ticket-title"><span class="halo-ticket-id">${ticket.id}</span> - <span class="halo-ticket-summary">${escapeHtml(ticket.summary)}</span></h1>
  <dl class="halo-fields">
    ${field('Status', 'status', text.status)}
    ${field('Priority', 'priority', text.priority)}
    ${field('Agent', 'agent', text.agent)}
    ${field('Team', 'team', text.team)}
    ${field('Client', 'client', text.client)}
    ${field('User', 'user', text.user)}
    ${field('Ticket Type', 'tickettype', text.type)}
  </dl>
</section>`;
}

export function renderHaloTicketPage(data: SimData, model: HaloModel, ticket: SimTicket): SimResponse {
  return document(`${ticket.id} - ${ticket.summary} - HaloPSA`, AGENT_STYLE, agentBody(data, ticketPanel(data, model, ticket)));
}

/** The list of open tickets, newest first; with a selected ticket shown beside it when the URL names one. */
export function renderHaloTicketList(data: SimData, model: HaloModel, selected: SimTicket | null): SimResponse {
  const open = data.tickets.filter((ticket) => !(model.statusOf(ticket)?.closed ?? false)).sort((a, b) => b.id - a.id);
  const rows = open.slice(0, MAX_ROWS).map((ticket) => {
    const text = names(data, model, ticket);
    const href = `/tickets?area=1&id=${ticket.id}`;
    return `<tr class="halo-ticket-row${ticket.id === selected?.id ? ' halo-selected' : ''}" data-ticket-id="${ticket.id}">` +
      `<td><a class="halo-ticket-link" data-halo-nav href="${href}">${ticket.id}</a></td><td><a data-halo-nav href="/ticket?id=${ticket.id}">${escapeHtml(ticket.summary)}</a></td>` +
      `<td>${escapeHtml(text.client)}</td><td>${escapeHtml(text.status)}</td><td>${escapeHtml(text.agent)}</td></tr>`;
  });
  const list = `<section class="halo-list">
  <p class="halo-list-count">${open.length} open tickets${open.length > MAX_ROWS ? `, newest ${MAX_ROWS} shown` : ''}</p>
  <table class="halo-table"><thead><tr><th>ID</th><th>Summary</th><th>Client</th><th>Status</th><th>Agent</th></tr></thead>
  <tbody>
${rows.join('\n')}
  </tbody></table>
</section>`;
  const title = selected ? `${selected.id} - ${selected.summary} - HaloPSA` : 'Tickets - HaloPSA';
  return document(title, AGENT_STYLE, agentBody(data, selected ? `${list}\n${ticketPanel(data, model, selected)}` : list));
}

/** The end-user portal: what the client sees of their ticket. */
export function renderHaloPortalTicket(data: SimData, model: HaloModel, ticket: SimTicket): SimResponse {
  const text = names(data, model, ticket);
  const body = `<body class="halo-portal">
<header class="portal-header">${escapeHtml(data.mspName)} Support Portal</header>
<main id="portal-main" data-ticket-id="${ticket.id}">
  <h1 class="portal-ticket-summary">${escapeHtml(ticket.summary)}</h1>
  <p>Ticket ${ticket.id} · <span class="portal-status">${escapeHtml(text.status)}</span></p>
  <p>Logged by ${escapeHtml(text.user || text.client)}</p>
</main>
</body>`;
  return document(`${ticket.summary} - Support Portal`, PORTAL_STYLE, body);
}

export function renderHaloMissingTicket(data: SimData, asked: string, portal: boolean): SimResponse {
  const message = `<h1>Ticket not found</h1><p>Ticket ${escapeHtml(asked)} does not exist or you do not have access to it.</p>`;
  if (portal) return document('Not found - Support Portal', PORTAL_STYLE, `<body class="halo-portal"><main id="portal-main">${message}</main></body>`, 404);
  return document('Not found - HaloPSA', AGENT_STYLE, agentBody(data, `<section class="halo-ticket">${message}</section>`), 404);
}

/** The end-user portal's home. */
export function renderHaloPortalHome(data: SimData): SimResponse {
  const body = `<body class="halo-portal">
<header class="portal-header">${escapeHtml(data.mspName)} Support Portal</header>
<main id="portal-main"><h1>How can we help?</h1><p><a href="/portal/">Log a new ticket</a></p></main>
</body>`;
  return document(`${data.mspName} - Support Portal`, PORTAL_STYLE, body);
}

/** The agent sign-in page of the auth server. */
export function renderHaloSignIn(data: SimData): SimResponse {
  const body = `<body class="halo-login">
<main id="portal-main"><h1>Sign in to ${escapeHtml(data.mspName)}</h1>
<form method="post"><label>Email <input name="username" type="email" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Log In</button></form></main>
</body>`;
  return document('Log In - HaloPSA', PORTAL_STYLE, body);
}

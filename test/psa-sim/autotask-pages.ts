/**
 * Minimal pages of Autotask's web app at its real ticket paths, for the extension's content script to live in:
 * the ticket detail (`/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=N&ticketId=N`), which
 * `/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=N` or `&TicketNumber=T...` opens
 * (a redirect here: a public AutoHotkey script shows the "before" and "after" URLs, public-code index file
 * 47551132500), a queue grid (`/Mvc/ServiceDesk/TicketGrid.mvc?queueId=N`: the simulator's own path, the real one
 * is not public) whose ticket numbers open the ticket in a pop-up window by number, as Autotask's grid does, and on
 * the same host the sign-in screen (`/Mvc/Framework/Authentication.mvc/Authenticate`) and the client portal
 * (`/ClientPortal/Login.aspx?ci=N`). Server-rendered, every ticket text HTML-escaped.
 */
import type { AutotaskModel } from './autotask-model';
import { escapeHtml } from './connectwise-pages';
import { htmlResponse, type SimResponse } from './dialect';
import type { SimData, SimTicket } from './seed';

const MAX_ROWS = 1000;

const STYLE = `
  body { margin: 0; font: 12px/1.45 "Segoe UI", Tahoma, Arial, sans-serif; color: #333; background: #eef1f4; }
  .at-navbar { display: flex; align-items: center; gap: 20px; height: 40px; padding: 0 14px; background: #1d2b3a; color: #fff; }
  .at-navbar a { color: #cfe3ff; text-decoration: none; }
  .at-logo { font-weight: 700; letter-spacing: .5px; }
  .at-db { margin-left: auto; opacity: .8; }
  #at-page { padding: 14px; }
  .at-title-bar { display: flex; align-items: baseline; gap: 10px; margin-bottom: 10px; }
  .at-ticket-number { color: #5b6b7c; font-weight: 600; }
  .at-button { padding: 3px 10px; border: 1px solid #9fb0c2; background: #fff; border-radius: 3px; }
  table.at-grid { border-collapse: collapse; width: 100%; background: #fff; }
  .at-grid th { background: #dfe6ee; text-align: left; }
  .at-grid th, .at-grid td { border-bottom: 1px solid #dde3ea; padding: 4px 8px; white-space: nowrap; }
  .at-grid td.at-col-title { white-space: normal; }
  .at-detail { display: grid; grid-template-columns: 300px 1fr; gap: 14px; }
  .at-fields { background: #fff; padding: 10px; }
  .at-fields dt { color: #6b7b8c; font-size: 11px; text-transform: uppercase; margin-top: 8px; }
  .at-fields dd { margin: 0; }
  .at-description { background: #fff; padding: 10px; white-space: pre-wrap; }
`;

function page(data: SimData, title: string, main: string, status = 200): SimResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body class="autotask at-page">
<div class="at-navbar" id="at-navbar">
  <span class="at-logo">Autotask</span>
  <a href="/Mvc/ServiceDesk/TicketGrid.mvc">Service Desk</a>
  <span class="at-db">${escapeHtml(data.mspName)}</span>
</div>
${main}
</body>
</html>`;
  const response = htmlResponse(status, html);
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

function names(data: SimData, model: AutotaskModel, ticket: SimTicket) {
  const owner = data.members.find((member) => member.id === ticket.ownerId);
  const contact = data.contacts.find((candidate) => candidate.id === ticket.contactId);
  const role = ticket.ownerId === null ? undefined : model.roles().find((candidate) => candidate.id === model.defaultRoleId(ticket.ownerId));
  return {
    queue: data.boards.find((board) => board.id === ticket.boardId)?.name ?? '',
    status: data.statuses.find((status) => status.id === ticket.statusId)?.name ?? '',
    priority: data.priorities.find((priority) => priority.id === ticket.priorityId)?.name ?? '',
    resource: owner ? `${owner.firstName} ${owner.lastName}${role ? ` (${role.name})` : ''}` : '',
    company: data.companies.find((company) => company.id === ticket.companyId)?.name ?? '',
    contact: contact ? `${contact.firstName} ${contact.lastName}` : '',
    issueType: data.ticketTypes.find((type) => type.id === ticket.typeId)?.name ?? '',
    subIssueType: data.subTypes.find((subType) => subType.id === ticket.subTypeId)?.name ?? '',
  };
}

export const detailUrl = (id: number) => `/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=${id}&ticketId=${id}`;
const byNumberUrl = (number: string) => `/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=${encodeURIComponent(number)}`;

/** Static: the grid's ticket numbers open their ticket in a pop-up window, as Autotask's grid does. */
const POPUP_SCRIPT = `document.addEventListener('click', function (event) {
  var link = event.target instanceof Element ? event.target.closest('a[data-at-popup]') : null;
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  window.open(link.href, '_blank', 'popup,width=1200,height=820');
});`;

export function renderAutotaskTicketList(data: SimData, model: AutotaskModel, boardId: number): SimResponse {
  const board = data.boards.find((candidate) => candidate.id === boardId);
  const closed = new Set(data.statuses.filter((status) => status.closed).map((status) => status.id));
  const open = data.tickets.filter((ticket) => ticket.boardId === boardId && !closed.has(ticket.statusId)).sort((a, b) => b.id - a.id);
  const rows = open.slice(0, MAX_ROWS).map((ticket) => {
    const text = names(data, model, ticket);
    return `<tr class="at-ticket-row" data-ticket-id="${ticket.id}">` +
      `<td><a class="at-ticket-link" data-at-popup href="${byNumberUrl(model.ticketNumber(ticket))}">${escapeHtml(model.ticketNumber(ticket))}</a></td>` +
      `<td class="at-col-title"><a href="${detailUrl(ticket.id)}">${escapeHtml(ticket.summary)}</a></td>` +
      `<td>${escapeHtml(text.company)}</td><td>${escapeHtml(text.status)}</td><td>${escapeHtml(text.priority)}</td><td>${escapeHtml(text.resource)}</td></tr>`;
  });
  const main = `<div id="at-page" class="at-ticket-grid" data-queue-id="${model.queueOfBoard(boardId) ?? ''}">
  <div class="at-title-bar"><h1 class="at-page-title">Queue: ${escapeHtml(board?.name ?? '')}</h1></div>
  <p class="at-grid-count">${open.length} open tickets${open.length > MAX_ROWS ? `, newest ${MAX_ROWS} shown` : ''}</p>
  <table class="at-grid"><thead><tr><th>Ticket Number</th><th>Title</th><th>Account</th><th>Status</th><th>Priority</th><th>Primary Resource</th></tr></thead>
  <tbody>
${rows.join('\n')}
  </tbody></table>
</div>
<script>${POPUP_SCRIPT}</script>`;
  return page(data, `Queue - ${board?.name ?? ''}`, main);
}

export function renderAutotaskTicketPage(data: SimData, model: AutotaskModel, ticket: SimTicket, description: string): SimResponse {
  const text = names(data, model, ticket);
  const number = model.ticketNumber(ticket);
  const field = (label: string, name: string, value: string) => `<dt>${label}</dt><dd class="at-field-${name}" data-field="${name}">${escapeHtml(value)}</dd>`;
  const main = `<div id="at-page" class="at-ticket-detail" data-ticket-id="${ticket.id}" data-ticket-number="${escapeHtml(number)}">
  <div class="at-title-bar PageHeadingContainer">
    <span class="at-ticket-number IdentificationContainer">${escapeHtml(number)}</span>
    <h1 class="at-ticket-title">${escapeHtml(ticket.summary)}</h1>
  </div>
  <div class="at-toolbar"><button type="button" class="at-button" disabled>Edit</button> <button type="button" class="at-button" disabled>New Time Entry</button></div>
  <div class="at-detail">
    <dl class="at-fields">
      ${field('Account', 'company', text.company)}
      ${field('Contact', 'contact', text.contact)}
      ${field('Status', 'status', text.status)}
      ${field('Priority', 'priority', text.priority)}
      ${field('Queue', 'queue', text.queue)}
      ${field('Primary Resource (Role)', 'resource', text.resource)}
      ${field('Issue Type', 'issuetype', text.issueType)}
      ${field('Sub-Issue Type', 'subissuetype', text.subIssueType)}
    </dl>
    <div class="at-description">${escapeHtml(description)}</div>
  </div>
</div>`;
  return page(data, `Ticket Detail - ${number} - ${ticket.summary}`, main);
}

export function renderAutotaskMissingTicket(data: SimData, asked: string): SimResponse {
  const main = `<div id="at-page" class="at-not-found">
  <h1>Ticket not found</h1>
  <p>The ticket ${escapeHtml(asked)} does not exist, or you do not have permission to view it.</p>
  <p><a href="/Mvc/ServiceDesk/TicketGrid.mvc">Back to the queue</a></p>
</div>`;
  return page(data, 'Ticket not found', main, 404);
}

function standalone(title: string, body: string): SimResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
${body}
</html>`;
  const response = htmlResponse(200, html);
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

/** The sign-in screen on the zone's web host. */
export function renderAutotaskSignIn(data: SimData): SimResponse {
  return standalone('Autotask - Sign In', `<body class="at-login"><div id="at-page">
  <h1>Sign in to Autotask</h1><p>${escapeHtml(data.mspName)}</p>
  <form method="post"><label>Username <input name="UserName" type="text" autocomplete="username"></label>
  <label>Password <input name="Password" type="password" autocomplete="current-password"></label>
  <button type="submit" class="at-button">Sign In</button></form>
</div></body>`);
}

/** The client portal's landing page on the same host: what the MSP's clients see. */
export function renderAutotaskClientPortal(data: SimData): SimResponse {
  return standalone(`${data.mspName} - Client Portal`, `<body class="at-client-portal"><div id="at-page">
  <h1>${escapeHtml(data.mspName)} Client Portal</h1><p>Log in to see your tickets.</p>
</div></body>`);
}

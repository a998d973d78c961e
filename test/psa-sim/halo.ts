/**
 * The HaloPSA dialect: the authorisation server (`POST /auth/token`, `POST /token?tenant=`), the resource server
 * under `/api/` (paths in any case, every call with a bearer token that expires), and the agent app's and the
 * portal's ticket pages. Shapes follow ../../shared psa-api.md, which records how live tenants behave where the
 * OpenAPI document says more or less: page sizes silently capped, list rows without
 * names, omitted fields, sentinel dates, `agent_id: 1` for unassigned, POST-array upserts answered with one object.
 */
import { isLimited } from './access';
import { haloCredentials, HALO_UNASSIGNED_AGENT_ID, type HaloCredentials } from './halo-credentials';
import {
  actionFromTimeEntry, compareInstants, createHaloModel, GENERAL_TICKET_TYPE, parseHaloDate, renderAction, renderHaloTicket, ticketDates,
  type HaloAction, type HaloAgent, type HaloInstant, type HaloModel, type HaloTicketOverlay,
} from './halo-model';
import { renderHaloMissingTicket, renderHaloPortalHome, renderHaloPortalTicket, renderHaloSignIn, renderHaloTicketList, renderHaloTicketPage } from './halo-pages';
import { htmlResponse, jsonResponse, type Dialect, type FaultKind, type RouteMatch, type SimRequest, type SimResponse } from './dialect';
import type { SimData, SimTicket } from './seed';
import { addTimeEntry, applyTicketChange, toWholeSecond, type TicketChange } from './tickets';

export interface HaloSimOptions {
  /** Default `pullboard`. */
  tenant?: string;
  /** The tenant's URL that authinfo advertises (e.g. `https://pullboard.halopsa.com`); default the simulator's own. */
  url?: string;
  /** The page size the tenant silently caps to. Default 100, as the OpenAPI document and live tickets lists say. */
  maxPageSize?: number;
  /** Default 3600. */
  tokenLifetimeSeconds?: number;
  /** GET /api/Agent answers `{results:[...]}` instead of a bare array, as some tenants do. */
  agentsWrapped?: boolean;
  /** How POST /api/Tickets answers: one ticket object (default), an array, or `{tickets:[...]}`; tenants differ. */
  postTicketsAnswer?: 'object' | 'array' | 'wrapped';
}

export interface HaloDialectOptions {
  data: SimData;
  clock: () => number;
  selfUrl: () => string;
  options?: HaloSimOptions;
  /** Applications (`api` for the shared one, a tech's by identifier) without rights to teams or clients. */
  limitedApplications?: readonly string[];
}

export interface HaloDialect extends Dialect {
  readonly tenant: string;
  /** The tenant's URL, e.g. `https://pullboard.halopsa.com` (no trailing slash). */
  readonly url: string;
  /** The authorisation server, `{url}/auth`. */
  readonly authUrl: string;
  /** Makes every token issued so far expired: the next API call with one answers 401. Returns how many there were. */
  expireTokens(): number;
}

const DEFAULT_MAX_PAGE_SIZE = 100;
const DOCUMENTED_MAX_PAGE_SIZE = 100;
const SUMMARY_MAX_LENGTH = 200;
const HOUR = 3_600_000;

// ---------------------------------------------------------------- errors in Halo's shapes

/** 401 as ASP.NET's bearer authentication sends it: no body, the reason in WWW-Authenticate. */
const unauthorized = (description: string): SimResponse => ({
  status: 401,
  headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
  body: '',
});
/** A 400 keyed by the field path, e.g. `{"[0].status_id":"..."}` or `{"page_size":"..."}`. */
class BadRequest extends Error {
  constructor(readonly field: string, message: string, readonly status = 400) { super(message); }
}
const oauthError = (status: number, error: string, description: string): SimResponse => jsonResponse(status, { error, error_description: description });

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

interface Principal { agent: HaloAgent; clientId: string }
interface Token { principal: Principal; expiresAt: number }
interface Ctx { request: SimRequest; now: number; principal: Principal; query: Map<string, string> }
type Handler = (ctx: Ctx, params: number[]) => SimResponse;
interface Route { method: string; template: string; pattern: RegExp; handler: Handler }

const API_PATH = /^\/api(\/.*)?$/i;
const TOKEN_PATH = /^\/(auth\/)?token$/i;
const PAGE_TICKET = /^\/ticket$/i;
const PAGE_TICKETS = /^\/tickets$/i;
const PAGE_PORTAL_TICKET = /^\/portal\/ticket$/i;
const PAGE_PORTAL_HOME = /^\/portal\/?$/i;
const PAGE_SIGN_IN = /^\/auth\/account\/login$/i;

export function createHalo(options: HaloDialectOptions): HaloDialect {
  const { data, clock, selfUrl } = options;
  const settings = options.options ?? {};
  const tenant = settings.tenant ?? 'pullboard';
  const url = () => (settings.url ?? selfUrl()).replace(/\/+$/, '');
  const maxPageSize = Math.max(1, Math.min(DOCUMENTED_MAX_PAGE_SIZE, settings.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE));
  const lifetimeSeconds = settings.tokenLifetimeSeconds ?? 3600;
  const model: HaloModel = createHaloModel(data);

  let cached: { members: number; credentials: HaloCredentials } | null = null;
  const credentials = (): HaloCredentials => {
    if (cached?.members !== data.members.length) cached = { members: data.members.length, credentials: haloCredentials(data, tenant) };
    return cached.credentials;
  };
  const tokens = new Map<string, Token>();
  const refreshTokens = new Map<string, string>();
  let tokenCounter = 0;
  const newToken = (prefix: string): string => {
    tokenCounter++;
    return `${prefix}${Buffer.from(`${tenant}:${tokenCounter}:${Math.random()}:${clock()}`).toString('base64url')}`;
  };

  const overlays = new Map<number, HaloTicketOverlay>();
  const overlay = (ticket: SimTicket): HaloTicketOverlay => overlays.get(ticket.id) ?? {};
  const haloActions: HaloAction[] = [];
  const agentById = (id: number) => model.agents().find((agent) => agent.id === id);

  // -------------------------------------------------------------- the authorisation server

  function issueToken(clientId: string, scope: string): SimResponse {
    const creds = credentials();
    if (clientId === creds.applicationWithoutAgent.clientId) {
      return htmlResponse(500, '<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Server Error</h1><p>An error occurred while processing your request.</p></body></html>');
    }
    const application = [creds.application, ...creds.techs].find((candidate) => candidate.clientId === clientId);
    const agent = application ? agentById(application.agentId) : undefined;
    if (!agent || agent.isDisabled) return oauthError(401, 'invalid_client', 'The client is not allowed to log in.');
    const accessToken = newToken('hat_');
    const refreshToken = newToken('hrt_');
    tokens.set(accessToken, { principal: { agent, clientId }, expiresAt: clock() + lifetimeSeconds * 1000 });
    refreshTokens.set(refreshToken, clientId);
    const idClaims = Buffer.from(JSON.stringify({ sub: String(agent.id), name: agent.name, tenant })).toString('base64url');
    return jsonResponse(200, {
      token_type: 'Bearer',
      expires_in: lifetimeSeconds,
      access_token: accessToken,
      id_token: `eyJhbGciOiJub25lIn0.${idClaims}.`,
      scope,
      refresh_token: refreshToken,
    }, { 'cache-control': 'no-store' });
  }

  function token(request: SimRequest): SimResponse {
    const tenantParam = [...request.url.searchParams].find(([name]) => name.toLowerCase() === 'tenant')?.[1];
    if (tenantParam !== undefined && tenantParam.toLowerCase() !== tenant.toLowerCase()) return oauthError(400, 'invalid_request', `Unknown tenant '${tenantParam}'.`);
    if (!/^\/auth\//i.test(request.url.pathname) && tenantParam === undefined) return oauthError(400, 'invalid_request', 'The tenant parameter is required: POST /token?tenant=NAME.');
    const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Send the token request as a form (application/x-www-form-urlencoded).');
    }
    const form = new URLSearchParams(request.body);
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    const basic = /^basic\s+(\S+)$/i.exec(String(request.headers.authorization ?? '').trim());
    if (basic && !clientId) {
      const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, Math.max(0, colon)));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    const grant = form.get('grant_type');
    const scope = form.get('scope') || 'all';
    if (!grant) return oauthError(400, 'invalid_request', 'grant_type is required.');
    const creds = credentials();
    const clients = [creds.application, ...creds.techs, creds.applicationWithoutAgent];
    if (grant === 'client_credentials') {
      const known = clients.find((candidate) => candidate.clientId === clientId);
      if (!known || known.clientSecret !== clientSecret) return oauthError(401, 'invalid_client', 'The client id or secret is not valid.');
      return issueToken(clientId, scope);
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const owner = refreshTokens.get(refresh);
      if (!owner || (clientId && owner !== clientId)) return oauthError(400, 'invalid_grant', 'The refresh token is not valid.');
      refreshTokens.delete(refresh);
      return issueToken(owner, scope);
    }
    return oauthError(400, 'unsupported_grant_type', `grant_type '${grant}' is not supported: use client_credentials.`);
  }

  function authenticate(request: SimRequest): Principal | SimResponse {
    const match = /^bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? '').trim());
    if (!match) return unauthorized('Send Authorization: Bearer <access_token> from /auth/token.');
    const found = tokens.get(match[1] ?? '');
    if (!found) return unauthorized('The access token is not valid.');
    if (found.expiresAt <= clock()) return unauthorized(`The token expired at ${new Date(found.expiresAt).toISOString()}.`);
    return found.principal;
  }

  // -------------------------------------------------------------- parameters

  const boolParam = (ctx: Ctx, name: string): boolean | undefined => {
    const raw = ctx.query.get(name);
    if (raw === undefined || raw === '') return undefined;
    const lower = raw.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    throw new BadRequest(name, `The value '${raw}' is not valid for ${name}.`);
  };
  const intParam = (ctx: Ctx, name: string): number | undefined => {
    const raw = ctx.query.get(name);
    if (raw === undefined || raw === '') return undefined;
    if (!/^-?\d+$/.test(raw.trim())) throw new BadRequest(name, `The value '${raw}' is not valid for ${name}.`);
    return Number(raw);
  };
  const intListParam = (ctx: Ctx, name: string): number[] | undefined => {
    const raw = ctx.query.get(name);
    if (raw === undefined || raw.trim() === '') return undefined;
    return raw.split(',').map((part) => {
      if (!/^\s*-?\d+\s*$/.test(part)) throw new BadRequest(name, `The value '${raw}' is not valid for ${name}: send ids separated by commas.`);
      return Number(part);
    });
  };

  // -------------------------------------------------------------- tickets: list and detail

  const DATE_SEARCH: Readonly<Record<string, 'dateoccurred' | 'last_update' | 'dateclosed'>> = {
    dateoccured: 'dateoccurred', dateoccurred: 'dateoccurred', datecreated: 'dateoccurred',
    lastupdate: 'last_update', last_update: 'last_update',
    datecleared: 'dateclosed', dateclosed: 'dateclosed',
  };
  type OrderKey = (ticket: SimTicket, dates: () => ReturnType<typeof ticketDates>) => number | string | HaloInstant;
  const ORDER: Readonly<Record<string, OrderKey>> = {
    id: (t) => t.id,
    faultid: (t) => t.id,
    dateoccurred: (_t, dates) => dates().dateoccurred,
    dateoccured: (_t, dates) => dates().dateoccurred,
    datecreated: (_t, dates) => dates().dateoccurred,
    last_update: (_t, dates) => dates().last_update,
    lastupdate: (_t, dates) => dates().last_update,
    status_id: (t) => model.haloStatusId(model.statusOf(t)) ?? 0,
    priority_id: (t) => model.priorityIdOf(t.priorityId) ?? 0,
    summary: (t) => t.summary.toLowerCase(),
    fixbydate: (t) => t.resolveBy,
    respondbydate: (t) => t.respondBy,
  };

  function listTickets(ctx: Ctx): SimResponse {
    const openOnly = boolParam(ctx, 'open_only');
    const closedOnly = boolParam(ctx, 'closed_only');
    const statusId = intParam(ctx, 'status_id');
    const statusList = intListParam(ctx, 'status');
    const agentId = intParam(ctx, 'agent_id');
    const agentList = intListParam(ctx, 'agent');
    const clientId = intParam(ctx, 'client_id');
    const priorityList = intListParam(ctx, 'priority');
    const ticketIds = intListParam(ctx, 'ticketids');
    const search = ctx.query.get('search')?.toLowerCase();
    const teamRaw = ctx.query.get('team');
    const teams = teamRaw === undefined || teamRaw.trim() === '' ? undefined : teamRaw.split(',').map((part) => part.trim().toLowerCase());
    const dateSearchRaw = ctx.query.get('datesearch');
    let dateSearch: (typeof DATE_SEARCH)[string] | undefined;
    let start: HaloInstant | undefined;
    let end: HaloInstant | undefined;
    if (dateSearchRaw !== undefined && dateSearchRaw !== '') {
      dateSearch = DATE_SEARCH[dateSearchRaw.toLowerCase()];
      if (!dateSearch) throw new BadRequest('datesearch', `datesearch '${dateSearchRaw}' is not a date field: use dateoccured, datecleared or lastupdate.`);
      const parse = (name: string) => {
        const raw = ctx.query.get(name);
        if (raw === undefined || raw === '') return undefined;
        const parsed = parseHaloDate(raw);
        if (!parsed) throw new BadRequest(name, `The value '${raw}' is not a valid date for ${name}.`);
        return parsed;
      };
      start = parse('startdate');
      end = parse('enddate');
    }
    const orderRaw = ctx.query.get('order');
    const orderKey = orderRaw === undefined || orderRaw === '' ? undefined : ORDER[orderRaw.toLowerCase()];
    if (orderRaw && !orderKey) throw new BadRequest('order', `Cannot order by '${orderRaw}'.`);
    const orderDesc = boolParam(ctx, 'orderdesc') ?? false;
    const paginate = boolParam(ctx, 'pageinate') ?? false;
    const pageSizeRaw = intParam(ctx, 'page_size');
    const pageNo = intParam(ctx, 'page_no') ?? 1;
    if (pageSizeRaw !== undefined && pageSizeRaw < 1) throw new BadRequest('page_size', 'page_size must be at least 1.');
    if (pageNo < 1) throw new BadRequest('page_no', 'page_no starts at 1.');
    const includeDetails = boolParam(ctx, 'includedetails') ?? false;

    const teamMatches = (ticket: SimTicket) => {
      if (!teams) return true;
      const name = model.teamName(ticket.teamId)?.toLowerCase();
      return teams.some((wanted) => (/^\d+$/.test(wanted) ? Number(wanted) === ticket.teamId : wanted === name));
    };
    const matching = data.tickets.filter((ticket) => {
      const closed = model.statusOf(ticket)?.closed ?? false;
      if (openOnly && closed) return false;
      if (closedOnly && !closed) return false;
      const haloStatus = model.haloStatusId(model.statusOf(ticket));
      if (statusId !== undefined && haloStatus !== statusId) return false;
      if (statusList && !statusList.includes(haloStatus ?? -1)) return false;
      const agent = ticket.ownerId ?? HALO_UNASSIGNED_AGENT_ID;
      if (agentId !== undefined && agent !== agentId) return false;
      if (agentList && !agentList.includes(agent)) return false;
      if (clientId !== undefined && ticket.companyId !== clientId) return false;
      if (priorityList && !priorityList.includes(model.priorityIdOf(ticket.priorityId) ?? -1)) return false;
      if (ticketIds && !ticketIds.includes(ticket.id)) return false;
      if (search && !ticket.summary.toLowerCase().includes(search)) return false;
      if (!teamMatches(ticket)) return false;
      if (dateSearch) {
        const value = ticketDates(model, ticket)[dateSearch];
        if (value === null) return false;
        if (start && compareInstants(value, start) < 0) return false;
        if (end && compareInstants(value, end) > 0) return false;
      }
      return true;
    });
    // Without an order, newest first, as the agent app lists them: a page shifts when tickets are added.
    const key = orderKey ?? ORDER.id as OrderKey;
    const sign = orderKey ? (orderDesc ? -1 : 1) : -1;
    const keyed = matching.map((ticket) => {
      let dates: ReturnType<typeof ticketDates> | undefined;
      return { ticket, value: key(ticket, () => (dates ??= ticketDates(model, ticket))) };
    });
    keyed.sort((a, b) => {
      const x = a.value;
      const y = b.value;
      const order = typeof x === 'object' && typeof y === 'object' ? compareInstants(x, y) : x < y ? -1 : x > y ? 1 : 0;
      return order * sign || (a.ticket.id - b.ticket.id) * sign;
    });
    const sorted = keyed.map((entry) => entry.ticket);
    const render = (ticket: SimTicket) => renderHaloTicket(ticket, { data, model, overlay: overlay(ticket), now: ctx.now, withNames: includeDetails });
    if (!paginate) {
      const countLimit = intParam(ctx, 'count');
      const rows = countLimit === undefined ? sorted : sorted.slice(0, Math.max(0, countLimit));
      return jsonResponse(200, { record_count: rows.length, tickets: rows.map(render) });
    }
    // Live tenants quietly cap the page size; the answer's page_size shows the size used.
    const pageSize = Math.min(pageSizeRaw ?? maxPageSize, maxPageSize);
    const page = sorted.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    // record_count is the number of matching tickets: HaloAPI pages to ceil(record_count / page_size), n8n until it has that many.
    return jsonResponse(200, { page_no: pageNo, page_size: pageSize, record_count: sorted.length, tickets: page.map(render) });
  }

  function getTicket(ctx: Ctx, id: number): SimResponse {
    const ticket = data.ticketsById.get(id);
    if (!ticket) return jsonResponse(404, { message: `Ticket ${id} not found.` });
    return jsonResponse(200, renderHaloTicket(ticket, { data, model, overlay: overlay(ticket), now: ctx.now, withNames: true }));
  }

  // -------------------------------------------------------------- tickets: POST upsert

  /** Reads a property whatever its case, as Halo's JSON binding does. */
  const prop = (item: Record<string, unknown>, name: string): unknown => {
    for (const [key, value] of Object.entries(item)) if (key.toLowerCase() === name) return value;
    return undefined;
  };

  function postTickets(ctx: Ctx): SimResponse {
    let body: unknown;
    try {
      body = JSON.parse(ctx.request.body || 'null');
    } catch {
      throw new BadRequest('$', 'The request body is not valid JSON.');
    }
    if (!Array.isArray(body) || body.length === 0) throw new BadRequest('$', 'The body must be a non-empty array of tickets, e.g. [{"id":123,"status_id":2}].');
    const planned = body.map((item, index) => planTicket(ctx, item, index));
    const saved = planned.map((apply) => apply());
    const render = (ticket: SimTicket) => renderHaloTicket(ticket, { data, model, overlay: overlay(ticket), now: ctx.now, withNames: true });
    const last = saved[saved.length - 1] as SimTicket;
    const shape = settings.postTicketsAnswer ?? 'object';
    if (shape === 'array') return jsonResponse(201, saved.map(render));
    if (shape === 'wrapped') return jsonResponse(201, { tickets: saved.map(render) });
    return jsonResponse(201, render(last));
  }

  /** Checks one item of a POST and answers how to apply it; nothing is applied unless every item is valid. */
  function planTicket(ctx: Ctx, item: unknown, index: number): () => SimTicket {
    const path = (field: string) => `[${index}].${field}`;
    if (!isObject(item)) throw new BadRequest(`[${index}]`, 'Each item must be a ticket object.');
    const int = (field: string): number | null | undefined => {
      const value = prop(item, field);
      if (value === undefined || value === null) return value;
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new BadRequest(path(field), `The JSON value could not be converted to System.Int32. Path: $[${index}].${field}`);
      return value;
    };
    const text = (field: string): string | undefined => {
      const value = prop(item, field);
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') throw new BadRequest(path(field), `The JSON value could not be converted to System.String. Path: $[${index}].${field}`);
      return value;
    };
    const id = int('id');
    const existing = id !== undefined && id !== null && id > 0 ? data.ticketsById.get(id) : undefined;
    if (id !== undefined && id !== null && id > 0 && !existing) throw new BadRequest(path('id'), `Ticket ${id} does not exist.`);

    const summary = text('summary');
    if (summary !== undefined && (summary.trim() === '' || summary.length > SUMMARY_MAX_LENGTH)) {
      throw new BadRequest(path('summary'), `summary must be 1 to ${SUMMARY_MAX_LENGTH} characters.`);
    }
    const details = text('details');
    const clientId = int('client_id');
    const company = clientId === undefined || clientId === null ? undefined : data.companies.find((candidate) => candidate.id === clientId);
    if (clientId !== undefined && clientId !== null && !company) throw new BadRequest(path('client_id'), `Client ${clientId} does not exist.`);
    if (existing && company && company.id !== existing.companyId) throw new BadRequest(path('client_id'), 'The simulator does not move tickets between clients.');
    if (!existing) {
      if (summary === undefined) throw new BadRequest(path('summary'), 'summary is required for a new ticket.');
      if (!company) throw new BadRequest(path('client_id'), 'client_id is required for a new ticket.');
    }
    const companyId = existing?.companyId ?? (company as { id: number }).id;

    const teamId = int('team_id');
    const teamName = text('team');
    let team = teamId !== undefined && teamId !== null ? data.teams.find((candidate) => candidate.id === teamId) : undefined;
    if (teamId !== undefined && teamId !== null && !team) throw new BadRequest(path('team_id'), `Team ${teamId} does not exist.`);
    if (!team && teamName !== undefined) {
      team = data.teams.find((candidate) => candidate.name.toLowerCase() === teamName.toLowerCase());
      if (!team) throw new BadRequest(path('team'), `Team '${teamName}' does not exist.`);
    }
    const boardId = team?.boardId ?? existing?.boardId ?? data.teams[0]?.boardId ?? 1;

    const statusId = int('status_id');
    let status = statusId === undefined || statusId === null ? undefined : model.neutralStatus(boardId, statusId);
    if (statusId !== undefined && statusId !== null && !status) throw new BadRequest(path('status_id'), `Status ${statusId} does not exist.`);
    if (!status && existing && boardId !== existing.boardId) {
      const kind = model.statusOf(existing)?.kind;
      status = data.statuses.find((candidate) => candidate.boardId === boardId && candidate.kind === kind);
    }
    const priorityId = int('priority_id');
    const priority = priorityId === undefined || priorityId === null ? undefined : model.neutralPriority(priorityId);
    if (priorityId !== undefined && priorityId !== null && !priority) throw new BadRequest(path('priority_id'), `Priority ${priorityId} does not exist.`);

    const agentId = int('agent_id');
    let ownerId: number | null | undefined;
    if (agentId !== undefined) {
      if (agentId === null || agentId === 0 || agentId === HALO_UNASSIGNED_AGENT_ID) ownerId = null;
      else {
        const agent = agentById(agentId);
        if (!agent) throw new BadRequest(path('agent_id'), `Agent ${agentId} does not exist.`);
        if (!agent.member || agent.isDisabled) throw new BadRequest(path('agent_id'), `Agent ${agentId} (${agent.name}) cannot be assigned tickets.`);
        ownerId = agent.member.id;
      }
    }
    const typeIdRaw = int('tickettype_id');
    let typeId: number | null | undefined;
    if (typeIdRaw !== undefined && typeIdRaw !== null) {
      if (typeIdRaw === GENERAL_TICKET_TYPE.id) typeId = null;
      else {
        const type = data.ticketTypes.find((candidate) => candidate.id === typeIdRaw);
        if (!type) throw new BadRequest(path('tickettype_id'), `Ticket type ${typeIdRaw} does not exist.`);
        if (type.boardId !== boardId) throw new BadRequest(path('tickettype_id'), `Ticket type ${typeIdRaw} (${type.name}) is not used by this ticket's team (the simulator keeps types per team).`);
        typeId = type.id;
      }
    }
    const userId = int('user_id');
    if (userId !== undefined && userId !== null && !data.contacts.some((contact) => contact.id === userId && contact.companyId === companyId)) {
      throw new BadRequest(path('user_id'), `User ${userId} is not a user of client ${companyId}.`);
    }
    const estimate = prop(item, 'estimate');
    if (estimate !== undefined && estimate !== null && (typeof estimate !== 'number' || estimate < 0)) {
      throw new BadRequest(path('estimate'), `The JSON value could not be converted to System.Double. Path: $[${index}].estimate`);
    }
    const excludeFromSla = prop(item, 'excludefromsla');
    if (excludeFromSla !== undefined && excludeFromSla !== null && typeof excludeFromSla !== 'boolean') {
      throw new BadRequest(path('excludefromsla'), `The JSON value could not be converted to System.Boolean. Path: $[${index}].excludefromsla`);
    }
    const by = ctx.principal.agent.member?.identifier ?? 'halo-api';

    return () => {
      const ticket = existing ?? createTicket(ctx, { summary: summary as string, companyId, boardId, excludeFromSla: excludeFromSla === true }, by);
      const change: TicketChange = {};
      if (existing && summary !== undefined) change.summary = summary;
      if (boardId !== ticket.boardId) change.boardId = boardId;
      if (status) change.statusId = status.id;
      if (priority) change.priorityId = priority.id;
      if (ownerId !== undefined) change.ownerId = ownerId;
      if (typeId !== undefined) change.typeId = typeId;
      if (typeId !== undefined && typeId !== ticket.typeId) change.subTypeId = null;
      else if (boardId !== ticket.boardId && ticket.typeId !== null && typeId === undefined) {
        change.typeId = null;
        change.subTypeId = null;
      }
      if (userId !== undefined) change.contactId = userId;
      applyTicketChange(data, ticket, change, by, ctx.now);
      if (estimate !== undefined) ticket.budgetHours = estimate as number | null;
      if (details !== undefined) overlays.set(ticket.id, { ...overlay(ticket), details });
      return ticket;
    };
  }

  /** A new ticket on the team's board in its default status, with the client's SLA unless excluded from SLA. */
  function createTicket(ctx: Ctx, fields: { summary: string; companyId: number; boardId: number; excludeFromSla: boolean }, by: string): SimTicket {
    const now = toWholeSecond(ctx.now);
    const company = data.companies.find((candidate) => candidate.id === fields.companyId);
    const sla = fields.excludeFromSla ? undefined : data.slas.find((candidate) => candidate.id === company?.slaId);
    const priority = data.priorities.find((candidate) => candidate.isDefault) ?? data.priorities[0];
    const target = sla?.targets.find((candidate) => candidate.priorityId === priority?.id);
    const status = data.statuses.find((candidate) => candidate.boardId === fields.boardId && candidate.isDefault);
    if (!priority || !status) throw new Error('the seed has no default priority or status');
    const ticket: SimTicket = {
      id: data.tickets.reduce((max, candidate) => Math.max(max, candidate.id), 0) + 1,
      summary: fields.summary,
      boardId: fields.boardId,
      statusId: status.id,
      priorityId: priority.id,
      typeId: null,
      subTypeId: null,
      teamId: data.boards.find((board) => board.id === fields.boardId)?.teamId ?? null,
      ownerId: null,
      companyId: fields.companyId,
      contactId: null,
      slaId: sla?.id ?? null,
      source: 'Email',
      severity: 'Medium',
      impact: 'Medium',
      enteredAt: now,
      enteredBy: by,
      updatedAt: now,
      updatedBy: by,
      respondBy: now + (target?.respondHours ?? 4) * HOUR,
      resplanBy: now + (target?.planWithinHours ?? 16) * HOUR,
      resolveBy: now + (target?.resolutionHours ?? 120) * HOUR,
      respondedAt: null,
      resplanAt: null,
      resolvedAt: null,
      closedBy: null,
      requiredDate: null,
      budgetHours: null,
      actualHours: 0,
    };
    data.tickets.push(ticket);
    data.ticketsById.set(ticket.id, ticket);
    data.transitions.push({ ticketId: ticket.id, fromStatusId: null, toStatusId: status.id, at: now, by });
    if (fields.excludeFromSla) overlays.set(ticket.id, { excludeFromSla: true });
    return ticket;
  }

  // -------------------------------------------------------------- actions

  const allActions = (): HaloAction[] => [...data.timeEntries.map(actionFromTimeEntry), ...haloActions];

  function listActions(ctx: Ctx): SimResponse {
    const ticketId = intParam(ctx, 'ticket_id');
    if (ticketId === undefined) throw new BadRequest('ticket_id', 'ticket_id is required.');
    const rows = allActions().filter((action) => action.ticketId === ticketId).sort((a, b) => b.at - a.at || b.id - a.id);
    const limit = intParam(ctx, 'count');
    const shown = limit === undefined ? rows : rows.slice(0, Math.max(0, limit));
    return jsonResponse(200, { record_count: shown.length, actions: shown.map((action) => renderAction(action, model)) });
  }

  function postActions(ctx: Ctx): SimResponse {
    let body: unknown;
    try {
      body = JSON.parse(ctx.request.body || 'null');
    } catch {
      throw new BadRequest('$', 'The request body is not valid JSON.');
    }
    if (!Array.isArray(body) || body.length === 0) throw new BadRequest('$', 'The body must be a non-empty array of actions, e.g. [{"ticket_id":123,"note":"..."}].');
    const planned = body.map((item: unknown, index) => {
      if (!isObject(item)) throw new BadRequest(`[${index}]`, 'Each item must be an action object.');
      const ticketId = prop(item, 'ticket_id');
      // As seen live: an action without a ticket is a server error, not a validation error.
      if (ticketId === undefined || ticketId === null) throw new BadRequest(`[${index}].ticket_id`, 'Object reference not set to an instance of an object.', 500);
      if (typeof ticketId !== 'number' || !data.ticketsById.has(ticketId)) throw new BadRequest(`[${index}].ticket_id`, `Ticket ${String(ticketId)} does not exist.`);
      const outcome = prop(item, 'outcome') ?? 'Note';
      const note = prop(item, 'note') ?? '';
      if (typeof outcome !== 'string' || typeof note !== 'string') throw new BadRequest(`[${index}].note`, 'outcome and note must be text.');
      const timetaken = prop(item, 'timetaken') ?? 0;
      if (typeof timetaken !== 'number' || timetaken < 0 || timetaken > 24) throw new BadRequest(`[${index}].timetaken`, 'timetaken must be a number of hours from 0 to 24.');
      const whoRaw = prop(item, 'who_agentid');
      let agent = ctx.principal.agent;
      if (whoRaw !== undefined && whoRaw !== null) {
        const found = typeof whoRaw === 'number' ? agentById(whoRaw) : undefined;
        if (!found || found.id === HALO_UNASSIGNED_AGENT_ID || found.isDisabled) throw new BadRequest(`[${index}].who_agentid`, `Agent ${String(whoRaw)} cannot record actions.`);
        agent = found;
      }
      return { ticketId, outcome, note, hours: Math.round(timetaken * 100) / 100, agent };
    });
    const by = ctx.principal.agent.member?.identifier ?? 'halo-api';
    const created = planned.map((action): HaloAction => {
      const ticket = data.ticketsById.get(action.ticketId) as SimTicket;
      if (action.hours > 0 && action.agent.member) {
        const end = ctx.now;
        const entry = addTimeEntry(data, {
          ticketId: ticket.id, memberId: action.agent.member.id, start: end - Math.round(action.hours * HOUR), end, hours: action.hours, notes: action.note,
        }, by, ctx.now);
        return { ...actionFromTimeEntry(entry), outcome: action.outcome };
      }
      // A note, or time recorded by an agent that is not a member (the API agent): Halo keeps it, the neutral model does not.
      const halo: HaloAction = {
        id: 1_000_000 + haloActions.length + 1, ticketId: ticket.id, outcome: action.outcome, note: action.note, hours: action.hours, agentId: action.agent.id, at: toWholeSecond(ctx.now),
      };
      haloActions.push(halo);
      if (action.hours > 0) overlays.set(ticket.id, { ...overlay(ticket), extraHours: (overlay(ticket).extraHours ?? 0) + action.hours });
      applyTicketChange(data, ticket, {}, by, ctx.now);
      return halo;
    });
    const returnAll = boolParam(ctx, 'returnall') ?? false;
    const rendered = created.map((action) => renderAction(action, model));
    return jsonResponse(201, returnAll ? rendered : rendered[rendered.length - 1]);
  }

  // -------------------------------------------------------------- routes

  const routes: Route[] = [];
  const add = (method: string, template: string, handler: Handler) => {
    const source = template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '(\\d+)');
    routes.push({ method, template: `/api${template}`, pattern: new RegExp(`^${source}$`, 'i'), handler });
  };
  const agentsList = (ctx: Ctx) => model.agents().filter((agent) => {
    if (agent.id === HALO_UNASSIGNED_AGENT_ID) return boolParam(ctx, 'includeunassigned') ?? false;
    if (agent.isApiAgent) return boolParam(ctx, 'includeapiagents') ?? false;
    if (agent.isDisabled) return boolParam(ctx, 'includedisabled') ?? false;
    return true;
  });
  const clientRow = (company: { id: number; name: string }) => ({ id: company.id, name: company.name, main_site_id: company.id + 1000, main_site_name: 'Main' });

  add('GET', '/Tickets', listTickets);
  add('POST', '/Tickets', postTickets);
  add('GET', '/Tickets/{id}', (ctx, [id]) => getTicket(ctx, id ?? -1));
  add('GET', '/Status', () => jsonResponse(200, model.statuses()));
  add('GET', '/Status/{id}', (_ctx, [id]) => {
    const status = model.statuses().find((row) => row.id === id);
    return status ? jsonResponse(200, status) : jsonResponse(404, { message: `Status ${id} not found.` });
  });
  add('GET', '/Priority', (ctx) => {
    const slaId = intParam(ctx, 'slaid');
    return jsonResponse(200, model.priorities().filter((row) => slaId === undefined || row.slaid === slaId));
  });
  add('GET', '/TicketType', () => jsonResponse(200, model.ticketTypes()));
  add('GET', '/Agent', (ctx) => {
    const rows = agentsList(ctx).map(model.renderAgent);
    return jsonResponse(200, settings.agentsWrapped ? { results: rows } : rows);
  });
  add('GET', '/Agent/me', (ctx) => jsonResponse(200, model.renderAgent(ctx.principal.agent)));
  add('GET', '/Agent/{id}', (_ctx, [id]) => {
    const agent = agentById(id ?? -1);
    return agent ? jsonResponse(200, model.renderAgent(agent)) : jsonResponse(404, { message: `Agent ${id} not found.` });
  });
  add('GET', '/Team', () => jsonResponse(200, data.teams.map(model.renderTeam)));
  add('GET', '/Client', () => jsonResponse(200, { record_count: data.companies.length, clients: data.companies.map(clientRow) }));
  add('GET', '/Client/{id}', (_ctx, [id]) => {
    const company = data.companies.find((candidate) => candidate.id === id);
    return company ? jsonResponse(200, clientRow(company)) : jsonResponse(404, { message: `Client ${id} not found.` });
  });
  add('GET', '/Actions', listActions);
  add('POST', '/Actions', postActions);

  function findRoute(method: string, rest: string): { route: Route; params: number[] } | 'wrongMethod' | null {
    let pathMatched = false;
    for (const candidate of routes) {
      const match = candidate.pattern.exec(rest);
      if (!match) continue;
      pathMatched = true;
      if (candidate.method === method) return { route: candidate, params: match.slice(1).map(Number) };
    }
    return pathMatched ? 'wrongMethod' : null;
  }

  const isAuthInfo = (rest: string) => /^\/authinfo$/i.test(rest);
  /** What a limited application may not read: teams and clients. */
  const RESTRICTED_ROUTE = /^\/api\/(Team|Client)(\/|$)/;
  const applicationName = (principal: Principal): string => {
    const creds = credentials();
    return principal.clientId === creds.application.clientId ? 'api' : (principal.agent.member?.identifier ?? principal.clientId);
  };

  function classify(method: string, requestUrl: URL): (RouteMatch & { rest?: string }) | null {
    const path = requestUrl.pathname;
    if (TOKEN_PATH.test(path)) return { kind: 'api', route: `${method} ${/^\/auth\//i.test(path) ? '/auth/token' : '/token'}`, faultable: false };
    const api = API_PATH.exec(path);
    if (api) {
      const rest = api[1] ?? '/';
      if (isAuthInfo(rest)) return { kind: 'api', route: `${method} /api/authinfo`, faultable: false, rest };
      const found = findRoute(method, rest);
      const name = found && found !== 'wrongMethod' ? `${method} ${found.route.template}` : `${method} /api (unknown route)`;
      return { kind: 'api', route: name, faultable: true, rest };
    }
    if ([PAGE_TICKET, PAGE_TICKETS, PAGE_PORTAL_TICKET, PAGE_PORTAL_HOME, PAGE_SIGN_IN].some((page) => page.test(path))) return { kind: 'page' };
    return null;
  }

  function handleApi(request: SimRequest, rest: string): SimResponse {
    if (isAuthInfo(rest)) {
      if (request.method !== 'GET') return jsonResponse(405, { message: `The requested resource does not support http method '${request.method}'.` });
      return jsonResponse(200, { tenant, tenant_id: tenant, auth_url: `${url()}/auth`, resource_url: `${url()}/api`, token_url: `${url()}/auth/token` });
    }
    const found = findRoute(request.method, rest);
    if (found === null) return jsonResponse(404, { message: `No HTTP resource was found that matches the request URI '${request.url.pathname}'.` });
    if (found === 'wrongMethod') return jsonResponse(405, { message: `The requested resource does not support http method '${request.method}'.` });
    const principal = authenticate(request);
    if (!('agent' in principal)) return principal;
    if (RESTRICTED_ROUTE.test(found.route.template) && isLimited(options.limitedApplications, applicationName(principal))) {
      // 403 as integrations report it for an application whose agent lacks the permission ("/Tickets : 403:Forbidden");
      // the empty body is an assumption.
      return { status: 403, headers: {}, body: '' };
    }
    const query = new Map<string, string>();
    for (const [name, value] of request.url.searchParams) if (!query.has(name.toLowerCase())) query.set(name.toLowerCase(), value);
    try {
      return found.route.handler({ request, now: clock(), principal, query }, found.params);
    } catch (error) {
      if (error instanceof BadRequest) {
        return error.status === 500 ? jsonResponse(500, { message: error.message }) : jsonResponse(error.status, { [error.field]: error.message });
      }
      throw error;
    }
  }

  function handlePage(request: SimRequest): SimResponse {
    const path = request.url.pathname;
    const param = (name: string) => [...request.url.searchParams].find(([key]) => key.toLowerCase() === name)?.[1];
    if (PAGE_PORTAL_HOME.test(path)) return renderHaloPortalHome(data);
    if (PAGE_SIGN_IN.test(path)) return renderHaloSignIn(data);
    const id = param('id');
    const ticket = id !== undefined && /^\d+$/.test(id) ? data.ticketsById.get(Number(id)) : undefined;
    if (PAGE_TICKETS.test(path)) return renderHaloTicketList(data, model, ticket ?? null);
    if (!ticket) return renderHaloMissingTicket(data, id ?? '', PAGE_PORTAL_TICKET.test(path));
    if (PAGE_PORTAL_TICKET.test(path)) return renderHaloPortalTicket(data, model, ticket);
    return renderHaloTicketPage(data, model, ticket);
  }

  return {
    name: 'halo',
    tenant,
    get url() { return url(); },
    get authUrl() { return `${url()}/auth`; },
    expireTokens() {
      const now = clock();
      let count = 0;
      for (const entry of tokens.values()) {
        if (entry.expiresAt > now) count++;
        entry.expiresAt = Math.min(entry.expiresAt, now);
      }
      return count;
    },
    match(method, requestUrl) {
      const found = classify(method, requestUrl);
      if (!found) return null;
      return found.kind === 'page' ? { kind: 'page' } : { kind: 'api', route: found.route, faultable: found.faultable };
    },
    handle(request) {
      const found = classify(request.method, request.url);
      if (!found) return jsonResponse(404, { message: `No resource ${request.url.pathname}.` });
      if (found.kind === 'page') return handlePage(request);
      if (TOKEN_PATH.test(request.url.pathname)) {
        return request.method === 'POST' ? token(request) : oauthError(405, 'invalid_request', 'The token endpoint takes POST.');
      }
      return handleApi(request, found.rest ?? '/');
    },
    faultResponse(kind: FaultKind, retryAfterSeconds: number): SimResponse {
      if (kind === 'rateLimited') {
        return jsonResponse(429, { message: `Too many requests: retry after ${retryAfterSeconds} seconds.` }, { 'retry-after': String(retryAfterSeconds) });
      }
      return jsonResponse(500, { message: 'An error has occurred.' });
    },
    state() {
      const creds = credentials();
      const now = clock();
      return {
        tenant, url: url(), authUrl: `${url()}/auth`, maxPageSize, tokenLifetimeSeconds: lifetimeSeconds,
        applicationClientId: creds.application.clientId, liveTokens: [...tokens.values()].filter((entry) => entry.expiresAt > now).length,
      };
    },
  };
}


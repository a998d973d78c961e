/**
 * HaloPSA REST `/api` behind the `Psa` interface.
 * What it hides: a client-credentials bearer token that expires (refreshed a minute early, and once more
 * after a 401), flat list parameters, `page_no` paging whose page size and `record_count` cannot be trusted,
 * list rows with ids but no names (statuses, priorities per SLA, agents), omitted booleans and placeholder
 * dates, POST-array upserts, and 429 + Retry-After.
 */
import type { z } from 'zod';
import { PsaError, isPsaError, type PsaLabel } from '../errors';
import type { HttpDeps, JsonResponse } from '../http';
import { Discovery, nameNotFound, sendDiscovered, sendJson, type CallOptions, type CallTarget } from '../kit/calls';
import { clampPageSize, SeenIds } from '../kit/paging';
import { findMe } from '../kit/me';
import { MeteredAdapter } from '../kit/metered';
import { describeIssues, describeJson, malformed as malformedFor, numericId, parseRecord, recordId, safeParseRecord } from '../kit/records';
import { SharedLoad, orFallback } from '../kit/shared-load';
import { mapOneTicket, mapTicketPage, normalizeTickets, UNRANKED } from '../kit/tickets';
import { checkTimeEntry, savedTimeEntry } from '../kit/time-entries';
import type { Board, Member, Priority, Status, Ticket, TimeEntry } from '../model';
import { type HaloConnection } from './connection';
import type { NewTimeEntry, Psa, TicketChange, TicketPage, TicketQuery } from '../psa';
import { HALO_PAGE_SIZE, STABLE_ORDER, haloBase, haloFetch, isUnassigned, nextPage, tokenUrl, updatedSinceParams, updatedWindowParams, type PagingState } from './query';
import { HaloAction, HaloAgent, HaloPriority, HaloStatus, HaloTeam, HaloTicket, HaloTicketPage, HaloTicketType, HaloToken } from './schemas';

export const HALO: PsaLabel = { name: 'Halo', credentials: 'client ID and secret (and the authorisation server and tenant, if set)', apiUser: 'API application', permissions: "the API application's permissions and its agent's role (Configuration › Integrations › HaloPSA API)" };

/** Halo's default Closed status. */
export const DEFAULT_CLOSED_STATUS = 9;
/** Refresh the token this long before Halo says it expires. */
const TOKEN_MARGIN_MS = 60_000;
/** Past this many pages something is wrong (a tenant that ignores `page_no` and never ends). */
const MAX_PAGES = 10_000;

export const APPLICATION_NOT_AN_AGENT =
  "Choose who you are in Pullboard's options: these Halo credentials belong to an API application, not an agent.";
export const NO_AGENT_TO_LOG_IN_AS =
  "Halo could not log in: the API application has no agent to log in as. In Halo, open Configuration › Integrations › HaloPSA API › the application, choose the agent it logs in as, then try again.";

export interface HaloOptions extends CallOptions {
  /** Rows a page, at most 100 (the default). Smaller in tests, to exercise paging. */
  pageSize?: number;
}

/** A call below `/api`, e.g. `/Tickets`; `record` names it in a "not found", e.g. `ticket 123`. */
interface ApiCall extends CallTarget {
  query?: Record<string, string>;
  body?: unknown;
  idempotent?: boolean;
}

interface Token {
  value: string;
  refreshAt: number;
}

interface PriorityOrder {
  rank: number;
  /** Name and colour by SLA (rows differ per SLA), with the first SLA's as the fallback. */
  bySla: ReadonlyMap<number, { name: string; colour: string | null }>;
  fallback: { name: string; colour: string | null };
}

interface Lookups {
  statuses: ReadonlyMap<number, HaloStatus>;
  closedStatuses: ReadonlySet<number>;
  priorities: ReadonlyMap<number, PriorityOrder>;
  agents: ReadonlyMap<number, HaloAgent>;
}

export class HaloPsa extends MeteredAdapter implements Psa {
  readonly kind = 'halo' as const;
  private readonly base: string;
  private readonly tokenEndpoint: string;
  private readonly pageSize: number;
  /** The bearer token, used until a minute before it expires; concurrent callers share one request. */
  private readonly token = new Discovery(() => this.requestToken(), { expired: (token) => this.deps.now() >= token.refreshAt });
  private readonly statuses = new SharedLoad(() => this.readList('/Status', 'statuses', HaloStatus, 'a status'));
  private readonly priorities = new SharedLoad(() => this.readList('/Priority', 'priorities', HaloPriority, 'a priority'));
  private readonly agents = new SharedLoad(() => this.readList('/Agent', 'agents', HaloAgent, 'an agent'));
  /** Team ids by name, for rows that carry only the team's name; none when the teams cannot be read. */
  private readonly teams = new SharedLoad(
    orFallback(
      async () => new Map((await this.listBoards()).map((board) => [board.name.toLowerCase(), Number(board.id)])),
      () => true,
      () => new Map<string, number>(),
    ),
  );
  /** Ticket type names; without permission to read them, tickets load without a type name. */
  private readonly ticketTypes = new SharedLoad(
    orFallback(() => this.readTicketTypes(), (error) => isPsaError(error) && (error.kind === 'forbidden' || error.kind === 'notFound'), () => new Map<number, string>()),
  );
  private readonly me = new SharedLoad(() => this.findMe());
  /** The longest page this tenant has served: its real page size, learned (a live tenant may cap 100 at 50). */
  private longestPage = 0;

  constructor(
    private readonly connection: HaloConnection,
    deps: HttpDeps,
    private readonly options: HaloOptions = {},
  ) {
    super(deps, haloFetch);
    try {
      this.base = haloBase(new URL(connection.url).href);
      this.tokenEndpoint = tokenUrl(this.base, connection.authUrl, connection.tenant);
    } catch (cause) {
      throw new PsaError({
        kind: 'config',
        psa: HALO,
        userMessage: `'${connection.url}' or its authorisation server is not a web address. Enter Halo's address (e.g. https://acme.halopsa.com) in Pullboard's options.`,
        cause,
      });
    }
    this.pageSize = clampPageSize(options.pageSize, HALO_PAGE_SIZE);
  }

  async whoAmI(): Promise<Member> {
    return toMember(await this.me.get());
  }

  async listBoards(): Promise<Board[]> {
    let json: unknown;
    try {
      ({ json } = await this.call({ method: 'GET', path: '/Team', area: 'teams' }));
    } catch (error) {
      // An application that may not read teams still sees their names and ids on its tickets.
      if (!(isPsaError(error) && (error.kind === 'forbidden' || error.kind === 'notFound'))) throw error;
      const named = await this.teamsOnTickets().catch(() => []);
      if (named.length === 0) throw error;
      return named;
    }
    return listOf(json, 'teams')
      .map((row) => parseRecord(HALO, HaloTeam, row, 'a team'))
      .filter((team) => !team.inactive)
      .map((team) => ({ id: String(team.id), name: team.name }));
  }

  /** The teams named on one page of open tickets: the boards an application without rights to teams can show. */
  private async teamsOnTickets(): Promise<Board[]> {
    const { json } = await this.call({ method: 'GET', path: '/Tickets', area: 'tickets', query: { pageinate: 'true', page_size: String(this.pageSize), page_no: '1', open_only: 'true' } });
    const boards = new Map<string, string>();
    for (const row of listOf(json, 'tickets')) {
      const team = row as { team_id?: unknown; team?: unknown };
      if (typeof team.team_id === 'number' && team.team_id > 0 && typeof team.team === 'string' && team.team.trim()) boards.set(String(team.team_id), team.team.trim());
    }
    return [...boards].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Halo's statuses are global: the same list whatever the team. */
  async listStatuses(boardId: string): Promise<Status[]> {
    numericId(HALO, boardId, 'team');
    const statuses = await this.statuses.get();
    const closed = this.closedStatuses(statuses);
    return [...statuses]
      .sort((a, b) => (a.sequence ?? UNRANKED) - (b.sequence ?? UNRANKED) || a.id - b.id)
      .map((status, index) => ({
        id: String(status.id),
        name: status.name,
        order: status.sequence ?? index + 1,
        closed: closed.has(status.id),
        inactive: false,
        boardId: null,
      }));
  }

  async listPriorities(): Promise<Priority[]> {
    const order = priorityOrder(await this.priorities.get());
    return [...order.entries()]
      .map(([id, priority]) => ({ id: String(id), name: priority.fallback.name, rank: priority.rank, colour: priority.fallback.colour }))
      .sort((a, b) => a.rank - b.rank);
  }

  /** Agents who can be "me" or an assignee: not the built-in Unassigned agent, not an application's agent. */
  async listMembers(): Promise<Member[]> {
    return (await this.agents.get()).filter((agent) => !isUnassigned(agent.id) && !agent.isapiagent).map(toMember);
  }

  async *listTickets(query: TicketQuery): AsyncGenerator<TicketPage> {
    const team = numericId(HALO, query.boardId, 'team');
    const base = { pageinate: 'true', page_size: String(this.pageSize), team: String(team), ...STABLE_ORDER };
    const since = (iso: string | undefined) => (iso === undefined ? {} : updatedSinceParams(iso));
    const passes: Record<string, string>[] = [];
    if (query.closedOnly) {
      passes.push({ ...base, closed_only: 'true', ...updatedWindowParams(query.updatedSince, query.updatedBefore) });
    } else if (!query.openOnly) {
      passes.push({ ...base, ...since(query.updatedSince) });
    } else {
      passes.push({ ...base, open_only: 'true', ...since(query.updatedSince) });
      // Flat parameters cannot say "open, or closed and changed since": a second pass reads the closed ones.
      if (query.closedSince !== undefined) {
        const from = [query.closedSince, query.updatedSince].filter((d): d is string => d !== undefined).sort((a, b) => Date.parse(b) - Date.parse(a))[0]!;
        passes.push({ ...base, closed_only: 'true', ...since(from) });
      }
    }
    const seen = new SeenIds();
    for (const params of passes) {
      for await (const rows of this.ticketPages(params, seen)) yield await mapTicketPage(HaloTicket, rows, (parsed) => this.mapParsed(parsed));
    }
  }

  async listOpenTicketIds(boardId: string): Promise<string[]> {
    const team = numericId(HALO, boardId, 'team');
    const params = { pageinate: 'true', page_size: String(this.pageSize), team: String(team), open_only: 'true', ...STABLE_ORDER };
    const seen = new SeenIds();
    for await (const rows of this.ticketPages(params, seen)) {
      for (const row of rows) parseRecord(HALO, HaloTicket.pick({ id: true }), row, 'a ticket id');
    }
    return seen.ids();
  }

  /** Counted by paging: Halo's `record_count` is not reliable enough to show. */
  async countOpenTickets(boardId: string): Promise<number> {
    return (await this.listOpenTicketIds(boardId)).length;
  }

  async getTicket(id: string): Promise<Ticket> {
    const ticketId = numericId(HALO, id, 'ticket');
    const record = `ticket ${ticketId}`;
    const { json } = await this.call({ method: 'GET', path: `/Tickets/${ticketId}`, record });
    // Some tenants answer an unknown id with an empty ticket rather than a 404.
    if (recordId(json) !== String(ticketId)) throw new PsaError({ kind: 'notFound', psa: HALO, detail: record });
    return this.mapOne(json, ticketId);
  }

  /** `POST /api/Tickets [{id, status_id, agent_id}]`: an upsert by id. The answer is mapped, or the ticket read when it is thin. */
  async updateTicket(id: string, change: TicketChange): Promise<Ticket> {
    const ticketId = numericId(HALO, id, 'ticket');
    const row: Record<string, number> = { id: ticketId };
    if (change.statusId !== undefined) row.status_id = numericId(HALO, change.statusId, 'status');
    if (change.assigneeId !== undefined) row.agent_id = change.assigneeId === null ? 0 : numericId(HALO, change.assigneeId, 'agent');
    if (Object.keys(row).length === 1) return this.getTicket(id);
    const { json } = await this.call({
      method: 'POST',
      path: '/Tickets',
      body: [row],
      // Setting fields of an existing id to given values: sending it twice leaves the same ticket.
      idempotent: true,
      record: `ticket ${ticketId}`,
    });
    const answered = answeredRecord(json, 'tickets', ticketId);
    if (answered !== undefined && safeParseRecord(HaloTicket, answered).success) {
      try {
        return await this.mapOne(answered, ticketId);
      } catch {
        // Mapped badly: the detail read below says what is wrong, if anything.
      }
    }
    return this.getTicket(id);
  }

  async addTimeEntry(entry: NewTimeEntry): Promise<TimeEntry> {
    const sent = checkTimeEntry(HALO, entry, 'agent');
    const action = {
      ticket_id: sent.ticketId,
      outcome: 'Time entry',
      note: sent.notes,
      timetaken: sent.hours,
      who_agentid: sent.memberId,
      actionarrivaldate: sent.start.toISOString(),
      actioncompletiondate: sent.end.toISOString(),
    };
    // POST: never retried here (a retry could log the time twice); the outbox checks first.
    const { json } = await this.call({ method: 'POST', path: '/Actions', body: [action], record: `ticket ${sent.ticketId}` });
    const saved = parseRecord(HALO, HaloAction, answeredRecord(json, 'actions') ?? json, 'the saved time entry');
    return savedTimeEntry(saved.id, sent, { ticketId: saved.ticket_id, hours: saved.timetaken, notes: saved.note });
  }

  // ——— token ———

  /** `POST {auth}/token`, form-encoded client credentials, scope `all`. */
  private async requestToken(): Promise<Token> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.connection.clientId,
      client_secret: this.connection.clientSecret,
      scope: 'all',
    }).toString();
    // What kind of page answered: a 500 HTML page is Halo's way of saying the application has no agent.
    let contentType = '';
    const deps: HttpDeps = {
      ...this.deps,
      fetch: async (input, init) => {
        const response = await this.deps.fetch(input, init);
        contentType = response.headers.get('content-type') ?? '';
        return response;
      },
    };
    const request = `POST ${this.tokenEndpoint.replace(/\?.*$/, '')}`;
    let json: unknown;
    try {
      ({ json } = await sendJson(HALO, deps, this.options, {
        url: this.tokenEndpoint,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
        // A refused login is not worth three more tries; the poller tries again later.
        idempotent: false,
      }));
    } catch (error) {
      if (!isPsaError(error)) throw error;
      const status = error.status !== undefined ? { status: error.status } : {};
      if (error.status === 500 && /html/i.test(contentType)) {
        throw new PsaError({ kind: 'config', psa: HALO, ...status, detail: 'the API application has no agent to log in as', userMessage: NO_AGENT_TO_LOG_IN_AS, request, cause: error });
      }
      if (error.kind === 'auth' || error.kind === 'badRequest' || error.kind === 'forbidden') {
        throw new PsaError({
          kind: 'auth',
          psa: HALO,
          ...status,
          userMessage: `Halo refused the client ID and secret${error.status ? ` (${error.status})` : ''}. Check them, and the authorisation server and tenant if you set them, in Pullboard's options.`,
          request,
          cause: error,
        });
      }
      if (error.kind === 'notFound' || error.kind === 'malformed') {
        throw new PsaError({
          kind: 'config',
          psa: HALO,
          ...status,
          userMessage: `Pullboard found no Halo login at ${this.tokenEndpoint.replace(/\?.*$/, '')}. Check Halo's address and the authorisation server in Pullboard's options.`,
          request,
          cause: error,
        });
      }
      throw error;
    }
    const token = safeParseRecord(HaloToken, json);
    if (!token.success) {
      throw new PsaError({ kind: 'malformed', psa: HALO, detail: `the login answered without a token (${describeIssues(token.error).problem})`, request });
    }
    const lifetime = (token.data.expires_in ?? 3600) * 1000;
    return { value: token.data.access_token, refreshAt: this.deps.now() + Math.max(lifetime - TOKEN_MARGIN_MS, lifetime / 2) };
  }

  // ——— requests ———

  /** Sends a call with the token; after a 401 it gets a fresh token and sends once more. */
  private call(call: ApiCall): Promise<JsonResponse> {
    return sendDiscovered(
      this.token,
      (token) => this.send(token.value, call),
      (error) => error.kind === 'auth',
      (error, freshToken) => {
        if (!freshToken || !isPsaError(error) || error.kind !== 'auth') return nameNotFound(HALO, error, call);
        // A fresh token refused: not the login, but what the application's agent may do.
        return new PsaError({
          kind: 'forbidden',
          psa: HALO,
          ...(error.status !== undefined && { status: error.status }),
          userMessage: `Halo refused ${call.method} ${call.path} even with a fresh login (${error.status ?? 401}). Ask your Halo administrator to let the API application's agent do this (its permissions and its agent's role).`,
          request: `${call.method} ${call.path}`,
          cause: error,
        });
      },
    );
  }

  private send(token: string, call: ApiCall): Promise<JsonResponse> {
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    return sendJson(HALO, this.deps, this.options, {
      url: `${this.base}/api${call.path}${query}`,
      method: call.method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      body: call.body,
      ...(call.idempotent !== undefined && { idempotent: call.idempotent }),
    });
  }

  /** Unread rows of ticket list pages, page by page, until `nextPage` says the list ended. */
  private async *ticketPages(params: Record<string, string>, seen: SeenIds): AsyncGenerator<unknown[]> {
    // What earlier lists taught about the tenant's page size: a small change costs one request, not two.
    let state: PagingState = { largest: this.longestPage };
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { json } = await this.call({ method: 'GET', path: '/Tickets', query: { ...params, page_no: String(page) } });
      const rows = ticketRows(json);
      const fresh = seen.fresh(rows);
      if (page === 1 || fresh.length > 0) yield fresh;
      this.longestPage = Math.max(this.longestPage, rows.length);
      const step = nextPage(state, rows.length, fresh.length);
      if (!step.more) return;
      state = step.state;
    }
    throw malformed(`/Tickets went on for more than ${MAX_PAGES} pages`);
  }

  // ——— reference data ———

  /** A bare array, or `{results}` on some tenants. */
  private async readList<S extends z.ZodType>(path: string, area: string, schema: S, what: string): Promise<z.output<S>[]> {
    const { json } = await this.call({ method: 'GET', path, area });
    return listOf(json, path).map((row) => parseRecord(HALO, schema, row, what));
  }

  private async readTicketTypes(): Promise<Map<number, string>> {
    const { json } = await this.call({ method: 'GET', path: '/TicketType', area: 'ticket types' });
    const types = new Map<number, string>();
    for (const row of listOf(json, 'ticket types')) {
      const type = safeParseRecord(HaloTicketType, row);
      if (type.success) types.set(type.data.id, type.data.name);
    }
    return types;
  }

  /** Closed: the statuses the user mapped; by default Halo's Closed (id 9) and any status named Closed. */
  private closedStatuses(statuses: readonly HaloStatus[]): Set<number> {
    const mapped = this.connection.closedStatusIds;
    if (mapped && mapped.length > 0) return new Set(mapped.map(Number).filter(Number.isInteger));
    return new Set([DEFAULT_CLOSED_STATUS, ...statuses.filter((status) => /^closed$/i.test(status.name.trim())).map((status) => status.id)]);
  }

  // ——— who "me" is ———

  /** The tech, never the application (see `findMe`): the token's own agent (`/Agent/me`) counts when it is a real agent. */
  private findMe(): Promise<HaloAgent> {
    const { meAgentId, meEmail } = this.connection;
    return findMe({
      psa: HALO,
      member: 'agent',
      technician: 'agent',
      chosenId: meAgentId,
      email: meEmail,
      members: () => this.agents.get(),
      idOf: (agent) => agent.id,
      emailOf: (agent) => agent.email,
      isTechnician: (agent) => !agent.isapiagent && !agent.isdisabled,
      own: async () => {
        const { json } = await this.call({ method: 'GET', path: '/Agent/me', area: 'agents' });
        const own = parseRecord(HALO, HaloAgent, json, 'your agent record');
        const agents = await this.agents.get();
        // An application logs in as an agent flagged isapiagent, which the agent list leaves out.
        const isApplication = own.isapiagent === true || isUnassigned(own.id) || !agents.some((agent) => agent.id === own.id);
        return isApplication ? null : own;
      },
      notATechnician: APPLICATION_NOT_AN_AGENT,
      cannotHoldTickets: async (agent) => (agent.isapiagent ? 'is an API agent' : agent.isdisabled ? 'is disabled' : null),
      nameOf: (agent) => agent.name ?? `agent ${agent.id}`,
    });
  }

  // ——— mapping ———

  private mapOne(json: unknown, ticketId: number): Promise<Ticket> {
    return mapOneTicket(HALO, HaloTicket, json, ticketId, (parsed) => this.mapParsed(parsed));
  }

  private async mapParsed(parsed: readonly HaloTicket[]): Promise<TicketPage> {
    const needTeams = parsed.some((h) => h.team_id == null && h.team);
    const needTypes = parsed.some((h) => h.tickettype_id != null);
    const [statuses, priorities, agents, teams, types] = await Promise.all([
      this.statuses.get(),
      this.priorities.get(),
      this.agents.get(),
      needTeams ? this.teams.get() : Promise.resolve(new Map<string, number>()),
      needTypes ? this.ticketTypes.get() : Promise.resolve(new Map<number, string>()),
    ]);
    const lookups: Lookups = {
      statuses: new Map(statuses.map((status) => [status.id, status])),
      closedStatuses: this.closedStatuses(statuses),
      priorities: priorityOrder(priorities),
      agents: new Map(agents.map((agent) => [agent.id, agent])),
    };
    return normalizeTickets(parsed, (halo) => this.toTicket(halo, lookups, teams, types));
  }

  private toTicket(h: HaloTicket, lookups: Lookups, teams: ReadonlyMap<string, number>, types: ReadonlyMap<number, string>): Ticket {
    const teamId = h.team_id ?? (h.team ? teams.get(h.team.trim().toLowerCase()) : undefined);
    const board = teamId != null ? { id: String(teamId), name: h.team?.trim() || `Team ${teamId}` } : null;
    const order = h.priority_id != null ? lookups.priorities.get(h.priority_id) : undefined;
    const shown = order ? ((h.sla_id != null ? order.bySla.get(h.sla_id) : undefined) ?? order.fallback) : undefined;
    const agent = isUnassigned(h.agent_id) ? null : lookups.agents.get(h.agent_id!);
    const typeName = h.tickettype_id != null ? types.get(h.tickettype_id) : undefined;
    const closed = h.hasbeenclosed === true || lookups.closedStatuses.has(h.status_id);
    return {
      id: String(h.id),
      number: `#${h.id}`,
      title: h.summary,
      status: { id: String(h.status_id), name: lookups.statuses.get(h.status_id)?.name ?? `Status ${h.status_id}` },
      closed,
      board,
      priority:
        h.priority_id == null
          ? null
          : { id: String(h.priority_id), name: shown?.name ?? `Priority ${h.priority_id}`, rank: order?.rank ?? UNRANKED, colour: shown?.colour ?? null },
      assignee: isUnassigned(h.agent_id) ? null : { id: String(h.agent_id), name: agent?.name ?? `Agent ${h.agent_id}` },
      team: board,
      company: h.client_id != null ? { id: String(h.client_id), name: h.client_name?.trim() || `Client ${h.client_id}` } : null,
      contact: h.user_id != null && h.user_name?.trim() ? { id: String(h.user_id), name: h.user_name.trim() } : null,
      type: h.tickettype_id != null && typeName ? { id: String(h.tickettype_id), name: typeName } : null,
      subtype: null,
      // Date logged (what Halo shows and SLAs start from); the creation stamp when it is missing.
      created: h.dateoccurred ?? h.datecreated ?? '',
      updated: h.last_update,
      sla: {
        respondBy: h.respondbydate,
        resolveBy: h.fixbydate,
        respondedAt: h.responsedate,
        resolvedAt: closed ? h.dateclosed : null,
        // Resolution state once closed; before that only a late response says anything (the SLA is missed).
        met: h.slastate === 'I' ? true : h.slastate === 'O' || h.slaresponsestate === 'O' ? false : null,
        dueBy: h.deadlinedate,
      },
      estimateHours: h.estimate ?? null,
      actualHours: h.timetaken ?? null,
      url: `${this.base}/ticket?id=${h.id}`,
    };
  }
}

// ——— helpers ———

/**
 * Priorities per `priorityid` (rows repeat per SLA): rank by `priorityid` ascending (lower is more urgent,
 * Halo's convention; it has no rank field), name and colour per SLA.
 */
function priorityOrder(rows: readonly HaloPriority[]): Map<number, PriorityOrder> {
  const ids = [...new Set(rows.map((row) => row.priorityid))].sort((a, b) => a - b);
  const order = new Map<number, PriorityOrder>();
  ids.forEach((id, index) => {
    const forId = rows.filter((row) => row.priorityid === id).sort((a, b) => (a.slaid ?? 0) - (b.slaid ?? 0));
    const visible = forId.find((row) => !row.ishidden) ?? forId[0]!;
    const shown = (row: HaloPriority) => ({ name: row.name, colour: row.colour?.trim() || null });
    order.set(id, {
      rank: index + 1,
      bySla: new Map(forId.filter((row) => row.slaid != null).map((row) => [row.slaid!, shown(row)])),
      fallback: shown(visible),
    });
  });
  return order;
}

/** A list endpoint's rows: a bare array, or `{results}` (or another single array key) on some tenants. */
function listOf(json: unknown, what: string): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null) {
    const record = json as Record<string, unknown>;
    if (Array.isArray(record.results)) return record.results;
    const arrays = Object.values(record).filter(Array.isArray);
    if (arrays.length === 1) return arrays[0] as unknown[];
  }
  throw malformed(`${what} answered ${describeJson(json)} instead of a list`);
}

function ticketRows(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  const page = safeParseRecord(HaloTicketPage, json);
  if (!page.success) throw malformed(`/Tickets answered ${describeJson(json)} without a list of tickets`);
  return page.data.tickets;
}

/**
 * The record a POST answered: one object (Halo's usual 201), an array (the last item, or the one with the
 * id), or `{tickets:[...]}` / `{actions:[...]}` on some tenants.
 */
function answeredRecord(json: unknown, key: string, id?: number): unknown {
  let candidates: unknown[];
  if (Array.isArray(json)) candidates = json;
  else if (typeof json === 'object' && json !== null && Array.isArray((json as Record<string, unknown>)[key])) {
    candidates = (json as Record<string, unknown[]>)[key]!;
  } else return json ?? undefined;
  if (id !== undefined) {
    const match = candidates.find((candidate) => recordId(candidate) === String(id));
    if (match !== undefined) return match;
  }
  return candidates.at(-1);
}

function toMember(agent: HaloAgent): Member {
  return {
    id: String(agent.id),
    identifier: agent.name,
    name: agent.name,
    email: agent.email?.trim() || null,
    inactive: agent.isdisabled === true,
  };
}

const malformed = (detail: string): PsaError => malformedFor(HALO, detail);

/**
 * HaloPSA REST `/api` behind the `Psa` interface.
 * What it hides: a client-credentials bearer token that expires (refreshed a minute early, and once more
 * after a 401), flat list parameters, `page_no` paging whose page size and `record_count` cannot be trusted,
 * list rows with ids but no names (statuses, priorities per SLA, agents), omitted booleans and placeholder
 * dates, POST-array upserts, and 429 + Retry-After.
 */
import { PsaError, isPsaError, type PsaLabel } from '../errors';
import { SharedLoad } from '../shared-load';
import { requestJson, type HttpDeps, type HttpMethod, type JsonResponse, type RetryPolicy } from '../http';
import { Ticket, type Board, type HaloConnection, type Member, type Priority, type Status, type TimeEntry } from '../model';
import type { NewTimeEntry, Psa, RejectedRecord, TicketChange, TicketPage, TicketQuery } from '../psa';
import { RequestMeter, type RequestRate } from '../request-meter';
import { describeIssues, describeJson, numericId, parseRecord, recordId, safeParseRecord } from '../records';
import { HALO_PAGE_SIZE, STABLE_ORDER, haloBase, haloFetch, isUnassigned, nextPage, tokenUrl, updatedSinceParams, updatedWindowParams, type PagingState } from './query';
import {
  HaloAction,
  HaloAgent,
  HaloPriority,
  HaloStatus,
  HaloTeam,
  HaloTicket,
  HaloTicketPage,
  HaloTicketType,
  HaloToken,
} from './schemas';
import type { z } from 'zod';

export const HALO: PsaLabel = { name: 'Halo', credentials: 'client ID and secret (and the authorisation server and tenant, if set)' };

/** Halo's default Closed status. */
export const DEFAULT_CLOSED_STATUS = 9;
/** Refresh the token this long before Halo says it expires. */
const TOKEN_MARGIN_MS = 60_000;
/** Past this many pages something is wrong (a tenant that ignores `page_no` and never ends). */
const MAX_PAGES = 10_000;
const UNRANKED = 999;

export const APPLICATION_NOT_AN_AGENT =
  "Choose who you are in Pullboard's options: these Halo credentials belong to an API application, not an agent.";
export const NO_AGENT_TO_LOG_IN_AS =
  "Halo could not log in: the API application has no agent to log in as. In Halo, open Configuration › Integrations › HaloPSA API › the application, choose the agent it logs in as, then try again.";

export interface HaloOptions {
  /** Rows a page, at most 100 (the default). Smaller in tests, to exercise paging. */
  pageSize?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

interface ApiCall {
  method: HttpMethod;
  /** Below `/api`, e.g. `/Tickets`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotent?: boolean;
  /** Names the record in a "not found" message, e.g. `ticket 123`. */
  record?: string;
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

export class HaloPsa implements Psa {
  readonly kind = 'halo' as const;
  private readonly deps: HttpDeps;
  private readonly meter: RequestMeter;
  private readonly base: string;
  private readonly tokenEndpoint: string;
  private readonly pageSize: number;
  private token: Token | undefined;
  private tokenRequest: Promise<Token> | undefined;
  private statuses: Promise<HaloStatus[]> | undefined;
  private priorities: Promise<HaloPriority[]> | undefined;
  private agents: Promise<HaloAgent[]> | undefined;
  private teams: Promise<Map<string, number>> | undefined;
  private ticketTypes: Promise<Map<number, string>> | undefined;
  private readonly me = new SharedLoad(() => this.findMe());
  /** The longest page this tenant has served: its real page size, learned (a live tenant may cap 100 at 50). */
  private longestPage = 0;

  constructor(
    private readonly connection: HaloConnection,
    deps: HttpDeps,
    private readonly options: HaloOptions = {},
  ) {
    this.meter = new RequestMeter(deps.now);
    this.deps = this.meter.wrap({ ...deps, fetch: haloFetch(deps.fetch) });
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
    this.pageSize = Math.min(HALO_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? HALO_PAGE_SIZE)));
  }

  requestRate(): RequestRate {
    return this.meter.rate();
  }

  latencyMs(): number | null {
    return this.meter.latencyMs();
  }

  async whoAmI(): Promise<Member> {
    return toMember(await this.meAgent());
  }

  async listBoards(): Promise<Board[]> {
    const { json } = await this.call({ method: 'GET', path: '/Team' });
    return listOf(json, 'teams')
      .map((row) => parseRecord(HALO, HaloTeam, row, 'a team'))
      .filter((team) => !team.inactive)
      .map((team) => ({ id: String(team.id), name: team.name }));
  }

  /** Halo's statuses are global: the same list whatever the team. */
  async listStatuses(boardId: string): Promise<Status[]> {
    numericId(HALO, boardId, 'team');
    const statuses = await this.loadedStatuses();
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
    const order = priorityOrder(await this.loadedPriorities());
    return [...order.entries()]
      .map(([id, priority]) => ({ id: String(id), name: priority.fallback.name, rank: priority.rank, colour: priority.fallback.colour }))
      .sort((a, b) => a.rank - b.rank);
  }

  /** Agents who can be "me" or an assignee: not the built-in Unassigned agent, not an application's agent. */
  async listMembers(): Promise<Member[]> {
    return (await this.loadedAgents()).filter((agent) => !isUnassigned(agent.id) && !agent.isapiagent).map(toMember);
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
    const seen = new Set<string>();
    for (const params of passes) {
      for await (const rows of this.ticketPages(params, seen)) yield await this.mapTickets(rows);
    }
  }

  async listOpenTicketIds(boardId: string): Promise<string[]> {
    const team = numericId(HALO, boardId, 'team');
    const params = { pageinate: 'true', page_size: String(this.pageSize), team: String(team), open_only: 'true', ...STABLE_ORDER };
    const seen = new Set<string>();
    for await (const rows of this.ticketPages(params, seen)) {
      for (const row of rows) parseRecord(HALO, HaloTicket.pick({ id: true }), row, 'a ticket id');
    }
    return [...seen];
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
    const ticketId = numericId(HALO, entry.ticketId, 'ticket');
    const agentId = numericId(HALO, entry.memberId, 'agent');
    const start = new Date(Date.parse(entry.start));
    const end = new Date(Date.parse(entry.end));
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      throw new PsaError({ kind: 'config', psa: HALO, detail: `the time entry's start or end is not a date` });
    }
    const action = {
      ticket_id: ticketId,
      outcome: 'Time entry',
      note: entry.notes,
      timetaken: entry.hours,
      who_agentid: agentId,
      actionarrivaldate: start.toISOString(),
      actioncompletiondate: end.toISOString(),
    };
    // POST: never retried here (a retry could log the time twice); the outbox checks first.
    const { json } = await this.call({ method: 'POST', path: '/Actions', body: [action], record: `ticket ${ticketId}` });
    const saved = parseRecord(HALO, HaloAction, answeredRecord(json, 'actions') ?? json, 'the saved time entry');
    return {
      id: String(saved.id),
      ticketId: String(saved.ticket_id ?? ticketId),
      memberId: String(agentId),
      start: start.toISOString(),
      end: end.toISOString(),
      hours: saved.timetaken ?? entry.hours,
      notes: saved.note ?? entry.notes,
    };
  }

  // ——— token ———

  /** The bearer token, from cache until a minute before it expires; concurrent callers share one request. */
  private async bearer(): Promise<string> {
    if (this.token && this.deps.now() < this.token.refreshAt) return this.token.value;
    if (!this.tokenRequest) {
      const request = this.requestToken()
        .then((token) => {
          this.token = token;
          return token;
        })
        .finally(() => {
          if (this.tokenRequest === request) this.tokenRequest = undefined;
        });
      this.tokenRequest = request;
    }
    return (await this.tokenRequest).value;
  }

  private forgetToken(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

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
      ({ json } = await requestJson(
        {
          url: this.tokenEndpoint,
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body,
          // A refused login is not worth three more tries; the poller tries again later.
          idempotent: false,
          ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
          psa: HALO,
        },
        deps,
      ));
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
  private async call(call: ApiCall): Promise<JsonResponse> {
    const token = await this.bearer();
    try {
      return await this.send(token, call);
    } catch (error) {
      if (!isPsaError(error) || error.kind !== 'auth') throw this.explain(error, call);
      this.forgetToken(token);
      const fresh = await this.bearer();
      try {
        return await this.send(fresh, call);
      } catch (retryError) {
        if (isPsaError(retryError) && retryError.kind === 'auth') {
          // A fresh token refused: not the login, but what the application's agent may do.
          throw new PsaError({
            kind: 'forbidden',
            psa: HALO,
            ...(retryError.status !== undefined && { status: retryError.status }),
            userMessage: `Halo refused ${call.method} ${call.path} even with a fresh login (${retryError.status ?? 401}). Ask your Halo administrator to let the API application's agent do this (its permissions and its agent's role).`,
            request: `${call.method} ${call.path}`,
            cause: retryError,
          });
        }
        throw this.explain(retryError, call);
      }
    }
  }

  private send(token: string, call: ApiCall): Promise<JsonResponse> {
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    return requestJson(
      {
        url: `${this.base}/api${call.path}${query}`,
        method: call.method,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        body: call.body,
        ...(call.idempotent !== undefined && { idempotent: call.idempotent }),
        ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
        ...(this.options.retry !== undefined && { retry: this.options.retry }),
        psa: HALO,
      },
      this.deps,
    );
  }

  private explain(error: unknown, call: ApiCall): unknown {
    if (!isPsaError(error) || error.kind !== 'notFound' || !call.record) return error;
    return new PsaError({
      kind: 'notFound',
      psa: HALO,
      detail: call.record,
      ...(error.status !== undefined && { status: error.status }),
      request: `${call.method} ${call.path}`,
      cause: error,
    });
  }

  /** Unread rows of ticket list pages, page by page, until `nextPage` says the list ended. */
  private async *ticketPages(params: Record<string, string>, seen: Set<string>): AsyncGenerator<unknown[]> {
    // What earlier lists taught about the tenant's page size: a small change costs one request, not two.
    let state: PagingState = { largest: this.longestPage };
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { json } = await this.call({ method: 'GET', path: '/Tickets', query: { ...params, page_no: String(page) } });
      const rows = ticketRows(json);
      const fresh = rows.filter((row) => {
        const id = recordId(row);
        if (id === null) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (page === 1 || fresh.length > 0) yield fresh;
      this.longestPage = Math.max(this.longestPage, rows.length);
      const step = nextPage(state, rows.length, fresh.length);
      if (!step.more) return;
      state = step.state;
    }
    throw malformed(`/Tickets went on for more than ${MAX_PAGES} pages`);
  }

  // ——— reference data ———

  private loadedStatuses(): Promise<HaloStatus[]> {
    this.statuses ??= this.readList('/Status', HaloStatus, 'a status', () => (this.statuses = undefined));
    return this.statuses;
  }

  private loadedPriorities(): Promise<HaloPriority[]> {
    this.priorities ??= this.readList('/Priority', HaloPriority, 'a priority', () => (this.priorities = undefined));
    return this.priorities;
  }

  private loadedAgents(): Promise<HaloAgent[]> {
    this.agents ??= this.readList('/Agent', HaloAgent, 'an agent', () => (this.agents = undefined));
    return this.agents;
  }

  /** A bare array, or `{results}` on some tenants; read once, forgotten on failure so the next call tries again. */
  private readList<S extends z.ZodType>(path: string, schema: S, what: string, forget: () => void): Promise<z.output<S>[]> {
    const reading = this.call({ method: 'GET', path }).then(({ json }) => listOf(json, path).map((row) => parseRecord(HALO, schema, row, what)));
    reading.catch(forget);
    return reading;
  }

  /** Team ids by name, for rows that carry only the team's name. */
  private loadedTeams(): Promise<Map<string, number>> {
    this.teams ??= this.listBoards().then(
      (boards) => new Map(boards.map((board) => [board.name.toLowerCase(), Number(board.id)])),
      () => new Map<string, number>(),
    );
    return this.teams;
  }

  /** Ticket type names; without permission to read them, tickets load without a type name. */
  private loadedTicketTypes(): Promise<Map<number, string>> {
    this.ticketTypes ??= this.call({ method: 'GET', path: '/TicketType' }).then(
      ({ json }) => {
        const types = new Map<number, string>();
        for (const row of listOf(json, 'ticket types')) {
          const type = safeParseRecord(HaloTicketType, row);
          if (type.success) types.set(type.data.id, type.data.name);
        }
        return types;
      },
      (error: unknown) => {
        if (isPsaError(error) && (error.kind === 'forbidden' || error.kind === 'notFound')) return new Map<number, string>();
        this.ticketTypes = undefined;
        throw error;
      },
    );
    return this.ticketTypes;
  }

  /** Closed: the statuses the user mapped; by default Halo's Closed (id 9) and any status named Closed. */
  private closedStatuses(statuses: readonly HaloStatus[]): Set<number> {
    const mapped = this.connection.closedStatusIds;
    if (mapped && mapped.length > 0) return new Set(mapped.map(Number).filter(Number.isInteger));
    return new Set([DEFAULT_CLOSED_STATUS, ...statuses.filter((status) => /^closed$/i.test(status.name.trim())).map((status) => status.id)]);
  }

  // ——— who "me" is ———

  private meAgent(): Promise<HaloAgent> {
    return this.me.get();
  }

  /**
   * The tech, never the application: the agent chosen in options; else the token's own agent (`/Agent/me`)
   * when it is a real agent; else the agent with the e-mail given in options; else the user must choose.
   */
  private async findMe(): Promise<HaloAgent> {
    const { meAgentId, meEmail } = this.connection;
    if (meAgentId) {
      const id = numericId(HALO, meAgentId, 'agent');
      const chosen = (await this.loadedAgents()).find((agent) => agent.id === id);
      if (chosen) return chosen;
      throw new PsaError({
        kind: 'config',
        psa: HALO,
        detail: `agent ${id} does not exist`,
        userMessage: `Halo has no agent ${id} any more. Choose who you are again in Pullboard's options.`,
      });
    }
    const { json } = await this.call({ method: 'GET', path: '/Agent/me' });
    const own = parseRecord(HALO, HaloAgent, json, 'your agent record');
    const agents = await this.loadedAgents();
    // An application logs in as an agent flagged isapiagent, which the agent list leaves out.
    const isApplication = own.isapiagent === true || isUnassigned(own.id) || !agents.some((agent) => agent.id === own.id);
    if (!isApplication) return own;
    if (meEmail) {
      const wanted = meEmail.trim().toLowerCase();
      const match = agents.find((agent) => agent.email?.trim().toLowerCase() === wanted && !agent.isapiagent && !agent.isdisabled);
      if (match) return match;
      throw new PsaError({
        kind: 'config',
        psa: HALO,
        detail: `no active agent has the e-mail ${meEmail}`,
        userMessage: `No active Halo agent has the e-mail ${meEmail}. Check it, or choose who you are from the list in Pullboard's options.`,
      });
    }
    throw new PsaError({ kind: 'config', psa: HALO, detail: 'the credentials belong to an API application', userMessage: APPLICATION_NOT_AN_AGENT });
  }

  // ——— mapping ———

  private async mapOne(json: unknown, ticketId: number): Promise<Ticket> {
    const parsed = parseRecord(HALO, HaloTicket, json, 'ticket');
    const { tickets, rejected } = await this.mapParsed([parsed]);
    const ticket = tickets[0];
    if (ticket) return ticket;
    throw malformed(`ticket ${ticketId}: ${rejected[0]?.problem ?? 'unreadable'}`);
  }

  private async mapTickets(rows: readonly unknown[]): Promise<TicketPage> {
    const rejected: RejectedRecord[] = [];
    const parsed: HaloTicket[] = [];
    for (const row of rows) {
      const result = safeParseRecord(HaloTicket, row);
      if (result.success) parsed.push(result.data);
      else rejected.push({ id: recordId(row), problem: describeIssues(result.error).problem });
    }
    const page = await this.mapParsed(parsed);
    return { tickets: page.tickets, rejected: [...rejected, ...page.rejected] };
  }

  private async mapParsed(parsed: readonly HaloTicket[]): Promise<TicketPage> {
    // An idle poll's empty page needs no lookups: it must cost its one request only.
    if (parsed.length === 0) return { tickets: [], rejected: [] };
    const needTeams = parsed.some((h) => h.team_id == null && h.team);
    const needTypes = parsed.some((h) => h.tickettype_id != null);
    const [statuses, priorities, agents, teams, types] = await Promise.all([
      this.loadedStatuses(),
      this.loadedPriorities(),
      this.loadedAgents(),
      needTeams ? this.loadedTeams() : Promise.resolve(new Map<string, number>()),
      needTypes ? this.loadedTicketTypes() : Promise.resolve(new Map<number, string>()),
    ]);
    const lookups: Lookups = {
      statuses: new Map(statuses.map((status) => [status.id, status])),
      closedStatuses: this.closedStatuses(statuses),
      priorities: priorityOrder(priorities),
      agents: new Map(agents.map((agent) => [agent.id, agent])),
    };
    const tickets: Ticket[] = [];
    const rejected: RejectedRecord[] = [];
    for (const halo of parsed) {
      const mapped = Ticket.safeParse(this.toTicket(halo, lookups, teams, types), { reportInput: true });
      if (mapped.success) tickets.push(mapped.data);
      else rejected.push({ id: String(halo.id), problem: describeIssues(mapped.error).problem });
    }
    return { tickets, rejected };
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

function malformed(detail: string, field?: string): PsaError {
  return new PsaError({ kind: 'malformed', psa: HALO, detail, ...(field ? { field } : {}) });
}

/**
 * ConnectWise PSA (Manage) REST `apis/3.0` behind the `Psa` interface.
 * What it hides: codebase discovery (and rediscovery after an upgrade moves it), Basic auth + clientId,
 * condition strings, forward-only paging by `Link`, `{id,name}` references, priority `sort`/`sortOrder`,
 * SLA targets from the SLA definition, JSON Patch writes.
 */
import { z } from 'zod';
import { PsaError, isPsaError, type PsaLabel } from '../errors';
import { SharedLoad } from '../shared-load';
import { requestJson, type HttpDeps, type HttpMethod, type JsonResponse, type RetryPolicy } from '../http';
import {
  Ticket,
  type Board,
  type ConnectWiseConnection,
  type Member,
  type Priority,
  type Status,
  type TimeEntry,
} from '../model';
import type { NewTimeEntry, Psa, RejectedRecord, TicketChange, TicketPage, TicketQuery, TimeEntryQuery } from '../psa';
import { conditions, connectWiseApiOrigin, connectWiseDate, nextLink, queryString, type AnyOf, type Condition } from './query';
import {
  BOARD_FIELDS,
  CwBoard,
  CwCompanyInfo,
  CwCount,
  CwMember,
  CwPriority,
  CwSlaPriority,
  CwStatus,
  CwTicket,
  CwTicketId,
  CwTimeEntry,
  MEMBER_FIELDS,
  PRIORITY_FIELDS,
  SLA_PRIORITY_FIELDS,
  STATUS_FIELDS,
  TICKET_FIELDS,
  describeIssues,
  safeParseRecord,
} from './schemas';

export { connectWiseApiOrigin } from './query';

export const CONNECTWISE: PsaLabel = {
  name: 'ConnectWise',
  credentials: 'company ID, public and private keys and client ID',
};

/** The newest response version the fields used here are documented for. */
const ACCEPT = 'application/vnd.connectwise.com+json; version=2021.1';
/** ConnectWise's largest page. */
export const MAX_PAGE_SIZE = 1000;
/** Rank for a priority ConnectWise gives no order for: after every ranked one. */
const UNRANKED = 999;

export interface ConnectWiseOptions {
  /** Records a page, at most 1000 (the default). Smaller in tests, to exercise paging. */
  pageSize?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /**
   * A codebase discovered earlier (e.g. before the service worker was stopped): used until a 404 says
   * it moved, which saves a discovery request on every restart.
   */
  codebase?: string;
  /** Told every codebase discovery finds, so the caller can keep it for the next adapter. */
  onCodebase?: (codebase: string) => void;
}

interface ApiCall {
  method: HttpMethod;
  /** Below `apis/3.0`, e.g. `/service/tickets`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  idempotent?: boolean;
  /** Names the record in a "not found" message, e.g. `ticket #123`. */
  record?: string;
}

/** A priority's place in ConnectWise's list. */
interface PriorityOrder {
  rank: number;
  colour: string | null;
}

/** Hours to respond and to resolve, by priority id, for one SLA. */
type SlaTargets = ReadonlyMap<number, { respondHours: number | null; resolutionHours: number | null }>;

export class ConnectWisePsa implements Psa {
  readonly countIsCheap = true;
  readonly kind = 'connectwise' as const;
  private readonly siteOrigin: string;
  private readonly apiOrigin: string;
  private readonly authHeaders: Record<string, string>;
  private readonly pageSize: number;
  private readonly codebase: SharedLoad<string>;
  private priorityOrder: Promise<ReadonlyMap<number, PriorityOrder>> | undefined;
  private readonly slaTargets = new Map<number, SlaTargets>();

  constructor(
    private readonly connection: ConnectWiseConnection,
    private readonly deps: HttpDeps,
    private readonly options: ConnectWiseOptions = {},
  ) {
    try {
      this.siteOrigin = new URL(connection.siteUrl).origin;
      this.apiOrigin = connectWiseApiOrigin(connection.siteUrl);
    } catch (cause) {
      throw new PsaError({
        kind: 'config',
        psa: CONNECTWISE,
        userMessage: `'${connection.siteUrl}' is not a web address. Enter ConnectWise's site URL (e.g. https://na.myconnectwise.net) in Pullboard's options.`,
        cause,
      });
    }
    this.authHeaders = {
      Authorization: basicAuth(`${connection.companyId}+${connection.publicKey}`, connection.privateKey),
      clientId: connection.clientId,
      Accept: ACCEPT,
    };
    this.pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)));
    this.codebase = new SharedLoad(async () => {
      const codebase = await this.readCodebase();
      this.options.onCodebase?.(codebase);
      return codebase;
    }, options.codebase);
  }

  async whoAmI(): Promise<Member> {
    const { json } = await this.call({ method: 'GET', path: '/system/myMembers' });
    // Documented as one member; some versions answer a list of one.
    const record = Array.isArray(json) && json.length === 1 ? json[0] : json;
    return toMember(parseOrThrow(CwMember, record, 'your member record'));
  }

  async listBoards(): Promise<Board[]> {
    const boards: Board[] = [];
    const query = { conditions: conditions([['inactiveFlag', '=', false]]), fields: BOARD_FIELDS, orderBy: 'name asc' };
    for await (const records of this.pages('/service/boards', query)) {
      for (const record of records) {
        const board = parseOrThrow(CwBoard, record, 'a service board');
        if (!board.inactiveFlag) boards.push({ id: String(board.id), name: board.name });
      }
    }
    return boards;
  }

  async listStatuses(boardId: string): Promise<Status[]> {
    const board = connectWiseId(boardId, 'board');
    const statuses: Status[] = [];
    const query = { fields: STATUS_FIELDS, orderBy: 'sortOrder asc' };
    for await (const records of this.pages(`/service/boards/${board}/statuses`, query, `board ${board}`)) {
      for (const record of records) {
        const status = parseOrThrow(CwStatus, record, `a status of board ${board}`);
        statuses.push({
          id: String(status.id),
          name: status.name,
          order: status.sortOrder ?? 0,
          closed: status.closedStatus ?? false,
          inactive: status.inactive ?? false,
          boardId: String(board),
        });
      }
    }
    return statuses;
  }

  async listPriorities(): Promise<Priority[]> {
    const rows: z.output<typeof CwPriority>[] = [];
    for await (const records of this.pages('/service/priorities', { fields: PRIORITY_FIELDS, orderBy: 'sortOrder asc' })) {
      for (const record of records) rows.push(parseOrThrow(CwPriority, record, 'a priority'));
    }
    // Lower sortOrder is more urgent; rank is the 1-based position, so gaps in sortOrder do not matter.
    rows.sort((a, b) => (a.sortOrder ?? UNRANKED) - (b.sortOrder ?? UNRANKED) || a.id - b.id);
    const priorities = rows.map((row, index) => ({
      id: String(row.id),
      name: row.name,
      rank: index + 1,
      colour: row.color?.trim() || null,
    }));
    this.priorityOrder = Promise.resolve(new Map(priorities.map((p) => [Number(p.id), { rank: p.rank, colour: p.colour }])));
    return priorities;
  }

  async listMembers(): Promise<Member[]> {
    const members: Member[] = [];
    for await (const records of this.pages('/system/members', { fields: MEMBER_FIELDS, orderBy: 'id asc' })) {
      for (const record of records) members.push(toMember(parseOrThrow(CwMember, record, 'a member')));
    }
    return members;
  }

  async *listTickets(query: TicketQuery): AsyncGenerator<TicketPage> {
    const clauses: (Condition | AnyOf)[] = [['board/id', '=', connectWiseId(query.boardId, 'board')]];
    if (query.openOnly) {
      clauses.push(
        query.closedSince === undefined
          ? ['closedFlag', '=', false]
          : { anyOf: [['closedFlag', '=', false], ['lastUpdated', '>=', cursorDate(query.closedSince)]] },
      );
    }
    // "At or after": the cursor is rounded down to whole seconds, so a repeat is possible, a miss is not.
    if (query.updatedSince !== undefined) clauses.push(['lastUpdated', '>=', cursorDate(query.updatedSince)]);
    if (query.closedOnly) clauses.push(['closedFlag', '=', true]);
    if (query.updatedBefore !== undefined) clauses.push(['lastUpdated', '<', cursorDate(query.updatedBefore)]);
    const params = { conditions: conditions(clauses), orderBy: 'id asc', fields: TICKET_FIELDS };
    for await (const records of this.pages('/service/tickets', params, undefined, true)) {
      yield await this.mapTickets(records);
    }
  }

  async listOpenTicketIds(boardId: string): Promise<string[]> {
    const params = {
      conditions: conditions([['board/id', '=', connectWiseId(boardId, 'board')], ['closedFlag', '=', false]]),
      orderBy: 'id asc',
      fields: 'id',
    };
    const ids: string[] = [];
    for await (const records of this.pages('/service/tickets', params, undefined, true)) {
      for (const record of records) ids.push(String(parseOrThrow(CwTicketId, record, 'a ticket id').id));
    }
    return ids;
  }

  async countOpenTickets(boardId: string): Promise<number> {
    const query = { conditions: conditions([['board/id', '=', connectWiseId(boardId, 'board')], ['closedFlag', '=', false]]) };
    const { json } = await this.call({ method: 'GET', path: '/service/tickets/count', query });
    return parseOrThrow(CwCount, json, 'the ticket count').count;
  }

  async getTicket(id: string): Promise<Ticket> {
    const ticketId = connectWiseId(id, 'ticket');
    const { json } = await this.call({
      method: 'GET',
      path: `/service/tickets/${ticketId}`,
      query: { fields: TICKET_FIELDS },
      record: `ticket #${ticketId}`,
    });
    return this.mapOneTicket(json, ticketId);
  }

  async updateTicket(id: string, change: TicketChange): Promise<Ticket> {
    const ticketId = connectWiseId(id, 'ticket');
    const patch: Array<{ op: 'replace' | 'remove'; path: string; value?: { id: number } }> = [];
    if (change.statusId !== undefined) {
      patch.push({ op: 'replace', path: 'status', value: { id: connectWiseId(change.statusId, 'status') } });
    }
    if (change.assigneeId === null) {
      patch.push({ op: 'remove', path: 'owner' });
    } else if (change.assigneeId !== undefined) {
      patch.push({ op: 'replace', path: 'owner', value: { id: connectWiseId(change.assigneeId, 'member') } });
    }
    if (patch.length === 0) return this.getTicket(id);
    const { json } = await this.call({
      method: 'PATCH',
      path: `/service/tickets/${ticketId}`,
      body: patch,
      // Setting fields to given values: sending it twice leaves the same ticket.
      idempotent: true,
      record: `ticket #${ticketId}`,
    });
    return this.mapOneTicket(json, ticketId);
  }

  async findTimeEntries(query: TimeEntryQuery): Promise<TimeEntry[]> {
    const start = new Date(Date.parse(query.start));
    const filter = conditions([
      ['chargeToId', '=', connectWiseId(query.ticketId, 'ticket')],
      ['member/id', '=', connectWiseId(query.memberId, 'member')],
      ['timeStart', '=', new Date(Math.floor(start.getTime() / 1000) * 1000)],
    ]);
    const found: TimeEntry[] = [];
    for await (const records of this.pages('/time/entries', { conditions: filter })) {
      for (const record of records) {
        const saved = parseOrThrow(CwTimeEntry, record, 'a time entry');
        found.push(toTimeEntry(saved, null));
      }
    }
    return found;
  }

  async addTimeEntry(entry: NewTimeEntry): Promise<TimeEntry> {
    const body = {
      chargeToId: connectWiseId(entry.ticketId, 'ticket'),
      chargeToType: 'ServiceTicket',
      member: { id: connectWiseId(entry.memberId, 'member') },
      timeStart: connectWiseDate(entry.start),
      timeEnd: connectWiseDate(entry.end),
      actualHours: entry.hours,
      notes: entry.notes,
    };
    // POST: never retried here (a retry could log the time twice); the outbox checks first.
    const { json } = await this.call({ method: 'POST', path: '/time/entries', body, record: `ticket #${body.chargeToId}` });
    return toTimeEntry(parseOrThrow(CwTimeEntry, json, 'the saved time entry'), entry);
  }

  // ——— requests ———

  /** Sends a call to the API; after a 404 it re-reads the codebase once and, if it moved, sends again. */
  private async call(call: ApiCall): Promise<JsonResponse> {
    const codebase = await this.currentCodebase();
    try {
      return await this.send(codebase, call);
    } catch (error) {
      if (!isPsaError(error) || error.kind !== 'notFound') throw error;
      const fresh = await this.rediscover(codebase);
      if (fresh === codebase) throw notFound(error, call);
      try {
        return await this.send(fresh, call);
      } catch (retryError) {
        throw isPsaError(retryError) && retryError.kind === 'notFound' ? notFound(retryError, call) : retryError;
      }
    }
  }

  private send(codebase: string, call: ApiCall): Promise<JsonResponse> {
    const query = call.query ? `?${queryString(call.query)}` : '';
    return requestJson(
      {
        url: `${this.apiOrigin}/${codebase}apis/3.0${call.path}${query}`,
        method: call.method,
        headers: { ...this.authHeaders, ...call.headers },
        body: call.body,
        ...(call.idempotent !== undefined && { idempotent: call.idempotent }),
        ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
        ...(this.options.retry !== undefined && { retry: this.options.retry }),
        psa: CONNECTWISE,
      },
      this.deps,
    );
  }

  /**
   * Pages of raw records, following `Link: <…>; rel="next"` until a short page or no next link.
   * Only the next link's query is used, on our own API origin: credentials never follow a link elsewhere
   * (a ConnectWise behind a proxy may write its internal host name into `Link`).
   */
  private async *pages(
    path: string,
    params: Record<string, string>,
    record?: string,
    forwardOnly = false,
  ): AsyncGenerator<unknown[]> {
    let query: Record<string, string> = { ...params, pageSize: String(this.pageSize), ...(!forwardOnly && { page: '1' }) };
    const headers = forwardOnly ? { 'pagination-type': 'forward-only' } : undefined;
    for (;;) {
      const response = await this.call({ method: 'GET', path, query, ...(headers && { headers }), ...(record && { record }) });
      const records = response.json;
      if (!Array.isArray(records)) throw malformed(`${path} answered ${describeJson(records)} instead of a list`);
      yield records;
      if (records.length < this.pageSize) return;
      const next = nextLink(response.headers.get('Link'));
      if (next === null) return;
      const nextQuery = { ...query, ...Object.fromEntries(new URL(next, this.apiOrigin).searchParams) };
      if (queryString(nextQuery) === queryString(query)) throw malformed(`${path}: the next-page link points at the same page`);
      query = nextQuery;
    }
  }

  private currentCodebase(): Promise<string> {
    return this.codebase.get();
  }

  private async rediscover(stale: string): Promise<string> {
    const current = await this.currentCodebase();
    // Another call already re-read it after the same move.
    if (current !== stale) return current;
    this.codebase.forget();
    return this.currentCodebase();
  }

  /** `GET {site}/login/companyinfo/{companyId}` → `{Codebase: "v2025_1/"}`; null for an unknown company. */
  private async readCodebase(): Promise<string> {
    const { companyId } = this.connection;
    const url = `${this.siteOrigin}/login/companyinfo/${encodeURIComponent(companyId)}`;
    const cannotFind = (detail: string, cause: unknown) =>
      new PsaError({
        kind: 'config',
        psa: CONNECTWISE,
        detail,
        userMessage: `Pullboard could not find ConnectWise at ${this.siteOrigin} (${detail}). Check the site URL in Pullboard's options.`,
        request: `GET ${url}`,
        cause,
      });
    let json: unknown;
    try {
      ({ json } = await requestJson(
        {
          url,
          method: 'GET',
          headers: { Accept: 'application/json' },
          ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
          ...(this.options.retry !== undefined && { retry: this.options.retry }),
          psa: CONNECTWISE,
        },
        this.deps,
      ));
    } catch (error) {
      // A web page or a 404 where companyinfo should be: this is not a ConnectWise site (or not its root).
      if (isPsaError(error) && (error.kind === 'notFound' || error.kind === 'malformed' || error.kind === 'badRequest')) {
        throw cannotFind(`login/companyinfo answered ${error.status ?? 'something other than JSON'}`, error);
      }
      throw error;
    }
    if (json === null) {
      throw new PsaError({
        kind: 'config',
        psa: CONNECTWISE,
        detail: `ConnectWise has no company '${companyId}'`,
        userMessage: `ConnectWise has no company '${companyId}'. Check the company ID in Pullboard's options (it is the company you log in with, not a customer's).`,
        request: `GET ${url}`,
      });
    }
    const info = safeParseRecord(CwCompanyInfo, json);
    if (!info.success) throw cannotFind(`companyinfo ${describeIssues(info.error).problem}`, info.error);
    const codebase = info.data.Codebase.replace(/^\//, '');
    return codebase.endsWith('/') ? codebase : `${codebase}/`;
  }

  // ——— mapping ———

  private async mapOneTicket(json: unknown, ticketId: number): Promise<Ticket> {
    const cw = parseOrThrow(CwTicket, json, 'ticket');
    const { tickets, rejected } = await this.mapParsed([cw]);
    const ticket = tickets[0];
    if (ticket) return ticket;
    throw malformed(`ticket ${ticketId}: ${rejected[0]?.problem ?? 'unreadable'}`);
  }

  /** Maps a page record by record: a bad record is rejected with the field named, the rest is kept. */
  private async mapTickets(records: readonly unknown[]): Promise<TicketPage> {
    const rejected: RejectedRecord[] = [];
    const parsed: CwTicket[] = [];
    for (const record of records) {
      const result = safeParseRecord(CwTicket, record);
      if (result.success) parsed.push(result.data);
      else rejected.push({ id: recordId(record), problem: describeIssues(result.error).problem });
    }
    const page = await this.mapParsed(parsed);
    return { tickets: page.tickets, rejected: [...rejected, ...page.rejected] };
  }

  private async mapParsed(parsed: readonly CwTicket[]): Promise<TicketPage> {
    // An idle poll's empty page needs no priorities or SLAs: it must cost its one request only.
    if (parsed.length === 0) return { tickets: [], rejected: [] };
    const [codebase, priorities] = await Promise.all([this.currentCodebase(), this.priorityOrderForMapping()]);
    await this.loadSlaTargets(parsed);
    const tickets: Ticket[] = [];
    const rejected: RejectedRecord[] = [];
    for (const cw of parsed) {
      // The normalized model checks what mapping made (dates, URL): nothing invalid reaches the store.
      const mapped = Ticket.safeParse(this.toTicket(cw, codebase, priorities), { reportInput: true });
      if (mapped.success) tickets.push(mapped.data);
      else rejected.push({ id: String(cw.id), problem: describeIssues(mapped.error).problem });
    }
    return { tickets, rejected };
  }

  private toTicket(cw: CwTicket, codebase: string, priorities: ReadonlyMap<number, PriorityOrder>): Ticket {
    const created = cw._info.dateEntered;
    const order = cw.priority ? priorities.get(cw.priority.id) : undefined;
    const targets = cw.sla && cw.priority ? this.slaTargets.get(cw.sla.id)?.get(cw.priority.id) : undefined;
    return {
      id: String(cw.id),
      number: `#${cw.id}`,
      title: cw.summary,
      status: ref(cw.status),
      closed: cw.closedFlag,
      board: cw.board ? ref(cw.board) : null,
      priority: cw.priority
        ? {
            id: String(cw.priority.id),
            name: cw.priority.name,
            rank: order?.rank ?? Math.round(cw.priority.sort ?? UNRANKED),
            colour: order?.colour ?? null,
          }
        : null,
      assignee: cw.owner ? { id: String(cw.owner.id), name: cw.owner.name || cw.owner.identifier } : null,
      team: cw.team ? ref(cw.team) : null,
      company: cw.company ? ref(cw.company) : null,
      contact: cw.contact ? { id: String(cw.contact.id), name: cw.contact.name ?? '' } : null,
      type: cw.type ? ref(cw.type) : null,
      subtype: cw.subType ? ref(cw.subType) : null,
      created,
      updated: cw._info.lastUpdated,
      sla: {
        // ConnectWise counts SLA hours in the board's business hours (calendar, holidays); adding calendar
        // hours to the entered date is an approximation that can only make a deadline look earlier.
        respondBy: addHours(created, targets?.respondHours),
        resolveBy: addHours(created, targets?.resolutionHours),
        respondedAt: cw.dateResponded ?? null,
        resolvedAt: cw.dateResolved ?? null,
        met: cw.isInSla ?? null,
      },
      estimateHours: cw.budgetHours ?? null,
      actualHours: cw.actualHours ?? null,
      url: `${this.siteOrigin}/${codebase}services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=${cw.id}`,
    };
  }

  /** Priority ranks and colours, read once. Without permission to read priorities, tickets keep their `sort`. */
  private priorityOrderForMapping(): Promise<ReadonlyMap<number, PriorityOrder>> {
    if (!this.priorityOrder) {
      const loading = this.listPriorities().then(
        (list) => new Map(list.map((p) => [Number(p.id), { rank: p.rank, colour: p.colour }])),
        (error: unknown) => {
          if (isPsaError(error) && error.kind === 'forbidden') return new Map<number, PriorityOrder>();
          this.priorityOrder = undefined;
          throw error;
        },
      );
      this.priorityOrder = loading;
    }
    return this.priorityOrder;
  }

  /** Reads each SLA the page refers to once (usually a handful per company), so mapping needs no per-ticket request. */
  private async loadSlaTargets(tickets: readonly CwTicket[]): Promise<void> {
    const missing = new Set<number>();
    for (const ticket of tickets) if (ticket.sla && !this.slaTargets.has(ticket.sla.id)) missing.add(ticket.sla.id);
    for (const slaId of missing) {
      const targets = new Map<number, { respondHours: number | null; resolutionHours: number | null }>();
      try {
        for await (const records of this.pages(`/service/SLAs/${slaId}/priorities`, { fields: SLA_PRIORITY_FIELDS }, `SLA ${slaId}`)) {
          for (const record of records) {
            const row = safeParseRecord(CwSlaPriority, record);
            // An unreadable SLA row only costs that priority its deadlines.
            if (row.success) {
              targets.set(row.data.priority.id, {
                respondHours: row.data.respondHours ?? null,
                resolutionHours: row.data.resolutionHours ?? null,
              });
            }
          }
        }
      } catch (error) {
        // Without the right to read SLAs (or with the SLA deleted) tickets still load, without deadlines.
        if (!(isPsaError(error) && (error.kind === 'forbidden' || error.kind === 'notFound'))) throw error;
      }
      this.slaTargets.set(slaId, targets);
    }
  }
}

// ——— helpers ———

/** Basic credentials, UTF-8 safe (`btoa` alone only takes Latin-1). */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** ConnectWise ids are integers; anything else would end up inside a URL or a condition. */
function connectWiseId(id: string, what: string): number {
  if (!/^\d{1,15}$/.test(id)) {
    throw new PsaError({
      kind: 'config',
      psa: CONNECTWISE,
      detail: `'${id}' is not a ConnectWise ${what} id`,
      userMessage: `'${id}' is not a ConnectWise ${what} id. Choose the ${what} again in Pullboard's options.`,
    });
  }
  return Number(id);
}

/** `updatedSince` as a condition date; a cursor that is not a date is a bug upstream, said clearly. */
function cursorDate(iso: string): Date {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new PsaError({ kind: 'config', psa: CONNECTWISE, detail: `the sync cursor '${iso}' is not a date` });
  }
  return new Date(ms);
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = safeParseRecord(schema, value);
  if (result.success) return result.data;
  const { field, problem } = describeIssues(result.error);
  const id = recordId(value);
  throw malformed(`${what}${id ? ` ${id}` : ''}: ${problem}`, field);
}

function malformed(detail: string, field?: string): PsaError {
  return new PsaError({ kind: 'malformed', psa: CONNECTWISE, detail, ...(field ? { field } : {}) });
}

function notFound(error: PsaError, call: ApiCall): PsaError {
  if (!call.record) return error;
  return new PsaError({
    kind: 'notFound',
    psa: CONNECTWISE,
    detail: call.record,
    ...(error.status !== undefined && { status: error.status }),
    request: `${call.method} ${call.path}`,
    cause: error,
  });
}

function recordId(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const id = (record as { id?: unknown }).id;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}

function describeJson(json: unknown): string {
  if (json === null) return 'nothing';
  if (Array.isArray(json)) return 'a list';
  return typeof json === 'object' ? 'an object' : `a ${typeof json}`;
}

function ref(value: { id: number; name: string }): { id: string; name: string } {
  return { id: String(value.id), name: value.name };
}

function addHours(iso: string, hours: number | null | undefined): string | null {
  if (hours === null || hours === undefined || hours <= 0) return null;
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}

function toMember(member: CwMember): Member {
  const name = [member.firstName, member.lastName].filter(Boolean).join(' ').trim();
  return {
    id: String(member.id),
    identifier: member.identifier,
    name: name || member.identifier,
    email: member.officeEmail?.trim() || null,
    inactive: member.inactiveFlag ?? false,
  };
}

function toTimeEntry(saved: z.infer<typeof CwTimeEntry>, sent: NewTimeEntry | null): TimeEntry {
  return {
    id: String(saved.id),
    ticketId: String(saved.chargeToId),
    memberId: String(saved.member.id),
    start: saved.timeStart,
    end: saved.timeEnd ?? (sent ? new Date(Date.parse(sent.end)).toISOString() : saved.timeStart),
    hours: saved.actualHours ?? sent?.hours ?? 0,
    notes: saved.notes ?? sent?.notes ?? '',
  };
}

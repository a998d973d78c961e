/**
 * ConnectWise PSA (Manage) REST `apis/3.0` behind the `Psa` interface.
 * What it hides: codebase discovery (and rediscovery after an upgrade moves it), Basic auth + clientId,
 * condition strings, forward-only paging by `Link`, `{id,name}` references, priority `sort`/`sortOrder`,
 * SLA targets from the SLA definition, JSON Patch writes.
 */
import { z } from 'zod';
import { PsaError, isPsaError, type PsaLabel } from '../errors';
import type { HttpDeps, JsonResponse } from '../http';
import { Discovery, discoveryJson, nameNotFound, sendDiscovered, sendJson, type CallOptions, type CallTarget } from '../kit/calls';
import { clampPageSize } from '../kit/paging';
import { describeIssues, describeJson, malformed as malformedFor, numericId, parseRecord, safeParseRecord } from '../kit/records';
import { SharedLoad, SharedLoadMap, orFallback } from '../kit/shared-load';
import { mapOneTicket, mapTicketPage, normalizeTickets, UNRANKED } from '../kit/tickets';
import type { Board, Member, Priority, Status, Ticket, TimeEntry } from '../model';
import { type ConnectWiseConnection } from './connection';
import type { NewTimeEntry, Psa, TicketChange, TicketPage, TicketQuery, TimeEntryQuery } from '../psa';
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
} from './schemas';

export { connectWiseApiOrigin } from './query';

export const CONNECTWISE: PsaLabel = { name: 'ConnectWise', credentials: 'company ID, public and private keys and client ID', apiUser: 'API member', permissions: "the API member's security role" };

/** The newest response version the fields used here are documented for. */
const ACCEPT = 'application/vnd.connectwise.com+json; version=2021.1';
/** ConnectWise's largest page. */
export const MAX_PAGE_SIZE = 1000;

export interface ConnectWiseOptions extends CallOptions {
  /** Records a page, at most 1000 (the default). Smaller in tests, to exercise paging. */
  pageSize?: number;
}

/** A call below `apis/3.0`, e.g. `/service/tickets`; `record` names it in a "not found", e.g. `ticket #123`. */
interface ApiCall extends CallTarget {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  idempotent?: boolean;
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
  private readonly codebase: Discovery<string>;
  /** Without permission to read priorities, tickets keep their `sort`. */
  private readonly priorityOrder = new SharedLoad(
    orFallback(async () => orderOf(await this.listPriorities()), isForbidden, () => new Map<number, PriorityOrder>()),
  );
  /** Without the right to read SLAs (or with the SLA deleted), tickets still load, without deadlines. */
  private readonly slaTargets = new SharedLoadMap<number, SlaTargets>(
    orFallback((slaId: number) => this.readSlaTargets(slaId), (error) => isForbidden(error) || isNotFound(error), () => new Map()),
  );

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
    this.pageSize = clampPageSize(options.pageSize, MAX_PAGE_SIZE);
    // A codebase discovered earlier (before the service worker was stopped) is used until a 404 says it moved.
    this.codebase = new Discovery(() => this.readCodebase(), {
      ...(typeof options.discovered === 'string' && /^[\w.-]+\/$/.test(options.discovered) && { known: options.discovered }),
      ...(options.onDiscovered && { onFound: options.onDiscovered }),
    });
  }

  async whoAmI(): Promise<Member> {
    const { json } = await this.call({ method: 'GET', path: '/system/myMembers', area: 'members' });
    // Documented as one member; some versions answer a list of one.
    const record = Array.isArray(json) && json.length === 1 ? json[0] : json;
    return toMember(parseRecord(CONNECTWISE, CwMember, record, 'your member record'));
  }

  async listBoards(): Promise<Board[]> {
    const boards: Board[] = [];
    const query = { conditions: conditions([['inactiveFlag', '=', false]]), fields: BOARD_FIELDS, orderBy: 'name asc' };
    for await (const records of this.pages('/service/boards', query)) {
      for (const record of records) {
        const board = parseRecord(CONNECTWISE, CwBoard, record, 'a service board');
        if (!board.inactiveFlag) boards.push({ id: String(board.id), name: board.name });
      }
    }
    return boards;
  }

  async listStatuses(boardId: string): Promise<Status[]> {
    const board = numericId(CONNECTWISE, boardId, 'board');
    const statuses: Status[] = [];
    const query = { fields: STATUS_FIELDS, orderBy: 'sortOrder asc' };
    for await (const records of this.pages(`/service/boards/${board}/statuses`, query, `board ${board}`)) {
      for (const record of records) {
        const status = parseRecord(CONNECTWISE, CwStatus, record, `a status of board ${board}`);
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
      for (const record of records) rows.push(parseRecord(CONNECTWISE, CwPriority, record, 'a priority'));
    }
    // Lower sortOrder is more urgent; rank is the 1-based position, so gaps in sortOrder do not matter.
    rows.sort((a, b) => (a.sortOrder ?? UNRANKED) - (b.sortOrder ?? UNRANKED) || a.id - b.id);
    const priorities = rows.map((row, index) => ({
      id: String(row.id),
      name: row.name,
      rank: index + 1,
      colour: row.color?.trim() || null,
    }));
    this.priorityOrder.set(orderOf(priorities));
    return priorities;
  }

  async listMembers(): Promise<Member[]> {
    const members: Member[] = [];
    for await (const records of this.pages('/system/members', { fields: MEMBER_FIELDS, orderBy: 'id asc' })) {
      for (const record of records) members.push(toMember(parseRecord(CONNECTWISE, CwMember, record, 'a member')));
    }
    return members;
  }

  async *listTickets(query: TicketQuery): AsyncGenerator<TicketPage> {
    const clauses: (Condition | AnyOf)[] = [['board/id', '=', numericId(CONNECTWISE, query.boardId, 'board')]];
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
      yield await mapTicketPage(CwTicket, records, (parsed) => this.mapParsed(parsed));
    }
  }

  async listOpenTicketIds(boardId: string): Promise<string[]> {
    const params = {
      conditions: conditions([['board/id', '=', numericId(CONNECTWISE, boardId, 'board')], ['closedFlag', '=', false]]),
      orderBy: 'id asc',
      fields: 'id',
    };
    const ids: string[] = [];
    for await (const records of this.pages('/service/tickets', params, undefined, true)) {
      for (const record of records) ids.push(String(parseRecord(CONNECTWISE, CwTicketId, record, 'a ticket id').id));
    }
    return ids;
  }

  async countOpenTickets(boardId: string): Promise<number> {
    const query = { conditions: conditions([['board/id', '=', numericId(CONNECTWISE, boardId, 'board')], ['closedFlag', '=', false]]) };
    const { json } = await this.call({ method: 'GET', path: '/service/tickets/count', query });
    return parseRecord(CONNECTWISE, CwCount, json, 'the ticket count').count;
  }

  async getTicket(id: string): Promise<Ticket> {
    const ticketId = numericId(CONNECTWISE, id, 'ticket');
    const { json } = await this.call({
      method: 'GET',
      path: `/service/tickets/${ticketId}`,
      query: { fields: TICKET_FIELDS },
      record: `ticket #${ticketId}`,
    });
    return mapOneTicket(CONNECTWISE, CwTicket, json, ticketId, (parsed) => this.mapParsed(parsed));
  }

  async updateTicket(id: string, change: TicketChange): Promise<Ticket> {
    const ticketId = numericId(CONNECTWISE, id, 'ticket');
    const patch: Array<{ op: 'replace' | 'remove'; path: string; value?: { id: number } }> = [];
    if (change.statusId !== undefined) {
      patch.push({ op: 'replace', path: 'status', value: { id: numericId(CONNECTWISE, change.statusId, 'status') } });
    }
    if (change.assigneeId === null) {
      patch.push({ op: 'remove', path: 'owner' });
    } else if (change.assigneeId !== undefined) {
      patch.push({ op: 'replace', path: 'owner', value: { id: numericId(CONNECTWISE, change.assigneeId, 'member') } });
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
    return mapOneTicket(CONNECTWISE, CwTicket, json, ticketId, (parsed) => this.mapParsed(parsed));
  }

  async findTimeEntries(query: TimeEntryQuery): Promise<TimeEntry[]> {
    const start = new Date(Date.parse(query.start));
    const filter = conditions([
      ['chargeToId', '=', numericId(CONNECTWISE, query.ticketId, 'ticket')],
      ['member/id', '=', numericId(CONNECTWISE, query.memberId, 'member')],
      ['timeStart', '=', new Date(Math.floor(start.getTime() / 1000) * 1000)],
    ]);
    const found: TimeEntry[] = [];
    for await (const records of this.pages('/time/entries', { conditions: filter })) {
      for (const record of records) {
        const saved = parseRecord(CONNECTWISE, CwTimeEntry, record, 'a time entry');
        found.push(toTimeEntry(saved, null));
      }
    }
    return found;
  }

  async addTimeEntry(entry: NewTimeEntry): Promise<TimeEntry> {
    const body = {
      chargeToId: numericId(CONNECTWISE, entry.ticketId, 'ticket'),
      chargeToType: 'ServiceTicket',
      member: { id: numericId(CONNECTWISE, entry.memberId, 'member') },
      timeStart: connectWiseDate(entry.start),
      timeEnd: connectWiseDate(entry.end),
      actualHours: entry.hours,
      notes: entry.notes,
    };
    // POST: never retried here (a retry could log the time twice); the outbox checks first.
    const { json } = await this.call({ method: 'POST', path: '/time/entries', body, record: `ticket #${body.chargeToId}` });
    return toTimeEntry(parseRecord(CONNECTWISE, CwTimeEntry, json, 'the saved time entry'), entry);
  }

  // ——— requests ———

  /** Sends a call to the API; after a 404 it re-reads the codebase once and, if it moved, sends again. */
  private call(call: ApiCall): Promise<JsonResponse> {
    return sendDiscovered(
      this.codebase,
      (codebase) => this.send(codebase, call),
      (error) => error.kind === 'notFound',
      (error) => nameNotFound(CONNECTWISE, error, call),
    );
  }

  private send(codebase: string, call: ApiCall): Promise<JsonResponse> {
    const query = call.query ? `?${queryString(call.query)}` : '';
    return sendJson(CONNECTWISE, this.deps, this.options, {
      url: `${this.apiOrigin}/${codebase}apis/3.0${call.path}${query}`,
      method: call.method,
      headers: { ...this.authHeaders, ...call.headers },
      body: call.body,
      ...(call.idempotent !== undefined && { idempotent: call.idempotent }),
    });
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
    // A web page or a 404 where companyinfo should be: this is not a ConnectWise site (or not its root).
    const json = await discoveryJson(CONNECTWISE, this.deps, this.options, url, (error) =>
      error.kind === 'notFound' || error.kind === 'malformed' || error.kind === 'badRequest'
        ? cannotFind(`login/companyinfo answered ${error.status ?? 'something other than JSON'}`, error)
        : null,
    );
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

  private async mapParsed(parsed: readonly CwTicket[]): Promise<TicketPage> {
    const [codebase, priorities] = await Promise.all([this.codebase.current(), this.priorityOrder.get()]);
    // Each SLA the page refers to, once (usually a handful per company): mapping needs no per-ticket request.
    for (const slaId of new Set(parsed.flatMap((ticket) => (ticket.sla ? [ticket.sla.id] : [])))) await this.slaTargets.get(slaId);
    return normalizeTickets(parsed, (cw) => this.toTicket(cw, codebase, priorities));
  }

  private toTicket(cw: CwTicket, codebase: string, priorities: ReadonlyMap<number, PriorityOrder>): Ticket {
    const created = cw._info.dateEntered;
    const order = cw.priority ? priorities.get(cw.priority.id) : undefined;
    const targets = cw.sla && cw.priority ? this.slaTargets.loaded(cw.sla.id)?.value.get(cw.priority.id) : undefined;
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
        dueBy: cw.requiredDate ?? null,
      },
      estimateHours: cw.budgetHours ?? null,
      actualHours: cw.actualHours ?? null,
      url: `${this.siteOrigin}/${codebase}services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=${cw.id}`,
    };
  }

  private async readSlaTargets(slaId: number): Promise<SlaTargets> {
    const targets = new Map<number, { respondHours: number | null; resolutionHours: number | null }>();
    for await (const records of this.pages(`/service/SLAs/${slaId}/priorities`, { fields: SLA_PRIORITY_FIELDS }, `SLA ${slaId}`)) {
      for (const record of records) {
        const row = safeParseRecord(CwSlaPriority, record);
        // An unreadable SLA row only costs that priority its deadlines.
        if (row.success) {
          targets.set(row.data.priority.id, { respondHours: row.data.respondHours ?? null, resolutionHours: row.data.resolutionHours ?? null });
        }
      }
    }
    return targets;
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

/** `updatedSince` as a condition date; a cursor that is not a date is a bug upstream, said clearly. */
function cursorDate(iso: string): Date {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new PsaError({ kind: 'config', psa: CONNECTWISE, detail: `the sync cursor '${iso}' is not a date` });
  }
  return new Date(ms);
}

const malformed = (detail: string): PsaError => malformedFor(CONNECTWISE, detail);
const isForbidden = (error: unknown): boolean => isPsaError(error) && error.kind === 'forbidden';
const isNotFound = (error: unknown): boolean => isPsaError(error) && error.kind === 'notFound';

function orderOf(priorities: readonly Priority[]): ReadonlyMap<number, PriorityOrder> {
  return new Map(priorities.map((p) => [Number(p.id), { rank: p.rank, colour: p.colour }]));
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

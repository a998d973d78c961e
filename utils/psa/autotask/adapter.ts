/**
 * Autotask PSA REST `ATServicesRest/V1.0` behind the `Psa` interface.
 * What it hides: zone discovery (and rediscovery when a zone says the user lives elsewhere), three static
 * headers (+ `ImpersonationResourceId` to write as the tech through a shared API user), JSON filter trees
 * sent by POST, `nextPageUrl` cursors, picklist integers turned into labels and ranked by `sortOrder`,
 * company and contact names read in batches, 500 answers that mean "refused", and a request budget the
 * whole MSP shares (10,000 an hour, then slower answers, then suspension; never a 429).
 */
import { z } from 'zod';
import { PsaError, isPsaError, type PsaLabel } from '../errors';
import type { HttpDeps, JsonResponse } from '../http';
import { Discovery, discoveryJson, nameNotFound, requestLabel, sendDiscovered, sendJson, areaOf, type CallOptions, type CallTarget } from '../kit/calls';
import { clampPageSize, SeenIds } from '../kit/paging';
import { findMe, sameText } from '../kit/me';
import { MeteredAdapter } from '../kit/metered';
import { describeIssues, describeJson, malformed as malformedFor, numericId, parseRecord, safeParseRecord } from '../kit/records';
import { SharedLoad, SharedLoadMap } from '../kit/shared-load';
import { mapOneTicket, mapTicketPage, normalizeTickets, UNRANKED } from '../kit/tickets';
import { checkTimeEntry, savedTimeEntry } from '../kit/time-entries';
import type { Board, Member, Priority, Status, Ticket, TimeEntry } from '../model';
import { type AutotaskConnection } from './connection';
import type { NewTimeEntry, Psa, TicketChange, TicketPage, TicketQuery, TimeEntryQuery } from '../psa';
import {
  autotaskFetch,
  classifyAutotaskErrors,
  notClosed,
  sameOrigin,
  ticketFilter,
  withSlash,
  zoneApiBase,
  zoneUrlProblem,
  type AtFilter,
} from './query';
import {
  AtCompany,
  AtContact,
  AtCount,
  AtFieldInfo,
  AtFields,
  AtItem,
  AtItemId,
  AtPicklistValue,
  AtQueryPage,
  AtResource,
  AtServiceDeskRole,
  AtThreshold,
  AtTicket,
  AtTicketId,
  AtTimeEntry,
  AtZone,
  COMPANY_FIELDS,
  CONTACT_FIELDS,
  TICKET_FIELDS,
  TIME_ENTRY_FIELDS,
} from './schemas';

export const AUTOTASK: PsaLabel = { name: 'Autotask', credentials: 'API user name, secret and integration code', apiUser: 'API user', permissions: "the API user's security level (Admin › Resources › Security Levels)" };

/** Autotask's largest page. */
export const MAX_RECORDS = 500;
/** The system status Complete: the one status that completes a ticket on every Autotask database. */
export const COMPLETE_STATUS = 5;
/** `licenseType` of an API-only user. */
const API_USER_LICENSE = 7;
/** Picklists and resources are re-read when a record names a value they lack, at most this often. */
const REFRESH_AFTER_MS = 10 * 60_000;

export const API_USER_NOT_A_TECH =
  "Choose who you are in Pullboard's options: these Autotask credentials belong to an API user, not a technician.";

export interface AutotaskZone {
  /** REST base, e.g. `https://webservices5.autotask.net/ATServicesRest/`. */
  zoneUrl: string;
  /** Web app, e.g. `https://ww5.autotask.net/`. */
  webUrl: string;
}

export interface AutotaskOptions extends CallOptions {
  /** Records a page, at most 500 (the default). Smaller in tests, to exercise paging. */
  pageSize?: number;
}

/** The database-wide budget as Autotask counts it: every integration of the MSP together. */
export interface AutotaskThreshold {
  limit: number;
  used: number;
  timeframeMinutes: number | null;
}

/** A call below `V1.0`, e.g. `/Tickets/query`, or to an absolute `nextPageUrl` already checked to be on the zone. */
interface ApiCall extends CallTarget {
  body?: unknown;
  headers?: Record<string, string>;
  idempotent?: boolean;
}

interface QueryBody {
  filter: AtFilter[];
  IncludeFields?: readonly string[];
  MaxRecords: number;
}

interface PickItem {
  value: number;
  label: string;
  sortOrder: number | null;
  active: boolean;
}

interface Picklists {
  loadedAt: number;
  status: ReadonlyMap<number, PickItem>;
  priority: ReadonlyMap<number, PickItem>;
  queue: ReadonlyMap<number, PickItem>;
  issueType: ReadonlyMap<number, PickItem>;
  subIssueType: ReadonlyMap<number, PickItem>;
  /** 1 = most urgent, by `sortOrder`: never by value (Critical is 4 on a default database). */
  priorityRank: ReadonlyMap<number, number>;
  /** Complete (5), and any status labelled Complete, Completed or Closed. */
  closedStatuses: readonly number[];
}

interface Resources {
  loadedAt: number;
  byId: ReadonlyMap<number, AtResource>;
}

type ServiceDeskRole = z.output<typeof AtServiceDeskRole>;

export class AutotaskPsa extends MeteredAdapter implements Psa {
  readonly countIsCheap = true;
  readonly kind = 'autotask' as const;
  private readonly authHeaders: Record<string, string>;
  private readonly pageSize: number;
  private readonly zone: Discovery<AutotaskZone>;
  private readonly picklists = new SharedLoad(() => this.readPicklists());
  private readonly resources = new SharedLoad(() => this.readResources());
  private readonly me = new SharedLoad(() => this.findMe());
  /** Active service desk roles of a resource, read once. */
  private readonly rolesByResource = new SharedLoadMap((resourceId: number) => this.readServiceDeskRoles(resourceId));
  private readonly companyNames = new Map<number, string | null>();
  private readonly contactNames = new Map<number, string | null>();

  constructor(
    private readonly connection: AutotaskConnection,
    deps: HttpDeps,
    private readonly options: AutotaskOptions = {},
  ) {
    super(deps, autotaskFetch);
    this.authHeaders = {
      ApiIntegrationCode: connection.integrationCode,
      UserName: connection.userName,
      Secret: connection.secret,
      Accept: 'application/json',
    };
    this.pageSize = clampPageSize(options.pageSize, MAX_RECORDS);
    const { zoneUrl, webUrl, discoveryUrl } = connection;
    // A zone kept from an earlier discovery is used until a request says it moved.
    const known = zoneUrl && webUrl && zoneUrlProblem(zoneUrl, discoveryUrl) === null ? { zoneUrl: withSlash(zoneUrl), webUrl: withSlash(webUrl) } : undefined;
    this.zone = new Discovery(() => this.readZone(), {
      ...(known && { known }),
      // The caller keeps what discovery finds in the connection itself (`zoneUrl`, `webUrl`).
      ...(options.onDiscovered && { onFound: options.onDiscovered }),
      same: (a, b) => a.zoneUrl === b.zoneUrl,
    });
  }

  /** The whole database's use of its hourly budget (every integration of the MSP), as Autotask counts it. */
  async thresholdInformation(): Promise<AutotaskThreshold> {
    const { json } = await this.call({ method: 'GET', path: '/ThresholdInformation' });
    const info = parseRecord(AUTOTASK, AtThreshold, json, 'the threshold information');
    return { limit: info.externalRequestThreshold, used: info.currentTimeframeRequestCount, timeframeMinutes: info.requestThresholdTimeframe ?? null };
  }

  async whoAmI(): Promise<Member> {
    return toMember(await this.me.get());
  }

  async listBoards(): Promise<Board[]> {
    const lists = await this.picklists.get();
    return byOrder([...lists.queue.values()].filter((queue) => queue.active)).map((queue) => ({ id: String(queue.value), name: queue.label }));
  }

  /** Autotask's statuses are global: the same list whatever the queue. */
  async listStatuses(boardId: string): Promise<Status[]> {
    numericId(AUTOTASK, boardId, 'queue');
    const lists = await this.picklists.get();
    return byOrder([...lists.status.values()]).map((status, index) => ({
      id: String(status.value),
      name: status.label,
      order: status.sortOrder ?? index + 1,
      closed: lists.closedStatuses.includes(status.value),
      inactive: !status.active,
      boardId: null,
    }));
  }

  async listPriorities(): Promise<Priority[]> {
    const lists = await this.picklists.get();
    return [...lists.priority.values()]
      .map((priority) => ({ id: String(priority.value), name: priority.label, rank: lists.priorityRank.get(priority.value) ?? UNRANKED, colour: null }))
      .sort((a, b) => a.rank - b.rank);
  }

  /** Everyone who can be "me" or an assignee: API-only users are left out. */
  /** The technicians: never an API-only user, nor the credentials' own API user when it cannot hold tickets. */
  async listMembers(): Promise<Member[]> {
    const { byId } = await this.resources.get();
    const resources = [...byId.values()].filter((resource) => !isApiOnly(resource));
    const own = resources.find((resource) => sameText(resource.userName, this.connection.userName));
    const ownIsTech = own ? await this.isTechnician(own) : true;
    return resources.filter((resource) => resource !== own || ownIsTech).map(toMember);
  }

  async *listTickets(query: TicketQuery): AsyncGenerator<TicketPage> {
    const queueId = numericId(AUTOTASK, query.boardId, 'queue');
    // Only an open-only or closed-only query needs to know which statuses are closed.
    const closed = query.openOnly || query.closedOnly ? (await this.picklists.get()).closedStatuses : [];
    const body: QueryBody = { filter: ticketFilter(queueId, query, closed), IncludeFields: TICKET_FIELDS, MaxRecords: this.pageSize };
    // A cursor that moves while tickets change can serve one twice: the first copy wins.
    const seen = new SeenIds();
    for await (const items of this.queryPages('/Tickets/query', body)) {
      yield await mapTicketPage(AtTicket, seen.fresh(items), (parsed) => this.mapParsed(parsed));
    }
  }

  async listOpenTicketIds(boardId: string): Promise<string[]> {
    const body: QueryBody = { filter: await this.openFilter(boardId), IncludeFields: ['id'], MaxRecords: this.pageSize };
    const ids = new Set<string>();
    for await (const items of this.queryPages('/Tickets/query', body)) {
      for (const item of items) ids.add(String(parseRecord(AUTOTASK, AtTicketId, item, 'a ticket id').id));
    }
    return [...ids];
  }

  async countOpenTickets(boardId: string): Promise<number> {
    const { json } = await this.call({ method: 'POST', path: '/Tickets/query/count', body: { filter: await this.openFilter(boardId) }, idempotent: true });
    return parseRecord(AUTOTASK, AtCount, json, 'the ticket count').queryCount;
  }

  async getTicket(id: string): Promise<Ticket> {
    const ticketId = numericId(AUTOTASK, id, 'ticket');
    const record = `ticket ${ticketId}`;
    const { json } = await this.call({ method: 'GET', path: `/Tickets/${ticketId}`, record });
    const { item } = parseRecord(AUTOTASK, AtItem, json, record);
    if (item === null || item === undefined) throw new PsaError({ kind: 'notFound', psa: AUTOTASK, detail: record });
    return mapOneTicket(AUTOTASK, AtTicket, item, ticketId, (parsed) => this.mapParsed(parsed));
  }

  /**
   * A sparse PATCH of the ticket (never PUT, which empties every field left out), then one read: Autotask
   * answers a PATCH with `{itemId}` only. An assignee needs a role: their default service desk role.
   */
  async updateTicket(id: string, change: TicketChange): Promise<Ticket> {
    const ticketId = numericId(AUTOTASK, id, 'ticket');
    const body: Record<string, number | null> = { id: ticketId };
    if (change.statusId !== undefined) body.status = numericId(AUTOTASK, change.statusId, 'status');
    if (change.assigneeId === null) {
      body.assignedResourceID = null;
      body.assignedResourceRoleID = null;
    } else if (change.assigneeId !== undefined) {
      const resourceId = numericId(AUTOTASK, change.assigneeId, 'resource');
      body.assignedResourceID = resourceId;
      body.assignedResourceRoleID = await this.serviceDeskRole(resourceId);
    }
    if (Object.keys(body).length > 1) {
      await this.call({
        method: 'PATCH',
        path: '/Tickets',
        body,
        headers: await this.writeHeaders(),
        // Setting fields to given values: sending it twice leaves the same ticket.
        idempotent: true,
        record: `ticket ${ticketId}`,
      });
    }
    return this.getTicket(id);
  }

  async addTimeEntry(entry: NewTimeEntry): Promise<TimeEntry> {
    const sent = checkTimeEntry(AUTOTASK, entry, 'resource');
    const body = {
      ticketID: sent.ticketId,
      resourceID: sent.memberId,
      roleID: await this.serviceDeskRole(sent.memberId),
      dateWorked: localDay(sent.start),
      startDateTime: sent.start.toISOString(),
      endDateTime: sent.end.toISOString(),
      hoursWorked: sent.hours,
      summaryNotes: sent.notes,
    };
    // POST: never retried here (a retry could log the time twice); the outbox checks first.
    const { json } = await this.call({ method: 'POST', path: '/TimeEntries', body, headers: await this.writeHeaders(), record: `ticket ${sent.ticketId}` });
    return savedTimeEntry(parseRecord(AUTOTASK, AtItemId, json, 'the saved time entry').itemId, sent);
  }

  /**
   * A resource's time entries on a ticket that start in the same second as `start`: how the outbox learns
   * whether a time entry whose answer was lost was saved, before it sends it again.
   */
  async findTimeEntries(query: TimeEntryQuery): Promise<TimeEntry[]> {
    const ticketId = numericId(AUTOTASK, query.ticketId, 'ticket');
    const resourceId = numericId(AUTOTASK, query.memberId, 'resource');
    const startMs = Date.parse(query.start);
    if (Number.isNaN(startMs)) throw new PsaError({ kind: 'config', psa: AUTOTASK, detail: `the time entry's start '${query.start}' is not a date` });
    const second = Math.floor(startMs / 1000) * 1000;
    const body: QueryBody = {
      filter: [
        { op: 'eq', field: 'ticketID', value: ticketId },
        { op: 'eq', field: 'resourceID', value: resourceId },
        { op: 'gte', field: 'startDateTime', value: new Date(second).toISOString() },
        { op: 'lt', field: 'startDateTime', value: new Date(second + 1000).toISOString() },
      ],
      IncludeFields: TIME_ENTRY_FIELDS,
      MaxRecords: MAX_RECORDS,
    };
    const found: TimeEntry[] = [];
    for await (const items of this.queryPages('/TimeEntries/query', body)) {
      for (const item of items) {
        const entry = parseRecord(AUTOTASK, AtTimeEntry, item, 'a time entry');
        found.push({
          id: String(entry.id),
          ticketId: String(entry.ticketID ?? ticketId),
          memberId: String(entry.resourceID),
          start: entry.startDateTime,
          end: entry.endDateTime ?? new Date(Date.parse(entry.startDateTime) + (entry.hoursWorked ?? 0) * 3_600_000).toISOString(),
          hours: entry.hoursWorked ?? 0,
          notes: entry.summaryNotes ?? '',
        });
      }
    }
    return found;
  }

  // ——— requests ———

  /** Sends a call; after a 404 (or a 500 naming another zone) it re-discovers the zone once and, if it moved, sends again. */
  private call(call: ApiCall): Promise<JsonResponse> {
    return sendDiscovered(
      this.zone,
      (zone) => this.send(zone, call),
      // 404 only: a record Autotask says does not exist comes back as 410 (see autotaskFetch) and needs no new zone.
      (error) => error.status === 404 && !isAbsolute(call.path),
      (error) => this.explain(error, call),
    );
  }

  private send(zone: AutotaskZone, call: ApiCall): Promise<JsonResponse> {
    return sendJson(AUTOTASK, this.deps, this.options, {
      url: isAbsolute(call.path) ? call.path : `${zoneApiBase(zone.zoneUrl)}${call.path}`,
      method: call.method,
      headers: { ...this.authHeaders, ...call.headers },
      body: call.body,
      ...(call.idempotent !== undefined && { idempotent: call.idempotent }),
    });
  }

  /** Turns what the HTTP helper reported into what the user should do. */
  private explain(error: unknown, call: ApiCall): unknown {
    if (!isPsaError(error)) return error;
    const request = requestLabel(call);
    const base = {
      psa: AUTOTASK,
      ...(error.status !== undefined && { status: error.status }),
      ...(error.detail !== undefined && { detail: error.detail }),
      request,
      cause: error,
    };
    if (error.kind === 'auth') {
      return new PsaError({
        ...base,
        kind: 'auth',
        userMessage: `Autotask refused the credentials${error.detail ? ` (${error.detail})` : ''}. Check the API user name, secret and integration code in Pullboard's options.`,
      });
    }
    if (error.kind === 'notFound' && error.detail && classifyAutotaskErrors([error.detail]) === 'zone') {
      return new PsaError({
        ...base,
        kind: 'config',
        userMessage: `Autotask says the API user belongs to another zone (${error.detail}), and zone discovery found no other. Check the API user name in Pullboard's options.`,
      });
    }
    return nameNotFound(AUTOTASK, error, call);
  }

  /**
   * Pages of raw items: re-POSTs the same body to `pageDetails.nextPageUrl` until a short page or no next
   * page. A next page on any host but the zone's is not followed: the credentials go nowhere else.
   */
  private async *queryPages(path: string, body: QueryBody): AsyncGenerator<unknown[]> {
    let target = path;
    const visited = new Set<string>();
    for (;;) {
      const { json } = await this.call({ method: 'POST', path: target, area: areaOf(path), body, idempotent: true });
      const page = safeParseRecord(AtQueryPage, json);
      if (!page.success) throw malformed(`${path} answered ${describeJson(json)} without a list of items`);
      yield page.data.items;
      if (page.data.items.length < body.MaxRecords) return;
      const next = page.data.pageDetails?.nextPageUrl;
      if (!next) return;
      const zone = await this.zone.current();
      if (!sameOrigin(next, zone.zoneUrl)) {
        throw malformed(`Autotask put the next page of ${path} on ${hostOf(next)}, not on its zone ${hostOf(zone.zoneUrl)}: Pullboard did not send the credentials there`);
      }
      if (visited.has(next)) throw malformed(`${path}: the next-page link points at a page already read`);
      visited.add(next);
      target = next;
    }
  }

  /** `GET {discovery}V1.0/zoneInformation?user=…` → `{url, webUrl}`: where this user's database lives. No credentials are sent. */
  private async readZone(): Promise<AutotaskZone> {
    const { userName, discoveryUrl } = this.connection;
    const url = `${withSlash(discoveryUrl)}V1.0/zoneInformation?user=${encodeURIComponent(userName)}`;
    const unknownUser = (detail: string, cause?: unknown) =>
      new PsaError({
        kind: 'config',
        psa: AUTOTASK,
        detail,
        userMessage: `Autotask could not find the API user '${userName}' (${detail}). Check the API user name in Pullboard's options.`,
        request: `GET ${url}`,
        cause,
      });
    const json = await discoveryJson(AUTOTASK, this.deps, this.options, url, (error) =>
      ['notFound', 'badRequest', 'auth', 'malformed'].includes(error.kind)
        ? unknownUser(`zone discovery answered ${error.detail ?? error.status ?? 'something other than JSON'}`, error)
        : null,
    );
    const info = safeParseRecord(AtZone, json);
    if (!info.success) throw unknownUser(`zone discovery: ${describeIssues(info.error).problem}`, info.error);
    const problem = zoneUrlProblem(info.data.url, discoveryUrl);
    if (problem) throw unknownUser(`zone discovery named a zone Pullboard does not trust: ${problem}`);
    if (!info.data.webUrl) throw unknownUser('zone discovery did not say where the web app is');
    return { zoneUrl: withSlash(info.data.url), webUrl: withSlash(info.data.webUrl) };
  }

  private async openFilter(boardId: string): Promise<AtFilter[]> {
    const queueId = numericId(AUTOTASK, boardId, 'queue');
    return [{ op: 'eq', field: 'queueID', value: queueId }, notClosed((await this.picklists.get()).closedStatuses)];
  }

  // ——— reference data ———

  /** `GET /Tickets/entityInformation/fields`: the labels and order of status, priority, queue and issue types. */
  private async readPicklists(): Promise<Picklists> {
    const { json } = await this.call({ method: 'GET', path: '/Tickets/entityInformation/fields', area: 'ticket fields' });
    const { fields } = parseRecord(AUTOTASK, AtFields, json, 'the ticket fields');
    const byName = new Map<string, PickItem[]>();
    for (const raw of fields) {
      const field = safeParseRecord(AtFieldInfo, raw);
      if (field.success) byName.set(field.data.name.toLowerCase(), readPicklist(field.data.picklistValues ?? []));
    }
    const list = (name: string) => new Map((byName.get(name.toLowerCase()) ?? []).map((item) => [item.value, item]));
    const status = list('status');
    const priority = list('priority');
    if (status.size === 0) throw malformed('the ticket fields list no statuses');
    const ranked = byOrder([...priority.values()]);
    return {
      loadedAt: this.deps.now(),
      status,
      priority,
      queue: list('queueID'),
      issueType: list('issueType'),
      subIssueType: list('subIssueType'),
      priorityRank: new Map(ranked.map((item, index) => [item.value, index + 1])),
      closedStatuses: [...status.values()].filter(isClosedStatus).map((item) => item.value).sort((a, b) => a - b),
    };
  }

  /** Picklists that know every value these tickets use, re-read once if they are old and do not. */
  private async picklistsFor(tickets: readonly AtTicket[]): Promise<Picklists> {
    const lists = await this.picklists.get();
    const unknown = tickets.some(
      (t) => !lists.status.has(t.status) || (t.priority != null && !lists.priority.has(t.priority)) || (t.queueID != null && !lists.queue.has(t.queueID)),
    );
    if (!unknown || this.deps.now() - lists.loadedAt < REFRESH_AFTER_MS) return lists;
    this.picklists.forget();
    return this.picklists.get();
  }

  private async readResources(): Promise<Resources> {
    const byId = new Map<number, AtResource>();
    // No IncludeFields: which fields tell an API user apart differs between databases (see AtResource).
    const body: QueryBody = { filter: [{ op: 'gte', field: 'id', value: 0 }], MaxRecords: MAX_RECORDS };
    for await (const items of this.queryPages('/Resources/query', body)) {
      for (const item of items) {
        const resource = parseRecord(AUTOTASK, AtResource, item, 'a resource');
        byId.set(resource.id, resource);
      }
    }
    return { loadedAt: this.deps.now(), byId };
  }

  /** The resources tickets name; an API user that may not read Resources still loads its tickets, with ids for names. */
  private async resourcesFor(tickets: readonly AtTicket[]): Promise<Resources> {
    let resources: Resources;
    try {
      resources = await this.resources.get();
    } catch (error) {
      if (isPsaError(error) && (error.kind === 'forbidden' || error.kind === 'notFound')) return { byId: new Map(), loadedAt: this.deps.now() } as Resources;
      throw error;
    }
    const unknown = tickets.some((t) => t.assignedResourceID != null && !resources.byId.has(t.assignedResourceID));
    if (!unknown || this.deps.now() - resources.loadedAt < REFRESH_AFTER_MS) return resources;
    this.resources.forget();
    return this.resources.get();
  }

  private async readServiceDeskRoles(resourceId: number): Promise<ServiceDeskRole[]> {
    const body: QueryBody = {
      filter: [
        { op: 'eq', field: 'resourceID', value: resourceId },
        { op: 'eq', field: 'isActive', value: true },
      ],
      IncludeFields: ['id', 'resourceID', 'roleID', 'isDefault', 'isActive'],
      MaxRecords: MAX_RECORDS,
    };
    const roles: ServiceDeskRole[] = [];
    for await (const items of this.queryPages('/ResourceServiceDeskRoles/query', body)) {
      for (const item of items) {
        const role = safeParseRecord(AtServiceDeskRole, item);
        if (role.success && role.data.isActive !== false) roles.push(role.data);
      }
    }
    return roles;
  }

  /** The role Autotask needs with an assignee or a time entry: the resource's default service desk role. */
  private async serviceDeskRole(resourceId: number): Promise<number> {
    const resource = (await this.resources.get()).byId.get(resourceId);
    if (resource?.defaultServiceDeskRoleID) return resource.defaultServiceDeskRoleID;
    const roles = await this.rolesByResource.get(resourceId);
    const role = roles.find((candidate) => candidate.isDefault) ?? roles[0];
    if (role) return role.roleID;
    const who = resource ? toMember(resource).name : `resource ${resourceId}`;
    throw new PsaError({
      kind: 'config',
      psa: AUTOTASK,
      detail: `${who} has no active service desk role`,
      userMessage: `${who} has no active service desk role in Autotask, so Autotask cannot assign tickets to them or take their time. Ask your Autotask administrator to give them one (Admin › Resources › Service Desk Roles).`,
    });
  }

  // ——— who "me" is ———

  /** The tech, never the API user (see `findMe`): the credentials' own resource counts when it is a technician. */
  private findMe(): Promise<AtResource> {
    const { meResourceId, meEmail, userName } = this.connection;
    const resources = async () => [...(await this.resources.get()).byId.values()];
    return findMe({
      psa: AUTOTASK,
      member: 'resource',
      technician: 'technician',
      chosenId: meResourceId,
      email: meEmail,
      members: resources,
      idOf: (resource) => resource.id,
      emailOf: (resource) => resource.email,
      isTechnician: (resource) => resource.isActive !== false && !isApiOnly(resource),
      own: async () => {
        const own = (await resources()).find((resource) => sameText(resource.userName, userName));
        return own && (await this.isTechnician(own)) ? own : null;
      },
      notATechnician: API_USER_NOT_A_TECH,
      cannotHoldTickets: (resource) => this.cannotHoldTickets(resource),
      nameOf: (resource) => toMember(resource).name,
    });
  }

  private async isTechnician(resource: AtResource): Promise<boolean> {
    return (await this.cannotHoldTickets(resource)) === null;
  }

  /**
   * Why a resource cannot hold a ticket, or null: inactive, an API-only user, or — when its record names no
   * licence (a shared API user's often shows only a `resourceType` such as Employee) — no active service desk
   * role, which Autotask requires of a ticket's assignee.
   */
  private async cannotHoldTickets(resource: AtResource): Promise<string | null> {
    if (resource.isActive === false) return 'is inactive';
    if (isApiOnly(resource)) return 'is an API-only user';
    if (resource.licenseType != null) return null;
    return (await this.rolesByResource.get(resource.id)).length > 0 ? null : 'has no active service desk role';
  }

  /** Writes made through a shared API user are made as the tech, when the tech is known. */
  private async writeHeaders(): Promise<Record<string, string>> {
    let me: AtResource;
    try {
      me = await this.me.get();
    } catch {
      return {};
    }
    return sameText(me.userName, this.connection.userName) ? {} : { ImpersonationResourceId: String(me.id) };
  }

  // ——— mapping ———

  private async mapParsed(parsed: readonly AtTicket[]): Promise<TicketPage> {
    const [zone, lists, resources] = await Promise.all([this.zone.current(), this.picklistsFor(parsed), this.resourcesFor(parsed), this.loadNames(parsed)]);
    return normalizeTickets(parsed, (at) => this.toTicket(at, zone, lists, resources));
  }

  private toTicket(at: AtTicket, zone: AutotaskZone, lists: Picklists, resources: Resources): Ticket {
    const label = (list: ReadonlyMap<number, PickItem>, value: number, what: string) => list.get(value)?.label ?? `${what} ${value}`;
    const pick = (list: ReadonlyMap<number, PickItem>, value: number | null | undefined, what: string) =>
      value == null ? null : { id: String(value), name: label(list, value, what) };
    const assignee = at.assignedResourceID == null ? null : resources.byId.get(at.assignedResourceID);
    const name = (cache: ReadonlyMap<number, string | null>, id: number, what: string) => cache.get(id) ?? `${what} ${id}`;
    return {
      id: String(at.id),
      number: at.ticketNumber,
      title: at.title,
      status: { id: String(at.status), name: label(lists.status, at.status, 'Status') },
      closed: lists.closedStatuses.includes(at.status) || at.completedDate !== null,
      board: pick(lists.queue, at.queueID, 'Queue'),
      priority:
        at.priority == null
          ? null
          : { id: String(at.priority), name: label(lists.priority, at.priority, 'Priority'), rank: lists.priorityRank.get(at.priority) ?? UNRANKED, colour: null },
      assignee:
        at.assignedResourceID == null
          ? null
          : { id: String(at.assignedResourceID), name: assignee ? toMember(assignee).name : `Resource ${at.assignedResourceID}` },
      team: null,
      company: at.companyID == null ? null : { id: String(at.companyID), name: name(this.companyNames, at.companyID, 'Company') },
      contact: at.contactID == null ? null : { id: String(at.contactID), name: name(this.contactNames, at.contactID, 'Contact') },
      type: pick(lists.issueType, at.issueType, 'Issue type'),
      subtype: pick(lists.subIssueType, at.subIssueType, 'Sub-issue type'),
      created: at.createDate,
      updated: at.lastActivityDate,
      sla: {
        respondBy: at.firstResponseDueDateTime,
        resolveBy: at.resolvedDueDateTime,
        respondedAt: at.firstResponseDateTime,
        resolvedAt: at.resolvedDateTime,
        met: at.serviceLevelAgreementHasBeenMet ?? null,
        dueBy: at.dueDateTime,
      },
      estimateHours: at.estimatedHours ?? null,
      // Autotask keeps worked hours on time entries, not on the ticket.
      actualHours: null,
      url: `${zone.webUrl}Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=${at.id}`,
    };
  }

  /** Company and contact names for the ids on these tickets not seen before: one query each, by `id in [...]`. */
  private async loadNames(tickets: readonly AtTicket[]): Promise<void> {
    const missing = (ids: (number | null | undefined)[], cache: ReadonlyMap<number, unknown>) =>
      [...new Set(ids.filter((id): id is number => id != null && !cache.has(id)))];
    await Promise.all([
      this.readNames('/Companies/query', missing(tickets.map((t) => t.companyID), this.companyNames), COMPANY_FIELDS, this.companyNames, (item) => {
        const company = safeParseRecord(AtCompany, item);
        return company.success ? [company.data.id, company.data.companyName?.trim() || null] : null;
      }),
      this.readNames('/Contacts/query', missing(tickets.map((t) => t.contactID), this.contactNames), CONTACT_FIELDS, this.contactNames, (item) => {
        const contact = safeParseRecord(AtContact, item);
        return contact.success ? [contact.data.id, fullName(contact.data.firstName, contact.data.lastName) || null] : null;
      }),
    ]);
  }

  private async readNames(
    path: string,
    ids: readonly number[],
    fields: readonly string[],
    cache: Map<number, string | null>,
    read: (item: unknown) => [number, string | null] | null,
  ): Promise<void> {
    for (let start = 0; start < ids.length; start += this.pageSize) {
      const chunk = ids.slice(start, start + this.pageSize);
      try {
        const body: QueryBody = { filter: [{ op: 'in', field: 'id', value: chunk }], IncludeFields: fields, MaxRecords: this.pageSize };
        for await (const items of this.queryPages(path, body)) {
          for (const item of items) {
            const entry = read(item);
            if (entry) cache.set(entry[0], entry[1]);
          }
        }
      } catch (error) {
        // Without the right to read companies or contacts (refused, or answered "not found" for the whole list),
        // tickets still load, with ids for names.
        if (!(isPsaError(error) && (error.kind === 'forbidden' || error.kind === 'notFound'))) throw error;
      }
      // Deleted, merged or hidden: not asked for again.
      for (const id of chunk) if (!cache.has(id)) cache.set(id, null);
    }
  }
}

// ——— helpers ———

function readPicklist(values: readonly unknown[]): PickItem[] {
  const items: PickItem[] = [];
  for (const raw of values) {
    const value = safeParseRecord(AtPicklistValue, raw);
    // An unreadable picklist row only costs that value its label.
    if (!value.success || !/^-?\d{1,15}$/.test(value.data.value)) continue;
    items.push({
      value: Number(value.data.value),
      label: value.data.label,
      sortOrder: value.data.sortOrder ?? null,
      active: value.data.isActive !== false,
    });
  }
  return items;
}

/** By `sortOrder` (values without one last), then by value. */
function byOrder(items: readonly PickItem[]): PickItem[] {
  return [...items].sort((a, b) => (a.sortOrder ?? UNRANKED) - (b.sortOrder ?? UNRANKED) || a.value - b.value);
}

function isClosedStatus(status: PickItem): boolean {
  return status.value === COMPLETE_STATUS || /^(complete|completed|closed)$/i.test(status.label.trim());
}

function isApiOnly(resource: AtResource): boolean {
  return resource.licenseType === API_USER_LICENSE || /^api\b/i.test(resource.resourceType?.trim() ?? '');
}

function toMember(resource: AtResource): Member {
  const name = fullName(resource.firstName, resource.lastName);
  const email = resource.email?.trim() || null;
  const identifier = resource.userName?.trim() || email || String(resource.id);
  return { id: String(resource.id), identifier, name: name || identifier, email, inactive: resource.isActive === false };
}

function fullName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last].map((part) => part?.trim()).filter(Boolean).join(' ');
}

/** The calendar day a time entry was worked, as the tech's clock shows it. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T00:00:00`;
}

function isAbsolute(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const malformed = (detail: string): PsaError => malformedFor(AUTOTASK, detail);

/**
 * The Autotask PSA dialect: zone discovery, the REST API under `/ATServicesRest/V1.0/` (paths and header names in
 * any case), and the web app's ticket pages. Shapes follow ../../shared psa-api.md: three static headers, JSON filter
 * trees by POST (or GET `?search=`), opaque `nextPageUrl` cursors of at most 500 records, sparse PATCH on the
 * collection, and HTTP 500 `{"errors":[...]}` for nearly every failure. Past the hourly request budget it slows down;
 * it never answers 429. Where the real API is unknown the simulator is strict and says so in the message.
 */
import { isLimited } from './access';
import { autotaskCredentials, type AutotaskCredentials } from './autotask-credentials';
import { AutotaskQueryError, compileFilter, filterFingerprint, parseQuery, type AutotaskQuery } from './autotask-filter';
import {
  companyFields, contactFields, createAutotaskModel, renderItem, resourceFields, roleFields, roleQueueFields, serviceDeskRoleFields,
  ticketFields, timeEntryFields, autotaskInstant,
  type AutotaskEntity, type AutotaskFieldDef, type AutotaskModel, type AutotaskResource, type TicketOverlay,
} from './autotask-model';
import { detailUrl, renderAutotaskClientPortal, renderAutotaskMissingTicket, renderAutotaskSignIn, renderAutotaskTicketList, renderAutotaskTicketPage } from './autotask-pages';
import { jsonResponse, redirectResponse, type Dialect, type FaultKind, type RouteMatch, type SimRequest, type SimResponse } from './dialect';
import type { SimData, SimTicket, SimTimeEntry } from './seed';
import { addTimeEntry, applyTicketChange, type TicketChange } from './tickets';

export interface AutotaskSimOptions {
  /** The zone's API base that zoneInformation advertises and cursors point under; default `{sim.url}/ATServicesRest/`. */
  apiBaseUrl?: string;
  /** The web app's base that zoneInformation advertises; default `{sim.url}/`. */
  webBaseUrl?: string;
  /** Default `America East 5`. */
  zoneName?: string;
  /** Requests a rolling hour before the simulator adds latency (the real threshold is 10,000). Also a fault: `autotaskHourlyBudget`. */
  hourlyBudget?: number;
  /** Past the budget a request waits this × (requests this hour ÷ budget). Default 1000 ms. */
  throttleDelayMs?: number;
  /** Serve an SLA on every ticket. By default tickets on the default SLA have none (SLA fields null), as on live tenants. */
  slaOnEveryTicket?: boolean;
}

export interface AutotaskDialectOptions {
  data: SimData;
  clock: () => number;
  /** The simulator's own URL (known once it listens): the default for the zone's URLs. */
  selfUrl: () => string;
  options?: AutotaskSimOptions;
  /** The current hourly budget (a fault the tests can change). */
  hourlyBudget: () => number;
  /** Users (`api` for the shared API user, a tech by identifier) whose security level may not query Contacts or Resources. */
  limitedUsers?: readonly string[];
}

export interface AutotaskDialect extends Dialect {
  /** e.g. `https://webservices5.autotask.net/ATServicesRest/` (always ends with `/`). */
  readonly apiBaseUrl: string;
  /** e.g. `https://ww5.autotask.net/` (always ends with `/`). */
  readonly webBaseUrl: string;
  /** Counts an API request in the rolling hour and answers the latency Autotask adds past the budget. */
  throttleDelayMs(method: string, url: URL): number;
  /** Requests counted in the rolling hour. */
  requestsThisHour(): number;
}

export const AUTOTASK_DEFAULT_HOURLY_BUDGET = 10_000;
const HOUR = 3_600_000;
const ZONE_CI = 472910;
const TITLE_MAX_LENGTH = 255;

// ---------------------------------------------------------------- errors in Autotask's shape

/** Autotask answers nearly every failure with HTTP 500 and a list of messages. */
const failure = (status: number, ...messages: string[]): SimResponse => jsonResponse(status, { errors: messages });
class AutotaskError extends Error {
  readonly messages: string[];
  constructor(messages: string | string[], readonly status = 500) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list.join(' '));
    this.messages = list;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AutotaskError(`The ${what} is not valid JSON.`);
  }
}

/** A cursor: which side of which id the next page starts, its size, and the query it belongs to. */
interface Cursor { after?: number; before?: number; size: number; query: string }
const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.after ?? null, cursor.before ?? null, cursor.size, cursor.query])).toString('base64url');
function decodeCursor(text: string | null): Cursor {
  try {
    const [after, before, size, query] = JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8')) as unknown[];
    if ((after !== null && typeof after !== 'number') || (before !== null && typeof before !== 'number') || typeof size !== 'number' || typeof query !== 'string') throw new Error('shape');
    return { after: after ?? undefined, before: before ?? undefined, size, query };
  } catch {
    throw new AutotaskError('The paging parameter is not a cursor this API issued: follow nextPageUrl or prevPageUrl as given.');
  }
}

// ---------------------------------------------------------------- the dialect

interface Actor {
  /** The resource whose credentials were sent. */
  user: AutotaskResource;
  /** The resource writes act as: ImpersonationResourceId when sent, else the user. */
  actingAs: AutotaskResource;
}
/** `actor` is null only on the routes that need no credentials (zoneInformation). */
interface Ctx { request: SimRequest; now: number; actor: Actor | null; apiBase: string; query: Map<string, string> }
type Handler = (ctx: Ctx, params: number[]) => SimResponse;
interface Route { method: string; template: string; pattern: RegExp; handler: Handler; auth: boolean }

const API_PATH = /^\/atservicesrest\/v1\.0(\/.*)?$/i;
const PAGE_DETAIL = /^\/mvc\/servicedesk\/ticketdetail\.mvc$/i;
const PAGE_COMMAND = /^\/autotask\/autotaskextend\/executecommand\.aspx$/i;
const PAGE_LIST = /^\/mvc\/servicedesk\/ticketgrid\.mvc$/i;
const PAGE_SIGN_IN = /^\/mvc\/framework\/authentication\.mvc\/authenticate$/i;
const PAGE_CLIENT_PORTAL = /^\/clientportal\/login\.aspx$/i;

export function createAutotask(options: AutotaskDialectOptions): AutotaskDialect {
  const { data, clock, selfUrl } = options;
  const settings = options.options ?? {};
  const apiBaseUrl = () => withSlash(settings.apiBaseUrl ?? `${selfUrl()}/ATServicesRest/`);
  const webBaseUrl = () => withSlash(settings.webBaseUrl ?? `${selfUrl()}/`);
  const throttleDelay = settings.throttleDelayMs ?? 1000;

  let cached: { members: number; credentials: AutotaskCredentials } | null = null;
  const credentials = (): AutotaskCredentials => {
    if (cached?.members !== data.members.length) cached = { members: data.members.length, credentials: autotaskCredentials(data) };
    return cached.credentials;
  };
  const model: AutotaskModel = createAutotaskModel(data, credentials);
  const overlays = new Map<number, TicketOverlay>();
  const overlay = (ticket: SimTicket): TicketOverlay => overlays.get(ticket.id) ?? {};
  const timeEntryRoles = new Map<number, number>();
  const timeEntryRole = (entry: SimTimeEntry): number | null => timeEntryRoles.get(entry.id) ?? model.defaultRoleId(entry.memberId);

  const ticketDefs = ticketFields(data, model, { overlay, now: clock, slaOnEveryTicket: settings.slaOnEveryTicket });
  const tickets: AutotaskEntity<SimTicket> = { path: 'Tickets', name: 'Ticket', fields: ticketDefs, records: () => data.tickets, id: (t) => t.id };
  // -------------------------------------------------------------- queries

  const fieldMap = <T>(entity: AutotaskEntity<T>) => new Map(entity.fields.map((definition) => [definition.name.toLowerCase(), definition]));

  /** The query of a request: the JSON body of a POST, or the `search` parameter of a GET. */
  function readQuery(ctx: Ctx): { query: AutotaskQuery; search: string | null } {
    if (ctx.request.method === 'GET') {
      const search = ctx.query.get('search');
      if (search === undefined || search.trim() === '') throw new AutotaskError('The search parameter is required: GET .../query?search={"filter":[...]}.');
      return { query: parseQuery(parseJson(search, 'search parameter')), search };
    }
    return { query: parseQuery(parseJson(ctx.request.body || 'null', 'request body')), search: null };
  }

  function includeSet<T>(entity: AutotaskEntity<T>, names: string[] | null): Set<string> | null {
    if (!names) return null;
    const byLower = fieldMap(entity);
    return new Set(names.map((name) => {
      const definition = byLower.get(name.toLowerCase());
      if (!definition) throw new AutotaskError(`IncludeFields: unable to find field '${name}' in the ${entity.name} entity.`);
      return definition.name;
    }));
  }

  function query<T>(ctx: Ctx, entity: AutotaskEntity<T>, paging: string | null): SimResponse {
    const { query: parsed, search } = readQuery(ctx);
    const predicate = compileFilter(parsed.filter, fieldMap(entity), entity.name);
    const only = includeSet(entity, parsed.includeFields);
    const fingerprint = filterFingerprint(parsed.filter);
    const cursor = paging === null ? null : decodeCursor(paging);
    if (cursor && cursor.query !== fingerprint) {
      throw new AutotaskError('This cursor belongs to another query: send the same filter with nextPageUrl as with the first page.');
    }
    const size = cursor?.size ?? parsed.maxRecords;
    const matching = entity.records().filter(predicate).sort((a, b) => entity.id(a) - entity.id(b));
    let start = 0;
    if (cursor?.after !== undefined) {
      const after = cursor.after;
      start = matching.findIndex((record) => entity.id(record) > after);
      if (start < 0) start = matching.length;
    } else if (cursor?.before !== undefined) {
      const before = cursor.before;
      const end = matching.findIndex((record) => entity.id(record) >= before);
      start = Math.max(0, (end < 0 ? matching.length : end) - size);
    }
    const page = matching.slice(start, start + size);
    const link = (next: Cursor) => {
      const url = `${ctx.apiBase}V1.0/${entity.path}/query/next?paging=${encodeCursor(next)}`;
      return search === null ? url : `${url}&search=${encodeURIComponent(search)}`;
    };
    const first = page[0];
    const last = page[page.length - 1];
    const nextPageUrl = last !== undefined && start + page.length < matching.length ? link({ after: entity.id(last), size, query: fingerprint }) : null;
    const prevPageUrl = first !== undefined && start > 0 ? link({ before: entity.id(first), size, query: fingerprint }) : null;
    return jsonResponse(200, {
      items: page.map((record) => renderItem(entity.fields, record, only)),
      pageDetails: { count: page.length, requestCount: size, prevPageUrl, nextPageUrl },
    });
  }

  function count<T>(ctx: Ctx, entity: AutotaskEntity<T>): SimResponse {
    const { query: parsed } = readQuery(ctx);
    const predicate = compileFilter(parsed.filter, fieldMap(entity), entity.name);
    return jsonResponse(200, { queryCount: entity.records().filter(predicate).length });
  }

  /** Entities a limited user's security level cannot read; their entityInformation says so in userAccessForQuery. */
  const RESTRICTED_ENTITIES: Readonly<Record<string, string>> = { Contacts: 'Contact', Resources: 'Resource' };
  const isLimitedUser = (actor: Actor) => isLimited(options.limitedUsers, actor.user.member?.identifier ?? 'api');
  function deniedEntity(actor: Actor, template: string): string | null {
    const match = /^\/V1\.0\/([A-Za-z]+)\/(query|\{id\})/.exec(template);
    const entity = match ? RESTRICTED_ENTITIES[match[1] ?? ''] : undefined;
    return entity && isLimitedUser(actor) ? entity : null;
  }

  function entityInformation<T>(ctx: Ctx, entity: AutotaskEntity<T>): SimResponse {
    const writable = entity.path === 'Tickets' || entity.path === 'TimeEntries';
    const queryAccess = ctx.actor && RESTRICTED_ENTITIES[entity.path] && isLimitedUser(ctx.actor) ? 'None' : 'All';
    return jsonResponse(200, {
      info: {
        name: entity.name, canCreate: entity.path === 'TimeEntries', canDelete: false, canQuery: true, canUpdate: writable,
        hasUserDefinedFields: entity.path === 'Tickets', supportsWebhookCallouts: false, userAccessForCreate: 'All', userAccessForDelete: 'None', userAccessForQuery: queryAccess, userAccessForUpdate: 'All',
      },
    });
  }

  function fieldInformation<T>(entity: AutotaskEntity<T>): SimResponse {
    return jsonResponse(200, {
      fields: entity.fields.map((definition: AutotaskFieldDef<T>) => ({
        name: definition.name,
        dataType: definition.type,
        length: definition.type === 'string' ? (definition.length ?? 100) : 0,
        isRequired: definition.required ?? false,
        isReadOnly: definition.readOnly ?? false,
        isQueryable: true,
        isReference: definition.reference !== undefined,
        referenceEntityType: definition.reference ?? '',
        isPickList: definition.picklist !== undefined,
        picklistValues: definition.picklist ? definition.picklist() : null,
        picklistParentValueField: definition.picklistParent ?? '',
        isSupportedWebhookField: false,
      })),
    });
  }

  // -------------------------------------------------------------- ticket writes

  const TICKET_FIELD_BY_LOWER = new Map(ticketDefs.map((definition) => [definition.name.toLowerCase(), definition]));
  /** Fields PUT sets to null when they are left out; the required ones make a PUT without them fail. */
  const PUT_CLEARS = ['description', 'issueType', 'subIssueType', 'ticketType', 'source', 'assignedResourceID', 'assignedResourceRoleID', 'contactID', 'estimatedHours'];
  const PUT_REQUIRES = ['title', 'status', 'priority', 'companyID', 'queueID', 'dueDateTime'];

  const integerOrNull = (name: string, value: unknown): number | null => {
    if (value === null) return null;
    const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) throw new AutotaskError(`${name} must be a whole number, not ${JSON.stringify(value)}.`);
    return number;
  };
  const requiredInteger = (name: string, value: unknown): number => {
    const number = integerOrNull(name, value);
    if (number === null) throw new AutotaskError(`${name} is required and cannot be null.`);
    return number;
  };

  function updateTicket(ctx: Ctx, mode: 'PATCH' | 'PUT'): SimResponse {
    const body = parseJson(ctx.request.body || 'null', 'request body');
    if (!isObject(body)) throw new AutotaskError('The body must be one ticket object such as {"id":10001,"status":8}.');
    const sent = new Map<string, unknown>();
    for (const [name, value] of Object.entries(body)) {
      if (name.toLowerCase() === 'userdefinedfields') continue;
      const definition = TICKET_FIELD_BY_LOWER.get(name.toLowerCase());
      if (!definition) throw new AutotaskError(`Unable to find field '${name}' in the Ticket entity.`);
      // Read-only fields may come back from a GET: they are ignored, as on the real API.
      if (definition.readOnly && definition.name !== 'id') continue;
      sent.set(definition.name, value);
    }
    const id = sent.get('id');
    if (id === undefined || id === null) throw new AutotaskError('id is required to update a ticket.');
    const ticketId = requiredInteger('id', id);
    const ticket = data.ticketsById.get(ticketId);
    if (!ticket) throw new AutotaskError(`Ticket ${ticketId} does not exist or you do not have access to it.`);
    if (mode === 'PUT') {
      const missing = PUT_REQUIRES.filter((name) => sent.get(name) === undefined || sent.get(name) === null);
      if (missing.length > 0) throw new AutotaskError(missing.map((name) => `${name} is required: PUT replaces the whole ticket, so every required field must be sent.`));
      for (const name of PUT_CLEARS) if (!sent.has(name)) sent.set(name, null);
    }
    const has = (name: string) => sent.has(name);
    const value = (name: string) => sent.get(name);
    const change: TicketChange = {};
    const next: TicketOverlay = { ...overlay(ticket) };

    if (has('title')) {
      const title = value('title');
      if (typeof title !== 'string' || title.trim() === '') throw new AutotaskError('title is required and must be text.');
      if (title.length > TITLE_MAX_LENGTH) throw new AutotaskError(`title is limited to ${TITLE_MAX_LENGTH} characters.`);
      change.summary = title;
    }
    if (has('companyID') && requiredInteger('companyID', value('companyID')) !== ticket.companyId) {
      throw new AutotaskError('companyID cannot be changed in the simulator: it does not move tickets between companies.');
    }
    let boardId = ticket.boardId;
    if (has('queueID')) {
      const queue = requiredInteger('queueID', value('queueID'));
      if (model.isInactiveQueue(queue)) throw new AutotaskError(`queueID ${queue} is an inactive queue.`);
      const board = model.boardForQueue(queue);
      if (board === undefined) throw new AutotaskError(`queueID ${queue} is not a value of the queueID picklist.`);
      if (board !== ticket.boardId) change.boardId = boardId = board;
    }
    const currentStatus = model.statusById().get(ticket.statusId);
    if (has('status')) {
      const statusValue = requiredInteger('status', value('status'));
      if (model.isInactiveStatus(statusValue)) throw new AutotaskError(`status ${statusValue} is an inactive status.`);
      const status = model.statusFor(boardId, statusValue);
      if (!status) throw new AutotaskError(`status ${statusValue} is not a value of the status picklist.`);
      change.statusId = status.id;
    } else if (boardId !== ticket.boardId && currentStatus) {
      // Autotask's statuses are global: a ticket keeps its status when it changes queue.
      change.statusId = data.statuses.find((status) => status.boardId === boardId && status.kind === currentStatus.kind)?.id;
    }
    if (has('priority')) {
      const priority = model.priorityFor(requiredInteger('priority', value('priority')));
      if (!priority) throw new AutotaskError(`priority ${String(value('priority'))} is not a value of the priority picklist.`);
      change.priorityId = priority.id;
    }
    if (has('issueType')) {
      const issueType = integerOrNull('issueType', value('issueType'));
      if (issueType !== null) {
        const type = data.ticketTypes.find((candidate) => candidate.id === issueType);
        if (!type) throw new AutotaskError(`issueType ${issueType} is not a value of the issueType picklist.`);
        if (type.boardId !== boardId) throw new AutotaskError(`issueType ${issueType} (${type.name}) is not used in this ticket's queue (the simulator keeps issue types per queue).`);
      }
      change.typeId = issueType;
    } else if (boardId !== ticket.boardId && ticket.typeId !== null) {
      change.typeId = null;
    }
    const typeId = change.typeId === undefined ? ticket.typeId : change.typeId;
    if (has('subIssueType')) {
      const subIssueType = integerOrNull('subIssueType', value('subIssueType'));
      if (subIssueType !== null) {
        const subType = data.subTypes.find((candidate) => candidate.id === subIssueType);
        if (!subType) throw new AutotaskError(`subIssueType ${subIssueType} is not a value of the subIssueType picklist.`);
        if (subType.typeId !== typeId) throw new AutotaskError(`subIssueType ${subIssueType} is not a sub-issue type of issueType ${typeId ?? 'null'}.`);
      }
      change.subTypeId = subIssueType;
    } else if (typeId !== ticket.typeId) {
      change.subTypeId = null;
    }
    if (has('ticketType')) {
      const ticketType = integerOrNull('ticketType', value('ticketType'));
      if (ticketType !== null && !model.isTicketType(ticketType)) throw new AutotaskError(`ticketType ${ticketType} is not a value of the ticketType picklist.`);
      next.ticketType = ticketType;
    }
    if (has('source')) {
      const source = integerOrNull('source', value('source'));
      if (source !== null && model.sourceFor(source) === undefined) throw new AutotaskError(`source ${source} is not a value of the source picklist.`);
      next.source = source;
    }
    if (has('description')) {
      const description = value('description');
      if (description !== null && typeof description !== 'string') throw new AutotaskError('description must be text.');
      next.description = description;
    }
    if (has('contactID')) {
      const contactId = integerOrNull('contactID', value('contactID'));
      if (contactId !== null && !data.contacts.some((contact) => contact.id === contactId && contact.companyId === ticket.companyId)) {
        throw new AutotaskError(`contactID ${contactId} is not a contact of the ticket's company.`);
      }
      change.contactId = contactId;
    }
    let requiredDate: number | undefined;
    if (has('dueDateTime')) {
      const due = value('dueDateTime');
      const parsed = typeof due === 'string' ? Date.parse(due) : Number.NaN;
      if (Number.isNaN(parsed)) throw new AutotaskError(`dueDateTime must be a date such as "2026-11-25T17:00:00.000Z", not ${JSON.stringify(due)}.`);
      requiredDate = parsed;
    }
    let budgetHours: number | null | undefined;
    if (has('estimatedHours')) {
      const hours = value('estimatedHours');
      if (hours !== null && (typeof hours !== 'number' || !(hours >= 0))) throw new AutotaskError('estimatedHours must be a number of hours of at least 0.');
      budgetHours = hours;
    }
    resolveAssignment(ticket, has('assignedResourceID'), value('assignedResourceID'), has('assignedResourceRoleID'), value('assignedResourceRoleID'), change, next);

    applyTicketChange(data, ticket, change, actorIdentifier(ctx.actor), ctx.now);
    if (requiredDate !== undefined) ticket.requiredDate = requiredDate;
    if (budgetHours !== undefined) ticket.budgetHours = budgetHours;
    overlays.set(ticket.id, next);
    return jsonResponse(200, { itemId: ticket.id });
  }

  /** The role rule: an assigned resource needs a service desk role of theirs, sent with it. */
  function resolveAssignment(ticket: SimTicket, hasResource: boolean, resource: unknown, hasRole: boolean, role: unknown, change: TicketChange, next: TicketOverlay): void {
    const resourceId = hasResource ? integerOrNull('assignedResourceID', resource) : undefined;
    const roleId = hasRole ? integerOrNull('assignedResourceRoleID', role) : undefined;
    if (resourceId === null) {
      if (roleId !== undefined && roleId !== null) throw new AutotaskError('assignedResourceRoleID must be empty when assignedResourceID is.');
      change.ownerId = null;
      next.roleId = null;
      return;
    }
    if (resourceId !== undefined) {
      if (roleId === undefined || roleId === null) {
        throw new AutotaskError('assignedResourceRoleID is required when assignedResourceID is set: an assigned resource needs a role.');
      }
      const member = data.members.find((candidate) => candidate.id === resourceId);
      if (!member || member.inactive) throw new AutotaskError(`assignedResourceID ${resourceId} is not an active resource who can be assigned tickets.`);
      if (!model.rolesOf(member.id).includes(roleId)) throw new AutotaskError(`assignedResourceRoleID ${roleId} is not a service desk role of resource ${resourceId}.`);
      change.ownerId = member.id;
      next.roleId = roleId;
      return;
    }
    if (roleId !== undefined) {
      const owner = ticket.ownerId;
      if (roleId === null) throw new AutotaskError('assignedResourceRoleID cannot be emptied while the ticket has an assigned resource.');
      if (owner === null) throw new AutotaskError('assignedResourceRoleID needs an assigned resource: send assignedResourceID with it.');
      if (!model.rolesOf(owner).includes(roleId)) throw new AutotaskError(`assignedResourceRoleID ${roleId} is not a service desk role of resource ${owner}.`);
      next.roleId = roleId;
    }
  }

  /** Who a write is recorded as: the impersonated or authenticated resource's identifier (the API user's user name). */
  const actorIdentifier = (actor: Actor | null): string => {
    if (!actor) throw new Error('a write reached a route without credentials');
    return actor.actingAs.member?.identifier ?? actor.actingAs.userName;
  };

  // -------------------------------------------------------------- time entries

  function postTimeEntry(ctx: Ctx): SimResponse {
    const body = parseJson(ctx.request.body || 'null', 'request body');
    if (!isObject(body)) throw new AutotaskError('The body must be one time entry object.');
    const sent = new Map(Object.entries(body).map(([name, value]) => [name.toLowerCase(), value]));
    const known = new Set(['id', 'ticketid', 'resourceid', 'roleid', 'dateworked', 'startdatetime', 'enddatetime', 'hoursworked', 'summarynotes', 'internalnotes', 'billingcodeid', 'userdefinedfields', 'timeentrytype']);
    for (const name of Object.keys(body)) if (!known.has(name.toLowerCase())) throw new AutotaskError(`Unable to find field '${name}' in the TimeEntry entity.`);
    const ticketId = requiredInteger('ticketID', sent.get('ticketid') ?? null);
    const ticket = data.ticketsById.get(ticketId);
    if (!ticket) throw new AutotaskError(`ticketID ${ticketId} is not a ticket.`);
    const resourceId = requiredInteger('resourceID', sent.get('resourceid') ?? null);
    const member = data.members.find((candidate) => candidate.id === resourceId);
    if (!member || member.inactive) throw new AutotaskError(`resourceID ${resourceId} is not an active resource who can log time.`);
    const roleId = requiredInteger('roleID', sent.get('roleid') ?? null);
    if (!model.rolesOf(member.id).includes(roleId)) throw new AutotaskError(`roleID ${roleId} is not a role of resource ${resourceId}.`);
    const date = (name: string, lower: string): number | null => {
      const raw = sent.get(lower);
      if (raw === undefined || raw === null) return null;
      const parsed = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(parsed)) throw new AutotaskError(`${name} must be a date such as "2026-11-25T09:30:00.000Z", not ${JSON.stringify(raw)}.`);
      return parsed;
    };
    const dateWorked = date('dateWorked', 'dateworked');
    if (dateWorked === null) throw new AutotaskError('dateWorked is required.');
    let start = date('startDateTime', 'startdatetime');
    let end = date('endDateTime', 'enddatetime');
    if (start !== null && end !== null && end <= start) throw new AutotaskError('endDateTime must be after startDateTime.');
    const rawHours = sent.get('hoursworked');
    let hours: number;
    if (rawHours !== undefined && rawHours !== null) {
      if (typeof rawHours !== 'number' || !(rawHours > 0) || rawHours > 24) throw new AutotaskError('hoursWorked must be a number of hours above 0 and at most 24.');
      hours = Math.round(rawHours * 100) / 100;
    } else if (start !== null && end !== null) {
      hours = Math.round(((end - start) / HOUR) * 100) / 100;
    } else {
      throw new AutotaskError('hoursWorked is required unless startDateTime and endDateTime are both given.');
    }
    start ??= end !== null ? end - Math.round(hours * HOUR) : dateWorked + 9 * HOUR;
    end ??= start + Math.round(hours * HOUR);
    const notes = sent.get('summarynotes');
    if (typeof notes !== 'string' || notes.trim() === '') throw new AutotaskError('summaryNotes is required for time entered on a ticket.');
    const entry = addTimeEntry(data, { ticketId: ticket.id, memberId: member.id, start, end, hours, notes }, actorIdentifier(ctx.actor), ctx.now);
    timeEntryRoles.set(entry.id, roleId);
    return jsonResponse(200, { itemId: entry.id });
  }

  // -------------------------------------------------------------- routes

  const routes: Route[] = [];
  const add = (method: string, template: string, handler: Handler, auth = true) => {
    const source = template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '(\\d+)');
    routes.push({ method, template: `/V1.0${template}`, pattern: new RegExp(`^${source}$`, 'i'), handler, auth });
  };
  add('GET', '/zoneInformation', (ctx) => zoneInformation(ctx), false);
  add('GET', '/ThresholdInformation', () => jsonResponse(200, {
    externalRequestThreshold: options.hourlyBudget(), requestThresholdTimeframe: 60, currentTimeframeRequestCount: requestsThisHour(),
  }));
  function addEntityRoutes<T>(entity: AutotaskEntity<T>): void {
    const path = `/${entity.path}`;
    for (const method of ['GET', 'POST']) {
      add(method, `${path}/query`, (ctx) => query(ctx, entity, null));
      add(method, `${path}/query/count`, (ctx) => count(ctx, entity));
      add(method, `${path}/query/next`, (ctx) => query(ctx, entity, ctx.query.get('paging') ?? null));
    }
    add('GET', `${path}/entityInformation`, (ctx) => entityInformation(ctx, entity));
    add('GET', `${path}/entityInformation/fields`, () => fieldInformation(entity));
    add('GET', `${path}/{id}`, (_ctx, [id]) => {
      const record = entity.records().find((candidate) => entity.id(candidate) === id);
      return jsonResponse(200, { item: record === undefined ? null : renderItem(entity.fields, record) });
    });
  }
  addEntityRoutes(tickets);
  addEntityRoutes<AutotaskResource>({ path: 'Resources', name: 'Resource', fields: resourceFields(), records: () => model.resources(), id: (r) => r.id });
  addEntityRoutes({ path: 'Roles', name: 'Role', fields: roleFields(), records: () => model.roles(), id: (r) => r.id });
  addEntityRoutes({ path: 'ResourceServiceDeskRoles', name: 'ResourceServiceDeskRole', fields: serviceDeskRoleFields(), records: () => model.serviceDeskRoles(), id: (r) => r.id });
  addEntityRoutes({ path: 'ResourceRoleQueues', name: 'ResourceRoleQueue', fields: roleQueueFields(), records: () => model.roleQueues(), id: (r) => r.id });
  addEntityRoutes({ path: 'TimeEntries', name: 'TimeEntry', fields: timeEntryFields(data, timeEntryRole), records: () => data.timeEntries, id: (e) => e.id });
  addEntityRoutes({ path: 'Companies', name: 'Company', fields: companyFields(data), records: () => data.companies, id: (c) => c.id });
  addEntityRoutes({ path: 'Contacts', name: 'Contact', fields: contactFields(), records: () => data.contacts, id: (c) => c.id });
  add('PATCH', '/Tickets', (ctx) => updateTicket(ctx, 'PATCH'));
  add('PUT', '/Tickets', (ctx) => updateTicket(ctx, 'PUT'));
  add('POST', '/Tickets', () => failure(405, 'The simulator does not create tickets through the Autotask API.'));
  add('POST', '/TimeEntries', (ctx) => postTimeEntry(ctx));

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

  function zoneInformation(ctx: Ctx): SimResponse {
    const user = ctx.query.get('user') ?? '';
    if (!knownUser(user)) return failure(500, `Zone information could not be determined for user '${user}'.`);
    return jsonResponse(200, { zoneName: settings.zoneName ?? 'America East 5', url: apiBaseUrl(), webUrl: webBaseUrl(), ci: ZONE_CI });
  }

  const knownUser = (userName: string): boolean => {
    const wanted = userName.trim().toLowerCase();
    const creds = credentials();
    return wanted !== '' && [creds.apiUser, ...creds.techs].some((user) => user.userName.toLowerCase() === wanted);
  };

  function authenticate(request: SimRequest): Actor | SimResponse {
    const header = (name: string): string => {
      const value = request.headers[name.toLowerCase()];
      return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
    };
    const creds = credentials();
    if (header('ApiIntegrationCode') !== creds.integrationCode) return failure(500, 'IntegrationCode is invalid.');
    const userName = header('UserName').toLowerCase();
    const secret = header('Secret');
    if (!userName || !secret) return failure(500, 'UserName and Secret are required.');
    const user = [creds.apiUser, ...creds.techs].find((candidate) => candidate.userName.toLowerCase() === userName);
    // An unknown user name is a 500, a known one with a wrong secret a 401 (apigrate/autotask-restapi issue 19, the
    // maintainer's account; the 401's body is an assumption: Autotask's usual errors array).
    if (!user) return failure(500, 'Unable to authenticate: the user name or secret is not valid.');
    if (user.secret !== secret) return failure(401, 'Unable to authenticate: the user name or secret is not valid.');
    const resources = model.resources();
    const resource = resources.find((candidate) => candidate.id === user.resourceId);
    if (!resource || !resource.isActive) return failure(500, 'Unable to authenticate: the resource is inactive.');
    const impersonation = header('ImpersonationResourceId');
    if (!impersonation) return { user: resource, actingAs: resource };
    const target = /^\d+$/.test(impersonation) ? resources.find((candidate) => candidate.id === Number(impersonation)) : undefined;
    if (!target || !target.isActive || !target.member) return failure(500, `ImpersonationResourceId ${impersonation} is not an active resource that can be impersonated.`);
    return { user: resource, actingAs: target };
  }

  // -------------------------------------------------------------- threshold

  const window: number[] = [];
  function requestsThisHour(): number {
    const cutoff = clock() - HOUR;
    while (window.length > 0 && (window[0] ?? 0) <= cutoff) window.shift();
    return window.length;
  }

  function classify(method: string, url: URL): (RouteMatch & { rest?: string }) | null {
    const path = url.pathname;
    const api = API_PATH.exec(path);
    if (api) {
      const rest = api[1] ?? '/';
      const found = findRoute(method, rest);
      const name = found && found !== 'wrongMethod' ? `${method} ${found.route.template}` : `${method} /V1.0 (unknown route)`;
      const isZone = found !== null && found !== 'wrongMethod' && !found.route.auth;
      return { kind: 'api', route: name, faultable: !isZone, rest };
    }
    if ([PAGE_DETAIL, PAGE_COMMAND, PAGE_LIST, PAGE_SIGN_IN, PAGE_CLIENT_PORTAL].some((page) => page.test(path))) return { kind: 'page' };
    return null;
  }

  function handlePage(request: SimRequest): SimResponse {
    const url = request.url;
    const param = (name: string) => [...url.searchParams].find(([key]) => key.toLowerCase() === name)?.[1];
    if (PAGE_LIST.test(url.pathname)) {
      const queue = param('queueid');
      const board = queue === undefined ? data.boards[0]?.id : model.boardForQueue(Number(queue));
      return board === undefined ? renderAutotaskMissingTicket(data, `queue ${queue ?? ''}`) : renderAutotaskTicketList(data, model, board);
    }
    if (PAGE_SIGN_IN.test(url.pathname)) return renderAutotaskSignIn(data);
    if (PAGE_CLIENT_PORTAL.test(url.pathname)) return renderAutotaskClientPortal(data);
    let ticket: SimTicket | undefined;
    let asked = '';
    if (PAGE_COMMAND.test(url.pathname)) {
      if ((param('code') ?? '').toLowerCase() !== 'openticketdetail') return renderAutotaskMissingTicket(data, `command ${param('code') ?? ''}`);
      asked = param('ticketid') ?? param('ticketnumber') ?? '';
      const number = param('ticketid') === undefined ? param('ticketnumber') : undefined;
      ticket = number !== undefined
        ? data.tickets.find((candidate) => model.ticketNumber(candidate).toLowerCase() === number.toLowerCase())
        : /^\d+$/.test(asked) ? data.ticketsById.get(Number(asked)) : undefined;
      // ExecuteCommand opens the ticket page itself, by id, in the window it was opened in (Autotask's pop-up).
      if (ticket) return redirectResponse(detailUrl(ticket.id));
    } else {
      asked = param('ticketid') ?? param('ticketnumber') ?? '';
      const number = param('ticketid') === undefined ? param('ticketnumber') : undefined;
      ticket = number !== undefined
        ? data.tickets.find((candidate) => model.ticketNumber(candidate).toLowerCase() === number.toLowerCase())
        : /^\d+$/.test(asked) ? data.ticketsById.get(Number(asked)) : undefined;
    }
    if (!ticket) return renderAutotaskMissingTicket(data, asked);
    const description = ticketDefs.find((definition) => definition.name === 'description')?.get(ticket);
    return renderAutotaskTicketPage(data, model, ticket, typeof description === 'string' ? description : '');
  }

  function handleApi(request: SimRequest, rest: string): SimResponse {
    const found = findRoute(request.method, rest);
    if (found === null) return failure(404, `No such resource: ${request.url.pathname}.`);
    if (found === 'wrongMethod') return failure(405, `The requested resource does not support http method '${request.method}'.`);
    const query = new Map<string, string>();
    for (const [name, value] of request.url.searchParams) if (!query.has(name.toLowerCase())) query.set(name.toLowerCase(), value);
    let actor: Actor | null = null;
    if (found.route.auth) {
      const result = authenticate(request);
      if (!('actingAs' in result)) return result;
      actor = result;
    }
    const ctx: Ctx = { request, now: clock(), actor, apiBase: apiBaseUrl(), query };
    const denied = actor ? deniedEntity(actor, found.route.template) : null;
    if (denied) {
      // An assumption (no public source shows the answer): Autotask's usual shape, HTTP 500 with errors[].
      return failure(500, `The logged in user does not have permission to query the ${denied} entity: its security level allows no access.`);
    }
    try {
      return found.route.handler(ctx, found.params);
    } catch (error) {
      if (error instanceof AutotaskError) return failure(error.status, ...error.messages);
      if (error instanceof AutotaskQueryError) return failure(500, error.message);
      throw error;
    }
  }

  return {
    name: 'autotask',
    get apiBaseUrl() { return apiBaseUrl(); },
    get webBaseUrl() { return webBaseUrl(); },
    match(method, url) {
      const found = classify(method, url);
      if (!found) return null;
      return found.kind === 'page' ? { kind: 'page' } : { kind: 'api', route: found.route, faultable: found.faultable };
    },
    handle(request) {
      const found = classify(request.method, request.url);
      if (!found) return failure(404, `No such resource: ${request.url.pathname}.`);
      if (found.kind === 'page') return handlePage(request);
      return handleApi(request, found.rest ?? '/');
    },
    throttleDelayMs(method, url) {
      const found = classify(method, url);
      if (!found || found.kind !== 'api' || !found.faultable) return 0;
      const count = requestsThisHour() + 1;
      window.push(clock());
      const budget = Math.max(1, options.hourlyBudget());
      return count > budget ? Math.round((throttleDelay * count) / budget) : 0;
    },
    requestsThisHour,
    faultResponse(kind: FaultKind): SimResponse {
      // Autotask never answers 429: an integration over its threshold is slowed, then refused like any other failure.
      if (kind === 'rateLimited') return failure(500, 'The request threshold of this database has been exceeded: requests are refused for now. Try again later.');
      return failure(500, 'An unexpected error has occurred. Please try again later.');
    },
    state() {
      const creds = credentials();
      return {
        apiBaseUrl: apiBaseUrl(), webBaseUrl: webBaseUrl(), integrationCode: creds.integrationCode, apiUser: creds.apiUser.userName,
        hourlyBudget: options.hourlyBudget(), requestsThisHour: requestsThisHour(),
      };
    },
  };
}

/** The served instant of a ticket's lastActivityDate (milliseconds included), for tests that build filters from data. */
export function autotaskLastActivity(ticket: SimTicket): number {
  return autotaskInstant(ticket.updatedAt, ticket.id) ?? ticket.updatedAt;
}


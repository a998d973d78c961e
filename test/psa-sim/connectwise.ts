/**
 * The ConnectWise PSA (Manage) dialect: `GET /login/companyinfo/{companyId}`, the REST API under
 * `/{codebase}apis/3.0/`, and the web app's ticket pages. Shapes follow ../../shared psa-api.md; where the
 * real API is unknown the simulator is strict (a 400 naming the problem) rather than forgiving.
 */
import { isLimited } from './access';
import { compileConditions, ConditionsError, type FieldSpec, type FieldTable } from './conditions';
import { renderBoardPage, renderCustomerPortalPage, renderMissingTicketPage, renderSignInPage, renderTicketPage } from './connectwise-pages';
import { jsonResponse, redirectResponse, type Dialect, type FaultKind, type RouteMatch, type SimRequest, type SimResponse } from './dialect';
import {
  DEMO_CLIENT_ID, DEMO_COMPANY_ID, type SimBoard, type SimCompany, type SimContact, type SimData, type SimMember,
  type SimPriority, type SimSla, type SimStatus, type SimSubType, type SimTeam, type SimTicket, type SimTicketType, type SimTimeEntry,
} from './seed';
import { addTimeEntry, applyTicketChange, type TicketChange } from './tickets';

export interface ConnectWiseOptions {
  data: SimData;
  clock: () => number;
  /** Members (by identifier) whose security role cannot inquire on companies or their contacts. */
  limitedMembers?: readonly string[];
}
export interface ConnectWiseDialect extends Dialect {
  /** The current codebase, e.g. `v2025_1/`. */
  readonly codebase: string;
  /** Moves the codebase to the next release: the old API prefix answers 404 from now on. */
  moveCodebase(): string;
}

const CODEBASE_YEAR = 2025;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 25;
const SUMMARY_MAX_LENGTH = 100;
const DEPARTMENT = { id: 10, identifier: 'Service', name: 'Service' };
const SOURCES = [
  { id: 1, name: 'Email', defaultFlag: true },
  { id: 2, name: 'Phone', defaultFlag: false },
  { id: 3, name: 'Portal', defaultFlag: false },
];

type Json = Record<string, unknown>;

/** A date as ConnectWise writes it: UTC, whole seconds, `Z`. */
export function cwDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
const cwDateOrUndefined = (ms: number | null): string | undefined => (ms === null ? undefined : cwDate(ms));

/** `11/25/2026 3:00 PM` (UTC), as ConnectWise writes times in slaStatus. */
function slaTime(ms: number): string {
  const date = new Date(ms);
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

// ---------------------------------------------------------------- errors in ConnectWise's shapes

const unauthorized = (message: string): SimResponse => jsonResponse(401, { code: 'Unauthorized', message });
const notFound = (message: string): SimResponse => jsonResponse(404, { code: 'NotFound', message });
/** A bad query parameter: the message names the problem, `field` names the parameter. */
function invalidParameter(resource: string, field: string, message: string): SimResponse {
  return jsonResponse(400, { code: 'InvalidObject', message, errors: [{ code: 'InvalidField', message, resource, field }] });
}
/** A bad body (PATCH, POST): ConnectWise says "<resource> object is invalid" and lists the fields. */
function invalidObject(resource: string, field: string, message: string, code = 'InvalidField'): SimResponse {
  return jsonResponse(400, { code: 'InvalidObject', message: `${resource} object is invalid`, errors: [{ code, message, resource, field }] });
}
class BadRequest extends Error {
  constructor(readonly response: SimResponse) { super('bad request'); }
}

// ---------------------------------------------------------------- lookups

/** An id index over a list that is rebuilt if the list is replaced or grows. */
function indexById<T extends { id: number }>(list: () => readonly T[]): (id: number | null) => T | undefined {
  let source: readonly T[] | null = null;
  let length = -1;
  let map = new Map<number, T>();
  return (id) => {
    const current = list();
    if (current !== source || current.length !== length) {
      source = current;
      length = current.length;
      map = new Map(current.map((item) => [item.id, item]));
    }
    return id === null ? undefined : map.get(id);
  };
}

function createLookups(data: SimData) {
  return {
    board: indexById(() => data.boards),
    status: indexById(() => data.statuses),
    priority: indexById(() => data.priorities),
    member: indexById(() => data.members),
    company: indexById(() => data.companies),
    contact: indexById(() => data.contacts),
    team: indexById(() => data.teams),
    type: indexById(() => data.ticketTypes),
    subType: indexById(() => data.subTypes),
    sla: indexById(() => data.slas),
  };
}
type Lookups = ReturnType<typeof createLookups>;

// ---------------------------------------------------------------- resources

interface Ctx {
  request: SimRequest;
  member: SimMember;
  now: number;
  /** Query parameters by lower-case name (the real API's parameter names are case-insensitive). */
  query: Map<string, string>;
  /** `origin/{codebase}apis/3.0`: the base of every href. */
  apiBase: string;
}

interface CwResource<T> {
  /** The resource name in error bodies, e.g. `ticket`. */
  name: string;
  /** The name in not-found messages, e.g. `Ticket`. */
  label: string;
  fields: FieldTable<T>;
  aliases?: Readonly<Record<string, string>>;
  id(record: T): number;
  render(record: T): Json;
}

const num = <T>(get: (record: T) => number | null): FieldSpec<T> => ({ type: 'number', get });
const str = <T>(get: (record: T) => string | null | undefined): FieldSpec<T> => ({ type: 'string', get: (record) => get(record) ?? null });
const bool = <T>(get: (record: T) => boolean): FieldSpec<T> => ({ type: 'boolean', get });
const date = <T>(get: (record: T) => number | null): FieldSpec<T> => ({ type: 'date', get });
const INFO_ALIASES = { lastUpdated: '_info/lastUpdated', dateEntered: '_info/dateEntered' } as const;

const memberName = (member: SimMember): string => `${member.firstName} ${member.lastName}`;
const contactName = (contact: SimContact): string => `${contact.firstName} ${contact.lastName}`;

interface SlaFacts { isInSla: boolean; slaStatus: string }
function slaFacts(ticket: SimTicket, status: SimStatus | undefined, now: number): SlaFacts {
  if (ticket.slaId === null) return { isInSla: true, slaStatus: '' };
  const responded = (ticket.respondedAt ?? now) <= ticket.respondBy;
  const resolved = (ticket.resolvedAt ?? now) <= ticket.resolveBy;
  const isInSla = responded && resolved;
  if (status?.closed) return { isInSla, slaStatus: 'Resolved' };
  if (status?.kind === 'waiting') return { isInSla, slaStatus: 'Waiting' };
  if (ticket.respondedAt === null) return { isInSla, slaStatus: `Respond by ${slaTime(ticket.respondBy)}` };
  if (ticket.resplanAt === null) return { isInSla, slaStatus: `Plan by ${slaTime(ticket.resplanBy)}` };
  return { isInSla, slaStatus: `Resolve by ${slaTime(ticket.resolveBy)}` };
}
const minutesBetween = (from: number, to: number | null): number => (to === null ? 0 : Math.max(0, Math.round((to - from) / 60_000)));

function ticketResource(lookups: Lookups, ctx: Ctx): CwResource<SimTicket> {
  const base = ctx.apiBase;
  const status = (ticket: SimTicket) => lookups.status(ticket.statusId);
  const owner = (ticket: SimTicket) => lookups.member(ticket.ownerId);
  const contact = (ticket: SimTicket) => lookups.contact(ticket.contactId);
  const sla = (ticket: SimTicket) => slaFacts(ticket, status(ticket), ctx.now);
  const closedDate = (ticket: SimTicket) => (status(ticket)?.closed ? ticket.resolvedAt : null);
  const fields: FieldTable<SimTicket> = {
    id: num((t) => t.id),
    summary: str((t) => t.summary),
    recordType: str(() => 'ServiceTicket'),
    'board/id': num((t) => t.boardId),
    'board/name': str((t) => lookups.board(t.boardId)?.name),
    'status/id': num((t) => t.statusId),
    'status/name': str((t) => status(t)?.name),
    'status/Sort': num((t) => status(t)?.sortOrder ?? null),
    'company/id': num((t) => t.companyId),
    'company/identifier': str((t) => lookups.company(t.companyId)?.identifier),
    'company/name': str((t) => lookups.company(t.companyId)?.name),
    'contact/id': num((t) => t.contactId),
    'contact/name': str((t) => { const c = contact(t); return c ? contactName(c) : null; }),
    contactName: str((t) => { const c = contact(t); return c ? contactName(c) : null; }),
    contactEmailAddress: str((t) => contact(t)?.email),
    'type/id': num((t) => t.typeId),
    'type/name': str((t) => lookups.type(t.typeId)?.name),
    'subType/id': num((t) => t.subTypeId),
    'subType/name': str((t) => lookups.subType(t.subTypeId)?.name),
    'item/id': num(() => null),
    'item/name': str(() => null),
    'team/id': num((t) => t.teamId),
    'team/name': str((t) => lookups.team(t.teamId)?.name),
    'owner/id': num((t) => t.ownerId),
    'owner/identifier': str((t) => owner(t)?.identifier),
    'owner/name': str((t) => { const o = owner(t); return o ? memberName(o) : null; }),
    'priority/id': num((t) => t.priorityId),
    'priority/name': str((t) => lookups.priority(t.priorityId)?.name),
    'priority/sort': num((t) => lookups.priority(t.priorityId)?.sortOrder ?? null),
    'source/id': num((t) => SOURCES.find((source) => source.name === t.source)?.id ?? null),
    'source/name': str((t) => t.source),
    severity: str((t) => t.severity),
    impact: str((t) => t.impact),
    requiredDate: date((t) => t.requiredDate),
    budgetHours: num((t) => t.budgetHours),
    actualHours: num((t) => t.actualHours),
    closedDate: date(closedDate),
    closedBy: str((t) => (status(t)?.closed ? t.closedBy : null)),
    closedFlag: bool((t) => status(t)?.closed ?? false),
    approved: bool(() => true),
    customerUpdatedFlag: bool(() => false),
    'sla/id': num((t) => t.slaId),
    'sla/name': str((t) => lookups.sla(t.slaId)?.name),
    slaStatus: str((t) => sla(t).slaStatus),
    isInSla: bool((t) => sla(t).isInSla),
    respondMinutes: num((t) => minutesBetween(t.enteredAt, t.respondedAt)),
    resPlanMinutes: num((t) => minutesBetween(t.enteredAt, t.resplanAt)),
    resolveMinutes: num((t) => minutesBetween(t.enteredAt, t.resolvedAt)),
    dateResponded: date((t) => t.respondedAt),
    dateResplan: date((t) => t.resplanAt),
    dateResolved: date((t) => t.resolvedAt),
    resources: str((t) => owner(t)?.identifier),
    '_info/lastUpdated': date((t) => t.updatedAt),
    '_info/updatedBy': str((t) => t.updatedBy),
    '_info/dateEntered': date((t) => t.enteredAt),
    '_info/enteredBy': str((t) => t.enteredBy),
  };
  return {
    name: 'ticket',
    label: 'Ticket',
    fields,
    aliases: INFO_ALIASES,
    id: (ticket) => ticket.id,
    render(ticket) {
      const board = lookups.board(ticket.boardId);
      const ticketStatus = status(ticket);
      const company = lookups.company(ticket.companyId);
      const ticketContact = contact(ticket);
      const type = lookups.type(ticket.typeId);
      const subType = lookups.subType(ticket.subTypeId);
      const team = lookups.team(ticket.teamId);
      const ticketOwner = owner(ticket);
      const priority = lookups.priority(ticket.priorityId);
      const ticketSla = lookups.sla(ticket.slaId);
      const source = SOURCES.find((candidate) => candidate.name === ticket.source);
      const facts = sla(ticket);
      const closed = ticketStatus?.closed ?? false;
      return {
        id: ticket.id,
        summary: ticket.summary,
        recordType: 'ServiceTicket',
        board: board && { id: board.id, name: board.name, _info: { board_href: `${base}/service/boards/${board.id}` } },
        status: ticketStatus && {
          id: ticketStatus.id, name: ticketStatus.name, Sort: ticketStatus.sortOrder,
          _info: { status_href: `${base}/service/boards/${ticketStatus.boardId}/statuses/${ticketStatus.id}` },
        },
        company: company && { id: company.id, identifier: company.identifier, name: company.name, _info: { company_href: `${base}/company/companies/${company.id}` } },
        contact: ticketContact && { id: ticketContact.id, name: contactName(ticketContact), _info: { contact_href: `${base}/company/contacts/${ticketContact.id}` } },
        contactName: ticketContact && contactName(ticketContact),
        contactEmailAddress: ticketContact?.email,
        type: type && { id: type.id, name: type.name, _info: { type_href: `${base}/service/boards/${type.boardId}/types/${type.id}` } },
        subType: subType && { id: subType.id, name: subType.name, _info: { subType_href: `${base}/service/boards/${subType.boardId}/subtypes/${subType.id}` } },
        team: team && { id: team.id, name: team.name, _info: { team_href: `${base}/service/boards/${team.boardId}/teams/${team.id}` } },
        owner: ticketOwner && {
          id: ticketOwner.id, identifier: ticketOwner.identifier, name: memberName(ticketOwner),
          _info: { member_href: `${base}/system/members/${ticketOwner.id}` },
        },
        priority: priority && { id: priority.id, name: priority.name, sort: priority.sortOrder, _info: { priority_href: `${base}/service/priorities/${priority.id}` } },
        source: source && { id: source.id, name: source.name, _info: { source_href: `${base}/service/sources/${source.id}` } },
        severity: ticket.severity,
        impact: ticket.impact,
        requiredDate: cwDateOrUndefined(ticket.requiredDate),
        budgetHours: ticket.budgetHours ?? undefined,
        actualHours: ticket.actualHours,
        approved: true,
        closedDate: cwDateOrUndefined(closedDate(ticket)),
        closedBy: closed ? (ticket.closedBy ?? undefined) : undefined,
        closedFlag: closed,
        customerUpdatedFlag: false,
        sla: ticketSla && { id: ticketSla.id, name: ticketSla.name, _info: { sla_href: `${base}/service/SLAs/${ticketSla.id}` } },
        slaStatus: facts.slaStatus,
        isInSla: facts.isInSla,
        respondMinutes: minutesBetween(ticket.enteredAt, ticket.respondedAt),
        resPlanMinutes: minutesBetween(ticket.enteredAt, ticket.resplanAt),
        resolveMinutes: minutesBetween(ticket.enteredAt, ticket.resolvedAt),
        dateResponded: cwDateOrUndefined(ticket.respondedAt),
        dateResplan: cwDateOrUndefined(ticket.resplanAt),
        dateResolved: cwDateOrUndefined(ticket.resolvedAt),
        resources: ticketOwner?.identifier,
        _info: {
          lastUpdated: cwDate(ticket.updatedAt),
          updatedBy: ticket.updatedBy,
          dateEntered: cwDate(ticket.enteredAt),
          enteredBy: ticket.enteredBy,
        },
      };
    },
  };
}

function memberResource(ctx: Ctx, data: SimData): CwResource<SimMember> {
  const base = ctx.apiBase;
  const memberUpdated = data.seededAt - 30 * 24 * 3_600_000;
  const defaultBoard = (member: SimMember) => data.boards.find((board) => board.teamId === member.teamId);
  return {
    name: 'member',
    label: 'Member',
    fields: {
      id: num((m) => m.id),
      identifier: str((m) => m.identifier),
      firstName: str((m) => m.firstName),
      lastName: str((m) => m.lastName),
      title: str((m) => m.title),
      officeEmail: str((m) => m.email),
      primaryEmail: str((m) => m.email),
      inactiveFlag: bool((m) => m.inactive),
      licenseClass: str(() => 'F'),
      'defaultDepartment/id': num(() => DEPARTMENT.id),
      'defaultDepartment/identifier': str(() => DEPARTMENT.identifier),
      'defaultDepartment/name': str(() => DEPARTMENT.name),
      'serviceDefaultBoard/id': num((m) => defaultBoard(m)?.id ?? null),
      'serviceDefaultBoard/name': str((m) => defaultBoard(m)?.name),
      '_info/lastUpdated': date(() => memberUpdated),
    },
    aliases: { lastUpdated: '_info/lastUpdated' },
    id: (member) => member.id,
    render(member) {
      const board = defaultBoard(member);
      return {
        id: member.id,
        identifier: member.identifier,
        firstName: member.firstName,
        lastName: member.lastName,
        title: member.title,
        officeEmail: member.email,
        primaryEmail: member.email,
        inactiveFlag: member.inactive,
        licenseClass: 'F',
        defaultDepartment: { ...DEPARTMENT, _info: { department_href: `${base}/system/departments/${DEPARTMENT.id}` } },
        serviceDefaultBoard: board && { id: board.id, name: board.name, _info: { board_href: `${base}/service/boards/${board.id}` } },
        _info: { lastUpdated: cwDate(memberUpdated), member_href: `${base}/system/members/${member.id}` },
      };
    },
  };
}

/** A resource of small reference lists (boards, statuses, ...), whose fields are the rendered leaves. */
function simpleResource<T extends { id: number }>(name: string, label: string, fields: FieldTable<T>, render: (record: T) => Json): CwResource<T> {
  return { name, label, fields, id: (record) => record.id, render };
}

function boardResource(ctx: Ctx, dataUpdated: number): CwResource<SimBoard> {
  return simpleResource('board', 'Board', {
    id: num((b) => b.id), name: str((b) => b.name), inactiveFlag: bool(() => false), projectFlag: bool(() => false),
    '_info/lastUpdated': date(() => dataUpdated),
  }, (board) => ({
    id: board.id, name: board.name, inactiveFlag: false, projectFlag: false, signOffOnCloseFlag: false,
    _info: { lastUpdated: cwDate(dataUpdated), statuses_href: `${ctx.apiBase}/service/boards/${board.id}/statuses` },
  }));
}

function statusResource(ctx: Ctx, lookups: Lookups): CwResource<SimStatus> {
  return simpleResource('status', 'Status', {
    id: num((s) => s.id), name: str((s) => s.name), 'board/id': num((s) => s.boardId), 'board/name': str((s) => lookups.board(s.boardId)?.name),
    sortOrder: num((s) => s.sortOrder), displayOnBoard: bool(() => true), inactive: bool(() => false), closedStatus: bool((s) => s.closed),
    timeEntryNotAllowed: bool((s) => s.kind === 'closed'), defaultFlag: bool((s) => s.isDefault),
  }, (status) => {
    const board = lookups.board(status.boardId);
    return {
      id: status.id,
      name: status.name,
      board: board && { id: board.id, name: board.name, _info: { board_href: `${ctx.apiBase}/service/boards/${board.id}` } },
      sortOrder: status.sortOrder,
      displayOnBoard: true,
      inactive: false,
      closedStatus: status.closed,
      timeEntryNotAllowed: status.kind === 'closed',
      defaultFlag: status.isDefault,
    };
  });
}

function priorityResource(): CwResource<SimPriority> {
  return simpleResource('priority', 'Priority', {
    id: num((p) => p.id), name: str((p) => p.name), sortOrder: num((p) => p.sortOrder), color: str((p) => p.color), defaultFlag: bool((p) => p.isDefault),
  }, (priority) => ({ id: priority.id, name: priority.name, color: priority.color, sortOrder: priority.sortOrder, defaultFlag: priority.isDefault }));
}

function slaResource(data: SimData): CwResource<SimSla> {
  const defaultTarget = (sla: SimSla) => sla.targets.find((target) => data.priorities.find((p) => p.id === target.priorityId)?.isDefault) ?? sla.targets[0];
  return simpleResource('sla', 'SLA', {
    id: num((s) => s.id), name: str((s) => s.name), defaultFlag: bool((s) => s.isDefault),
  }, (sla) => ({
    id: sla.id, name: sla.name, defaultFlag: sla.isDefault, basedOn: 'AllHours',
    respondHours: defaultTarget(sla)?.respondHours, planWithin: defaultTarget(sla)?.planWithinHours, resolutionHours: defaultTarget(sla)?.resolutionHours,
  }));
}

interface SlaPriorityRow { id: number; sla: SimSla; priority: SimPriority; respondHours: number; planWithin: number; resolutionHours: number }
function slaPriorityResource(ctx: Ctx): CwResource<SlaPriorityRow> {
  return simpleResource('slaPriority', 'SLA priority', {
    id: num((r) => r.id), 'sla/id': num((r) => r.sla.id), 'priority/id': num((r) => r.priority.id), 'priority/name': str((r) => r.priority.name),
    respondHours: num((r) => r.respondHours), planWithin: num((r) => r.planWithin), resolutionHours: num((r) => r.resolutionHours),
  }, (row) => ({
    id: row.id,
    sla: { id: row.sla.id, name: row.sla.name, _info: { sla_href: `${ctx.apiBase}/service/SLAs/${row.sla.id}` } },
    priority: { id: row.priority.id, name: row.priority.name, _info: { priority_href: `${ctx.apiBase}/service/priorities/${row.priority.id}` } },
    respondHours: row.respondHours, planWithin: row.planWithin, resolutionHours: row.resolutionHours,
  }));
}

function teamResource(data: SimData): CwResource<SimTeam> {
  const teamMembers = (team: SimTeam) => data.members.filter((member) => member.teamId === team.id && member.isTech).map((member) => member.id);
  return simpleResource('team', 'Team', {
    id: num((t) => t.id), name: str((t) => t.name), boardId: num((t) => t.boardId), defaultFlag: bool(() => true),
  }, (team) => ({ id: team.id, name: team.name, boardId: team.boardId, defaultFlag: true, members: teamMembers(team) }));
}

function typeResource(ctx: Ctx): CwResource<SimTicketType> {
  return simpleResource('type', 'Type', {
    id: num((t) => t.id), name: str((t) => t.name), 'board/id': num((t) => t.boardId), inactiveFlag: bool(() => false), defaultFlag: bool(() => false),
  }, (type) => ({ id: type.id, name: type.name, board: { id: type.boardId, _info: { board_href: `${ctx.apiBase}/service/boards/${type.boardId}` } }, inactiveFlag: false, defaultFlag: false }));
}

function subTypeResource(ctx: Ctx): CwResource<SimSubType> {
  return simpleResource('subType', 'Subtype', {
    id: num((s) => s.id), name: str((s) => s.name), 'board/id': num((s) => s.boardId), inactiveFlag: bool(() => false),
  }, (subType) => ({
    id: subType.id, name: subType.name, board: { id: subType.boardId, _info: { board_href: `${ctx.apiBase}/service/boards/${subType.boardId}` } },
    typeAssociationIds: [subType.typeId], inactiveFlag: false,
  }));
}

function companyResource(dataUpdated: number): CwResource<SimCompany> {
  return simpleResource('company', 'Company', {
    id: num((c) => c.id), identifier: str((c) => c.identifier), name: str((c) => c.name), phoneNumber: str((c) => c.phone),
    'status/name': str(() => 'Active'), deletedFlag: bool(() => false), '_info/lastUpdated': date(() => dataUpdated),
  }, (company) => ({
    id: company.id, identifier: company.identifier, name: company.name, status: { id: 1, name: 'Active' }, phoneNumber: company.phone,
    deletedFlag: false, _info: { lastUpdated: cwDate(dataUpdated) },
  }));
}

function contactResource(ctx: Ctx, lookups: Lookups): CwResource<SimContact> {
  return simpleResource('contact', 'Contact', {
    id: num((c) => c.id), firstName: str((c) => c.firstName), lastName: str((c) => c.lastName),
    'company/id': num((c) => c.companyId), 'company/name': str((c) => lookups.company(c.companyId)?.name), inactiveFlag: bool(() => false),
  }, (contact) => {
    const company = lookups.company(contact.companyId);
    return {
      id: contact.id, firstName: contact.firstName, lastName: contact.lastName,
      company: company && { id: company.id, identifier: company.identifier, name: company.name, _info: { company_href: `${ctx.apiBase}/company/companies/${company.id}` } },
      inactiveFlag: false,
      communicationItems: [{ type: { id: 1, name: 'Email' }, value: contact.email, defaultFlag: true, communicationType: 'Email' }],
    };
  });
}

interface SourceRow { id: number; name: string; defaultFlag: boolean }
function sourceResource(): CwResource<SourceRow> {
  return simpleResource('source', 'Source', {
    id: num((s) => s.id), name: str((s) => s.name), defaultFlag: bool((s) => s.defaultFlag),
  }, (source) => ({ ...source }));
}

function timeEntryResource(ctx: Ctx, lookups: Lookups, data: SimData): CwResource<SimTimeEntry> {
  const ticket = (entry: SimTimeEntry) => data.ticketsById.get(entry.ticketId);
  const company = (entry: SimTimeEntry) => lookups.company(ticket(entry)?.companyId ?? null);
  const member = (entry: SimTimeEntry) => lookups.member(entry.memberId);
  return {
    name: 'timeEntry',
    label: 'Time entry',
    fields: {
      id: num((e) => e.id),
      chargeToId: num((e) => e.ticketId),
      chargeToType: str(() => 'ServiceTicket'),
      'company/id': num((e) => company(e)?.id ?? null),
      'company/identifier': str((e) => company(e)?.identifier),
      'member/id': num((e) => e.memberId),
      'member/identifier': str((e) => member(e)?.identifier),
      'member/name': str((e) => { const m = member(e); return m ? memberName(m) : null; }),
      'ticket/id': num((e) => e.ticketId),
      timeStart: date((e) => e.start),
      timeEnd: date((e) => e.end),
      actualHours: num((e) => e.hours),
      notes: str((e) => e.notes),
      billableOption: str(() => 'Billable'),
      '_info/lastUpdated': date((e) => e.updatedAt),
      '_info/dateEntered': date((e) => e.enteredAt),
      '_info/enteredBy': str((e) => e.enteredBy),
      '_info/updatedBy': str((e) => e.enteredBy),
    },
    aliases: INFO_ALIASES,
    id: (entry) => entry.id,
    render(entry) {
      const entryCompany = company(entry);
      const entryMember = member(entry);
      const entryTicket = ticket(entry);
      return {
        id: entry.id,
        company: entryCompany && { id: entryCompany.id, identifier: entryCompany.identifier, name: entryCompany.name, _info: { company_href: `${ctx.apiBase}/company/companies/${entryCompany.id}` } },
        chargeToId: entry.ticketId,
        chargeToType: 'ServiceTicket',
        member: entryMember && { id: entryMember.id, identifier: entryMember.identifier, name: memberName(entryMember), _info: { member_href: `${ctx.apiBase}/system/members/${entryMember.id}` } },
        timeStart: cwDate(entry.start),
        timeEnd: cwDate(entry.end),
        actualHours: entry.hours,
        billableOption: 'Billable',
        notes: entry.notes,
        ticket: entryTicket && { id: entryTicket.id, summary: entryTicket.summary, _info: { ticket_href: `${ctx.apiBase}/service/tickets/${entryTicket.id}` } },
        _info: { lastUpdated: cwDate(entry.updatedAt), updatedBy: entry.enteredBy, dateEntered: cwDate(entry.enteredAt), enteredBy: entry.enteredBy },
      };
    },
  };
}

// ---------------------------------------------------------------- the one list helper

function fieldLookup<T>(resource: CwResource<T>): Map<string, { path: string; spec: FieldSpec<T> }> {
  const map = new Map<string, { path: string; spec: FieldSpec<T> }>();
  for (const [path, spec] of Object.entries(resource.fields)) map.set(path.toLowerCase(), { path, spec });
  for (const [alias, target] of Object.entries(resource.aliases ?? {})) {
    const spec = resource.fields[target];
    if (spec) map.set(alias.toLowerCase(), { path: target, spec });
  }
  return map;
}

function compileFilter<T>(ctx: Ctx, resource: CwResource<T>): (record: T) => boolean {
  const conditions = ctx.query.get('conditions') ?? '';
  try {
    return compileConditions(conditions, resource.fields, resource.aliases);
  } catch (error) {
    if (error instanceof ConditionsError) throw new BadRequest(invalidParameter(resource.name, 'conditions', error.message));
    throw error;
  }
}

type Comparator<T> = (a: T, b: T) => number;
function parseOrderBy<T>(ctx: Ctx, resource: CwResource<T>): { comparator: Comparator<T>; byIdOnly: boolean } {
  const text = (ctx.query.get('orderby') ?? '').trim();
  const byId: Comparator<T> = (a, b) => resource.id(a) - resource.id(b);
  if (!text) return { comparator: byId, byIdOnly: true };
  const fields = fieldLookup(resource);
  const keys = text.split(',').map((part) => {
    const [name, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    const field = fields.get((name ?? '').toLowerCase());
    if (!name || !field) throw new BadRequest(invalidParameter(resource.name, 'orderBy', `Unknown field '${name ?? ''}' in orderBy.`));
    const lower = direction.toLowerCase();
    if ((lower !== 'asc' && lower !== 'desc') || rest.length > 0) {
      throw new BadRequest(invalidParameter(resource.name, 'orderBy', `orderBy '${part.trim()}' is invalid: write 'field asc' or 'field desc'.`));
    }
    return { get: field.spec.get, path: field.path, sign: lower === 'desc' ? -1 : 1 };
  });
  const comparator: Comparator<T> = (a, b) => {
    for (const key of keys) {
      const x = key.get(a);
      const y = key.get(b);
      if (x === y) continue;
      // SQL Server puts nulls first in ascending order.
      if (x === null) return -key.sign;
      if (y === null) return key.sign;
      const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'en', { sensitivity: 'base' }) : x < y ? -1 : x > y ? 1 : 0;
      if (order !== 0) return order * key.sign;
    }
    return byId(a, b);
  };
  const byIdOnly = keys.length === 1 && keys[0]?.path === 'id' && keys[0].sign === 1;
  return { comparator, byIdOnly };
}

/** The `fields` parameter as paths, checked against the resource; null when absent (the whole record). */
function parseFields<T>(ctx: Ctx, resource: CwResource<T>): string[][] | null {
  const text = ctx.query.get('fields');
  if (text === undefined || text.trim() === '') return null;
  const known = [...fieldLookup(resource).entries()];
  return text.split(',').map((part) => part.trim()).filter(Boolean).map((name) => {
    const lower = name.toLowerCase();
    const exact = known.find(([key]) => key === lower);
    if (exact) return exact[1].path.split('/');
    if (known.some(([key]) => key.startsWith(`${lower}/`))) return name.split('/');
    throw new BadRequest(invalidParameter(resource.name, 'fields', `Unknown field '${name}' in fields.`));
  });
}

/** Keeps only the given paths of a rendered record (matching names case-insensitively), in the record's order. */
function pickPaths(value: unknown, paths: string[][]): unknown {
  if (paths.some((path) => path.length === 0)) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    const lower = key.toLowerCase();
    const childPaths = paths.filter((path) => path[0]?.toLowerCase() === lower).map((path) => path.slice(1));
    if (childPaths.length === 0) continue;
    const picked = pickPaths(child, childPaths);
    if (picked !== undefined) out[key] = picked;
  }
  return out;
}

function positiveInteger(ctx: Ctx, resource: string, name: string, fallback: number): number {
  const raw = ctx.query.get(name.toLowerCase());
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new BadRequest(invalidParameter(resource, name, `${name} must be a whole number of at least 1, not '${raw}'.`));
  }
  return Number(raw);
}

function linkTo(ctx: Ctx, params: Record<string, string>): string {
  const search = new URLSearchParams();
  for (const [key, value] of ctx.request.url.searchParams) {
    if (!['page', 'pagesize', 'pageid'].includes(key.toLowerCase())) search.append(key, value);
  }
  for (const [key, value] of Object.entries(params)) search.append(key, value);
  return `<${ctx.request.origin}${ctx.request.url.pathname}?${search.toString()}>`;
}

function listResponse<T>(ctx: Ctx, resource: CwResource<T>, records: readonly T[]): SimResponse {
  const filter = compileFilter(ctx, resource);
  const order = parseOrderBy(ctx, resource);
  const fields = parseFields(ctx, resource);
  // Larger page sizes are quietly capped, as the real API does.
  const pageSize = Math.min(MAX_PAGE_SIZE, positiveInteger(ctx, resource.name, 'pageSize', DEFAULT_PAGE_SIZE));
  const forwardOnly = String(ctx.request.headers['pagination-type'] ?? '').toLowerCase() === 'forward-only';
  const links: string[] = [];
  let page: T[];
  if (forwardOnly) {
    if (!order.byIdOnly) {
      throw new BadRequest(invalidParameter(resource.name, 'orderBy', 'Forward-only pagination returns records ordered by id: leave orderBy out or use "id asc".'));
    }
    const rawPageId = ctx.query.get('pageid');
    if (rawPageId !== undefined && !/^\d+$/.test(rawPageId.trim())) {
      throw new BadRequest(invalidParameter(resource.name, 'pageId', `pageId must be a record id, not '${rawPageId}'.`));
    }
    const after = rawPageId === undefined ? 0 : Number(rawPageId);
    const matching = records.filter((record) => resource.id(record) > after && filter(record)).sort((a, b) => resource.id(a) - resource.id(b));
    page = matching.slice(0, pageSize);
    const last = page[page.length - 1];
    if (matching.length > pageSize && last !== undefined) {
      links.push(`${linkTo(ctx, { pageSize: String(pageSize), pageId: String(resource.id(last)) })}; rel="next"`);
    }
  } else {
    const pageNumber = positiveInteger(ctx, resource.name, 'page', 1);
    const matching = records.filter(filter).sort(order.comparator);
    const lastPage = Math.max(1, Math.ceil(matching.length / pageSize));
    page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    if (lastPage > 1) {
      const to = (n: number) => linkTo(ctx, { page: String(n), pageSize: String(pageSize) });
      if (pageNumber < lastPage) links.push(`${to(pageNumber + 1)}; rel="next"`);
      if (pageNumber > 1) links.push(`${to(Math.min(pageNumber - 1, lastPage))}; rel="prev"`, `${to(1)}; rel="first"`);
      links.push(`${to(lastPage)}; rel="last"`);
    }
  }
  const body = page.map((record) => {
    const rendered = resource.render(record);
    return fields ? pickPaths(rendered, fields) : rendered;
  });
  return jsonResponse(200, body, links.length > 0 ? { link: links.join(', ') } : {});
}

function countResponse<T>(ctx: Ctx, resource: CwResource<T>, records: readonly T[]): SimResponse {
  const filter = compileFilter(ctx, resource);
  let count = 0;
  for (const record of records) if (filter(record)) count++;
  return jsonResponse(200, { count });
}

function itemResponse<T>(ctx: Ctx, resource: CwResource<T>, record: T): SimResponse {
  const fields = parseFields(ctx, resource);
  const rendered = resource.render(record);
  return jsonResponse(200, fields ? pickPaths(rendered, fields) : rendered);
}

// ---------------------------------------------------------------- routes

type Handler = (ctx: Ctx, params: number[]) => SimResponse;
interface Route { method: string; template: string; pattern: RegExp; handler: Handler }

function route(method: string, template: string, handler: Handler): Route {
  const source = template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '(\\d+)');
  return { method, template, pattern: new RegExp(`^${source}$`, 'i'), handler };
}

/** List, count and by-id routes for one collection; `records` answers a 404 response for a missing parent. */
function collectionRoutes<T>(
  path: string,
  resource: (ctx: Ctx) => CwResource<T>,
  records: (ctx: Ctx, parentIds: number[]) => readonly T[] | SimResponse,
): Route[] {
  const withRecords = (ctx: Ctx, parentIds: number[], then: (list: readonly T[], res: CwResource<T>) => SimResponse): SimResponse => {
    const list = records(ctx, parentIds);
    return 'status' in list && !Array.isArray(list) ? (list as SimResponse) : then(list as readonly T[], resource(ctx));
  };
  return [
    route('GET', path, (ctx, ids) => withRecords(ctx, ids, (list, res) => listResponse(ctx, res, list))),
    route('GET', `${path}/count`, (ctx, ids) => withRecords(ctx, ids, (list, res) => countResponse(ctx, res, list))),
    route('GET', `${path}/{id}`, (ctx, ids) => withRecords(ctx, ids.slice(0, -1), (list, res) => {
      const id = ids[ids.length - 1];
      const record = list.find((candidate) => res.id(candidate) === id);
      return record === undefined ? notFound(`${res.label} with id ${id} was not found.`) : itemResponse(ctx, res, record);
    })),
  ];
}

// ---------------------------------------------------------------- writes

interface RefValue { id?: number; name?: string; identifier?: string }

/** Reads a patch value naming a record: `{id}` / `{name}` / `{identifier}`, or a bare value for `path/id`. */
function refValue(value: unknown, subField: string | undefined, path: string): RefValue {
  const asId = (raw: unknown): number | undefined => {
    if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
    if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
    return undefined;
  };
  const source: unknown = subField ? { [subField]: value } : value;
  if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    throw new BadRequest(invalidObject('ticket', path, `${path} must be an object such as {"id": 1}.`));
  }
  const entries = Object.entries(source as Record<string, unknown>);
  const out: RefValue = {};
  for (const [key, raw] of entries) {
    const lower = key.toLowerCase();
    if (lower === 'id') {
      const id = asId(raw);
      if (id === undefined) throw new BadRequest(invalidObject('ticket', `${path}/id`, `${path}/id must be a number.`));
      out.id = id;
    } else if (lower === 'name' || lower === 'identifier') {
      if (typeof raw !== 'string') throw new BadRequest(invalidObject('ticket', `${path}/${key}`, `${path}/${key} must be a string.`));
      out[lower] = raw;
    }
  }
  if (out.id === undefined && out.name === undefined && out.identifier === undefined) {
    throw new BadRequest(invalidObject('ticket', path, `${path} needs an id or a name.`, 'MissingRequiredField'));
  }
  return out;
}

function matchesRef(ref: RefValue, record: { id: number; name: string }): boolean {
  if (ref.id !== undefined) return record.id === ref.id;
  return ref.name !== undefined && record.name.toLowerCase() === ref.name.toLowerCase();
}

const PATCHABLE = ['summary', 'status', 'owner', 'board', 'priority', 'type', 'subtype', 'contact'] as const;
type Patchable = (typeof PATCHABLE)[number];

function patchTicket(data: SimData, ctx: Ctx, ticket: SimTicket): SimTicket {
  let operations: unknown;
  try {
    operations = JSON.parse(ctx.request.body || 'null');
  } catch {
    throw new BadRequest(invalidObject('operations', 'body', 'The request body is not valid JSON.'));
  }
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new BadRequest(invalidObject('operations', 'body', 'The body must be a non-empty JSON Patch array, e.g. [{"op":"replace","path":"status","value":{"id":1}}].'));
  }
  const wanted: Partial<Record<Patchable, RefValue | string | null>> = {};
  operations.forEach((operation: unknown, index) => {
    if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) {
      throw new BadRequest(invalidObject('operations', `[${index}]`, `Operation ${index} is not an object.`));
    }
    const { op, path, value } = operation as { op?: unknown; path?: unknown; value?: unknown };
    const kind = typeof op === 'string' ? op.toLowerCase() : '';
    if (kind !== 'replace' && kind !== 'add' && kind !== 'remove') {
      throw new BadRequest(invalidObject('operations', 'op', `Operation ${index}: op '${String(op)}' is not supported; use replace, add or remove.`));
    }
    if (typeof path !== 'string') throw new BadRequest(invalidObject('operations', 'path', `Operation ${index} has no path.`, 'MissingRequiredField'));
    const [head = '', sub, ...rest] = path.replace(/^\//, '').split('/');
    const field = PATCHABLE.find((candidate) => candidate === head.toLowerCase());
    const subField = sub?.toLowerCase();
    if (!field || rest.length > 0 || (subField !== undefined && !['id', 'name', 'identifier'].includes(subField)) || (field === 'summary' && subField)) {
      throw new BadRequest(invalidObject('ticket', path, `Cannot patch '${path}': it is not a field of ticket that can be changed.`));
    }
    const removing = kind === 'remove' || value === null;
    if (removing) {
      if (field === 'summary' || field === 'status' || field === 'board' || field === 'priority') {
        throw new BadRequest(invalidObject('ticket', field, `${field} is required and cannot be removed.`, 'MissingRequiredField'));
      }
      wanted[field] = null;
      return;
    }
    if (value === undefined) throw new BadRequest(invalidObject('ticket', field, `Operation ${index} (${kind} ${path}) has no value.`, 'MissingRequiredField'));
    if (field === 'summary') {
      if (typeof value !== 'string' || value.trim() === '') throw new BadRequest(invalidObject('ticket', 'summary', 'summary must be a non-empty string.'));
      if (value.length > SUMMARY_MAX_LENGTH) throw new BadRequest(invalidObject('ticket', 'summary', `summary is limited to ${SUMMARY_MAX_LENGTH} characters.`));
      wanted.summary = value;
      return;
    }
    wanted[field] = refValue(value, subField, field);
  });

  const change: TicketChange = {};
  const ref = (field: Patchable) => wanted[field] as RefValue | null | undefined;
  if (wanted.summary !== undefined) change.summary = wanted.summary as string;
  const boardRef = ref('board');
  if (boardRef) {
    const board = data.boards.find((candidate) => matchesRef(boardRef, candidate));
    if (!board) throw new BadRequest(invalidObject('ticket', 'board', `Board ${boardRef.id ?? `'${boardRef.name}'`} does not exist.`));
    change.boardId = board.id;
  }
  const boardId = change.boardId ?? ticket.boardId;
  const boardMoved = boardId !== ticket.boardId;
  const statusRef = ref('status');
  if (statusRef) {
    const status = data.statuses.find((candidate) => candidate.boardId === boardId && matchesRef(statusRef, candidate));
    if (!status) {
      throw new BadRequest(invalidObject('ticket', 'status', `Status ${statusRef.id ?? `'${statusRef.name}'`} is not a status of board ${boardId}.`));
    }
    change.statusId = status.id;
  } else if (boardMoved) {
    change.statusId = data.statuses.find((candidate) => candidate.boardId === boardId && candidate.isDefault)?.id;
  }
  const priorityRef = ref('priority');
  if (priorityRef) {
    const priority = data.priorities.find((candidate) => matchesRef(priorityRef, candidate));
    if (!priority) throw new BadRequest(invalidObject('ticket', 'priority', `Priority ${priorityRef.id ?? `'${priorityRef.name}'`} does not exist.`));
    change.priorityId = priority.id;
  }
  const ownerRef = ref('owner');
  if (ownerRef === null) change.ownerId = null;
  else if (ownerRef) {
    const wantedName = (ownerRef.identifier ?? ownerRef.name)?.toLowerCase();
    const owner = data.members.find((member) => (ownerRef.id !== undefined ? member.id === ownerRef.id : member.identifier.toLowerCase() === wantedName));
    if (!owner || owner.inactive) throw new BadRequest(invalidObject('ticket', 'owner', `Member ${ownerRef.id ?? `'${wantedName}'`} does not exist or is inactive.`));
    change.ownerId = owner.id;
  }
  const typeRef = ref('type');
  if (typeRef === null) change.typeId = null;
  else if (typeRef) {
    const type = data.ticketTypes.find((candidate) => candidate.boardId === boardId && matchesRef(typeRef, candidate));
    if (!type) throw new BadRequest(invalidObject('ticket', 'type', `Type ${typeRef.id ?? `'${typeRef.name}'`} is not a type of board ${boardId}.`));
    change.typeId = type.id;
  } else if (boardMoved) change.typeId = null;
  const typeId = change.typeId === undefined ? ticket.typeId : change.typeId;
  const subTypeRef = ref('subtype');
  if (subTypeRef === null) change.subTypeId = null;
  else if (subTypeRef) {
    const subType = data.subTypes.find((candidate) => candidate.boardId === boardId && matchesRef(subTypeRef, candidate) && (typeId === null || candidate.typeId === typeId));
    if (!subType) throw new BadRequest(invalidObject('ticket', 'subType', `Subtype ${subTypeRef.id ?? `'${subTypeRef.name}'`} is not a subtype of this ticket's type on board ${boardId}.`));
    change.subTypeId = subType.id;
  } else if (change.typeId !== undefined && change.typeId !== ticket.typeId) change.subTypeId = null;
  const contactRef = ref('contact');
  if (contactRef === null) change.contactId = null;
  else if (contactRef) {
    const contact = data.contacts.find((candidate) => candidate.companyId === ticket.companyId &&
      (contactRef.id !== undefined ? candidate.id === contactRef.id : contactName(candidate).toLowerCase() === contactRef.name?.toLowerCase()));
    if (!contact) throw new BadRequest(invalidObject('ticket', 'contact', `Contact ${contactRef.id ?? `'${contactRef.name}'`} is not a contact of the ticket's company.`));
    change.contactId = contact.id;
  }
  applyTicketChange(data, ticket, change, ctx.member.identifier, ctx.now);
  return ticket;
}

function parseTime(value: unknown, field: string): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new BadRequest(invalidObject('timeEntry', field, `${field} must be a date such as 2026-11-25T09:30:00Z.`));
  }
  return Date.parse(value);
}

function postTimeEntry(data: SimData, ctx: Ctx): SimTimeEntry {
  let body: unknown;
  try {
    body = JSON.parse(ctx.request.body || 'null');
  } catch {
    throw new BadRequest(invalidObject('timeEntry', 'body', 'The request body is not valid JSON.'));
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest(invalidObject('timeEntry', 'body', 'The body must be a time entry object.'));
  const entry = body as Record<string, unknown>;
  if (entry.chargeToType !== 'ServiceTicket') {
    throw new BadRequest(invalidObject('timeEntry', 'chargeToType', `chargeToType must be "ServiceTicket", not ${JSON.stringify(entry.chargeToType ?? null)}.`,
      entry.chargeToType === undefined ? 'MissingRequiredField' : 'InvalidField'));
  }
  if (entry.chargeToId === undefined) throw new BadRequest(invalidObject('timeEntry', 'chargeToId', 'chargeToId is required.', 'MissingRequiredField'));
  const ticket = typeof entry.chargeToId === 'number' ? data.ticketsById.get(entry.chargeToId) : undefined;
  if (!ticket) throw new BadRequest(invalidObject('timeEntry', 'chargeToId', `chargeToId ${JSON.stringify(entry.chargeToId)} is not a service ticket.`));
  let member = ctx.member;
  if (entry.member !== undefined) {
    const ref = entry.member as RefValue | null;
    const found = ref && typeof ref === 'object'
      ? data.members.find((candidate) => (ref.id !== undefined ? candidate.id === ref.id : candidate.identifier.toLowerCase() === String(ref.identifier ?? '').toLowerCase()))
      : undefined;
    if (!found) throw new BadRequest(invalidObject('timeEntry', 'member', `member ${JSON.stringify(entry.member)} is not a member.`));
    member = found;
  }
  if (entry.timeStart === undefined) throw new BadRequest(invalidObject('timeEntry', 'timeStart', 'timeStart is required.', 'MissingRequiredField'));
  const start = parseTime(entry.timeStart, 'timeStart');
  let end: number | null = entry.timeEnd === undefined ? null : parseTime(entry.timeEnd, 'timeEnd');
  if (end !== null && end <= start) throw new BadRequest(invalidObject('timeEntry', 'timeEnd', 'timeEnd must be after timeStart.'));
  let hours: number;
  if (entry.actualHours !== undefined) {
    if (typeof entry.actualHours !== 'number' || !(entry.actualHours > 0) || entry.actualHours > 24) {
      throw new BadRequest(invalidObject('timeEntry', 'actualHours', 'actualHours must be a number of hours above 0 and at most 24.'));
    }
    hours = Math.round(entry.actualHours * 100) / 100;
    end ??= start + Math.round(hours * 3_600_000);
  } else if (end !== null) {
    hours = Math.round(((end - start) / 3_600_000) * 100) / 100;
  } else {
    throw new BadRequest(invalidObject('timeEntry', 'timeEnd', 'Either timeEnd or actualHours is required.', 'MissingRequiredField'));
  }
  if (entry.notes !== undefined && typeof entry.notes !== 'string') throw new BadRequest(invalidObject('timeEntry', 'notes', 'notes must be a string.'));
  return addTimeEntry(data, { ticketId: ticket.id, memberId: member.id, start, end, hours, notes: (entry.notes as string | undefined) ?? '' }, ctx.member.identifier, ctx.now);
}

// ---------------------------------------------------------------- the dialect

export function createConnectWise(options: ConnectWiseOptions): ConnectWiseDialect {
  const { data, clock } = options;
  const lookups = createLookups(data);
  let release = 1;
  const codebase = () => `v${CODEBASE_YEAR}_${release}/`;
  const dataUpdated = data.seededAt - 90 * 24 * 3_600_000;

  const tickets = (ctx: Ctx) => ticketResource(lookups, ctx);
  const board = (ids: number[]) => lookups.board(ids[0] ?? null);
  const onBoard = <T extends { boardId: number }>(list: () => readonly T[]) => (_ctx: Ctx, ids: number[]): readonly T[] | SimResponse => {
    const found = board(ids);
    return found ? list().filter((item) => item.boardId === found.id) : notFound(`Board with id ${ids[0]} was not found.`);
  };

  const routes: Route[] = [
    ...collectionRoutes('/service/tickets', tickets, () => data.tickets),
    route('PATCH', '/service/tickets/{id}', (ctx, [id]) => {
      const ticket = data.ticketsById.get(id ?? -1);
      if (!ticket) return notFound(`Ticket with id ${id} was not found.`);
      return jsonResponse(200, tickets(ctx).render(patchTicket(data, ctx, ticket)));
    }),
    ...collectionRoutes('/service/boards', (ctx) => boardResource(ctx, dataUpdated), () => data.boards),
    ...collectionRoutes('/service/boards/{boardId}/statuses', (ctx) => statusResource(ctx, lookups), onBoard(() => data.statuses)),
    ...collectionRoutes('/service/boards/{boardId}/teams', () => teamResource(data), onBoard(() => data.teams)),
    ...collectionRoutes('/service/boards/{boardId}/types', (ctx) => typeResource(ctx), onBoard(() => data.ticketTypes)),
    ...collectionRoutes('/service/boards/{boardId}/subtypes', (ctx) => subTypeResource(ctx), onBoard(() => data.subTypes)),
    ...collectionRoutes('/service/priorities', () => priorityResource(), () => data.priorities),
    ...collectionRoutes('/service/sources', () => sourceResource(), () => SOURCES),
    ...collectionRoutes('/service/SLAs', () => slaResource(data), () => data.slas),
    ...collectionRoutes('/service/SLAs/{slaId}/priorities', (ctx) => slaPriorityResource(ctx), (_ctx, [slaId]) => {
      const sla = lookups.sla(slaId ?? null);
      if (!sla) return notFound(`SLA with id ${slaId} was not found.`);
      return sla.targets.flatMap((target, index) => {
        const priority = lookups.priority(target.priorityId);
        return priority ? [{
          id: sla.id * 100 + index + 1, sla, priority,
          respondHours: target.respondHours, planWithin: target.planWithinHours, resolutionHours: target.resolutionHours,
        }] : [];
      });
    }),
    ...collectionRoutes('/system/members', (ctx) => memberResource(ctx, data), () => data.members),
    route('GET', '/system/myMembers', (ctx) => jsonResponse(200, memberResource(ctx, data).render(ctx.member))),
    route('GET', '/system/info', () => jsonResponse(200, {
      version: `v${CODEBASE_YEAR}.${release}.${91000 + release}`, isCloud: true, serverTimeZone: 'Eastern Standard Time', cloudRegion: 'NA',
    })),
    ...collectionRoutes('/company/companies', () => companyResource(dataUpdated), () => data.companies),
    ...collectionRoutes('/company/contacts', (ctx) => contactResource(ctx, lookups), () => data.contacts),
    ...collectionRoutes('/time/entries', (ctx) => timeEntryResource(ctx, lookups, data), () => data.timeEntries),
    route('POST', '/time/entries', (ctx) => jsonResponse(201, timeEntryResource(ctx, lookups, data).render(postTimeEntry(data, ctx)))),
  ];

  const API_PATH = /^\/([^/]+\/)apis\/3\.0(\/.*)?$/i;
  const STABLE_CODEBASE = 'v4_6_release/';
  const PAGE_PATH = /^\/(v\d{4}_\d+\/|v4_6_release\/)(connectwise\.aspx|services\/system_io\/router\/openrecord\.rails|services\/system_io\/customerportal\/portal\.html)$/i;
  /** A browser whose session ended gets the sign-in form at ConnectWise.aspx itself, as the real app shows it. */
  const SIGNED_OUT_COOKIE = /(?:^|;\s*)cw-session=signed-out(?:;|$)/;
  const COMPANY_INFO_PATH = /^\/login\/companyinfo\/([^/]+)$/i;

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

  function classify(method: string, url: URL): (RouteMatch & { rest?: string; stale?: boolean }) | null {
    const path = url.pathname;
    if (COMPANY_INFO_PATH.test(path)) return { kind: 'api', route: 'GET /login/companyinfo/{companyId}', faultable: false };
    const api = API_PATH.exec(path);
    if (api) {
      const rest = api[2] ?? '/';
      const prefix = (api[1] ?? '').toLowerCase();
      // v4_6_release/ is served beside the versioned codebase and never goes stale (connectwise-rest's default entry point).
      if (prefix !== codebase().toLowerCase() && prefix !== STABLE_CODEBASE) return { kind: 'api', route: `${method} (stale codebase)`, faultable: true, stale: true };
      const found = findRoute(method, rest);
      const name = found && found !== 'wrongMethod' ? `${method} ${found.route.template}` : `${method} (unknown route)`;
      return { kind: 'api', route: name, faultable: true, rest };
    }
    if (path === '/' || PAGE_PATH.test(path)) return { kind: 'page' };
    return null;
  }

  function companyInfo(request: SimRequest, companyId: string): SimResponse {
    if (decodeURIComponent(companyId).toLowerCase() !== DEMO_COMPANY_ID) return jsonResponse(200, null);
    return jsonResponse(200, {
      CompanyName: data.mspName,
      Codebase: codebase(),
      VersionCode: `v${CODEBASE_YEAR}.${release}`,
      VersionNumber: `v4.6.${91000 + release}`,
      CompanyID: DEMO_COMPANY_ID,
      IsCloud: true,
      SiteUrl: request.url.host,
    });
  }

  function authenticate(request: SimRequest): SimMember | SimResponse {
    const header = request.headers.authorization;
    if (!header) return unauthorized('Authorization has been denied for this request: send Authorization: Basic base64(companyId+publicKey:privateKey).');
    const basic = /^basic\s+(\S+)$/i.exec(header.trim());
    const decoded = basic ? Buffer.from(basic[1] ?? '', 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon >= 0 ? decoded.slice(0, colon) : '';
    const privateKey = colon >= 0 ? decoded.slice(colon + 1) : '';
    const plus = user.indexOf('+');
    const company = plus >= 0 ? user.slice(0, plus) : '';
    const publicKey = plus >= 0 ? user.slice(plus + 1) : '';
    const member = company.toLowerCase() === DEMO_COMPANY_ID
      ? data.members.find((candidate) => candidate.publicKey === publicKey && candidate.privateKey === privateKey && !candidate.inactive)
      : undefined;
    if (!member) return unauthorized('Invalid credentials: the company id, public key or private key is not valid.');
    const clientId = request.headers.clientid;
    if (typeof clientId !== 'string' || clientId.trim() === '') {
      return unauthorized('clientId is required: send the clientId header with the integration\'s clientId (see https://developer.connectwise.com/ClientID).');
    }
    if (clientId.trim().toLowerCase() !== DEMO_CLIENT_ID) return unauthorized(`clientId '${clientId}' is invalid or not registered.`);
    return member;
  }

  function handleApi(request: SimRequest, rest: string): SimResponse {
    const found = findRoute(request.method, rest);
    if (found === null) return notFound(`The requested resource ${request.url.pathname} was not found.`);
    if (found === 'wrongMethod') {
      return jsonResponse(405, { code: 'NotSupported', message: `The requested resource does not support http method '${request.method}'.` });
    }
    const auth = authenticate(request);
    if (!('identifier' in auth)) return auth;
    const query = new Map<string, string>();
    for (const [key, value] of request.url.searchParams) if (!query.has(key.toLowerCase())) query.set(key.toLowerCase(), value);
    if (/^\/company\/(companies|contacts)\b/i.test(found.route.template) && isLimited(options.limitedMembers, auth.identifier)) {
      // An assumption (no public source shows this answer): 403 in ConnectWise's error shape.
      return jsonResponse(403, {
        code: 'Forbidden', message: `Member ${auth.identifier} does not have inquire access to Company Maintenance.`,
        errors: [{ code: 'Forbidden', message: 'Your security role does not allow you to view companies.', resource: 'company', field: '' }],
      });
    }
    const ctx: Ctx = { request, member: auth, now: clock(), query, apiBase: `${request.origin}/${codebase()}apis/3.0` };
    try {
      return found.route.handler(ctx, found.params);
    } catch (error) {
      if (error instanceof BadRequest) return error.response;
      throw error;
    }
  }

  function handlePage(request: SimRequest): SimResponse {
    const url = request.url;
    const current = codebase();
    if (url.pathname === '/') return redirectResponse(`/${current}ConnectWise.aspx`);
    const [, pathCodebase = '', page = ''] = PAGE_PATH.exec(url.pathname) ?? [];
    if (pathCodebase.toLowerCase() !== current.toLowerCase()) return redirectResponse(`/${current}${page}${url.search}`);
    const param = (name: string) => [...url.searchParams].find(([key]) => key.toLowerCase() === name)?.[1];
    if (page.toLowerCase().endsWith('portal.html')) return renderCustomerPortalPage(data, param('company') ?? '');
    const cookie = request.headers.cookie;
    if (page.toLowerCase() === 'connectwise.aspx' && typeof cookie === 'string' && SIGNED_OUT_COOKIE.test(cookie)) return renderSignInPage(data);
    const recid = param('recid');
    const isDetail = page.toLowerCase() === 'connectwise.aspx'
      ? (param('routeto') ?? '').toLowerCase() === 'servicefv' && recid !== undefined
      : (param('recordtype') ?? '').toLowerCase() === 'servicefv';
    if (!isDetail) {
      if (page.toLowerCase() !== 'connectwise.aspx') return renderMissingTicketPage(data, current, recid ?? '');
      return renderBoardPage(data, current, 1);
    }
    const ticket = /^\d+$/.test(recid ?? '') ? data.ticketsById.get(Number(recid)) : undefined;
    return ticket ? renderTicketPage(data, current, ticket) : renderMissingTicketPage(data, current, recid ?? '');
  }

  return {
    name: 'connectwise',
    get codebase() { return codebase(); },
    moveCodebase() {
      release++;
      return codebase();
    },
    match(method, url) {
      const found = classify(method, url);
      if (!found) return null;
      return found.kind === 'page' ? { kind: 'page' } : { kind: 'api', route: found.route, faultable: found.faultable };
    },
    handle(request) {
      const found = classify(request.method, request.url);
      if (!found) return notFound(`The requested resource ${request.url.pathname} was not found.`);
      if (found.kind === 'page') return handlePage(request);
      const companyInfoMatch = COMPANY_INFO_PATH.exec(request.url.pathname);
      if (companyInfoMatch) {
        return request.method === 'GET'
          ? companyInfo(request, companyInfoMatch[1] ?? '')
          : jsonResponse(405, { code: 'NotSupported', message: `The requested resource does not support http method '${request.method}'.` });
      }
      if (found.stale) return notFound(`The requested resource ${request.url.pathname} was not found.`);
      return handleApi(request, found.rest ?? '/');
    },
    faultResponse(kind: FaultKind, retryAfterSeconds: number): SimResponse {
      if (kind === 'rateLimited') {
        return jsonResponse(429, { code: 'TooManyRequests', message: `Too many requests. Retry after ${retryAfterSeconds} seconds.` }, { 'retry-after': String(retryAfterSeconds) });
      }
      return jsonResponse(500, { code: 'InternalError', message: 'An internal server error has occurred. Please try again later.' });
    },
    state() {
      return { codebase: codebase(), companyId: DEMO_COMPANY_ID, clientId: DEMO_CLIENT_ID };
    },
  };
}

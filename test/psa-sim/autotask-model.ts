/**
 * How Autotask sees the seeded MSP: picklists (queues, statuses, priorities, issue types, ...), roles, ticket
 * numbers, dates with milliseconds, and the field tables of the entities the dialect serves. The field tables drive
 * the query language, IncludeFields, rendering and `entityInformation/fields` alike, so they cannot disagree.
 *
 * Picklist values are integers served as strings in entityInformation. Their order differs from their sortOrder
 * on purpose (Complete is 5, Critical priority is 4): a client must rank by sortOrder, never by value.
 */
import { AUTOTASK_API_USER_RESOURCE_ID, AUTOTASK_DOMAIN, type AutotaskCredentials } from './autotask-credentials';
import type { AutotaskField, AutotaskFieldType, AutotaskValue } from './autotask-filter';
import type { SimCompany, SimContact, SimData, SimMember, SimStatus, SimTicket, SimTimeEntry, StatusKind, TicketSource } from './seed';

type Json = Record<string, unknown>;

export interface PicklistValue {
  value: string;
  label: string;
  sortOrder: number;
  isActive: boolean;
  isDefaultValue: boolean;
  isSystem: boolean;
  parentValue: string;
}

export interface AutotaskFieldDef<T> extends AutotaskField<T> {
  readOnly?: boolean;
  required?: boolean;
  /** The entity a reference field points to, e.g. `Company`. */
  reference?: string;
  picklist?: () => PicklistValue[];
  /** For a child picklist (subIssueType): the field whose value is its parentValue. */
  picklistParent?: string;
  length?: number;
}

export interface AutotaskEntity<T> {
  /** The path segment, e.g. `Tickets`. */
  path: string;
  /** The entity name in errors and entityInformation, e.g. `Ticket`. */
  name: string;
  fields: AutotaskFieldDef<T>[];
  records(): readonly T[];
  id(record: T): number;
}

export interface AutotaskRole { id: number; name: string; description: string }
export interface ServiceDeskRole { id: number; resourceID: number; roleID: number; isDefault: boolean; isActive: boolean }
export interface RoleQueue { id: number; resourceID: number; roleID: number; queueID: number; isDefault: boolean; isActive: boolean }
/** A resource: a member of the seed, or the shared API-only user. */
export interface AutotaskResource {
  id: number;
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  isActive: boolean;
  member: SimMember | null;
}

// ---------------------------------------------------------------- picklists

/** Queue values per board (Autotask ids are large); one more queue is inactive and holds no ticket. */
const QUEUE_BY_BOARD: Readonly<Record<number, number>> = { 1: 29683354, 2: 29683378, 3: 29683381 };
const INACTIVE_QUEUE = { value: 29683340, label: 'Level II Support (retired)' };
/** Autotask's Complete is 5; the other values are out of sortOrder on purpose. */
const STATUS_VALUE_BY_KIND: Readonly<Record<StatusKind, number>> = { new: 1, triage: 20, ready: 21, inProgress: 8, waiting: 7, scheduled: 10, completed: 5, closed: 22 };
const INACTIVE_STATUS = { value: 9, label: 'Waiting Materials' };
/** Priority value by the neutral priority's sortOrder: Critical is 4, as on a default Autotask database. */
const PRIORITY_VALUE_BY_RANK: Readonly<Record<number, number>> = { 1: 4, 2: 1, 3: 2, 4: 3 };
const SOURCES: ReadonlyArray<{ value: number; label: string; source: TicketSource }> = [
  { value: 2, label: 'Phone', source: 'Phone' },
  { value: 4, label: 'Email', source: 'Email' },
  { value: 6, label: 'Client Portal', source: 'Portal' },
];
const TICKET_TYPES = [
  { value: 1, label: 'Service Request' },
  { value: 2, label: 'Incident' },
  { value: 3, label: 'Problem' },
  { value: 4, label: 'Change Request' },
  { value: 5, label: 'Alert' },
];
const ROLE_BY_TITLE: Readonly<Record<string, AutotaskRole>> = {
  'Service Desk Technician': { id: 29683461, name: 'Help Desk Technician', description: 'First-line support' },
  'Senior Technician': { id: 29683462, name: 'Senior Technician', description: 'Second-line support' },
  'Project Engineer': { id: 29683463, name: 'Project Engineer', description: 'Projects and migrations' },
  'Network Engineer': { id: 29683464, name: 'Network Engineer', description: 'Networks and firewalls' },
  'Security Engineer': { id: 29683465, name: 'Security Engineer', description: 'Security operations' },
  'Service Manager': { id: 29683466, name: 'Service Manager', description: 'Dispatch and escalations' },
};
const HELP_DESK_ROLE = ROLE_BY_TITLE['Service Desk Technician'] as AutotaskRole;

const pick = (value: number, label: string, sortOrder: number, extra: Partial<PicklistValue> = {}): PicklistValue => ({
  value: String(value), label, sortOrder, isActive: true, isDefaultValue: false, isSystem: false, parentValue: '', ...extra,
});

export function createAutotaskModel(data: SimData, credentials: () => AutotaskCredentials) {
  const statusKindByValue = new Map<number, StatusKind>(Object.entries(STATUS_VALUE_BY_KIND).map(([kind, value]) => [value, kind as StatusKind]));
  const boardByQueue = new Map<number, number>(Object.entries(QUEUE_BY_BOARD).map(([board, queue]) => [queue, Number(board)]));
  let statusIndex: { source: readonly SimStatus[]; length: number; map: Map<number, SimStatus> } | null = null;
  const statusById = (): Map<number, SimStatus> => {
    if (!statusIndex || statusIndex.source !== data.statuses || statusIndex.length !== data.statuses.length) {
      statusIndex = { source: data.statuses, length: data.statuses.length, map: new Map(data.statuses.map((status) => [status.id, status])) };
    }
    return statusIndex.map;
  };

  const queueOfBoard = (boardId: number): number | null => QUEUE_BY_BOARD[boardId] ?? null;
  const queueOf = (ticket: SimTicket): number | null => queueOfBoard(ticket.boardId);
  const statusValue = (status: SimStatus | undefined): number | null => (status ? STATUS_VALUE_BY_KIND[status.kind] : null);
  const priorityValue = (priorityId: number): number | null => {
    const priority = data.priorities.find((candidate) => candidate.id === priorityId);
    return priority ? (PRIORITY_VALUE_BY_RANK[priority.sortOrder] ?? null) : null;
  };
  const sourceValue = (source: TicketSource): number | null => SOURCES.find((entry) => entry.source === source)?.value ?? null;
  const defaultTicketType = (ticket: SimTicket): number => {
    if (ticket.boardId === 2) return 4;
    const type = data.ticketTypes.find((candidate) => candidate.id === ticket.typeId);
    return type?.skill === 'security' ? 2 : 1;
  };

  /** The neutral status a status value means on a board, or undefined when the value is unknown or inactive. */
  function statusFor(boardId: number, value: number): SimStatus | undefined {
    const kind = statusKindByValue.get(value);
    return kind ? data.statuses.find((status) => status.boardId === boardId && status.kind === kind) : undefined;
  }
  function priorityFor(value: number) {
    const rank = Object.entries(PRIORITY_VALUE_BY_RANK).find(([, candidate]) => candidate === value)?.[0];
    return rank === undefined ? undefined : data.priorities.find((priority) => priority.sortOrder === Number(rank));
  }
  const boardForQueue = (queue: number): number | undefined => boardByQueue.get(queue);
  const sourceFor = (value: number): TicketSource | undefined => SOURCES.find((entry) => entry.value === value)?.source;
  const isTicketType = (value: number): boolean => TICKET_TYPES.some((entry) => entry.value === value);

  // -------------------------------------------------------------- picklists as served

  const firstBoardStatuses = () => data.statuses.filter((status) => status.boardId === data.boards[0]?.id);
  const picklists = {
    queueID: (): PicklistValue[] => [
      ...data.boards.map((board, index) => pick(QUEUE_BY_BOARD[board.id] ?? 0, board.name, index + 1, { isDefaultValue: index === 0 })),
      pick(INACTIVE_QUEUE.value, INACTIVE_QUEUE.label, data.boards.length + 1, { isActive: false }),
    ],
    status: (): PicklistValue[] => [
      ...firstBoardStatuses().map((status) => pick(STATUS_VALUE_BY_KIND[status.kind], status.name, status.sortOrder, {
        isDefaultValue: status.isDefault, isSystem: status.kind === 'new' || status.kind === 'completed',
      })),
      pick(INACTIVE_STATUS.value, INACTIVE_STATUS.label, firstBoardStatuses().length + 1, { isActive: false }),
    ].sort((a, b) => Number(a.value) - Number(b.value)),
    priority: (): PicklistValue[] => data.priorities
      .map((priority) => pick(PRIORITY_VALUE_BY_RANK[priority.sortOrder] ?? 0, priority.name, priority.sortOrder, { isDefaultValue: priority.isDefault }))
      .sort((a, b) => Number(a.value) - Number(b.value)),
    issueType: (): PicklistValue[] => data.ticketTypes.map((type, index) => pick(type.id, type.name, index + 1)),
    subIssueType: (): PicklistValue[] => data.subTypes.map((subType, index) => pick(subType.id, subType.name, index + 1, { parentValue: String(subType.typeId) })),
    ticketType: (): PicklistValue[] => TICKET_TYPES.map((entry, index) => pick(entry.value, entry.label, index + 1, { isDefaultValue: entry.value === 1, isSystem: true })),
    source: (): PicklistValue[] => SOURCES.map((entry, index) => pick(entry.value, entry.label, index + 1, { isDefaultValue: entry.source === 'Email' })),
  };

  // -------------------------------------------------------------- resources and roles

  const roles = (): AutotaskRole[] => Object.values(ROLE_BY_TITLE);
  const defaultRoleOf = (member: SimMember): AutotaskRole => ROLE_BY_TITLE[member.title] ?? HELP_DESK_ROLE;
  /** Every member's service desk roles: the one of their title (default), seniors also the help desk role. */
  let roleRows: { members: number; rows: ServiceDeskRole[] } | null = null;
  function serviceDeskRoles(): ServiceDeskRole[] {
    if (roleRows?.members === data.members.length) return roleRows.rows;
    const rows: ServiceDeskRole[] = [];
    for (const member of data.members) {
      const main = defaultRoleOf(member);
      rows.push({ id: 30_000_000 + rows.length + 1, resourceID: member.id, roleID: main.id, isDefault: true, isActive: true });
      if (member.title === 'Senior Technician') {
        rows.push({ id: 30_000_000 + rows.length + 1, resourceID: member.id, roleID: HELP_DESK_ROLE.id, isDefault: false, isActive: true });
      }
    }
    roleRows = { members: data.members.length, rows };
    return rows;
  }
  function roleQueues(): RoleQueue[] {
    return serviceDeskRoles().flatMap((row, index) => {
      const member = data.members.find((candidate) => candidate.id === row.resourceID);
      const board = data.boards.find((candidate) => candidate.teamId === member?.teamId);
      const queue = board ? QUEUE_BY_BOARD[board.id] : undefined;
      return queue === undefined ? [] : [{ id: 31_000_000 + index + 1, resourceID: row.resourceID, roleID: row.roleID, queueID: queue, isDefault: row.isDefault, isActive: true }];
    });
  }
  const rolesOf = (resourceId: number): number[] => serviceDeskRoles().filter((row) => row.resourceID === resourceId && row.isActive).map((row) => row.roleID);
  function defaultRoleId(resourceId: number | null): number | null {
    const member = data.members.find((candidate) => candidate.id === resourceId);
    return member ? defaultRoleOf(member).id : null;
  }

  function resources(): AutotaskResource[] {
    const creds = credentials();
    // Every member is a resource with a login; techs' API credentials use the same user name.
    const fromMembers = data.members.map((member) => ({
      id: member.id,
      userName: `${member.identifier}@${AUTOTASK_DOMAIN}`,
      firstName: member.firstName,
      lastName: member.lastName,
      email: member.email,
      title: member.title,
      isActive: !member.inactive,
      member,
    }));
    const apiUser: AutotaskResource = {
      id: AUTOTASK_API_USER_RESOURCE_ID, userName: creds.apiUser.userName, firstName: 'Pullboard', lastName: 'Integration',
      email: creds.apiUser.userName, title: 'API User', isActive: true, member: null,
    };
    return [...fromMembers, apiUser].sort((a, b) => a.id - b.id);
  }

  // -------------------------------------------------------------- ticket numbers and dates

  let numbered = -1;
  let numbers = new Map<number, string>();
  /** `T20261125.0042`: the creation date (UTC) and the ticket's place among that day's tickets. */
  function ticketNumber(ticket: SimTicket): string {
    if (numbered !== data.tickets.length) {
      numbered = data.tickets.length;
      numbers = new Map();
      const perDay = new Map<string, number>();
      for (const candidate of [...data.tickets].sort((a, b) => a.id - b.id)) {
        const day = new Date(candidate.enteredAt).toISOString().slice(0, 10).replace(/-/g, '');
        const sequence = (perDay.get(day) ?? 0) + 1;
        perDay.set(day, sequence);
        numbers.set(candidate.id, `T${day}.${String(sequence).padStart(4, '0')}`);
      }
    }
    return numbers.get(ticket.id) ?? `T00000000.${String(ticket.id).padStart(4, '0')}`;
  }

  return {
    queueOf, queueOfBoard, statusValue, priorityValue, sourceValue, defaultTicketType, statusFor, priorityFor, boardForQueue, sourceFor, isTicketType,
    picklists, roles, serviceDeskRoles, roleQueues, rolesOf, defaultRoleId, resources, ticketNumber, statusById,
    isInactiveQueue: (value: number) => value === INACTIVE_QUEUE.value,
    isInactiveStatus: (value: number) => value === INACTIVE_STATUS.value,
  };
}
export type AutotaskModel = ReturnType<typeof createAutotaskModel>;

/**
 * A seeded instant as Autotask serves it: milliseconds added (the neutral data has whole seconds), derived from the
 * record and the instant so the same instant always reads the same and instants never swap order.
 */
export function autotaskInstant(ms: number | null, salt: number): number | null {
  if (ms === null) return null;
  if (ms % 1000 !== 0) return ms;
  const mixed = Math.imul(salt ^ 0x5bd1e995, 2654435761) ^ Math.floor(ms / 1000);
  return ms + ((mixed >>> 0) % 1000);
}

/** `2026-11-25T09:30:00.123Z`, as Autotask writes every date-time. */
export const autotaskDate = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------- field tables

const field = <T>(name: string, type: AutotaskFieldType, get: (record: T) => AutotaskValue, extra: Partial<AutotaskFieldDef<T>> = {}): AutotaskFieldDef<T> =>
  ({ name, type, get, ...extra });

/** Overlay state Autotask has and the neutral model does not (a ticket's role, type, source, description). */
export interface TicketOverlay {
  roleId?: number | null;
  ticketType?: number | null;
  source?: number | null;
  description?: string | null;
}

export interface TicketContext {
  overlay(ticket: SimTicket): TicketOverlay;
  now(): number;
  /** Serve every ticket's SLA; by default tickets on the default SLA have none, as many live tickets do. */
  slaOnEveryTicket?: boolean;
}

export function ticketFields(data: SimData, model: AutotaskModel, ctx: TicketContext): AutotaskFieldDef<SimTicket>[] {
  const statuses = () => model.statusById();
  const status = (ticket: SimTicket) => statuses().get(ticket.statusId);
  const closed = (ticket: SimTicket) => status(ticket)?.closed ?? false;
  const memberId = (identifier: string | null) => (identifier === null ? null : data.members.find((member) => member.identifier === identifier)?.id ?? null);
  const at = (ticket: SimTicket, ms: number | null) => autotaskInstant(ms, ticket.id);
  const role = (ticket: SimTicket): number | null => {
    if (ticket.ownerId === null) return null;
    const chosen = ctx.overlay(ticket).roleId;
    return chosen !== undefined && chosen !== null && model.rolesOf(ticket.ownerId).includes(chosen) ? chosen : model.defaultRoleId(ticket.ownerId);
  };
  const overlaid = <K extends keyof TicketOverlay>(ticket: SimTicket, key: K, fallback: TicketOverlay[K]): TicketOverlay[K] => {
    const value = ctx.overlay(ticket)[key];
    return value === undefined ? fallback : value;
  };
  // Live Autotask tickets often carry no SLA (none from a contract or category): every SLA field null, while
  // dueDateTime, which Autotask requires, is always set. Here that is every ticket on the MSP's default SLA.
  const defaultSlaId = data.slas.find((sla) => sla.isDefault)?.id ?? null;
  const hasSla = (ticket: SimTicket) => ticket.slaId !== null && (ctx.slaOnEveryTicket === true || ticket.slaId !== defaultSlaId);
  const slaMet = (ticket: SimTicket): boolean | null => {
    if (!hasSla(ticket)) return null;
    const now = ctx.now();
    return (ticket.respondedAt ?? now) <= ticket.respondBy && (ticket.resolvedAt ?? now) <= ticket.resolveBy;
  };
  const description = (ticket: SimTicket) => {
    const contact = data.contacts.find((candidate) => candidate.id === ticket.contactId);
    return `${ticket.summary}\n\nReported by ${contact ? `${contact.firstName} ${contact.lastName}` : 'the client'} (${ticket.source.toLowerCase()}).`;
  };
  return [
    field('id', 'long', (t) => t.id, { readOnly: true }),
    field('ticketNumber', 'string', (t) => model.ticketNumber(t), { readOnly: true, length: 50 }),
    field('title', 'string', (t) => t.summary, { required: true, length: 255 }),
    field('description', 'string', (t) => overlaid(t, 'description', description(t)) ?? null, { length: 8000 }),
    field('queueID', 'integer', (t) => model.queueOf(t), { picklist: model.picklists.queueID }),
    field('status', 'integer', (t) => model.statusValue(status(t)), { required: true, picklist: model.picklists.status }),
    field('priority', 'integer', (t) => model.priorityValue(t.priorityId), { required: true, picklist: model.picklists.priority }),
    field('issueType', 'integer', (t) => t.typeId, { picklist: model.picklists.issueType }),
    field('subIssueType', 'integer', (t) => t.subTypeId, { picklist: model.picklists.subIssueType, picklistParent: 'issueType' }),
    field('ticketType', 'integer', (t) => overlaid(t, 'ticketType', model.defaultTicketType(t)) ?? null, { picklist: model.picklists.ticketType }),
    field('source', 'integer', (t) => overlaid(t, 'source', model.sourceValue(t.source)) ?? null, { picklist: model.picklists.source }),
    field('assignedResourceID', 'integer', (t) => t.ownerId, { reference: 'Resource' }),
    field('assignedResourceRoleID', 'integer', role, { reference: 'Role' }),
    field('companyID', 'integer', (t) => t.companyId, { required: true, reference: 'Company' }),
    field('contactID', 'integer', (t) => t.contactId, { reference: 'Contact' }),
    field('createDate', 'datetime', (t) => at(t, t.enteredAt), { readOnly: true }),
    field('creatorResourceID', 'integer', (t) => memberId(t.enteredBy), { readOnly: true, reference: 'Resource' }),
    field('lastActivityDate', 'datetime', (t) => at(t, t.updatedAt), { readOnly: true }),
    field('lastActivityResourceID', 'integer', (t) => memberId(t.updatedBy), { readOnly: true, reference: 'Resource' }),
    field('dueDateTime', 'datetime', (t) => at(t, t.requiredDate ?? t.resolveBy), { required: true }),
    field('completedDate', 'datetime', (t) => (closed(t) ? at(t, t.resolvedAt) : null), { readOnly: true }),
    field('completedByResourceID', 'integer', (t) => (closed(t) ? memberId(t.closedBy) : null), { readOnly: true, reference: 'Resource' }),
    field('estimatedHours', 'double', (t) => t.budgetHours),
    field('hoursToBeScheduled', 'double', () => 0, { readOnly: true }),
    field('serviceLevelAgreementID', 'integer', (t) => (hasSla(t) ? t.slaId : null), { reference: 'ServiceLevelAgreement' }),
    field('serviceLevelAgreementHasBeenMet', 'boolean', slaMet, { readOnly: true }),
    field('firstResponseDueDateTime', 'datetime', (t) => (hasSla(t) ? at(t, t.respondBy) : null), { readOnly: true }),
    field('firstResponseDateTime', 'datetime', (t) => at(t, t.respondedAt), { readOnly: true }),
    field('resolutionPlanDueDateTime', 'datetime', (t) => (hasSla(t) ? at(t, t.resplanBy) : null), { readOnly: true }),
    field('resolutionPlanDateTime', 'datetime', (t) => at(t, t.resplanAt), { readOnly: true }),
    field('resolvedDueDateTime', 'datetime', (t) => (hasSla(t) ? at(t, t.resolveBy) : null), { readOnly: true }),
    field('resolvedDateTime', 'datetime', (t) => at(t, t.resolvedAt), { readOnly: true }),
  ];
}

export function resourceFields(): AutotaskFieldDef<AutotaskResource>[] {
  return [
    field('id', 'long', (r) => r.id, { readOnly: true }),
    field('userName', 'string', (r) => r.userName, { length: 100 }),
    field('firstName', 'string', (r) => r.firstName, { length: 50 }),
    field('lastName', 'string', (r) => r.lastName, { length: 50 }),
    field('email', 'string', (r) => r.email, { length: 254 }),
    field('title', 'string', (r) => r.title, { length: 50 }),
    field('isActive', 'boolean', (r) => r.isActive),
    // As a captured real payload shows a shared API user: a `resourceType` like any employee's, no `licenseType`, no service desk role.
    field('resourceType', 'string', () => 'Employee', { readOnly: true }),
  ];
}

export function roleFields(): AutotaskFieldDef<AutotaskRole>[] {
  return [
    field('id', 'long', (r) => r.id, { readOnly: true }),
    field('name', 'string', (r) => r.name),
    field('description', 'string', (r) => r.description),
    field('isActive', 'boolean', () => true),
  ];
}

export function serviceDeskRoleFields(): AutotaskFieldDef<ServiceDeskRole>[] {
  return [
    field('id', 'long', (r) => r.id, { readOnly: true }),
    field('resourceID', 'integer', (r) => r.resourceID, { reference: 'Resource' }),
    field('roleID', 'integer', (r) => r.roleID, { reference: 'Role' }),
    field('isDefault', 'boolean', (r) => r.isDefault),
    field('isActive', 'boolean', (r) => r.isActive),
  ];
}

export function roleQueueFields(): AutotaskFieldDef<RoleQueue>[] {
  return [
    field('id', 'long', (r) => r.id, { readOnly: true }),
    field('resourceID', 'integer', (r) => r.resourceID, { reference: 'Resource' }),
    field('roleID', 'integer', (r) => r.roleID, { reference: 'Role' }),
    field('queueID', 'integer', (r) => r.queueID),
    field('isDefault', 'boolean', (r) => r.isDefault),
    field('isActive', 'boolean', (r) => r.isActive),
  ];
}

export function timeEntryFields(data: SimData, roleOf: (entry: SimTimeEntry) => number | null): AutotaskFieldDef<SimTimeEntry>[] {
  const at = (entry: SimTimeEntry, ms: number) => autotaskInstant(ms, entry.id + 7);
  const memberId = (identifier: string) => data.members.find((member) => member.identifier === identifier)?.id ?? null;
  const day = (ms: number) => { const date = new Date(ms); return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()); };
  return [
    field('id', 'long', (e) => e.id, { readOnly: true }),
    field('ticketID', 'integer', (e) => e.ticketId, { reference: 'Ticket' }),
    field('taskID', 'integer', () => null, { reference: 'Task' }),
    field('resourceID', 'integer', (e) => e.memberId, { required: true, reference: 'Resource' }),
    field('roleID', 'integer', roleOf, { required: true, reference: 'Role' }),
    field('dateWorked', 'datetime', (e) => day(e.start), { required: true }),
    field('startDateTime', 'datetime', (e) => e.start),
    field('endDateTime', 'datetime', (e) => e.end),
    field('hoursWorked', 'double', (e) => e.hours),
    field('hoursToBill', 'double', (e) => e.hours, { readOnly: true }),
    field('summaryNotes', 'string', (e) => e.notes, { length: 32000 }),
    field('internalNotes', 'string', () => '', { length: 32000 }),
    field('createDateTime', 'datetime', (e) => at(e, e.enteredAt), { readOnly: true }),
    field('creatorUserID', 'integer', (e) => memberId(e.enteredBy), { readOnly: true }),
    field('lastModifiedDateTime', 'datetime', (e) => at(e, e.updatedAt), { readOnly: true }),
    field('timeEntryType', 'integer', () => 2, { readOnly: true }),
  ];
}

export function companyFields(data: SimData): AutotaskFieldDef<SimCompany>[] {
  const updated = data.seededAt - 90 * 24 * 3_600_000;
  return [
    field('id', 'long', (c) => c.id, { readOnly: true }),
    field('companyName', 'string', (c) => c.name, { length: 100 }),
    field('companyNumber', 'string', (c) => c.identifier, { length: 50 }),
    field('phone', 'string', (c) => c.phone, { length: 25 }),
    field('companyType', 'integer', () => 1),
    field('isActive', 'boolean', () => true),
    field('lastActivityDate', 'datetime', (c) => autotaskInstant(updated, c.id), { readOnly: true }),
  ];
}

/** Contacts' isActive is an integer (1 or 0) in Autotask, unlike resources'. */
export function contactFields(): AutotaskFieldDef<SimContact>[] {
  return [
    field('id', 'long', (c) => c.id, { readOnly: true }),
    field('companyID', 'integer', (c) => c.companyId, { reference: 'Company' }),
    field('firstName', 'string', (c) => c.firstName, { length: 50 }),
    field('lastName', 'string', (c) => c.lastName, { length: 50 }),
    field('emailAddress', 'string', (c) => c.email, { length: 254 }),
    field('isActive', 'integer', () => 1),
  ];
}

/** An item as the API serves it: every field (null when empty), datetimes as ISO strings, then userDefinedFields. */
export function renderItem<T>(fields: readonly AutotaskFieldDef<T>[], record: T, only: ReadonlySet<string> | null = null, withUdfs = true): Json {
  const item: Json = {};
  for (const definition of fields) {
    if (only && definition.name !== 'id' && !only.has(definition.name)) continue;
    const value = definition.get(record);
    item[definition.name] = definition.type === 'datetime' && typeof value === 'number' ? autotaskDate(value) : value;
  }
  if (withUdfs && !only) item.userDefinedFields = [];
  return item;
}

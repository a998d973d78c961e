/**
 * How HaloPSA sees the seeded MSP: global statuses (Closed is 9), priorities one row per SLA, agents (1 is the
 * built-in Unassigned, 2 the API agent), ticket types, and tickets as live tenants serve them: ids without names in
 * list rows, unset fields left out, dates with 0-7 fractional digits with or without `Z`, and sentinel dates
 * (`1900-01-01T00:00:00`, `1899-12-30T00:00:00`, `0001-01-01T00:00:00`) where a date is absent.
 */
import { HALO_API_AGENT_ID, HALO_UNASSIGNED_AGENT_ID } from './halo-credentials';
import type { SimData, SimMember, SimStatus, SimTicket, SimTimeEntry, StatusKind } from './seed';

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- dates

/** An instant to 100 ns, as Halo stores it: whole seconds since the epoch and the ticks within the second. */
export interface HaloInstant { seconds: number; ticks: number }
export const compareInstants = (a: HaloInstant, b: HaloInstant): number => a.seconds - b.seconds || a.ticks - b.ticks;

export const SENTINEL_1900 = '1900-01-01T00:00:00';
export const SENTINEL_1899 = '1899-12-30T00:00:00';
export const SENTINEL_0001 = '0001-01-01T00:00:00';

const mix = (salt: number, seconds: number): number => {
  let hash = Math.imul(salt ^ 0x27d4eb2d, 0x165667b1) ^ seconds;
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
};

/**
 * A seeded instant as Halo serves it. The neutral data has whole seconds; Halo's have up to 7 fractional digits
 * (trailing zeros trimmed), so the fraction is derived from the record and the second: the same instant always
 * reads the same, and two instants never swap order. About half carry `Z`; the rest have no zone (meaning UTC).
 */
export function haloInstant(ms: number, salt: number): { text: string; at: HaloInstant } {
  const seconds = Math.floor(ms / 1000);
  const hash = mix(salt, seconds);
  let ticks = (ms - seconds * 1000) * 10_000;
  let fraction = '';
  if (ticks === 0) {
    const digits = hash % 8;
    if (digits > 0) {
      let value = (Math.floor(hash / 8) % 10 ** digits) || 1;
      if (value % 10 === 0) value += 1 + ((hash >>> 20) % 9);
      fraction = String(value).padStart(digits, '0').slice(-digits);
      ticks = Number(fraction.padEnd(7, '0'));
    }
  } else {
    fraction = String(ticks).padStart(7, '0').replace(/0+$/, '');
  }
  const zone = (hash >>> 3) % 2 === 0 ? 'Z' : '';
  const text = `${new Date(seconds * 1000).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}${zone}`;
  return { text, at: { seconds, ticks } };
}

/** Parses a date parameter (`startdate=2026-11-25T09:30:00.1234567Z`); without a zone it is UTC. Null when invalid. */
export function parseHaloDate(text: string): HaloInstant | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(text.trim());
  if (!match) return null;
  const [, day, time = '00:00', second = '00', fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${day}T${time}:${second}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return null;
  return { seconds: Math.floor(ms / 1000), ticks: Number(fraction.padEnd(7, '0')) };
}

// ---------------------------------------------------------------- statuses, priorities, types, agents

/** Halo's status ids are global (the neutral board statuses of one kind share one); Closed is 9 by convention. */
const STATUS_ID_BY_KIND: Readonly<Record<StatusKind, number>> = { new: 1, inProgress: 2, waiting: 4, completed: 8, closed: 9, triage: 21, ready: 22, scheduled: 23 };
/** `type` is not a closed flag: Completed is closed with type 0, like the open ones. */
const STATUS_TYPE_BY_KIND: Readonly<Record<StatusKind, number>> = { new: 1, triage: 0, ready: 0, inProgress: 0, waiting: 0, scheduled: 0, completed: 0, closed: 2 };
const STATUS_COLOURS = ['#3c8dbc', '#8e44ad', '#16a085', '#f39c12', '#c0392b', '#2980b9', '#27ae60', '#7f8c8d'];
export const GENERAL_TICKET_TYPE = { id: 1, name: 'General' };
const PRIORITY_GUID_PREFIX = '6f1c2b7e-4d3a-4c5b-9e8f-';

export interface HaloAgent {
  id: number;
  name: string;
  firstname: string;
  surname: string;
  email: string | null;
  team: string | null;
  isApiAgent: boolean;
  isDisabled: boolean;
  member: SimMember | null;
}

export function createHaloModel(data: SimData) {
  const statusKindById = new Map<number, StatusKind>(Object.entries(STATUS_ID_BY_KIND).map(([kind, id]) => [id, kind as StatusKind]));
  const statusOf = (ticket: SimTicket): SimStatus | undefined => data.statuses.find((status) => status.id === ticket.statusId);
  const haloStatusId = (status: SimStatus | undefined): number | null => (status ? STATUS_ID_BY_KIND[status.kind] : null);
  const neutralStatus = (boardId: number, haloId: number): SimStatus | undefined => {
    const kind = statusKindById.get(haloId);
    return kind ? data.statuses.find((status) => status.boardId === boardId && status.kind === kind) : undefined;
  };
  /** Halo's priorityid: 1 is the most urgent, by convention; it is the neutral priority's rank. */
  const priorityIdOf = (priorityId: number): number | null => data.priorities.find((priority) => priority.id === priorityId)?.sortOrder ?? null;
  const neutralPriority = (haloPriorityId: number) => data.priorities.find((priority) => priority.sortOrder === haloPriorityId);

  const statuses = (): Json[] => data.statuses.filter((status) => status.boardId === data.boards[0]?.id).map((status) => ({
    id: STATUS_ID_BY_KIND[status.kind],
    name: status.name,
    shortname: status.name.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase(),
    type: STATUS_TYPE_BY_KIND[status.kind],
    sequence: status.sortOrder,
    colour: STATUS_COLOURS[(status.sortOrder - 1) % STATUS_COLOURS.length],
  }));

  const priorities = (): Json[] => data.slas.flatMap((sla) => sla.targets.flatMap((target) => {
    const priority = data.priorities.find((candidate) => candidate.id === target.priorityId);
    if (!priority) return [];
    return [{
      id: `${PRIORITY_GUID_PREFIX}${String(sla.id).padStart(4, '0')}${String(priority.sortOrder).padStart(8, '0')}`,
      slaid: sla.id,
      priorityid: priority.sortOrder,
      name: priority.name,
      colour: priority.color,
      ishidden: false,
      responsetime: target.respondHours,
      fixtime: target.resolutionHours,
    }];
  }));

  const ticketTypes = (): Json[] => [
    { id: GENERAL_TICKET_TYPE.id, name: GENERAL_TICKET_TYPE.name, sequence: 0 },
    ...data.ticketTypes.map((type, index) => ({ id: type.id, name: type.name, sequence: index + 1 })),
  ];

  const teamName = (teamId: number | null) => data.teams.find((team) => team.id === teamId)?.name ?? null;
  function agents(): HaloAgent[] {
    const fromMembers = data.members.map((member) => ({
      id: member.id,
      name: `${member.firstName} ${member.lastName}`,
      firstname: member.firstName,
      surname: member.lastName,
      email: member.email,
      team: teamName(member.teamId),
      isApiAgent: false,
      isDisabled: member.inactive,
      member,
    }));
    return [
      { id: HALO_UNASSIGNED_AGENT_ID, name: 'Unassigned', firstname: 'Unassigned', surname: '', email: null, team: null, isApiAgent: false, isDisabled: false, member: null },
      { id: HALO_API_AGENT_ID, name: 'Pullboard Integration', firstname: 'Pullboard', surname: 'Integration', email: null, team: null, isApiAgent: true, isDisabled: false, member: null },
      ...fromMembers,
    ];
  }
  const renderAgent = (agent: HaloAgent): Json => omitEmpty({
    id: agent.id,
    name: agent.name,
    firstname: agent.firstname,
    surname: agent.surname,
    initials: `${agent.firstname[0] ?? ''}${agent.surname[0] ?? ''}`,
    email: agent.email,
    team: agent.team,
    colour: agent.isApiAgent ? '#555555' : '#2b5797',
    use: 'agent',
    isdisabled: agent.isDisabled || undefined,
    isapiagent: agent.isApiAgent || undefined,
  });
  const renderTeam = (team: { id: number; name: string }, index: number): Json => ({ id: team.id, name: team.name, sequence: index + 1, department_id: 1 });

  return { statusOf, haloStatusId, neutralStatus, priorityIdOf, neutralPriority, statuses, priorities, ticketTypes, agents, renderAgent, renderTeam, teamName };
}
export type HaloModel = ReturnType<typeof createHaloModel>;

/** Leaves out undefined and null values: Halo omits unset properties rather than sending null. */
export function omitEmpty(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null));
}

// ---------------------------------------------------------------- tickets

/** What Halo has and the neutral model does not: a ticket's details text, exclusion from SLA, API-agent time. */
export interface HaloTicketOverlay { details?: string; excludeFromSla?: boolean; extraHours?: number }

export interface HaloTicketDates {
  dateoccurred: HaloInstant;
  last_update: HaloInstant;
  dateclosed: HaloInstant | null;
}

/** Where each date field draws its fraction from; fixed, so the same field of the same ticket keeps its style. */
const SALT = { dateoccurred: 1, datecreated: 2, last_update: 3, lastactiondate: 4, respondbydate: 5, fixbydate: 6, responsedate: 7, deadlinedate: 8, dateclosed: 9 } as const;
const salt = (ticket: SimTicket, field: keyof typeof SALT) => ticket.id * 16 + SALT[field];

export function ticketDates(model: HaloModel, ticket: SimTicket): HaloTicketDates {
  const closed = model.statusOf(ticket)?.closed ?? false;
  return {
    dateoccurred: haloInstant(ticket.enteredAt, salt(ticket, 'dateoccurred')).at,
    last_update: haloInstant(ticket.updatedAt, salt(ticket, 'last_update')).at,
    dateclosed: closed && ticket.resolvedAt !== null ? haloInstant(ticket.resolvedAt, salt(ticket, 'dateclosed')).at : null,
  };
}

export interface RenderTicketContext {
  data: SimData;
  model: HaloModel;
  overlay: HaloTicketOverlay;
  now: number;
  /** Detail (GET /Tickets/{id}, POST answers) or a list row with `includedetails`: adds the names. */
  withNames: boolean;
}

/** A ticket as Halo serves it. List rows carry ids only; unset fields are left out, never null. */
export function renderHaloTicket(ticket: SimTicket, ctx: RenderTicketContext): Json {
  const { data, model, overlay } = ctx;
  const date = (ms: number, field: keyof typeof SALT) => haloInstant(ms, salt(ticket, field)).text;
  const status = model.statusOf(ticket);
  const closed = status?.closed ?? false;
  const company = data.companies.find((candidate) => candidate.id === ticket.companyId);
  const contact = data.contacts.find((candidate) => candidate.id === ticket.contactId);
  const owner = data.members.find((member) => member.id === ticket.ownerId);
  const type = data.ticketTypes.find((candidate) => candidate.id === ticket.typeId);
  const subType = data.subTypes.find((candidate) => candidate.id === ticket.subTypeId);
  const sla = data.slas.find((candidate) => candidate.id === ticket.slaId);
  const priority = data.priorities.find((candidate) => candidate.id === ticket.priorityId);
  const withoutSla = overlay.excludeFromSla === true || ticket.slaId === null;
  const row: Json = {
    id: ticket.id,
    dateoccurred: date(ticket.enteredAt, 'dateoccurred'),
    summary: ticket.summary,
    details: ctx.withNames ? (overlay.details ?? `<p>${escapeText(ticket.summary)}</p>`) : undefined,
    status_id: model.haloStatusId(status),
    tickettype_id: ticket.typeId ?? GENERAL_TICKET_TYPE.id,
    sla_id: withoutSla ? undefined : ticket.slaId,
    priority_id: model.priorityIdOf(ticket.priorityId),
    client_id: ticket.companyId,
    client_name: company?.name,
    site_id: ticket.companyId + 1000,
    site_name: 'Main',
    user_id: contact?.id,
    user_name: contact ? `${contact.firstName} ${contact.lastName}` : undefined,
    team_id: ticket.teamId ?? undefined,
    team: model.teamName(ticket.teamId),
    agent_id: ticket.ownerId ?? HALO_UNASSIGNED_AGENT_ID,
    category_1: subType ? `${type?.name ?? ''}>${subType.name}` : type?.name,
    estimate: ticket.budgetHours ?? undefined,
    timetaken: Math.round((ticket.actualHours + (overlay.extraHours ?? 0)) * 100) / 100,
    respondbydate: withoutSla ? SENTINEL_0001 : date(ticket.respondBy, 'respondbydate'),
    fixbydate: withoutSla ? SENTINEL_0001 : date(ticket.resolveBy, 'fixbydate'),
    deadlinedate: ticket.requiredDate === null ? SENTINEL_1900 : date(ticket.requiredDate, 'deadlinedate'),
    responsedate: ticket.respondedAt === null ? SENTINEL_1899 : date(ticket.respondedAt, 'responsedate'),
    slaresponsestate: withoutSla || ticket.respondedAt === null ? undefined : ticket.respondedAt <= ticket.respondBy ? 'I' : 'O',
    excludefromsla: overlay.excludeFromSla === true ? true : undefined,
    onhold: status?.kind === 'waiting' ? true : undefined,
    hasbeenclosed: closed ? true : undefined,
    dateclosed: closed && ticket.resolvedAt !== null ? date(ticket.resolvedAt, 'dateclosed') : undefined,
    slastate: closed && !withoutSla && ticket.resolvedAt !== null ? (ticket.resolvedAt <= ticket.resolveBy ? 'I' : 'O') : undefined,
    datecreated: date(ticket.enteredAt, 'datecreated'),
    last_update: date(ticket.updatedAt, 'last_update'),
    lastactiondate: date(ticket.updatedAt, 'lastactiondate'),
  };
  if (ctx.withNames) {
    Object.assign(row, {
      status_name: status?.name,
      priority_name: priority?.name,
      agent_name: owner ? `${owner.firstName} ${owner.lastName}` : 'Unassigned',
      sla_name: withoutSla ? undefined : sla?.name,
      tickettype_name: type?.name ?? GENERAL_TICKET_TYPE.name,
      user_email: contact?.email,
    });
  }
  return omitEmpty(row);
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------- actions

/** An action: a neutral time entry, or a Halo-only one (a note, or time logged by the API agent). */
export interface HaloAction {
  id: number;
  ticketId: number;
  outcome: string;
  note: string;
  hours: number;
  agentId: number;
  at: number;
}

export function actionFromTimeEntry(entry: SimTimeEntry): HaloAction {
  return { id: entry.id, ticketId: entry.ticketId, outcome: 'Time Entry', note: entry.notes, hours: entry.hours, agentId: entry.memberId, at: entry.end };
}

export function renderAction(action: HaloAction, model: HaloModel): Json {
  const agent = model.agents().find((candidate) => candidate.id === action.agentId);
  const when = haloInstant(action.at, action.id * 4 + 1).text;
  return omitEmpty({
    id: action.id,
    ticket_id: action.ticketId,
    outcome: action.outcome,
    who: agent?.name,
    who_agentid: action.agentId,
    datetime: when,
    actiondatecreated: when,
    note: action.note,
    timetaken: action.hours,
  });
}

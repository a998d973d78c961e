/**
 * PSA-neutral changes to the seeded MSP, shared by every dialect and by the simulator's own
 * "someone else edits a ticket" hook: one place decides what a status change or a time entry does.
 */
import { SERVICE_MANAGER_IDENTIFIER, type SimData, type SimMember, type SimStatus, type SimTicket, type SimTimeEntry } from './seed';

export const toWholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** The next "last updated" stamp: now, but strictly after the previous one even within the same second. */
export function nextUpdatedAt(previous: number, now: number): number {
  return Math.max(toWholeSecond(now), previous + 1000);
}

export function findStatus(data: SimData, id: number): SimStatus | undefined {
  return data.statuses.find((status) => status.id === id);
}

export function findMember(data: SimData, id: number): SimMember | undefined {
  return data.members.find((member) => member.id === id);
}

export function findMemberByIdentifier(data: SimData, identifier: string): SimMember | undefined {
  const wanted = identifier.toLowerCase();
  return data.members.find((member) => member.identifier.toLowerCase() === wanted);
}

export function isClosed(data: SimData, ticket: SimTicket): boolean {
  return findStatus(data, ticket.statusId)?.closed ?? false;
}

/** A change already validated by the dialect: ids exist and the status belongs to the (new) board. */
export interface TicketChange {
  summary?: string;
  boardId?: number;
  statusId?: number;
  priorityId?: number;
  ownerId?: number | null;
  typeId?: number | null;
  subTypeId?: number | null;
  contactId?: number | null;
}

/** Applies a change as `by` (a member identifier) at `now`, recording any status transition. */
export function applyTicketChange(data: SimData, ticket: SimTicket, change: TicketChange, by: string, now: number): void {
  const at = nextUpdatedAt(ticket.updatedAt, now);
  if (change.summary !== undefined) ticket.summary = change.summary;
  if (change.boardId !== undefined && change.boardId !== ticket.boardId) {
    ticket.boardId = change.boardId;
    ticket.teamId = data.boards.find((board) => board.id === change.boardId)?.teamId ?? null;
  }
  if (change.priorityId !== undefined) ticket.priorityId = change.priorityId;
  if (change.ownerId !== undefined) ticket.ownerId = change.ownerId;
  if (change.typeId !== undefined) ticket.typeId = change.typeId;
  if (change.subTypeId !== undefined) ticket.subTypeId = change.subTypeId;
  if (change.contactId !== undefined) ticket.contactId = change.contactId;
  if (change.statusId !== undefined && change.statusId !== ticket.statusId) {
    const from = ticket.statusId;
    const to = findStatus(data, change.statusId);
    if (!to) throw new Error(`status ${change.statusId} does not exist`);
    ticket.statusId = to.id;
    data.transitions.push({ ticketId: ticket.id, fromStatusId: from, toStatusId: to.id, at, by });
    if (to.kind !== 'new' && ticket.respondedAt === null) ticket.respondedAt = at;
    if ((to.kind === 'inProgress' || to.kind === 'scheduled') && ticket.resplanAt === null) ticket.resplanAt = at;
    if (to.closed && ticket.resolvedAt === null) {
      ticket.resolvedAt = at;
      ticket.closedBy = by;
    }
    if (!to.closed) {
      ticket.resolvedAt = null;
      ticket.closedBy = null;
    }
  }
  ticket.updatedAt = at;
  ticket.updatedBy = by;
}

export interface NewTimeEntry { ticketId: number; memberId: number; start: number; end: number; hours: number; notes: string }

/** Logs time on a ticket: the ticket's actual hours grow and its last-updated stamp moves. */
export function addTimeEntry(data: SimData, entry: NewTimeEntry, by: string, now: number): SimTimeEntry {
  const ticket = data.ticketsById.get(entry.ticketId);
  if (!ticket) throw new Error(`ticket ${entry.ticketId} does not exist`);
  const enteredAt = toWholeSecond(now);
  const created: SimTimeEntry = {
    id: data.timeEntries.reduce((max, existing) => Math.max(max, existing.id), 0) + 1,
    ...entry,
    enteredAt,
    enteredBy: by,
    updatedAt: enteredAt,
  };
  data.timeEntries.push(created);
  ticket.actualHours = Math.round((ticket.actualHours + entry.hours) * 100) / 100;
  ticket.updatedAt = nextUpdatedAt(ticket.updatedAt, now);
  ticket.updatedBy = by;
  return created;
}

export interface ChangeBySomeoneElse { statusName?: string; ownerIdentifier?: string | null; summary?: string }

/**
 * Changes a ticket the way another PSA user would in the PSA's web app (the service manager), so that
 * a client's next read sees a newer last-updated stamp. Throws on an unknown status or member.
 */
export function updateTicketAsSomeoneElse(data: SimData, id: number, change: ChangeBySomeoneElse, now: number): SimTicket {
  const ticket = data.ticketsById.get(id);
  if (!ticket) throw new Error(`ticket ${id} does not exist`);
  const resolved: TicketChange = {};
  if (change.statusName !== undefined) {
    const wanted = change.statusName.toLowerCase();
    const status = data.statuses.find((candidate) => candidate.boardId === ticket.boardId && candidate.name.toLowerCase() === wanted);
    if (!status) throw new Error(`board ${ticket.boardId} has no status named '${change.statusName}'`);
    resolved.statusId = status.id;
  }
  if (change.ownerIdentifier !== undefined) {
    if (change.ownerIdentifier === null) resolved.ownerId = null;
    else {
      const member = findMemberByIdentifier(data, change.ownerIdentifier);
      if (!member) throw new Error(`no member with identifier '${change.ownerIdentifier}'`);
      resolved.ownerId = member.id;
    }
  }
  if (change.summary !== undefined) resolved.summary = change.summary;
  applyTicketChange(data, ticket, resolved, SERVICE_MANAGER_IDENTIFIER, now);
  return ticket;
}

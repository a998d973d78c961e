/** Questions tests ask of the simulator's dataset, in the terms the tests think in. */
import type { SimData, SimTicket } from './psa-sim/seed';

export function statusOf(data: SimData, ticket: SimTicket) {
  const status = data.statuses.find((s) => s.id === ticket.statusId);
  if (!status) throw new Error(`ticket ${ticket.id} has unknown status ${ticket.statusId}`);
  return status;
}

export function isOpen(data: SimData, ticket: SimTicket): boolean {
  return !statusOf(data, ticket).closed;
}

export function openTicketsOnBoard(data: SimData, boardId: number): SimTicket[] {
  return data.tickets.filter((t) => t.boardId === boardId && isOpen(data, t));
}

export function ticketsInStatus(data: SimData, boardId: number, statusName: string): SimTicket[] {
  return data.tickets.filter((t) => t.boardId === boardId && statusOf(data, t).name === statusName);
}

export function memberIdentifier(data: SimData, memberId: number | null): string | null {
  return memberId === null ? null : (data.members.find((m) => m.id === memberId)?.identifier ?? null);
}

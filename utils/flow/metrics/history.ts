/**
 * What flow metrics read: closed tickets reduced to the fields the metrics need, the open tickets of
 * the board, and the status changes Pullboard saw. Times are ms since epoch; nothing here knows a PSA.
 */
import type { StatusTransition } from '../aging';

export interface HistoryRef {
  id: string;
  name: string;
}

/** A closed ticket as history keeps it (see utils/store/history.ts). */
export interface ClosedTicket {
  id: string;
  /** What a tech calls it: `#4821`, `T20261125.0042`. */
  number: string;
  /** The ticket's page in the PSA, so the tickets behind a number are one click away. */
  url: string;
  created: number;
  /** First response; null when the PSA recorded none. */
  respondedAt: number | null;
  closedAt: number;
  priority: (HistoryRef & { rank: number }) | null;
  type: HistoryRef | null;
  subtype: HistoryRef | null;
  assignee: HistoryRef | null;
  respondBy: number | null;
  resolveBy: number | null;
  /** The PSA's own verdict on the SLA, when it gives one. */
  slaMet: boolean | null;
}

/** An open ticket, for arrivals, cumulative flow and aging. */
export interface OpenTicket {
  id: string;
  number: string;
  url: string;
  statusId: string;
  created: number;
  /** When it entered its current column, from the transitions log (utils/flow/aging). */
  enteredColumnAt: number;
  priority: (HistoryRef & { rank: number }) | null;
  type: HistoryRef | null;
  subtype: HistoryRef | null;
  assignee: HistoryRef | null;
}

export interface HistoryFilter {
  /** Priority ids; empty or absent: all. */
  priorityIds?: readonly string[];
  /** Workflow keys (see `workflowKey`); empty or absent: all. */
  workflows?: readonly string[];
  /** Assignee ids; `''` stands for unassigned. */
  assigneeIds?: readonly string[];
  /** Closed (or, for open tickets, created) at or after. */
  from?: number;
  /** Closed before. */
  to?: number;
}

/** "Incident / Network", "Incident", or "(no type)": how the page names a workflow. */
export function workflowKey(ticket: Pick<ClosedTicket, 'type' | 'subtype'>): string {
  if (ticket.type === null) return '(no type)';
  return ticket.subtype === null ? ticket.type.name : `${ticket.type.name} / ${ticket.subtype.name}`;
}

function matches(ticket: Pick<ClosedTicket, 'priority' | 'type' | 'subtype' | 'assignee'>, filter: HistoryFilter): boolean {
  if (filter.priorityIds?.length && !filter.priorityIds.includes(ticket.priority?.id ?? '')) return false;
  if (filter.workflows?.length && !filter.workflows.includes(workflowKey(ticket))) return false;
  if (filter.assigneeIds?.length && !filter.assigneeIds.includes(ticket.assignee?.id ?? '')) return false;
  return true;
}

export function filterClosed(tickets: readonly ClosedTicket[], filter: HistoryFilter): ClosedTicket[] {
  return tickets.filter(
    (t) => (filter.from === undefined || t.closedAt >= filter.from) && (filter.to === undefined || t.closedAt < filter.to) && matches(t, filter),
  );
}

/** Open tickets match on priority, workflow and tech; the period does not apply (they are open now). */
export function filterOpen(tickets: readonly OpenTicket[], filter: HistoryFilter): OpenTicket[] {
  return tickets.filter((t) => matches(t, filter));
}

export interface HistoryInput {
  closed: readonly ClosedTicket[];
  open: readonly OpenTicket[];
  transitions: readonly StatusTransition[];
}

/** The one interface every PSA adapter implements. Adapters know PSAs, not boards. */
import type { Board, Member, Priority, Status, Ticket, TimeEntry } from './model';
import type { PsaKind } from './kinds';

export interface TicketQuery {
  boardId: string;
  /** Only tickets that are not closed. */
  openOnly: boolean;
  /** Only tickets updated at or after this ISO timestamp (incremental sync; the cache skips repeats). */
  updatedSince?: string;
  /** With `openOnly`: also closed tickets updated at or after this ISO timestamp (the board's Done column). */
  closedSince?: string;
  /** Only closed tickets: the history flow metrics read (with `openOnly` false). */
  closedOnly?: boolean;
  /** Only tickets updated before this ISO timestamp, so history loads one window at a time. */
  updatedBefore?: string;
}

/** A record the adapter could not map; the rest of its page is still returned. */
export interface RejectedRecord {
  id: string | null;
  /** Which field was wrong and how, e.g. `status.id: expected number, got "x"`. */
  problem: string;
}

export interface TicketPage {
  tickets: Ticket[];
  rejected: RejectedRecord[];
}

export interface TicketChange {
  statusId?: string;
  /** null unassigns. */
  assigneeId?: string | null;
}

export interface NewTimeEntry {
  ticketId: string;
  memberId: string;
  start: string;
  end: string;
  hours: number;
  notes: string;
}

/** Which time entries to look for: a member's on a ticket, starting at `start` (to the second). */
export interface TimeEntryQuery {
  ticketId: string;
  memberId: string;
  start: string;
}

export interface Psa {
  readonly kind: PsaKind;
  /**
   * Whether `countOpenTickets` costs one request. Where it does, the sync's reconcile counts first and
   * lists ids only when the count disagrees with the cache; where it does not (Halo), it lists rarely.
   */
  readonly countIsCheap?: boolean;
  /** The PSA member the credentials act as. */
  whoAmI(): Promise<Member>;
  listBoards(): Promise<Board[]>;
  listStatuses(boardId: string): Promise<Status[]>;
  listPriorities(): Promise<Priority[]>;
  listMembers(): Promise<Member[]>;
  /** Pages through matching tickets at the PSA's largest page size, asking only for the fields the model needs. */
  listTickets(query: TicketQuery): AsyncIterable<TicketPage>;
  /** Ids of the open tickets on a board: the cheap reconcile that finds tickets that left it. */
  listOpenTicketIds(boardId: string): Promise<string[]>;
  countOpenTickets(boardId: string): Promise<number>;
  getTicket(id: string): Promise<Ticket>;
  /** Writes the change and returns the ticket as the PSA answered it. */
  updateTicket(id: string, change: TicketChange): Promise<Ticket>;
  addTimeEntry(entry: NewTimeEntry): Promise<TimeEntry>;
  /**
   * The time entries matching the query: how the outbox checks whether a post whose answer was lost
   * landed, so time is never logged twice. A PSA without it cannot be checked: such a post is shown
   * to the user instead of being sent again.
   */
  findTimeEntries?(query: TimeEntryQuery): Promise<TimeEntry[]>;
}

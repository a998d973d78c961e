/**
 * The one place that maps PSA statuses to board columns, and the defaults that make a board
 * nobody configured usable on the first day.
 */
import { z } from 'zod';
import type { Status, Ticket } from '../psa/model';

export const ColumnRole = z.enum(['intake', 'ready', 'doing', 'waiting', 'done']);
export type ColumnRole = z.infer<typeof ColumnRole>;

/** A zod schema as well as a type: board configurations are stored, imported and exported. */
export const ColumnDef = z.object({
  id: z.string().min(1),
  name: z.string(),
  statusIds: z.array(z.string()),
  role: ColumnRole,
  /** null: no limit for this column. */
  wipLimit: z.number().int().positive().nullable(),
  /** A hard limit refuses moves into a full column; a soft one only warns. */
  hardLimit: z.boolean(),
});
export type ColumnDef = z.infer<typeof ColumnDef>;

export const DONE_COLUMN_ID = 'done';

const ROLE_ORDER: Record<ColumnRole, number> = { intake: 0, ready: 1, doing: 2, waiting: 3, done: 4 };

/** Lower case, words only: ">Closed" and "Waiting - Customer" read as "closed" and "waiting customer". */
function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Checked in this order; the first match wins. Waiting comes before done and ready so that
// "Resolved - Pending Confirmation" waits and "Ready for Billing" is never pulled as Ready.
const WAITING =
  /\b(wait|waiting|awaiting|hold|pending|scheduled|dispatched|appointment|with (user|customer|client|vendor|supplier)|vendor|supplier|parts|materials|third party|3rd party|deferred|snoozed|paused|approval)\b/;
const DONE =
  /\b(complete|completed|resolved|closed|cancel|cancelled|canceled|done|finished|rejected|duplicate|ready (to|for) (close|closure|bill|billing|invoice|invoicing))\b/;
const READY = /\b(ready|to do|todo)\b/;
// "Customer Responded" / "Action Required": the customer has answered, the ball is back with the
// assigned tech, so it is work in progress, not waiting.
const DOING =
  /\b(in progress|progress|working|work in progress|wip|in work|started|assigned|acknowledged|responded|replied|action required|escalated|escalate|escalation)\b/;
const INTAKE = /\b(new|open|opened|reopened|re opened|triage|unassigned|received|submitted|logged|queued|unread)\b/;
const TRIAGE = /\btriage\b/;
const IN_PROGRESS = /\b(in progress|work in progress|working|in work|started)\b/;

/**
 * The role a status's name suggests, or null when the name says nothing we recognise
 * (guessColumns then places it by its position in the PSA's list).
 */
export function guessStatusRole(status: Pick<Status, 'name' | 'closed'>): ColumnRole | null {
  if (status.closed) return 'done';
  const name = normalizeName(status.name);
  if (WAITING.test(name)) return 'waiting';
  if (DONE.test(name)) return 'done';
  if (READY.test(name)) return 'ready';
  if (DOING.test(name)) return 'doing';
  if (INTAKE.test(name)) return 'intake';
  return null;
}

function byPsaOrder(a: Status, b: Status): number {
  return a.order - b.order;
}

/**
 * Default columns for a board nobody configured: one column per active status, ordered by role
 * (intake → ready → doing → waiting → done) and within a role by the PSA's own order, so the board
 * reads as the flow. Closed statuses (inactive ones too, so old tickets still land somewhere) merge
 * into one Done column. Inactive open statuses get no column: their tickets show as unmapped.
 *
 * Real boards rarely have a Ready status. When none is found, the intake statuses become role
 * 'ready' (DESIGN: unassigned tickets in new/open statuses form Ready): those named like new/open,
 * not triage ones nor names placed by position — unless those are all the intake there is.
 * Marking them in the guessed mapping, rather than inferring it later, lets the options page
 * show plainly which column serves as Ready.
 */
export function guessColumns(statuses: readonly Status[]): ColumnDef[] {
  const ordered = [...statuses].sort(byPsaOrder);
  const guessed = new Map<string, ColumnRole>();
  let firstDoingOrder: number | null = null;
  for (const status of ordered) {
    const role = guessStatusRole(status);
    if (role === null) continue;
    if (status.inactive && role !== 'done') continue;
    guessed.set(status.id, role);
    if (role === 'doing' && firstDoingOrder === null) firstDoingOrder = status.order;
  }
  // A name we do not recognise after the first in-progress status is most likely more work in
  // progress ("Escalate"); before it, more intake.
  for (const status of ordered) {
    if (status.inactive || guessed.has(status.id)) continue;
    guessed.set(status.id, firstDoingOrder !== null && status.order > firstDoingOrder ? 'doing' : 'intake');
  }

  const mapped = ordered.filter((s) => guessed.has(s.id));
  if (!mapped.some((s) => guessed.get(s.id) === 'ready')) {
    const intake = mapped.filter((s) => guessed.get(s.id) === 'intake');
    const newOrOpen = intake.filter((s) => guessStatusRole(s) === 'intake' && !TRIAGE.test(normalizeName(s.name)));
    for (const status of newOrOpen.length > 0 ? newOrOpen : intake) guessed.set(status.id, 'ready');
  }

  const columns: ColumnDef[] = [];
  const doneStatusIds: string[] = [];
  for (const status of mapped) {
    const role = guessed.get(status.id);
    if (role === undefined) continue;
    if (role === 'done') {
      doneStatusIds.push(status.id);
      continue;
    }
    columns.push({ id: `status:${status.id}`, name: status.name, statusIds: [status.id], role, wipLimit: null, hardLimit: false });
  }
  columns.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]); // stable: PSA order within a role
  if (doneStatusIds.length > 0) {
    columns.push({ id: DONE_COLUMN_ID, name: 'Done', statusIds: doneStatusIds, role: 'done', wipLimit: null, hardLimit: false });
  }
  return columns;
}

/** Status ids of every column with this role, in column order. */
export function statusIdsOfRole(columns: readonly ColumnDef[], role: ColumnRole): string[] {
  return columns.filter((c) => c.role === role).flatMap((c) => c.statusIds);
}

/**
 * The statuses Pull next draws from. A configuration without a ready column falls back to its
 * intake columns, the same rule guessColumns applies, so a hand-edited board cannot lose Ready.
 */
export function readyStatusIds(columns: readonly ColumnDef[]): string[] {
  const ready = statusIdsOfRole(columns, 'ready');
  return ready.length > 0 ? ready : statusIdsOfRole(columns, 'intake');
}

function statusesOfRole(columns: readonly ColumnDef[], statuses: readonly Status[], role: ColumnRole): Status[] {
  const ids = new Set(statusIdsOfRole(columns, role));
  return statuses.filter((s) => ids.has(s.id)).sort(byPsaOrder);
}

/**
 * The status Pull next writes: among the doing columns' statuses, the first named like
 * "In Progress", else the first in the PSA's order. Null when the board has no doing column.
 */
export function inProgressStatusId(columns: readonly ColumnDef[], statuses: readonly Status[]): string | null {
  const doing = statusesOfRole(columns, statuses, 'doing').filter((s) => !s.inactive && !s.closed);
  const named = doing.find((s) => IN_PROGRESS.test(normalizeName(s.name)));
  return (named ?? doing[0])?.id ?? null;
}

// Finishing work should land on the status that says so; "Closed" is the generic fallback and
// "Cancelled" the last resort (it would misreport finished work).
function donePreference(status: Status): number {
  const name = normalizeName(status.name);
  if (/\b(cancel|cancelled|canceled|rejected|duplicate|void|spam)\b/.test(name)) return 2;
  if (/\b(complete|completed|resolved|done|finished|fixed)\b/.test(name)) return 0;
  return 1;
}

/**
 * The status "Done" writes: a closed, active status of the done column, preferring
 * Completed/Resolved over Closed over Cancelled, then the PSA's order. When the done column holds
 * no closed status (a PSA that does not flag them), its active statuses are considered instead.
 */
export function doneStatusId(columns: readonly ColumnDef[], statuses: readonly Status[]): string | null {
  const done = statusesOfRole(columns, statuses, 'done').filter((s) => !s.inactive);
  const closed = done.filter((s) => s.closed);
  const candidates = closed.length > 0 ? closed : done;
  const best = [...candidates].sort((a, b) => donePreference(a) - donePreference(b) || byPsaOrder(a, b))[0];
  return best?.id ?? null;
}

/** The column that claims the ticket's status, or null (the ticket is unmapped). */
export function columnOfTicket(columns: readonly ColumnDef[], ticket: Ticket): ColumnDef | null {
  return columnOfStatus(columns, ticket.status.id);
}

export function columnOfStatus(columns: readonly ColumnDef[], statusId: string): ColumnDef | null {
  return columns.find((c) => c.statusIds.includes(statusId)) ?? null;
}

export interface PlacedTickets {
  /** Every column, in column order, empty ones included. */
  byColumn: Map<string, Ticket[]>;
  /** Tickets in a status no column claims: shown apart so someone maps the status. */
  unmapped: Ticket[];
}

export function placeTickets(columns: readonly ColumnDef[], tickets: readonly Ticket[]): PlacedTickets {
  const byColumn = new Map<string, Ticket[]>(columns.map((c) => [c.id, []]));
  const columnByStatus = new Map<string, string>();
  for (const column of columns) {
    // The first column to claim a status wins, as in columnOfStatus.
    for (const statusId of column.statusIds) if (!columnByStatus.has(statusId)) columnByStatus.set(statusId, column.id);
  }
  const unmapped: Ticket[] = [];
  for (const ticket of tickets) {
    const columnId = columnByStatus.get(ticket.status.id);
    const bucket = columnId === undefined ? undefined : byColumn.get(columnId);
    if (bucket === undefined) unmapped.push(ticket);
    else bucket.push(ticket);
  }
  return { byColumn, unmapped };
}

export type StatusForMove = { ok: true; statusId: string } | { ok: false; reason: string };

/**
 * The status a move into `column` writes for this ticket: the column's first status (in the order the
 * board maps them) that is active and belongs to the ticket's PSA board (statuses are per board on
 * ConnectWise). None means the move is refused with the reason, never written as some other status.
 */
export function statusForMove(column: ColumnDef, ticket: Pick<Ticket, 'board'>, statuses: readonly Status[]): StatusForMove {
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const boardId = ticket.board?.id ?? null;
  for (const statusId of column.statusIds) {
    const status = byId.get(statusId);
    if (status === undefined || status.inactive) continue;
    if (boardId !== null && status.boardId !== null && status.boardId !== boardId) continue;
    return { ok: true, statusId };
  }
  const where = ticket.board ? ` on board ${ticket.board.name}` : '';
  return {
    ok: false,
    reason: `${column.name} has no status${where} to move a ticket to: map one to it in Options → Board designer.`,
  };
}

/**
 * The board's placement of tickets into lanes × columns, kept up to date one ticket at a time: a sync
 * that changes three tickets costs three binary-search removals and insertions, whatever the size of
 * the board. Only a new clock reading, new filters or a new configuration place everything again.
 * Pure: no signals, no I/O; the board model wraps it.
 */
import type { Member, Status, Ticket } from '../psa/model';
import {
  canMoveInto,
  checkReady,
  columnWipState,
  compareIds,
  compareRanked,
  rankTicket,
  slaState,
  statusForMove,
  type ColumnDef,
  type ColumnWipState,
  type RankedTicket,
} from '../flow';
import type { BoardConfig, BoardFilters } from '../board-config/schema';

export const EXPEDITE_LANE = 'expedite';
export const ALL_LANE = 'all';

export interface Lane {
  key: string;
  title: string;
  /** Lanes sort by this, then by title. */
  rank: number;
}

export interface BoardIndexContext {
  board: BoardConfig;
  me: Member | null;
  statuses: readonly Status[];
  filters: BoardFilters;
  /** The clock of this placement: SLA lanes and ranks are fixed until the next rebuild. */
  now: number;
}

export interface ColumnBadge {
  count: number;
  limit: number | null;
  hardLimit: boolean;
  /** 'at' the limit: amber; 'over' it: red when hard, amber when soft. */
  state: ColumnWipState;
}

/**
 * The counts of the whole board when the index holds only the cards of its first screen (painted from
 * the last session's copy while the cache is read): badges and lane counts tell the truth meanwhile.
 */
export interface IndexCounts {
  size: number;
  visibleCount: number;
  badges: Record<string, number>;
  lanes: Record<string, number>;
  unmapped: { count: number; statusNames: string[] };
}

export type MoveDecision =
  | { ok: true; statusId: string; warning: string | null }
  | { ok: false; reason: string; kind: 'same' | 'status' | 'limit' | 'unknown' };

interface Place {
  columnId: string | null;
  laneKey: string;
  visible: boolean;
}

type Compare = (a: Ticket, b: Ticket) => number;

/** Ticket → its creation time: parsed once, not at every comparison of a sort. */
const createdAt = new WeakMap<Ticket, number>();

function created(ticket: Ticket): number {
  let at = createdAt.get(ticket);
  if (at === undefined) {
    at = Date.parse(ticket.created);
    createdAt.set(ticket, at);
  }
  return at;
}

function byPriorityThenAge(a: Ticket, b: Ticket): number {
  return (a.priority?.rank ?? 99) - (b.priority?.rank ?? 99) || created(a) - created(b) || compareIds(a.id, b.id);
}

/** First index whose element is not before `item`. */
function lowerBound(list: readonly Ticket[], item: Ticket, compare: Compare): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: Ticket[], item: Ticket, compare: Compare): void {
  list.splice(lowerBound(list, item, compare), 0, item);
}

function removeSorted(list: Ticket[], item: Ticket, compare: Compare): void {
  let at = lowerBound(list, item, compare);
  while (at < list.length && list[at] !== item && list[at]!.id !== item.id && compare(list[at]!, item) === 0) at++;
  if (list[at]?.id !== item.id) at = list.findIndex((t) => t.id === item.id); // a comparator that moved under us
  if (at >= 0) list.splice(at, 1);
}

export class BoardIndex {
  private ctx: BoardIndexContext;
  private readonly tickets = new Map<string, Ticket>();
  private readonly places = new Map<string, Place>();
  private readonly ranked = new Map<string, RankedTicket>();
  private readonly pendingMoves = new Map<string, string>();
  /** Every ticket of a column, filters ignored: WIP counts and Ready's order. */
  private readonly byColumn = new Map<string, Ticket[]>();
  /** Visible tickets per lane and column. */
  private readonly cells = new Map<string, Map<string, Ticket[]>>();
  private readonly laneInfo = new Map<string, Lane>();
  private readonly laneCounts = new Map<string, number>();
  private readonly unmapped = new Map<string, Ticket>();
  private columnByStatus = new Map<string, string>();
  private columnsById = new Map<string, ColumnDef>();
  private rankedColumns = new Set<string>();
  private manualPositions = new Map<string, number>();
  private teammates = new Set<string>();
  private myTeamIds = new Set<string>();
  private statusById = new Map<string, Status>();
  private counts: IndexCounts | null = null;
  /** Lanes holding at least one visible card, in display order. */
  lanes: Lane[] = [];
  private shown = 0;

  constructor(ctx: BoardIndexContext, tickets: Iterable<Ticket> = []) {
    this.ctx = ctx;
    for (const ticket of tickets) this.tickets.set(ticket.id, ticket);
    this.rebuild(ctx);
  }

  get context(): BoardIndexContext {
    return this.ctx;
  }

  get size(): number {
    return this.counts?.size ?? this.tickets.size;
  }

  get visibleCount(): number {
    return this.counts?.visibleCount ?? this.shown;
  }

  /** The index holds only a first screen: these are the board's real counts. */
  setCounts(counts: IndexCounts | null): void {
    this.counts = counts;
  }

  get partial(): boolean {
    return this.counts !== null;
  }

  /** Visible cards in a lane, all columns. */
  laneCount(laneKey: string): number {
    return this.counts?.lanes[laneKey] ?? this.laneCounts.get(laneKey) ?? 0;
  }

  /** What a first screen needs to be painted again: the leading cards of every cell, and the counts. */
  firstScreen(rowsPerCell: (laneKey: string) => number): { tickets: Ticket[]; counts: IndexCounts } {
    const tickets = new Map<string, Ticket>();
    const badges: Record<string, number> = {};
    for (const columnId of this.columnsById.keys()) badges[columnId] = this.badge(columnId).count;
    const lanes: Record<string, number> = {};
    for (const lane of this.lanes) {
      lanes[lane.key] = this.laneCount(lane.key);
      for (const list of this.cells.get(lane.key)?.values() ?? []) {
        for (const ticket of list.slice(0, rowsPerCell(lane.key))) tickets.set(ticket.id, ticket);
      }
    }
    return { tickets: [...tickets.values()], counts: { size: this.size, visibleCount: this.visibleCount, badges, lanes, unmapped: this.unmappedSummary() } };
  }

  /** Places every ticket again: for a new clock, new filters or a new configuration. */
  rebuild(ctx: BoardIndexContext = this.ctx): void {
    this.ctx = ctx;
    const { board } = ctx;
    this.columnsById = new Map(board.columns.map((c) => [c.id, c]));
    this.columnByStatus = new Map();
    for (const column of board.columns) for (const id of column.statusIds) if (!this.columnByStatus.has(id)) this.columnByStatus.set(id, column.id);
    const ready = board.columns.filter((c) => c.role === 'ready');
    this.rankedColumns = new Set((ready.length > 0 ? ready : board.columns.filter((c) => c.role === 'intake')).map((c) => c.id));
    this.manualPositions = new Map();
    for (const id of board.ranking.readyOrder) if (!this.manualPositions.has(id)) this.manualPositions.set(id, this.manualPositions.size);
    this.statusById = new Map(ctx.statuses.map((s) => [s.id, s]));
    this.computeTeam();
    this.places.clear();
    this.ranked.clear();
    this.byColumn.clear();
    this.cells.clear();
    this.laneInfo.clear();
    this.laneCounts.clear();
    this.unmapped.clear();
    this.lanes = [];
    this.shown = 0;
    for (const column of board.columns) this.byColumn.set(column.id, []);
    // Bucket first, sort each bucket once: cheaper than inserting one by one.
    for (const ticket of this.tickets.values()) this.place(ticket, false);
    for (const [columnId, list] of this.byColumn) list.sort(this.compareFor(columnId));
    for (const lane of this.cells.values()) for (const [columnId, list] of lane) list.sort(this.compareFor(columnId));
    this.lanes.sort(compareLanes);
  }

  /** New or changed tickets: each is taken out of where it was and put where it belongs now. */
  upsert(tickets: Iterable<Ticket>): void {
    for (const ticket of tickets) {
      this.unplace(ticket.id);
      this.tickets.set(ticket.id, ticket);
      this.place(ticket, true);
    }
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      this.unplace(id);
      this.tickets.delete(id);
      this.pendingMoves.delete(id);
    }
  }

  /** Shows a ticket in `columnId` while its move is being written; null puts it back where its status says. */
  setPending(ticketId: string, columnId: string | null): void {
    const ticket = this.tickets.get(ticketId);
    if (columnId === null) this.pendingMoves.delete(ticketId);
    else this.pendingMoves.set(ticketId, columnId);
    if (ticket) this.upsert([ticket]);
  }

  isPending(ticketId: string): boolean {
    return this.pendingMoves.has(ticketId);
  }

  ticket(id: string): Ticket | undefined {
    return this.tickets.get(id);
  }

  columnIdOf(ticketId: string): string | null {
    return this.places.get(ticketId)?.columnId ?? null;
  }

  laneOf(ticketId: string): string | null {
    return this.places.get(ticketId)?.laneKey ?? null;
  }

  /** Visible tickets of one lane and column, in display order. */
  cell(laneKey: string, columnId: string): readonly Ticket[] {
    return this.cells.get(laneKey)?.get(columnId) ?? [];
  }

  /** Every ticket of a column, filters ignored, in display order. */
  column(columnId: string): readonly Ticket[] {
    return this.byColumn.get(columnId) ?? [];
  }

  isRanked(columnId: string): boolean {
    return this.rankedColumns.has(columnId);
  }

  rankOf(ticketId: string): RankedTicket | undefined {
    return this.ranked.get(ticketId);
  }

  badge(columnId: string): ColumnBadge {
    const column = this.columnsById.get(columnId);
    const count = this.counts?.badges[columnId] ?? this.byColumn.get(columnId)?.length ?? 0;
    const limit = column?.wipLimit ?? null;
    return { count, limit, hardLimit: column?.hardLimit ?? false, state: columnWipState(count, limit) };
  }

  /** Tickets in statuses no column claims, by status name: someone should map those statuses. */
  unmappedSummary(): { count: number; statusNames: string[] } {
    if (this.counts) return this.counts.unmapped;
    const names = new Set<string>();
    for (const ticket of this.unmapped.values()) names.add(ticket.status.name);
    return { count: this.unmapped.size, statusNames: [...names] };
  }

  /** Definition of Ready reasons for a ticket shown in a ranked (Ready) column. */
  notReadyReasons(ticket: Ticket): string[] {
    const columnId = this.places.get(ticket.id)?.columnId;
    if (columnId == null || !this.rankedColumns.has(columnId)) return [];
    return checkReady(ticket, this.ctx.board.readyRules).reasons;
  }

  /** Whether the ticket may move into the column, and which status the move writes. */
  checkMove(ticketId: string, columnId: string): MoveDecision {
    const ticket = this.tickets.get(ticketId);
    const column = this.columnsById.get(columnId);
    if (!ticket || !column) return { ok: false, kind: 'unknown', reason: 'That ticket or column is no longer on the board.' };
    const from = this.places.get(ticketId)?.columnId ?? null;
    if (from === columnId) return { ok: false, kind: 'same', reason: `${ticket.number} is already in ${column.name}.` };
    const status = statusForMove(column, ticket, this.ctx.statuses);
    if (!status.ok) return { ok: false, kind: 'status', reason: status.reason };
    const check = canMoveInto(column, this.byColumn.get(columnId)?.length ?? 0);
    if (!check.ok) return { ok: false, kind: 'limit', reason: check.reason };
    return { ok: true, statusId: status.statusId, warning: check.warning ?? null };
  }

  /**
   * The dispatcher's manual order after putting `ticketId` just before `beforeId` (null: after
   * `afterId`, or last) in its ranked column: the tickets of its lane (expedite or standard: a manual
   * order never crosses lanes) down to the moved one keep the place they are seen in, so the move lands
   * exactly where it was dropped; the other lane's manual order is kept. Null when the ticket is not
   * in a ranked column.
   */
  manualOrderAfterReorder(ticketId: string, target: { beforeId?: string | null; afterId?: string | null }): string[] | null {
    const columnId = this.places.get(ticketId)?.columnId;
    if (columnId == null || !this.rankedColumns.has(columnId)) return null;
    const lane = this.ranked.get(ticketId)?.lane;
    const all = this.column(columnId).filter((t) => t.id !== ticketId);
    // Where the drop is in the whole column, then how many of this lane's tickets come before it.
    let cut = all.length;
    if (target.beforeId != null && all.some((t) => t.id === target.beforeId)) cut = all.findIndex((t) => t.id === target.beforeId);
    else if (target.afterId != null && all.some((t) => t.id === target.afterId)) cut = all.findIndex((t) => t.id === target.afterId) + 1;
    const sameLane = (t: Ticket) => this.ranked.get(t.id)?.lane === lane;
    const above = all.slice(0, cut).filter(sameLane).map((t) => t.id);
    const otherLane = [...this.manualPositions.keys()].filter((id) => {
      const ranked = this.ranked.get(id);
      return ranked !== undefined && ranked.lane !== lane && this.places.get(id)?.columnId === columnId;
    });
    return [...otherLane, ...above, ticketId];
  }

  private compareFor(columnId: string | null): Compare {
    if (columnId !== null && this.rankedColumns.has(columnId)) {
      return (a, b) => {
        const ra = this.ranked.get(a.id);
        const rb = this.ranked.get(b.id);
        return ra && rb ? compareRanked(ra, rb) : byPriorityThenAge(a, b);
      };
    }
    return byPriorityThenAge;
  }

  private computeTeam(): void {
    const me = this.ctx.me?.id ?? null;
    this.teammates = new Set();
    this.myTeamIds = new Set();
    if (me === null) return;
    this.teammates.add(me);
    for (const team of this.ctx.board.teams) {
      if (!team.memberIds.includes(me)) continue;
      this.myTeamIds.add(team.id);
      for (const id of team.memberIds) this.teammates.add(id);
    }
    if (this.myTeamIds.size > 0) return;
    // No team configured for me: my team is the PSA team(s) my own tickets belong to.
    for (const ticket of this.tickets.values()) if (ticket.assignee?.id === me && ticket.team) this.myTeamIds.add(ticket.team.id);
  }

  private isVisible(ticket: Ticket): boolean {
    const { filters, me } = this.ctx;
    if (filters.mine && (me === null || ticket.assignee?.id !== me.id)) return false;
    if (filters.myTeam) {
      const assignee = ticket.assignee?.id;
      const team = ticket.team?.id;
      if (!(assignee !== undefined && this.teammates.has(assignee)) && !(team !== undefined && this.myTeamIds.has(team))) return false;
    }
    if (filters.companyIds.length > 0 && !filters.companyIds.includes(ticket.company?.id ?? '')) return false;
    if (filters.priorityIds.length > 0 && !filters.priorityIds.includes(ticket.priority?.id ?? '')) return false;
    const text = filters.text.trim().toLowerCase();
    if (text) {
      const haystack = [ticket.number, ticket.title, ticket.company?.name, ticket.assignee?.name, ticket.contact?.name].join(' ').toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  }

  private laneFor(ticket: Ticket, columnId: string): Lane {
    const column = this.columnsById.get(columnId);
    if (column && column.role !== 'done') {
      const sla = slaState(ticket, this.ctx.now, this.ctx.board.ranking.expediteWithinMinutes);
      if (sla.state === 'breached' || sla.state === 'at-risk') return { key: EXPEDITE_LANE, title: 'Expedite', rank: -1 };
    }
    switch (this.ctx.board.swimlanes) {
      case 'none':
        return { key: ALL_LANE, title: 'Standard', rank: 0 };
      case 'assignee':
        return ticket.assignee ? { key: `a:${ticket.assignee.id}`, title: ticket.assignee.name, rank: 1 } : { key: 'a:', title: 'Unassigned', rank: 0 };
      case 'priority':
        return ticket.priority
          ? { key: `p:${ticket.priority.id}`, title: ticket.priority.name, rank: ticket.priority.rank }
          : { key: 'p:', title: 'No priority', rank: 1e6 };
      case 'company':
        return ticket.company ? { key: `c:${ticket.company.id}`, title: ticket.company.name, rank: 0 } : { key: 'c:', title: 'No company', rank: 1 };
      case 'team': {
        const team = ticket.team ?? this.configuredTeamOf(ticket.assignee?.id);
        return team ? { key: `t:${team.id}`, title: team.name, rank: 0 } : { key: 't:', title: 'No team', rank: 1 };
      }
    }
  }

  private configuredTeamOf(memberId: string | undefined): { id: string; name: string } | null {
    if (memberId === undefined) return null;
    return this.ctx.board.teams.find((t) => t.memberIds.includes(memberId)) ?? null;
  }

  private place(ticket: Ticket, sorted: boolean): void {
    const columnId = this.pendingMoves.get(ticket.id) ?? this.columnByStatus.get(ticket.status.id) ?? null;
    if (columnId === null || !this.columnsById.has(columnId)) {
      this.unmapped.set(ticket.id, ticket);
      this.places.set(ticket.id, { columnId: null, laneKey: '', visible: false });
      return;
    }
    if (this.rankedColumns.has(columnId)) {
      this.ranked.set(ticket.id, rankTicket(ticket, { now: this.ctx.now, policy: { expediteWithinMinutes: this.ctx.board.ranking.expediteWithinMinutes } }, this.manualPositions.get(ticket.id) ?? null));
    }
    const lane = this.laneFor(ticket, columnId);
    const visible = this.isVisible(ticket);
    this.places.set(ticket.id, { columnId, laneKey: lane.key, visible });
    const compare = this.compareFor(columnId);
    const all = this.byColumn.get(columnId)!;
    if (sorted) insertSorted(all, ticket, compare);
    else all.push(ticket);
    if (!visible) return;
    this.shown++;
    let cells = this.cells.get(lane.key);
    if (!cells) {
      cells = new Map();
      this.cells.set(lane.key, cells);
    }
    let list = cells.get(columnId);
    if (!list) {
      list = [];
      cells.set(columnId, list);
    }
    if (sorted) insertSorted(list, ticket, compare);
    else list.push(ticket);
    const count = (this.laneCounts.get(lane.key) ?? 0) + 1;
    this.laneCounts.set(lane.key, count);
    if (count === 1) {
      this.laneInfo.set(lane.key, lane);
      if (sorted) {
        const at = this.lanes.findIndex((l) => compareLanes(lane, l) < 0);
        this.lanes.splice(at < 0 ? this.lanes.length : at, 0, lane);
      } else this.lanes.push(lane);
    }
  }

  private unplace(ticketId: string): void {
    const ticket = this.tickets.get(ticketId);
    const place = this.places.get(ticketId);
    if (!ticket || !place) return;
    this.places.delete(ticketId);
    if (place.columnId === null) {
      this.unmapped.delete(ticketId);
      return;
    }
    // Compare with the ranking the ticket was inserted under, then forget it.
    const compare = this.compareFor(place.columnId);
    const all = this.byColumn.get(place.columnId);
    if (all) removeSorted(all, ticket, compare);
    if (place.visible) {
      const list = this.cells.get(place.laneKey)?.get(place.columnId);
      if (list) removeSorted(list, ticket, compare);
      this.shown--;
      const count = (this.laneCounts.get(place.laneKey) ?? 1) - 1;
      this.laneCounts.set(place.laneKey, count);
      if (count === 0) {
        this.lanes = this.lanes.filter((l) => l.key !== place.laneKey);
        this.laneInfo.delete(place.laneKey);
        this.cells.delete(place.laneKey);
      }
    }
    this.ranked.delete(ticketId);
  }
}

function compareLanes(a: Lane, b: Lane): number {
  return a.rank - b.rank || a.title.localeCompare(b.title) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

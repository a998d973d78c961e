/**
 * The board's state for every view of it (side panel, the full-page board over a PSA page, the
 * designer's preview): painted from one snapshot, then patched ticket by ticket as changes arrive.
 * Moves show at once as pending, are written by the background, and roll back with the reason when
 * refused. Components read these signals and call these actions; they hold no state of their own.
 */
import { batch, computed, effect, signal } from '@preact/signals';
import type { Ticket } from '../psa/model';
import type { BoardConfig, BoardConfigSet, BoardFilters } from '../board-config/schema';
import type { BoardPatch, BoardSyncView } from '../store/board-feed';
import { agingMarker, slaState, type AgingMarker, type ColumnDef, type SlaState } from '../flow';
import { BoardIndex, type IndexCounts } from './board-index';
import type { BoardConnection, BoardSnapshot } from '../protocol/answers';
import type { BoardFeed } from './board-feed';
import type { FirstScreenStore } from './board-first-screen';

export type BoardModel = ReturnType<typeof createBoardModel>;

export interface BoardNotice {
  kind: 'pending' | 'ok' | 'warn' | 'error';
  text: string;
}

/** A keyboard move being chosen: the card and the column the arrows point at. */
export interface PickedMove {
  ticketId: string;
  columnId: string;
}

export interface BoardModelOptions {
  /** The designer's preview: shows this configuration instead of the stored one, and moves nothing. */
  preview?: () => BoardConfigSet | null;
  /** With `preview`: the board of it to show. */
  previewBoardId?: () => string | null;
  /** Marks first paint and each applied patch on the Performance timeline (the benchmark reads them). */
  marks?: boolean;
  /** Where the last first screen is kept, when this context can keep one (extension pages). */
  firstScreen?: FirstScreenStore;
}

const TICK_MS = 30_000;
/** After a key on a card, re-renders (a move landing, a sync) hand focus back to it for this long. */
const KEYBOARD_FOCUS_MS = 15_000;
/** Cards kept per cell for the next first paint: a column's height, or a capped lane's. */
const FIRST_SCREEN_ROWS = 12;
const FIRST_SCREEN_LANE_ROWS = 4;
/** Lanes and Ready's order follow the clock (SLA windows): placed again this often. */
const REPLACE_EVERY_MS = 60_000;

function boardOf(set: BoardConfigSet | null, boardId: string | null): BoardConfig | null {
  if (!set) return null;
  return set.boards.find((b) => b.id === boardId) ?? set.boards.find((b) => b.id === set.defaultBoardId) ?? set.boards[0] ?? null;
}

function addCompanies(into: Map<string, string>, tickets: readonly Ticket[]): Map<string, string> {
  for (const ticket of tickets) if (ticket.company) into.set(ticket.company.id, ticket.company.name);
  return into;
}

function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

export function createBoardModel(feed: BoardFeed, options: BoardModelOptions = {}) {
  const connection = signal<BoardConnection | null>(null);
  const sync = signal<BoardSyncView | null>(null);
  const storedSet = signal<BoardConfigSet | null>(null);
  const configProblem = signal<string | null>(null);
  const boardId = signal<string | null>(null);
  const loading = signal(true);
  const problem = signal<string | null>(null);
  const now = signal(Date.now());
  /** Bumped whenever the index changes: components that read it re-render. */
  const revision = signal(0);
  const filters = signal<BoardFilters>({ mine: false, myTeam: false, companyIds: [], priorityIds: [], text: '' });
  const notice = signal<BoardNotice | null>(null);
  /** What a screen reader hears next (the live region's text). */
  const announcement = signal('');
  const picked = signal<PickedMove | null>(null);
  const focusId = signal<string | null>(null);
  const dragging = signal<string | null>(null);
  /** Where a dragged card would land: the lane, the column and the position in that cell. */
  const dropTarget = signal<{ laneKey: string; columnId: string; index: number } | null>(null);
  /** Companies seen on the board, for the filter: gathered on load, extended by patches. */
  const companies = signal<ReadonlyMap<string, string>>(new Map());
  const readOnly = options.preview !== undefined;

  const configSet = computed(() => options.preview?.() ?? storedSet.value);
  const board = computed(() => boardOf(configSet.value, options.previewBoardId?.() ?? boardId.value));
  const columns = computed<ColumnDef[]>(() => board.value?.columns ?? []);

  let index: BoardIndex | null = null;
  let enteredAt = new Map<string, number>();
  let thresholds = new Map<string, number | null>();
  let placedAt = 0;
  let painted = false;

  function bump(): void {
    revision.value = revision.peek() + 1;
  }

  function indexContext(at: number) {
    const shown = board.value!;
    // The preview opens with the filters being designed; a live board with the ones the user picked.
    return { board: shown, me: sync.value?.me ?? null, statuses: sync.value?.statuses ?? [], filters: readOnly ? shown.filters : filters.value, now: at };
  }

  function replaceAll(at = Date.now()): void {
    if (!board.value) return;
    placedAt = at;
    if (index) index.rebuild(indexContext(at));
    bump();
  }

  function mark(name: string): void {
    if (options.marks === false || typeof performance === 'undefined') return;
    afterPaint(() => performance.mark(name));
  }

  /** Takes a snapshot as the board's state; `counts` when it holds only a first screen. */
  function adopt(snapshot: BoardSnapshot, counts: IndexCounts | null, openWith: BoardFilters | null): void {
    const at = Date.now();
    batch(() => {
      connection.value = snapshot.connection;
      sync.value = snapshot.sync;
      storedSet.value = snapshot.configs.set;
      configProblem.value = snapshot.configs.problem;
      if (boardId.value === null || boardId.value !== snapshot.boardId) {
        boardId.value = snapshot.boardId;
        if (board.value) filters.value = { ...(openWith ?? board.value.filters) };
      }
      enteredAt = new Map(Object.entries(snapshot.enteredAt));
      thresholds = new Map(Object.entries(snapshot.thresholds));
      now.value = at;
      placedAt = at;
      index = board.value ? new BoardIndex(indexContext(at), snapshot.tickets) : null;
      index?.setCounts(counts);
      companies.value = addCompanies(counts ? new Map(companies.value) : new Map(), snapshot.tickets);
      loading.value = false;
      problem.value = null;
      bump();
    });
    if (!painted) {
      painted = true;
      mark('pullboard:board-painted');
    }
  }

  /** The last session's first screen, painted before anything is awaited; true when there was one. */
  function paintFirstScreen(): boolean {
    const screen = painted || readOnly ? null : (options.firstScreen?.read() ?? null);
    if (screen) adopt(screen.snapshot, screen.counts, screen.filters);
    return screen !== null;
  }

  let saving: ReturnType<typeof setTimeout> | null = null;
  /** Keeps the first screen for the next open, a moment after the board settles. */
  function saveFirstScreen(): void {
    const store = options.firstScreen;
    if (!store || readOnly || saving) return;
    saving = setTimeout(() => {
      saving = null;
      const current = index;
      const shown = board.value;
      const from = connection.value;
      if (!current || current.partial || !shown || !from) return;
      const fills = shown.swimlanes === 'none';
      const { tickets, counts } = current.firstScreen((lane) => (fills && lane !== 'expedite' ? FIRST_SCREEN_ROWS : FIRST_SCREEN_LANE_ROWS));
      const entered: Record<string, number> = {};
      for (const ticket of tickets) entered[ticket.id] = enteredAt.get(ticket.id) ?? Date.parse(ticket.updated);
      store.write({
        version: 1,
        savedAt: Date.now(),
        counts,
        filters: filters.value,
        snapshot: {
          connection: from,
          sync: sync.value,
          configs: { set: storedSet.value!, stored: true, problem: configProblem.value },
          boardId: shown.id,
          tickets,
          enteredAt: entered,
          thresholds: Object.fromEntries(thresholds),
        },
      });
    }, 1_000);
  }

  async function reloadAll(): Promise<void> {
    try {
      // Reading 5,000 tickets (and placing them) waits until the first screen is on the screen.
      if (paintFirstScreen()) await new Promise<void>((resolve) => afterPaint(resolve));
      const snapshot = await feed.load(boardId.value);
      if (!snapshot) {
        if (!readOnly) options.firstScreen?.clear();
        batch(() => {
          connection.value = null;
          index = null;
          loading.value = false;
          bump();
        });
        return;
      }
      adopt(snapshot, null, null);
      mark('pullboard:board-complete');
      saveFirstScreen();
    } catch (error) {
      batch(() => {
        problem.value = (error as Error).message;
        loading.value = false;
      });
    }
  }

  function applyPatch(patch: BoardPatch): void {
    // New PSA statuses (the first sync's metadata, a status added in the PSA) can change the guessed columns.
    const statusKey = (view: BoardSyncView | null) => (view?.statuses ?? []).map((s) => `${s.id}:${s.name}:${s.closed}:${s.inactive}`).join('|');
    if (patch.sync && statusKey(patch.sync) !== statusKey(sync.value)) {
      sync.value = patch.sync;
      void reloadConfigs();
      return;
    }
    if (!index) return;
    batch(() => {
      if (patch.sync) sync.value = patch.sync;
      for (const [id, at] of Object.entries(patch.enteredAt)) enteredAt.set(id, at);
      for (const id of patch.removed) enteredAt.delete(id);
      index!.remove(patch.removed);
      index!.upsert(patch.tickets);
      if (patch.tickets.some((t) => t.company && !companies.value.has(t.company.id))) companies.value = addCompanies(new Map(companies.value), patch.tickets);
      bump();
    });
    mark('pullboard:board-patched');
    saveFirstScreen();
  }

  async function reloadConfigs(): Promise<void> {
    const current = connection.value;
    if (!current) return reloadAll();
    try {
      const set = await feed.loadConfigs(current.id);
      const before = JSON.stringify(columns.value);
      storedSet.value = set;
      // New columns change what "time in column" means: read the aging facts again.
      if (JSON.stringify(columns.value) !== before) await reloadAll();
      else replaceAll();
    } catch (error) {
      problem.value = (error as Error).message;
    }
  }

  // The preview follows every edit of the draft.
  if (readOnly) effect(() => void (board.value && index && replaceAll(placedAt || Date.now())));

  function listen(): () => void {
    const stop = feed.subscribe(
      () => (connection.value && board.value ? { connectionId: connection.value.id, boardId: board.value.id, columns: columns.value } : null),
      { patch: applyPatch, configs: () => void reloadConfigs(), reload: () => void reloadAll() },
    );
    const timer = setInterval(() => {
      const at = Date.now();
      now.value = at;
      if (at - placedAt >= REPLACE_EVERY_MS) replaceAll(at);
    }, TICK_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }

  // ---- what the view reads ----------------------------------------------------------------

  function cardFacts(ticket: Ticket, columnId: string, at: number): { sla: SlaState; ageMs: number; aging: AgingMarker; thresholdMs: number | null } {
    const entered = enteredAt.get(ticket.id) ?? Date.parse(ticket.updated);
    const ageMs = Math.max(0, at - entered);
    const thresholdMs = thresholds.get(columnId) ?? null;
    return {
      sla: slaState(ticket, at, board.value?.ranking.expediteWithinMinutes),
      ageMs,
      aging: agingMarker(ageMs, thresholdMs),
      thresholdMs,
    };
  }

  function getIndex(): BoardIndex | null {
    void revision.value; // subscribe
    return index;
  }

  // ---- actions ---------------------------------------------------------------------------------

  function say(text: string, kind: BoardNotice['kind'] | null = null): void {
    batch(() => {
      announcement.value = text;
      if (kind) notice.value = { kind, text };
    });
  }

  function setFilters(change: Partial<BoardFilters>): void {
    filters.value = { ...filters.value, ...change };
    replaceAll(placedAt || Date.now());
    saveFirstScreen();
  }

  function selectBoard(id: string): void {
    if (id === boardId.value) return;
    boardId.value = id;
    filters.value = { ...board.value!.filters };
    picked.value = null;
    void reloadAll();
  }

  function columnName(columnId: string): string {
    return columns.value.find((c) => c.id === columnId)?.name ?? columnId;
  }

  /** Writes a move through the background; pending until confirmed, rolled back with the reason when refused. */
  async function move(ticketId: string, columnId: string): Promise<void> {
    const current = connection.value;
    const shown = board.value;
    if (!index || !current || !shown || readOnly) return;
    const ticket = index.ticket(ticketId);
    if (!ticket || index.isPending(ticketId)) return;
    if (index.partial) return say('The board is still reading the cache: try the move again in a moment.', 'warn');
    const decision = index.checkMove(ticketId, columnId);
    if (!decision.ok) {
      if (decision.kind !== 'same') say(`${ticket.number} not moved: ${decision.reason}`, 'error');
      return;
    }
    const target = columnName(columnId);
    batch(() => {
      index!.setPending(ticketId, columnId);
      bump();
    });
    say(`Moving ${ticket.number} to ${target}…`, 'pending');
    try {
      const result = await feed.moveCard({
        connectionId: current.id,
        boardId: shown.id,
        ticketId,
        toColumnId: columnId,
        expectedUpdated: ticket.updated,
        expectedStatusId: ticket.status.id,
      });
      if (result.queued) {
        batch(() => {
          index!.setPending(ticketId, null);
          bump();
        });
        say(`${ticket.number} will move to ${target} once the PSA answers: the move waits in Pullboard's outbox (see pending writes).`, 'warn');
        return;
      }
      batch(() => {
        enteredAt.set(ticketId, Date.now());
        index!.setPending(ticketId, null);
        index!.upsert([result.ticket]);
        bump();
      });
      const warning = result.warning ? ` Note: ${result.warning}` : '';
      say(`Moved ${ticket.number} to ${target} (status ${result.statusName} in the PSA).${warning}`, result.warning ? 'warn' : 'ok');
    } catch (error) {
      batch(() => {
        index!.setPending(ticketId, null);
        bump();
      });
      say(`${ticket.number} not moved, back in ${columnName(index.columnIdOf(ticketId) ?? '')}: ${(error as Error).message}`, 'error');
    }
  }

  /** Puts a Ready ticket before `beforeId` (or after `afterId`): stored in the configuration, not in the PSA. */
  async function reorder(ticketId: string, target: { beforeId?: string | null; afterId?: string | null }): Promise<void> {
    const current = connection.value;
    const shown = board.value;
    const set = storedSet.value;
    if (!index || !current || !shown || !set || readOnly) return;
    if (index.partial) return say('The board is still reading the cache: try again in a moment.', 'warn');
    const order = index.manualOrderAfterReorder(ticketId, target);
    const ticket = index.ticket(ticketId);
    if (!order || !ticket) return;
    storedSet.value = { ...set, boards: set.boards.map((b) => (b.id === shown.id ? { ...b, ranking: { ...b.ranking, readyOrder: order } } : b)) };
    replaceAll(placedAt);
    const columnId = index.columnIdOf(ticketId) ?? '';
    const position = index.column(columnId).findIndex((t) => t.id === ticketId) + 1;
    say(`${ticket.number} is now number ${position} in ${columnName(columnId)} (kept in Pullboard, not written to the PSA).`, 'ok');
    try {
      await feed.saveReadyOrder({ connectionId: current.id, boardId: shown.id, order });
    } catch (error) {
      say(`The new order of ${columnName(columnId)} was not saved: ${(error as Error).message}`, 'error');
      void reloadConfigs();
    }
  }

  /** A card dropped on a cell: a move to another column, or a new place in Ready. */
  function drop(ticketId: string, laneKey: string, columnId: string, position: number): void {
    batch(() => {
      dropTarget.value = null;
      dragging.value = null;
    });
    if (!index || !index.ticket(ticketId)) return;
    if (index.columnIdOf(ticketId) !== columnId) return void move(ticketId, columnId);
    if (!index.isRanked(columnId)) return;
    const cell = index.cell(laneKey, columnId);
    const from = cell.findIndex((t) => t.id === ticketId);
    const others = cell.filter((t) => t.id !== ticketId);
    const at = from >= 0 && position > from ? position - 1 : position;
    if (at === from) return;
    const before = others[at];
    void reorder(ticketId, before ? { beforeId: before.id } : { afterId: others[others.length - 1]?.id ?? null });
  }

  // ---- keyboard --------------------------------------------------------------------------------

  function neighbour(ticketId: string, step: number): Ticket | null {
    if (!index) return null;
    const lane = index.laneOf(ticketId);
    const columnId = index.columnIdOf(ticketId);
    if (lane === null || columnId === null) return null;
    const cell = index.cell(lane, columnId);
    const at = cell.findIndex((t) => t.id === ticketId);
    return cell[at + step] ?? null;
  }

  let lastKeyAt = 0;
  /** Whether the user is working the board with the keys (a card then keeps focus across re-renders). */
  function usingKeyboard(): boolean {
    return Date.now() - lastKeyAt < KEYBOARD_FOCUS_MS;
  }

  /** Handles a key on a focused card; true when the key was the board's. */
  function onCardKey(ticketId: string, key: string, shift: boolean): boolean {
    if (!index) return false;
    lastKeyAt = Date.now();
    const ticket = index.ticket(ticketId);
    const from = index.columnIdOf(ticketId);
    if (!ticket || from === null) return false;
    const order = columns.value.map((c) => c.id);
    const pick = picked.value?.ticketId === ticketId ? picked.value : null;
    switch (key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (readOnly) return false;
        const at = order.indexOf(pick?.columnId ?? from);
        const next = order[Math.min(order.length - 1, Math.max(0, at + (key === 'ArrowRight' ? 1 : -1)))]!;
        picked.value = { ticketId, columnId: next };
        say(next === from
          ? `${ticket.number} stays in ${columnName(from)}.`
          : `Move ${ticket.number} to ${columnName(next)}: press Enter to move, Escape to cancel.`);
        return true;
      }
      case 'Enter': {
        if (!pick || pick.columnId === from) {
          if (pick) picked.value = null;
          say(`${ticket.number} in ${columnName(from)}. Left and right arrows choose a column, Enter moves it.`);
          return true;
        }
        picked.value = null;
        void move(ticketId, pick.columnId);
        return true;
      }
      case 'Escape': {
        if (!pick) return false;
        picked.value = null;
        say(`Move of ${ticket.number} cancelled.`);
        return true;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        const step = key === 'ArrowDown' ? 1 : -1;
        const other = neighbour(ticketId, step);
        if (shift && index.isRanked(from) && !readOnly) {
          if (other) void reorder(ticketId, step < 0 ? { beforeId: other.id } : { afterId: other.id });
          focusId.value = ticketId;
          return true;
        }
        if (other) focusId.value = other.id;
        return true;
      }
      default:
        return false;
    }
  }

  return {
    connection,
    sync,
    configSet,
    configProblem,
    board,
    boardId,
    columns,
    loading,
    problem,
    now,
    revision,
    filters,
    notice,
    announcement,
    picked,
    focusId,
    dragging,
    dropTarget,
    companies,
    readOnly,
    drop,
    replaceAll,
    getIndex,
    cardFacts,
    reloadAll,
    reloadConfigs,
    listen,
    setFilters,
    selectBoard,
    move,
    reorder,
    onCardKey,
    usingKeyboard,
    dismissNotice: () => (notice.value = null),
  };
}

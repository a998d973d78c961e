/**
 * The board designer's state: a draft of the connection's board configuration, edited against the
 * PSA's real statuses, members and priorities, checked by the same schema the store and the import
 * use, saved, exported and imported through the background.
 */
import { batch, computed, signal } from '@preact/signals';
import { CACHE_CHANNEL } from '../protocol/channels';
import { type CacheEvent } from '../protocol/answers';
import { ask } from '../protocol/client';
import { guessColumns, defaultReadyRules, type ColumnDef, type ColumnRole } from '../flow';
import { BoardConfigSet, boardById, describeIssues, type BoardConfig } from '../board-config/schema';
import type { BoardConfigView } from '../protocol/answers';

export type BoardDesignerModel = ReturnType<typeof createBoardDesignerModel>;

export interface DesignerMessage {
  ok: boolean;
  text: string;
  /** Shown next to the control that led to it. */
  from: 'save' | 'transfer';
}

function slug(text: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export function createBoardDesignerModel() {
  const view = signal<BoardConfigView | null>(null);
  const draft = signal<BoardConfigSet | null>(null);
  const selectedId = signal<string | null>(null);
  const busy = signal<'save' | 'import' | 'export' | null>(null);
  const message = signal<DesignerMessage | null>(null);
  const loadError = signal<string | null>(null);

  const board = computed<BoardConfig | null>(() => (draft.value ? boardById(draft.value, selectedId.value) : null));
  const statuses = computed(() => [...(view.value?.sync?.statuses ?? [])].sort((a, b) => a.order - b.order));
  const members = computed(() => (view.value?.sync?.members ?? []).filter((m) => !m.inactive));
  const priorities = computed(() => [...(view.value?.sync?.priorities ?? [])].sort((a, b) => a.rank - b.rank));
  const dirty = computed(() => draft.value !== null && view.value !== null && JSON.stringify(draft.value) !== JSON.stringify(view.value.set));
  /** What would stop a save, named field by field; empty when the draft is valid. */
  const problems = computed<string[]>(() => {
    if (!draft.value) return [];
    const parsed = BoardConfigSet.safeParse(draft.value);
    return parsed.success ? [] : describeIssues(draft.value, parsed.error);
  });

  async function load(): Promise<void> {
    try {
      const next = await ask({ type: 'board.config.get' });
      batch(() => {
        view.value = next;
        draft.value = next ? structuredClone(next.set) : null;
        if (next && !next.set.boards.some((b) => b.id === selectedId.value)) selectedId.value = next.set.defaultBoardId;
        loadError.value = null;
      });
    } catch (error) {
      loadError.value = (error as Error).message;
    }
  }

  function listen(): () => void {
    const channel = new BroadcastChannel(CACHE_CHANNEL);
    channel.onmessage = (event: MessageEvent<CacheEvent>) => {
      const type = event.data.type;
      // A Ready reorder on a board, or the first sync's statuses: follow them unless the user is editing.
      if ((type === 'board' || type === 'connections' || type === 'sync' || (type === 'tickets' && !view.value?.sync?.statuses.length)) && !dirty.value) void load();
    };
    return () => channel.close();
  }

  function updateSet(change: (set: BoardConfigSet) => BoardConfigSet): void {
    if (draft.value) draft.value = change(draft.value);
    message.value = null;
  }

  function updateBoard(change: (board: BoardConfig) => BoardConfig): void {
    const current = board.value;
    if (!current) return;
    updateSet((set) => ({ ...set, boards: set.boards.map((b) => (b.id === current.id ? change(b) : b)) }));
  }

  function updateColumn(columnId: string, change: (column: ColumnDef) => ColumnDef): void {
    updateBoard((b) => ({ ...b, columns: b.columns.map((c) => (c.id === columnId ? change(c) : c)) }));
  }

  // ---- columns ------------------------------------------------------------------------------

  function addColumn(): void {
    updateBoard((b) => {
      const id = slug('column', new Set(b.columns.map((c) => c.id)), 'column');
      return { ...b, columns: [...b.columns, { id, name: 'New column', statusIds: [], role: 'doing', wipLimit: null, hardLimit: false }] };
    });
  }

  function removeColumn(columnId: string): void {
    updateBoard((b) => ({ ...b, columns: b.columns.filter((c) => c.id !== columnId) }));
  }

  function moveColumn(columnId: string, step: -1 | 1): void {
    updateBoard((b) => {
      const columns = [...b.columns];
      const at = columns.findIndex((c) => c.id === columnId);
      const to = at + step;
      if (at < 0 || to < 0 || to >= columns.length) return b;
      [columns[at], columns[to]] = [columns[to]!, columns[at]!];
      return { ...b, columns };
    });
  }

  function setColumnLimit(columnId: string, text: string): void {
    const value = text.trim() === '' ? null : Number(text);
    updateColumn(columnId, (c) => ({ ...c, wipLimit: value, hardLimit: value === null ? false : c.hardLimit }));
  }

  /** Maps a status to one column (taking it from any other), or to none. */
  function mapStatus(statusId: string, columnId: string | null): void {
    updateBoard((b) => ({
      ...b,
      columns: b.columns.map((c) => {
        const without = c.statusIds.filter((id) => id !== statusId);
        return c.id === columnId ? { ...c, statusIds: [...without, statusId] } : { ...c, statusIds: without };
      }),
    }));
  }

  /** The status a move into the column writes: put first. */
  function setMoveStatus(columnId: string, statusId: string): void {
    updateColumn(columnId, (c) => ({ ...c, statusIds: [statusId, ...c.statusIds.filter((id) => id !== statusId)] }));
  }

  function resetColumns(): void {
    const columns = guessColumns(statuses.value);
    updateBoard((b) => ({ ...b, columns, readyRules: defaultReadyRules(columns) }));
  }

  function setRole(columnId: string, role: ColumnRole): void {
    updateColumn(columnId, (c) => ({ ...c, role }));
  }

  // ---- boards -------------------------------------------------------------------------------

  function addBoard(): void {
    const set = draft.value;
    const current = board.value;
    if (!set || !current) return;
    const id = slug(`${current.name} copy`, new Set(set.boards.map((b) => b.id)), 'board');
    const copy: BoardConfig = { ...structuredClone(current), id, name: `${current.name} (copy)`, ranking: { ...current.ranking, readyOrder: [] } };
    updateSet((s) => ({ ...s, boards: [...s.boards, copy] }));
    selectedId.value = id;
  }

  function removeBoard(): void {
    const set = draft.value;
    const current = board.value;
    if (!set || !current || set.boards.length < 2) return;
    const rest = set.boards.filter((b) => b.id !== current.id);
    updateSet((s) => ({ ...s, boards: rest, defaultBoardId: s.defaultBoardId === current.id ? rest[0]!.id : s.defaultBoardId }));
    selectedId.value = rest[0]!.id;
  }

  function makeDefault(): void {
    const current = board.value;
    if (current) updateSet((s) => ({ ...s, defaultBoardId: current.id }));
  }

  // ---- save, export, import --------------------------------------------------------------------

  async function guarded(kind: 'save' | 'import' | 'export', action: () => Promise<Omit<DesignerMessage, 'from'>>): Promise<void> {
    busy.value = kind;
    const from = kind === 'save' ? 'save' : 'transfer';
    try {
      message.value = { ...(await action()), from };
    } catch (error) {
      message.value = { ok: false, text: (error as Error).message, from };
    } finally {
      busy.value = null;
    }
  }

  function adopt(saved: BoardConfigSet): void {
    batch(() => {
      if (view.value) view.value = { ...view.value, set: saved, stored: true, problem: null };
      draft.value = structuredClone(saved);
      if (!saved.boards.some((b) => b.id === selectedId.value)) selectedId.value = saved.defaultBoardId;
    });
  }

  const save = () =>
    guarded('save', async () => {
      const connectionId = view.value?.connectionId;
      if (!connectionId || !draft.value) throw new Error('Connect a PSA first.');
      adopt(await ask({ type: 'board.config.save', connectionId, config: draft.value }));
      return { ok: true, text: 'Saved. Every board view and Pull next follow the new configuration.' };
    });

  function revert(): void {
    if (view.value) adopt(view.value.set);
    message.value = null;
  }

  /** The file's name and text; the page turns them into a download. */
  async function exportFile(): Promise<{ fileName: string; text: string } | null> {
    const connectionId = view.value?.connectionId;
    if (!connectionId) return null;
    let file: { fileName: string; text: string } | null = null;
    await guarded('export', async () => {
      if (dirty.value) throw new Error('Save or revert your changes first: the export holds the saved configuration.');
      file = await ask({ type: 'board.config.export', connectionId });
      return { ok: true, text: `Exported ${file.fileName}.` };
    });
    return file;
  }

  const importFile = (name: string, text: string) =>
    guarded('import', async () => {
      const connectionId = view.value?.connectionId;
      if (!connectionId) throw new Error('Connect a PSA first.');
      try {
        adopt(await ask({ type: 'board.config.import', connectionId, text }));
      } catch (error) {
        throw new Error(`${name} was not imported. ${(error as Error).message}`);
      }
      return { ok: true, text: `Imported ${name}: ${draft.value?.boards.length ?? 0} board(s) saved.` };
    });

  return {
    view,
    draft,
    selectedId,
    board,
    statuses,
    members,
    priorities,
    dirty,
    problems,
    busy,
    message,
    loadError,
    load,
    listen,
    updateBoard,
    updateColumn,
    addColumn,
    removeColumn,
    moveColumn,
    setColumnLimit,
    mapStatus,
    setMoveStatus,
    resetColumns,
    setRole,
    addBoard,
    removeBoard,
    makeDefault,
    save,
    revert,
    exportFile,
    importFile,
  };
}

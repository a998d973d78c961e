/**
 * The options page's connection form for the three PSAs: which PSA, draft fields, Test connection, who
 * "me" is, Save, and what the user sees of each. One connection is active at a time.
 */
import { batch, computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { CACHE_CHANNEL } from '../protocol/channels';
import type { ConnectionTestResult } from '../protocol/answers';
import { ask, BackgroundError } from '../protocol/client';
import { PSA_KINDS, psaKind, type ConnectionDraft, type ConnectionView, type PsaKind } from '../psa/kinds';

export type ConnectionModel = ReturnType<typeof createConnectionModel>;

/** The form's text values: the chosen kind's fields (`FormField.key`) and `meEmail`. */
export type FormValues = Record<string, string>;

export function createConnectionModel() {
  const saved = signal<ConnectionView | null>(null);
  const kind = signal<PsaKind>(PSA_KINDS[0]!);
  const fields = signal<FormValues>({});
  const boardId = signal<string | null>(null);
  /** The Autotask resource or Halo agent chosen as "me", when the credentials are an API user's. */
  const meId = signal<string | null>(null);
  const test = signal<ConnectionTestResult | null>(null);
  const busy = signal<'test' | 'save' | 'remove' | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);
  /** Remove was pressed with writes not yet in the PSA: what would be lost. */
  const unsentWarning = signal<string | null>(null);

  const boardName = computed(() => test.value?.boards.find((b) => b.id === boardId.value)?.name ?? saved.value?.boardName ?? null);
  /** Who "me" will be: the credentials' own member, the one chosen, or the e-mail typed. */
  const meKnown = computed(() => {
    if (!psaKind(kind.value).sharedCredentials) return true;
    if (test.value?.me || meId.value || (fields.value.meEmail ?? '').trim()) return true;
    // A saved connection that synced knows its "me" already.
    return !test.value && saved.value?.me != null;
  });
  const canSave = computed(() => busy.value === null && boardId.value !== null && meKnown.value);

  function show(view: ConnectionView | null): void {
    saved.value = view;
    if (!view) return;
    kind.value = view.kind;
    fields.value = psaKind(view.kind).values(view);
    boardId.value = view.boardId;
    meId.value = psaKind(view.kind).meId(view);
  }

  async function load(): Promise<void> {
    const [first] = await ask({ type: 'connection.list' });
    batch(() => show(first ?? null));
  }

  /** The PSA chooser; a saved connection must be removed before switching to another PSA. */
  function chooseKind(next: PsaKind): void {
    if (saved.value || next === kind.value) return;
    batch(() => {
      kind.value = next;
      test.value = null;
      boardId.value = null;
      meId.value = null;
      error.value = null;
      notice.value = null;
    });
  }

  function setField(field: string, value: string): void {
    fields.value = { ...fields.value, [field]: value };
    // "me" by e-mail does not change what Test connection found.
    if (field !== 'meEmail') test.value = null;
  }

  function chooseMe(id: string | null): void {
    meId.value = id;
  }

  function draft(): ConnectionDraft {
    return psaKind(kind.value).draft(fields.value, {
      ...(saved.value ? { id: saved.value.id } : {}),
      boardId: boardId.value,
      meId: meId.value,
      discovered: test.value?.discovered?.values ?? null,
    });
  }

  /** The origins a connection talks to that the built-in host permissions may not cover (self-hosted servers). */
  const hostOrigins = (): string[] => psaKind(kind.value).origins(fields.value);

  /** Self-hosted servers are outside the built-in host permissions: ask for them in the click itself. */
  async function ensureHostAccess(): Promise<void> {
    const origins = hostOrigins().map((o) => `${o}/*`);
    if (origins.length === 0) return;
    const granted = await browser.permissions.request({ origins });
    if (!granted) throw new Error(`Pullboard needs permission to reach ${origins.join(' and ')} to talk to your PSA. Press the button again and allow it.`);
  }

  async function run(what: 'test' | 'save', action: () => Promise<void>): Promise<void> {
    batch(() => {
      busy.value = what;
      error.value = null;
      notice.value = null;
    });
    try {
      await ensureHostAccess();
      await action();
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = null;
    }
  }

  const testConnection = () =>
    run('test', async () => {
      const result = await ask({ type: 'connection.test', connection: draft() });
      batch(() => {
        test.value = result;
        if (!boardId.value || !result.boards.some((b) => b.id === boardId.value)) boardId.value = result.board?.id ?? null;
      });
    });

  async function chooseBoard(id: string): Promise<void> {
    boardId.value = id;
    await testConnection();
  }

  const save = () =>
    run('save', async () => {
      const view = await ask({ type: 'connection.save', connection: draft() });
      const words = psaKind(view.kind).words;
      batch(() => {
        show(view);
        notice.value = `Saved. Pullboard is loading the ${view.boardName ?? 'chosen'} ${words.board}; open the board from the toolbar or any ${words.short} page.`;
      });
    });

  /** Removes the saved connection; with unsent writes it asks first (`unsentWarning`), then `remove(true)` discards them. */
  async function remove(discardUnsent = false): Promise<void> {
    const current = saved.value;
    if (!current) return;
    busy.value = 'remove';
    unsentWarning.value = null;
    try {
      await ask({ type: 'connection.remove', connectionId: current.id, discardUnsent });
      batch(() => {
        saved.value = null;
        fields.value = {};
        boardId.value = null;
        meId.value = null;
        test.value = null;
        notice.value = 'Connection removed, with everything Pullboard kept of it: keys, cached tickets, board configuration, timers and unsent changes.';
      });
    } catch (e) {
      if (e instanceof BackgroundError && e.kind === 'unsent') unsentWarning.value = e.message;
      else error.value = (e as Error).message;
    } finally {
      busy.value = null;
    }
  }

  /** The first sync fills in who "me" is and the board's name: re-read the saved view when the cache changes. */
  function listen(): () => void {
    const channel = new BroadcastChannel(CACHE_CHANNEL);
    channel.onmessage = () => {
      void ask({ type: 'connection.list' })
        .then(([first]) => {
          if (first && saved.value?.id === first.id) saved.value = first;
        })
        .catch(() => undefined);
    };
    return () => channel.close();
  }

  return {
    listen,
    saved,
    kind,
    fields,
    boardId,
    boardName,
    meId,
    meKnown,
    canSave,
    test,
    busy,
    error,
    notice,
    unsentWarning,
    load,
    chooseKind,
    setField,
    chooseMe,
    testConnection,
    chooseBoard,
    save,
    remove,
  };
}

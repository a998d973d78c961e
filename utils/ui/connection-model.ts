/** The options page's connection form: draft fields, Test connection, Save, and what the user sees of each. */
import { batch, computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { CACHE_CHANNEL, type ConnectionDraft, type ConnectionTestResult, type ConnectionView } from '../messages';
import { ask } from '../messaging/client';
import { connectWiseApiOrigin } from '../psa/connectwise';

export type ConnectionModel = ReturnType<typeof createConnectionModel>;

export type Field = 'siteUrl' | 'companyId' | 'publicKey' | 'privateKey' | 'clientId';

const BLANK: Record<Field, string> = { siteUrl: '', companyId: '', publicKey: '', privateKey: '', clientId: '' };

export function createConnectionModel() {
  const saved = signal<ConnectionView | null>(null);
  const fields = signal<Record<Field, string>>({ ...BLANK });
  const boardId = signal<string | null>(null);
  const test = signal<ConnectionTestResult | null>(null);
  const busy = signal<'test' | 'save' | 'remove' | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);

  const boardName = computed(() => test.value?.boards.find((b) => b.id === boardId.value)?.name ?? saved.value?.boardName ?? null);

  async function load(): Promise<void> {
    const [first] = await ask({ type: 'connection.list' });
    batch(() => {
      saved.value = first ?? null;
      if (first) {
        fields.value = { siteUrl: first.siteUrl, companyId: first.companyId, publicKey: '', privateKey: '', clientId: first.clientId };
        boardId.value = first.boardId;
      }
    });
  }

  function setField(field: Field, value: string): void {
    fields.value = { ...fields.value, [field]: value };
    test.value = null;
  }

  function draft(): ConnectionDraft {
    const f = fields.value;
    return {
      kind: 'connectwise',
      ...(saved.value ? { id: saved.value.id } : {}),
      siteUrl: f.siteUrl.trim(),
      companyId: f.companyId.trim(),
      // Blank keys on a saved connection keep the stored ones; the background fills them in.
      publicKey: f.publicKey.trim(),
      privateKey: f.privateKey.trim(),
      clientId: f.clientId.trim(),
      boardId: boardId.value,
    };
  }

  /** Self-hosted servers are outside the built-in host permissions: ask for them in the click itself. */
  async function ensureHostAccess(siteUrl: string): Promise<void> {
    let origins: string[];
    try {
      const site = new URL(siteUrl).origin;
      origins = [...new Set([site, connectWiseApiOrigin(site)])].map((o) => `${o}/*`);
    } catch {
      throw new Error('Site URL must be a full address like https://na.myconnectwise.net');
    }
    const granted = await browser.permissions.request({ origins });
    if (!granted) throw new Error(`Pullboard needs permission to reach ${origins.join(' and ')} to talk to your PSA. Press the button again and allow it.`);
  }

  async function run(kind: 'test' | 'save', action: () => Promise<void>): Promise<void> {
    batch(() => {
      busy.value = kind;
      error.value = null;
      notice.value = null;
    });
    try {
      await ensureHostAccess(fields.value.siteUrl);
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
      batch(() => {
        saved.value = view;
        notice.value = `Saved. Pullboard is loading the ${view.boardName ?? 'chosen'} board; open the board from the toolbar or any ConnectWise page.`;
        fields.value = { ...fields.value, publicKey: '', privateKey: '' };
      });
    });

  async function remove(): Promise<void> {
    const current = saved.value;
    if (!current) return;
    busy.value = 'remove';
    try {
      await ask({ type: 'connection.remove', connectionId: current.id });
      batch(() => {
        saved.value = null;
        fields.value = { ...BLANK };
        boardId.value = null;
        test.value = null;
        notice.value = 'Connection removed; its cached tickets were deleted.';
      });
    } catch (e) {
      error.value = (e as Error).message;
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

  return { listen, saved, fields, boardId, boardName, test, busy, error, notice, load, setField, testConnection, chooseBoard, save, remove };
}

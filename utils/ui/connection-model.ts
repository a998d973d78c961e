/**
 * The options page's connection form for the three PSAs: which PSA, draft fields, Test connection, who
 * "me" is, Save, and what the user sees of each. One connection is active at a time.
 */
import { batch, computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { CACHE_CHANNEL, type ConnectionDraft, type ConnectionTestResult, type ConnectionView } from '../messages';
import { ask } from '../messaging/client';
import { connectWiseApiOrigin } from '../psa/connectwise/adapter';
import type { PsaKind } from '../psa/model';

export type ConnectionModel = ReturnType<typeof createConnectionModel>;

export type ConnectWiseField = 'siteUrl' | 'companyId' | 'publicKey' | 'privateKey' | 'clientId';
export type AutotaskField = 'userName' | 'secret' | 'integrationCode';
export type HaloField = 'url' | 'haloClientId' | 'clientSecret' | 'tenant' | 'authUrl';
export type Field = ConnectWiseField | AutotaskField | HaloField | 'meEmail';

const BLANK: Record<Field, string> = {
  siteUrl: '',
  companyId: '',
  publicKey: '',
  privateKey: '',
  clientId: '',
  userName: '',
  secret: '',
  integrationCode: '',
  url: '',
  haloClientId: '',
  clientSecret: '',
  tenant: '',
  authUrl: '',
  meEmail: '',
};

/** Secret fields: blank on a saved connection keeps the stored value. */
export const SECRET_FIELDS: readonly Field[] = ['publicKey', 'privateKey', 'secret', 'integrationCode', 'clientSecret'];

export const PSA_NAMES: Record<PsaKind, string> = { connectwise: 'ConnectWise PSA', autotask: 'Autotask PSA', halo: 'HaloPSA' };
/** What each PSA calls the board Pullboard shows. */
export const BOARD_WORDS: Record<PsaKind, string> = { connectwise: 'service board', autotask: 'queue', halo: 'team' };

function fieldsOf(view: ConnectionView): Record<Field, string> {
  switch (view.kind) {
    case 'connectwise':
      return { ...BLANK, siteUrl: view.siteUrl, companyId: view.companyId, clientId: view.clientId };
    case 'autotask':
      return { ...BLANK, userName: view.userName, meEmail: view.meEmail ?? '' };
    case 'halo':
      return { ...BLANK, url: view.url, haloClientId: view.clientId, tenant: view.tenant ?? '', authUrl: view.authUrl ?? '', meEmail: view.meEmail ?? '' };
  }
}

const orNull = (text: string): string | null => text.trim() || null;

export function createConnectionModel() {
  const saved = signal<ConnectionView | null>(null);
  const kind = signal<PsaKind>('connectwise');
  const fields = signal<Record<Field, string>>({ ...BLANK });
  const boardId = signal<string | null>(null);
  /** The Autotask resource or Halo agent chosen as "me", when the credentials are an API user's. */
  const meId = signal<string | null>(null);
  const test = signal<ConnectionTestResult | null>(null);
  const busy = signal<'test' | 'save' | 'remove' | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);

  const boardName = computed(() => test.value?.boards.find((b) => b.id === boardId.value)?.name ?? saved.value?.boardName ?? null);
  /** Who "me" will be: the credentials' own member, the one chosen, or the e-mail typed. */
  const meKnown = computed(() => {
    if (kind.value === 'connectwise') return true;
    if (test.value?.me || meId.value || fields.value.meEmail.trim()) return true;
    // A saved connection that synced knows its "me" already.
    return !test.value && saved.value?.me != null;
  });
  const canSave = computed(() => busy.value === null && boardId.value !== null && meKnown.value);

  function show(view: ConnectionView | null): void {
    saved.value = view;
    if (!view) return;
    kind.value = view.kind;
    fields.value = fieldsOf(view);
    boardId.value = view.boardId;
    meId.value = view.kind === 'autotask' ? view.meResourceId : view.kind === 'halo' ? view.meAgentId : null;
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

  function setField(field: Field, value: string): void {
    fields.value = { ...fields.value, [field]: value };
    // "me" by e-mail does not change what Test connection found.
    if (field !== 'meEmail') test.value = null;
  }

  function chooseMe(id: string | null): void {
    meId.value = id;
  }

  function draft(): ConnectionDraft {
    const f = fields.value;
    const id = saved.value ? { id: saved.value.id } : {};
    switch (kind.value) {
      case 'connectwise':
        return {
          kind: 'connectwise',
          ...id,
          siteUrl: f.siteUrl.trim(),
          companyId: f.companyId.trim(),
          // Blank keys on a saved connection keep the stored ones; the background fills them in.
          publicKey: f.publicKey.trim(),
          privateKey: f.privateKey.trim(),
          clientId: f.clientId.trim(),
          boardId: boardId.value,
        };
      case 'autotask': {
        const zone = test.value?.zone;
        return {
          kind: 'autotask',
          ...id,
          userName: f.userName.trim(),
          secret: f.secret.trim(),
          integrationCode: f.integrationCode.trim(),
          ...(zone ? { zoneUrl: zone.zoneUrl, webUrl: zone.webUrl } : {}),
          queueId: boardId.value,
          meResourceId: meId.value,
          meEmail: meId.value ? null : orNull(f.meEmail),
        };
      }
      case 'halo':
        return {
          kind: 'halo',
          ...id,
          url: f.url.trim(),
          clientId: f.haloClientId.trim(),
          clientSecret: f.clientSecret.trim(),
          tenant: orNull(f.tenant),
          authUrl: orNull(f.authUrl),
          teamId: boardId.value,
          meAgentId: meId.value,
          meEmail: meId.value ? null : orNull(f.meEmail),
        };
    }
  }

  /** The origins a connection talks to that the built-in host permissions may not cover (self-hosted servers). */
  function hostOrigins(): string[] {
    const f = fields.value;
    const address = (text: string, example: string): string => {
      try {
        return new URL(text.trim()).origin;
      } catch {
        throw new Error(`${example}`);
      }
    };
    switch (kind.value) {
      case 'connectwise': {
        const site = address(f.siteUrl, 'Site URL must be a full address like https://na.myconnectwise.net');
        return [...new Set([site, connectWiseApiOrigin(site)])];
      }
      case 'autotask':
        // Every Autotask zone is under autotask.net, which the extension may always reach.
        return [];
      case 'halo': {
        const site = address(f.url, 'Halo URL must be a full address like https://yourcompany.halopsa.com');
        const auth = f.authUrl.trim() ? address(f.authUrl, 'Authorisation server must be a full address like https://yourcompany.halopsa.com/auth') : site;
        return [...new Set([site, auth])];
      }
    }
  }

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
        // The credentials are the tech's own: no choice to keep.
        if (result.me) meId.value = null;
      });
    });

  async function chooseBoard(id: string): Promise<void> {
    boardId.value = id;
    await testConnection();
  }

  const save = () =>
    run('save', async () => {
      const view = await ask({ type: 'connection.save', connection: draft() });
      const psa = PSA_NAMES[view.kind].replace(' PSA', '');
      batch(() => {
        show(view);
        notice.value = `Saved. Pullboard is loading the ${view.boardName ?? 'chosen'} ${BOARD_WORDS[view.kind]}; open the board from the toolbar or any ${psa} page.`;
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
        meId.value = null;
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

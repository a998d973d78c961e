import { browser } from 'wxt/browser';
/** What the background does for each request of the protocol. Validation and sender checks happen before. */
import type { Caller } from './caller';
import type { Request, RequestType, TestRequestType } from '../protocol/requests';
import type { ResponseMap, ConnectionTestResult } from '../protocol/answers';
import { createPsa, PsaError } from '../psa';
import type { Psa } from '../psa/psa';
import { connectionBoardId, completeDraft, psaKind, wordsOf, type Connection, type ConnectionView } from '../psa/kinds';
import type { Member } from '../psa/model';
import { clearConnection } from '../store/tickets';
import { forgetConnectionData } from '../store/connection-data';
import { loadOutbox } from '../store/outbox-store';
import { loadSyncState } from '../store/sync-state';
import { loadSettings, saveSettings } from '../store/settings-store';
import { finishAndPull, pauseRunningTimer, pullNext, resumeTimer, skipOffered, setRunningNote, stopTicketTimer, workState } from './work';
import { queueWrite } from './outbox-runner';
import { applyIdleInterval, discardFailedWrite, onIdleStateChanged, resolveIdle, retryFailedWrite } from './time-keeping';
import { loadConnections, removeConnection, saveConnection, toView } from './connections';
import { releaseHostAccess, syncSelfHostedScripts } from './content-scripts';
import { broadcast, forgetAdapter, forgetDiscovery, syncAll, syncConnection } from './service';
import { UserFacingError } from './errors';
import { openSidePanel } from './side-panel';
import {
  activeBoardConnection,
  boardChanges,
  boardConfigView,
  boardSnapshot,
  exportBoardConfig,
  importBoardConfig,
  moveCard,
  saveBoardConfig,
  saveReadyOrder,
  showBoardOverlay,
} from './board';
import { insightsHandlers } from './insights-handlers';
import { runHistory } from './history';
import { clearHistory } from '../store/history';

/** A pull from a PSA page opens the ticket in that tab; from the popup or the board, in a new tab. */
function openTarget(caller: Caller): { tabId?: number } {
  return caller.kind === 'page' && caller.sender.tab?.id !== undefined ? { tabId: caller.sender.tab.id } : {};
}

/**
 * Who "me" is, and why. Where the credentials may be an API user's or an application's (Autotask, Halo),
 * the technicians are always listed so the user can correct it; when the credentials' own record cannot
 * hold tickets (an API user, an API agent, no service desk role) choosing is required: a shared login
 * must never claim tickets for itself.
 */
async function whoIsMe(psa: Psa, connection: Connection): Promise<Pick<ConnectionTestResult, 'me' | 'meReason' | 'meProblem' | 'members'>> {
  const kind = psaKind(connection.kind);
  let me: Member | null = null;
  let meProblem: string | null = null;
  try {
    me = await psa.whoAmI();
  } catch (error) {
    if (!(error instanceof PsaError) || error.kind !== 'config') throw error;
    meProblem = error.userMessage;
  }
  const members = kind.sharedCredentials ? await technicians(psa) : [];
  return { me, meReason: me ? meReason(connection, me) : null, meProblem, members };
}

async function technicians(psa: Psa): Promise<Member[]> {
  try {
    return (await psa.listMembers()).filter((m) => !m.inactive).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    // Credentials that may not list technicians can still name "me" by e-mail.
    if (error instanceof PsaError && !error.isRetryable) return [];
    throw error;
  }
}

/** Why Pullboard takes this member for "me", in the PSA's words. */
function meReason(connection: Connection, me: Member): string {
  const kind = psaKind(connection.kind);
  const view = { ...kind.view(connection) } as ConnectionView;
  if (kind.meId(view)) return `you chose ${me.name}`;
  const email = 'meEmail' in view ? view.meEmail : null;
  if (email) return `${me.name} is the active technician with the e-mail ${email}`;
  return `the ${kind.words.credentials} belong${kind.words.credentials.endsWith('s') ? '' : 's'} to ${me.name}, a ${kind.words.member} who can hold tickets`;
}

type Handler<T extends RequestType> = (request: Extract<Request, { type: T }>, caller: Caller) => Promise<ResponseMap[T]>;

const productHandlers: { [T in Exclude<RequestType, TestRequestType>]: Handler<T> } = {
  async 'connection.test'({ connection: draft }) {
    const existing = (await loadConnections()).find((c) => c.id === draft.id);
    const connection = completeDraft(draft, existing);
    const kind = psaKind(connection.kind);
    let connected = connection;
    const psa = createPsa(connection, {}, { onDiscovered: (found) => (connected = kind.keepDiscovered(connected, found) ?? connected) });
    const [identity, boards] = await Promise.all([whoIsMe(psa, connection), psa.listBoards()]);
    const board = boards.find((b) => b.id === connectionBoardId(connection)) ?? boards[0] ?? null;
    const openTickets = board ? await psa.countOpenTickets(board.id) : null;
    const result: ConnectionTestResult = { ...identity, boards, board, openTickets, discovered: kind.discovered(connected) };
    return result;
  },

  async 'connection.save'({ connection: draft }) {
    const existing = (await loadConnections()).find((c) => c.id === draft.id);
    const connection = completeDraft(draft, existing);
    const boardId = connectionBoardId(connection);
    if (!boardId) {
      const board = wordsOf(connection.kind).board;
      throw new UserFacingError(`Choose a ${board} first: press Test connection, then pick the ${board}.`);
    }
    // A "me" who cannot hold tickets is refused now, not at the first Pull next.
    if (psaKind(connection.kind).sharedCredentials) {
      try {
        await createPsa(connection).whoAmI();
      } catch (error) {
        if (error instanceof PsaError && error.kind === 'config') throw new UserFacingError(`Not saved: ${error.userMessage}`, 'config');
        throw error;
      }
    }
    if (existing && connectionBoardId(existing) !== boardId) await clearConnection(connection.id);
    await saveConnection(connection);
    forgetAdapter(connection.id);
    // A self-hosted server gets the dock now (the options page asked for its permission in the click).
    await syncSelfHostedScripts(await loadConnections());
    broadcast({ type: 'connections' });
    // The first load runs on; the UIs follow it through the cache events.
    void syncConnection(connection, { force: true }).catch(() => undefined).then(() => runHistory(connection, { force: true })).catch(() => undefined);
    return toView(connection, await loadSyncState(connection.id));
  },

  async 'connection.remove'({ connectionId, discardUnsent }) {
    const connection = (await loadConnections()).find((c) => c.id === connectionId);
    if (!connection) return null;
    const unsent = (await loadOutbox()).filter((e) => e.connectionId === connectionId && e.state !== 'done');
    if (unsent.length > 0 && !discardUnsent) {
      const psa = wordsOf(connection.kind).short;
      throw new UserFacingError(
        `${unsent.length} change${unsent.length === 1 ? ' has' : 's have'} not reached ${psa} yet (${unsent[0]!.label}${unsent.length > 1 ? ', …' : ''}). Copy them from the popup first, or remove the connection anyway and lose them.`,
        'unsent',
      );
    }
    await removeConnection(connectionId);
    try {
      await syncSelfHostedScripts(await loadConnections());
    } finally {
      // Whatever happened to the dock's registration, nothing of the connection stays behind.
      await forgetConnectionData(connectionId);
      await clearHistory(connectionId);
      await forgetDiscovery(connection);
      await releaseHostAccess(connection, await loadConnections());
      broadcast({ type: 'connections' });
    }
    return null;
  },

  async 'connection.list'() {
    const connections = await loadConnections();
    return Promise.all(connections.map(async (c) => toView(c, await loadSyncState(c.id))));
  },

  async 'sync.now'({ connectionId }, caller) {
    const connections = await loadConnections();
    // A PSA page polls its own connection only.
    const only = caller.kind === 'page' ? caller.connection.id : connectionId;
    const targets = only ? connections.filter((c) => c.id === only) : connections;
    const outcomes = await Promise.all(targets.map((c) => syncConnection(c).catch(() => null)));
    return { polled: outcomes.some(Boolean) };
  },

  async 'work.state'({ pageTicketId }) {
    const state = await workState(pageTicketId);
    // A dock or popup in view wants fresh numbers: poll (throttled) after answering from the cache.
    void syncAll();
    return state;
  },

  async 'pull.next'(_request, caller) {
    return pullNext(openTarget(caller));
  },

  async 'pull.skip'({ connectionId, ticketId, reason, note }) {
    return skipOffered(connectionId, ticketId, reason, note);
  },

  async 'ticket.done'({ ticketId }, caller) {
    return finishAndPull(ticketId, openTarget(caller));
  },

  async 'timer.pause'() {
    await pauseRunningTimer();
    return null;
  },

  async 'timer.resume'({ ticket }) {
    await resumeTimer(ticket);
    return null;
  },

  async 'timer.stop'({ ticket }) {
    await stopTicketTimer(ticket);
    return null;
  },

  async 'timer.note'({ note }) {
    await setRunningNote(note);
    return null;
  },

  async 'idle.resolve'({ keep }) {
    await resolveIdle(keep);
    return null;
  },

  async 'outbox.retry'({ id }) {
    await retryFailedWrite(id);
    return null;
  },

  async 'outbox.discard'({ id }) {
    await discardFailedWrite(id);
    return null;
  },

  async 'settings.get'() {
    return loadSettings();
  },

  async 'settings.save'({ settings }) {
    const saved = await saveSettings(settings);
    await applyIdleInterval();
    broadcast({ type: 'work' });
    return saved;
  },

  async 'board.open'(_request, { sender }) {
    // From the popup there is no tab: the board opens in the window the popup belongs to.
    const windowId = sender.tab?.windowId ?? (await browser.windows.getLastFocused()).id;
    await openSidePanel(sender.tab?.id, windowId);
    return null;
  },

  // The board: see board.ts.
  'board.connection': () => activeBoardConnection(),
  'board.snapshot': ({ boardId }) => boardSnapshot(boardId),
  'board.changes': ({ boardId, epoch, since }) => boardChanges(boardId, epoch, since),
  'board.overlay': (_request, { sender }) => showBoardOverlay(sender),
  'card.move': ({ type: _type, ...move }) => moveCard(move),
  'board.ready.order': ({ connectionId, boardId, order }) => saveReadyOrder(connectionId, boardId, order),
  'board.config.get': ({ connectionId }) => boardConfigView(connectionId),
  'board.config.save': ({ connectionId, config }) => saveBoardConfig(connectionId, config),
  'board.config.export': ({ connectionId }) => exportBoardConfig(connectionId),
  'board.config.import': ({ connectionId, text }) => importBoardConfig(connectionId, text),
  ...insightsHandlers,
};

/** Test builds only: the hooks the end-to-end tests drive. The shipped build's protocol has no such request. */
const testHandlers: { [T in TestRequestType]: Handler<T> } = {
  async 'test.enqueue'({ writes }) {
    const connection = (await loadConnections())[0];
    const me = connection ? (await loadSyncState(connection.id))?.me : null;
    if (!connection || !me) throw new UserFacingError('Connect first.', 'config');
    for (const w of writes) {
      await queueWrite({
        connectionId: connection.id,
        ticketId: w.ticketId,
        ticketNumber: `#${w.ticketId}`,
        label: w.kind === 'move' ? `Move #${w.ticketId}` : `Log ${w.hours} h on #${w.ticketId}`,
        write:
          w.kind === 'move'
            ? { kind: 'update', change: { statusId: w.statusId } }
            : { kind: 'timeEntry', entry: { ticketId: w.ticketId, memberId: me.id, start: w.start, end: w.end, hours: w.hours, notes: w.notes } },
      });
    }
    return { queued: writes.length };
  },

  async 'test.idle'({ state }) {
    await onIdleStateChanged(state);
    return null;
  },
};

export const handlers = { ...productHandlers, ...(__TEST__ ? testHandlers : {}) } as { [T in RequestType]: Handler<T> };

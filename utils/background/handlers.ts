import { browser } from 'wxt/browser';
/** What the background does for each request of the protocol. Validation and sender checks happen before. */
import type { Runtime } from 'webextension-polyfill';
import type { Request, RequestType, ResponseMap, ConnectionTestResult } from '../messages';
import { createPsa, PsaError } from '../psa';
import type { Psa } from '../psa/psa';
import { connectionBoardId } from '../psa/model';
import { clearConnection } from '../store/tickets';
import { loadSyncState } from '../store/sync-state';
import { loadSettings, saveSettings } from '../store/settings-store';
import { finishAndPull, pauseRunningTimer, pullNext, resumeTimer, setRunningNote, stopTicketTimer, workState } from './work';
import { queueWrite } from './outbox-runner';
import { applyIdleInterval, discardFailedWrite, onIdleStateChanged, resolveIdle, retryFailedWrite } from './time-keeping';
import { completeDraft, loadConnections, removeConnection, saveConnection, toView } from './connections';
import { syncSelfHostedScripts } from './content-scripts';
import { broadcast, forgetAdapter, syncAll, syncConnection } from './service';
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
function openTarget(sender: Runtime.MessageSender): { tabId?: number } {
  const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
  return !fromExtensionPage && sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {};
}

const BOARD_WORD = { connectwise: 'service board', autotask: 'queue', halo: 'team' } as const;

/**
 * Who the credentials act as. An Autotask API user or a Halo application is nobody's "me": then the
 * technicians are listed so the user can choose (a shared login must never claim tickets for itself).
 */
async function whoIsMe(psa: Psa): Promise<Pick<ConnectionTestResult, 'me' | 'meProblem' | 'members'>> {
  try {
    return { me: await psa.whoAmI(), meProblem: null, members: [] };
  } catch (error) {
    if (!(error instanceof PsaError) || error.kind !== 'config') throw error;
    const members = (await psa.listMembers()).filter((m) => !m.inactive).sort((a, b) => a.name.localeCompare(b.name));
    return { me: null, meProblem: error.userMessage, members };
  }
}

type Handler<T extends RequestType> = (request: Extract<Request, { type: T }>, sender: Runtime.MessageSender) => Promise<ResponseMap[T]>;

export const handlers: { [T in RequestType]: Handler<T> } = {
  async 'connection.test'({ connection: draft }) {
    const existing = (await loadConnections()).find((c) => c.id === draft.id);
    const connection = completeDraft(draft, existing);
    const found: { zone: ConnectionTestResult['zone'] } = { zone: connection.kind === 'autotask' && connection.zoneUrl && connection.webUrl ? { zoneUrl: connection.zoneUrl, webUrl: connection.webUrl } : null };
    const psa = createPsa(connection, {}, { onZone: (zone) => (found.zone = zone) });
    const [identity, boards] = await Promise.all([whoIsMe(psa), psa.listBoards()]);
    const board = boards.find((b) => b.id === connectionBoardId(connection)) ?? boards[0] ?? null;
    const openTickets = board ? await psa.countOpenTickets(board.id) : null;
    const result: ConnectionTestResult = { ...identity, boards, board, openTickets, zone: found.zone };
    return result;
  },

  async 'connection.save'({ connection: draft }) {
    const existing = (await loadConnections()).find((c) => c.id === draft.id);
    const connection = completeDraft(draft, existing);
    const boardId = connectionBoardId(connection);
    if (!boardId) throw new UserFacingError(`Choose a ${BOARD_WORD[connection.kind]} first: press Test connection, then pick the ${BOARD_WORD[connection.kind]}.`);
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

  async 'connection.remove'({ connectionId }) {
    await removeConnection(connectionId);
    forgetAdapter(connectionId);
    await syncSelfHostedScripts(await loadConnections());
    await clearConnection(connectionId);
    await clearHistory(connectionId);
    broadcast({ type: 'connections' });
    return null;
  },

  async 'connection.list'() {
    const connections = await loadConnections();
    return Promise.all(connections.map(async (c) => toView(c, await loadSyncState(c.id))));
  },

  async 'sync.now'({ connectionId }) {
    const connections = await loadConnections();
    const targets = connectionId ? connections.filter((c) => c.id === connectionId) : connections;
    const outcomes = await Promise.all(targets.map((c) => syncConnection(c).catch(() => null)));
    return { polled: outcomes.some(Boolean) };
  },

  async 'work.state'({ pageTicketId }) {
    const state = await workState(pageTicketId);
    // A dock or popup in view wants fresh numbers: poll (throttled) after answering from the cache.
    void syncAll();
    return state;
  },

  async 'pull.next'(_request, sender) {
    return pullNext(openTarget(sender));
  },

  async 'ticket.done'({ ticketId }, sender) {
    return finishAndPull(ticketId, openTarget(sender));
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

  async 'test.enqueue'({ writes }) {
    if (!__TEST__) throw new UserFacingError('Not available in this build.', 'forbidden');
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
    if (!__TEST__) throw new UserFacingError('Not available in this build.', 'forbidden');
    await onIdleStateChanged(state);
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

  async 'board.open'(_request, sender) {
    // From the popup there is no tab: the board opens in the window the popup belongs to.
    const windowId = sender.tab?.windowId ?? (await browser.windows.getLastFocused()).id;
    await openSidePanel(sender.tab?.id, windowId);
    return null;
  },

  // The board: see board.ts.
  'board.connection': () => activeBoardConnection(),
  'board.snapshot': ({ boardId }) => boardSnapshot(boardId),
  'board.changes': ({ boardId, epoch, since }) => boardChanges(boardId, epoch, since),
  'board.overlay': (_request, sender) => showBoardOverlay(sender),
  'card.move': ({ type: _type, ...move }) => moveCard(move),
  'board.ready.order': ({ connectionId, boardId, order }) => saveReadyOrder(connectionId, boardId, order),
  'board.config.get': ({ connectionId }) => boardConfigView(connectionId),
  'board.config.save': ({ connectionId, config }) => saveBoardConfig(connectionId, config),
  'board.config.export': ({ connectionId }) => exportBoardConfig(connectionId),
  'board.config.import': ({ connectionId, text }) => importBoardConfig(connectionId, text),
  ...insightsHandlers,
};



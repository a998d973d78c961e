/** What the background does for each request of the protocol. Validation and sender checks happen before. */
import type { Runtime } from 'webextension-polyfill';
import type { Request, RequestType, ResponseMap, ConnectionTestResult, DockState } from '../messages';
import { createPsa } from '../psa';
import { clearConnection, loadTickets } from '../store/tickets';
import { loadSyncState } from '../store/sync-state';
import { guessColumns, personalWip } from '../flow';
import { completeDraft, loadConnections, removeConnection, saveConnection, toView } from './connections';
import { broadcast, forgetAdapter, syncAll, syncConnection } from './service';
import { UserFacingError } from './router';
import { openSidePanel } from './side-panel';

type Handler<T extends RequestType> = (request: Extract<Request, { type: T }>, sender: Runtime.MessageSender) => Promise<ResponseMap[T]>;

export const DEFAULT_WIP_LIMIT = 2;

export const handlers: { [T in RequestType]: Handler<T> } = {
  async 'connection.test'({ connection: draft }) {
    const existing = (await loadConnections()).find((c) => c.id === draft.id);
    const connection = completeDraft(draft, existing);
    const psa = createPsa(connection);
    const [me, boards] = await Promise.all([psa.whoAmI(), psa.listBoards()]);
    const board = boards.find((b) => b.id === connection.boardId) ?? boards[0] ?? null;
    const openTickets = board ? await psa.countOpenTickets(board.id) : null;
    const result: ConnectionTestResult = { me, boards, board, openTickets };
    return result;
  },

  async 'connection.save'({ connection: draft }) {
    const existing = (await loadConnections()).find((c) => c.id === draft.id);
    const connection = completeDraft(draft, existing);
    if (!connection.boardId) throw new UserFacingError('Choose a service board first: press Test connection, then pick the board.');
    if (existing && existing.boardId !== connection.boardId) await clearConnection(connection.id);
    await saveConnection(connection);
    forgetAdapter(connection.id);
    broadcast({ type: 'connections' });
    // The first load runs on; the UIs follow it through the cache events.
    void syncConnection(connection, { force: true }).catch(() => undefined);
    return toView(connection, await loadSyncState(connection.id));
  },

  async 'connection.remove'({ connectionId }) {
    await removeConnection(connectionId);
    forgetAdapter(connectionId);
    await clearConnection(connectionId);
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

  async 'dock.state'() {
    const connection = (await loadConnections())[0];
    if (!connection) {
      return emptyDock('Pullboard is not connected yet: open its options and add your PSA connection.');
    }
    const sync = await loadSyncState(connection.id);
    const me = sync?.me ?? null;
    const tickets = await loadTickets(connection.id);
    const columns = guessColumns(sync?.statuses ?? []);
    const doing = columns.filter((c) => c.role === 'doing').flatMap((c) => c.statusIds);
    const wip = me ? personalWip(tickets, me.id, doing).count : 0;
    const state: DockState = {
      connected: true,
      connectionId: connection.id,
      me,
      boardName: sync?.boards.find((b) => b.id === connection.boardId)?.name ?? null,
      wip,
      wipLimit: DEFAULT_WIP_LIMIT,
      syncedAt: sync?.lastPollAt ?? null,
      problem: sync?.lastError?.message ?? null,
    };
    // A dock in view wants fresh numbers: poll (throttled) after answering from the cache.
    void syncAll();
    return state;
  },

  async 'board.open'(_request, sender) {
    await openSidePanel(sender.tab?.id, sender.tab?.windowId);
    return null;
  },
};

function emptyDock(problem: string): DockState {
  return { connected: false, connectionId: null, me: null, boardName: null, wip: 0, wipLimit: DEFAULT_WIP_LIMIT, syncedAt: null, problem };
}


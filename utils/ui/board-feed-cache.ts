/**
 * The board's data in an extension page (side panel, options): read straight from IndexedDB, with
 * changes heard on the background's broadcast channel and re-read by ticket id.
 */
import { CACHE_CHANNEL } from '../protocol/channels';
import { type CacheEvent } from '../protocol/answers';
import { ask } from '../protocol/client';
import { loadBoardData, loadBoardPatch } from '../store/board-feed';
import { loadBoardConfigSet } from '../store/board-config';
import type { BoardFeed, FeedListener, FeedScope } from './board-feed';

export function createCacheFeed(): BoardFeed {
  return {
    async load(boardId) {
      const connection = await ask({ type: 'board.connection' });
      if (!connection) return null;
      return { connection, ...(await loadBoardData(connection.id, boardId, Date.now())) };
    },

    async loadConfigs(connectionId) {
      return (await loadBoardConfigSet(connectionId)).set;
    },

    subscribe(scope: () => FeedScope | null, listener: FeedListener) {
      const channel = new BroadcastChannel(CACHE_CHANNEL);
      // Patches are applied in the order their events came, even when a read takes longer.
      let queue = Promise.resolve();
      channel.onmessage = (message: MessageEvent<CacheEvent>) => {
        const event = message.data;
        const current = scope();
        if (event.type === 'work') return;
        if (event.type === 'connections' || !current) return listener.reload();
        if (event.connectionId !== current.connectionId) return;
        if (event.type === 'board') return listener.configs();
        const ids = event.type === 'tickets' ? [...event.changed, ...event.removed] : [];
        queue = queue
          .then(() => loadBoardPatch(current.connectionId, ids, current.columns, Date.now()))
          .then((patch) => listener.patch(patch))
          .catch(() => listener.reload());
      };
      // While a board is in view it asks for fresh data; the background throttles and dedupes.
      const poll = setInterval(() => {
        if (document.visibilityState === 'visible') void ask({ type: 'sync.now' }).catch(() => undefined);
      }, 10_000);
      return () => {
        channel.close();
        clearInterval(poll);
      };
    },

    moveCard: ({ ...request }) => ask({ type: 'card.move', ...request }),
    saveReadyOrder: async (request) => void (await ask({ type: 'board.ready.order', ...request })),
  };
}

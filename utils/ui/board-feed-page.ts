/**
 * The board's data over a PSA page, where IndexedDB is the PSA's and the broadcast channel does not
 * reach: a snapshot from the background, then, on each change heard on the work port, only the
 * tickets changed since the last one seen. No zod, no IndexedDB here.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { ask } from '../protocol/client';
import { WORK_PORT } from '../protocol/channels';
import type { BoardFeed, FeedListener, FeedScope } from './board-feed';

/** Changes often come in bursts (a sync page, a move and its broadcast): one question per burst. */
const SETTLE_MS = 150;

export function createPageFeed(): BoardFeed {
  let cursor: { epoch: string; seq: number } | null = null;

  return {
    async load(boardId) {
      const snapshot = await ask({ type: 'board.snapshot', boardId });
      if (!snapshot) return null;
      cursor = { epoch: snapshot.epoch, seq: snapshot.seq };
      return snapshot;
    },

    async loadConfigs() {
      // Pages are not given the configuration alone: a snapshot carries it (a reload re-reads all).
      const snapshot = await ask({ type: 'board.snapshot', boardId: null });
      if (!snapshot) throw new Error('Pullboard is no longer connected to a PSA.');
      return snapshot.configs.set;
    },

    subscribe(scope: () => FeedScope | null, listener: FeedListener) {
      let port: Runtime.Port | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let closed = false;
      let kinds = new Set<string>();

      async function catchUp(): Promise<void> {
        const seen = kinds;
        kinds = new Set();
        const current = scope();
        if (!current || !cursor) return listener.reload();
        if (seen.has('connections') || seen.has('board')) return listener.reload();
        const changes = await ask({ type: 'board.changes', boardId: current.boardId, epoch: cursor.epoch, since: cursor.seq });
        if (changes.reset) return listener.reload();
        cursor = { epoch: changes.epoch, seq: changes.seq };
        listener.patch(changes.patch);
      }

      function connect(): void {
        if (closed) return;
        try {
          port = browser.runtime.connect({ name: WORK_PORT });
        } catch {
          return; // The extension was reloaded: this page's board is being taken down.
        }
        port.onMessage.addListener((message: unknown) => {
          const kind = (message as { type?: unknown })?.type;
          if (typeof kind !== 'string' || kind === 'work') return;
          kinds.add(kind);
          timer ??= setTimeout(() => {
            timer = null;
            void catchUp().catch(() => listener.reload());
          }, SETTLE_MS);
        });
        // A stopped service worker drops the port; the next one has a new change log: start over.
        port.onDisconnect.addListener(() => {
          port = null;
          if (closed) return;
          listener.reload();
          setTimeout(connect, 1_000);
        });
      }
      connect();
      const poll = setInterval(() => {
        if (document.visibilityState === 'visible') void ask({ type: 'sync.now' }).catch(() => undefined);
      }, 10_000);
      return () => {
        closed = true;
        port?.disconnect();
        clearInterval(poll);
        if (timer) clearTimeout(timer);
      };
    },

    moveCard: (request) => ask({ type: 'card.move', ...request }),
    saveReadyOrder: async (request) => void (await ask({ type: 'board.ready.order', ...request })),
  };
}

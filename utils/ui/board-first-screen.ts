/**
 * The board's first screen, kept from the last time a board was shown in an extension page: the
 * leading cards of every cell and the board's counts. A side panel opened on 5,000 tickets paints this
 * at once, then reads the cache and replaces it (within a few hundred milliseconds, marked as
 * updating): what the user sees first never waits for the whole cache.
 */
import type { BoardFilters } from '../board-config/schema';
import type { BoardSnapshot } from '../protocol/answers';
import type { IndexCounts } from './board-index';

export const FIRST_SCREEN_VERSION = 1;
const KEY = 'pullboard.board.firstScreen';

export interface FirstScreen {
  version: typeof FIRST_SCREEN_VERSION;
  savedAt: number;
  /** The snapshot it came from, its tickets cut to the first screen's. */
  snapshot: BoardSnapshot;
  counts: IndexCounts;
  filters: BoardFilters;
}

export interface FirstScreenStore {
  read(): FirstScreen | null;
  write(screen: FirstScreen): void;
  /** No board to show any more (the connection was removed): nothing of it is kept. */
  clear(): void;
}

/** In the extension's own localStorage: synchronous, so it is read before anything is awaited. */
export function localFirstScreenStore(storage: Storage | undefined = globalThis.localStorage): FirstScreenStore {
  return {
    read() {
      try {
        const text = storage?.getItem(KEY);
        if (!text) return null;
        const screen = JSON.parse(text) as FirstScreen;
        return screen.version === FIRST_SCREEN_VERSION && Array.isArray(screen.snapshot?.tickets) ? screen : null;
      } catch {
        return null; // A copy that does not read is only a slower first paint.
      }
    },
    write(screen) {
      try {
        storage?.setItem(KEY, JSON.stringify(screen));
      } catch {
        // Over quota or unavailable: the next open reads the cache, as without this copy.
      }
    },
    clear() {
      try {
        storage?.removeItem(KEY);
      } catch {
        // Nothing kept, or nothing to do about it.
      }
    },
  };
}

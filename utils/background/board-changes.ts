/**
 * A short log of which tickets changed, for the board over a PSA page. PSA pages hear only the kind
 * of a change on their port (never ticket ids), then ask what changed since the last change they saw;
 * the answer holds only those tickets. The log lives in the service worker's memory: a restarted
 * worker starts a new epoch, and a page with an old epoch reloads its snapshot.
 */
import { CACHE_CHANNEL } from '../protocol/channels';
import { type CacheEvent } from '../protocol/answers';

export const CHANGE_LOG_LIMIT = 500;

interface Entry {
  seq: number;
  connectionId: string;
  ids: string[];
}

export class BoardChangeLog {
  readonly epoch = crypto.randomUUID();
  private entries: Entry[] = [];
  private seq = 0;
  /** Set when entries were dropped: a page that has not seen them must reload. */
  private oldestKnown = 0;

  get cursor(): { epoch: string; seq: number } {
    return { epoch: this.epoch, seq: this.seq };
  }

  record(event: CacheEvent): void {
    if (event.type !== 'tickets') return;
    const ids = [...event.changed, ...event.removed];
    if (ids.length === 0) return;
    this.entries.push({ seq: ++this.seq, connectionId: event.connectionId, ids });
    if (this.entries.length > CHANGE_LOG_LIMIT) {
      const dropped = this.entries.splice(0, this.entries.length - CHANGE_LOG_LIMIT);
      this.oldestKnown = dropped[dropped.length - 1]!.seq;
    }
  }

  /** Ids changed after `since` on this connection, or null when the caller must reload (other epoch, or too old). */
  since(epoch: string, since: number, connectionId: string): string[] | null {
    if (epoch !== this.epoch || since < this.oldestKnown || since > this.seq) return null;
    const ids = new Set<string>();
    for (const entry of this.entries) {
      if (entry.seq > since && entry.connectionId === connectionId) for (const id of entry.ids) ids.add(id);
    }
    return [...ids];
  }
}

let log: BoardChangeLog | null = null;

/**
 * The worker's log, listening from the first call on. It hears the same broadcast channel the
 * extension pages hear (a channel delivers to every other channel object of that name, this
 * worker's own included), so the sync engine and the pull service need not know it exists.
 */
export function boardChangeLog(): BoardChangeLog {
  if (log) return log;
  const created = new BoardChangeLog();
  const channel = new BroadcastChannel(CACHE_CHANNEL);
  channel.onmessage = (message: MessageEvent<CacheEvent>) => created.record(message.data);
  log = created;
  return created;
}

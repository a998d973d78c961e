/**
 * The background's working state: one adapter per connection, single-flight syncs, and the poll
 * cadence (fast while a board or PSA page is in view, slow when nobody looks). Nothing here must
 * outlive the service worker: adapters are rebuilt on demand, everything else is in IndexedDB.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { createPsa } from '../psa';
import type { Psa } from '../psa/psa';
import { connectionBoardId, connectionSite, psaKind, type Connection } from '../psa/kinds';
import { syncBoard, type SyncChange, type SyncOutcome } from '../sync/engine';
import { pollGapMs, type PsaLoad } from '../sync/poll-policy';
import { CACHE_CHANNEL } from '../protocol/channels';
import { type CacheEvent } from '../protocol/answers';
import { loadConnections, saveConnection } from './connections';
import { recordSyncedClosures } from './history';

export const POLL_ALARM = 'pullboard.poll';
/** With nobody looking, one small request every 2 minutes: ~30 an hour, plus the hourly reconciles. */
export const IDLE_POLL_MINUTES = 2;

const adapters = new Map<string, { psa: Psa; fingerprint: string }>();
const DISCOVERY_KEY = 'discovery';
const inFlight = new Map<string, Promise<SyncOutcome>>();
const lastStarted = new Map<string, number>();

/**
 * The adapter for a connection, rebuilt when the connection changes or the worker restarted. What it
 * discovered (ConnectWise's codebase) is kept in session storage, so a restarted worker's first poll
 * costs one request, not two.
 */
export async function psaFor(connection: Connection): Promise<Psa> {
  const fingerprint = JSON.stringify(connection);
  const cached = adapters.get(connection.id);
  if (cached && cached.fingerprint === fingerprint) return cached.psa;
  // Keyed by where the PSA is, never by anything secret.
  const kind = psaKind(connection.kind);
  const site = kind.discoveryKey(connection);
  const known = ((await browser.storage.session.get(DISCOVERY_KEY))[DISCOVERY_KEY] ?? {}) as Record<string, unknown>;
  const psa = createPsa(connection, {}, {
    discovered: known[site],
    onDiscovered: (found) => {
      void browser.storage.session.set({ [DISCOVERY_KEY]: { ...known, [site]: found } });
      // What belongs in the connection itself (Autotask's zone) is saved there too.
      const kept = kind.keepDiscovered(connection, found);
      if (kept) void saveConnection(kept);
    },
  });
  adapters.set(connection.id, { psa, fingerprint });
  return psa;
}

export function forgetAdapter(connectionId: string): void {
  adapters.delete(connectionId);
}

/** A removed connection's adapter and what its discovery found go too. */
export async function forgetDiscovery(connection: Connection): Promise<void> {
  forgetAdapter(connection.id);
  const known = ((await browser.storage.session.get(DISCOVERY_KEY))[DISCOVERY_KEY] ?? {}) as Record<string, string>;
  const { [psaKind(connection.kind).discoveryKey(connection)]: _gone, ...rest } = known;
  await browser.storage.session.set({ [DISCOVERY_KEY]: rest });
}

let channel: BroadcastChannel | null = null;
const pagePorts = new Set<Runtime.Port>();

/** Tells every open Pullboard view that something changed: extension pages by channel, PSA pages by port. */
export function broadcast(event: CacheEvent): void {
  channel ??= new BroadcastChannel(CACHE_CHANNEL);
  channel.postMessage(event);
  // Pages get only the kind of change, never ticket ids: they ask for what they show.
  for (const port of pagePorts) {
    try {
      port.postMessage({ type: event.type });
    } catch {
      pagePorts.delete(port);
    }
  }
}

/** A PSA page's dock listens on a port; only PSA pages of this extension's content script are kept. */
export function acceptPagePort(port: Runtime.Port, allowed: boolean): void {
  if (!allowed) {
    port.disconnect();
    return;
  }
  pagePorts.add(port);
  port.onDisconnect.addListener(() => pagePorts.delete(port));
}

function onChange(change: SyncChange): void {
  broadcast({ type: 'tickets', ...change });
  void recordSyncedClosures(change.connectionId, change.changed).catch(() => undefined);
}

/** Syncs one connection; concurrent callers share the sync in flight. `force` skips the minimum gap. */
export async function syncConnection(connection: Connection, options: { force?: boolean } = {}): Promise<SyncOutcome | null> {
  const boardId = connectionBoardId(connection);
  if (!boardId) return null;
  const running = inFlight.get(connection.id);
  if (running) return running;
  const now = Date.now();
  const psaNow = adapters.get(connection.id)?.psa;
  const gap = pollGapMs(psaNow && 'requestRate' in psaNow ? loadOf(psaNow as Psa & MeteredPsa) : null);
  if (!options.force && now - (lastStarted.get(connection.id) ?? 0) < gap) return null;
  lastStarted.set(connection.id, now);
  const run = psaFor(connection)
    .then((psa) => syncBoard({ connectionId: connection.id, boardId, psa }, { now: Date.now, onChange }))
    .finally(() => inFlight.delete(connection.id));
  inFlight.set(connection.id, run);
  return run;
}

interface MeteredPsa {
  requestRate(): { lastHour: number };
  latencyMs(): number | null;
}

function loadOf(psa: MeteredPsa): PsaLoad {
  return { latencyMs: psa.latencyMs(), lastHour: psa.requestRate().lastHour };
}

export async function syncAll(options: { force?: boolean } = {}): Promise<void> {
  const connections = await loadConnections();
  await Promise.all(
    connections.map((c) =>
      syncConnection(c, options).catch((error: unknown) => {
        // Recorded in the sync state for the UIs; the next poll tries again.
        console.warn(`Pullboard: sync of ${connectionSite(c)} failed`, error);
      }),
    ),
  );
}

export async function ensurePollAlarm(): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  if (!existing || existing.periodInMinutes !== IDLE_POLL_MINUTES) {
    await browser.alarms.create(POLL_ALARM, { periodInMinutes: IDLE_POLL_MINUTES, delayInMinutes: IDLE_POLL_MINUTES });
  }
}

/**
 * The outbox's promises, counted: writes lost and writes made twice across the failure scenarios of
 * the outbox tests (a worker stopped mid-send, answers lost after the PSA processed them, offline,
 * 429 storms and 500 bursts), and the time from reconnect to an empty outbox for 100 queued writes.
 * Runs the real outbox and adapter against the simulator, IndexedDB from fake-indexeddb.
 */
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { createPsa } from '../../utils/psa';
import type { Psa } from '../../utils/psa/psa';
import { drainOutbox, enqueueWrite, forgetRecovery } from '../../utils/outbox/outbox';
import { loadOutbox, putOutboxEntry } from '../../utils/store/outbox-store';
import { openPullboardDb } from '../../utils/store/db';
import { ticketsInStatus } from '../sim-queries';
import type { Figure } from './run';

let online = true;

function adapter(sim: Simulator): Psa {
  const tech = memberCredentials(sim.data)[0]!;
  const fetchWhenOnline: typeof fetch = (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
  return createPsa(
    { kind: 'connectwise', id: 'bench', siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: tech.publicKey, privateKey: tech.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' },
    { fetch: fetchWhenOnline, sleep: async () => undefined },
  );
}

let hour = 0;
async function queueTimeEntries(sim: Simulator, count: number, tag: string): Promise<void> {
  const tickets = ticketsInStatus(sim.data, 1, 'In Progress').slice(0, 10);
  const member = String(memberCredentials(sim.data)[0]!.memberId);
  const base = Date.UTC(2026, 10, 1, 0, 0, 0) + hour++ * 3_600_000;
  for (let i = 0; i < count; i++) {
    const t = tickets[i % tickets.length]!;
    const start = new Date(base + i * 1000).toISOString();
    await enqueueWrite(
      { connectionId: 'bench', ticketId: String(t.id), ticketNumber: `#${t.id}`, label: tag, write: { kind: 'timeEntry', entry: { ticketId: String(t.id), memberId: member, start, end: new Date(base + i * 1000 + 1_800_000).toISOString(), hours: 0.5, notes: `${tag} ${i}` } } },
      Date.now(),
    );
  }
}

/** Drains with a clock that jumps to each retry, so backoff costs no real time. */
async function drainAll(psa: Psa, clock: { now: number }): Promise<void> {
  for (let round = 0; round < 500; round++) {
    const result = await drainOutbox({ psaFor: async () => psa, now: () => clock.now });
    if (result.waiting === 0) return;
    clock.now = Math.max(clock.now, result.nextDueAt ?? clock.now) + 1;
  }
  throw new Error('the outbox did not empty');
}

function countTagged(sim: Simulator, tag: string, expected: number): { lost: number; duplicates: number } {
  const notes = sim.data.timeEntries.filter((e) => e.notes.startsWith(`${tag} `)).map((e) => e.notes);
  const unique = new Set(notes).size;
  return { lost: expected - unique, duplicates: notes.length - unique };
}

export async function measureOutbox(): Promise<Figure[]> {
  const sim = await startSimulator({ port: 0, tickets: 500, seed: 3 });
  const db = await openPullboardDb();
  await db.clear('outbox');
  const psa = adapter(sim);
  const clock = { now: Date.now() };
  let lost = 0;
  let duplicates = 0;
  const add = (r: { lost: number; duplicates: number }) => {
    lost += r.lost;
    duplicates += r.duplicates;
  };
  try {
    // A worker stopped with 50 writes queued, some of them sent without an answer recorded.
    await queueTimeEntries(sim, 50, 'restart');
    const queued = await loadOutbox();
    for (const entry of queued.slice(0, 10)) {
      if (entry.write.kind === 'timeEntry') await psa.addTimeEntry(entry.write.entry);
      await putOutboxEntry({ ...entry, state: 'sending', attempts: 1, sentAt: clock.now });
    }
    forgetRecovery();
    await drainAll(psa, clock);
    add(countTagged(sim, 'restart', 50));

    // Every answer lost after the PSA processed the request.
    sim.faults.dropResponse.remaining = 20;
    await queueTimeEntries(sim, 20, 'dropped');
    await drainAll(psa, clock);
    add(countTagged(sim, 'dropped', 20));

    // 429 storm, then a 500 burst.
    sim.faults.fail429 = { remaining: 40, retryAfterSeconds: 5 };
    await queueTimeEntries(sim, 20, 'storm');
    await drainAll(psa, clock);
    add(countTagged(sim, 'storm', 20));
    sim.faults.fail500 = { remaining: 30 };
    await queueTimeEntries(sim, 20, 'burst');
    await drainAll(psa, clock);
    add(countTagged(sim, 'burst', 20));

    // Offline while 100 writes queue; then the time from reconnect to an empty outbox.
    online = false;
    await queueTimeEntries(sim, 100, 'offline');
    await drainOutbox({ psaFor: async () => psa, now: () => clock.now });
    online = true;
    const reconnected = performance.now();
    clock.now = Date.now();
    // Back online, the 'online' event drains at once: nothing waits for its backoff.
    for (const entry of await loadOutbox()) if (entry.state === 'pending') await putOutboxEntry({ ...entry, nextAttemptAt: clock.now });
    await drainAll(psa, clock);
    const reconnectMs = performance.now() - reconnected;
    add(countTagged(sim, 'offline', 100));

    return [
      { name: 'outbox_lost_writes', value: lost, unit: 'writes', goal: '0', note: '210 writes over 5 failure scenarios' },
      { name: 'outbox_duplicate_writes', value: duplicates, unit: 'writes', goal: '0' },
      { name: 'outbox_reconnect_to_empty_ms_100_writes', value: Math.round(reconnectMs), unit: 'ms' },
    ];
  } finally {
    online = true;
    await sim.close();
  }
}

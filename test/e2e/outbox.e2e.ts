/**
 * No write is lost or made twice, in a real Chromium with the test build (its `test.*` hooks queue
 * writes as the board and timers would, and play chrome.idle): a worker stopped between queuing and
 * sending, answers that never come, an offline spell, 429 storms and 500 bursts, idleness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { TEST_EXTENSION_DIR, extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage } from './pages/psa-page';
import { statusOf, ticketsInStatus } from '../sim-queries';

let env: PsaEnv;
let page: Page;

/** Sends a request to the background from an extension page, as the UIs do. */
async function ask<T>(request: unknown): Promise<T> {
  const reply = await page.evaluate((r) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(r), request);
  const typed = reply as { ok: boolean; value: T; error?: { message: string } };
  if (!typed.ok) throw new Error(typed.error?.message);
  return typed.value;
}

async function stopServiceWorker(): Promise<void> {
  const cdp = await env.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

let batch = 0;
/** Time entries with starts no other batch uses: a tech never logs two entries on a ticket from the same second. */
function timeWrites(count: number, tag: string, tickets: number[]) {
  const hour = batch++;
  return Array.from({ length: count }, (_, i) => ({
    kind: 'time' as const,
    ticketId: String(tickets[i % tickets.length]),
    start: new Date(Date.UTC(2026, 10, 24, hour, 0, i)).toISOString().replace('.000', ''),
    end: new Date(Date.UTC(2026, 10, 24, hour, 30, i)).toISOString().replace('.000', ''),
    hours: 0.5,
    notes: `${tag} ${i}`,
  }));
}

const entriesTagged = (tag: string) => env.sim.data.timeEntries.filter((e) => e.notes.startsWith(`${tag} `));

beforeAll(async () => {
  env = await startPsaEnv({ sim: { tickets: 500, seed: 6 }, launch: { extensionDir: TEST_EXTENSION_DIR } });
  const options = await OptionsPage.open(env);
  await options.connectDemo(env);
  page = options.page;
  // The first sync must have run: the writes are made as "me".
  for (let waited = 0; (await ask<{ me: unknown }>({ type: 'work.state' })).me === null; waited += 250) {
    if (waited > 30_000) throw new Error('the first sync did not finish in 30 s');
    await page.waitForTimeout(250);
  }
});
afterAll(async () => env?.close());

describe('the outbox in the browser', () => {
  it('a worker stopped between queuing and sending 50 writes: all 50 arrive exactly once', { timeout: 200_000 }, async () => {
    const tickets = ticketsInStatus(env.sim.data, 1, 'In Progress').slice(0, 10).map((t) => t.id);
    env.sim.faults.latencyMs = 300;
    await ask({ type: 'test.enqueue', writes: timeWrites(50, 'restart', tickets) });
    await stopServiceWorker();
    const landedBeforeRestart = entriesTagged('restart').length;
    env.sim.faults.latencyMs = 0;
    // Any message wakes the worker; its first drain finds what was cut off.
    await ask({ type: 'work.state' });
    // Writes cut off in flight are looked for after the adapters' 30 s timeout: they may still land.
    await expect.poll(() => entriesTagged('restart').length, { timeout: 100_000 }).toBe(50);
    await expect.poll(async () => (await ask<{ outbox: { pending: number } }>({ type: 'work.state' })).outbox.pending, { timeout: 60_000 }).toBe(0);
    await page.waitForTimeout(2_000);
    expect(entriesTagged('restart')).toHaveLength(50);
    expect(new Set(entriesTagged('restart').map((e) => e.notes)).size).toBe(50);
    console.log(`worker stopped with ${landedBeforeRestart} of 50 landed; after restart 50 of 50, no duplicates`);
  });

  it('answers lost after the PSA processed 20 time entries: each exists exactly once', async () => {
    const tickets = ticketsInStatus(env.sim.data, 1, 'In Progress').slice(0, 4).map((t) => t.id);
    env.sim.faults.dropResponse.remaining = 20;
    await ask({ type: 'test.enqueue', writes: timeWrites(20, 'dropped', tickets) });
    await expect.poll(() => entriesTagged('dropped').length, { timeout: 90_000 }).toBe(20);
    await expect.poll(async () => (await ask<{ outbox: { pending: number } }>({ type: 'work.state' })).outbox.pending, { timeout: 90_000 }).toBe(0);
    expect(entriesTagged('dropped')).toHaveLength(20);
  });

  it('offline for a while: 30 moves and entries queue, and go out in order once back online', { timeout: 200_000 }, async () => {
    const tickets = ticketsInStatus(env.sim.data, 1, 'New').slice(0, 5);
    const status = (name: string) => String(env.sim.data.statuses.find((s) => s.boardId === 1 && s.name === name)!.id);
    const path = ['Triage', 'Ready', 'Scheduled', 'Waiting on Client'];
    const moves = tickets.flatMap((t) => path.map((name) => ({ kind: 'move' as const, ticketId: String(t.id), statusId: status(name) })));
    await env.browser.context.setOffline(true);
    try {
      const before = env.sim.stats().requests;
      await ask({ type: 'test.enqueue', writes: [...moves, ...timeWrites(10, 'offline', tickets.map((t) => t.id))] });
      // The UIs say why the changes wait (at the latest once the adapters' 30 s timeout ran out).
      await expect
        .poll(async () => (await ask<{ outbox: { pending: number; pendingProblem: string | null } }>({ type: 'work.state' })).outbox, { timeout: 40_000 })
        .toMatchObject({ pending: 30, pendingProblem: expect.stringMatching(/offline|reach|network|internet/i) });
      expect(env.sim.stats().requests).toBe(before);
    } finally {
      await env.browser.context.setOffline(false);
    }
    await expect.poll(async () => (await ask<{ outbox: { pending: number } }>({ type: 'work.state' })).outbox.pending, { timeout: 120_000 }).toBe(0);
    for (const t of tickets) {
      expect(statusOf(env.sim.data, t).name).toBe('Waiting on Client');
      const seen = env.sim.data.transitions.filter((tr) => tr.ticketId === t.id).slice(-4).map((tr) => env.sim.data.statuses.find((s) => s.id === tr.toStatusId)!.name);
      expect(seen).toEqual(path);
    }
    expect(entriesTagged('offline')).toHaveLength(10);
  });

  it('429 storms and 500 bursts: nothing lost, the PSA\'s Retry-After respected', async () => {
    const tickets = ticketsInStatus(env.sim.data, 1, 'In Progress').slice(0, 5).map((t) => t.id);
    env.sim.faults.fail429 = { remaining: 15, retryAfterSeconds: 3 };
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(env.sim.stats().requests), 1_000);
    await ask({ type: 'test.enqueue', writes: timeWrites(10, 'storm', tickets) });
    await expect.poll(() => entriesTagged('storm').length, { timeout: 120_000 }).toBe(10);
    clearInterval(sampler);
    const perSecond = samples.slice(1).map((n, i) => n - samples[i]!);
    console.log(`requests per second during the 429 storm: ${perSecond.join(' ')}`);
    // Three tickets at a time, each waiting out Retry-After: never a burst.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(12);
    env.sim.faults.fail500 = { remaining: 12 };
    await ask({ type: 'test.enqueue', writes: timeWrites(10, 'burst', tickets) });
    await expect.poll(() => entriesTagged('burst').length, { timeout: 120_000 }).toBe(10);
    await page.waitForTimeout(1_000);
    expect(entriesTagged('storm')).toHaveLength(10);
    expect(entriesTagged('burst')).toHaveLength(10);
  });
});

describe('idle', () => {
  it('pauses the timer when the browser goes idle and asks on return', async () => {
    const psaPage = await env.browser.context.newPage();
    await psaPage.goto(`https://na.myconnectwise.net/${env.sim.codebase}ConnectWise.aspx`);
    const dock = new PsaPage(psaPage).dock;
    await dock.button('Pull next').click();
    await psaPage.waitForURL(/recid=\d+/);
    await dock.role('timer').waitFor();
    await ask({ type: 'test.idle', state: 'idle' });
    const popup = await env.browser.context.newPage();
    await popup.goto(extensionUrl(env.browser.extensionId, 'popup.html'));
    await popup.getByText('No timer running.').waitFor();
    await ask({ type: 'test.idle', state: 'active' });
    const prompt = popup.getByRole('alertdialog', { name: 'You were away' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toMatch(/You were away 10 min/);
    await popup.screenshot({ path: 'test-output/popup-idle.png' });
    await prompt.getByRole('button', { name: /^Keep/ }).click();
    const clock = popup.locator('.timer-clock');
    await clock.waitFor();
    // The away time is back on the ticket: ten minutes and counting.
    expect(await clock.textContent()).toMatch(/^10:\d\d$/);
  });
});

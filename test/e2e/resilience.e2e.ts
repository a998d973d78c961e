/**
 * What the extension survives: its service worker being stopped (Chrome does this after 30 s idle)
 * and the extension being reloaded under an open PSA page (an update). Nothing is lost, the PSA page
 * never sees an error, and the content script stays small.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { EXTENSION_DIR, extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage } from './pages/psa-page';
import { ticketsInStatus } from '../sim-queries';

let env: PsaEnv;

async function stopServiceWorker(): Promise<void> {
  const page = env.browser.context.pages()[0] ?? (await env.browser.context.newPage());
  const cdp = await env.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

beforeAll(async () => {
  env = await startPsaEnv({ sim: { tickets: 400, seed: 5 } });
  const options = await OptionsPage.open(env);
  await options.connectDemo(env);
  await options.page.close();
});
afterAll(async () => env?.close());

describe('a stopped service worker loses nothing', () => {
  it('keeps syncing the board from the persisted cursor', async () => {
    const board = await env.browser.context.newPage();
    await board.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
    const column = (name: string) => board.locator(`section.column[data-column="${name}"] .column-count`);
    await column('Scheduled').waitFor({ timeout: 30_000 });
    const before = Number(await column('Scheduled').textContent());
    await stopServiceWorker();
    const ticket = ticketsInStatus(env.sim.data, 1, 'New')[0]!;
    env.sim.updateTicketAsSomeoneElse(ticket.id, { statusName: 'Scheduled' });
    await expect.poll(async () => Number(await column('Scheduled').textContent()), { timeout: 40_000 }).toBe(before + 1);
    await board.close();
  });

  it('keeps the running timer across a stop', async () => {
    const psa = await PsaPage.openServiceBoard(env);
    const errors: string[] = [];
    psa.page.on('pageerror', (e) => errors.push(e.message));
    await psa.pullNext();
    await psa.waitForTicketPage();
    const timer = psa.dock.role('timer');
    await timer.waitFor({ timeout: 20_000 });
    const label = await timer.getAttribute('aria-label');
    await psa.page.waitForTimeout(2_500);
    await stopServiceWorker();
    await psa.page.reload();
    await psa.dock.role('timer').waitFor({ timeout: 20_000 });
    expect(await psa.dock.role('timer').getAttribute('aria-label')).toBe(label);
    const seconds = (text: string | null) => (text ?? '').split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
    expect(seconds(await psa.dock.locator('.timer-clock').text())).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    await psa.page.close();
  });
});

describe('an extension update under an open PSA page', () => {
  // Chromium does not bring back an extension loaded from the command line after runtime.reload(), so
  // this is the last test of the file: it checks the moment of invalidation, not the new version.
  it('cuts the old dock off without an error in the page', async () => {
    const psa = await PsaPage.openServiceBoard(env);
    await psa.waitForWip(/^WIP \d\/2$/);
    const errors: string[] = [];
    psa.page.on('pageerror', (e) => errors.push(e.message));
    // Reloading the extension from one of its own pages is what an update does to open tabs.
    const extensionPage = await env.browser.context.newPage();
    await extensionPage.goto(extensionUrl(env.browser.extensionId, 'options.html'));
    await extensionPage.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
    // The old content script is cut off from the extension: its dock goes, or stays inert.
    await psa.page.waitForTimeout(2_000);
    const stale = psa.page.locator('pullboard-dock');
    if ((await stale.count()) > 0) {
      await psa.dock.button('Pull next').click({ timeout: 2_000 }).catch(() => undefined);
      await psa.page.waitForTimeout(500);
    }
    expect(errors).toEqual([]);
    // The PSA page itself still works.
    await psa.page.locator('a.cw-ticket-link').first().click();
    await psa.page.waitForURL(/\?\?ServiceTicket$/);
    expect(errors).toEqual([]);
    await psa.page.close();
  });
});

describe('the content script stays small', () => {
  it('carries no zod and no IndexedDB code, within its 20,000-byte gzip budget', () => {
    const js = readFileSync(`${EXTENSION_DIR}/content-scripts/psa.js`);
    expect(js.toString()).not.toMatch(/ZodError|indexedDB\.open|openDB\(/);
    expect(gzipSync(js, { level: 9 }).length).toBeLessThanOrEqual(20_000);
  });
});

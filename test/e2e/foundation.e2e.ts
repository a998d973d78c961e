/**
 * The foundation, end to end in a real Chromium: connect in options, watch the board fill from the
 * simulator, change a ticket behind Pullboard's back and see its card move, and find the dock in a
 * page served under ConnectWise's real host name (so a wrong match pattern fails here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPsaEnv, CW_SITE_URL, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage } from './pages/psa-page';
import { openTicketsOnBoard, ticketsInStatus } from '../sim-queries';

let env: PsaEnv;
let board: Page;

function openOnBoard(boardId: number): number {
  return openTicketsOnBoard(env.sim.data, boardId).length;
}

beforeAll(async () => {
  env = await startPsaEnv({ sim: { tickets: 600 } });
});

afterAll(async () => {
  await env?.close();
});

describe('foundation on ConnectWise', () => {
  it('refuses wrong keys with a message that says what to check', async () => {
    const options = await OptionsPage.open(env);
    await options.fill({ siteUrl: CW_SITE_URL, companyId: env.companyId, publicKey: env.demoTech.publicKey, privateKey: 'wrong', clientId: env.clientId });
    const text = await options.testConnection();
    expect(text).toMatch(/refused the API keys/i);
    await options.page.close();
  });

  it('tests the connection: who I am and how many open tickets the board has', async () => {
    const options = await OptionsPage.open(env);
    await options.fillDemo(env);
    const text = await options.testConnection();
    expect(text).toContain(env.demoTech.name);
    await options.chooseBoard('Service Desk');
    const expected = openOnBoard(1).toLocaleString('en-US');
    await options.page.getByText(`${expected} open tickets on Service Desk`).waitFor();
    await options.save();
    await options.page.screenshot({ path: 'test-output/options-connected.png' });
    await options.page.close();
  });

  it('fills the side-panel board from the simulator', async () => {
    board = await env.browser.context.newPage();
    await board.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
    const inProgress = board.getByRole('region', { name: /^In Progress: \d+ tickets$/ });
    await inProgress.waitFor({ timeout: 30_000 });
    // Every open ticket of the board is on a card somewhere.
    const openCount = openOnBoard(1);
    await expect.poll(async () => Number((await board.locator('.board-sync').textContent())?.match(/^(\d+) tickets/)?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(openCount);
    await board.screenshot({ path: 'test-output/board.png' });
  });

  it('moves a card when someone changes the ticket in the PSA, without a reload', async () => {
    const ticket = ticketsInStatus(env.sim.data, 1, 'New')[0]!;
    const column = (name: string) => board.locator(`section.column[data-column="${name}"]`);
    // Scroll-virtualised columns only draw what is in view: find the card by its column's count instead.
    const countOf = async (name: string) => Number(await column(name).locator('.column-count').textContent());
    const [newBefore, waitingBefore] = [await countOf('New'), await countOf('Waiting on Client')];
    const reloads: string[] = [];
    board.on('framenavigated', (frame) => reloads.push(frame.url()));
    env.sim.updateTicketAsSomeoneElse(ticket.id, { statusName: 'Waiting on Client' });
    await expect.poll(() => countOf('Waiting on Client'), { timeout: 40_000 }).toBe(waitingBefore + 1);
    expect(await countOf('New')).toBe(newBefore - 1);
    expect(reloads).toEqual([]);
  });

  it('shows the dock in a ConnectWise page under its real host name', async () => {
    const psa = new PsaPage(await env.browser.context.newPage());
    const page = psa.page;
    await page.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
    await psa.waitForDock();
    await psa.dock.waitForText(/WIP \d\/2/);
    await page.screenshot({ path: 'test-output/dock-connectwise.png' });
    await page.close();
  });
});

describe('when the PSA stops accepting the keys', () => {
  it('says so in the options page, naming what to check', async () => {
    const member = env.sim.data.members.find((m) => m.identifier === env.demoTech.identifier)!;
    const original = member.privateKey;
    member.privateKey = 'revoked-by-an-admin';
    try {
      const options = await OptionsPage.open(env);
      const alert = options.page.getByRole('alert').filter({ hasText: 'The last sync failed' });
      // The board asks for a sync every 10 s while open; the options page shows the outcome.
      await expect.poll(async () => (await alert.count()) > 0, { timeout: 40_000 }).toBe(true);
      expect(await alert.first().textContent()).toMatch(/refused the API keys.*check/i);
      await options.page.screenshot({ path: 'test-output/options-401.png' });
      await options.page.close();
    } finally {
      member.privateKey = original;
    }
  });
});

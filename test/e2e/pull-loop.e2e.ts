/**
 * The pull loop on ConnectWise, in a real Chromium against the simulator: the dock shows my WIP,
 * Pull next claims the top Ready ticket (owner = me, In Progress in the PSA), opens its page with the
 * timer running; the popup agrees; at the limit Pull next refuses and proposes helping a colleague;
 * Done → pull next closes the ticket and pulls the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage } from './pages/psa-page';
import { memberIdentifier, statusOf } from '../sim-queries';

let env: PsaEnv;
let dockPage: PsaPage;
let popup: Page;
const pulled: string[] = [];

const simTicket = (id: string) => env.sim.data.ticketsById.get(Number(id))!;

beforeAll(async () => {
  env = await startPsaEnv({ sim: { tickets: 600, seed: 4 } });
  // Start the demo tech with nothing in progress, as at the start of a day.
  for (const t of env.sim.data.tickets) {
    if (memberIdentifier(env.sim.data, t.ownerId) === env.demoTech.identifier && statusOf(env.sim.data, t).name === 'In Progress') {
      env.sim.updateTicketAsSomeoneElse(t.id, { statusName: 'Completed' });
    }
  }
  const options = await OptionsPage.open(env);
  await options.connectDemo(env);
  await options.page.close();
});

afterAll(async () => env?.close());

describe('the pull loop on ConnectWise', () => {
  it('shows my WIP in the dock of a ConnectWise page', async () => {
    dockPage = await PsaPage.openServiceBoard(env);
    await dockPage.waitForWip('WIP 0/2');
  });

  it('pulls the top Ready ticket: mine and In Progress in the PSA, its page open, the timer running', async () => {
    await dockPage.pullNext();
    const id = await dockPage.waitForTicketPage();
    pulled.push(id);
    const ticket = simTicket(id);
    expect(memberIdentifier(env.sim.data, ticket.ownerId)).toBe(env.demoTech.identifier);
    expect(statusOf(env.sim.data, ticket).name).toBe('In Progress');
    await dockPage.waitForDock();
    await dockPage.waitForWip('WIP 1/2');
    await dockPage.dock.role('timer').waitFor();
    await dockPage.page.screenshot({ path: 'test-output/dock-after-pull.png' });
  });

  it('shows WIP 1/2 and a running timer in the popup', async () => {
    popup = await env.browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(extensionUrl(env.browser.extensionId, 'popup.html'));
    await popup.getByRole('heading', { name: 'Work in progress 1 of 2' }).waitFor();
    const timer = popup.getByRole('timer');
    await expect.poll(async () => timer.textContent()).toMatch(new RegExp(`#${pulled[0]}`));
    const clock = timer.locator('.timer-clock');
    const first = await clock.textContent();
    await expect.poll(async () => clock.textContent(), { timeout: 5_000 }).not.toBe(first);
    await popup.screenshot({ path: 'test-output/popup.png' });
  });

  it('pulls a second ticket from the popup, pausing the first timer', async () => {
    const opened = env.browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Pull next' }).click();
    const ticketTab = await opened;
    await ticketTab.waitForURL(/recid=\d+/);
    const id = new URL(ticketTab.url()).searchParams.get('recid')!;
    expect(id).not.toBe(pulled[0]);
    pulled.push(id);
    expect(memberIdentifier(env.sim.data, simTicket(id).ownerId)).toBe(env.demoTech.identifier);
    await popup.getByRole('heading', { name: 'Work in progress 2 of 2' }).waitFor();
    await expect.poll(async () => popup.getByRole('timer').textContent()).toMatch(new RegExp(`#${id}`));
    await popup.getByText(`Paused #${pulled[0]}`).waitFor();
    await ticketTab.close();
  });

  it('refuses at WIP 2/2 and proposes helping finish a colleague\'s ticket', async () => {
    const owned = env.sim.data.tickets.filter((t) => t.ownerId !== null).length;
    await popup.getByRole('button', { name: 'Pull next' }).click();
    const note = popup.getByRole('status').filter({ hasText: 'WIP 2/2' });
    await note.first().waitFor();
    expect(await note.first().textContent()).toMatch(/finish a ticket you have in progress.*help finish #\d+/i);
    expect(env.sim.data.tickets.filter((t) => t.ownerId !== null).length).toBe(owned);
    await popup.screenshot({ path: 'test-output/popup-refused.png' });
  });

  it('follows the PSA\'s single-page navigation: a ticket opened in-app gets Done → pull next', async () => {
    const list = await PsaPage.openServiceBoard(env);
    await list.waitForWip('WIP 2/2');
    expect(await list.dock.button('Done → pull next').count()).toBe(0);
    let loads = 0;
    list.page.on('load', () => loads++);
    await list.page.locator(`tr[data-ticket-id="${pulled[1]}"] a.cw-ticket-link`).click();
    // As in ConnectWise: the path stays, the encoded state after # changes; the dock reads the ticket from the page.
    await list.page.waitForURL(/ConnectWise\.aspx\?locale=en_US#.+\?\?ServiceTicket$/);
    await list.dock.button('Done → pull next').waitFor({ timeout: 10_000 });
    expect(loads).toBe(0);
    await list.page.close();
  });

  it('Done → pull next closes the ticket on its page and pulls the next', async () => {
    const page = dockPage.page;
    await page.reload();
    await dockPage.waitForWip('WIP 2/2');
    await dockPage.dock.button('Done → pull next').click();
    await dockPage.dock.role('group', { name: 'Confirm done' }).waitFor();
    await dockPage.dock.button('Yes, done').click();
    await page.waitForURL((url) => url.searchParams.get('recid') !== pulled[0], { timeout: 30_000 });
    const next = new URL(page.url()).searchParams.get('recid')!;
    expect(statusOf(env.sim.data, simTicket(pulled[0]!)).closed).toBe(true);
    expect(memberIdentifier(env.sim.data, simTicket(next).ownerId)).toBe(env.demoTech.identifier);
    expect(pulled).not.toContain(next);
    await dockPage.waitForWip('WIP 2/2');
  });

  it('raises the WIP limit from options, and the dock follows', async () => {
    const options = await OptionsPage.open(env);
    const yourWork = options.page.getByRole('form', { name: 'Your work' });
    await yourWork.getByLabel('Personal WIP limit').fill('3');
    await options.page.getByRole('form', { name: 'Your work' }).getByRole('button', { name: 'Save' }).click();
    await options.page.getByText('Pull next stops at 3 tickets in progress').waitFor();
    // Out of range: the form refuses before anything is sent, and the saved limit stays.
    await yourWork.getByLabel('Personal WIP limit').fill('9');
    await options.page.getByRole('form', { name: 'Your work' }).getByRole('button', { name: 'Save' }).click();
    expect(await yourWork.getByLabel('Personal WIP limit').evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(true);
    await options.page.close();
    await dockPage.waitForWip('WIP 2/3');
  });
});

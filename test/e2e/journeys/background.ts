/**
 * A stopped background (Chromium's service worker, Firefox's event page, as each browser stops it when
 * idle): the board keeps syncing from the persisted cursor, and the dock's next Pull next starts it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type BrowserName } from '../../browser/driver';
import { startDriverEnv, type DriverEnv } from '../../browser/driver-env';
import { memberIdentifier, statusOf, ticketsInStatus } from '../../sim-queries';
import { board, button, connect, openPsaPage, TICKET_ID, TICKET_LISTS, waitForWip } from './pages';

export function backgroundJourneys(browser: BrowserName): void {
  describe(`${browser}: a stopped background loses nothing`, () => {
    let env: DriverEnv;

    beforeAll(async () => {
      env = await startDriverEnv(browser, { sim: { tickets: 400, seed: 5 } });
      (await connect(env)).tab.close();
    });
    afterAll(async () => env?.close());

    it('keeps syncing the board after the background is stopped', async () => {
      const panel = await env.driver.openExtensionPage('sidepanel.html');
      await panel.waitFor(board.synced(), 60_000);
      const count = async () => Number((await panel.find(board.count('Scheduled')))?.text);
      const before = await count();
      await env.driver.stopBackground();
      const ticket = ticketsInStatus(env.sim.data, 1, 'New')[0]!;
      env.sim.updateTicketAsSomeoneElse(ticket.id, { statusName: 'Scheduled' });
      await eventually(async () => (await count()) === before + 1, `Scheduled to count ${before + 1}`, 40_000);
      await panel.close();
    });

    it("pulls from the dock after a stop: the click's message starts the background again", async () => {
      const page = await openPsaPage(env, TICKET_LISTS.connectwise(env));
      await waitForWip(page, /^WIP \d\/2$/);
      await env.driver.stopBackground();
      await page.click(button('Pull next', 'dock'));
      const pulled = TICKET_ID.connectwise.exec(await page.waitForUrl(TICKET_ID.connectwise))![1]!;
      const ticket = env.sim.data.ticketsById.get(Number(pulled))!;
      expect(memberIdentifier(env.sim.data, ticket.ownerId)).toBe(env.demoTech.identifier);
      expect(statusOf(env.sim.data, ticket).name).toBe('In Progress');
      await page.close();
    });
  });
}

/**
 * The pull journey on each PSA's dialect: connect in options, open the PSA's ticket list, Pull next from
 * the dock; the simulator has the ticket mine and In Progress, and the board shows the card in its column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserName, DriverTab } from '../../browser/driver';
import { startDriverEnv, type DriverEnv } from '../../browser/driver-env';
import { memberIdentifier, statusOf } from '../../sim-queries';
import { board, button, connect, openPsaPage, TICKET_ID, TICKET_LISTS, waitForWip, type PsaName } from './pages';

const JOURNEYS: { psa: PsaName; title: string; seed: number; expectTest: RegExp }[] = [
  { psa: 'connectwise', title: 'ConnectWise PSA', seed: 11, expectTest: /Connected as Alex Dunn/ },
  // The zone found by discovery, and the API user is nobody's "me".
  { psa: 'autotask', title: 'Autotask PSA', seed: 12, expectTest: /Zone found: webservices5\.autotask\.net.*API user, not a technician/ },
  { psa: 'halo', title: 'HaloPSA', seed: 13, expectTest: /Connected as Alex Dunn/ },
];

export function pullJourneys(browser: BrowserName): void {
  for (const journey of JOURNEYS) {
    describe(`${browser}: the pull journey on ${journey.title}`, () => {
      let env: DriverEnv;
      let psaPage: DriverTab;
      let pulled: string;

      beforeAll(async () => {
        env = await startDriverEnv(browser, { sim: { tickets: 400, seed: journey.seed } });
        // The demo tech starts the day with nothing in progress.
        for (const t of env.sim.data.tickets) {
          if (memberIdentifier(env.sim.data, t.ownerId) === env.demoTech.identifier && statusOf(env.sim.data, t).name === 'In Progress') {
            env.sim.updateTicketAsSomeoneElse(t.id, { statusName: 'Completed' });
          }
        }
      });
      afterAll(async () => env?.close());

      it('connects in options: Test connection shows what it found, Save starts the sync', async () => {
        const { tab, testResult } = await connect(env, journey.psa);
        expect(testResult).toMatch(journey.expectTest);
        await tab.screenshot(`test-output/${browser}-options-${journey.psa}.png`);
        await tab.close();
      });

      it("pulls from the dock in the PSA's ticket list: mine and In Progress in the PSA", async () => {
        psaPage = await openPsaPage(env, TICKET_LISTS[journey.psa](env));
        await waitForWip(psaPage, 'WIP 0/2');
        await psaPage.click(button('Pull next', 'dock'));
        pulled = TICKET_ID[journey.psa].exec(await psaPage.waitForUrl(TICKET_ID[journey.psa]))![1]!;
        const ticket = env.sim.data.ticketsById.get(Number(pulled))!;
        expect(memberIdentifier(env.sim.data, ticket.ownerId)).toBe(env.demoTech.identifier);
        expect(statusOf(env.sim.data, ticket).name).toBe('In Progress');
        await waitForWip(psaPage, 'WIP 1/2');
        await psaPage.screenshot(`test-output/${browser}-dock-pulled-${journey.psa}.png`);
      });

      it('shows the card in its new column on the board', async () => {
        const panel = await env.driver.openExtensionPage('sidepanel.html');
        await panel.waitFor(board.synced(), 60_000);
        await panel.waitFor(board.card(pulled, 'In Progress'), 30_000);
        await panel.screenshot(`test-output/${browser}-board-${journey.psa}.png`);
        await panel.close();
      });
    });
  }
}

/**
 * The same journey on each PSA, in a real Chromium against the simulator under the PSAs' real host names:
 * connect in options, open the PSA's ticket list, Pull next from the dock, the simulator shows the ticket
 * mine and In Progress, and the board shows the card in its new column.
 * Autotask connects as the MSP's shared API user (the tech picks themselves), Halo as the tech's own application.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage, type PsaName } from './pages/psa-page';
import { BoardView } from './pages/board-page';
import { memberIdentifier, statusOf } from '../sim-queries';

const JOURNEYS: { psa: PsaName; title: string; seed: number; connect: (options: OptionsPage, env: PsaEnv) => Promise<string>; expectTest: RegExp }[] = [
  {
    psa: 'connectwise',
    title: 'ConnectWise PSA',
    seed: 11,
    connect: async (options, env) => {
      await options.connectDemo(env);
      return '';
    },
    expectTest: /.*/,
  },
  {
    psa: 'autotask',
    title: 'Autotask PSA',
    seed: 12,
    connect: (options, env) => options.connectAutotask(env),
    // The zone found by discovery, and the API user is nobody's "me".
    expectTest: /Zone found: webservices5\.autotask\.net.*API user, not a technician/s,
  },
  {
    psa: 'halo',
    title: 'HaloPSA',
    seed: 13,
    connect: (options, env) => options.connectHalo(env),
    expectTest: /Connected as Alex Dunn/,
  },
];

for (const journey of JOURNEYS) {
  describe(`the pull journey on ${journey.title}`, () => {
    let env: PsaEnv;
    let psaPage: PsaPage;
    let pulled: string;
    const simTicket = (id: string) => env.sim.data.ticketsById.get(Number(id))!;

    beforeAll(async () => {
      env = await startPsaEnv({ sim: { tickets: 400, seed: journey.seed } });
      // The demo tech starts the day with nothing in progress.
      for (const t of env.sim.data.tickets) {
        if (memberIdentifier(env.sim.data, t.ownerId) === env.demoTech.identifier && statusOf(env.sim.data, t).name === 'In Progress') {
          env.sim.updateTicketAsSomeoneElse(t.id, { statusName: 'Completed' });
        }
      }
    });

    afterAll(async () => env?.close());

    it('connects in options: Test connection shows what it found, Save starts the sync', async () => {
      const options = await OptionsPage.open(env);
      const testText = await journey.connect(options, env);
      expect(testText).toMatch(journey.expectTest);
      // The saved connection's banner says who "me" is once the first sync knows it.
      await options.page.locator('p.banner.ok', { hasText: /^Connected to .* as Alex Dunn/ }).waitFor({ timeout: 30_000 });
      await options.page.evaluate(() => window.scrollTo(0, 0));
      await options.page.screenshot({ path: `test-output/options-${journey.psa}.png`, fullPage: false });
      await options.page.close();
    });

    it("pulls from the dock in the PSA's ticket list: mine and In Progress in the PSA", async () => {
      psaPage = await PsaPage.openTicketList(env, journey.psa);
      await psaPage.waitForWip('WIP 0/2');
      await psaPage.pullNext();
      pulled = await psaPage.waitForTicketOf(journey.psa);
      const ticket = simTicket(pulled);
      expect(memberIdentifier(env.sim.data, ticket.ownerId)).toBe(env.demoTech.identifier);
      expect(statusOf(env.sim.data, ticket).name).toBe('In Progress');
      await psaPage.waitForDock();
      await psaPage.waitForWip('WIP 1/2');
      await psaPage.page.screenshot({ path: `test-output/dock-pulled-${journey.psa}.png` });
    });

    it('shows the card in its new column on the board', async () => {
      const panel = await env.browser.context.newPage();
      await panel.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
      const view = new BoardView(panel);
      await view.waitForSynced();
      await view.column('In Progress').locator(`article.card[data-ticket-id="${pulled}"]`).waitFor({ timeout: 30_000 });
      await panel.screenshot({ path: `test-output/board-${journey.psa}.png` });
      await panel.close();
    });
  });
}

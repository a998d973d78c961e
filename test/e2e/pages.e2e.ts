/**
 * The dock knows the page it is on, in a real Chromium against the simulator under the PSAs' real host names:
 * a ticket of mine opened the way each real app opens it — ConnectWise's encoded `#…??ServiceTicket` state with
 * the path unchanged, Autotask's pop-up by ticket number, Halo's in-app route — shows Done → pull next; the
 * customer portal and the sign-in page on the same host show no dock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AUTOTASK_WEB_URL, CW_SITE_HOST, CW_SITE_URL, HALO_URL, startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { OptionsPage } from './pages/options-page';
import { PsaPage, type PsaName } from './pages/psa-page';
import { memberIdentifier, statusOf } from '../sim-queries';

/** Pages of the PSA's host that are not its agent app. */
const NOT_THE_APP: Record<PsaName, (env: PsaEnv) => string[]> = {
  connectwise: (env) => [`${CW_SITE_URL}/${env.sim.codebase}services/system_io/customerportal/portal.html?company=pullboard&locale=en`],
  autotask: () => [`${AUTOTASK_WEB_URL}ClientPortal/Login.aspx?ci=12137`, `${AUTOTASK_WEB_URL}Mvc/Framework/Authentication.mvc/Authenticate`],
  halo: () => [`${HALO_URL}/portal/`, `${HALO_URL}/portal/ticket?id=10001`, `${HALO_URL}/auth/Account/Login`],
};

const CASES: { psa: PsaName; seed: number; connect: (options: OptionsPage, env: PsaEnv) => Promise<unknown> }[] = [
  { psa: 'connectwise', seed: 21, connect: (options, env) => options.connectDemo(env) },
  { psa: 'autotask', seed: 22, connect: (options, env) => options.connectAutotask(env) },
  { psa: 'halo', seed: 23, connect: (options, env) => options.connectHalo(env) },
];

const doneButton = (psa: PsaPage) => psa.dock.button('Done → pull next');

/** Waits for the page to settle, then says whether Pullboard's dock is in it. */
async function hasDock(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(1_500);
  return (await page.locator('pullboard-dock').count()) > 0;
}

for (const { psa, seed, connect } of CASES) {
  describe(`the dock on ${psa} pages`, () => {
    let env: PsaEnv;
    let mine: string;

    beforeAll(async () => {
      env = await startPsaEnv({ sim: { tickets: 300, seed } });
      for (const t of env.sim.data.tickets) {
        if (memberIdentifier(env.sim.data, t.ownerId) === env.demoTech.identifier && statusOf(env.sim.data, t).name === 'In Progress') {
          env.sim.updateTicketAsSomeoneElse(t.id, { statusName: 'Completed' });
        }
      }
      const options = await OptionsPage.open(env);
      await connect(options, env);
      await options.page.locator('p.banner.ok', { hasText: /^Connected to .* as Alex Dunn/ }).waitFor({ timeout: 30_000 });
      await options.page.close();
      // One ticket of mine, in progress: Pull next takes it and opens its page.
      const list = await PsaPage.openTicketList(env, psa);
      await list.waitForWip('WIP 0/2');
      await list.pullNext();
      mine = await list.waitForTicketOf(psa);
      await list.waitForWip('WIP 1/2');
      await list.page.close();
    });

    afterAll(async () => env?.close());

    it('shows Done → pull next on my ticket opened the way the app opens it', async () => {
      const list = await PsaPage.openTicketList(env, psa);
      await list.waitForWip('WIP 1/2');
      expect(await doneButton(list).count()).toBe(0);
      let page = list.page;
      let loads = 0;
      list.page.on('load', () => loads++);
      if (psa === 'connectwise') {
        await list.page.locator(`tr[data-ticket-id="${mine}"] a.cw-ticket-link`).click();
        // The path stays ConnectWise.aspx; only the encoded state after # changes, so the page header names the ticket.
        await list.page.waitForURL(/\/ConnectWise\.aspx\?locale=en_US#[^?]+\?\?ServiceTicket$/);
        expect(new URL(list.page.url()).searchParams.get('recid')).toBeNull();
      } else if (psa === 'autotask') {
        // The grid opens the ticket by its number in a pop-up; Autotask's ExecuteCommand lands on the ticket page.
        const popup = env.browser.context.waitForEvent('page');
        await list.page.locator(`tr[data-ticket-id="${mine}"] a.at-ticket-link`).click();
        page = await popup;
        await page.waitForURL(new RegExp(`TicketDetail\\.mvc\\?workspace=False&ids%5B0%5D=${mine}&ticketId=${mine}$`), { timeout: 20_000 });
      } else {
        await list.page.locator(`tr[data-ticket-id="${mine}"] a[href="/ticket?id=${mine}"]`).click();
        await list.page.waitForURL(`${HALO_URL}/ticket?id=${mine}`);
      }
      const ticketPage = new PsaPage(page);
      await doneButton(ticketPage).waitFor({ timeout: 20_000 });
      if (psa !== 'autotask') expect(loads).toBe(0);
      await page.screenshot({ path: `test-output/dock-page-${psa}.png` });
      if (psa === 'connectwise') {
        // A full load of the same address: the app renders the ticket from its state, the dock reads it again.
        await page.reload();
        await doneButton(ticketPage).waitFor({ timeout: 20_000 });
        // Back to the board in-app: the header no longer names a ticket, and the button goes.
        await page.locator('a.cw-back').click();
        await page.waitForURL(/ConnectWise\.aspx$/);
        await doneButton(ticketPage).waitFor({ state: 'detached', timeout: 20_000 });
      }
      if (page !== list.page) await page.close();
      await list.page.close();
    });

    it('shows no dock on the portal and sign-in pages of the same host', async () => {
      const app = await PsaPage.openTicketList(env, psa);
      for (const url of NOT_THE_APP[psa](env)) {
        await app.page.goto(url);
        expect(await hasDock(app.page), url).toBe(false);
      }
      if (psa === 'connectwise') {
        // ConnectWise's sign-in form sits at the app's own address once the session ends.
        await env.browser.context.addCookies([{ name: 'cw-session', value: 'signed-out', domain: CW_SITE_HOST, path: '/', secure: true }]);
        await app.page.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
        await app.page.getByLabel('Password').waitFor();
        expect(await hasDock(app.page)).toBe(false);
        await app.page.screenshot({ path: 'test-output/no-dock-connectwise-sign-in.png' });
        await env.browser.context.clearCookies();
      }
      await app.page.close();
    });
  });
}

/** A ConnectWise page with Pullboard's dock, as a tech uses it. */
import type { Locator, Page } from 'playwright-core';
import { AUTOTASK_WEB_URL, CW_SITE_URL, HALO_URL, type PsaEnv } from '../../browser/psa-env';

/** Where each PSA's ticket list is, and how its ticket pages name the ticket. */
const LISTS = {
  connectwise: (env: PsaEnv) => `${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`,
  autotask: () => `${AUTOTASK_WEB_URL}Mvc/ServiceDesk/TicketGrid.mvc`,
  halo: () => `${HALO_URL}/tickets`,
};
const TICKET_ID = { connectwise: /[?&]recid=(\d+)/i, autotask: /[?&]ticketId=(\d+)/i, halo: /[?&]id=(\d+)/i };
export type PsaName = keyof typeof LISTS;

export class PsaPage {
  readonly dock: Locator;

  constructor(readonly page: Page) {
    this.dock = page.getByRole('complementary', { name: 'Pullboard' });
  }

  static async openServiceBoard(env: PsaEnv): Promise<PsaPage> {
    const page = await env.browser.context.newPage();
    await page.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
    const psa = new PsaPage(page);
    await psa.dock.waitFor({ timeout: 20_000 });
    return psa;
  }

  /** The PSA's ticket list (Autotask's queue grid, Halo's ticket list), with the dock. */
  static async openTicketList(env: PsaEnv, psa: PsaName): Promise<PsaPage> {
    const page = await env.browser.context.newPage();
    await page.goto(LISTS[psa](env));
    const psaPage = new PsaPage(page);
    await psaPage.dock.waitFor({ timeout: 20_000 });
    return psaPage;
  }

  /** The ticket id of the ticket page this tab shows, once it shows one. */
  async waitForTicketOf(psa: PsaName): Promise<string> {
    await this.page.waitForURL(TICKET_ID[psa], { timeout: 30_000 });
    return TICKET_ID[psa].exec(this.page.url())![1]!;
  }

  async dockText(): Promise<string> {
    return ((await this.dock.textContent()) ?? '').replace(/\s+/g, ' ');
  }

  /** Waits for the dock to show `WIP n/limit` (the first sync may still be running). */
  async waitForWip(text: string | RegExp): Promise<void> {
    await this.dock.getByText(text, { exact: typeof text === 'string' }).waitFor({ timeout: 30_000 });
  }

  async pullNext(): Promise<void> {
    await this.dock.getByRole('button', { name: 'Pull next' }).click();
  }

  /** The ticket id of the ConnectWise ticket page this tab shows, once it shows one. */
  async waitForTicketPage(): Promise<string> {
    await this.page.waitForURL(/recid=\d+/, { timeout: 30_000 });
    return new URL(this.page.url()).searchParams.get('recid')!;
  }
}

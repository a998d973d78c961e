/**
 * A PSA page with Pullboard's dock, as a tech uses it. The dock and the board over the page live in shadow
 * roots page script cannot reach: tests reach them through `ClosedRoot` and click them with real input.
 */
import type { Page } from 'playwright-core';
import { AUTOTASK_WEB_URL, CW_SITE_URL, HALO_URL, type PsaEnv } from '../../browser/psa-env';
import { ClosedRoot } from './closed-root';

/** The host elements Pullboard adds to a PSA page. */
export const DOCK_HOST = 'pullboard-dock';
export const BOARD_HOST = 'pullboard-board';

/** Where each PSA's ticket list is, and how its ticket pages name the ticket. */
const LISTS = {
  connectwise: (env: PsaEnv) => `${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`,
  autotask: () => `${AUTOTASK_WEB_URL}Mvc/ServiceDesk/TicketGrid.mvc`,
  halo: () => `${HALO_URL}/tickets`,
};
const TICKET_ID = { connectwise: /[?&]recid=(\d+)/i, autotask: /[?&]ticketId=(\d+)/i, halo: /[?&]id=(\d+)/i };
export type PsaName = keyof typeof LISTS;

export class PsaPage {
  /** The dock's shadow root. */
  readonly dock: ClosedRoot;
  /** The full-page board's shadow root (there once "Full board" is pressed). */
  readonly board: ClosedRoot;

  constructor(readonly page: Page) {
    this.dock = ClosedRoot.of(page, DOCK_HOST);
    this.board = ClosedRoot.of(page, BOARD_HOST);
  }

  /** Waits for the dock itself (its aside), not just its host element. */
  async waitForDock(timeout = 20_000): Promise<void> {
    await this.dock.role('complementary', { name: 'Pullboard' }).waitFor({ timeout });
  }

  static async openServiceBoard(env: PsaEnv): Promise<PsaPage> {
    const page = await env.browser.context.newPage();
    await page.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
    const psa = new PsaPage(page);
    await psa.waitForDock();
    return psa;
  }

  /** The PSA's ticket list (Autotask's queue grid, Halo's ticket list), with the dock. */
  static async openTicketList(env: PsaEnv, psa: PsaName): Promise<PsaPage> {
    const page = await env.browser.context.newPage();
    await page.goto(LISTS[psa](env));
    const psaPage = new PsaPage(page);
    await psaPage.waitForDock();
    return psaPage;
  }

  /** The ticket id of the ticket page this tab shows, once it shows one. */
  async waitForTicketOf(psa: PsaName): Promise<string> {
    await this.page.waitForURL(TICKET_ID[psa], { timeout: 30_000 });
    return TICKET_ID[psa].exec(this.page.url())![1]!;
  }

  async dockText(): Promise<string> {
    return this.dock.text();
  }

  /** Waits for the dock to show `WIP n/limit` (the first sync may still be running). */
  async waitForWip(text: string | RegExp): Promise<void> {
    const wip = this.dock.locator('.dock-wip');
    let shown = '';
    await this.dock.until(
      async () => {
        shown = (await wip.count()) > 0 ? await wip.text() : '(no WIP shown)';
        return (typeof text === 'string' ? shown === text : text.test(shown)) ? true : null;
      },
      { timeout: 30_000 },
      () => `the dock to show ${String(text)} (it shows ${shown})`,
    );
  }

  async pullNext(): Promise<void> {
    await this.dock.button('Pull next').click();
  }

  /** Presses the dock's "Full board" and waits for the board's dialog over the page. */
  async openFullBoard(): Promise<void> {
    await this.dock.button('Full board').click();
    await this.board.role('dialog', { name: 'Pullboard board' }).waitFor({ timeout: 20_000 });
  }

  /** The ticket id of the ConnectWise ticket page this tab shows, once it shows one. */
  async waitForTicketPage(): Promise<string> {
    await this.page.waitForURL(/recid=\d+/, { timeout: 30_000 });
    return new URL(this.page.url()).searchParams.get('recid')!;
  }
}

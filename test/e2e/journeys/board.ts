/**
 * The board, in the browser's side panel page (Firefox's sidebar) and over a PSA page: a keyboard move
 * writes the column's status to the PSA; the popup opens the side panel where the browser shows it to a
 * test; the full-page board opens from the dock, moves a card, and leaves the page as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type BrowserName, type DriverTab, type Query } from '../../browser/driver';
import { startDriverEnv, type DriverEnv } from '../../browser/driver-env';
import { statusOf } from '../../sim-queries';
import { SIDEBAR_REFUSED } from '../../../utils/protocol/sidebar';
import { board, button, connect, dock, openPsaPage, TICKET_LISTS } from './pages';

export function boardJourneys(browser: BrowserName): void {
  describe(`${browser}: the board`, () => {
    let env: DriverEnv;
    const simStatus = (id: string) => statusOf(env.sim.data, env.sim.data.ticketsById.get(Number(id))!).name;

    /** Focuses the first card of a column, moves it one column with the arrow keys and Enter; returns its id. */
    async function keyboardMove(tab: DriverTab, root: 'page' | 'overlay', from: string, key: 'ArrowRight' | 'ArrowLeft', to: string): Promise<string> {
      const card: Query = { css: `section.column[data-column="${from}"] article.card`, root };
      const id = (await tab.attribute(card, 'data-ticket-id'))!;
      await tab.focus(card);
      await tab.press(key);
      await tab.waitFor({ ...board.live(root), text: `Move #${id} to ${to}: press Enter to move, Escape to cancel.` });
      await tab.press('Enter');
      await eventually(async () => simStatus(id) === to, `#${id} to be ${to} in the PSA`, 20_000);
      await tab.waitFor({ ...board.live(root), text: `Moved #${id} to ${to} (status ${to} in the PSA).` });
      return id;
    }

    beforeAll(async () => {
      env = await startDriverEnv(browser, { sim: { tickets: 400, seed: 2 } });
      (await connect(env)).tab.close();
    });
    afterAll(async () => env?.close());

    it('side panel board: a card moved with the arrow keys and Enter changes its status in the PSA', async () => {
      const panel = await env.driver.openExtensionPage('sidepanel.html');
      await panel.waitFor(board.synced(), 60_000);
      const id = await keyboardMove(panel, 'page', 'New', 'ArrowRight', 'Triage');
      await panel.waitFor(board.card(id, 'Triage'));
      await panel.screenshot(`test-output/${browser}-board-side-panel.png`);
      await panel.close();
    });

    it("opens the browser's side panel from the popup's Open board", async (context) => {
      if (!env.driver.sidePanelUrl) return context.skip(); // Chromium's side panel is not a page a test can see.
      expect(await env.driver.sidePanelUrl()).toBeNull();
      const popup = await env.driver.openExtensionPage('popup.html');
      await popup.click(button('Open board'));
      await eventually(async () => (await env.driver.sidePanelUrl!())?.endsWith('/sidepanel.html'), 'the sidebar to show the board', 10_000);
      await popup.close();
    });

    it("the dock's Board button opens the side panel, or says how where the browser will not", async () => {
      const page = await openPsaPage(env, TICKET_LISTS.connectwise(env));
      await page.click(button('Board', 'dock'));
      if (browser === 'firefox') {
        // Firefox opens its sidebar only from its own UI: the dock says how, once, in Firefox's words.
        const said = await page.waitFor({ ...dock, css: '[role="alert"], .note.error', text: SIDEBAR_REFUSED });
        expect(said.text).not.toMatch(/\.\./);
      } else {
        // The side panel opened: the dock reports nothing wrong.
        await new Promise((r) => setTimeout(r, 1_000));
        const error = (await page.find({ ...dock, css: '.note.error' }))?.text;
        expect(error, error).toBeUndefined();
      }
      await page.close();
    });

    it('full-page board over a PSA page: opens from the dock, moves a card by keyboard, Escape leaves the page as it was', async () => {
      const page = await openPsaPage(env, TICKET_LISTS.connectwise(env));
      const before = await page.evaluate<string>(`document.querySelector('#cw-main').innerHTML`);
      await page.click(button('Full board', 'dock'));
      await page.waitFor({ css: '[role="dialog"][aria-label="Pullboard board"]', root: 'overlay' }, 20_000);
      await page.waitFor(board.synced('overlay'), 60_000);
      await keyboardMove(page, 'overlay', 'Triage', 'ArrowLeft', 'New');
      await page.screenshot(`test-output/${browser}-board-full-page.png`);
      await page.press('Escape');
      await eventually(async () => (await page.evaluate<number>(`document.querySelectorAll('pullboard-board').length`)) === 0, 'the full-page board to close');
      expect(await page.evaluate<string>(`document.querySelector('#cw-main').innerHTML`)).toBe(before);
      await page.close();
    });
  });
}

/**
 * `npm run demo -- --browser firefox`: the demo's walk in Firefox (Debian's firefox-esr over WebDriver BiDi),
 * through the same driver and page steps as the Firefox journeys: connect, the board, the dock, Pull next,
 * the popup, and the board in Firefox's sidebar beside the PSA page.
 */
import { writeFileSync } from 'node:fs';
import { startDriverEnv } from '../browser/driver-env';
import { eventually } from '../browser/driver';
import { board, button, connect, dock, openPsaPage, TICKET_ID, TICKET_LISTS, waitForWip, type PsaName } from '../e2e/journeys/pages';

export async function firefoxDemo(options: { psa: PsaName; tickets?: number; seed: number; headless: boolean; out: string; say: (line: string) => void }): Promise<void> {
  const { out, say } = options;
  const env = await startDriverEnv('firefox', { sim: { ...(options.tickets === undefined ? {} : { tickets: options.tickets }), seed: options.seed }, launch: { headless: options.headless, viewport: { width: 1110, height: 690 } } });
  const driver = env.driver;
  try {
    say(`PSA simulator: ${env.sim.url}, ${options.tickets === undefined ? 'the default desk' : `${options.tickets} tickets`}, seed ${options.seed}. Firefox ${options.headless ? 'headless' : 'with a window'}, Pullboard at ${driver.extensionBase}.`);
    const { tab: optionsTab, testResult } = await connect(env, options.psa);
    say(`Options → Test connection: ${testResult}`);
    await optionsTab.evaluate('window.scrollTo(0, 0)');
    await optionsTab.screenshot(`${out}/01-options.png`);
    say(`Saved the connection; screenshot ${out}/01-options.png`);
    await optionsTab.close();

    const boardTab = await driver.openExtensionPage('sidepanel.html');
    const synced = await boardTab.waitFor(board.synced(), 60_000);
    await boardTab.screenshot(`${out}/02-board.png`);
    say(`Board filled from the simulator: ${synced.text}; screenshot ${out}/02-board.png`);
    await boardTab.close();

    const psaPage = await openPsaPage(env, TICKET_LISTS[options.psa](env));
    await waitForWip(psaPage, /^WIP \d+\/\d+$/);
    await psaPage.screenshot(`${out}/03-dock.png`);
    say(`PSA page ${await psaPage.url()}: dock shows "${(await psaPage.find(dock))?.text}"; screenshot ${out}/03-dock.png`);

    await psaPage.click(button('Pull next', 'dock'));
    const pulled = TICKET_ID[options.psa].exec(await psaPage.waitForUrl(TICKET_ID[options.psa]))![1]!;
    await psaPage.waitFor({ css: '[role="timer"]', root: 'dock' });
    await psaPage.screenshot(`${out}/04-pulled.png`);
    say(`Pull next → ticket #${pulled}; dock: "${(await psaPage.find(dock))?.text}"; screenshot ${out}/04-pulled.png`);

    // The popup's Open board opens Firefox's sidebar (in the click, as Firefox asks).
    const popup = await driver.openExtensionPage('popup.html');
    await popup.waitFor({ css: '[role="timer"]' });
    await popup.screenshot(`${out}/05-popup.png`);
    await popup.click(button('Open board'));
    const shown = await eventually(async () => {
      const url = await driver.sidePanelUrl!();
      return url?.endsWith('/sidepanel.html') ? url : undefined;
    }, "Firefox's sidebar to show the board", 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the sidebar's board paints from the cache
    await popup.close();
    say(`Popup → Open board: Firefox's sidebar shows ${shown}`);
    const sidebar = await driver.screenshotWindow?.();
    if (sidebar) {
      writeFileSync(`${out}/06-sidebar-board.png`, sidebar);
      say(`The board in Firefox's sidebar beside the PSA page; screenshot ${out}/06-sidebar-board.png`);
    }
  } finally {
    await env.close();
  }
}

/**
 * The demo's board steps: a service lead designs the board in options (a hard WIP limit, a soft one,
 * swimlanes by assignee), looks at it in the side panel, moves a card with the keyboard (written to
 * the PSA), and opens the full-page board over a ConnectWise page.
 */
import type { PsaEnv } from '../browser/psa-env';
import { CW_SITE_URL } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from '../e2e/pages/options-page';
import { BoardView, InPageBoardView } from '../e2e/pages/board-page';
import { PsaPage } from '../e2e/pages/psa-page';
import { statusOf, ticketsInStatus } from '../sim-queries';

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

export async function demoBoard(env: PsaEnv, out: string, say: (line: string) => void): Promise<void> {
  const options = await OptionsPage.open(env);
  const designer = options.page.getByRole('region', { name: 'Board designer' });
  await designer.getByLabel('WIP limit of In Progress').waitFor({ timeout: 60_000 });
  const inProgressLimit = Math.max(1, ticketsInStatus(env.sim.data, 1, 'In Progress').length - 1);
  const waitingLimit = ticketsInStatus(env.sim.data, 1, 'Waiting on Client').length;
  await designer.getByLabel('WIP limit of In Progress').fill(String(inProgressLimit));
  await designer.getByLabel('Hard limit for In Progress').check();
  await designer.getByLabel('WIP limit of Waiting on Client').fill(String(waitingLimit));
  await designer.getByLabel('Swimlanes').selectOption('assignee');
  await designer.getByRole('button', { name: 'Save board configuration' }).click();
  await designer.getByRole('status', { name: 'Designer result' }).waitFor();
  await options.page.screenshot({ path: `${out}/06-designer.png`, fullPage: true });
  say(`Board designer: In Progress hard limit ${inProgressLimit}, Waiting on Client soft limit ${waitingLimit}, swimlanes by assignee, saved; screenshot ${out}/06-designer.png`);
  await options.page.close();

  const panel = await env.browser.context.newPage();
  await panel.setViewportSize({ width: 1400, height: 900 });
  await panel.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
  const board = new BoardView(panel);
  await board.waitForSynced();
  await panel.getByRole('heading', { level: 3, name: /^Unassigned/ }).waitFor();
  await panel.screenshot({ path: `${out}/07-board-side-panel.png` });
  const badges = await panel.locator('section.column').evaluateAll((columns) =>
    columns.map((c) => `${c.getAttribute('data-column')} ${c.querySelector('.wip')?.textContent?.replace(/\s+/g, ' ').trim()}`),
  );
  const lanes = await panel.getByRole('heading', { level: 3 }).allTextContents();
  say(`Side-panel board: ${badges.join(' · ')}`);
  say(`  lanes: ${lanes.slice(0, 6).map(squash).join(' · ')}${lanes.length > 6 ? ' …' : ''}; screenshot ${out}/07-board-side-panel.png`);

  // A keyboard move: focus a card, → chooses the next column, Enter writes it to the PSA.
  const card = panel.locator('section.column[data-column="New"] [role="list"][aria-label^="New, Unassigned:"] article.card').first();
  const id = (await card.getAttribute('data-ticket-id'))!;
  await card.focus();
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('Enter');
  await board.notice().filter({ hasText: `Moved #${id}` }).waitFor({ timeout: 30_000 });
  await panel.screenshot({ path: `${out}/08-board-moved.png` });
  say(`Keyboard move: ${squash(await board.notice().textContent()).replace(/×$/, '')} The simulator now has #${id} in ${statusOf(env.sim.data, env.sim.data.ticketsById.get(Number(id))!).name}; screenshot ${out}/08-board-moved.png`);

  // A hard limit refuses, with the reason.
  const ready = panel.locator('section.column[data-column="Ready"] [role="list"][aria-label^="Ready, Unassigned:"] article.card').first();
  await ready.focus();
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('Enter');
  await panel.getByRole('alert').filter({ hasText: 'is at its limit' }).waitFor({ timeout: 30_000 });
  say(`Hard limit: ${squash(await board.notice().textContent()).replace(/×$/, '')}`);

  await panel.setViewportSize({ width: 480, height: 900 });
  await panel.screenshot({ path: `${out}/09-board-side-panel-narrow.png` });
  say(`The same board at side-panel width; screenshot ${out}/09-board-side-panel-narrow.png`);
  await panel.close();

  const psa = new PsaPage(await env.browser.context.newPage());
  const page = psa.page;
  await page.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
  await psa.waitForDock();
  await psa.openFullBoard();
  await new InPageBoardView(psa.board).waitForSynced();
  await page.screenshot({ path: `${out}/10-board-full-page.png` });
  say(`Full-page board over ${page.url()} (dock → Full board; Escape closes it); screenshot ${out}/10-board-full-page.png`);
  await page.keyboard.press('Escape');
  await psa.board.waitFor({ state: 'detached' });
  await page.close();
}

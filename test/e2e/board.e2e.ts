/**
 * The board, end to end in a real Chromium against the simulator: design a board in options (hard and
 * soft limits, swimlanes), export it and import it back (a bad file changes nothing); the side panel
 * shows the limits and the lanes; a drag and a keyboard move each change the ticket's status in the
 * PSA; a hard limit refuses; the full-page board toggles over a ConnectWise page and follows the PSA;
 * a ticket titled with markup stays text everywhere.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startPsaEnv, CW_SITE_URL, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { XSS_SUMMARY } from '../psa-sim/seed';
import { OptionsPage } from './pages/options-page';
import { BoardView, InPageBoardView } from './pages/board-page';
import { PsaPage } from './pages/psa-page';
import { statusOf, ticketsInStatus } from '../sim-queries';

let env: PsaEnv;
let panel: Page;
let view: BoardView;
let exported = '';
/** The limits the designer sets: In Progress one under what it holds (hard), Waiting exactly at it (soft). */
let inProgressLimit = 0;
let waitingLimit = 0;

const simStatus = (id: string | number) => statusOf(env.sim.data, env.sim.data.ticketsById.get(Number(id))!).name;

/** The first card drawn in a column's lane (cells draw only what is in view). */
function firstCard(root: Page | Locator, column: string, lane: string): Locator {
  return root.locator(`section.column[data-column="${column}"] [role="list"][aria-label^="${column}, ${lane}:"] article.card`).first();
}

beforeAll(async () => {
  env = await startPsaEnv({ sim: { tickets: 600, seed: 2 } });
  const options = await OptionsPage.open(env);
  await options.connectDemo(env);
  await options.page.close();
});

afterAll(async () => env?.close());

describe('the board designer in options', () => {
  let options: Page;

  it('designs a board: a hard limit, a soft limit, swimlanes by assignee; saves it', async () => {
    options = (await OptionsPage.open(env)).page;
    const designer = options.getByRole('region', { name: 'Board designer' });
    // The columns come from the PSA's statuses once the first sync has them.
    await designer.getByLabel('WIP limit of In Progress').waitFor({ timeout: 30_000 });
    inProgressLimit = ticketsInStatus(env.sim.data, 1, 'In Progress').length - 1;
    waitingLimit = ticketsInStatus(env.sim.data, 1, 'Waiting on Client').length;
    await designer.getByLabel('WIP limit of In Progress').fill(String(inProgressLimit));
    await designer.getByLabel('Hard limit for In Progress').check();
    await designer.getByLabel('WIP limit of Waiting on Client').fill(String(waitingLimit));
    await designer.getByLabel('Swimlanes').selectOption('assignee');
    // The preview follows the draft before anything is saved.
    await designer.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Unassigned', level: 3 }).waitFor();
    await designer.getByRole('button', { name: 'Save board configuration' }).click();
    await designer.getByRole('status', { name: 'Designer result' }).filter({ hasText: 'Saved.' }).waitFor();
    await options.screenshot({ path: 'test-output/board-designer.png', fullPage: true });
  });

  it('exports the configuration as a JSON file', async () => {
    const designer = options.getByRole('region', { name: 'Board designer' });
    const download = options.waitForEvent('download');
    await designer.getByRole('button', { name: 'Export board configuration' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('pullboard-service-desk.json');
    exported = readFileSync((await file.path())!, 'utf8');
    const parsed = JSON.parse(exported) as { format: string; boards: { swimlanes: string; columns: { name: string; wipLimit: number | null; hardLimit: boolean }[] }[] };
    expect(parsed.format).toBe('pullboard.board-config');
    expect(parsed.boards[0]!.swimlanes).toBe('assignee');
    expect(parsed.boards[0]!.columns.find((c) => c.name === 'In Progress')).toMatchObject({ wipLimit: inProgressLimit, hardLimit: true });
  });

  it('refuses a bad file with the problem named, and changes nothing', async () => {
    const designer = options.getByRole('region', { name: 'Board designer' });
    const bad = exported.replace(`"wipLimit": ${inProgressLimit}`, '"wipLimit": "three"');
    expect(bad).not.toBe(exported);
    await designer.getByLabel('Import a board file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const alert = designer.getByRole('alert').filter({ hasText: 'broken.json was not imported' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Nothing was changed: boards\[0\] "Service Desk"\.columns\[\d\] "In Progress"\.wipLimit: must be a number/);
    expect(await designer.getByLabel('WIP limit of In Progress').inputValue()).toBe(String(inProgressLimit));
    expect(await designer.getByLabel('Swimlanes').inputValue()).toBe('assignee');
  });

  it('imports the exported file back over a changed configuration', async () => {
    const designer = options.getByRole('region', { name: 'Board designer' });
    await designer.getByLabel('Swimlanes').selectOption('none');
    await designer.getByRole('button', { name: 'Save board configuration' }).click();
    await designer.getByRole('status', { name: 'Designer result' }).filter({ hasText: 'Saved.' }).waitFor();
    await designer.getByLabel('Import a board file').setInputFiles({ name: 'pullboard-service-desk.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await designer.getByRole('status', { name: 'Designer result' }).filter({ hasText: 'Imported pullboard-service-desk.json' }).waitFor();
    expect(await designer.getByLabel('Swimlanes').inputValue()).toBe('assignee');
    await options.close();
  });
});

describe('the side-panel board', () => {
  it('shows the WIP limits (red over a hard one, amber at a soft one) and the swimlanes', async () => {
    panel = await env.browser.context.newPage();
    await panel.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
    view = new BoardView(panel);
    await view.waitForSynced();
    const inProgress = view.column('In Progress').locator('.wip');
    await expect.poll(() => inProgress.getAttribute('class')).toContain('wip-red');
    expect(await inProgress.getAttribute('aria-label')).toBe(`${inProgressLimit + 1} tickets, over the hard WIP limit of ${inProgressLimit}`);
    expect((await inProgress.textContent())?.replace(/\s+/g, ' ')).toBe(`${inProgressLimit + 1}/${inProgressLimit} max`);
    const waiting = view.column('Waiting on Client').locator('.wip');
    expect(await waiting.getAttribute('class')).toContain('wip-amber');
    expect(await view.column('New').locator('.wip').getAttribute('class')).toContain('wip-ok');
    // Lanes: expedite on top, then unassigned, then one per tech.
    const lanes = await panel.getByRole('heading', { level: 3 }).allTextContents();
    expect(lanes[0]).toMatch(/^Expedite \d+$/);
    expect(lanes[1]).toMatch(/^Unassigned \d+$/);
    expect(lanes.some((l) => l.startsWith(env.demoTech.name))).toBe(true);
    // Every card shows its SLA in words and colour.
    const sla = panel.locator('article.card .sla').first();
    expect(await sla.getAttribute('class')).toMatch(/sla-(on-track|at-risk|breached|none)/);
    await panel.screenshot({ path: 'test-output/board-side-panel.png' });
  });

  it('moves a card by drag and drop: the PSA gets the column\'s status, the soft limit warns', async () => {
    const card = firstCard(panel, 'Ready', 'Unassigned');
    const id = (await card.getAttribute('data-ticket-id'))!;
    expect(simStatus(id)).toBe('Ready');
    const target = view.column('Waiting on Client').locator('[role="list"][aria-label^="Waiting on Client, Unassigned:"]');
    await card.dragTo(target);
    await expect.poll(() => simStatus(id), { timeout: 20_000 }).toBe('Waiting on Client');
    // The PSA has it before the board hears back: wait for the board's word on it.
    await expect.poll(() => view.notice().textContent()).toContain(`Moved #${id} to Waiting on Client (status Waiting on Client in the PSA).`);
    expect(await view.notice().textContent()).toContain(`Waiting on Client will be over its limit of ${waitingLimit}`);
    await expect.poll(() => view.count('Waiting on Client')).toBe(waitingLimit + 1);
  });

  it('moves a card with the keyboard: arrows choose the column, Enter moves, a live region says so', async () => {
    const card = firstCard(panel, 'New', 'Unassigned');
    const id = (await card.getAttribute('data-ticket-id'))!;
    await card.focus();
    await panel.keyboard.press('ArrowRight');
    const live = panel.getByTestId('board-live');
    await expect.poll(() => live.textContent()).toBe(`Move #${id} to Triage: press Enter to move, Escape to cancel.`);
    await panel.keyboard.press('ArrowRight');
    await panel.keyboard.press('ArrowLeft');
    await panel.keyboard.press('Enter');
    await expect.poll(() => simStatus(id), { timeout: 20_000 }).toBe('Triage');
    await expect.poll(() => live.textContent()).toBe(`Moved #${id} to Triage (status Triage in the PSA).`);
    // The moved card keeps the keyboard's focus in its new column.
    await expect
      .poll(() => panel.evaluate(() => `${document.activeElement?.closest('section.column')?.getAttribute('data-column')} ${document.activeElement?.getAttribute('data-ticket-id')}`))
      .toBe(`Triage ${id}`);
  });

  it('refuses a move into a column at its hard limit, with the reason, and writes nothing', async () => {
    const card = firstCard(panel, 'Ready', 'Unassigned');
    const id = (await card.getAttribute('data-ticket-id'))!;
    await card.focus();
    await panel.keyboard.press('ArrowRight');
    await panel.keyboard.press('Enter');
    const alert = panel.getByRole('alert').filter({ hasText: `#${id} not moved` });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`In Progress is at its limit of ${inProgressLimit}: finish or move a ticket out of it first.`);
    expect(simStatus(id)).toBe('Ready');
    // The drag is refused the same way.
    await card.dragTo(view.column('In Progress').locator('[role="list"]').first());
    await panel.getByRole('alert').filter({ hasText: 'is at its limit' }).waitFor();
    expect(simStatus(id)).toBe('Ready');
  });

  it('reorders Ready with Shift+arrows: kept in the board configuration, not written to the PSA', async () => {
    const cell = view.column('Ready').locator('[role="list"][aria-label^="Ready, Unassigned:"]');
    const first = cell.locator('article.card').first();
    const id = (await first.getAttribute('data-ticket-id'))!;
    const below = (await cell.locator('article.card').nth(1).getAttribute('data-ticket-id'))!;
    const updatedBefore = env.sim.data.ticketsById.get(Number(id))!.updatedAt;
    await first.focus();
    await panel.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => panel.getByTestId('board-live').textContent()).toMatch(new RegExp(`^#${id} is now number \\d+ in Ready \\(kept in Pullboard, not written to the PSA\\)\\.$`));
    await expect.poll(() => cell.locator('article.card').nth(1).getAttribute('data-ticket-id')).toBe(id);
    expect(await cell.locator('article.card').first().getAttribute('data-ticket-id')).toBe(below);
    const saved = await panel.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ value: { set: { boards: { ranking: { readyOrder: string[] } }[] } } }> } } }).chrome.runtime;
      return (await runtime.sendMessage({ type: 'board.config.get' })).value.set.boards[0]!.ranking.readyOrder;
    });
    expect(saved.slice(-2)).toEqual([below, id]);
    expect(env.sim.data.ticketsById.get(Number(id))!.updatedAt).toBe(updatedBefore);
  });

  it('renders a ticket titled with markup as text, and the markup never runs', async () => {
    await view.search('onerror');
    const card = panel.locator('article.card').filter({ hasText: XSS_SUMMARY });
    await card.first().waitFor();
    expect(await card.first().locator('.card-title').textContent()).toBe(XSS_SUMMARY);
    expect(await panel.locator('section.board img').count()).toBe(0);
    expect(await panel.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await view.search('');
  });
});

describe('the full-page board over a ConnectWise page', () => {
  let psa: PsaPage;
  let board: InPageBoardView;

  it('opens from the dock over the page, shows limits and lanes, and leaves the page untouched', async () => {
    psa = new PsaPage(await env.browser.context.newPage());
    const page = psa.page;
    await page.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
    await psa.waitForDock();
    const before = await page.locator('#cw-main').innerHTML();
    await psa.openFullBoard();
    board = new InPageBoardView(psa.board);
    await board.waitForSynced();
    expect(await board.column('In Progress').locator('.wip').getAttribute('class')).toContain('wip-red');
    expect(await psa.board.role('heading', { level: 3, name: /^Unassigned/ }).count()).toBe(1);
    await page.screenshot({ path: 'test-output/board-full-page.png' });
    await page.keyboard.press('Escape');
    await psa.board.waitFor({ state: 'detached' });
    expect(await page.locator('pullboard-board').count()).toBe(0);
    expect(await page.locator('#cw-main').innerHTML()).toBe(before);
  });

  it('shows the markup title as text in the PSA page, and the markup never runs there either', async () => {
    await psa.openFullBoard();
    await board.waitForSynced();
    await board.search('onerror');
    const card = psa.board.locator('article.card', { hasText: XSS_SUMMARY });
    await card.waitFor();
    expect(await card.locator('.card-title').text()).toBe(XSS_SUMMARY);
    expect(await psa.board.count('img')).toBe(0);
    expect(await psa.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await board.search('');
  });

  it('moves a card with the keyboard and follows changes made in the PSA meanwhile', async () => {
    const card = board.firstCard('Triage', 'Unassigned');
    const id = (await card.getAttribute('data-ticket-id'))!;
    // Focus as a person gives it (a click on the card), then real keys.
    await board.card(id).focus();
    await psa.page.keyboard.press('ArrowLeft');
    await psa.page.keyboard.press('Enter');
    await expect.poll(() => simStatus(id), { timeout: 20_000 }).toBe('New');
    // Someone changes a ticket in the PSA: the open board patches that card without a reload.
    const waitingBefore = await board.count('Waiting on Client');
    const other = ticketsInStatus(env.sim.data, 1, 'New').find((t) => String(t.id) !== id)!;
    env.sim.updateTicketAsSomeoneElse(other.id, { statusName: 'Waiting on Client' });
    await expect.poll(() => board.count('Waiting on Client'), { timeout: 40_000 }).toBe(waitingBefore + 1);
    await board.close();
  });
});

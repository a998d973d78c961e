/**
 * Insights on each PSA, in a real Chromium against the simulator: connect in options, the backfill
 * loads the board's closed tickets of 180 days from the PSA into IndexedDB, and the Insights page shows
 * the charts and the calibrated SLA table built from them, with the tickets behind each number linking
 * to their PSA pages. The content script of a PSA page never loads the charts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { isOpen } from '../sim-queries';

const HISTORY_MS = 180 * 24 * 3600_000;

const PSAS = [
  { psa: 'connectwise', title: 'ConnectWise PSA', seed: 21, connect: (o: OptionsPage, env: PsaEnv) => o.connectDemo(env), ticketUrl: /openrecord\.rails\?recordType=ServiceFv&recid=\d+|recid=\d+/ },
  { psa: 'autotask', title: 'Autotask', seed: 22, connect: (o: OptionsPage, env: PsaEnv) => o.connectAutotask(env), ticketUrl: /TicketID=\d+|ticketId=\d+/i },
  { psa: 'halo', title: 'HaloPSA', seed: 23, connect: (o: OptionsPage, env: PsaEnv) => o.connectHalo(env), ticketUrl: /\/ticket\?id=\d+/ },
] as const;

for (const run of PSAS) {
  describe(`Insights on ${run.title}`, () => {
    let env: PsaEnv;

    beforeAll(async () => {
      env = await startPsaEnv({ sim: { tickets: 600, seed: run.seed } });
    });
    afterAll(async () => env?.close());

    it('connecting loads 180 days of closed tickets; the page shows charts and calibrated SLAs from them', async () => {
      const options = await OptionsPage.open(env);
      await run.connect(options, env);
      await options.page.locator('p.banner.ok', { hasText: /^Connected to / }).waitFor({ timeout: 30_000 });
      await options.page.close();

      const now = Date.now();
      const expected = env.sim.data.tickets.filter((t) => t.boardId === 1 && !isOpen(env.sim.data, t) && t.updatedAt >= now - HISTORY_MS).length;
      expect(expected).toBeGreaterThan(20);

      const page = await env.browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.goto(extensionUrl(env.browser.extensionId, 'insights.html'));
      // The backfill has run (after the first sync) or runs now: the page says how many it loaded, at what cost.
      const note = page.locator('.history-note');
      await note.waitFor({ timeout: 60_000 });
      const text = await note.innerText();
      const [, count, requests] = /History: (\d+) closed tickets .* in (\d+) requests/.exec(text) ?? [];
      expect(Number(count)).toBe(expected);
      expect(Number(requests)).toBeGreaterThan(0);
      expect(Number(requests)).toBeLessThan(20);

      // Charts drawn on canvases, each with its table for screen readers.
      for (const chart of ['lead-time', 'throughput-day', 'arrivals-departures', 'cumulative-flow', 'aging-wip', 'sla-performance']) {
        const card = page.locator(`[data-chart="${chart}"]`);
        await card.locator('canvas').first().waitFor({ timeout: 20_000 });
        expect(await card.locator('table tbody tr').count(), chart).toBeGreaterThan(0);
      }
      const headline = await page.locator('.headline').innerText();
      expect(headline).toMatch(/Lead time p85\s+\d/);

      // Calibrated SLAs: one sentence per priority, in the PSA's priority names.
      const priorityNames = env.sim.data.priorities.map((p) => p.name);
      const sentences = await page.locator('.calibration-sentences li').allInnerTexts();
      expect(sentences.length).toBeGreaterThan(0);
      for (const sentence of sentences) {
        // Autotask tickets often carry only a due date, no SLA: then the sentence says so instead of a promise.
        expect(sentence).toMatch(/^85% of .+ tickets are resolved within \d+ (min|h|d); (your SLA promises \d+ (min|h|d)(; \d+% missed it in the last 90 days)?|they have no resolution SLA)\.$/);
        expect(priorityNames.some((name) => sentence.includes(` ${name} `))).toBe(true);
      }
      // The tickets behind a number: a list linking to each ticket's page in the PSA.
      await page.locator('.calibrated tbody tr').first().locator('button.link').first().click();
      const links = page.locator('.ticket-list a');
      await links.first().waitFor();
      expect(await links.first().getAttribute('href')).toMatch(run.ticketUrl);
      expect(await links.first().getAttribute('rel')).toContain('noopener');

      // Filters recompute: one tech's tickets only.
      await page.getByLabel('Tech').selectOption({ index: 1 });
      await page.locator('[data-chart="lead-time"] canvas').first().waitFor();
      const closedAll = Number(count);
      const closedShown = Number(await page.locator('.headline div', { hasText: 'Closed' }).locator('dd').innerText());
      expect(closedShown).toBeLessThan(closedAll);
      await page.getByLabel('Tech').selectOption({ index: 0 });

      // Forecasts in likelihoods.
      const forecast = await page.locator('[data-chart="forecast"]').innerText();
      expect(forecast).toMatch(/85% likely: at least \d+ tickets closed/);
      expect(forecast).toMatch(/85% likely: (done by \w{3} \d+ \w{3}|not within a year)/);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-output/insights-${run.psa}.png`, fullPage: true });
      await page.close();
    });

    it('the board header shows lead-time p85 and today\'s arrivals and departures', async () => {
      const panel = await env.browser.context.newPage();
      await panel.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
      const flow = panel.getByTestId('board-flow');
      await flow.getByText(/lead time p85 \d+ (min|h|d) · today \d+ in, \d+ out/).waitFor({ timeout: 30_000 });
      await panel.close();
    });
  });
}

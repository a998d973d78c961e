/** The demo's Insights steps: the history the backfill loaded from the simulator, as the service manager sees it. */
import type { PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';

export async function demoInsights(env: PsaEnv, out: string, say: (line: string) => void): Promise<void> {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(extensionUrl(env.browser.extensionId, 'insights.html'));
  await page.locator('.history-note').waitFor({ timeout: 120_000 });
  await page.locator('[data-chart="lead-time"] canvas').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  say(`Insights: ${(await page.locator('.history-note').innerText()).trim()}`);
  say(`  ${(await page.locator('.headline').innerText()).replace(/\s*\n\s*/g, ' ')}`);
  for (const sentence of await page.locator('.calibration-sentences li').allInnerTexts()) say(`  ${sentence}`);
  await page.screenshot({ path: `${out}/insights-overview.png` });
  await page.locator('.calibrated').screenshot({ path: `${out}/insights-calibrated-sla.png` });
  await page.locator('[data-chart="cumulative-flow"]').screenshot({ path: `${out}/insights-cumulative-flow.png` });
  await page.screenshot({ path: `${out}/insights-full.png`, fullPage: true });
  say(`  forecast: ${(await page.locator('[data-chart="forecast"] ul').first().innerText()).replace(/\n/g, '; ')}`);
  say(`  screenshots ${out}/insights-overview.png, insights-calibrated-sla.png, insights-cumulative-flow.png, insights-full.png`);
  await page.close();
}

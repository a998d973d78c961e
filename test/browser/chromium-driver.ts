/** The journeys' driver for Chromium (and so Edge): playwright-core over CDP, on test/browser/chromium.ts. */
import type { Page } from 'playwright-core';
import { launchWithExtension } from './chromium';
import { OPEN_SHADOW_ROOTS, queriesOver, type DriverTab, type ExtensionDriver, type LaunchDriverOptions } from './driver';

function tabOf(page: Page): DriverTab {
  const evaluate = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
  const q = queriesOver(evaluate, (key) => page.keyboard.press(key));
  return {
    browser: 'chromium',
    ...q,
    evaluate,
    url: async () => page.url(),
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    async click(query) {
      const at = await q.scrolled(query);
      await page.mouse.click(at.x, at.y);
    },
    async fill(query, value) {
      const at = await q.scrolled(query);
      await page.mouse.click(at.x, at.y);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(value);
    },
    press: (key) => page.keyboard.press(key),
    async waitForUrl(pattern, timeoutMs = 30_000) {
      await page.waitForURL(pattern, { timeout: timeoutMs });
      return page.url();
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => page.close(),
  };
}

export async function launchChromiumDriver(options: LaunchDriverOptions): Promise<ExtensionDriver> {
  const launched = await launchWithExtension(options);
  const { context, extensionId } = launched;
  await context.addInitScript(OPEN_SHADOW_ROOTS);
  const extensionBase = `chrome-extension://${extensionId}/`;
  return {
    browser: 'chromium',
    extensionBase,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(extensionBase + path);
      return tabOf(page);
    },
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      return tabOf(page);
    },
    async stopBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    close: () => launched.close(),
  };
}

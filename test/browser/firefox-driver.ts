/** The journeys' driver for Firefox: puppeteer-core over WebDriver BiDi, on test/browser/firefox.ts. */
import type { Browser, KeyInput, Page } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';
import { eventually, OPEN_SHADOW_ROOTS, queriesOver, sleep, type DriverTab, type ExtensionDriver, type LaunchDriverOptions } from './driver';
import { FIREFOX_EXTENSION_BASE, FIREFOX_EXTENSION_DIR, launchFirefoxWithExtension } from './firefox';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

function connectionOf(browser: Browser): BidiConnection {
  return (browser as unknown as { connection: BidiConnection }).connection;
}

function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}

/**
 * BiDi sends no navigation events for moz-extension:// pages (Mozilla bug 1755014), so `page.goto` would
 * wait for ever although the page loads: navigate without waiting, then wait for the document itself.
 */
async function navigate(connection: BidiConnection, page: Page, url: string): Promise<void> {
  if (!url.startsWith('moz-extension:')) {
    await page.goto(url);
    return;
  }
  await connection.send('browsingContext.navigate', { context: contextOf(page), url, wait: 'none' });
  await eventually(
    () => page.evaluate(`location.href === ${JSON.stringify(url)} && document.readyState === 'complete'`) as Promise<boolean>,
    `${url} to load`,
  );
}

async function pressKey(page: Page, combo: string): Promise<void> {
  const parts = combo.split('+').map((k) => (k === 'ControlOrMeta' ? 'Control' : k)) as KeyInput[];
  const key = parts.pop()!;
  for (const modifier of parts) await page.keyboard.down(modifier);
  await page.keyboard.press(key);
  for (const modifier of parts.reverse()) await page.keyboard.up(modifier);
}

function tabOf(connection: BidiConnection, page: Page): DriverTab {
  const evaluate = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
  const q = queriesOver(evaluate, (key) => pressKey(page, key));
  return {
    browser: 'firefox',
    ...q,
    evaluate,
    url: async () => page.url(),
    goto: (url) => navigate(connection, page, url),
    async reload() {
      const url = page.url();
      if (url.startsWith('moz-extension:')) {
        await page.evaluate('location.reload()');
        await sleep(300);
        await navigate(connection, page, url);
      } else await page.reload();
    },
    async click(query) {
      const at = await q.scrolled(query);
      await page.mouse.click(at.x, at.y);
    },
    async fill(query, value) {
      const at = await q.scrolled(query);
      await page.mouse.click(at.x, at.y);
      await pressKey(page, 'Control+a');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(value);
    },
    press: (key) => pressKey(page, key),
    async waitForUrl(pattern, timeoutMs = 30_000) {
      return eventually(async () => (pattern.test(page.url()) ? page.url() : undefined), `an address matching ${pattern}`, timeoutMs);
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => page.close(),
  };
}

/** Runs a script in the browser's own main window (needs `--remote-allow-system-access`). */
async function inBrowserWindow<T>(connection: BidiConnection, expression: string): Promise<T> {
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const windows = tree.result.contexts as { context: string; url: string }[];
  const main = windows.find((w) => w.url === 'chrome://browser/content/browser.xhtml') ?? windows[0];
  if (!main) throw new Error('Firefox showed the driver no browser window.');
  const answer = await connection.send('script.evaluate', { expression, target: { context: main.context }, awaitPromise: true });
  const result = answer.result as { type: string; result?: { value?: T }; exceptionDetails?: { text: string } };
  if (result.type !== 'success') throw new Error(`Firefox's window refused the script: ${result.exceptionDetails?.text}`);
  return result.result?.value as T;
}

export async function launchFirefoxDriver(options: LaunchDriverOptions): Promise<ExtensionDriver> {
  const browser = await launchFirefoxWithExtension({ ...options, extensionDir: options.extensionDir ?? FIREFOX_EXTENSION_DIR });
  const connection = connectionOf(browser);
  const viewport = options.viewport ?? { width: 1400, height: 900 };
  async function newTab(url: string): Promise<DriverTab> {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    await page.evaluateOnNewDocument(OPEN_SHADOW_ROOTS);
    await navigate(connection, page, url);
    return tabOf(connection, page);
  }
  return {
    browser: 'firefox',
    extensionBase: FIREFOX_EXTENSION_BASE,
    openExtensionPage: (path) => newTab(FIREFOX_EXTENSION_BASE + path),
    openPage: newTab,
    async stopBackground() {
      // What about:debugging's "Terminate background script" does; the next event starts it again.
      const state = await inBrowserWindow<string>(
        connection,
        `(async () => { const ext = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
           await ext.terminateBackground({ disableResetIdleForTest: true }); return ext.backgroundState; })()`,
      );
      if (state !== 'stopped') throw new Error(`Firefox's background page did not stop (it is ${state}).`);
    },
    async sidePanelUrl() {
      const url = await inBrowserWindow<string | undefined>(
        connection,
        `(() => { if (!SidebarController.isOpen) return null;
           const panel = document.getElementById('sidebar').contentDocument.getElementById('webext-panels-browser');
           return panel ? panel.currentURI.spec : null; })()`,
      );
      return url ?? null; // BiDi sends null as a value-less "null"

    },
    async screenshotWindow() {
      // BiDi cannot capture the browser's own window; its window global can draw itself, remote tabs included.
      const dataUrl = await inBrowserWindow<string>(
        connection,
        `(async () => { const bitmap = await window.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
           const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
           canvas.width = bitmap.width; canvas.height = bitmap.height;
           canvas.getContext('2d').drawImage(bitmap, 0, 0); return canvas.toDataURL('image/png'); })()`,
      );
      return Buffer.from(dataUrl.split(',')[1]!, 'base64');
    },
    close: () => browser.close(),
  };
}

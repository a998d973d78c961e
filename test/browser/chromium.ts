/**
 * Finds a Chromium and launches it with the built extension loaded — shared by the end-to-end
 * tests, the demo and the benchmark. Order: $CHROMIUM_PATH, Playwright's cache, /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
      for (const candidate of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
        const path = join(cache, dir, candidate);
        if (existsSync(path)) return path;
      }
    }
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(path)) return path;
  }
  throw new Error(
    'No Chromium found. Install one (Debian: apt-get install -y chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** The test build (`npm run build:test`): test-only hooks compiled in with `__TEST__`. */
export const TEST_EXTENSION_DIR = resolve('.output-test/chrome-mv3');

export interface LaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  /** Host names to send to the simulator, e.g. `na.myconnectwise.net`; `others` to loopback servers of their own. */
  hostMap?: { hosts: string[]; port: number; others?: { host: string; port: number }[] };
  profileDir?: string;
  viewport?: { width: number; height: number };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The service worker; replaced when the extension reloads. */
  worker: Worker;
  close(): Promise<void>;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const headless = options.headless ?? true;
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ];
  if (headless) args.unshift('--headless=new');
  if (options.hostMap) {
    const { hosts, port, others = [] } = options.hostMap;
    const rules = [...hosts.map((host) => ({ host, port })), ...others].map((m) => `MAP ${m.host} 127.0.0.1:${m.port}`).join(', ');
    args.push(`--host-resolver-rules=${rules}`, '--ignore-certificate-errors');
  }
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'pullboard-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless,
    args,
    ignoreHTTPSErrors: true,
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, worker, close: () => context.close() };
}

export function extensionUrl(extensionId: string, page: string): string {
  return `chrome-extension://${extensionId}/${page}`;
}

/**
 * Finds a Firefox and launches it with the built extension installed as a temporary add-on, driven over
 * WebDriver BiDi by puppeteer-core (which never downloads a browser). Order: $FIREFOX_PATH, Debian's
 * firefox-esr, firefox. The mechanics and their pitfalls: ../shared/DESIGN.md, "Browser-test mechanics".
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';

export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but no file is there.`);
  }
  for (const path of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) if (existsSync(path)) return path;
  throw new Error('No Firefox found. Install one (Debian: apt-get install -y firefox-esr) or point FIREFOX_PATH at a Firefox binary.');
}

export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3');
export const FIREFOX_TEST_EXTENSION_DIR = resolve('.output-test/firefox-mv3');

/** Fixed by the `extensions.webextensions.uuids` pref, so every run knows the add-on's address in advance. */
export const FIREFOX_EXTENSION_UUID = '6f1d8a52-3c47-4b0e-9d21-7a5e0c3b9f14';
export const FIREFOX_EXTENSION_BASE = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;

export interface FirefoxLaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  hostMap?: { hosts: string[]; port: number };
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<Browser> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built Firefox extension at ${extensionDir}: run \`npm run build:firefox\` first.`);
  }
  const prefs: Record<string, unknown> = {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
  };
  if (options.hostMap) {
    // The PSA host names resolve to this machine, and every HTTPS connection goes to the simulator's port.
    prefs['network.dns.localDomains'] = options.hostMap.hosts.join(',');
    prefs['network.socket.forcePort'] = `443=${options.hostMap.port}`;
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: options.headless ?? true,
    acceptInsecureCerts: true,
    // Lets the driver reach the browser's own windows: the sidebar, and stopping the background page.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

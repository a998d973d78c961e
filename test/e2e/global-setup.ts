import { existsSync, mkdirSync } from 'node:fs';
import { EXTENSION_DIR, TEST_EXTENSION_DIR, findChromium } from '../browser/chromium';
import { FIREFOX_EXTENSION_DIR, findFirefox } from '../browser/firefox';

/** Fails early, with the fix in the message, when a build or a browser is missing. */
export default function setup(): void {
  for (const [dir, command] of [
    [EXTENSION_DIR, 'npm run build'],
    [TEST_EXTENSION_DIR, 'npm run build:test'],
    [FIREFOX_EXTENSION_DIR, 'npm run build:firefox'],
  ] as const) {
    if (!existsSync(`${dir}/manifest.json`)) {
      throw new Error(`End-to-end tests need the built extension in ${dir}: run \`${command}\` (npm test does).`);
    }
  }
  findChromium();
  findFirefox();
  mkdirSync('test-output', { recursive: true });
}

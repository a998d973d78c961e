import { existsSync, mkdirSync } from 'node:fs';
import { EXTENSION_DIR, TEST_EXTENSION_DIR, findChromium } from '../browser/chromium';

/** Fails early, with the fix in the message, when the build or the browser is missing. */
export default function setup(): void {
  for (const [dir, command] of [[EXTENSION_DIR, 'npm run build'], [TEST_EXTENSION_DIR, 'npm run build:test']] as const) {
    if (!existsSync(`${dir}/manifest.json`)) {
      throw new Error(`End-to-end tests need the built extension in ${dir}: run \`${command}\` (npm test does).`);
    }
  }
  findChromium();
  mkdirSync('test-output', { recursive: true });
}

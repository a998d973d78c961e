import { existsSync, mkdirSync } from 'node:fs';
import { EXTENSION_DIR, findChromium } from '../browser/chromium';

/** Fails early, with the fix in the message, when the build or the browser is missing. */
export default function setup(): void {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    throw new Error(`End-to-end tests need the built extension in ${EXTENSION_DIR}: run \`npm run build\` (npm test does).`);
  }
  findChromium();
  mkdirSync('test-output', { recursive: true });
}

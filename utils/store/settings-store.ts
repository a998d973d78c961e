/**
 * The tech's own settings (WIP limit, skills), validated on the way in and on the way out. What the MSP's
 * policy sets (utils/managed/) wins over them: on reading, and on saving, so a locked value never changes.
 */
import { DEFAULT_SETTINGS, Settings } from '../messages';
import { readManagedPolicy, withManagedSettings } from '../managed/managed-settings';
import { openPullboardDb } from './db';

const KEY = 'settings';
const VERSION = 1;

export async function loadSettings(): Promise<Settings> {
  const db = await openPullboardDb();
  const parsed = Settings.safeParse((await db.get('config', KEY))?.value);
  const own = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  return withManagedSettings(own, (await readManagedPolicy()).policy);
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const valid = withManagedSettings(Settings.parse(settings), (await readManagedPolicy()).policy);
  const db = await openPullboardDb();
  await db.put('config', { key: KEY, value: valid, version: VERSION });
  return valid;
}

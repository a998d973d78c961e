/** The tech's own settings (WIP limit, skills), validated on the way in and on the way out. */
import { DEFAULT_SETTINGS, Settings } from '../messages';
import { openPullboardDb } from './db';

const KEY = 'settings';
const VERSION = 1;

export async function loadSettings(): Promise<Settings> {
  const db = await openPullboardDb();
  const parsed = Settings.safeParse((await db.get('config', KEY))?.value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const valid = Settings.parse(settings);
  const db = await openPullboardDb();
  await db.put('config', { key: KEY, value: valid, version: VERSION });
  return valid;
}

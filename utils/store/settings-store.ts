/**
 * The tech's own settings (WIP limit, skills), validated on the way in and on the way out. What the MSP's
 * policy sets (utils/managed/) wins over them: on reading, and on saving, so a locked value never changes.
 */
import { z } from 'zod';
import { readManagedPolicy, withManagedSettings } from '../managed/managed-settings';
import { openPullboardDb } from './db';

export const Settings = z.object({
  /** Personal WIP limit: Pull next refuses at this many tickets in progress. */
  wipLimit: z.number().int().min(1, 'The WIP limit is at least 1').max(5, 'The WIP limit is at most 5'),
  /** This tech's skills; tickets needing another skill are not offered. Empty: everything. */
  skills: z.array(z.string().trim().min(1).max(40)).max(50),
  /** Time entries are rounded up to this many minutes (1 = exact). Defaults let older settings parse. */
  roundingMinutes: z.union([z.literal(1), z.literal(6), z.literal(15), z.literal(30)]).default(6),
  /** No time entry is shorter than this (minutes). */
  minimumMinutes: z.number().int().min(0).max(60).default(0),
  /** After this many minutes without input the timer pauses and asks, on return, whether to keep the time. */
  idleMinutes: z.number().int().min(1, 'Idle detection needs at least 1 minute').max(240).default(10),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = { wipLimit: 2, skills: [], roundingMinutes: 6, minimumMinutes: 0, idleMinutes: 10 };

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

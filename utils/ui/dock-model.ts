/**
 * The dock's state inside a PSA page. Lives in the content script: it talks to the background only
 * through the protocol (no zod, no IndexedDB here) and never lets an error escape into the page.
 */
import { signal } from '@preact/signals';
import type { DockState } from '../messages';
import { ask } from '../messaging/client';

export type DockModel = ReturnType<typeof createDockModel>;

export function createDockModel() {
  const state = signal<DockState | null>(null);
  const error = signal<string | null>(null);

  async function refresh(): Promise<void> {
    try {
      state.value = await ask({ type: 'dock.state' });
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  async function openBoard(): Promise<void> {
    try {
      await ask({ type: 'board.open' });
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  return { state, error, refresh, openBoard };
}

/**
 * How the dock reaches the full-page board. The board's script is injected by the background only
 * the first time a tech opens it (so the dock's own script stays small); once loaded it leaves this
 * handle on the content scripts' isolated world, where the PSA page cannot see it.
 */
import { ask } from '../../utils/protocol/client';

const KEY = '__pullboardBoardOverlay';

export interface OverlayHandle {
  open(): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
}

export function overlayHandle(): OverlayHandle | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as OverlayHandle | undefined;
}

export function setOverlayHandle(handle: OverlayHandle): void {
  (globalThis as Record<string, unknown>)[KEY] = handle;
}

/** Opens the board over the page, or closes it when open. */
export async function toggleBoardOverlay(): Promise<void> {
  const handle = overlayHandle();
  if (handle) handle.toggle();
  else await ask({ type: 'board.overlay' });
}

/**
 * The board's panel beside the page: Chromium's side panel (`chrome.sidePanel`, which webextension-polyfill
 * does not describe, so it is reached through the `chrome` global) or Firefox's sidebar (`sidebarAction`).
 */
import { UserFacingError } from './errors';
import { SIDEBAR_REFUSED, sidebarActionApi } from '../protocol/sidebar';

interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

function sidePanelApi(): SidePanelApi | null {
  const chromeGlobal = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome;
  return chromeGlobal?.sidePanel ?? null;
}

export async function openSidePanel(tabId: number | undefined, windowId: number | undefined): Promise<void> {
  const sidePanel = sidePanelApi();
  if (sidePanel) {
    if (tabId !== undefined) await sidePanel.open({ tabId });
    else if (windowId !== undefined) await sidePanel.open({ windowId });
    else throw new UserFacingError('Pullboard could not tell which window to open the board in: open it from the Pullboard popup.');
    return;
  }
  const sidebar = sidebarActionApi();
  if (sidebar) {
    // Firefox lets the sidebar open only while it handles a click of its own UI (the popup opens it itself):
    // a message from a click in a PSA page is not one.
    try {
      await sidebar.open();
    } catch {
      throw new UserFacingError(SIDEBAR_REFUSED);
    }
    return;
  }
  throw new UserFacingError('This browser has no side panel: open the board from the Pullboard popup, or use Full board on the PSA page.');
}

/**
 * The side panel API is Chrome's own (webextension-polyfill does not describe it), so it is reached
 * through the `chrome` global with the few types Pullboard needs.
 */
interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

function sidePanelApi(): SidePanelApi | null {
  const chromeGlobal = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome;
  return chromeGlobal?.sidePanel ?? null;
}

export async function openSidePanel(tabId: number | undefined, windowId: number | undefined): Promise<void> {
  const api = sidePanelApi();
  if (!api) throw new Error('This browser has no side panel; open the board from the Pullboard popup instead.');
  if (tabId !== undefined) await api.open({ tabId });
  else if (windowId !== undefined) await api.open({ windowId });
  else throw new Error('Pullboard could not tell which window to open the board in.');
}

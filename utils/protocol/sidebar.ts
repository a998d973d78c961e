/**
 * Firefox's sidebar, its side panel. `sidebarAction.open()` works only while Firefox handles a click in the
 * extension's own UI, so the popup calls it in its click handler; a PSA page's click reaches the background
 * as a message, which is no such click.
 */
interface SidebarActionApi {
  open(): Promise<void>;
}

/** Where this context has it: Firefox's background and extension pages; never a content script or Chromium. */
export function sidebarActionApi(): SidebarActionApi | null {
  const browserGlobal = (globalThis as { browser?: { sidebarAction?: SidebarActionApi } }).browser;
  return browserGlobal?.sidebarAction ?? null;
}

/** Firefox's shortcut for the sidebar (`commands._execute_sidebar_action` in the Firefox manifest). */
export const SIDEBAR_SHORTCUT = 'Alt+Shift+B';

export const SIDEBAR_REFUSED =
  `Firefox opens its sidebar only from its own buttons: press ${SIDEBAR_SHORTCUT}, or click the Pullboard toolbar ` +
  'button and then Open board. Full board shows the board over this page.';

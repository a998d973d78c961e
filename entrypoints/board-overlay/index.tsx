/**
 * The full-page board over a PSA page. Not a content script of the manifest: the background injects
 * it into the tab's isolated world when the dock's "Full board" is first pressed, so PSA pages pay
 * for it only when someone opens it. It mounts in its own shadow root; Escape or Close removes it
 * and leaves the page as it was. Its data comes from the background (the page's IndexedDB is the PSA's).
 */
import { render } from 'preact';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { InPageBoard } from '../../components/board/InPageBoard';
import { overlayHandle, setOverlayHandle } from '../../components/board/overlay-handle';
import { createBoardModel } from '../../utils/ui/board-model';
import { createPageFeed } from '../../utils/ui/board-feed-page';
import themeCss from '../../components/theme.css?inline';
import boardCss from '../../components/board/board.css?inline';
import overlayCss from '../../components/board/in-page-board.css?inline';
import { ignoreUntrustedInput, shadowRootMode } from '../../components/trusted-input';

function createOverlay() {
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  let stopListening: (() => void) | null = null;
  let stopGuard: (() => void) | null = null;
  let returnFocus: Element | null = null;

  function onKey(event: KeyboardEvent): void {
    // Cards stop the Escape they use themselves (cancelling a keyboard move); any other closes the board.
    if (event.key !== 'Escape' || !event.isTrusted) return;
    event.stopPropagation();
    close();
  }

  function open(): void {
    if (host) return;
    // The dock's root is closed too: focus goes back to the page's own element, or to the body.
    returnFocus = document.activeElement;
    host = document.createElement('pullboard-board');
    // Closed: the page's scripts cannot read the cards or press the buttons.
    shadow = host.attachShadow({ mode: shadowRootMode() });
    stopGuard = ignoreUntrustedInput(shadow);
    const style = document.createElement('style');
    style.textContent = `${themeCss}\n${boardCss}\n${overlayCss}`;
    const container = document.createElement('div');
    shadow.append(style, container);
    (document.body ?? document.documentElement).append(host);
    const model = createBoardModel(createPageFeed());
    stopListening = model.listen();
    void model.reloadAll();
    render(<InPageBoard model={model} onClose={close} />, container);
    window.addEventListener('keydown', onKey);
    (shadow.querySelector('.overlay') as HTMLElement | null)?.focus();
  }

  function close(): void {
    if (!host) return;
    window.removeEventListener('keydown', onKey);
    stopListening?.();
    stopListening = null;
    const container = shadow?.lastElementChild;
    if (container) render(null, container);
    stopGuard?.();
    stopGuard = null;
    host.remove();
    host = null;
    shadow = null;
    if (returnFocus instanceof HTMLElement) returnFocus.focus();
  }

  return { open, close, toggle: () => (host ? close() : open()), isOpen: () => host !== null };
}

export default defineUnlistedScript(() => {
  // Injected again (another extension version, a second click racing the first): reuse the board.
  const existing = overlayHandle();
  if (existing) return existing.open();
  const overlay = createOverlay();
  setOverlayHandle(overlay);
  overlay.open();
});

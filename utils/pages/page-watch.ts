/**
 * Which ticket the page on screen shows, for the content script: the URL first; where the URL names none on an
 * app page, the page's header, read again when the app changes it. One MutationObserver, connected only while
 * the URL does not say the ticket, scoped to the app's root (the single-page app re-renders the ticket there; a
 * title-only fallback is read on each navigation), and gone when the script is.
 */
import { pageOf, type ConnectedOrigin } from './index';
import type { PageTicket } from './page';
import { readPageTicket } from './read-page';

/** The element each app re-renders a ticket into (ConnectWise's single-page app root), else the body. */
const APP_ROOT = '#cwContent, .cw-WorkspaceView';
const SETTLE_MS = 150;

const same = (a: PageTicket, b: PageTicket) => JSON.stringify(a) === JSON.stringify(b);

export interface PageTicketWatch {
  /** The URL changed (the app navigated): read the ticket again. */
  update(url: string): void;
  current(): PageTicket;
}

export function watchPageTicket(options: {
  connected: readonly ConnectedOrigin[];
  onChange: (ticket: PageTicket) => void;
  signal: AbortSignal;
  doc?: Document;
}): PageTicketWatch {
  const doc = options.doc ?? document;
  let ticket: PageTicket = null;
  let kind: ReturnType<typeof pageOf> = null;
  let observer: MutationObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const set = (next: PageTicket) => {
    if (same(next, ticket)) return;
    ticket = next;
    options.onChange(next);
  };
  const readNow = () => {
    timer = undefined;
    if (kind) set(readPageTicket(kind.kind, doc));
  };
  const stopObserving = () => {
    observer?.disconnect();
    observer = null;
    clearTimeout(timer);
  };
  const observe = () => {
    if (observer || options.signal.aborted) return;
    observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(readNow, SETTLE_MS);
    });
    const root = doc.querySelector(APP_ROOT) ?? doc.body;
    if (root) observer.observe(root, { childList: true, subtree: true, characterData: true });
  };

  options.signal.addEventListener('abort', stopObserving, { once: true });

  function update(url: string) {
    kind = pageOf(url, options.connected);
    if (!kind) {
      stopObserving();
      set(null);
    } else if (kind.ticket) {
      stopObserving();
      set(kind.ticket);
    } else {
      // The header may still show the previous ticket for a moment: the observer reads again as it changes.
      readNow();
      observe();
    }
  }

  return { update, current: () => ticket };
}

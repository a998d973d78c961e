import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { VNode } from 'preact';
import { Dock } from '../../components/dock/Dock';
import { createWorkModel } from '../../utils/ui/work-model';
import { idOf, isBuiltInPsaHost, PSA_PAGE_MATCHES, pageOf } from '../../utils/pages';
import { isSignInPage } from '../../utils/pages/read-page';
import { watchPageTicket } from '../../utils/pages/page-watch';
import { ignoreUntrustedInput, shadowRootMode } from '../../components/trusted-input';
import { ask, BackgroundError } from '../../utils/protocol/client';
// Inlined into the script: no file of Pullboard's is reachable from the web.
import dockCss from '../../components/dock/dock.css?inline';

async function isConnectedPage(): Promise<boolean> {
  try {
    await ask({ type: 'work.state', pageTicketId: null });
    return true;
  } catch (error) {
    // Anything but a refusal (a background still starting) shows the dock, which says what is wrong.
    return !(error instanceof BackgroundError && error.kind === 'forbidden');
  }
}

/**
 * The dock in its own closed shadow root at the end of the page: the PSA's styles cannot reach it, the
 * page's scripts cannot look inside, and input the page makes up is ignored. Gone when the extension
 * updates or reloads.
 */
function mountDock(ctx: ContentScriptContext, dock: VNode): void {
  const host = document.createElement('pullboard-dock');
  const shadow = host.attachShadow({ mode: shadowRootMode() });
  const style = document.createElement('style');
  // The page's inherited styles stop at the dock.
  style.textContent = `:host{all:initial!important}${dockCss}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  const stopGuard = ignoreUntrustedInput(shadow);
  (document.body ?? document.documentElement).append(host);
  render(dock, container);
  ctx.onInvalidated(() => {
    stopGuard();
    render(null, container);
    host.remove();
  });
}

export default defineContentScript({
  matches: PSA_PAGE_MATCHES,
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  async main(ctx) {
    // Registered at run time for a self-hosted server (utils/background/content-scripts.ts): this origin is the PSA.
    const connected = isBuiltInPsaHost(location.href) ? [] : [location.origin];
    // The match patterns also cover API hosts, sign-in screens, portals and help: no dock there.
    if (!pageOf(location.href, connected) || isSignInPage(document)) return;
    // Only the app's pages of the PSA you connected get the dock (not another tenant, region or the vendor's site): the background decides.
    if (!(await isConnectedPage())) return;
    let refresh = () => {};
    // What the page says is a hint: the background re-reads the ticket through the API before any write.
    const page = watchPageTicket({ connected, signal: ctx.signal, onChange: () => refresh() });
    page.update(location.href);
    const model = createWorkModel({ pageTicketId: () => idOf(page.current()) });
    refresh = () => void model.refresh();
    mountDock(ctx, <Dock model={model} />);
    ctx.onInvalidated(() => model.stopListening());
    void model.refresh();
    model.tick((fn, ms) => ctx.setInterval(fn, ms));
    ctx.setInterval(() => {
      if (document.visibilityState === 'visible') void model.refresh();
    }, 30_000);
    // The PSA is a single-page app: follow its navigation (the Navigation API announces a change before
    // `location` shows it, so take the URL the event gives) to know which ticket is on screen; a change of
    // ticket refreshes the dock.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      page.update(event.newUrl.href);
    });
  },
});

import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Dock } from '../../components/dock/Dock';
import { createWorkModel } from '../../utils/ui/work-model';
import { isBuiltInPsaHost, PSA_PAGE_MATCHES, psaPageOf } from '../../utils/pages';
import { ignoreUntrustedInput } from '../../components/trusted-input';
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

export default defineContentScript({
  matches: PSA_PAGE_MATCHES,
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  async main(ctx) {
    // Registered at run time for a self-hosted server (utils/background/content-scripts.ts): this origin is the PSA.
    const selfHosted = isBuiltInPsaHost(location.href) ? [] : [location.origin];
    // The match patterns also cover API hosts, sign-in screens and Halo's end-user portal: no dock there.
    if (!psaPageOf(location.href, selfHosted)) return;
    // Only the app's pages of the PSA you connected get the dock (not another tenant, region or the vendor's site): the background decides.
    if (!(await isConnectedPage())) return;
    // The Navigation API announces a change before `location` shows it: keep the URL the event gives.
    let currentUrl = location.href;
    const model = createWorkModel({ pageTicketId: () => psaPageOf(currentUrl, selfHosted)?.ticketId ?? null });
    const ui = await createShadowRootUi(ctx, {
      name: 'pullboard-dock',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      // Closed: the page's scripts cannot reach into the dock; untrusted input is ignored besides.
      mode: 'closed',
      css: dockCss,
      onMount(container, shadow) {
        const stopGuard = ignoreUntrustedInput(shadow);
        render(<Dock model={model} />, container);
        return { container, stopGuard };
      },
      onRemove(mounted) {
        if (!mounted) return;
        mounted.stopGuard();
        render(null, mounted.container);
      },
    });
    ui.mount();
    ctx.onInvalidated(() => model.stopListening());
    void model.refresh();
    model.tick((fn, ms) => ctx.setInterval(fn, ms));
    ctx.setInterval(() => {
      if (document.visibilityState === 'visible') void model.refresh();
    }, 30_000);
    // The PSA is a single-page app: follow its navigation to know which ticket is on screen.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      currentUrl = event.newUrl.href;
      void model.refresh();
    });
  },
});

import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Dock } from '../../components/dock/Dock';
import { createWorkModel } from '../../utils/ui/work-model';
import { isBuiltInPsaHost, PSA_PAGE_MATCHES, psaPageOf } from '../../utils/pages';
import '../../components/dock/dock.css';

export default defineContentScript({
  matches: PSA_PAGE_MATCHES,
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    // Registered at run time for a self-hosted server (utils/background/content-scripts.ts): this origin is the PSA.
    const selfHosted = isBuiltInPsaHost(location.href) ? [] : [location.origin];
    // The match patterns also cover API hosts, sign-in screens and Halo's end-user portal: no dock there.
    if (!psaPageOf(location.href, selfHosted)) return;
    // The Navigation API announces a change before `location` shows it: keep the URL the event gives.
    let currentUrl = location.href;
    const model = createWorkModel({ pageTicketId: () => psaPageOf(currentUrl, selfHosted)?.ticketId ?? null });
    const ui = await createShadowRootUi(ctx, {
      name: 'pullboard-dock',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        render(<Dock model={model} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
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

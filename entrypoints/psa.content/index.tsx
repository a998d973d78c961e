import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Dock } from '../../components/dock/Dock';
import { createDockModel } from '../../utils/ui/dock-model';
import { isConnectWisePage } from '../../utils/pages/connectwise';
import '../../components/dock/dock.css';

export default defineContentScript({
  matches: ['https://*.myconnectwise.net/*', 'https://*.connectwisedev.com/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    // The match patterns also cover API hosts and login screens: no dock there.
    if (!isConnectWisePage(location.href)) return;
    const model = createDockModel();
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
    void model.refresh();
    ctx.setInterval(() => {
      if (document.visibilityState === 'visible') void model.refresh();
    }, 30_000);
    ctx.addEventListener(window, 'wxt:locationchange', () => void model.refresh());
  },
});

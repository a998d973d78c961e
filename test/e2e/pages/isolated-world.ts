/**
 * The content script's isolated world in a tab, reached over the DevTools protocol: code run there has what
 * any code in Pullboard's content script has (`chrome.runtime`, `chrome.storage` as Chrome exposes it), which
 * is what a flaw in the content script or a compromised dependency of it would have. The page's own script
 * runs in the main world and has none of it.
 */
import type { CDPSession, Page } from 'playwright-core';

interface ContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

export interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string };
}

export class IsolatedWorld {
  private constructor(
    private readonly cdp: CDPSession,
    readonly contextId: number,
  ) {}

  /**
   * The extension's isolated world in the tab's top frame; null when none appears within `timeout` (no
   * content script of Pullboard's runs in the page).
   */
  static async find(page: Page, extensionId: string, timeout = 10_000): Promise<IsolatedWorld | null> {
    const cdp = await page.context().newCDPSession(page);
    const contexts: ContextDescription[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context as ContextDescription));
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
      const at = contexts.findIndex((c) => c.id === executionContextId);
      if (at >= 0) contexts.splice(at, 1);
    });
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const origin = `chrome-extension://${extensionId}`;
    const deadline = Date.now() + timeout;
    for (;;) {
      const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.origin === origin);
      if (world) return new IsolatedWorld(cdp, world.id);
      if (Date.now() > deadline) {
        await cdp.detach().catch(() => undefined);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Evaluates `expression` (awaiting a promise) in the isolated world; a throw comes back as `{thrown}`. */
  async evaluate<T>(expression: string): Promise<{ value: T } | { thrown: string }> {
    const { result, exceptionDetails } = await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: this.contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) return { thrown: exceptionDetails.exception?.description ?? exceptionDetails.text };
    return { value: result.value as T };
  }

  /** Sends a request to the background as the dock would. */
  async ask(request: unknown): Promise<Reply> {
    const type = (request as { type?: string } | null)?.type;
    const answer = await this.evaluate<Reply>(`chrome.runtime.sendMessage(${JSON.stringify(request)})`).catch((error: Error) => {
      // The tab went elsewhere before the answer came: the background acted on the request (a pull opens a ticket).
      if (/navigated or closed|context was destroyed/i.test(error.message)) throw new Error(`The page navigated while "${type}" was answered: the background carried it out.`);
      throw error;
    });
    if ('thrown' in answer) throw new Error(`sendMessage threw in the isolated world: ${answer.thrown}`);
    return answer.value;
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

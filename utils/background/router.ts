/**
 * Every message the background accepts comes through here: validated with the protocol's schemas,
 * checked against its sender, answered with `{ok, value}` or `{ok: false, error}` — never a throw
 * into the caller.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { PAGE_REQUESTS, Request, type ErrorView, type Reply, type RequestType, type ResponseMap } from '../messages';
import { ZodError } from 'zod';
import { PsaError } from '../psa/errors';
import { psaPageOf } from '../pages';
import { loadConnections } from './connections';
import { handlers } from './handlers';
import { UserFacingError } from './errors';

type Sender = Runtime.MessageSender;

export type SenderKind = 'extension' | 'page';

/** Extension pages (options, side panel, popup) may ask anything; PSA pages only what the dock needs. */
export async function classifySender(sender: Sender): Promise<SenderKind | null> {
  if (sender.id !== browser.runtime.id) return null;
  // A prefix test, not URL.origin: non-web schemes have an opaque origin outside the browser.
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) return 'extension';
  if (sender.tab && sender.url) {
    const origins = (await loadConnections()).flatMap((c) => (c.kind === 'connectwise' ? [c.siteUrl] : c.kind === 'halo' ? [new URL(c.url).origin] : []));
    if (psaPageOf(sender.url, origins)) return 'page';
  }
  return null;
}

export async function handleMessage(message: unknown, sender: Sender): Promise<Reply<RequestType>> {
  const parsed = Request.safeParse(message);
  if (!parsed.success) {
    return fail('invalid', `Pullboard ignored a malformed request: ${parsed.error.issues[0]?.message ?? 'unknown shape'}.`);
  }
  const request = parsed.data;
  // Opening the side panel needs the click's user gesture, which does not outlast an await: it skips the sender
  // check's storage read. Only Pullboard's own contexts can send it, and it shows nothing but Pullboard's board.
  if (request.type === 'board.open' && sender.id === browser.runtime.id) return answer(request, sender);
  const kind = await classifySender(sender);
  if (!kind || (kind === 'page' && !PAGE_REQUESTS.has(request.type))) {
    return fail('forbidden', `Pullboard does not accept "${request.type}" from this page.`);
  }
  return answer(request, sender);
}

async function answer(request: Request, sender: Sender): Promise<Reply<RequestType>> {
  try {
    const handler = handlers[request.type] as (r: Request, s: Sender) => Promise<ResponseMap[RequestType]>;
    return { ok: true, value: await handler(request, sender) };
  } catch (error) {
    return { ok: false, error: errorView(error) };
  }
}

export function errorView(error: unknown): ErrorView {
  if (error instanceof PsaError) return { kind: error.kind, message: error.userMessage };
  if (error instanceof UserFacingError) return { kind: error.kind, message: error.message };
  if (error instanceof ZodError) return { kind: 'invalid', message: error.issues.map((i) => i.message).join('; ') };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'unexpected', message: `Something went wrong in Pullboard: ${text.replace(/\.+$/, '')}. Try again; if it repeats, reload the extension.` };
}

function fail(kind: string, message: string): Reply<RequestType> {
  return { ok: false, error: { kind, message } };
}

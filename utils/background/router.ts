/**
 * Every message the background accepts comes through here: validated with the protocol's schemas,
 * checked against its sender, answered with `{ok, value}` or `{ok: false, error}` — never a throw
 * into the caller.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { PAGE_REQUESTS, Request, type RequestType } from '../protocol/requests';
import { type ErrorView, type Reply, type ResponseMap } from '../protocol/answers';
import { ZodError } from 'zod';
import { PsaError } from '../psa/errors';
import { isBuiltInPsaHost, psaPageOf } from '../pages';
import { connectionWebOrigin } from '../psa/kinds';
import { loadConnections } from './connections';
import { handlers } from './handlers';
import type { Caller } from './caller';
import { UserFacingError } from './errors';

type Sender = Runtime.MessageSender;

export async function classifySender(sender: Sender): Promise<Caller | null> {
  if (sender.id !== browser.runtime.id) return null;
  // A prefix test, not URL.origin: non-web schemes have an opaque origin outside the browser.
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) return { kind: 'extension', sender };
  if (!sender.tab || !sender.url) return null;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return null;
  }
  // Another tenant on the same cloud domain, the vendor's own site, another region: none is this connection's.
  const connection = (await loadConnections()).find((c) => connectionWebOrigin(c) === origin);
  if (!connection) return null;
  const selfHosted = !isBuiltInPsaHost(origin);
  // A self-hosted origin is read as the PSA of the connection that added it, never guessed.
  const own = selfHosted ? [{ origin, kind: connection.kind }] : [];
  const page = psaPageOf(sender.url, own);
  // Portals, sign-in screens, API hosts and docs share the PSA's hosts: they are not the app.
  if (!page || (!selfHosted && page.kind !== connection.kind)) return null;
  return { kind: 'page', sender, connection, page };
}

/** Why a trusted page may not send this request, or null when it may. */
function pageRefusal(request: Request, caller: Extract<Caller, { kind: 'page' }>): string | null {
  if (!PAGE_REQUESTS.has(request.type)) return `Pullboard does not accept "${request.type}" from a PSA page.`;
  const named = 'connectionId' in request ? request.connectionId : 'ticket' in request ? request.ticket.connectionId : undefined;
  if (named !== undefined && named !== caller.connection.id) return 'This page belongs to another connection than the one it named.';
  // A page finishes only the ticket it shows (when its address says which).
  if (request.type === 'ticket.done' && caller.page.ticketId !== null && caller.page.ticketId !== request.ticketId) {
    return 'Done → pull next works on the ticket this page shows, not another.';
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
  if (request.type === 'board.open' && sender.id === browser.runtime.id) return answer(request, { kind: 'extension', sender });
  const caller = await classifySender(sender);
  if (!caller) return fail('forbidden', `Pullboard does not accept "${request.type}" from this page: it is not a page of the PSA you connected.`);
  const refusal = caller.kind === 'page' ? pageRefusal(request, caller) : null;
  if (refusal) return fail('forbidden', refusal);
  return answer(request, caller);
}

async function answer(request: Request, caller: Caller): Promise<Reply<RequestType>> {
  try {
    const handler = handlers[request.type] as (r: Request, c: Caller) => Promise<ResponseMap[RequestType]>;
    return { ok: true, value: await handler(request, caller) };
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

/**
 * Sending side of the protocol, for every context including the content script: no zod here.
 * A failure always comes back as an `Error` whose message is ready to show to the tech.
 */
import { browser } from 'wxt/browser';
import type { Reply, ResponseMap } from './answers';
import type { Request, RequestType } from './requests';

export class BackgroundError extends Error {
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message);
    this.name = 'BackgroundError';
  }
}

export async function ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<ResponseMap[T]> {
  let reply: Reply<T> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
  } catch (error) {
    throw new BackgroundError(
      `Pullboard's background is not answering (${String((error as Error)?.message ?? error)}). Reload the page; if it persists, reload the extension.`,
      'unreachable',
    );
  }
  if (!reply) throw new BackgroundError('Pullboard\'s background gave no answer. Try again in a moment.', 'unreachable');
  if (!reply.ok) throw new BackgroundError(reply.error.message, reply.error.kind);
  return reply.value;
}

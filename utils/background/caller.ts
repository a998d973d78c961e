import type { Runtime } from 'webextension-polyfill';
import type { PsaPage } from '../pages';
import type { Connection } from '../psa/kinds';

type Sender = Runtime.MessageSender;

/**
 * Who asks. Extension pages (options, side panel, popup) may ask anything. A PSA page is trusted only
 * on the web origin of a saved connection, for that connection alone, and only for what the dock and
 * the board over the page send.
 */
export type Caller =
  | { kind: 'extension'; sender: Sender }
  | { kind: 'page'; sender: Sender; connection: Connection; page: PsaPage };

/** Which PSA page a URL is, and the ticket it shows: the one entry point over the per-PSA detectors. */
import type { PsaKind } from '../psa/kinds';
import { autotaskTicketId, isAutotaskPage } from './autotask';
import { connectWiseTicketId, isConnectWisePage } from './connectwise';
import { haloTicketId, isHaloPage } from './halo';

export interface PsaPage {
  kind: PsaKind;
  ticketId: string | null;
}

/** `extraOrigins`: self-hosted servers the user connected (ConnectWise on-premise, Halo self-hosted). */
export function psaPageOf(url: string, extraOrigins: readonly string[] = []): PsaPage | null {
  if (isConnectWisePage(url, extraOrigins)) {
    const ticketId = connectWiseTicketId(url);
    // A self-hosted origin may be a Halo server: its ticket pages say so.
    const haloId = ticketId === null && isHaloPage(url, extraOrigins) ? haloTicketId(url, extraOrigins) : null;
    return haloId ? { kind: 'halo', ticketId: haloId } : { kind: 'connectwise', ticketId };
  }
  if (isAutotaskPage(url)) return { kind: 'autotask', ticketId: autotaskTicketId(url) };
  if (isHaloPage(url, extraOrigins)) return { kind: 'halo', ticketId: haloTicketId(url, extraOrigins) };
  return null;
}

/** The hosts the content script is declared for; self-hosted ones are registered at run time. */
export const PSA_PAGE_MATCHES = [
  'https://*.myconnectwise.net/*',
  'https://*.connectwisedev.com/*',
  'https://*.autotask.net/*',
  'https://*.halopsa.com/*',
  'https://*.haloitsm.com/*',
  'https://*.haloservicedesk.com/*',
];

/** Whether the manifest's content script already covers this URL's host (else it is a self-hosted server). */
export function isBuiltInPsaHost(url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return false;
    host = parsed.hostname.toLowerCase();
  } catch {
    return false;
  }
  return PSA_PAGE_MATCHES.some((pattern) => host.endsWith(pattern.slice('https://*'.length, -'/*'.length)));
}

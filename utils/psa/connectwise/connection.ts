/**
 * A ConnectWise PSA connection: the member's API key pair, the company, the integration's client ID and
 * the site the tech opens ConnectWise at. The keys are the tech's own, so "me" is always the key's member.
 */
import { z } from 'zod';
import { connectionUrl, maskSecret, originOf, secretsForNewAddress, type ConnectionKind, type ConnectionViewBase } from '../kind';
import { connectWiseApiOrigin } from './query';

const SITE_EXAMPLE = 'https://na.myconnectwise.net';

export const ConnectWiseConnection = z.object({
  kind: z.literal('connectwise'),
  id: z.string(),
  /** The web app's address, e.g. `https://na.myconnectwise.net` or an on-premise host. */
  siteUrl: connectionUrl('Site URL', SITE_EXAMPLE),
  companyId: z.string().min(1, 'Company ID is required'),
  publicKey: z.string().min(1, 'Public key is required'),
  privateKey: z.string().min(1, 'Private key is required'),
  clientId: z.string().min(1, 'Client ID is required'),
  /** The service board Pullboard shows; chosen after Test connection. */
  boardId: z.string().nullable(),
});
export type ConnectWiseConnection = z.infer<typeof ConnectWiseConnection>;


export const ConnectWiseDraft = z.object({
  kind: z.literal('connectwise'),
  /** Present when editing a saved connection. */
  id: z.string().optional(),
  siteUrl: connectionUrl('Site URL', SITE_EXAMPLE),
  companyId: z.string().trim().min(1, 'Company ID is required'),
  /** Keys left blank on a saved connection keep the stored ones. */
  publicKey: z.string().trim(),
  privateKey: z.string().trim(),
  clientId: z.string().trim().min(1, 'Client ID is required'),
  boardId: z.string().nullable(),
});
export type ConnectWiseDraft = z.infer<typeof ConnectWiseDraft>;

export type ConnectWiseView = ConnectionViewBase & { kind: 'connectwise'; siteUrl: string; companyId: string; clientId: string; publicKeyHint: string };

export const connectwise: ConnectionKind<'connectwise', ConnectWiseConnection, ConnectWiseDraft, ConnectWiseView> = {
  kind: 'connectwise',
  words: { product: 'ConnectWise PSA', short: 'ConnectWise', board: 'service board', boardLabel: 'Service board', member: 'member', credentials: 'API keys' },
  idPrefix: 'cw',
  schema: ConnectWiseConnection,
  draftSchema: ConnectWiseDraft,
  fields: [
    { key: 'siteUrl', label: 'Site URL', type: 'url', placeholder: 'https://na.myconnectwise.net', hint: 'The address you open ConnectWise PSA at (cloud or on-premise).' },
    { key: 'companyId', label: 'Company ID', placeholder: 'yourcompany', hint: 'The company you type on the ConnectWise login screen.' },
    { key: 'publicKey', label: 'Public key', secret: true, hint: "From My Account → API Keys in ConnectWise: your own member's key pair." },
    { key: 'privateKey', label: 'Private key', type: 'password', secret: true, hint: "Shown once when the key pair is created. Stays in the extension's background, never in a web page." },
    { key: 'clientId', label: 'Client ID', placeholder: '00000000-0000-0000-0000-000000000000', hint: "Your integration's client ID from the ConnectWise developer portal." },
  ],
  sharedCredentials: false,

  draft: (v, choices) => ({
    kind: 'connectwise',
    ...(choices.id ? { id: choices.id } : {}),
    siteUrl: (v.siteUrl ?? '').trim(),
    companyId: (v.companyId ?? '').trim(),
    // Blank keys on a saved connection keep the stored ones; the background fills them in.
    publicKey: (v.publicKey ?? '').trim(),
    privateKey: (v.privateKey ?? '').trim(),
    clientId: (v.clientId ?? '').trim(),
    boardId: choices.boardId,
  }),
  values: (view) => ({ siteUrl: view.siteUrl, companyId: view.companyId, clientId: view.clientId }),
  meId: () => null,

  complete(draft, kept) {
    const siteUrl = new URL(draft.siteUrl).origin;
    // Keys saved for one site never go to another: a new address needs them typed again.
    if (kept && kept.siteUrl !== siteUrl && (!draft.publicKey || !draft.privateKey)) throw secretsForNewAddress('privateKey', 'public and private keys', 'site URL');
    return ConnectWiseConnection.parse({
      ...draft,
      id: draft.id ?? kept?.id ?? crypto.randomUUID(),
      siteUrl,
      publicKey: draft.publicKey || kept?.publicKey || '',
      privateKey: draft.privateKey || kept?.privateKey || '',
    });
  },
  view: (c) => ({ kind: 'connectwise', siteUrl: c.siteUrl, companyId: c.companyId, clientId: c.clientId, publicKeyHint: maskSecret(c.publicKey) }),
  boardId: (c) => c.boardId,
  site: (c) => c.siteUrl,
  webOrigin: (c) => new URL(c.siteUrl).origin,
  origins(values) {
    const site = originOf(values.siteUrl, 'Site URL', SITE_EXAMPLE);
    return [...new Set([site, connectWiseApiOrigin(site)])];
  },
  discoveryKey: (c) => `${c.id} ${c.siteUrl} ${c.companyId}`,
  discovered: () => null,
  keepDiscovered: () => null,
  where: (view) => new URL(view.siteUrl).host,
  keysHint: (view) => `Keys are stored (${view.publicKeyHint}); leave them blank to keep them.`,
};

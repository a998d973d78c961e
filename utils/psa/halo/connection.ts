/**
 * A HaloPSA connection: an API application's client credentials, the Halo address and, where the
 * tenant's API page names them, an authorisation server and tenant. Applications act as their own
 * agent, so "me" may have to be chosen or matched by e-mail.
 */
import { z } from 'zod';
import { connectionUrl, maskSecret, optionalEmail, optionalText, orNull, originOf, secretsForNewAddress, type ConnectionKind, type ConnectionViewBase } from '../kind';

const URL_EXAMPLE = 'https://yourcompany.halopsa.com';
const AUTH_EXAMPLE = 'https://yourcompany.halopsa.com/auth';

export const HaloConnection = z.object({
  kind: z.literal('halo'),
  id: z.string(),
  /** The Halo web app and API base, e.g. `https://acme.halopsa.com`. */
  url: connectionUrl('Halo URL', URL_EXAMPLE),
  /** The authorisation server; null means `{url}/auth`. */
  authUrl: connectionUrl('Authorisation server', AUTH_EXAMPLE).nullable(),
  /** Sent as `?tenant=` to the authorisation server (hosted Halo); null when not needed. */
  tenant: z.string().nullable(),
  clientId: z.string().min(1, 'Client ID is required'),
  clientSecret: z.string().min(1, 'Client secret is required'),
  /** The team Pullboard shows (Halo's "board"). */
  teamId: z.string().nullable(),
  /** The agent the tech chose as "me"; needed when the credentials belong to an application. */
  meAgentId: z.string().nullable(),
  meEmail: z.string().nullable().optional(),
  /** Status ids the user maps to closed; absent means the status named Closed (id 9 on a new Halo). */
  closedStatusIds: z.array(z.string()).optional(),
});
export type HaloConnection = z.infer<typeof HaloConnection>;

export const HaloDraft = z.object({
  kind: z.literal('halo'),
  id: z.string().optional(),
  url: connectionUrl('Halo URL', URL_EXAMPLE),
  clientId: z.string().trim().min(1, 'Client ID is required'),
  /** Left blank on a saved connection: the stored secret is kept. */
  clientSecret: z.string().trim(),
  tenant: optionalText,
  authUrl: connectionUrl('Authorisation server', AUTH_EXAMPLE).nullable(),
  teamId: z.string().nullable(),
  meAgentId: optionalText,
  meEmail: optionalEmail,
});
export type HaloDraft = z.infer<typeof HaloDraft>;

export type HaloView = ConnectionViewBase & {
  kind: 'halo';
  url: string;
  clientId: string;
  clientSecretHint: string;
  tenant: string | null;
  authUrl: string | null;
  meAgentId: string | null;
  meEmail: string | null;
};

export const halo: ConnectionKind<'halo', HaloConnection, HaloDraft, HaloView> = {
  kind: 'halo',
  words: { product: 'HaloPSA', short: 'Halo', board: 'team', boardLabel: 'Team', member: 'agent', credentials: 'API application' },
  idPrefix: 'halo',
  schema: HaloConnection,
  draftSchema: HaloDraft,
  fields: [
    { key: 'url', label: 'Halo URL', type: 'url', placeholder: 'https://yourcompany.halopsa.com', hint: 'The address you open Halo at: hosted (*.halopsa.com, *.haloitsm.com) or your own server.' },
    { key: 'haloClientId', label: 'Client ID', placeholder: '00000000-0000-0000-0000-000000000000', hint: 'From Configuration › Integrations › HaloPSA API › View applications: an application using Client ID and Secret (services).' },
    { key: 'clientSecret', label: 'Client secret', type: 'password', secret: true, hint: "Shown once when the application is created. Stays in the extension's background, never in a web page." },
    { key: 'tenant', label: 'Tenant (optional)', placeholder: 'yourcompany', hint: 'Only if your Halo API details page names a tenant (hosted Halo on a shared authorisation server).' },
    { key: 'authUrl', label: 'Authorisation server (optional)', type: 'url', placeholder: 'https://yourcompany.halopsa.com/auth', hint: 'Only if it differs from {Halo URL}/auth: see "Authorisation Server" on the HaloPSA API page.' },
  ],
  sharedCredentials: true,

  draft: (v, choices) => ({
    kind: 'halo',
    ...(choices.id ? { id: choices.id } : {}),
    url: (v.url ?? '').trim(),
    clientId: (v.haloClientId ?? '').trim(),
    clientSecret: (v.clientSecret ?? '').trim(),
    tenant: orNull(v.tenant),
    authUrl: orNull(v.authUrl),
    teamId: choices.boardId,
    meAgentId: choices.meId,
    meEmail: choices.meId ? null : orNull(v.meEmail),
  }),
  values: (view) => ({ url: view.url, haloClientId: view.clientId, tenant: view.tenant ?? '', authUrl: view.authUrl ?? '', meEmail: view.meEmail ?? '' }),
  meId: (view) => view.meAgentId,

  complete(draft, kept) {
    const url = new URL(draft.url).origin;
    // The secret saved for one Halo (or authorisation server) never goes to another.
    const moved = kept && (kept.url !== url || (kept.authUrl ?? null) !== (draft.authUrl ?? null));
    if (moved && !draft.clientSecret) throw secretsForNewAddress('clientSecret', 'client secret', kept.url !== url ? 'Halo URL' : 'authorisation server');
    return HaloConnection.parse({
      kind: 'halo',
      id: draft.id ?? kept?.id ?? crypto.randomUUID(),
      url,
      authUrl: draft.authUrl,
      tenant: draft.tenant,
      clientId: draft.clientId,
      clientSecret: draft.clientSecret || kept?.clientSecret || '',
      teamId: draft.teamId,
      meAgentId: draft.meAgentId,
      meEmail: draft.meEmail,
      ...(kept?.closedStatusIds ? { closedStatusIds: kept.closedStatusIds } : {}),
    });
  },
  view: (c) => ({
    kind: 'halo',
    url: c.url,
    clientId: c.clientId,
    clientSecretHint: maskSecret(c.clientSecret),
    tenant: c.tenant,
    authUrl: c.authUrl,
    meAgentId: c.meAgentId,
    meEmail: c.meEmail ?? null,
  }),
  boardId: (c) => c.teamId,
  site: (c) => c.url,
  webOrigin: (c) => new URL(c.url).origin,
  origins(values) {
    const site = originOf(values.url, 'Halo URL', URL_EXAMPLE);
    const auth = values.authUrl?.trim() ? originOf(values.authUrl, 'Authorisation server', AUTH_EXAMPLE) : site;
    return [...new Set([site, auth])];
  },
  discoveryKey: (c) => c.id,
  discovered: () => null,
  keepDiscovered: () => null,
  where: (view) => new URL(view.url).host,
  keysHint: (view) => `The client secret is stored (${view.clientSecretHint}); leave it blank to keep it.`,
};

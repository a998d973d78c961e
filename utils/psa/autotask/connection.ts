/**
 * An Autotask PSA connection: an API user's three credentials, and the zone that discovery found for
 * that user. API users are often shared by the whole desk, so "me" may have to be chosen or matched by
 * e-mail.
 */
import { z } from 'zod';
import { connectionUrlProblem, maskSecret, optionalEmail, optionalText, orNull, type ConnectionKind, type ConnectionViewBase } from '../kind';

/** Where Autotask's zone discovery starts; tests and the demo point it at the simulator. */
export const AUTOTASK_DISCOVERY_URL = 'https://webservices.autotask.net/ATServicesRest/';

/**
 * Whether an address is one of Autotask's own (a zone's API or web host under autotask.net), as zone
 * discovery must answer: keys and ticket links never go anywhere else. Loopback for the simulator.
 */
export function isAutotaskAddress(text: string): boolean {
  if (connectionUrlProblem(text) !== null) return false;
  const url = new URL(text);
  return url.protocol === 'http:' || url.hostname.toLowerCase().endsWith('.autotask.net');
}

const zoneAddress = z.string().url().refine(isAutotaskAddress, 'Autotask answered a zone outside autotask.net: Pullboard does not send your keys there.');


export const AutotaskConnection = z.object({
  kind: z.literal('autotask'),
  id: z.string(),
  /** The API user's username, an e-mail address. */
  userName: z.string().min(1, 'API user name is required'),
  secret: z.string().min(1, 'Secret is required'),
  /** The API tracking identifier of the integration. */
  integrationCode: z.string().min(1, 'Integration code is required'),
  discoveryUrl: z.string().url().default(AUTOTASK_DISCOVERY_URL),
  /** The zone's REST base, e.g. `https://webservices5.autotask.net/ATServicesRest/`: found by discovery, then kept. */
  zoneUrl: zoneAddress.nullable(),
  /** The zone's web app, e.g. `https://ww5.autotask.net/`: found with the zone. */
  webUrl: zoneAddress.nullable(),
  /** The queue Pullboard shows (Autotask's "board"). */
  queueId: z.string().nullable(),
  /** The resource the tech chose as "me" in options; needed when the credentials belong to an API-only user. */
  meResourceId: z.string().nullable(),
  /** Matches "me" among the resources by e-mail when no resource was chosen. */
  meEmail: z.string().nullable().optional(),
});
export type AutotaskConnection = z.infer<typeof AutotaskConnection>;

export const AutotaskDraft = z.object({
  kind: z.literal('autotask'),
  id: z.string().optional(),
  userName: z.string().trim().min(1, 'API user name is required'),
  /** Left blank on a saved connection: the stored secret is kept. */
  secret: z.string().trim(),
  integrationCode: z.string().trim(),
  /** What Test connection's zone discovery found; the adapter checks it against the discovery host. */
  zoneUrl: zoneAddress.nullable().optional(),
  webUrl: zoneAddress.nullable().optional(),
  queueId: z.string().nullable(),
  meResourceId: optionalText,
  meEmail: optionalEmail,
});
export type AutotaskDraft = z.infer<typeof AutotaskDraft>;

export type AutotaskView = ConnectionViewBase & {
  kind: 'autotask';
  userName: string;
  secretHint: string;
  integrationCodeHint: string;
  zoneUrl: string | null;
  webUrl: string | null;
  meResourceId: string | null;
  meEmail: string | null;
};

/** The zone as discovery answers it. */
export interface AutotaskZone {
  zoneUrl: string;
  webUrl: string;
}

export const autotask: ConnectionKind<'autotask', AutotaskConnection, AutotaskDraft, AutotaskView> = {
  kind: 'autotask',
  words: { product: 'Autotask PSA', short: 'Autotask', board: 'queue', boardLabel: 'Queue', member: 'resource', credentials: 'API user' },
  idPrefix: 'at',
  schema: AutotaskConnection,
  draftSchema: AutotaskDraft,
  fields: [
    { key: 'userName', label: 'API username', placeholder: 'you@yourcompany.com', hint: 'The username of the API user (Admin › Resources/Users, security level "API User"), or of your own resource if it has API access. Pullboard finds your zone from it.' },
    { key: 'secret', label: 'Secret', type: 'password', secret: true, hint: "The API user's password (secret). Stays in the extension's background, never in a web page." },
    { key: 'integrationCode', label: 'Integration code', type: 'password', secret: true, hint: 'The API tracking identifier on the API user\'s "API Tracking Identifier" tab.' },
  ],
  sharedCredentials: true,

  draft(v, choices) {
    const zone = choices.discovered;
    return {
      kind: 'autotask',
      ...(choices.id ? { id: choices.id } : {}),
      userName: (v.userName ?? '').trim(),
      secret: (v.secret ?? '').trim(),
      integrationCode: (v.integrationCode ?? '').trim(),
      ...(zone?.zoneUrl && zone.webUrl ? { zoneUrl: zone.zoneUrl, webUrl: zone.webUrl } : {}),
      queueId: choices.boardId,
      meResourceId: choices.meId,
      meEmail: choices.meId ? null : orNull(v.meEmail),
    };
  },
  values: (view) => ({ userName: view.userName, meEmail: view.meEmail ?? '' }),
  meId: (view) => view.meResourceId,

  complete(draft, kept) {
    // The zone belongs to the user name: a new user name is discovered again.
    const sameUser = kept?.userName.toLowerCase() === draft.userName.toLowerCase();
    return AutotaskConnection.parse({
      kind: 'autotask',
      id: draft.id ?? kept?.id ?? crypto.randomUUID(),
      userName: draft.userName,
      secret: draft.secret || kept?.secret || '',
      integrationCode: draft.integrationCode || kept?.integrationCode || '',
      discoveryUrl: kept?.discoveryUrl ?? AUTOTASK_DISCOVERY_URL,
      zoneUrl: draft.zoneUrl ?? (sameUser ? kept?.zoneUrl : null) ?? null,
      webUrl: draft.webUrl ?? (sameUser ? kept?.webUrl : null) ?? null,
      queueId: draft.queueId,
      meResourceId: draft.meResourceId,
      meEmail: draft.meEmail,
    });
  },
  view: (c) => ({
    kind: 'autotask',
    userName: c.userName,
    secretHint: maskSecret(c.secret),
    integrationCodeHint: maskSecret(c.integrationCode),
    zoneUrl: c.zoneUrl,
    webUrl: c.webUrl,
    meResourceId: c.meResourceId,
    meEmail: c.meEmail ?? null,
  }),
  boardId: (c) => c.queueId,
  site: (c) => c.zoneUrl ?? c.userName,
  webOrigin: (c) => (c.webUrl ? new URL(c.webUrl).origin : null),
  // Every Autotask zone is under autotask.net, which the extension may always reach.
  origins: () => [],
  discoveryKey: (c) => c.id,
  discovered: (c) =>
    c.zoneUrl && c.webUrl
      ? { text: `Zone found: ${new URL(c.zoneUrl).host} (web app ${new URL(c.webUrl).host}).`, values: { zoneUrl: c.zoneUrl, webUrl: c.webUrl } }
      : null,
  keepDiscovered(c, found) {
    const zone = found as Partial<AutotaskZone> | null;
    if (!zone?.zoneUrl || !zone.webUrl || (c.zoneUrl === zone.zoneUrl && c.webUrl === zone.webUrl)) return null;
    if (!isAutotaskAddress(zone.zoneUrl) || !isAutotaskAddress(zone.webUrl)) return null;
    return { ...c, zoneUrl: zone.zoneUrl, webUrl: zone.webUrl };
  },
  where: (view) => (view.zoneUrl ? `Autotask (zone ${new URL(view.zoneUrl).host})` : 'Autotask'),
  keysHint: (view) => `Secret and integration code are stored (${view.secretHint}, ${view.integrationCodeHint}); leave them blank to keep them.`,
};

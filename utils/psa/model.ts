/**
 * The normalized model every PSA adapter maps to. Ids are strings on every PSA so that
 * the rest of Pullboard never cares whether a PSA numbers things or not.
 */
import { z } from 'zod';

export const PsaKind = z.enum(['connectwise', 'autotask', 'halo']);
export type PsaKind = z.infer<typeof PsaKind>;

/** An ISO-8601 timestamp in UTC, e.g. `2026-11-25T09:30:00.000Z`. */
export const IsoDate = z.string().datetime({ offset: true });

export const Ref = z.object({ id: z.string(), name: z.string() });
export type Ref = z.infer<typeof Ref>;

export const TicketPriority = z.object({
  id: z.string(),
  name: z.string(),
  /** 1 is the most urgent; adapters derive it from the PSA's sort order, never from the id. */
  rank: z.number().int(),
  /** CSS colour the PSA shows for this priority, when it has one. */
  colour: z.string().nullable(),
});
export type TicketPriority = z.infer<typeof TicketPriority>;

export const Sla = z.object({
  respondBy: IsoDate.nullable(),
  resolveBy: IsoDate.nullable(),
  respondedAt: IsoDate.nullable(),
  resolvedAt: IsoDate.nullable(),
  /** Whether the PSA says the SLA is (still) met; null when it does not say. */
  met: z.boolean().nullable(),
  /**
   * The ticket's own due date (Autotask `dueDateTime`, ConnectWise `requiredDate`, Halo `deadlinedate`): its
   * target when no SLA target is pending. Absent on tickets cached before it was read.
   */
  dueBy: IsoDate.nullish(),
});
export type Sla = z.infer<typeof Sla>;

export const Ticket = z.object({
  id: z.string(),
  /** What a tech calls the ticket: `#4821` on ConnectWise and Halo, `T20261125.0042` on Autotask. */
  number: z.string(),
  title: z.string(),
  status: Ref,
  closed: z.boolean(),
  /** ConnectWise service board, Autotask queue, Halo team. */
  board: Ref.nullable(),
  priority: TicketPriority.nullable(),
  assignee: Ref.nullable(),
  team: Ref.nullable(),
  company: Ref.nullable(),
  contact: Ref.nullable(),
  type: Ref.nullable(),
  subtype: Ref.nullable(),
  created: IsoDate,
  /** The PSA's last-updated stamp: the version token a claim compares before writing. */
  updated: IsoDate,
  sla: Sla,
  estimateHours: z.number().nullable(),
  actualHours: z.number().nullable(),
  /** The ticket's page in the PSA's own web app. */
  url: z.string().url(),
});
export type Ticket = z.infer<typeof Ticket>;

export const Status = z.object({
  id: z.string(),
  name: z.string(),
  /** Position in the PSA's own list (lower first). */
  order: z.number(),
  closed: z.boolean(),
  inactive: z.boolean(),
  /** The board (CW) or queue this status belongs to; null where statuses are global. */
  boardId: z.string().nullable(),
});
export type Status = z.infer<typeof Status>;

export const Priority = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().int(),
  colour: z.string().nullable(),
});
export type Priority = z.infer<typeof Priority>;

export const Member = z.object({
  id: z.string(),
  /** Login name (CW identifier, Autotask userName, Halo agent name). */
  identifier: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  inactive: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const Board = z.object({ id: z.string(), name: z.string() });
export type Board = z.infer<typeof Board>;

export const TimeEntry = z.object({
  id: z.string(),
  ticketId: z.string(),
  memberId: z.string(),
  start: IsoDate,
  end: IsoDate,
  hours: z.number(),
  notes: z.string(),
});
export type TimeEntry = z.infer<typeof TimeEntry>;

/** A ConnectWise PSA connection as the user enters it in options. Credentials live only in the background. */
export const ConnectWiseConnection = z.object({
  kind: z.literal('connectwise'),
  id: z.string(),
  /** The web app's address, e.g. `https://na.myconnectwise.net` or an on-premise host. */
  siteUrl: z.string().url(),
  companyId: z.string().min(1, 'Company ID is required'),
  publicKey: z.string().min(1, 'Public key is required'),
  privateKey: z.string().min(1, 'Private key is required'),
  clientId: z.string().min(1, 'Client ID is required'),
  /** The service board Pullboard shows; chosen after Test connection. */
  boardId: z.string().nullable(),
});
export type ConnectWiseConnection = z.infer<typeof ConnectWiseConnection>;

/** Where Autotask's zone discovery starts; tests and the demo point it at the simulator. */
export const AUTOTASK_DISCOVERY_URL = 'https://webservices.autotask.net/ATServicesRest/';

/** An Autotask PSA connection: an API user's three credentials, and what zone discovery found. */
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
  zoneUrl: z.string().url().nullable(),
  /** The zone's web app, e.g. `https://ww5.autotask.net/`: found with the zone. */
  webUrl: z.string().url().nullable(),
  /** The queue Pullboard shows (Autotask's "board"). */
  queueId: z.string().nullable(),
  /** The resource the tech chose as "me" in options; needed when the credentials belong to an API-only user. */
  meResourceId: z.string().nullable(),
  /** Matches "me" among the resources by e-mail when no resource was chosen. */
  meEmail: z.string().nullable().optional(),
});
export type AutotaskConnection = z.infer<typeof AutotaskConnection>;

/** A HaloPSA connection: an API application's client credentials. */
export const HaloConnection = z.object({
  kind: z.literal('halo'),
  id: z.string(),
  /** The Halo web app and API base, e.g. `https://acme.halopsa.com`. */
  url: z.string().url(),
  /** The authorisation server; null means `{url}/auth`. */
  authUrl: z.string().url().nullable(),
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

export const Connection = z.discriminatedUnion('kind', [ConnectWiseConnection, AutotaskConnection, HaloConnection]);
export type Connection = z.infer<typeof Connection>;

/** The board a connection shows: the ConnectWise service board, the Autotask queue, the Halo team. */
export function connectionBoardId(connection: Connection): string | null {
  switch (connection.kind) {
    case 'connectwise':
      return connection.boardId;
    case 'autotask':
      return connection.queueId;
    case 'halo':
      return connection.teamId;
  }
}

/** Where a connection's PSA lives, for logs: never a secret. */
export function connectionSite(connection: Connection): string {
  switch (connection.kind) {
    case 'connectwise':
      return connection.siteUrl;
    case 'autotask':
      return connection.zoneUrl ?? connection.userName;
    case 'halo':
      return connection.url;
  }
}

/**
 * The registry of PSA kinds: every PSA Pullboard speaks, each with its connection module. Views import
 * this (it carries no adapter code); the background builds adapters from `utils/psa/index.ts`.
 *
 * A new PSA is its folder under `utils/psa/` (adapter, query language, schemas, connection), one line
 * here and in `index.ts`, its page detector in `utils/pages/` and its simulator dialect; nothing else
 * names a PSA kind.
 */
import { z } from 'zod';
import { autotask, AutotaskConnection, AutotaskDraft, type AutotaskView } from './autotask/connection';
import { connectwise, ConnectWiseConnection, ConnectWiseDraft, type ConnectWiseView } from './connectwise/connection';
import { halo, HaloConnection, HaloDraft, type HaloView } from './halo/connection';
import type { ConnectionKind } from './kind';

/** In the order the options page offers them. */
export const KINDS = { connectwise, autotask, halo } as const;

export type PsaKind = keyof typeof KINDS;
export const PSA_KINDS = Object.keys(KINDS) as PsaKind[];

/** A saved connection of any kind, credentials included: background only. */
export const Connection = z.discriminatedUnion('kind', [ConnectWiseConnection, AutotaskConnection, HaloConnection]);
export type Connection = z.infer<typeof Connection>;

/** What the options form sends to Test connection and Save. */
export const ConnectionDraft = z.discriminatedUnion('kind', [ConnectWiseDraft, AutotaskDraft, HaloDraft]);
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

/** A connection as the views see it: no secret, keys masked to their last four characters. */
export type ConnectionView = ConnectWiseView | AutotaskView | HaloView;

type AnyKind = ConnectionKind<PsaKind, Connection, ConnectionDraft, ConnectionView>;

/** The connection module of a kind, typed for code that handles every kind alike. */
export function psaKind(kind: PsaKind): AnyKind {
  return KINDS[kind] as unknown as AnyKind;
}

/** The words of a connection's PSA, for every sentence that names it. */
export const wordsOf = (kind: PsaKind) => KINDS[kind].words;

/** The board a connection shows: the ConnectWise service board, the Autotask queue, the Halo team. */
export const connectionBoardId = (connection: Connection): string | null => psaKind(connection.kind).boardId(connection);

/** Where a connection's PSA lives, for logs: never a secret. */
export const connectionSite = (connection: Connection): string => psaKind(connection.kind).site(connection);

/** The origin of a connection's PSA web app, when known. */
export const connectionWebOrigin = (connection: Connection): string | null => psaKind(connection.kind).webOrigin(connection);

/** Every origin a saved connection talks to (its web app, API and authorisation server). */
export function connectionOrigins(connection: Connection): string[] {
  const kind = psaKind(connection.kind);
  return kind.origins(kind.values(kind.view(connection) as ConnectionView));
}

/** The full connection a draft makes; secrets left blank keep those of `existing` (of the same kind). */
export function completeDraft(draft: ConnectionDraft, existing: Connection | undefined): Connection {
  return psaKind(draft.kind).complete(draft, existing?.kind === draft.kind ? existing : undefined);
}

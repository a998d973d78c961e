/**
 * Saved PSA connections, credentials included. Background only: storage.local is never read by a
 * content script, and what leaves the background is a `ConnectionView` without the secrets.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { AUTOTASK_DISCOVERY_URL, AutotaskConnection, Connection, ConnectWiseConnection, HaloConnection, connectionBoardId } from '../psa/model';
import type { ConnectionView, ConnectionDraft } from '../messages';
import type { SyncState } from '../store/db';

const KEY = 'connections';
const Stored = z.array(Connection);

export async function loadConnections(): Promise<Connection[]> {
  const raw = (await browser.storage.local.get(KEY))[KEY];
  const parsed = Stored.safeParse(raw ?? []);
  // A corrupt entry must not take the others down with it; drop only what fails.
  if (parsed.success) return parsed.data;
  return (Array.isArray(raw) ? raw : []).flatMap((item) => {
    const one = Connection.safeParse(item);
    return one.success ? [one.data] : [];
  });
}

async function storeConnections(connections: Connection[]): Promise<void> {
  await browser.storage.local.set({ [KEY]: connections });
}

/**
 * Turns what the options form sent into a full connection; secrets left blank keep the stored ones.
 * Throws a `ZodError` naming the missing field when the result is incomplete.
 */
export function completeDraft(draft: ConnectionDraft, existing: Connection | undefined): Connection {
  const id = draft.id ?? existing?.id ?? crypto.randomUUID();
  switch (draft.kind) {
    case 'connectwise': {
      const kept = existing?.kind === 'connectwise' ? existing : undefined;
      return ConnectWiseConnection.parse({
        ...draft,
        id,
        siteUrl: new URL(draft.siteUrl).origin,
        publicKey: draft.publicKey || kept?.publicKey || '',
        privateKey: draft.privateKey || kept?.privateKey || '',
      });
    }
    case 'autotask': {
      const kept = existing?.kind === 'autotask' ? existing : undefined;
      // The zone belongs to the user name: a new user name is discovered again.
      const sameUser = kept?.userName.toLowerCase() === draft.userName.toLowerCase();
      return AutotaskConnection.parse({
        kind: 'autotask',
        id,
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
    }
    case 'halo': {
      const kept = existing?.kind === 'halo' ? existing : undefined;
      return HaloConnection.parse({
        kind: 'halo',
        id,
        url: new URL(draft.url).origin,
        authUrl: draft.authUrl,
        tenant: draft.tenant,
        clientId: draft.clientId,
        clientSecret: draft.clientSecret || kept?.clientSecret || '',
        teamId: draft.teamId,
        meAgentId: draft.meAgentId,
        meEmail: draft.meEmail,
        ...(kept?.closedStatusIds ? { closedStatusIds: kept.closedStatusIds } : {}),
      });
    }
  }
}

export async function saveConnection(connection: Connection): Promise<void> {
  const all = await loadConnections();
  const index = all.findIndex((c) => c.id === connection.id);
  if (index >= 0) all[index] = connection;
  else all.push(connection);
  await storeConnections(all);
}

export async function removeConnection(id: string): Promise<void> {
  await storeConnections((await loadConnections()).filter((c) => c.id !== id));
}

export function toView(connection: Connection, sync: SyncState | null): ConnectionView {
  const boardId = connectionBoardId(connection);
  const base = {
    id: connection.id,
    boardId,
    boardName: sync?.boards.find((b) => b.id === boardId)?.name ?? null,
    me: sync?.me ?? null,
    problem: sync?.lastError ?? null,
    syncedAt: sync?.lastPollAt ?? null,
  };
  switch (connection.kind) {
    case 'connectwise':
      return { ...base, kind: 'connectwise', siteUrl: connection.siteUrl, companyId: connection.companyId, clientId: connection.clientId, publicKeyHint: hint(connection.publicKey) };
    case 'autotask':
      return {
        ...base,
        kind: 'autotask',
        userName: connection.userName,
        secretHint: hint(connection.secret),
        integrationCodeHint: hint(connection.integrationCode),
        zoneUrl: connection.zoneUrl,
        webUrl: connection.webUrl,
        meResourceId: connection.meResourceId,
        meEmail: connection.meEmail ?? null,
      };
    case 'halo':
      return {
        ...base,
        kind: 'halo',
        url: connection.url,
        clientId: connection.clientId,
        clientSecretHint: hint(connection.clientSecret),
        tenant: connection.tenant,
        authUrl: connection.authUrl,
        meAgentId: connection.meAgentId,
        meEmail: connection.meEmail ?? null,
      };
  }
}

function hint(secret: string): string {
  return secret.length <= 4 ? '••••' : `${'•'.repeat(6)}${secret.slice(-4)}`;
}

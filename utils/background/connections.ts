/**
 * Saved PSA connections, credentials included. Background only: storage.local is never read by a
 * content script, and what leaves the background is a `ConnectionView` without the secrets.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Connection, ConnectWiseConnection } from '../psa/model';
import type { ConnectionDraft, ConnectionView } from '../messages';
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
 * Turns what the options form sent into a full connection; keys left blank keep the stored ones.
 * Throws a `ZodError` naming the missing field when the result is incomplete.
 */
export function completeDraft(draft: ConnectionDraft, existing: Connection | undefined): ConnectWiseConnection {
  const kept = existing?.kind === 'connectwise' ? existing : undefined;
  return ConnectWiseConnection.parse({
    ...draft,
    id: draft.id ?? existing?.id ?? crypto.randomUUID(),
    siteUrl: new URL(draft.siteUrl).origin,
    publicKey: draft.publicKey || kept?.publicKey || '',
    privateKey: draft.privateKey || kept?.privateKey || '',
  });
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

export function toView(connection: ConnectWiseConnection, sync: SyncState | null): ConnectionView {
  return {
    id: connection.id,
    kind: connection.kind,
    siteUrl: connection.siteUrl,
    companyId: connection.companyId,
    clientId: connection.clientId,
    publicKeyHint: hint(connection.publicKey),
    boardId: connection.boardId,
    boardName: sync?.boards.find((b) => b.id === connection.boardId)?.name ?? null,
    me: sync?.me ?? null,
    problem: sync?.lastError ?? null,
    syncedAt: sync?.lastPollAt ?? null,
  };
}

function hint(secret: string): string {
  return secret.length <= 4 ? '••••' : `${'•'.repeat(6)}${secret.slice(-4)}`;
}

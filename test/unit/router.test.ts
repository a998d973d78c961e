import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { classifySender, handleMessage } from '../../utils/background/router';
import { saveConnection } from '../../utils/background/connections';
import { openPullboardDb } from '../../utils/store/db';
import type { Connection } from '../../utils/psa/kinds';

const EXTENSION_ID = fakeBrowser.runtime.id;
const extensionPage = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` };
const tab = { id: 1, index: 0, highlighted: false, active: true, pinned: false, incognito: false, windowId: 1 };
const pageAt = (url: string) => ({ id: EXTENSION_ID, url, tab });
const psaPage = pageAt('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx');

const connectwise: Connection = {
  kind: 'connectwise',
  id: 'cw1',
  siteUrl: 'https://na.myconnectwise.net',
  companyId: 'acme',
  publicKey: 'PUBLIC1234',
  privateKey: 'SECRET-PRIVATE',
  clientId: 'client',
  boardId: '1',
};
const autotask: Connection = {
  kind: 'autotask',
  id: 'at1',
  userName: 'api@msp.example',
  secret: 'AT-SECRET',
  integrationCode: 'AT-CODE',
  discoveryUrl: 'https://webservices.autotask.net/ATServicesRest/',
  zoneUrl: 'https://webservices5.autotask.net/ATServicesRest/',
  webUrl: 'https://ww5.autotask.net/',
  queueId: '1',
  meResourceId: '7',
};
const halo: Connection = { kind: 'halo', id: 'h1', url: 'https://acme.halopsa.com', authUrl: null, tenant: null, clientId: 'c', clientSecret: 'HALO-SECRET', teamId: '1', meAgentId: '7' };

beforeEach(async () => {
  fakeBrowser.reset();
  await (await openPullboardDb()).delete('config', 'connections');
});

describe('the background accepts messages only from whom it should', () => {
  it('trusts a PSA page only on the web origin of a saved connection', async () => {
    expect(await classifySender(extensionPage)).toMatchObject({ kind: 'extension' });
    // Nothing connected: no PSA page is anybody's.
    expect(await classifySender(psaPage)).toBeNull();
    await saveConnection(connectwise);
    expect(await classifySender(psaPage)).toMatchObject({ kind: 'page', connection: { id: 'cw1' }, page: { kind: 'connectwise' } });
    // Another region of the same cloud, another extension, any other site.
    expect(await classifySender(pageAt('https://eu.myconnectwise.net/v2025_1/ConnectWise.aspx'))).toBeNull();
    expect(await classifySender({ id: 'another-extension', url: extensionPage.url })).toBeNull();
    expect(await classifySender(pageAt('https://evil.example/'))).toBeNull();
    // The right origin without a tab is not a page of it.
    expect(await classifySender({ id: EXTENSION_ID, url: psaPage.url })).toBeNull();
  });

  it.each([
    ['Autotask', autotask, 'https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1', 'https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1'],
    ['Halo', halo, 'https://acme.halopsa.com/ticket?id=1', 'https://other-msp.halopsa.com/ticket?id=1'],
  ])('binds %s pages to their own connection, not the next tenant', async (_name, connection, own, other) => {
    await saveConnection(connection);
    expect(await classifySender(pageAt(own))).toMatchObject({ kind: 'page', connection: { id: connection.id } });
    expect(await classifySender(pageAt(other))).toBeNull();
    expect(await classifySender(pageAt('https://www.halopsa.com/'))).toBeNull();
  });

  it('gives the Halo portal on the connected host no trust', async () => {
    await saveConnection(halo);
    expect(await classifySender(pageAt('https://acme.halopsa.com/portal/ticket?id=1'))).toBeNull();
  });

  it('rejects a malformed request with a clear error', async () => {
    const reply = await handleMessage({ type: 'connection.test', connection: { kind: 'connectwise' } }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await handleMessage({ type: 'fetch', url: 'https://x' }, extensionPage)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('refuses every request from a page that is no connected PSA', async () => {
    const reply = await handleMessage({ type: 'work.state' }, psaPage);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('not a page of the PSA you connected') } });
  });

  it('lets a connected PSA page ask what the dock needs, never for connections', async () => {
    await saveConnection(connectwise);
    expect(await handleMessage({ type: 'connection.list' }, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handleMessage({ type: 'work.state' }, psaPage)).toMatchObject({ ok: true, value: { connected: true } });
  });

  it.each([
    { type: 'timer.note', note: 'x' },
    { type: 'timer.resume', ticket: { connectionId: 'cw1', ticketId: '1' } },
    { type: 'outbox.retry', id: 1 },
    { type: 'outbox.discard', id: 1 },
    { type: 'board.connection' },
    { type: 'settings.save', settings: { wipLimit: 5, skills: [] } },
  ])('refuses $type from a PSA page: the dock never sends it', async (request) => {
    await saveConnection(connectwise);
    expect(await handleMessage(request, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('refuses a page request that names another connection or another ticket', async () => {
    await saveConnection(connectwise);
    const move = { type: 'card.move', connectionId: 'someone-else', boardId: '1', ticketId: '5', toColumnId: 'doing', expectedUpdated: 'x', expectedStatusId: '1' };
    expect(await handleMessage(move, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handleMessage({ type: 'board.ready.order', connectionId: 'someone-else', boardId: '1', order: [] }, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handleMessage({ type: 'sync.now', connectionId: 'someone-else' }, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handleMessage({ type: 'timer.stop', ticket: { connectionId: 'someone-else', ticketId: '5' } }, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const ticketPage = pageAt('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=42');
    expect(await handleMessage({ type: 'ticket.done', ticketId: '43' }, ticketPage)).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('ticket this page shows') } });
  });

  it('never sends credentials to an extension page either', async () => {
    await saveConnection(connectwise);
    const reply = await handleMessage({ type: 'connection.list' }, extensionPage);
    expect(reply.ok).toBe(true);
    const text = JSON.stringify(reply);
    expect(text).not.toContain('SECRET-PRIVATE');
    expect(text).not.toContain('PUBLIC1234');
    expect(text).toContain('1234');
  });
});

describe('credentials are kept where no content script can read them', () => {
  it('moves connections an older Pullboard kept in storage.local into IndexedDB, and leaves none behind', async () => {
    await fakeBrowser.storage.local.set({ connections: [connectwise] });
    const reply = await handleMessage({ type: 'connection.list' }, extensionPage);
    expect(reply).toMatchObject({ ok: true, value: [{ id: 'cw1', kind: 'connectwise' }] });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await (await openPullboardDb()).get('config', 'connections'))?.value).toEqual([connectwise]);
  });
});

describe('settings are validated in the background too', () => {
  it('refuses a WIP limit outside 1–5 with the reason', async () => {
    const reply = await handleMessage({ type: 'settings.save', settings: { wipLimit: 9, skills: [] } }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid', message: expect.stringContaining('at most 5') } });
  });
});

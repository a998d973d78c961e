import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { classifySender, handleMessage } from '../../utils/background/router';

const EXTENSION_ID = fakeBrowser.runtime.id;
const extensionPage = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` };
const psaTab = { id: 1, index: 0, highlighted: false, active: true, pinned: false, incognito: false, windowId: 1 };
const psaPage = { id: EXTENSION_ID, url: 'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx', tab: psaTab };

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the background accepts messages only from whom it should', () => {
  it('classifies senders', async () => {
    expect(await classifySender(extensionPage)).toBe('extension');
    expect(await classifySender(psaPage)).toBe('page');
    expect(await classifySender({ id: 'another-extension', url: extensionPage.url })).toBeNull();
    expect(await classifySender({ id: EXTENSION_ID, url: 'https://evil.example/', tab: psaTab })).toBeNull();
  });

  it('rejects a malformed request with a clear error', async () => {
    const reply = await handleMessage({ type: 'connection.test', connection: { kind: 'connectwise' } }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await handleMessage({ type: 'fetch', url: 'https://x' }, extensionPage)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('lets a PSA page ask for the dock, never for connections', async () => {
    expect(await handleMessage({ type: 'connection.list' }, psaPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const dock = await handleMessage({ type: 'work.state' }, psaPage);
    expect(dock).toMatchObject({ ok: true, value: { connected: false } });
  });

  it('never sends credentials to an extension page either', async () => {
    await fakeBrowser.storage.local.set({
      connections: [{ kind: 'connectwise', id: 'c1', siteUrl: 'https://na.myconnectwise.net', companyId: 'acme', publicKey: 'PUBLIC1234', privateKey: 'SECRET-PRIVATE', clientId: 'client', boardId: '1' }],
    });
    const reply = await handleMessage({ type: 'connection.list' }, extensionPage);
    expect(reply.ok).toBe(true);
    const text = JSON.stringify(reply);
    expect(text).not.toContain('SECRET-PRIVATE');
    expect(text).not.toContain('PUBLIC1234');
    expect(text).toContain('1234');
  });
});

describe('settings are validated in the background too', () => {
  it('refuses a WIP limit outside 1–5 with the reason', async () => {
    const extensionPage = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/options.html` };
    const reply = await handleMessage({ type: 'settings.save', settings: { wipLimit: 9, skills: [] } }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid', message: expect.stringContaining('at most 5') } });
  });
});

describe('pages of every PSA may talk to the background', () => {
  it.each([
    'https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1',
    'https://acme.halopsa.com/ticket?id=1',
  ])('%s', async (url) => {
    const tab = { id: 1, index: 0, highlighted: false, active: true, pinned: false, incognito: false, windowId: 1 };
    expect(await classifySender({ id: fakeBrowser.runtime.id, url, tab })).toBe('page');
    expect(await classifySender({ id: fakeBrowser.runtime.id, url: 'https://acme.halopsa.com/portal/ticket?id=1', tab })).toBeNull();
  });
});

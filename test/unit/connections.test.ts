import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { toView } from '../../utils/background/connections';
import { completeDraft } from '../../utils/psa/kinds';
import { handleMessage } from '../../utils/background/router';
import { AUTOTASK_DISCOVERY_URL, type AutotaskConnection } from '../../utils/psa/autotask/connection';
import { type HaloConnection } from '../../utils/psa/halo/connection';

const EXTENSION_ID = fakeBrowser.runtime.id;
const extensionPage = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` };

const autotask: AutotaskConnection = {
  kind: 'autotask',
  id: 'a1',
  userName: 'adunn@msp.example',
  secret: 'AT-SECRET-9876',
  integrationCode: 'AT-CODE-5555',
  discoveryUrl: AUTOTASK_DISCOVERY_URL,
  zoneUrl: 'https://webservices5.autotask.net/ATServicesRest/',
  webUrl: 'https://ww5.autotask.net/',
  queueId: '29683354',
  meResourceId: null,
  meEmail: null,
};
const halo: HaloConnection = {
  kind: 'halo',
  id: 'h1',
  url: 'https://acme.halopsa.com',
  authUrl: null,
  tenant: 'acme',
  clientId: 'client-id',
  clientSecret: 'HALO-SECRET-4321',
  teamId: '3',
  meAgentId: '7',
  meEmail: null,
};

beforeEach(() => fakeBrowser.reset());

describe('connections of every PSA', () => {
  it('keeps stored secrets when the form leaves them blank, and the zone while the user name is the same', () => {
    const at = completeDraft({ kind: 'autotask', id: 'a1', userName: 'ADunn@msp.example', secret: '', integrationCode: '', queueId: '1', meResourceId: null, meEmail: 'alex@msp.example' }, autotask);
    expect(at).toMatchObject({ secret: 'AT-SECRET-9876', integrationCode: 'AT-CODE-5555', zoneUrl: autotask.zoneUrl, queueId: '1', meEmail: 'alex@msp.example' });
    const other = completeDraft({ kind: 'autotask', id: 'a1', userName: 'someone@msp.example', secret: '', integrationCode: '', queueId: '1', meResourceId: null, meEmail: null }, autotask);
    expect(other).toMatchObject({ zoneUrl: null, webUrl: null });
    const h = completeDraft({ kind: 'halo', id: 'h1', url: 'https://acme.halopsa.com/tickets', clientId: 'c', clientSecret: '', tenant: null, authUrl: null, teamId: '3', meAgentId: null, meEmail: null }, halo);
    expect(h).toMatchObject({ url: 'https://acme.halopsa.com', clientSecret: 'HALO-SECRET-4321', tenant: null });
  });

  it('names the missing secret of a new connection', () => {
    expect(() => completeDraft({ kind: 'halo', url: 'https://acme.halopsa.com', clientId: 'c', clientSecret: '', tenant: null, authUrl: null, teamId: null, meAgentId: null, meEmail: null }, undefined)).toThrow(/Client secret is required/);
    expect(() => completeDraft({ kind: 'autotask', userName: 'u@x.example', secret: 's', integrationCode: '', queueId: null, meResourceId: null, meEmail: null }, undefined)).toThrow(/Integration code is required/);
  });

  it('shows each kind without its secrets', () => {
    const views = [toView(autotask, null), toView(halo, null)];
    expect(views[0]).toMatchObject({ kind: 'autotask', boardId: '29683354', userName: autotask.userName, zoneUrl: autotask.zoneUrl });
    expect(views[1]).toMatchObject({ kind: 'halo', boardId: '3', meAgentId: '7', tenant: 'acme' });
    const text = JSON.stringify(views);
    for (const secret of ['AT-SECRET-9876', 'AT-CODE-5555', 'HALO-SECRET-4321']) expect(text).not.toContain(secret);
  });

  it('lists connections of every kind to the options page', async () => {
    await fakeBrowser.storage.local.set({ connections: [autotask, halo] });
    const reply = await handleMessage({ type: 'connection.list' }, extensionPage);
    expect(reply).toMatchObject({ ok: true, value: [{ kind: 'autotask' }, { kind: 'halo' }] });
  });
});

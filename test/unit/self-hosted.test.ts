import { describe, expect, it } from 'vitest';
import { isBuiltInPsaHost, psaPageOf } from '../../utils/pages';
import { selfHostedOrigin } from '../../utils/background/content-scripts';
import type { Connection } from '../../utils/psa/kinds';

describe('self-hosted PSA hosts', () => {
  it('knows the hosts the manifest covers', () => {
    for (const url of ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx', 'https://ww5.autotask.net/', 'https://acme.halopsa.com/ticket?id=1', 'https://acme.haloitsm.com/']) {
      expect(isBuiltInPsaHost(url), url).toBe(true);
    }
    for (const url of ['https://psa.acme.local/v4_6_release/ConnectWise.aspx', 'https://halo.acme.example/', 'https://evilhalopsa.com/', 'http://ww5.autotask.net/', 'not a url']) {
      expect(isBuiltInPsaHost(url), url).toBe(false);
    }
  });

  it('registers the dock only for connections on other hosts', () => {
    const cw = (siteUrl: string): Connection => ({ kind: 'connectwise', id: 'c', siteUrl, companyId: 'a', publicKey: 'p', privateKey: 'k', clientId: 'c', boardId: null });
    const halo = (url: string): Connection => ({ kind: 'halo', id: 'h', url, authUrl: null, tenant: null, clientId: 'c', clientSecret: 's', teamId: null, meAgentId: null });
    expect(selfHostedOrigin(cw('https://na.myconnectwise.net'))).toBeNull();
    expect(selfHostedOrigin(cw('https://psa.acme.local:8443/'))).toBe('https://psa.acme.local:8443');
    expect(selfHostedOrigin(halo('https://acme.halopsa.com'))).toBeNull();
    expect(selfHostedOrigin(halo('https://support.acme.example'))).toBe('https://support.acme.example');
  });

  it('reads the ticket of a self-hosted Halo page, and of an on-premise ConnectWise page', () => {
    const origin = ['https://support.acme.example'];
    expect(psaPageOf('https://support.acme.example/ticket?id=42', origin)).toEqual({ kind: 'halo', ticketId: '42' });
    expect(psaPageOf('https://support.acme.example/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=7', origin)).toEqual({ kind: 'connectwise', ticketId: '7' });
    expect(psaPageOf('https://support.acme.example/ticket?id=42')).toBeNull();
  });
});

/** Every real URL row of the three PSAs, through the one detector the dock and the background use. */
import { describe, expect, it } from 'vitest';
import { pageOf } from '../../utils/pages';
import { ALL_URLS, AUTOTASK_URLS, CONNECTWISE_URLS, HALO_URLS, type UrlRow } from './pages-urls';

function describeRow(row: UrlRow) {
  const page = pageOf(row.url, row.connected);
  if (!page) return 'none';
  if (page.ticket) return { kind: page.kind, ticket: page.ticket };
  return { kind: page.kind, ticket: page.ticketOnScreen ? 'screen' : 'app' };
}

function expected(row: UrlRow) {
  if (row.expect === 'none') return 'none';
  return { kind: row.kind, ticket: row.expect };
}

describe('the real URL table', () => {
  it('holds at least 100 rows from public sources across the three PSAs, negatives included', () => {
    const sourced = ALL_URLS.filter((row) => !/^(look-alike|not from a public source)/.test(row.source));
    expect(sourced.length).toBeGreaterThanOrEqual(100);
    for (const rows of [CONNECTWISE_URLS, AUTOTASK_URLS, HALO_URLS]) {
      expect(rows.filter((row) => row.expect === 'none').length).toBeGreaterThanOrEqual(5);
      expect(rows.filter((row) => typeof row.expect === 'object').length).toBeGreaterThanOrEqual(5);
    }
    for (const row of ALL_URLS) expect(row.source.length, row.url).toBeGreaterThan(10);
  });

  it.each(ALL_URLS.map((row) => [row.kind, row.url, row] as const))('%s %s', (_kind, _url, row) => {
    expect(describeRow(row)).toEqual(expected(row));
  });

  it('never reads a self-hosted origin as the other PSA than the connection that added it', () => {
    const url = 'https://psa.example-msp.com/ticket?id=5';
    expect(pageOf(url, [{ origin: 'https://psa.example-msp.com', kind: 'connectwise' }])).toMatchObject({ kind: 'connectwise', ticket: null });
    expect(pageOf(url, [{ origin: 'https://psa.example-msp.com', kind: 'halo' }])).toMatchObject({ kind: 'halo', ticket: { id: '5' } });
    const cwUrl = 'https://psa.example-msp.com/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=7';
    expect(pageOf(cwUrl, [{ origin: 'https://psa.example-msp.com', kind: 'halo' }])).toMatchObject({ kind: 'halo', ticket: null });
    // Not connected at all: no page.
    expect(pageOf(url)).toBeNull();
    expect(pageOf(cwUrl)).toBeNull();
  });

  it('on a connected origin of unknown PSA (ConnectWise or Halo), tells them by ConnectWise\'s codebase folder', () => {
    const origin = ['https://psa.example-msp.com'];
    expect(pageOf('https://psa.example-msp.com/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=7', origin)).toMatchObject({ kind: 'connectwise', ticket: { id: '7' } });
    expect(pageOf('https://psa.example-msp.com/ticket?id=5', origin)).toMatchObject({ kind: 'halo', ticket: { id: '5' } });
    expect(pageOf('https://psa.example-msp.com/v2025_1/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=8', origin)).toMatchObject({ kind: 'connectwise', ticket: { id: '8' } });
    expect(pageOf('https://psa.example-msp.com/login/companyinfo/acme', origin)).toBeNull();
    expect(pageOf('https://psa.example-msp.com/portal/ticket?id=5', origin)).toBeNull();
  });

  it('takes malformed input without throwing: bad escapes, bad state JSON, no URL at all', () => {
    expect(pageOf('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx#XQ%zz??ServiceTicket')).toMatchObject({ ticket: null, ticketOnScreen: true });
    expect(pageOf('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx#startscreen=sr150&state={"p":')).toMatchObject({ ticket: null });
    expect(pageOf('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=%E0%A4%A')).toMatchObject({ ticket: null });
    for (const bad of ['not a url', '', 'chrome://extensions', 'javascript:alert(1)', 'file:///etc/passwd']) expect(pageOf(bad)).toBeNull();
  });
});

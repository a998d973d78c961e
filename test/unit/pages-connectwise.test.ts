import { describe, expect, it } from 'vitest';
import { connectWiseTicketId, isConnectWisePage } from '../../utils/pages/connectwise';

const pages: [string, boolean, string | null][] = [
  ['https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?fullscreen=false&locale=en_US', true, null],
  ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=4821', true, '4821'],
  ['https://eu.myconnectwise.net/v2025_1/services/system_io/router/openrecord.rails?locale=en_US&recordType=ServiceFv&recid=77', true, '77'],
  ['https://aus.myconnectwise.net/v2024_2/ConnectWise.aspx?routeto=servicefv&RecId=9', true, '9'],
  ['https://staging.connectwisedev.com/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=12', true, '12'],
  ['https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?routeTo=CompanyFV&recid=12', true, null],
  ['https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=abc', true, null],
  // Not pages: the API host, the login screen, other sites that merely mention ConnectWise.
  ['https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets', false, null],
  ['https://na.myconnectwise.net/login/companyinfo/pullboard', false, null],
  ['https://na.myconnectwise.net.evil.example/v2025_1/ConnectWise.aspx', false, null],
  ['https://www.connectwise.com/platform/psa', false, null],
  ['https://example.com/?q=myconnectwise.net', false, null],
  ['chrome://extensions', false, null],
  ['not a url', false, null],
];

describe('ConnectWise page detection', () => {
  it.each(pages)('%s → page %s, ticket %s', (url, page, ticket) => {
    expect(isConnectWisePage(url)).toBe(page);
    expect(connectWiseTicketId(url)).toBe(ticket);
  });

  it('knows an on-premise server once the user adds it', () => {
    const url = 'https://psa.example-msp.com/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=5';
    expect(isConnectWisePage(url)).toBe(false);
    expect(isConnectWisePage(url, ['https://psa.example-msp.com'])).toBe(true);
  });
});

/** Page detection for all three PSAs, against lists of real URL shapes — and their negatives. */
import { describe, expect, it } from 'vitest';
import { autotaskTicketId, isAutotaskPage } from '../../utils/pages/autotask';
import { haloTicketId, isHaloPage } from '../../utils/pages/halo';
import { connectWiseTicketId, isConnectWisePage } from '../../utils/pages/connectwise';

type Row = [url: string, page: boolean, ticket: string | null];

const autotask: Row[] = [
  ['https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=29296', true, '29296'],
  ['https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=1&ticketId=771', true, '771'],
  ['https://ww3.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=12', true, '12'],
  ['https://ww3.autotask.net/autotask/autotaskextend/executecommand.aspx?code=openticketdetail&ticketid=12', true, '12'],
  ['https://ww3.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20261125.0042', true, null],
  ['https://ww5.autotask.net/Mvc/ServiceDesk/TicketGrid.mvc?queueId=29682833', true, null],
  ['https://ww5.autotask.net/Autotask/Views/DashboardHome.aspx', true, null],
  ['https://ww5.autotask.net/Mvc/Framework/Authentication.mvc/Authenticate', false, null],
  ['https://webservices5.autotask.net/ATServicesRest/V1.0/Tickets/query', false, null],
  ['https://www.autotask.net/', false, null],
  ['https://ww5.autotask.net.evil.example/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1', false, null],
  ['http://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1', false, null],
];

const halo: Row[] = [
  ['https://acme.halopsa.com/ticket?id=123', true, '123'],
  ['https://acme.halopsa.com/ticket?id=123&action_id=4', true, '123'],
  ['https://acme.halopsa.com/tickets?area=1&filter=open&id=77', true, '77'],
  ['https://support.haloitsm.com/ticket?id=9', true, '9'],
  ['https://msp.haloservicedesk.com/tickets', true, null],
  ['https://acme.halopsa.com/portal/ticket?id=123', false, null],
  ['https://acme.halopsa.com/portal/', false, null],
  ['https://acme.halopsa.com/api/Tickets/123', false, null],
  ['https://acme.halopsa.com/auth/login', false, null],
  ['https://halopsa.com/pricing', false, null],
  ['https://acme.halopsa.com.evil.example/ticket?id=1', false, null],
];

const connectWise: Row[] = [
  ['https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=4821', true, '4821'],
  ['https://eu.myconnectwise.net/v2025_1/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=77', true, '77'],
  ['https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets', false, null],
  ['https://na.myconnectwise.net/login/companyinfo/acme', false, null],
];

describe('page detection', () => {
  it.each(autotask)('Autotask %s', (url, page, ticket) => {
    expect(isAutotaskPage(url)).toBe(page);
    expect(autotaskTicketId(url)).toBe(ticket);
  });
  it.each(halo)('Halo %s', (url, page, ticket) => {
    expect(isHaloPage(url)).toBe(page);
    expect(haloTicketId(url)).toBe(ticket);
  });
  it.each(connectWise)('ConnectWise %s', (url, page, ticket) => {
    expect(isConnectWisePage(url)).toBe(page);
    expect(connectWiseTicketId(url)).toBe(ticket);
  });
  it('no PSA claims another PSA\'s pages', () => {
    for (const [url] of [...autotask, ...connectWise]) expect(isHaloPage(url)).toBe(false);
    for (const [url] of [...halo, ...connectWise]) expect(isAutotaskPage(url)).toBe(false);
    for (const [url] of [...halo, ...autotask]) expect(isConnectWisePage(url)).toBe(false);
  });
  it('knows a self-hosted Halo once the user adds it', () => {
    expect(isHaloPage('https://helpdesk.example-msp.com/ticket?id=5')).toBe(false);
    expect(haloTicketId('https://helpdesk.example-msp.com/ticket?id=5', ['https://helpdesk.example-msp.com'])).toBe('5');
  });
});

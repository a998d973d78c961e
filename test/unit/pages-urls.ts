/**
 * Real page URLs of the three PSAs, as public sources show them, with what Pullboard must make of each.
 *
 * Every row names its source. `owner/repo: path` where the repository is known; `code #N` is a file of the
 * public-code index these rows were collected from (GitHub source files; the index gives each file a number,
 * not always its repository) with what the file is. Placeholders in a source (`${id}`, `%d`, `{0}`) are filled
 * with a number; "shape from X" marks a row whose host or number is ours but whose path and query X shows.
 * Rows without a public source (the simulator's own shapes) are not here: they live in the simulator's tests.
 *
 * expect: `none` — not a page of the agent app (API, sign-in, portal, help, docs, look-alike): no dock;
 *         `app` — an app page that names no ticket; `screen` — the URL says a ticket is open but not which
 *         (the page header must say); `{id}` / `{number}` — the ticket it names.
 */
import type { ConnectedOrigin, PageTicket } from '../../utils/pages';
import type { PsaKind } from '../../utils/psa/kinds';

export type Expect = 'none' | 'app' | 'screen' | Exclude<PageTicket, null>;
export interface UrlRow {
  kind: PsaKind;
  url: string;
  expect: Expect;
  source: string;
  /** A self-hosted server the row's origin belongs to. */
  connected?: ConnectedOrigin[];
}

const cw = (url: string, expect: Expect, source: string, connected?: ConnectedOrigin[]): UrlRow => ({ kind: 'connectwise', url, expect, source, connected });
const at = (url: string, expect: Expect, source: string): UrlRow => ({ kind: 'autotask', url, expect, source });
const halo = (url: string, expect: Expect, source: string, connected?: ConnectedOrigin[]): UrlRow => ({ kind: 'halo', url, expect, source, connected });
const onPrem = (origin: string): ConnectedOrigin[] => [{ origin, kind: 'connectwise' }];
const selfHostedHalo = (origin: string): ConnectedOrigin[] => [{ origin, kind: 'halo' }];

export const CONNECTWISE_URLS: UrlRow[] = [
  // Ticket links ConnectWise's e-mails and other tools build: fv_sr100_request.rails?service_recid=
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=48211&companyName=securenetit', { id: '48211' }, 'code #35938661020 (Go chat bot, ticketLink)'),
  cw('https://aus.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=77120&companyName=acme', { id: '77120' }, 'code #23629636791 (C# Teams bot card, "View ticket")'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=5021&companyName=corsica', { id: '5021' }, 'code #42074569119 (AutoIt clipboard tool)'),
  cw('https://cw.peakesupport.com/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=90113&companyName=peake', { id: '90113' }, 'code #37109074105 (launcher links README)', onPrem('https://cw.peakesupport.com')),
  cw('https://cw1.transparent.ca/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=31337&companyName=tsc', { id: '31337' }, 'code #21092571665 (Angular dashboard)', onPrem('https://cw1.transparent.ca')),
  cw('https://connect.example.com/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=12345', { id: '12345' }, 'code #67184138154 (Python client docs, get_ticket_url output)', onPrem('https://connect.example.com')),
  cw('https://na.example.com/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001', { id: '1001' }, 'code #70074853285 (PowerShell e-mail test)', onPrem('https://na.example.com')),
  cw('https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=4410', { id: '4410' }, 'AttenSean/userscripts: attentus-cw-copy-ticket-link.user.js (buildTicketUrl under the page\'s codebase)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=66001', { id: '66001' }, 'AttenSean/userscripts: attentus-cw-ticket-open-in-new-tab.user.js (PATH)'),
  // ConnectWise.aspx?routeTo=…FV&recid=
  cw('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=24680', { id: '24680' }, 'shape from code #23448136766 (escalation bot message)'),
  cw('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=13579', { id: '13579' }, 'shape from code #23188340826 (bot ticketStr)'),
  cw('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=TimeEntryFV&recid=880', 'app', 'shape from code #23276299803 (time entry link)'),
  cw('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=TimeEntryFV&recid=881', 'app', 'shape from code #23527856558 (password-in-notes bot)'),
  cw('https://psa.example-msp.com/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=3321', { id: '3321' }, 'shape from code #52581409960 (self-hosted deep links reference)', onPrem('https://psa.example-msp.com')),
  cw('https://psa.example-msp.com/v2025_1/ConnectWise.aspx?routeTo=AccountFV&recid=19', 'app', 'shape from code #52581409960 (company record)', onPrem('https://psa.example-msp.com')),
  cw('https://psa.example-msp.com/v2025_1/ConnectWise.aspx?routeTo=ConfigFV&recid=208', 'app', 'shape from code #52581409960 (configuration record)', onPrem('https://psa.example-msp.com')),
  cw('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?routeTo=Ticket/4412', 'app', 'code #19112638320 (Tk desktop tool, a link shape the app does not route)'),
  cw('https://na.myconnectwise.net/v2024_1/ConnectWise.aspx?routeTo=ServiceFV&recid=77', { id: '77' }, 'KerkhoffTechnologies/django-connectwise: djconnectwise/models.py (via psa-api.md)'),
  // openrecord.rails?recordType=…Fv&recid=
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=ServiceFv&recid=55012&companyName=acme', { id: '55012' }, 'code #11667641992 (PHP ticket report table)'),
  cw('https://na.myconnectwise.net/v2024_2/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=902', { id: '902' }, 'KerkhoffTechnologies/django-connectwise: djconnectwise/models.py (via psa-api.md)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ConfigFv&recid=311&companyName=atgfw', 'app', 'code #70683876865 (cwConfigUrl)'),
  cw('https://manage.velomethod.com/v4_6_release/services/system_io/router/openrecord.rails?recordType=OpportunityFV&recid=1&companyName=velo', 'app', 'code #42842339691 (opportunity external link)', onPrem('https://manage.velomethod.com')),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=ConfigFv&recid=77', 'app', 'code #29240407631 (Slack bot linkConfig)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid=0&newWindow=false', 'app', 'code #52443504316 (add-company link)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=ContactFV&companyName=nexigen&recid=42', 'app', 'code #13121858883 (Go GetViewUrl, contact)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=ActivityFv&recid=1&companyName=Company', 'app', 'code #25481593175 (PHP URL builder test)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ProjectHeaderFV&recid=61', 'app', 'code #36722541167 (React project list)'),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&companyName=ainfosys', 'app', 'code #55199275664 (userscript connectwiseUrlBase)'),
  // The single-page app's own address bar: ConnectWise.aspx with a state after #
  cw('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US#XQAACAB1AAAAAAAAAAA9iIoG07$U9W$OXqU2f868IPYhCwZbCCkq??ServiceTicket', 'screen', 'code #52843972309 (Discord bot _generate_cw_link: LZMA state, $ and _ for + and /)'),
  cw('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US#XQAACAB2AAAAAAAAAAA9iIoG07$U9XZqpLgsNh??ServiceTicket', 'screen', 'code #52516129208 (the same bot, another copy)'),
  cw('https://connect.meriplex.com/v4_6_release/ConnectWise.aspx?locale=en_US#XQAACABaAAAAAAAAAAA9iIoG07$U9XZqpLgsNh4oLBjXAw2UR$ZvUcrqictbnx0_BMcdsZ5Q6OJUFtMBn7ZMg_hpPtbY6QBMfpTesM7HmABVL$17jeTldcZjnDRx$8BFgA==??ProductList', 'app', 'code #43567052363 (SOP, product catalog link)', onPrem('https://connect.meriplex.com')),
  cw('https://cwdev.meriplex.com/v4_6_release/ConnectWise.aspx?locale=en_US#XQAACAD3AAAAAAAAAAA9iIoG07$U9XZqpLgsNhRsIxDiSt5jjN5fOx8L26COGHXJa4h4YruSL$0AZMlhTU5vIbaU21bIUdSioQiQpXPcKuNyFjs2UnA1AusSgAyO2LVSFfNdH_QbesxRhExr1opBoiLoeY6x591qsmeOKcRMGrFo23CHoM_nQds7FdfNY7tWYD0l3PUV', 'app', 'code #43957334184 (integration docs, settings screen)', onPrem('https://cwdev.meriplex.com')),
  cw('https://cw2.dcstopeka.com/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#XQAACADDAwAAAAAAAAA9iIoG07$U9W$OXqU2f868IPYhCwZbCCkqIYRFHeyR$YSSk0sjl7aoF9AsnZZhVeOB946uvkjbEleT3$QSnKOPbfpwf5Rpm4pnPk1eG4JyNyw4s7vLKmXij22FiyTB2oZqWkMCXeweztjksT8JcyXpS28QKVqeMlfe', 'app', 'code #17019262232 (Selenium script start URL)', onPrem('https://cw2.dcstopeka.com')),
  cw('https://na.myconnectwise.net/v2025_1/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr150&state=%7B%22p%22:%22sr150%22,%20%22s%22:%7B%22p%22:%7B%22pid%22:184,%20%22rd%22:38855,%20%22screenid%22:%22sr100%22%7D%7D%7D', { id: '38855' }, 'code #52947783670 (userscript ticketUrl: the older readable state)'),
  cw('https://na.myconnectwise.net/v2020_3/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr200', 'app', 'code #17496189807 (Selenium script: the service board)'),
  cw('https://na.myconnectwise.net/v2020_3/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr200', 'app', 'code #17607932913 (another copy of the Selenium script)'),
  cw('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?fullscreen=false&locale=en_US#startscreen=activity_detail&state={"p":"activity_detail", "s":{"p":{"pid":3, "rd": 5 ,"compId":0, "contId":0, "oppid":0}}}', 'app', 'code #28196120469 (PHP activity link: rd of an activity, not a ticket)'),
  cw('https://na.myconnectwise.net/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=my_calendar', 'app', 'code #23283632165 (bot calendar link)'),
  cw('https://cw.peakesupport.com/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=navigationsearch&state=%7B%22p%22:%22navigationsearch%22,%20%22s%22:%7B%22p%22:%7B%22t%22:%22Tickets%22,%20%22s%22:%22printer%22%7D%7D%7D', 'app', 'code #37109074105 (search launcher)', onPrem('https://cw.peakesupport.com')),
  // Not the app: customer portal, company discovery, API and its docs, other sites
  cw('https://connect.zagtech.com/v4_6_Release/services/system_io/customerportal/portal.html?company=zag', 'none', 'code #17446632229 (MSP site menu, "Customer Portal")', onPrem('https://connect.zagtech.com')),
  cw('https://cw.electronicoffice.net/v4_6_release/services/system_io/customerportal/portal.html?company=electronicoffice&locale=en#LoginPagePlace:LOGOUT', 'none', 'code #54096291712 (Playwright script, portal sign-in)', onPrem('https://cw.electronicoffice.net')),
  cw('https://rsmconnect.rsmus.com/v4_6_release/services/system_io/customerportal/portal.html?company=mcgladrey&locale=en#', 'none', 'code #42445994839 (runbook, "RSM Service Portal")', onPrem('https://rsmconnect.rsmus.com')),
  cw('https://na.myconnectwise.net/v4_6_release/services/system_io/customerportal/portal.html?company=acme&locale=en#LoginPagePlace:LOGOUT', 'none', 'shape from code #54096291712 (the portal on a cloud host)'),
  cw('https://na.myconnectwise.net/login/companyinfo/scaatl', 'none', 'code #7879101180 (Python company info)'),
  cw('https://na.myconnectwise.net/login/companyinfo/connectwise', 'none', 'code #61638713378 (integration guide, Calling Company Info)'),
  cw('https://api-na.myconnectwise.net/login/companyinfo/connectwise', 'none', 'code #26136618050 (PowerShell CodeBase lookup)'),
  cw('https://na.myconnectwise.net/v4_6_release/apis/3.0', 'none', 'code #30501693430 (generated client docs, base URI)'),
  cw('https://api-na.myconnectwise.net/v4_6_release/apis/3.0', 'none', 'code #3836351680 (Ruby client docs, base URI)'),
  cw('https://aus-api.myconnectwise.net/v4_6_release/apis/3.0', 'none', 'code #32279942725 (Python client docs, base URI)'),
  cw('https://api-na.myconnectwise.net/v4_6_release/apis/3.0/service/tickets', 'none', 'code #71318707405 (connector docs, ApiEndpoint)'),
  cw('https://na.myconnectwise.net/v4_6_release/apis/3.0/service/tickets', 'none', 'code #895235830 (Java baseUrl + tickets)'),
  cw('https://na.myconnectwise.net.evil.com/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=1', 'none', 'look-alike host named in issue 13'),
  cw('https://www.connectwise.com/platform/psa', 'none', 'not from a public source: ConnectWise\'s own marketing site'),
];

export const AUTOTASK_URLS: UrlRow[] = [
  // The ticket page, by id (the pop-up ExecuteCommand opens)
  at('https://ww15.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=41170&ticketId=41170', { id: '41170' }, 'code #12044876459 (Teams bot ticket card)'),
  at('https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=29296', { id: '29296' }, 'shape from code #53034648951 (browser extension urlTemplate, {instance}.autotask.net)'),
  at('https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?TicketId=8812', { id: '8812' }, 'code #59428311231 (TypeScript ticketUrl)'),
  at('https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=53203&ticketId=53203', { id: '53203' }, 'code #47551132500 (AutoHotkey: the URL ExecuteCommand\'s pop-up shows)'),
  at('https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=48934', { id: '48934' }, 'code #47551132500 (AutoHotkey, a project ticket)'),
  at('https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=701&ids%5B1%5D=702&ticketId=702', { id: '702' }, 'code #70529348324 (queue monitor userscript ticketUrl, next/prev ids)'),
  at('https://ww3.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc', 'app', 'shape from code #53334449662 (zone base without a ticket)'),
  at('https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?TicketNumber=T20240101.0001', { number: 'T20240101.0001' }, 'code #52775261930 (runbook URL table, "Ticket Detail (template)")'),
  at('https://ww14.autotask.net/Mvc/Framework/CommonPage.mvc/PageState/Navigate?PageName=TicketDetail&Id=61205', { id: '61205' }, 'code #53179417220 (getAutotaskTicketUrl)'),
  at('https://ww14.autotask.net/Mvc/Framework/CommonPage.mvc/PageState/Navigate?PageName=ProjectDetail&Id=310', 'app', 'code #53179417220 (getAutotaskProjectUrl)'),
  contractika('https://ww5.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=29297', { id: '29297' }),
  // ExecuteCommand: by id or by number
  at('https://ww14.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=53203', { id: '53203' }, 'code #47551132500 (AutoHotkey "before" URL)'),
  at('https://ww1.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=1001', { id: '1001' }, 'code #71563892339 (native link test)'),
  at('https://ww14.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=37708', { id: '37708' }, 'code #3532102141 (Express route comment)'),
  at('https://ww14.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=37709', { id: '37709' }, 'code #3615594517 (another copy of the route)'),
  at('https://ww14.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=52001', { id: '52001' }, 'code #39828137432 (service call ticketInfo)'),
  at('https://ww1.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=123', { id: '123' }, 'code #71279951570 (entity link table test)'),
  contractika('https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=29296', { id: '29296' }),
  at('https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20250930.0256', { number: 'T20250930.0256' }, 'shape from code #56720901899 (AI review ticketUrl by number)'),
  at('https://ww4.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20190312.0042', { number: 'T20190312.0042' }, 'code #983793094 (Slack bot dattoTicketDetail, DATTO_LOCATION ww4)'),
  at('https://ww4.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20180105.0007', { number: 'T20180105.0007' }, 'code #11952472619 (Slack slash command)'),
  at('https://ww7.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20160401.0123', { number: 'T20160401.0123' }, 'code #3267670404 (Hubot, T\\d{8}\\.\\d+ tickets)'),
  at('https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20251103.0311', { number: 'T20251103.0311' }, 'code #70529348324 (queue monitor commandUrl)'),
  at('https://ww2.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20230707.0010', { number: 'T20230707.0010' }, 'shape from code #28386469340 (PowerShell $AutotaskExe)'),
  at('https://ww2.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=T20230707.0011', { number: 'T20230707.0011' }, 'shape from code #28199016076 (PowerShell $AutotaskExe)'),
  at('https://ww3.autotask.net/autotask/autotaskextend/executecommand.aspx?code=openticketdetail&ticketnumber=t20240101.0001', { number: 'T20240101.0001' }, 'shape from code #983793094 (Autotask reads the names case-insensitively)'),
  // Other records by ExecuteCommand, and other app pages: the app, no ticket
  at('https://ww14.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTaskDetail&taskid=45088', 'app', 'code #47551132500 (project task)'),
  at('https://ww14.autotask.net/Mvc/Projects/TaskDetail.mvc?taskID=45088', 'app', 'code #47551132500 (project task page)'),
  at('https://ww4.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTaskDetail&TaskNumber=T20190312.0042', 'app', 'code #983793094 (dattoTaskDetail: a task number is no ticket)'),
  at('https://ww31.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenContract&ContractID=7731', 'app', 'code #63107192009 (contract link)'),
  at('https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenOpportunity&OpportunityID=120', 'app', 'code #12246420367 (Vue SOW opportunity link)'),
  at('https://ww2.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenAccount&AccountID=310', 'app', 'shape from code #28199016076 ($AutotaskAcct)'),
  at('https://ww2.autotask.net/Autotask/AutotaskExtend/AutotaskCommand.aspx?&Code=OpenInstalledProduct&InstalledProductID=88', 'app', 'shape from code #28386469340 ($AutotaskDev)'),
  at('https://ww5.autotask.net/Mvc/ServiceDesk/TicketServiceCallToDoTab.mvc/ServiceCallToDo?ticketId=29296&isTicketEditEnabled=False&MvcAjaxIdentifier=1', 'app', 'code #32169387926 (userscript: a tab of the ticket page fetched by Ajax, not the page)'),
  at('https://ww19.autotask.net/Mvc/ServiceDesk/TicketGridWidgetDrilldown.mvc/PrimaryStandardDrilldown?ContentId=EXAMPLE', 'app', 'code #6759509964 (dashboard drilldown README)'),
  at('https://ww14.autotask.net/Mvc/ServiceDesk/TicketGridSearch.mvc/Index', 'app', 'code #52775261930 (runbook URL table)'),
  at('https://ww4.autotask.net/Autotask/ServiceDesk/Tickets.aspx?queueID=29682934', 'app', 'code #9295257002 (queue id how-to)'),
  at('https://ww1.autotask.net/Mvc/ServiceDesk/TicketEdit.mvc', 'app', 'code #17848288502 (AutoTitle userscript @match)'),
  at('https://ww1.autotask.net/Mvc/ServiceDesk/TicketNew.mvc', 'app', 'code #17848288502 (AutoTitle userscript @match)'),
  at('https://lr.autotask.net/Autotask/Views/DispatcherWorkshop/DispatcherWorkshopContainer.aspx', 'app', 'code #34276934812 (PowerShell working tabs, "Autotask - Schedule")'),
  at('https://lr.autotask.net/Mvc/Framework/Navigation.mvc/Landing', 'app', 'code #34276934812 ("Autotask - Dashboard")'),
  at('https://ww5.autotask.net/Mvc/Framework/Navigation.mvc/Landing', 'app', 'code #70429888544 (queue monitor test: the landing shell)'),
  at('https://ww16.autotask.net/Mvc/Framework/Navigation.mvc/Landing', 'app', 'code #25915193794 (AutoHotkey login)'),
  at('https://ww5.autotask.net/Autotask/Popups/TechScheduling/service_call.aspx?service_call_id=9001', 'app', 'code #70529348324 (queue monitor callUrl)'),
  // Not the app: sign-in, client portal, help, API
  at('https://www.autotask.net/Mvc/Framework/Authentication.mvc/Authenticate', 'none', 'code #331822526 (Selenium login)'),
  at('https://ww5.autotask.net/Mvc/Framework/Authentication.mvc/Authenticate', 'none', 'code #30234188724 (NW.js login window)'),
  at('https://ww4.autotask.net/Mvc/Framework/Authentication.mvc/Authenticate?ReturnUrl=%2fMvc%2fFramework%2fNavigation.mvc%2fLanding', 'none', 'code #42818801359 (app launcher: sign-in with the shell to return to)'),
  at('https://ww3.autotask.net/ClientPortal/login.aspx?ci=302139&accountId=431', 'none', 'code #7883061453 (SOP, "IT Help Desk" portal)'),
  at('https://ww18.autotask.net/ClientPortal/LandingPage/LandingPage.aspx?fromLogin=1', 'none', 'code #34082995716 (collector website)'),
  at('https://ww5.autotask.net/ClientPortal/Login.aspx?ci=12137', 'none', 'code #38790359472 (MSP site "Trouble Tickets")'),
  at('https://ww4.autotask.net/ClientPortal/Login.aspx?ci=801912', 'none', 'code #31651020067 (React portal link)'),
  at('https://ww3.autotask.net/ClientPortal/Login.aspx?ci=301020', 'none', 'code #32192187130 (WinForms ticket link)'),
  at('https://ww14.autotask.net/help/DeveloperHelp/Content/AdminSetup/2ExtensionsIntegrations/APIs/REST/Entities/AppointmentsEntity.htm', 'none', 'code #3676243020 (PHP client @see)'),
  at('https://ww14.autotask.net/help/DeveloperHelp/Content/AdminSetup/2ExtensionsIntegrations/APIs/REST/Entities/ContactWebhooksEntity.htm', 'none', 'code #4087558635 (PHP client @see)'),
  at('https://www.autotask.net/help/DeveloperHelp/Content/APIs/REST/Entities/ServiceCallTicketsEntity.htm', 'none', 'code #52462798620 (Pipedream action docs link)'),
  at('https://autotask.net/help/developerhelp/content/apis/rest/Entities/ContractAdjustmentsEntity.htm', 'none', 'code #53965544100 (TypeScript client @see)'),
  at('https://awp.autotask.net/help/Content/0_HOME/Support_for_End_Clients.htm', 'none', 'code #34281765690 (translated docs)'),
  at('https://webservices3.autotask.net/ATServicesRest/V1.0/Tickets/query', 'none', 'furdog72/TotalCareIT: docs/AUTOTASK-API-SUCCESS.md'),
  at('https://webservices.autotask.net/ATServicesRest/V1.0/zoneInformation?user=api@example.com', 'none', 'apigrate/autotask-restapi (via psa-api.md)'),
  at('https://webservices1.autotask.net/Mvc/Framework/Modules/Client/ManageClient.mvc?companyId=12', 'none', 'code #54087034103 (a page path on the API host: no app there)'),
  at('https://ww5.autotask.net.evil.com/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1', 'none', 'look-alike host, as issue 13 names them'),
];

function contractika(url: string, expect: Expect): UrlRow {
  return at(url, expect, 'contractika-org/contractika: SALine.class.php (via psa-api.md)');
}

export const HALO_URLS: UrlRow[] = [
  halo('https://example.halopsa.com/ticket?id=4021', { id: '4021' }, 'code #70972486741 (delivery health haloTicketUrl)'),
  halo('https://gagepsa.halopsa.com/ticket?id=3310', { id: '3310' }, 'code #55991842077 (dispatch board docs, ticket URL prefix)'),
  halo('https://gagepsa.halopsa.com/ticket?id=3311', { id: '3311' }, 'code #55621664841 (dispatch board apiBaseUrl)'),
  halo('https://signl4.halopsa.com/ticket?id=120', { id: '120' }, 'code #10979251888 (SIGNL4 runbook, Link)'),
  halo('https://contoso.halopsa.com/ticket?id=501', { id: '501' }, 'code #71233302819 (GetTicketUrlTemplateAsync test)'),
  halo('https://acme.halopsa.com/ticket?id=88&action_id=3', { id: '88' }, 'stellarcyber/halopsa-ticket-sync (via psa-api.md: ticket with action_id)'),
  halo('https://yourcompany.halopsa.com/tickets?id=12345', { id: '12345' }, 'code #32219207906 (ticket update skill output)'),
  halo('https://yourcompany.halopsa.com/tickets?id=54321', { id: '54321' }, 'code #46268915614 (ticket create skill output)'),
  halo('https://yourcompany.halopsa.com/tickets?id=12346', { id: '12346' }, 'code #32525365879 (action skill output)'),
  halo('https://sandbox.halopsa.com/tickets?id=9001', { id: '9001' }, 'code #61967650240 (report test markTicketCreated)'),
  halo('https://proips.halopsa.com/tickets?&id=771', { id: '771' }, 'code #35101150998 (Chrome extension opening a selected number)'),
  halo('https://acme.halopsa.com/tickets?id=9002', { id: '9002' }, 'code #62090378804 (phish report test)'),
  halo('https://acme.halopsa.com/tickets?id=502', { id: '502' }, 'code #69683749245 (C# handler test)'),
  halo('https://stellardev.halopsa.com/tickets?showalltickettypes=1&mainview=all&viewid=1&selid=-1&sellevel=1&selparentid=0&id=2820', { id: '2820' }, 'code #23609388873 (getHaloPsaTicketUrl comment: a ticket inside the list view)'),
  halo('https://acme.halopsa.com/tickets?ticketid=311', { id: '311' }, 'shape from code #53034648951 (browser extension urlTemplate)'),
  halo('https://simvay.halopsa.com/tickets?area=13&mainview=myviews&viewid=4&selid=15&sellevel=1', 'app', 'code #67414599350 (sales pipeline view)'),
  halo('https://simvay.halopsa.com/tickets?area=13&mainview=myviews&viewid=4&selid=15&sellevel=1&id=-1', 'app', 'code #67414599350 ("New Opportunity form": id=-1)'),
  halo('https://support.acme.example/ticket?id=42', { id: '42' }, 'shape from stellarcyber/halopsa-ticket-sync on a self-hosted domain', selfHostedHalo('https://support.acme.example')),
  // Not the app: end-user portal, auth server, API, API docs
  halo('https://itanywhere.halopsa.com/portal/', 'none', 'code #52034612713 (tray app PORTAL_URL)'),
  halo('https://itassurance.halopsa.com/portal', 'none', 'code #71157975015 (API notes, bookingurl prefix)'),
  halo('https://csplighthouse.halopsa.com/portal', 'none', 'code #42472183277 ("LOGIN TO PORTAL")'),
  halo('https://simvay.halopsa.com/portal', 'none', 'code #67111653007 (portal branding notes)'),
  halo('https://mainstreet.halopsa.com/portal/home', 'none', 'code #52824209286 (client login CTA)'),
  halo('https://support.halopsa.com/portal/kb/articles/haloapi', 'none', 'code #63224520521 (API source list: Halo\'s own knowledge base)'),
  halo('https://apidoc.halopsa.com/', 'none', 'code #63224520521 (API source list: Halo\'s API docs)'),
  halo('https://acme.halopsa.com/portal/ticket?id=123', 'none', 'Interconnekt/HaloPSA-Styling (via psa-api.md: the portal\'s ticket)'),
  halo('https://acme.halopsa.com/auth/token?tenant=acme', 'none', 'code #69683749245 (token URL)'),
  halo('https://contoso.halopsa.com/api/', 'none', 'code #71233302819 (ResourceServerUrl)'),
  halo('https://acme.halopsa.com/api/Tickets?pageinate=true&page_size=100&page_no=1', 'none', 'uktrade/help-desk-service (via psa-api.md)'),
  halo('https://support.acme.example/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=7', 'app', 'shape from code #52581409960 on a server connected as Halo: never read as ConnectWise', selfHostedHalo('https://support.acme.example')),
  halo('https://acme.halopsa.com.evil.com/ticket?id=1', 'none', 'look-alike host, as issue 13 names them'),
];

export const ALL_URLS: UrlRow[] = [...CONNECTWISE_URLS, ...AUTOTASK_URLS, ...HALO_URLS];

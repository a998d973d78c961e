/**
 * The seeded MSP every dialect of the simulator serves: techs, teams, skills, companies, contacts, boards,
 * statuses, priorities, SLAs and tickets. PSA-neutral on purpose: times are epoch milliseconds, references
 * are ids, and nothing here knows how ConnectWise, Autotask or Halo spell a field. Deterministic from the
 * seed and relative to the clock's "now" at start.
 */
import { createRandom, type Random } from './random';
import { DEFAULT_HISTORY_DAYS, seedHistory } from './seed-history';

export const DEMO_COMPANY_ID = 'pullboard';
/** The integration's clientId (ConnectWise) that the simulator accepts. */
export const DEMO_CLIENT_ID = '3f6c1a2e-8b4d-4e7a-9c15-2d7e0b9a4f61';
export const MSP_NAME = 'Pullboard Demo MSP';
/** The summary of one seeded ticket, for tests that check ticket text is rendered inert. */
export const XSS_SUMMARY = '<img src=x onerror=window.__pwned=1>';
export const FIRST_TICKET_ID = 10001;

export type StatusKind = 'new' | 'triage' | 'ready' | 'inProgress' | 'waiting' | 'scheduled' | 'completed' | 'closed';
export type Skill = 'network' | 'm365' | 'printers' | 'security' | 'backup' | 'hardware' | 'software' | 'projects';

export interface SimTeam { id: number; name: string; boardId: number }
export interface SimMember {
  id: number;
  identifier: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  teamId: number;
  /** Pullboard's skills: no PSA has an API for them, so they live here for tests and the demo. */
  skills: Skill[];
  /** False for the service manager, who works the PSA's web app and holds no API key of ours. */
  isTech: boolean;
  inactive: boolean;
  publicKey: string;
  privateKey: string;
}
export interface SimCompany { id: number; identifier: string; name: string; slaId: number; phone: string }
export interface SimContact { id: number; companyId: number; firstName: string; lastName: string; email: string }
export interface SimBoard { id: number; name: string; teamId: number }
export interface SimStatus {
  id: number;
  boardId: number;
  name: string;
  sortOrder: number;
  closed: boolean;
  isDefault: boolean;
  /** What the status means to the simulator (when a ticket counts as responded, resolved...). Never served. */
  kind: StatusKind;
}
export interface SimPriority { id: number; name: string; sortOrder: number; color: string; isDefault: boolean }
export interface SimSlaTarget { priorityId: number; respondHours: number; planWithinHours: number; resolutionHours: number }
export interface SimSla { id: number; name: string; isDefault: boolean; targets: SimSlaTarget[] }
export interface SimTicketType { id: number; boardId: number; name: string; skill: Skill }
export interface SimSubType { id: number; boardId: number; typeId: number; name: string }
export type TicketSource = 'Email' | 'Phone' | 'Portal';
export type Level = 'Low' | 'Medium' | 'High';

export interface SimTicket {
  id: number;
  summary: string;
  boardId: number;
  statusId: number;
  priorityId: number;
  typeId: number | null;
  subTypeId: number | null;
  teamId: number | null;
  ownerId: number | null;
  companyId: number;
  contactId: number | null;
  slaId: number | null;
  source: TicketSource;
  severity: Level;
  impact: Level;
  enteredAt: number;
  enteredBy: string;
  updatedAt: number;
  updatedBy: string;
  respondBy: number;
  resplanBy: number;
  resolveBy: number;
  respondedAt: number | null;
  resplanAt: number | null;
  resolvedAt: number | null;
  closedBy: string | null;
  requiredDate: number | null;
  budgetHours: number | null;
  actualHours: number;
}
export interface SimTimeEntry {
  id: number;
  ticketId: number;
  memberId: number;
  start: number;
  end: number;
  hours: number;
  notes: string;
  enteredAt: number;
  enteredBy: string;
  updatedAt: number;
}
export interface SimTransition { ticketId: number; fromStatusId: number | null; toStatusId: number; at: number; by: string }

export interface SimData {
  seed: number;
  /** The clock's "now" when the MSP was seeded (whole seconds): every seeded time is relative to it. */
  seededAt: number;
  mspName: string;
  teams: SimTeam[];
  members: SimMember[];
  companies: SimCompany[];
  contacts: SimContact[];
  boards: SimBoard[];
  statuses: SimStatus[];
  priorities: SimPriority[];
  slas: SimSla[];
  ticketTypes: SimTicketType[];
  subTypes: SimSubType[];
  /** Ordered by id. */
  tickets: SimTicket[];
  ticketsById: Map<number, SimTicket>;
  timeEntries: SimTimeEntry[];
  /** Every status change, seeded history first: the basis of flow metrics. */
  transitions: SimTransition[];
}

export interface MemberCredentials { memberId: number; identifier: string; name: string; publicKey: string; privateKey: string }

/** One API key pair per tech, the demo tech first. */
export function memberCredentials(data: SimData): MemberCredentials[] {
  return data.members
    .filter((member) => member.isTech)
    .map((member) => ({
      memberId: member.id,
      identifier: member.identifier,
      name: `${member.firstName} ${member.lastName}`,
      publicKey: member.publicKey,
      privateKey: member.privateKey,
    }));
}

export interface SeedOptions {
  /**
   * A board of exactly this many tickets, open far more than closed (for benchmarks and tests of large
   * boards). Without it, the default desk: `days` of a believable MSP's history (seed-history.ts).
   */
  tickets?: number;
  /** Days of history of the default desk (28). */
  days?: number;
  seed: number;
  now: number;
  /** Techs added beyond the seeded team (for races of many techs); they own no seeded tickets. */
  extraTechs?: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

const TEAMS: SimTeam[] = [
  { id: 11, name: 'Service Desk', boardId: 1 },
  { id: 12, name: 'Projects', boardId: 2 },
  { id: 13, name: 'Network', boardId: 3 },
];
const BOARDS: SimBoard[] = [
  { id: 1, name: 'Service Desk', teamId: 11 },
  { id: 2, name: 'Projects', teamId: 12 },
  { id: 3, name: 'Network Ops', teamId: 13 },
];
const STATUS_LIST: ReadonlyArray<{ name: string; kind: StatusKind; closed: boolean }> = [
  { name: 'New', kind: 'new', closed: false },
  { name: 'Triage', kind: 'triage', closed: false },
  { name: 'Ready', kind: 'ready', closed: false },
  { name: 'In Progress', kind: 'inProgress', closed: false },
  { name: 'Waiting on Client', kind: 'waiting', closed: false },
  { name: 'Scheduled', kind: 'scheduled', closed: false },
  { name: 'Completed', kind: 'completed', closed: true },
  { name: 'Closed', kind: 'closed', closed: true },
];
// Ids deliberately out of rank order: a client must rank by sortOrder, never by id.
const PRIORITIES: SimPriority[] = [
  { id: 6, name: 'Priority 1 - Critical', sortOrder: 1, color: '#ff0000', isDefault: false },
  { id: 15, name: 'Priority 2 - High', sortOrder: 2, color: '#ff8c00', isDefault: false },
  { id: 4, name: 'Priority 3 - Normal', sortOrder: 3, color: '#2e8b57', isDefault: true },
  { id: 7, name: 'Priority 4 - Low', sortOrder: 4, color: '#9e9e9e', isDefault: false },
];
const SLAS: SimSla[] = [
  {
    id: 1,
    name: 'Standard SLA',
    isDefault: true,
    targets: [
      { priorityId: 6, respondHours: 0.5, planWithinHours: 2, resolutionHours: 8 },
      { priorityId: 15, respondHours: 1, planWithinHours: 4, resolutionHours: 24 },
      { priorityId: 4, respondHours: 4, planWithinHours: 16, resolutionHours: 120 },
      { priorityId: 7, respondHours: 8, planWithinHours: 48, resolutionHours: 240 },
    ],
  },
  {
    id: 2,
    name: 'Premium SLA',
    isDefault: false,
    targets: [
      { priorityId: 6, respondHours: 0.25, planWithinHours: 1, resolutionHours: 4 },
      { priorityId: 15, respondHours: 0.5, planWithinHours: 2, resolutionHours: 12 },
      { priorityId: 4, respondHours: 2, planWithinHours: 8, resolutionHours: 48 },
      { priorityId: 7, respondHours: 4, planWithinHours: 24, resolutionHours: 120 },
    ],
  },
];

interface MemberSeed { identifier: string; first: string; last: string; title: string; teamId: number; skills: Skill[]; isTech: boolean }
const MEMBERS: MemberSeed[] = [
  { identifier: 'adunn', first: 'Alex', last: 'Dunn', title: 'Service Desk Technician', teamId: 11, skills: ['m365', 'printers', 'hardware', 'software'], isTech: true },
  { identifier: 'bcole', first: 'Bea', last: 'Cole', title: 'Service Desk Technician', teamId: 11, skills: ['m365', 'security', 'software'], isTech: true },
  { identifier: 'cmendes', first: 'Carlos', last: 'Mendes', title: 'Service Desk Technician', teamId: 11, skills: ['network', 'hardware', 'printers'], isTech: true },
  { identifier: 'dokafor', first: 'Dana', last: 'Okafor', title: 'Senior Technician', teamId: 11, skills: ['m365', 'software', 'backup'], isTech: true },
  { identifier: 'epark', first: 'Eli', last: 'Park', title: 'Service Desk Technician', teamId: 11, skills: ['printers', 'hardware'], isTech: true },
  { identifier: 'fnoor', first: 'Fatima', last: 'Noor', title: 'Senior Technician', teamId: 11, skills: ['security', 'm365', 'network'], isTech: true },
  { identifier: 'glindqvist', first: 'Gus', last: 'Lindqvist', title: 'Service Desk Technician', teamId: 11, skills: ['hardware', 'software'], isTech: true },
  { identifier: 'hsato', first: 'Hana', last: 'Sato', title: 'Project Engineer', teamId: 12, skills: ['projects', 'm365', 'network'], isTech: true },
  { identifier: 'ipetrov', first: 'Ivan', last: 'Petrov', title: 'Project Engineer', teamId: 12, skills: ['projects', 'backup'], isTech: true },
  { identifier: 'jwilson', first: 'Jade', last: 'Wilson', title: 'Network Engineer', teamId: 13, skills: ['network', 'security'], isTech: true },
  { identifier: 'kmensah', first: 'Kofi', last: 'Mensah', title: 'Network Engineer', teamId: 13, skills: ['network', 'backup'], isTech: true },
  { identifier: 'lfischer', first: 'Lena', last: 'Fischer', title: 'Security Engineer', teamId: 13, skills: ['security', 'backup', 'network'], isTech: true },
  { identifier: 'mreyes', first: 'Morgan', last: 'Reyes', title: 'Service Manager', teamId: 11, skills: [], isTech: false },
];
/** The member who changes tickets in the PSA's own web app (updateTicketAsSomeoneElse, dispatch). */
export const SERVICE_MANAGER_IDENTIFIER = 'mreyes';

const COMPANY_NAMES = [
  'Acme Dental', 'Brightwater Legal', 'Cedar & Pine Architects', 'Dunmore Logistics', 'Elm Street Bakery',
  'Fairview Veterinary', 'Granite Peak Insurance', 'Harbor Lights Marina', 'Ironwood Manufacturing',
  'Juniper Health Clinic', 'Keystone Accounting', 'Lakeside School District', 'Maple Grove Realty',
  'Northwind Traders', 'Oakridge Pharmacy', 'Pinecrest Hotel', 'Quarry Hill Construction',
  'Riverbend Credit Union', 'Summit Physiotherapy', 'Tidewater Shipping', 'Unity Community Church',
  'Valley Orthodontics', 'Westfield Library', 'Yellowpine Outfitters', 'Zephyr Media',
];
/** Companies whose users never get a contact record: their tickets have no contact. */
const COMPANIES_WITHOUT_CONTACTS = new Set(['Tidewater Shipping', 'Unity Community Church', 'Westfield Library']);
const PREMIUM_COMPANIES = new Set(['Brightwater Legal', 'Juniper Health Clinic', 'Riverbend Credit Union', 'Oakridge Pharmacy', 'Granite Peak Insurance']);
const FIRST_NAMES = ['Amelia', 'Ben', 'Chloe', 'Daniel', 'Emma', 'Felix', 'Grace', 'Henry', 'Isla', 'Jack', 'Kate', 'Liam', 'Mia', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Ravi', 'Sofia', 'Tom', 'Uma', 'Victor', 'Wendy', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['Adams', 'Baker', 'Clarke', 'Davies', 'Evans', 'Foster', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morris', 'Nguyen', 'Owens', 'Patel', 'Reid', 'Shaw', 'Turner', 'Walsh', 'Young'];

interface TypeSeed { board: number; name: string; skill: Skill; subTypes: Record<string, string[]> }
/** Types and subtypes per board, each subtype with summaries a client might write. `{contact}` is a person's name. */
const TYPES: TypeSeed[] = [
  { board: 1, name: 'Email', skill: 'm365', subTypes: {
    Outlook: ['Outlook keeps asking for password', 'Outlook search returns nothing', 'Outlook crashes when opening attachments'],
    'Shared Mailbox': ['Need access to the accounts shared mailbox', 'Shared mailbox not showing in Outlook'],
    Spam: ['Lots of spam getting through since Monday', 'Emails from a supplier go to junk'],
  } },
  { board: 1, name: 'Printing', skill: 'printers', subTypes: {
    'Printer Offline': ['Printer on the first floor shows offline', 'Cannot print to the front desk printer'],
    Scanner: ['Scan to email stopped working', 'Scanner saves blank pages'],
    Toner: ['Toner low warning on the upstairs printer'],
  } },
  { board: 1, name: 'Hardware', skill: 'hardware', subTypes: {
    Laptop: ["Laptop won't boot past the logo", 'Laptop battery drains in an hour', 'New laptop needed for {contact}'],
    Monitor: ['Second monitor not detected', 'Monitor flickering'],
    'Docking Station': ['Dock not charging the laptop', 'USB ports on the dock stopped working'],
  } },
  { board: 1, name: 'Account', skill: 'm365', subTypes: {
    'Password Reset': ['Password reset for {contact}', 'Locked out after password change'],
    'New User': ['New starter on Monday: set up accounts', 'New user account for {contact}'],
    Permissions: ['Need access to the finance folder', 'Remove access for a leaver'],
  } },
  { board: 1, name: 'Network', skill: 'network', subTypes: {
    VPN: ['VPN drops every few minutes', 'Cannot connect to VPN from home'],
    'Wi-Fi': ['Wi-Fi slow in the meeting room', 'Guest Wi-Fi password not working'],
    Internet: ['Internet down at the office', 'Websites load very slowly'],
  } },
  { board: 1, name: 'Software', skill: 'software', subTypes: {
    Install: ['Install Adobe Reader for {contact}', 'Need Teams on the reception PC'],
    'Line of Business App': ['Practice management app errors on login', "Accounting software won't open"],
    Licensing: ['Office says unlicensed product', 'Need an extra Visio licence'],
  } },
  { board: 1, name: 'Security', skill: 'security', subTypes: {
    'Phishing Report': ['Suspicious email asking for bank details', 'Clicked a link in a phishing email'],
    'Antivirus Alert': ["Antivirus quarantined a file on {contact}'s PC", 'Defender alert: threat detected'],
  } },
  { board: 2, name: 'Project', skill: 'projects', subTypes: {
    Migration: ['Migrate file server to SharePoint', 'Move email to Microsoft 365'],
    Onboarding: ['Onboard the new office location', 'New client onboarding: documentation'],
    Upgrade: ['Upgrade Windows 10 machines to 11', 'Replace the ageing server'],
  } },
  { board: 3, name: 'Network', skill: 'network', subTypes: {
    Firewall: ['Firewall firmware update due', 'Open a port for the new CCTV system'],
    Switch: ['Switch port flapping in the comms room', 'Replace failing switch'],
    VPN: ['Site-to-site VPN down between offices', 'VPN tunnel renegotiating often'],
  } },
  { board: 3, name: 'Security', skill: 'security', subTypes: {
    Alert: ['Many failed logins on the firewall', 'Impossible travel alert for {contact}'],
    Patching: ['Servers pending reboot after patching', 'Critical patch for the VPN appliance'],
  } },
  { board: 3, name: 'Backup', skill: 'backup', subTypes: {
    Failure: ['Backup job failed last night', 'Offsite backup replication failing'],
    Restore: ['Restore a deleted folder from last week', 'Restore a mailbox item for {contact}'],
  } },
];
const UNTYPED_SUMMARIES = ['Help needed please', 'Computer is very slow', 'Please call me back', 'Something is wrong with my PC', 'Error message on screen'];

type PriorityKey = 'p1' | 'p2' | 'p3' | 'p4';
const PRIORITY_BY_KEY: Record<PriorityKey, number> = { p1: 6, p2: 15, p3: 4, p4: 7 };

/** Statuses a ticket passed through to reach its current one, in order, starting at New. */
function pathTo(kind: StatusKind, random: Random): StatusKind[] {
  const toReady: StatusKind[] = random.chance(0.6) ? ['new', 'triage', 'ready'] : ['new', 'ready'];
  switch (kind) {
    case 'new': return ['new'];
    case 'triage': return ['new', 'triage'];
    case 'ready': return toReady;
    case 'inProgress': return [...toReady, 'inProgress'];
    case 'waiting': return [...toReady, 'inProgress', 'waiting'];
    case 'scheduled': return [...toReady, 'scheduled'];
    case 'completed': return [...toReady, 'inProgress', 'completed'];
    case 'closed': return [...toReady, 'inProgress', 'completed', 'closed'];
  }
}

const roundToSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
const quarterHours = (hours: number): number => Math.max(0.25, Math.round(hours * 4) / 4);

export function seedMsp(options: SeedOptions): SimData {
  const random = createRandom(options.seed);
  const now = roundToSecond(options.now);

  const members: SimMember[] = MEMBERS.map((seed, index) => ({
    id: seed.isTech ? 151 + index : 170,
    identifier: seed.identifier,
    firstName: seed.first,
    lastName: seed.last,
    email: `${seed.first.toLowerCase()}.${seed.last.toLowerCase()}@pullboard-msp.example`,
    title: seed.title,
    teamId: seed.teamId,
    skills: [...seed.skills],
    isTech: seed.isTech,
    inactive: false,
    publicKey: random.token(16),
    privateKey: random.token(16),
  }));

  const companies: SimCompany[] = COMPANY_NAMES.map((name, index) => ({
    id: 250 + index,
    identifier: name.replace(/[^A-Za-z0-9]/g, ''),
    name,
    slaId: PREMIUM_COMPANIES.has(name) ? 2 : 1,
    phone: `555-01${String(index).padStart(2, '0')}`,
  }));
  const contacts: SimContact[] = [];
  for (const company of companies) {
    if (COMPANIES_WITHOUT_CONTACTS.has(company.name)) continue;
    const count = random.int(2, 6);
    for (let i = 0; i < count; i++) {
      const firstName = random.pick(FIRST_NAMES);
      const lastName = random.pick(LAST_NAMES);
      contacts.push({
        id: 500 + contacts.length,
        companyId: company.id,
        firstName,
        lastName,
        email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@${company.identifier.toLowerCase()}.example`,
      });
    }
  }

  const statuses: SimStatus[] = BOARDS.flatMap((board) =>
    STATUS_LIST.map((status, index) => ({
      id: board.id * 100 + index + 1,
      boardId: board.id,
      name: status.name,
      sortOrder: index + 1,
      closed: status.closed,
      isDefault: index === 0,
      kind: status.kind,
    })),
  );
  const ticketTypes: SimTicketType[] = [];
  const subTypes: SimSubType[] = [];
  const summariesBySubType = new Map<number, string[]>();
  for (const type of TYPES) {
    const typeId = 40 + ticketTypes.length;
    ticketTypes.push({ id: typeId, boardId: type.board, name: type.name, skill: type.skill });
    for (const [name, summaries] of Object.entries(type.subTypes)) {
      const subTypeId = 200 + subTypes.length;
      subTypes.push({ id: subTypeId, boardId: type.board, typeId, name });
      summariesBySubType.set(subTypeId, summaries);
    }
  }

  const data: SimData = {
    seed: options.seed,
    seededAt: now,
    mspName: MSP_NAME,
    teams: TEAMS.map((team) => ({ ...team })),
    members,
    companies,
    contacts,
    boards: BOARDS.map((board) => ({ ...board })),
    statuses,
    priorities: PRIORITIES.map((priority) => ({ ...priority })),
    slas: SLAS.map((sla) => ({ ...sla, targets: sla.targets.map((target) => ({ ...target })) })),
    ticketTypes,
    subTypes,
    tickets: [],
    ticketsById: new Map(),
    timeEntries: [],
    transitions: [],
  };
  if (options.tickets === undefined) {
    seedHistory({
      data, random, days: options.days ?? DEFAULT_HISTORY_DAYS, summariesBySubType, untypedSummaries: UNTYPED_SUMMARIES,
      firstNames: FIRST_NAMES, priorityByKey: PRIORITY_BY_KEY, firstTicketId: FIRST_TICKET_ID, xssSummary: XSS_SUMMARY,
    });
  } else {
    seedTickets(data, options.tickets, random, summariesBySubType);
  }
  addExtraTechs(data, options.extraTechs ?? 0);
  return data;
}

/** Extra service-desk techs from a stream of their own, so the rest of the seeded MSP is unchanged. */
function addExtraTechs(data: SimData, count: number): void {
  const random = createRandom(data.seed * 7919 + 17);
  for (let i = 0; i < count; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    data.members.push({
      id: 300 + i,
      identifier: `${first[0]!.toLowerCase()}${last.toLowerCase()}${i + 1}`,
      firstName: first,
      lastName: last,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${i + 1}@pullboard-msp.example`,
      title: 'Service Desk Technician',
      teamId: 11,
      skills: ['m365', 'hardware', 'software'],
      isTech: true,
      inactive: false,
      publicKey: random.token(16),
      privateKey: random.token(16),
    });
  }
}

interface Draft {
  ticket: SimTicket;
  kind: StatusKind;
  ageMs: number;
}

function seedTickets(data: SimData, count: number, random: Random, summariesBySubType: Map<number, string[]>): void {
  const now = data.seededAt;
  const techs = data.members.filter((member) => member.isTech);
  const demo = techs[0];
  if (!demo) throw new Error('the seed needs at least one tech');
  const manager = data.members.find((member) => !member.isTech) ?? demo;
  const teamTechs = (teamId: number): SimMember[] => techs.filter((tech) => tech.teamId === teamId && tech !== demo);
  const contactsByCompany = new Map<number, SimContact[]>();
  for (const contact of data.contacts) {
    contactsByCompany.set(contact.companyId, [...(contactsByCompany.get(contact.companyId) ?? []), contact]);
  }

  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    const boardName = random.weighted({ 'Service Desk': 80, Projects: 8, 'Network Ops': 12 });
    const board = data.boards.find((candidate) => candidate.name === boardName) ?? (data.boards[0] as SimBoard);
    const kind = random.weighted<StatusKind>({ new: 15, triage: 12, ready: 38, inProgress: 0, waiting: 10, scheduled: 5, completed: 8, closed: 12 });
    const priorityId = PRIORITY_BY_KEY[random.weighted<PriorityKey>({ p1: 3, p2: 12, p3: 65, p4: 20 })];
    const company = random.pick(data.companies);
    const companyContacts = contactsByCompany.get(company.id) ?? [];
    const contact = companyContacts.length > 0 && random.chance(0.97) ? random.pick(companyContacts) : null;
    const boardTypes = data.ticketTypes.filter((type) => type.boardId === board.id);
    const type = random.chance(0.95) ? random.pick(boardTypes) : null;
    const typeSubTypes = type ? data.subTypes.filter((subType) => subType.typeId === type.id) : [];
    const subType = type && random.chance(0.9) ? random.pick(typeSubTypes) : null;
    const summaryChoices = subType
      ? (summariesBySubType.get(subType.id) ?? UNTYPED_SUMMARIES)
      : type
        ? typeSubTypes.flatMap((candidate) => summariesBySubType.get(candidate.id) ?? [])
        : UNTYPED_SUMMARIES;
    const personName = contact ? contact.firstName : random.pick(FIRST_NAMES);
    const summary = random.pick(summaryChoices).replace('{contact}', personName);

    const sla = data.slas.find((candidate) => candidate.id === company.slaId) ?? data.slas[0];
    const target = sla?.targets.find((candidate) => candidate.priorityId === priorityId);
    const resolveMs = (target?.resolutionHours ?? 120) * HOUR;
    let ageMs: number;
    if (kind === 'completed' || kind === 'closed') ageMs = random.logUniform(2 * HOUR, 60 * DAY);
    else if (kind === 'waiting' || kind === 'scheduled') ageMs = random.logUniform(HOUR, 60 * DAY);
    else {
      const lane = random.weighted({ inSla: 80, nearBreach: 8, breached: 12 });
      if (lane === 'inSla') ageMs = random.logUniform(5 * MINUTE, Math.max(10 * MINUTE, resolveMs * 0.9));
      else if (lane === 'nearBreach') ageMs = Math.max(5 * MINUTE, resolveMs - random.float(10 * MINUTE, 3 * HOUR));
      else ageMs = Math.min(60 * DAY, resolveMs + random.logUniform(HOUR, 60 * DAY));
    }

    const ownerChance: Record<StatusKind, number> = { new: 0.05, triage: 0.15, ready: 0.15, inProgress: 1, waiting: 0.95, scheduled: 1, completed: 1, closed: 1 };
    const candidates = teamTechs(board.teamId);
    const owner = candidates.length > 0 && random.chance(ownerChance[kind]) ? random.pick(candidates) : null;
    const ticket: SimTicket = {
      id: 0,
      summary,
      boardId: board.id,
      statusId: 0,
      priorityId,
      typeId: type?.id ?? null,
      subTypeId: subType?.id ?? null,
      teamId: board.teamId,
      ownerId: owner?.id ?? null,
      companyId: company.id,
      contactId: contact?.id ?? null,
      slaId: sla?.id ?? null,
      source: random.weighted<TicketSource>({ Email: 60, Phone: 25, Portal: 15 }),
      severity: random.weighted<Level>({ Low: 20, Medium: 65, High: 15 }),
      impact: random.weighted<Level>({ Low: 25, Medium: 60, High: 15 }),
      enteredAt: 0,
      enteredBy: '',
      updatedAt: 0,
      updatedBy: '',
      respondBy: 0,
      resplanBy: 0,
      resolveBy: 0,
      respondedAt: null,
      resplanAt: null,
      resolvedAt: null,
      closedBy: null,
      requiredDate: null,
      budgetHours: random.chance(0.8) ? random.int(1, 16) / 2 : null,
      actualHours: 0,
    };
    drafts.push({ ticket, kind, ageMs });
  }

  // Ids grow with age, as in a real PSA: the oldest ticket has the lowest id.
  drafts.sort((a, b) => b.ageMs - a.ageMs);
  drafts.forEach((draft, index) => {
    draft.ticket.id = FIRST_TICKET_ID + index;
    draft.ticket.enteredAt = roundToSecond(now - draft.ageMs);
  });

  // Work in progress: each tech has one to three tickets in progress; the demo tech exactly one, a recent one.
  for (const tech of techs) {
    const board = data.boards.find((candidate) => candidate.teamId === tech.teamId);
    const wanted = tech === demo ? 1 : random.int(1, 3);
    const open = drafts.filter((draft) =>
      draft.ticket.boardId === board?.id && (draft.kind === 'ready' || draft.kind === 'triage') && draft.ticket.ownerId === null);
    const recent = open.filter((draft) => draft.ageMs < DAY && draft.ageMs > HOUR && draft.ticket.priorityId === PRIORITY_BY_KEY.p3);
    const pool = tech === demo && recent.length > 0 ? recent : open;
    for (let i = 0; i < wanted && pool.length > 0; i++) {
      const draft = pool.splice(random.int(0, pool.length - 1), 1)[0] as Draft;
      draft.kind = 'inProgress';
      draft.ticket.ownerId = tech.id;
    }
  }
  // The demo tech also waits on one client and has closed a few tickets.
  const serviceDesk = drafts.filter((draft) => draft.ticket.boardId === 1);
  const demoWaiting = serviceDesk.find((draft) => draft.kind === 'waiting' && draft.ageMs < 5 * DAY);
  if (demoWaiting) demoWaiting.ticket.ownerId = demo.id;
  serviceDesk.filter((draft) => draft.kind === 'closed' || draft.kind === 'completed')
    .slice(-8)
    .forEach((draft) => { draft.ticket.ownerId = demo.id; });

  for (const draft of drafts) seedTimeline(data, draft, random, manager);

  // One ticket whose title would run script if a page or UI ever rendered it as HTML.
  const readyUnassigned = drafts.filter((draft) => draft.kind === 'ready' && draft.ticket.boardId === 1 && draft.ticket.ownerId === null);
  const xss = readyUnassigned[readyUnassigned.length - 3] ?? readyUnassigned[0] ?? drafts[drafts.length - 1];
  if (xss) xss.ticket.summary = XSS_SUMMARY;

  data.tickets = drafts.map((draft) => draft.ticket);
  data.ticketsById = new Map(data.tickets.map((ticket) => [ticket.id, ticket]));
  data.transitions.sort((a, b) => a.at - b.at || a.ticketId - b.ticketId);
}

/** Walks a ticket from New to its current status: transitions, milestones, SLA due times, time entries. */
function seedTimeline(data: SimData, draft: Draft, random: Random, manager: SimMember): void {
  const now = data.seededAt;
  const ticket = draft.ticket;
  const statusFor = (kind: StatusKind): SimStatus => {
    const status = data.statuses.find((candidate) => candidate.boardId === ticket.boardId && candidate.kind === kind);
    if (!status) throw new Error(`board ${ticket.boardId} has no ${kind} status`);
    return status;
  };
  const owner = data.members.find((member) => member.id === ticket.ownerId) ?? null;
  const sla = data.slas.find((candidate) => candidate.id === ticket.slaId);
  const target = sla?.targets.find((candidate) => candidate.priorityId === ticket.priorityId);
  const entered = ticket.enteredAt;
  ticket.respondBy = entered + (target?.respondHours ?? 4) * HOUR;
  ticket.resplanBy = entered + (target?.planWithinHours ?? 16) * HOUR;
  ticket.resolveBy = entered + (target?.resolutionHours ?? 120) * HOUR;
  ticket.enteredBy = random.chance(0.4) ? manager.identifier : random.pick(data.members.filter((member) => member.teamId === 11)).identifier;

  const path = pathTo(draft.kind, random);
  const span = Math.max(0, now - entered);
  const lastFraction = random.float(0.3, 1);
  const fractions = path.slice(1).map(() => random.next() * lastFraction).sort((a, b) => a - b);
  let previousAt = entered;
  let previousStatus = statusFor('new');
  data.transitions.push({ ticketId: ticket.id, fromStatusId: null, toStatusId: previousStatus.id, at: entered, by: ticket.enteredBy });
  path.slice(1).forEach((kind, index) => {
    const at = Math.min(now, Math.max(previousAt + 1000, roundToSecond(entered + span * (fractions[index] ?? 0))));
    const status = statusFor(kind);
    const by = (kind === 'triage' || kind === 'ready' || !owner) ? manager.identifier : owner.identifier;
    data.transitions.push({ ticketId: ticket.id, fromStatusId: previousStatus.id, toStatusId: status.id, at, by });
    if (ticket.respondedAt === null) ticket.respondedAt = at;
    if (ticket.resplanAt === null && (kind === 'inProgress' || kind === 'scheduled')) ticket.resplanAt = at;
    if (ticket.resolvedAt === null && status.closed) {
      ticket.resolvedAt = at;
      ticket.closedBy = by;
    }
    previousAt = at;
    previousStatus = status;
  });
  ticket.statusId = previousStatus.id;
  ticket.updatedAt = Math.min(now, roundToSecond(previousAt + random.next() * Math.max(0, now - previousAt) * 0.3));
  ticket.updatedBy = owner?.identifier ?? manager.identifier;

  if (draft.kind === 'scheduled') ticket.requiredDate = Math.floor((now + random.float(HOUR, 10 * DAY)) / HOUR) * HOUR;
  else if (random.chance(0.05)) ticket.requiredDate = Math.floor((entered + random.float(DAY, 7 * DAY)) / HOUR) * HOUR;

  const hoursByKind: Partial<Record<StatusKind, number>> = { inProgress: 3, waiting: 2, completed: 6, closed: 6 };
  const maxHours = hoursByKind[draft.kind];
  const workFrom = ticket.resplanAt ?? ticket.respondedAt ?? entered;
  const workUntil = ticket.resolvedAt ?? ticket.updatedAt;
  const window = Math.max(0, workUntil - workFrom);
  if (owner && maxHours !== undefined && window >= 15 * MINUTE) {
    const hours = Math.min(quarterHours(random.float(0.25, maxHours)), Math.floor(window / (15 * MINUTE)) / 4);
    const parts = hours >= 1 && random.chance(0.4) ? [quarterHours(hours / 2), hours - quarterHours(hours / 2)] : [hours];
    let start = workFrom;
    for (const part of parts.filter((value) => value > 0)) {
      const end = start + part * HOUR;
      data.timeEntries.push({
        id: data.timeEntries.length + 1,
        ticketId: ticket.id,
        memberId: owner.id,
        start,
        end,
        hours: part,
        notes: part === hours ? 'Worked on the issue.' : 'Investigated and updated the client.',
        enteredAt: end,
        enteredBy: owner.identifier,
        updatedAt: end,
      });
      ticket.actualHours += part;
      start = end;
    }
  }
}

/**
 * The default seeded desk: a few weeks of a believable MSP's history under push dispatch, instead of a
 * fixed number of tickets. Tickets arrive by weekday and hour of day; a dispatcher readies and assigns
 * them; techs respond, work (effort by type), wait on clients, complete and close. What is still open at
 * "now" is the board: strained (a dozen or so open per tech, a handful past their SLA), not a fire truck.
 * The figures it was tuned to, and where they come from, are in README.md ("The default desk").
 */
import type { Random } from './random';
import type { SimData, SimMember, SimStatus, SimTicket, StatusKind, TicketSource, Level } from './seed';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_HISTORY_DAYS = 28;

/** Tickets a weekday brings (Sunday first): Mondays are the busiest, weekends nearly quiet. */
const ARRIVALS_BY_WEEKDAY = [4, 58, 52, 50, 48, 42, 5];
/** Share of a working day's arrivals by hour (local = UTC here): a morning peak and an after-lunch one. */
const HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3, 0.8, 3, 9, 13, 12, 10, 7, 10, 11, 9, 7, 3.5, 1.5, 1, 0.8, 0.6, 0.5, 0.3];
/** Median hands-on hours by ticket type name; each ticket draws around it (÷2.5 … ×2.5). */
const EFFORT_HOURS: Record<string, number> = {
  Email: 0.75, Printing: 0.75, Hardware: 1.5, Account: 0.5, Network: 1.25, Software: 1, Security: 1, Project: 6, Backup: 1,
};
/** Calendar time from arrival to resolution beyond the work itself, by priority key (log-uniform ranges). */
const QUEUE_HOURS: Record<string, [number, number]> = { p1: [0.5, 6], p2: [1, 20], p3: [3, 100], p4: [6, 200] };
/** Share of tickets a push desk leaves parked for days (the juggled, aging ones) and how long. */
const PARKED_SHARE = 0.08;
const PARKED_HOURS: [number, number] = [48, 20 * 24];
const RESPOND_HOURS: Record<string, [number, number]> = { p1: [0.05, 1], p2: [0.1, 2], p3: [0.2, 6], p4: [0.3, 12] };

export interface HistoryContext {
  data: SimData;
  random: Random;
  days: number;
  summariesBySubType: Map<number, string[]>;
  untypedSummaries: readonly string[];
  firstNames: readonly string[];
  priorityByKey: Record<'p1' | 'p2' | 'p3' | 'p4', number>;
  firstTicketId: number;
  xssSummary: string;
}

interface Planned {
  ticket: SimTicket;
  priorityKey: 'p1' | 'p2' | 'p3' | 'p4';
  owner: SimMember | null;
  triage: boolean;
  readyAt: number;
  assignedAt: number;
  respondedAt: number;
  waitFrom: number | null;
  waitUntil: number | null;
  scheduledUntil: number | null;
  resolvedAt: number;
  closedAt: number;
  effortHours: number;
}

const roundToSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
const quarterHours = (hours: number): number => Math.max(0.25, Math.round(hours * 4) / 4);

/** The same instant if the desk is open (Mon–Fri 08:00–17:00 UTC), else the next opening. */
export function nextBusinessMinute(at: number): number {
  let t = at;
  for (let i = 0; i < 8; i++) {
    const date = new Date(t);
    const day = date.getUTCDay();
    const hour = date.getUTCHours();
    if (day >= 1 && day <= 5 && hour >= 8 && hour < 17) return t;
    const midnight = Math.floor(t / DAY) * DAY;
    t = hour < 8 && day >= 1 && day <= 5 ? midnight + 8 * HOUR : midnight + DAY + 8 * HOUR;
  }
  return t;
}

/** `hours` of business time after `start`: how a PSA's SLA calendar stamps due dates. */
export function addBusinessHours(start: number, hours: number): number {
  let t = nextBusinessMinute(start);
  let left = hours * HOUR;
  while (left > 0) {
    const close = Math.floor(t / DAY) * DAY + 17 * HOUR;
    const chunk = Math.min(left, close - t);
    t += chunk;
    left -= chunk;
    if (left > 0) t = nextBusinessMinute(close);
  }
  return t;
}

/** Poisson draw (Knuth): fine for the small means of one hour's arrivals. */
function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}

export function seedHistory(ctx: HistoryContext): void {
  const { data, random } = ctx;
  const now = data.seededAt;
  const techs = data.members.filter((m) => m.isTech);
  const demo = techs[0]!;
  const manager = data.members.find((m) => !m.isTech) ?? demo;
  const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const contactsByCompany = new Map<number, SimData['contacts']>();
  for (const contact of data.contacts) contactsByCompany.set(contact.companyId, [...(contactsByCompany.get(contact.companyId) ?? []), contact]);

  // Arrival times, hour by hour over the history.
  const arrivals: number[] = [];
  const start = Math.floor((now - ctx.days * DAY) / HOUR) * HOUR;
  for (let hour = start; hour < now; hour += HOUR) {
    const date = new Date(hour);
    const mean = (ARRIVALS_BY_WEEKDAY[date.getUTCDay()]! * HOUR_WEIGHTS[date.getUTCHours()]!) / hourTotal;
    const count = poisson(random, mean);
    for (let i = 0; i < count; i++) {
      const at = roundToSecond(hour + random.next() * HOUR);
      if (at < now) arrivals.push(at);
    }
  }
  arrivals.sort((a, b) => a - b);

  const planned: Planned[] = arrivals.map((entered, index) => {
    const boardName = random.weighted({ 'Service Desk': 86, Projects: 3, 'Network Ops': 11 });
    const board = data.boards.find((b) => b.name === boardName)!;
    const priorityKey = random.weighted({ p1: 2, p2: 10, p3: 68, p4: 20 } as const);
    const priorityId = ctx.priorityByKey[priorityKey];
    const company = random.pick(data.companies);
    const companyContacts = contactsByCompany.get(company.id) ?? [];
    const contact = companyContacts.length > 0 && random.chance(0.97) ? random.pick(companyContacts) : null;
    const boardTypes = data.ticketTypes.filter((t) => t.boardId === board.id);
    const type = random.chance(0.95) ? random.pick(boardTypes) : null;
    const typeSubTypes = type ? data.subTypes.filter((s) => s.typeId === type.id) : [];
    const subType = type && random.chance(0.9) ? random.pick(typeSubTypes) : null;
    const summaries = subType
      ? (ctx.summariesBySubType.get(subType.id) ?? ctx.untypedSummaries)
      : type
        ? typeSubTypes.flatMap((s) => ctx.summariesBySubType.get(s.id) ?? [])
        : ctx.untypedSummaries;
    const summary = random.pick(summaries).replace('{contact}', contact ? contact.firstName : random.pick(ctx.firstNames));
    const sla = data.slas.find((s) => s.id === company.slaId) ?? data.slas[0]!;
    const target = sla.targets.find((t) => t.priorityId === priorityId);
    const premium = !sla.isDefault;

    const median = EFFORT_HOURS[type?.name ?? ''] ?? 1;
    const effortHours = quarterHours(random.logUniform(median / 2.5, median * 2.5));
    const triage = type === null || contact === null || random.chance(0.35);
    // The dispatcher and the techs work business hours: overnight mail waits in New for the morning.
    const readyAt = nextBusinessMinute(entered) + random.logUniform(2 * MINUTE, triage ? 2 * HOUR : 45 * MINUTE);
    const skill = type ? data.ticketTypes.find((t) => t.id === type.id)!.skill : null;
    const skilled = techs.filter((t) => t.teamId === board.teamId && (skill === null || t.skills.includes(skill)));
    const owner = random.pick(skilled.length > 0 ? skilled : techs.filter((t) => t.teamId === board.teamId));
    // Most are assigned as they are readied; the rest sit in Ready, unowned, until someone gets to them.
    const assignedAt = random.chance(0.75) ? readyAt : nextBusinessMinute(readyAt + random.logUniform(20 * MINUTE, 6 * HOUR));
    const [respondLow, respondHigh] = RESPOND_HOURS[priorityKey]!;
    const respondedAt = nextBusinessMinute(Math.max(assignedAt + MINUTE, entered + random.logUniform(respondLow, respondHigh) * HOUR * (premium ? 0.5 : 1)));
    const [queueLow, queueHigh] = random.chance(PARKED_SHARE) ? PARKED_HOURS : QUEUE_HOURS[priorityKey]!;
    const queued = random.logUniform(queueLow, queueHigh) * HOUR * (premium ? 0.5 : 1);
    const waits = random.chance(0.3);
    const waitHours = waits ? random.logUniform(2, 72) : 0;
    const scheduled = !waits && (type?.name === 'Hardware' || type?.name === 'Project') && random.chance(0.25);
    const scheduledHours = scheduled ? random.logUniform(12, 7 * 24) : 0;
    const resolvedAt = respondedAt + effortHours * HOUR + queued + (waitHours + scheduledHours) * HOUR;
    const waitFrom = waits ? respondedAt + random.next() * Math.max(HOUR, queued) : null;
    const ticket: SimTicket = {
      id: ctx.firstTicketId + index,
      summary,
      boardId: board.id,
      statusId: 0,
      priorityId,
      typeId: type?.id ?? null,
      subTypeId: subType?.id ?? null,
      teamId: board.teamId,
      ownerId: null,
      companyId: company.id,
      contactId: contact?.id ?? null,
      slaId: sla.id,
      source: random.weighted<TicketSource>({ Email: 60, Phone: 25, Portal: 15 }),
      severity: random.weighted<Level>({ Low: 20, Medium: 65, High: 15 }),
      impact: random.weighted<Level>({ Low: 25, Medium: 60, High: 15 }),
      enteredAt: entered,
      enteredBy: random.chance(0.4) ? manager.identifier : random.pick(data.members.filter((m) => m.teamId === 11)).identifier,
      updatedAt: entered,
      updatedBy: manager.identifier,
      // SLA targets count business hours, as the PSA's SLA calendar does.
      respondBy: roundToSecond(addBusinessHours(entered, target?.respondHours ?? 4)),
      resplanBy: roundToSecond(addBusinessHours(entered, target?.planWithinHours ?? 16)),
      resolveBy: roundToSecond(addBusinessHours(entered, target?.resolutionHours ?? 120)),
      respondedAt: null,
      resplanAt: null,
      resolvedAt: null,
      closedBy: null,
      requiredDate: scheduled ? Math.floor((respondedAt + scheduledHours * HOUR) / HOUR) * HOUR : null,
      budgetHours: random.chance(0.8) ? quarterHours(effortHours * random.float(0.8, 1.5)) : null,
      actualHours: 0,
    };
    return {
      ticket,
      priorityKey,
      owner,
      triage,
      readyAt: roundToSecond(readyAt),
      assignedAt: roundToSecond(assignedAt),
      respondedAt: roundToSecond(respondedAt),
      waitFrom: waitFrom === null ? null : roundToSecond(waitFrom),
      waitUntil: waitFrom === null ? null : roundToSecond(waitFrom + waitHours * HOUR),
      scheduledUntil: scheduled ? roundToSecond(respondedAt + scheduledHours * HOUR) : null,
      resolvedAt: roundToSecond(resolvedAt),
      closedAt: roundToSecond(resolvedAt + random.logUniform(HOUR, 3 * DAY)),
      effortHours,
    };
  });

  // The demo tech is the one trying Pull next: a single ticket in progress (a recent P3) and one waiting
  // on a client, like a tech who finishes before starting; the others keep what the dispatcher gave them.
  const openAtNow = (p: Planned) => p.resolvedAt > now;
  const stand = techs.filter((t) => t !== demo && t.teamId === demo.teamId && t.skills.some((s) => demo.skills.includes(s)));
  for (const p of planned) if (p.owner === demo && openAtNow(p)) p.owner = random.pick(stand);
  const serviceDesk = planned.filter((p) => p.ticket.boardId === 1);
  const demoWorking = serviceDesk.find((p) => p.priorityKey === 'p3' && openAtNow(p) && p.respondedAt < now && now - p.ticket.enteredAt < DAY && p.waitFrom === null && p.scheduledUntil === null);
  if (demoWorking) demoWorking.owner = demo;
  const demoWaiting = serviceDesk.find((p) => p.waitFrom !== null && p.waitFrom < now && p.waitUntil! > now && now - p.ticket.enteredAt < 5 * DAY);
  if (demoWaiting) demoWaiting.owner = demo;

  keepSomeUnowned(data, planned, now);
  for (const p of planned) walk(data, p, manager, random);

  // One ticket whose title would run script if a page or UI ever rendered it as HTML: a Ready one nobody owns yet.
  const readyUnowned = planned.filter((p) => p.ticket.boardId === 1 && p.ticket.ownerId === null && data.statuses.find((s) => s.id === p.ticket.statusId)?.kind === 'ready');
  const xss = readyUnowned[readyUnowned.length - 3] ?? readyUnowned[0];
  if (xss) xss.ticket.summary = ctx.xssSummary;

  data.tickets = planned.map((p) => p.ticket);
  data.ticketsById = new Map(data.tickets.map((t) => [t.id, t]));
  data.transitions.sort((a, b) => a.at - b.at || a.ticketId - b.ticketId);
}

/**
 * Whatever the hour the desk is seeded at, the service desk shows work nobody owns yet and that is not
 * late: the two newest P3/P4 tickets arrived minutes ago and wait in New, the two before them were
 * readied but not assigned (the dispatcher has not got to them). Their SLA clocks restart from the
 * new arrival time.
 */
function keepSomeUnowned(data: SimData, planned: Planned[], now: number): void {
  const newest = planned.filter((p) => p.ticket.boardId === 1 && (p.priorityKey === 'p3' || p.priorityKey === 'p4') && p.ticket.contactId !== null && p.ticket.typeId !== null).slice(-4);
  newest.forEach((p, i) => {
    const inNew = i >= 2;
    const t = p.ticket;
    t.enteredAt = Math.max(t.enteredAt, roundToSecond(now - (inNew ? 40 - 15 * (i - 2) : 90 - 20 * i) * MINUTE));
    const sla = data.slas.find((candidate) => candidate.id === t.slaId) ?? data.slas[0]!;
    const target = sla.targets.find((candidate) => candidate.priorityId === t.priorityId);
    t.respondBy = roundToSecond(addBusinessHours(t.enteredAt, target?.respondHours ?? 4));
    t.resplanBy = roundToSecond(addBusinessHours(t.enteredAt, target?.planWithinHours ?? 16));
    t.resolveBy = roundToSecond(addBusinessHours(t.enteredAt, target?.resolutionHours ?? 120));
    t.requiredDate = null;
    p.triage = false;
    p.readyAt = inNew ? now + HOUR : Math.min(now - MINUTE, t.enteredAt + 10 * MINUTE);
    p.assignedAt = now + 2 * HOUR;
    p.respondedAt = p.assignedAt + 10 * MINUTE;
    p.waitFrom = null;
    p.waitUntil = null;
    p.scheduledUntil = null;
    p.resolvedAt = p.respondedAt + p.effortHours * HOUR;
    p.closedAt = p.resolvedAt + DAY;
  });
}

/** Writes the ticket's history up to now: transitions, milestones, owner, time entries. */
function walk(data: SimData, p: Planned, manager: SimMember, random: Random): void {
  const now = data.seededAt;
  const t = p.ticket;
  const statusFor = (kind: StatusKind): SimStatus => data.statuses.find((s) => s.boardId === t.boardId && s.kind === kind)!;
  const steps: { at: number; kind: StatusKind; by: string }[] = [];
  const owner = p.owner;
  if (p.triage) steps.push({ at: t.enteredAt + Math.min(20 * MINUTE, (p.readyAt - t.enteredAt) / 2), kind: 'triage', by: manager.identifier });
  steps.push({ at: p.readyAt, kind: 'ready', by: manager.identifier });
  const by = owner?.identifier ?? manager.identifier;
  steps.push({ at: p.respondedAt, kind: 'inProgress', by });
  if (p.waitFrom !== null && p.waitUntil !== null) {
    steps.push({ at: p.waitFrom, kind: 'waiting', by });
    steps.push({ at: p.waitUntil, kind: 'inProgress', by: manager.identifier });
  }
  if (p.scheduledUntil !== null) {
    steps.push({ at: p.respondedAt + MINUTE, kind: 'scheduled', by });
    steps.push({ at: p.scheduledUntil, kind: 'inProgress', by });
  }
  steps.push({ at: p.resolvedAt, kind: 'completed', by });
  steps.push({ at: p.closedAt, kind: 'closed', by: manager.identifier });
  steps.sort((a, b) => a.at - b.at);

  let previous = statusFor('new');
  data.transitions.push({ ticketId: t.id, fromStatusId: null, toStatusId: previous.id, at: t.enteredAt, by: t.enteredBy });
  let last = t.enteredAt;
  for (const step of steps) {
    if (step.at > now) break;
    const status = statusFor(step.kind);
    const at = Math.max(last + 1000, roundToSecond(step.at));
    if (at > now) break;
    data.transitions.push({ ticketId: t.id, fromStatusId: previous.id, toStatusId: status.id, at, by: step.by });
    if (t.respondedAt === null && step.kind === 'inProgress') t.respondedAt = at;
    if (t.resplanAt === null && (step.kind === 'inProgress' || step.kind === 'scheduled')) t.resplanAt = at;
    if (t.resolvedAt === null && status.closed) {
      t.resolvedAt = at;
      t.closedBy = step.by;
    }
    previous = status;
    last = at;
  }
  t.statusId = previous.id;
  t.ownerId = owner !== null && p.assignedAt <= now ? owner.id : null;
  t.updatedAt = last;
  t.updatedBy = steps.find((s) => s.at === last)?.by ?? manager.identifier;

  // Time entries: the effort, logged as the tech goes, for the part of the work done by now.
  if (owner === null || t.ownerId === null || t.respondedAt === null) return;
  const until = Math.min(now, p.resolvedAt);
  const done = p.resolvedAt <= now ? 1 : Math.min(0.8, (until - p.respondedAt) / Math.max(HOUR, p.resolvedAt - p.respondedAt));
  const hours = quarterHours(p.effortHours * done);
  if (until - p.respondedAt < 15 * MINUTE) return;
  const parts = hours >= 1 && random.chance(0.5) ? [quarterHours(hours / 2), Math.max(0.25, hours - quarterHours(hours / 2))] : [hours];
  let start = p.respondedAt;
  const gap = parts.length > 1 ? Math.max(0, (until - p.respondedAt - hours * HOUR) / 2) : 0;
  for (const wanted of parts) {
    const part = Math.min(wanted, Math.floor((until - start) / (15 * MINUTE)) / 4);
    if (part <= 0) break;
    const end = start + part * HOUR;
    data.timeEntries.push({
      id: data.timeEntries.length + 1,
      ticketId: t.id,
      memberId: owner.id,
      start,
      end,
      hours: part,
      notes: parts.length === 1 ? 'Worked on the issue.' : 'Investigated and updated the client.',
      enteredAt: end,
      enteredBy: owner.identifier,
      updatedAt: end,
    });
    t.actualHours += part;
    start = end + gap;
  }
  t.updatedAt = Math.max(t.updatedAt, Math.min(now, start));
}

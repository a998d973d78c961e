/**
 * "What if we had pulled?": replays a desk's history minute by minute under push (a dispatcher assigns,
 * techs juggle) and under pull (techs take the top Ready ticket Pullboard offers them, within their WIP
 * limit), and measures both the same way. Pure and deterministic: the same history and parameters give
 * the same result. Pull decisions go through Pullboard's own planPull (ranking, Definition of Ready,
 * skills, WIP gate) and push techs order their work by Pullboard's own ranking: no copy of either.
 */
import type { Member, Status, Ticket } from '../psa/model';
import { planPull } from '../pull/plan';
import { defaultReadyRules } from '../flow/ready';
import { guessColumns } from '../flow/columns';
import { rankReadyTickets, compareIds, DEFAULT_RANK_POLICY } from '../flow/rank';
import { percentile } from '../flow/aging';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../flow/duration';
import { describeAssumptions, whatIfParams, type DeskHistory, type DeskTicket, type WhatIfParams } from './desk';

export type WhatIfPolicy = 'push' | 'pull-wip1' | 'pull-wip2';
export const WHATIF_POLICIES: readonly WhatIfPolicy[] = ['push', 'pull-wip1', 'pull-wip2'];

export const POLICY_LABELS: Record<WhatIfPolicy, string> = {
  push: 'Push (dispatcher)',
  'pull-wip1': 'Pull, WIP 1',
  'pull-wip2': 'Pull, WIP 2',
};

export interface PolicyResult {
  policy: WhatIfPolicy;
  label: string;
  arrived: number;
  finished: number;
  openAtEnd: number;
  /** Created → finished, calendar hours, over finished tickets; null when none finished. */
  leadP50Hours: number | null;
  leadP85Hours: number | null;
  /** Share of tickets with a target that met it (tickets still inside their target at the end are not counted). */
  respondMetPct: number | null;
  resolveMetPct: number | null;
  /** Tickets without an owner for longer than the threshold (business minutes), and the longest such wait in business hours. */
  waitedUnowned: number;
  longestUnownedHours: number;
  /** The oldest ticket still open at the end of the window. */
  oldestOpen: { id: string; number: string; title: string; ageHours: number } | null;
  /** The oldest any ticket got while open: its lead time, or its age at the end if still open. */
  maxAgeHours: number;
  switches: number;
  switchesPerTechDay: number;
  throughputPerWeek: number;
}

export interface WhatIfResult {
  params: WhatIfParams;
  assumptions: string[];
  window: { from: number; to: number; days: number; businessDays: number; techs: number; tickets: number };
  results: PolicyResult[];
  /** Plain sentences: where pull helps, and where it does not. */
  verdict: string[];
}

type Phase = 'future' | 'unowned' | 'held' | 'waiting' | 'done';

interface Replayed {
  desk: DeskTicket;
  model: Ticket;
  arrival: number;
  phase: Phase;
  owner: ReplayTech | null;
  effortLeft: number;
  /** Effort minutes left when the client wait starts; -1 when it does not wait. */
  waitAtLeft: number;
  waitMinutes: number;
  waitUntil: number;
  triageLeft: number;
  firstWork: number | null;
  ownedAt: number | null;
  doneAt: number | null;
  lastTouched: number;
}

interface ReplayTech {
  member: Member;
  skills: Set<string>;
  rawSkills: readonly string[];
  held: Replayed[];
  current: Replayed | null;
  switchLeft: number;
  onCurrent: number;
  workedToday: number;
  switches: number;
  lastRankAt: number;
  needsRank: boolean;
  /** The Ready version and this tech's own version when they last found nothing to pull. */
  nothingAt: string;
  ownVersion: number;
  /** Push: the held tickets in the order of the last ranking, and when one of them next enters the expedite lane. */
  ranked: Replayed[];
  nextLaneChange: number;
}

// The replay's board: one status per role, named as a typical PSA names them, so the guessed
// columns and the default Definition of Ready are the ones a board nobody configured gets.
const STATUSES: Status[] = [
  { id: 'new', name: 'New', order: 1, closed: false, inactive: false, boardId: null },
  { id: 'ready', name: 'Ready', order: 2, closed: false, inactive: false, boardId: null },
  { id: 'doing', name: 'In Progress', order: 3, closed: false, inactive: false, boardId: null },
  { id: 'waiting', name: 'Waiting on Client', order: 4, closed: false, inactive: false, boardId: null },
  { id: 'closed', name: 'Closed', order: 5, closed: true, inactive: false, boardId: null },
];
const STATUS = Object.fromEntries(STATUSES.map((s) => [s.id, { id: s.id, name: s.name }])) as Record<string, { id: string; name: string }>;
const COLUMNS = guessColumns(STATUSES);
const READY_RULES = defaultReadyRules(COLUMNS);
const TRIAGED = { id: 'triaged', name: 'set in triage' };

const iso = (ms: number) => new Date(ms).toISOString();
const normalizeSkill = (skill: string) => skill.trim().toLowerCase();

function modelTicket(desk: DeskTicket): Ticket {
  return {
    id: desk.id,
    number: desk.number,
    title: desk.title,
    status: STATUS.ready!,
    closed: false,
    board: desk.board,
    priority: desk.priority,
    assignee: null,
    team: null,
    company: desk.company,
    contact: desk.contact,
    type: desk.type,
    subtype: desk.subtype,
    created: iso(desk.created),
    updated: iso(desk.created),
    sla: {
      respondBy: desk.respondBy === null ? null : iso(desk.respondBy),
      resolveBy: desk.resolveBy === null ? null : iso(desk.resolveBy),
      respondedAt: null,
      resolvedAt: null,
      met: null,
    },
    estimateHours: null,
    actualHours: null,
    url: `https://replay.invalid/ticket/${encodeURIComponent(desk.id)}`,
  };
}

/** Which minutes of the window are business minutes, and how many came before each. */
function businessClock(from: number, minutes: number, params: WhatIfParams) {
  const hours = params.businessHours;
  const open = new Uint8Array(minutes + 1);
  const before = new Int32Array(minutes + 2);
  const dayOf = new Int32Array(minutes + 1);
  const days = new Set(hours.days);
  const businessDays = new Set<number>();
  for (let m = 0; m <= minutes; m++) {
    const local = from + m * MINUTE_MS + hours.utcOffsetMinutes * MINUTE_MS;
    const day = Math.floor(local / DAY_MS);
    const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    dayOf[m] = day;
    if (days.has(weekday) && minuteOfDay >= hours.startHour * 60 && minuteOfDay < hours.endHour * 60) {
      open[m] = 1;
      if (m < minutes) businessDays.add(day);
    }
    before[m + 1] = before[m]! + (m < minutes ? open[m]! : 0);
  }
  return { open, before, dayOf, businessDays: businessDays.size };
}

/** A seeded permutation of 0..n-1 (mulberry32 then Fisher–Yates): who is asked first. */
function seededOrder(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const pct = (met: number, total: number) => (total === 0 ? null : round1((100 * met) / total));

/** Replays one policy over the history. */
export function replayDesk(history: DeskHistory, policy: WhatIfPolicy, overrides: Partial<WhatIfParams> = {}): PolicyResult {
  const params = whatIfParams(overrides);
  const { from } = history;
  const minutes = Math.max(0, Math.ceil((history.to - from) / MINUTE_MS));
  const clock = businessClock(from, minutes, params);
  const nowAt = (m: number) => from + m * MINUTE_MS;
  const ticketMinutesPerDay = Math.round(params.ticketHoursPerDay * 60);
  const wipLimit = policy === 'pull-wip1' ? 1 : 2;
  const pulling = policy !== 'push';

  const techs: ReplayTech[] = history.techs.map((tech) => ({
    member: { id: tech.id, identifier: tech.id, name: tech.name, email: null, inactive: false },
    skills: new Set(tech.skills.map(normalizeSkill)),
    rawSkills: tech.skills,
    held: [],
    current: null,
    switchLeft: 0,
    onCurrent: 0,
    workedToday: 0,
    switches: 0,
    lastRankAt: -Infinity,
    needsRank: false,
    nothingAt: '',
    ownVersion: 0,
    ranked: [],
    nextLaneChange: Infinity,
  }));
  const order = seededOrder(techs.length, params.seed).map((i) => techs[i]!);

  const tickets: Replayed[] = history.tickets
    .filter((t) => t.created >= from && t.created < history.to)
    .sort((a, b) => a.created - b.created || compareIds(a.id, b.id))
    .map((desk) => {
      const effort = Math.max(1, Math.round(desk.effortHours * 60));
      const waitMinutes = Math.max(0, Math.round(desk.clientWaitHours * 60));
      const model = modelTicket(desk);
      const failsReady = model.contact === null || model.type === null;
      return {
        desk,
        model,
        arrival: Math.max(0, Math.ceil((desk.created - from) / MINUTE_MS)),
        phase: 'future',
        owner: null,
        effortLeft: effort,
        waitAtLeft: waitMinutes > 0 ? Math.floor(effort / 2) : -1,
        waitMinutes,
        waitUntil: 0,
        triageLeft: pulling && failsReady ? params.triageMinutes : 0,
        firstWork: null,
        ownedAt: null,
        doneAt: null,
        lastTouched: -Infinity,
      } satisfies Replayed;
    });
  const skillOf = new Map(tickets.map((t) => [t.desk.id, t.desk.skill]));
  const board = { columns: COLUMNS, readyRules: READY_RULES, policy: {}, manualOrder: [], skillOfTicket: (t: Ticket) => skillOf.get(t.id) ?? null };

  /** Bumped whenever the unowned tickets change (arrival, triage, claim): what a pull could find. */
  let readyVersion = 0;
  let nextArrival = 0;
  const unowned: Replayed[] = [];
  const waiting = new Set<Replayed>();
  let nextWaitEnd = Infinity;
  let inTriage: Replayed[] = [];
  let roundRobin = 0;

  const expediteWithinMs = DEFAULT_RANK_POLICY.expediteWithinMinutes * MINUTE_MS;
  const rankWithLanes = (list: readonly Replayed[], m: number) => {
    const byId = new Map(list.map((t) => [t.model.id, t]));
    return rankReadyTickets(list.map((t) => t.model), { now: nowAt(m) }).map((r) => ({
      ticket: byId.get(r.ticket.id)!,
      expedite: r.lane === 'expedite',
      // When the ranking's own SLA state will put a standard-lane ticket into the expedite lane.
      entersExpediteAt: r.lane === 'standard' && r.score.sla.dueAt !== null ? r.score.sla.dueAt - expediteWithinMs : Infinity,
    }));
  };
  const rank = (list: readonly Replayed[], m: number): Replayed[] => rankWithLanes(list, m).map((r) => r.ticket);
  const own = (ticket: Replayed, tech: ReplayTech, m: number) => {
    ticket.phase = 'held';
    ticket.owner = tech;
    ticket.ownedAt = m;
    ticket.model.assignee = { id: tech.member.id, name: tech.member.name };
    ticket.model.status = STATUS.doing!;
    tech.held.push(ticket);
    tech.needsRank = true;
    tech.ownVersion++;
    const at = unowned.indexOf(ticket);
    if (at >= 0) unowned.splice(at, 1);
    readyVersion++;
  };
  const skilledFor = (ticket: Replayed): ReplayTech[] => {
    const skill = ticket.desk.skill === null ? null : normalizeSkill(ticket.desk.skill);
    const fit = order.filter((tech) => skill === null || tech.skills.size === 0 || tech.skills.has(skill));
    return fit.length > 0 ? fit : order;
  };
  const dispatch = (ticket: Replayed, m: number) => {
    const fit = skilledFor(ticket);
    let tech: ReplayTech;
    if (params.dispatch === 'round-robin') {
      // The next tech in turn after the last one assigned who has the skill.
      let pick: ReplayTech | undefined;
      for (let i = 0; i < order.length && pick === undefined; i++) {
        const candidate = order[(roundRobin + i) % order.length]!;
        if (fit.includes(candidate)) {
          pick = candidate;
          roundRobin = (roundRobin + i + 1) % order.length;
        }
      }
      tech = pick ?? fit[0]!;
    } else {
      tech = fit.reduce((best, candidate) => (candidate.held.length < best.held.length ? candidate : best));
    }
    own(ticket, tech, m);
  };
  const switchTo = (tech: ReplayTech, next: Replayed) => {
    const current = tech.current;
    if (current === next) return;
    if (current !== null && current.phase === 'held') {
      tech.switches++;
      tech.switchLeft = params.switchCostMinutes;
    }
    tech.current = next;
    tech.onCurrent = 0;
  };
  const workable = (tech: ReplayTech) => tech.held.filter((t) => t.phase === 'held');

  const decidePush = (tech: ReplayTech, m: number) => {
    if (tech.current !== null && tech.current.phase !== 'held') tech.current = null;
    if (tech.held.length === 0) return;
    const current = tech.current;
    if (current === null || tech.needsRank || nowAt(m) >= tech.nextLaneChange) {
      const candidates = workable(tech);
      if (candidates.length === 0) return;
      const ranked = rankWithLanes(candidates, m);
      tech.ranked = ranked.map((r) => r.ticket);
      tech.nextLaneChange = Math.min(...ranked.map((r) => r.entersExpediteAt));
      const top = ranked[0]!;
      const lastRankAt = tech.lastRankAt;
      tech.needsRank = false;
      tech.lastRankAt = m;
      if (current === null) {
        switchTo(tech, top.ticket);
        return;
      }
      // A more urgent ticket interrupts: one just handed over that ranks above the current one, or one
      // that has entered the expedite lane while the current one has not.
      const currentExpedite = ranked.find((r) => r.ticket === current)?.expedite ?? false;
      const fresh = (top.ticket.ownedAt ?? -Infinity) > lastRankAt;
      if (top.ticket !== current && (fresh || (top.expedite && !currentExpedite))) {
        switchTo(tech, top.ticket);
        return;
      }
    }
    if (current !== null && params.pushRotateMinutes > 0 && tech.onCurrent >= params.pushRotateMinutes && tech.held.length > 1) {
      // The squeaky wheel: the ticket left alone longest (never touched first, then by ranking).
      const others = tech.ranked.filter((t) => t !== current && t.phase === 'held' && t.owner === tech);
      if (others.length === 0) return;
      const leftLongest = others.reduce((best, t) => (t.lastTouched < best.lastTouched ? t : best));
      switchTo(tech, leftLongest);
    }
  };

  const decidePull = (tech: ReplayTech, m: number) => {
    if (tech.current !== null && tech.current.phase !== 'held') tech.current = null;
    // Pull while under the limit: planPull's gate says when the tech is at it.
    // Below the limit by its own count first: planPull would refuse anyway, and asking costs a ranking.
    while (unowned.length > 0 && tech.nothingAt !== `${readyVersion}:${tech.ownVersion}` && workable(tech).length < wipLimit) {
      const offered = [...unowned.map((t) => t.model), ...tech.held.map((t) => t.model)];
      const plan = planPull({ tickets: offered, statuses: STATUSES, me: tech.member, wipLimit, skills: tech.rawSkills, now: nowAt(m), board });
      const pick = plan.gate.allowed ? plan.order[0] : undefined;
      if (pick === undefined) {
        tech.nothingAt = `${readyVersion}:${tech.ownVersion}`;
        break;
      }
      own(unowned.find((t) => t.model.id === pick.ticket.id)!, tech, m);
    }
    // Finish before starting: a tech only picks a ticket when the one in hand is done or waiting.
    if (tech.current === null) {
      const candidates = workable(tech);
      if (candidates.length > 0) switchTo(tech, rank(candidates, m)[0]!);
    }
  };

  const work = (tech: ReplayTech, m: number) => {
    const ticket = tech.current;
    if (ticket === null) return;
    if (ticket.firstWork === null) {
      ticket.firstWork = m;
      ticket.model.sla.respondedAt = iso(nowAt(m));
    }
    tech.workedToday++;
    tech.onCurrent++;
    ticket.lastTouched = m;
    if (tech.switchLeft > 0) {
      tech.switchLeft--;
      return;
    }
    ticket.effortLeft--;
    if (ticket.effortLeft === 0) {
      ticket.phase = 'done';
      ticket.doneAt = m + 1;
      ticket.model.closed = true;
      ticket.model.status = STATUS.closed!;
      tech.held.splice(tech.held.indexOf(ticket), 1);
      tech.current = null;
      tech.needsRank = true;
      tech.ownVersion++;
    } else if (ticket.effortLeft === ticket.waitAtLeft) {
      ticket.phase = 'waiting';
      ticket.waitUntil = m + 1 + ticket.waitMinutes;
      ticket.model.status = STATUS.waiting!;
      waiting.add(ticket);
      nextWaitEnd = Math.min(nextWaitEnd, ticket.waitUntil);
      tech.current = null;
      tech.needsRank = true;
      tech.ownVersion++;
    }
  };

  let day = clock.dayOf[0]!;
  for (let m = 0; m < minutes; m++) {
    if (clock.dayOf[m] !== day) {
      day = clock.dayOf[m]!;
      for (const tech of techs) tech.workedToday = 0;
    }
    while (nextArrival < tickets.length && tickets[nextArrival]!.arrival <= m) {
      const ticket = tickets[nextArrival++]!;
      ticket.phase = 'unowned';
      unowned.push(ticket);
      if (ticket.triageLeft > 0) inTriage.push(ticket);
      readyVersion++;
    }
    if (waiting.size > 0 && m >= nextWaitEnd) for (const ticket of waiting) {
      if (ticket.waitUntil > m) continue;
      waiting.delete(ticket);
      ticket.phase = 'held';
      ticket.model.status = STATUS.doing!;
      ticket.waitAtLeft = -1;
      if (ticket.owner) {
        ticket.owner.needsRank = true;
        ticket.owner.ownVersion++;
      }
    }
    if (waiting.size > 0 && m >= nextWaitEnd) nextWaitEnd = Math.min(...[...waiting].map((t) => t.waitUntil));
    if (clock.open[m] !== 1) continue;
    if (inTriage.length > 0) {
      for (const ticket of inTriage) {
        if (--ticket.triageLeft > 0) continue;
        ticket.model.contact ??= TRIAGED;
        ticket.model.type ??= TRIAGED;
        readyVersion++;
      }
      inTriage = inTriage.filter((t) => t.triageLeft > 0);
    }
    if (!pulling) while (unowned.length > 0) dispatch(unowned[0]!, m);
    const start = m % order.length;
    for (let i = 0; i < order.length; i++) {
      const tech = order[(start + i) % order.length]!;
      if (tech.workedToday >= ticketMinutesPerDay) continue;
      if (pulling) decidePull(tech, m);
      else decidePush(tech, m);
      work(tech, m);
    }
  }

  return measure(history, policy, params, tickets, techs, minutes, clock);
}

function measure(
  history: DeskHistory,
  policy: WhatIfPolicy,
  params: WhatIfParams,
  tickets: readonly Replayed[],
  techs: readonly ReplayTech[],
  minutes: number,
  clock: ReturnType<typeof businessClock>,
): PolicyResult {
  const end = history.from + minutes * MINUTE_MS;
  const at = (m: number) => history.from + m * MINUTE_MS;
  const arrived = tickets.filter((t) => t.phase !== 'future');
  const done = arrived.filter((t) => t.doneAt !== null);
  const open = arrived.filter((t) => t.doneAt === null);
  const leads = done.map((t) => (at(t.doneAt!) - t.desk.created) / HOUR_MS);

  const met = (due: number | null, when: number | null): boolean | null => {
    if (due === null) return null;
    if (when !== null) return when <= due;
    return end > due ? false : null; // still open: missed once past due, otherwise not yet known
  };
  let respondMet = 0;
  let respondCounted = 0;
  let resolveMet = 0;
  let resolveCounted = 0;
  for (const t of arrived) {
    const respond = met(t.desk.respondBy, t.firstWork === null ? null : at(t.firstWork));
    if (respond !== null) {
      respondCounted++;
      if (respond) respondMet++;
    }
    const resolve = met(t.desk.resolveBy, t.doneAt === null ? null : at(t.doneAt));
    if (resolve !== null) {
      resolveCounted++;
      if (resolve) resolveMet++;
    }
  }

  let waitedUnowned = 0;
  let longestUnowned = 0;
  for (const t of arrived) {
    const unownedMinutes = clock.before[t.ownedAt ?? minutes]! - clock.before[t.arrival]!;
    if (unownedMinutes > params.unownedThresholdMinutes) waitedUnowned++;
    longestUnowned = Math.max(longestUnowned, unownedMinutes);
  }

  const oldest = open.reduce<Replayed | null>((best, t) => (best === null || t.desk.created < best.desk.created ? t : best), null);
  const maxAge = Math.max(0, ...leads, ...open.map((t) => (end - t.desk.created) / HOUR_MS));
  const switches = techs.reduce((sum, tech) => sum + tech.switches, 0);
  const techDays = techs.length * clock.businessDays;
  const weeks = minutes / (7 * 24 * 60);
  const leadP50 = percentile(leads, 0.5);
  const leadP85 = percentile(leads, 0.85);
  return {
    policy,
    label: POLICY_LABELS[policy],
    arrived: arrived.length,
    finished: done.length,
    openAtEnd: open.length,
    leadP50Hours: leadP50 === null ? null : round1(leadP50),
    leadP85Hours: leadP85 === null ? null : round1(leadP85),
    respondMetPct: pct(respondMet, respondCounted),
    resolveMetPct: pct(resolveMet, resolveCounted),
    waitedUnowned,
    longestUnownedHours: round1(longestUnowned / 60),
    oldestOpen: oldest === null
      ? null
      : { id: oldest.desk.id, number: oldest.desk.number, title: oldest.desk.title, ageHours: round1((end - oldest.desk.created) / HOUR_MS) },
    maxAgeHours: round1(maxAge),
    switches,
    switchesPerTechDay: techDays === 0 ? 0 : Math.round((100 * switches) / techDays) / 100,
    throughputPerWeek: weeks === 0 ? 0 : round1(done.length / weeks),
  };
}

function change(pull: number, push: number): string {
  if (push === 0) return '';
  const delta = Math.round((100 * (pull - push)) / push);
  return ` (${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)} %)`;
}

/** Whether a pull policy helps against push, in plain words: it reports, it does not sell. */
export function verdictOf(push: PolicyResult, pull: PolicyResult): string {
  const parts: string[] = [];
  let better = 0;
  let worse = 0;
  if (push.leadP85Hours !== null && pull.leadP85Hours !== null) {
    parts.push(`lead time p85 ${pull.leadP85Hours} h against ${push.leadP85Hours} h${change(pull.leadP85Hours, push.leadP85Hours)}`);
    if (pull.leadP85Hours < push.leadP85Hours * 0.95) better++;
    else if (pull.leadP85Hours > push.leadP85Hours * 1.05) worse++;
  }
  if (push.resolveMetPct !== null && pull.resolveMetPct !== null) {
    parts.push(`resolution SLA met ${pull.resolveMetPct} % against ${push.resolveMetPct} %`);
    if (pull.resolveMetPct > push.resolveMetPct + 1) better++;
    else if (pull.resolveMetPct < push.resolveMetPct - 1) worse++;
  }
  parts.push(`oldest ticket ${pull.maxAgeHours} h against ${push.maxAgeHours} h`);
  // What pull costs is said as plainly as what it gains: tickets nobody has taken yet wait unowned.
  if (pull.waitedUnowned > push.waitedUnowned) {
    parts.push(`but ${pull.waitedUnowned} tickets waited unowned over the threshold against ${push.waitedUnowned} (longest ${pull.longestUnownedHours} business h)`);
  }
  const facts = parts.join(', ');
  if (better > 0 && worse === 0) return `${pull.label} helps on this desk: ${facts}.`;
  if (worse > 0 && better === 0) return `${pull.label} does not help on this desk — it does worse than push: ${facts}.`;
  if (better === 0) return `${pull.label} makes no clear difference on this desk: ${facts}.`;
  return `${pull.label} is mixed on this desk: ${facts}.`;
}

/** Replays push, pull at WIP 1 and pull at WIP 2 on the same history, side by side. */
export function runWhatIf(history: DeskHistory, overrides: Partial<WhatIfParams> = {}, policies: readonly WhatIfPolicy[] = WHATIF_POLICIES): WhatIfResult {
  const params = whatIfParams(overrides);
  const results = policies.map((policy) => replayDesk(history, policy, params));
  const push = results.find((r) => r.policy === 'push');
  const verdict = push === undefined ? [] : results.filter((r) => r.policy !== 'push').map((r) => verdictOf(push, r));
  const clock = businessClock(history.from, Math.max(0, Math.ceil((history.to - history.from) / MINUTE_MS)), params);
  return {
    params,
    assumptions: describeAssumptions(params),
    window: {
      from: history.from,
      to: history.to,
      days: round1((history.to - history.from) / DAY_MS),
      businessDays: clock.businessDays,
      techs: history.techs.length,
      tickets: results[0]?.arrived ?? 0,
    },
    results,
    verdict,
  };
}

/**
 * The Ready queue's order and Pull next's candidates. Every suggestion carries its reason, so a
 * tech (or a dispatcher) can see why this ticket and not another.
 */
import type { Ticket } from '../psa/model';
import { formatDuration, MINUTE_MS, parseTime } from './duration';
import { assignedReason, checkReady, type ReadyRule } from './ready';
import { slaState, type SlaState } from './sla';

export type Lane = 'expedite' | 'standard';

export interface RankPolicy {
  /** A ticket whose first pending SLA target is due within this many minutes (or is past) is expedited. */
  expediteWithinMinutes: number;
}

export const DEFAULT_RANK_POLICY: RankPolicy = { expediteWithinMinutes: 60 };

export interface RankContext {
  now: number;
  policy?: Partial<RankPolicy>;
  /** Ticket ids in the order a dispatcher put them; they lead their lane in this order. */
  manualOrder?: readonly string[];
}

export interface RankScore {
  /** Index in the dispatcher's manual order, or null when not ordered by hand. */
  manualPosition: number | null;
  sla: SlaState;
  /** 1 is the most urgent; null when the ticket has no priority. */
  priorityRank: number | null;
  createdAt: number | null;
  ageMs: number | null;
}

export interface RankedTicket {
  ticket: Ticket;
  lane: Lane;
  score: RankScore;
  /** "resolve due in 43 min · P2 · waiting 3 h" */
  reason: string;
}

const LANE_ORDER: Record<Lane, number> = { expedite: 0, standard: 1 };

/** Ascending, with null (missing data) after every known value: missing data never jumps the queue. */
function compareKnownFirst(a: number | null, b: number | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return a - b;
}

/** Numeric ids compare as numbers ("9" before "10"), others as plain strings: no locale involved. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Lane (expedite first), then the dispatcher's manual order, then the earliest pending SLA
 * target, then priority rank, then age (older first), then id so equal tickets never swap.
 */
export function compareRanked(a: RankedTicket, b: RankedTicket): number {
  return (
    LANE_ORDER[a.lane] - LANE_ORDER[b.lane] ||
    compareKnownFirst(a.score.manualPosition, b.score.manualPosition) ||
    compareKnownFirst(a.score.sla.dueAt, b.score.sla.dueAt) ||
    compareKnownFirst(a.score.priorityRank, b.score.priorityRank) ||
    compareKnownFirst(a.score.createdAt, b.score.createdAt) ||
    compareIds(a.ticket.id, b.ticket.id)
  );
}

function reasonFor(score: RankScore, ticket: Ticket): string {
  const parts: string[] = [];
  if (score.manualPosition !== null) parts.push('ordered by dispatcher');
  parts.push(score.sla.label);
  parts.push(ticket.priority === null ? 'no priority' : `P${ticket.priority.rank}`);
  if (score.ageMs !== null) parts.push(`waiting ${formatDuration(score.ageMs)}`);
  return parts.join(' · ');
}

/** Scores one ticket. Age counts from creation: a Ready ticket has been waiting for a tech since then. */
export function rankTicket(ticket: Ticket, ctx: RankContext, manualPosition: number | null = null): RankedTicket {
  const policy = { ...DEFAULT_RANK_POLICY, ...ctx.policy };
  const sla = slaState(ticket, ctx.now, policy.expediteWithinMinutes);
  const createdAt = parseTime(ticket.created);
  const score: RankScore = {
    manualPosition,
    sla,
    priorityRank: ticket.priority?.rank ?? null,
    createdAt,
    ageMs: createdAt === null ? null : Math.max(0, ctx.now - createdAt),
  };
  // slaState's at-risk window is the expedite threshold, so at-risk and breached are exactly the expedite lane.
  const lane: Lane = sla.state === 'breached' || sla.state === 'at-risk' ? 'expedite' : 'standard';
  return { ticket, lane, score, reason: reasonFor(score, ticket) };
}

export function rankReadyTickets(tickets: readonly Ticket[], ctx: RankContext): RankedTicket[] {
  const manual = new Map<string, number>();
  for (const id of ctx.manualOrder ?? []) if (!manual.has(id)) manual.set(id, manual.size);
  return tickets.map((t) => rankTicket(t, ctx, manual.get(t.id) ?? null)).sort(compareRanked);
}

/** Skills are configured per board, type or subtype; the most specific mapping wins. Keys are PSA ids. */
export interface SkillMap {
  byBoard?: Readonly<Record<string, string>>;
  byType?: Readonly<Record<string, string>>;
  bySubtype?: Readonly<Record<string, string>>;
}

function lookup(map: Readonly<Record<string, string>> | undefined, id: string | undefined): string | null {
  if (map === undefined || id === undefined || !Object.hasOwn(map, id)) return null;
  return map[id] ?? null;
}

/** The skill a ticket needs (subtype, then type, then board), or null when it needs none. */
export function skillOf(ticket: Ticket, map: SkillMap): string | null {
  return (
    lookup(map.bySubtype, ticket.subtype?.id) ??
    lookup(map.byType, ticket.type?.id) ??
    lookup(map.byBoard, ticket.board?.id)
  );
}

/** Who is pulling. Skills compare without regard to case or surrounding spaces. */
export interface PullingTech {
  id: string;
  skills: readonly string[];
}

export interface PullContext extends RankContext {
  me: PullingTech;
  /** Statuses of the Ready column(s): see readyStatusIds(columns). */
  readyColumnStatusIds: readonly string[];
  /** Definition of Ready. */
  rules: readonly ReadyRule[];
  skillOfTicket: (ticket: Ticket) => string | null;
  /** Ticket id → until when (ms) this tech does not want it offered again. */
  skipped: Readonly<Record<string, number>>;
}

export interface ExcludedTicket {
  ticket: Ticket;
  reasons: string[];
}

export interface PullCandidates {
  candidates: RankedTicket[];
  /** Tickets in Ready that this tech is not offered, with every reason why. */
  excluded: ExcludedTicket[];
}

function normalizeSkill(skill: string): string {
  return skill.trim().toLowerCase();
}

/**
 * The tickets this tech may pull, ranked. Only tickets in Ready statuses are considered; those
 * that fail a check land in `excluded` with all their reasons. A ticket needing no skill suits
 * anyone, and a tech with no skills configured is offered everything, so an unconfigured team
 * still pulls.
 */
export function pullCandidates(tickets: readonly Ticket[], ctx: PullContext): PullCandidates {
  const readyStatuses = new Set(ctx.readyColumnStatusIds);
  const mySkills = new Set(ctx.me.skills.map(normalizeSkill));
  const eligible: Ticket[] = [];
  const excluded: ExcludedTicket[] = [];
  for (const ticket of tickets) {
    if (!readyStatuses.has(ticket.status.id)) continue;
    const reasons: string[] = [];
    if (ticket.assignee !== null) {
      reasons.push(ticket.assignee.id === ctx.me.id ? 'already yours' : assignedReason(ticket.assignee.name));
    }
    if (ticket.closed) reasons.push('closed');
    for (const reason of checkReady(ticket, ctx.rules).reasons) if (!reasons.includes(reason)) reasons.push(reason);
    const skill = ctx.skillOfTicket(ticket);
    if (skill !== null && mySkills.size > 0 && !mySkills.has(normalizeSkill(skill))) reasons.push(`needs skill ${skill}`);
    const skippedUntil = Object.hasOwn(ctx.skipped, ticket.id) ? ctx.skipped[ticket.id] : undefined;
    if (skippedUntil !== undefined && skippedUntil > ctx.now) {
      reasons.push(`you skipped it (offered again in ${formatDuration(skippedUntil - ctx.now)})`);
    }
    if (reasons.length === 0) eligible.push(ticket);
    else excluded.push({ ticket, reasons });
  }
  return { candidates: rankReadyTickets(eligible, ctx), excluded };
}

export const DEFAULT_SPREAD_WIDTH = 3;
export const DEFAULT_SPREAD_SLA_TOLERANCE_MS = 10 * MINUTE_MS;

/** Whether two candidates are interchangeable enough to spread simultaneous pulls over them. */
function tiesForSpread(a: RankedTicket, b: RankedTicket, slaToleranceMs: number): boolean {
  // A dispatcher's manual order is deliberate: never reshuffled.
  if (a.score.manualPosition !== null || b.score.manualPosition !== null) return false;
  if (a.lane !== b.lane) return false;
  // Tickets already past their SLA are all late for their customers: which of them a tech takes
  // first matters less than two techs not racing for the same one.
  if (a.score.sla.state === 'breached' && b.score.sla.state === 'breached') return true;
  if (a.score.priorityRank !== b.score.priorityRank) return false;
  const dueA = a.score.sla.dueAt;
  const dueB = b.score.sla.dueAt;
  if (dueA === null || dueB === null) return dueA === dueB;
  return Math.abs(dueA - dueB) <= slaToleranceMs;
}

/** FNV-1a with a final avalanche: stable across runs and engines, spreads short similar ids well. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * The order in which this tech tries the candidates. Techs pulling at the same instant would all
 * race for the top ticket; instead each takes one of the leading candidates that tie with the top
 * one (same lane and priority, SLA due within `slaToleranceMs`, never a manually ordered one),
 * chosen by a hash of the tech's id. The pick comes first, then the rest in rank order, so a lost
 * race moves on to the next.
 */
export function spreadPick(
  candidates: readonly RankedTicket[],
  techId: string,
  width = DEFAULT_SPREAD_WIDTH,
  slaToleranceMs = DEFAULT_SPREAD_SLA_TOLERANCE_MS,
): RankedTicket[] {
  const top = candidates[0];
  if (top === undefined) return [];
  let tied = 1;
  while (tied < Math.max(1, width)) {
    const next = candidates[tied];
    if (next === undefined || !tiesForSpread(top, next, slaToleranceMs)) break;
    tied++;
  }
  const pick = hashString(techId) % tied;
  const picked = candidates[pick];
  if (picked === undefined) return [...candidates];
  return [picked, ...candidates.filter((_, i) => i !== pick)];
}

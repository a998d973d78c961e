/**
 * What Pull next would do for a tech, from the tickets Pullboard knows: the WIP gate, the candidates
 * in the order this tech tries them, and the statuses the claim writes. No I/O: the background feeds
 * it the cache, the race test feeds it a PSA's tickets.
 */
import type { Member, Status, Ticket } from '../psa/model';
import {
  defaultReadyRules,
  doneStatusId,
  gatePull,
  guessColumns,
  inProgressStatusId,
  mostAtRiskInProgress,
  personalWip,
  pullCandidates,
  readyStatusIds,
  hashString,
  statusIdsOfRole,
  type ColumnDef,
  type PullGate,
  type RankPolicy,
  type RankedTicket,
  type ReadyRule,
} from '../flow';

export interface PullPlanInput {
  tickets: readonly Ticket[];
  statuses: readonly Status[];
  me: Member;
  wipLimit: number;
  skills: readonly string[];
  now: number;
  /** Ticket id → until when this tech does not want it offered again. */
  skipped?: Readonly<Record<string, number>>;
  /**
   * The techs who may press Pull next on this queue at the same moment (member ids, me included or
   * not). When absent: every tech with a ticket on the board, and me.
   */
  team?: readonly string[];
  /** The board's design (columns, Definition of Ready, ranking, skills); guessed from the statuses when absent. */
  board?: {
    columns: ColumnDef[];
    readyRules: ReadyRule[];
    policy: Partial<RankPolicy>;
    manualOrder: readonly string[];
    skillOfTicket: (ticket: Ticket) => string | null;
  };
}

export interface PullPlan {
  /** Candidates in the order this tech tries them (spread over equal-rank tickets). */
  order: RankedTicket[];
  gate: PullGate;
  helpWith: Ticket | null;
  /** The status a claim writes; null when the board has none Pullboard can recognise. */
  inProgressStatusId: string | null;
  doneStatusId: string | null;
  /** My tickets in progress. */
  mine: Ticket[];
  /**
   * After a lost race: the tickets still left, in the order this tech tries them (see rushOrder).
   * `seen`, the tickets just read fresh, tells who else is pulling: their assignees join the team, so
   * techs who started from different views of the team (one new to the board) come to agree on it.
   */
  respread: (remaining: readonly Ticket[], seen?: readonly Ticket[]) => Ticket[];
}

/** The narrowest spread: a team of one or two still spreads over a few equal tickets. */
export const SPREAD_WIDTH = 5;

/** The techs who may pull from this queue at once: everyone with a ticket on the board, and me. */
export function pullingTeam(tickets: readonly Ticket[], meId: string): string[] {
  const ids = new Set<string>([meId]);
  for (const ticket of tickets) if (ticket.assignee) ids.add(ticket.assignee.id);
  return [...ids];
}

/**
 * Where this tech stands in the team for a rush: the team sorted by a hash of the ids, so every tech
 * who sees the same team finds a different place, without talking to the others.
 */
export function teamSlot(team: readonly string[], meId: string): { slot: number; width: number } {
  const ids = [...new Set([...team, meId])].sort((a, b) => hashString(a) - hashString(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { slot: ids.indexOf(meId), width: Math.max(SPREAD_WIDTH, ids.length) };
}

/**
 * A rush of pulls: the whole team presses Pull next at the same instant, each from the same view of
 * Ready. Tech `slot` tries the `slot`-th of the leading `width` candidates first, then the rest in
 * rank order, so techs in different places never race for one ticket; the team between them takes
 * the top `width` tickets. After a lost race the claim calls this again on a fresh view (what is
 * left), and the losers again spread apart.
 */
export function rushOrder<T>(items: readonly T[], slot: number, width: number): T[] {
  if (items.length === 0) return [];
  const pick = slot % Math.min(Math.max(1, width), items.length);
  return [items[pick]!, ...items.filter((_, i) => i !== pick)];
}

/** The candidates in the order this tech tries them, spread over the team (see rushOrder). */
export function spreadOrder(candidates: readonly RankedTicket[], techId: string, team: readonly string[] = [techId]): RankedTicket[] {
  const { slot, width } = teamSlot(team, techId);
  return rushOrder(candidates, slot, width);
}

export function planPull(input: PullPlanInput): PullPlan {
  const columns = input.board?.columns ?? guessColumns(input.statuses);
  const doing = statusIdsOfRole(columns, 'doing');
  const mine = personalWip(input.tickets, input.me.id, doing).tickets;
  const helpWith = mostAtRiskInProgress(input.tickets, doing, input.now, input.me.id);
  // A hard WIP limit on the in-progress column refuses a pull as it refuses a move into it.
  const inProgress = inProgressStatusId(columns, input.statuses);
  const target = inProgress ? columns.find((c) => c.statusIds.includes(inProgress)) : undefined;
  const targetCount = target ? input.tickets.filter((t) => !t.closed && target.statusIds.includes(t.status.id)).length : 0;
  const gate = gatePull({ wip: mine.length, limit: input.wipLimit, helpWith, ...(target ? { targetColumn: { column: target, count: targetCount } } : {}) });
  const team = input.team ?? pullingTeam(input.tickets, input.me.id);
  const { slot, width } = teamSlot(team, input.me.id);
  const { candidates } = pullCandidates(input.tickets, {
    now: input.now,
    me: { id: input.me.id, skills: input.skills },
    readyColumnStatusIds: readyStatusIds(columns),
    rules: input.board?.readyRules ?? defaultReadyRules(columns),
    // Without a designed board no ticket needs a skill: every ticket suits anyone.
    skillOfTicket: input.board?.skillOfTicket ?? (() => null),
    skipped: input.skipped ?? {},
    ...(input.board ? { policy: input.board.policy, manualOrder: input.board.manualOrder } : {}),
  });
  return {
    order: spreadOrder(candidates, input.me.id, team),
    respread: (remaining, seen = []) => {
      const now = teamSlot([...team, ...seen.flatMap((t) => (t.assignee ? [t.assignee.id] : []))], input.me.id);
      return rushOrder(remaining, now.slot, now.width);
    },
    gate,
    helpWith,
    inProgressStatusId: inProgress,
    doneStatusId: doneStatusId(columns, input.statuses),
    mine,
  };
}

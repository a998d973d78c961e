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
  spreadPick,
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
}

/** How many leading candidates are spread; past them a pull has lost enough races to stop. */
export const SPREAD_ROUNDS = 8;
/** How many equal-rank tickets simultaneous pulls spread over. */
export const SPREAD_WIDTH = 5;

/**
 * Techs pulling at the same instant each take a different one of the top equal-rank tickets, and
 * after a lost race each moves on to a different next one: every round of the order is spread by
 * the tech's id and the round, not only the first.
 */
export function spreadOrder(candidates: readonly RankedTicket[], techId: string): RankedTicket[] {
  const order: RankedTicket[] = [];
  let rest = [...candidates];
  for (let round = 0; round < SPREAD_ROUNDS && rest.length > 0; round++) {
    const [pick, ...others] = spreadPick(rest, `${techId}:${round}`, SPREAD_WIDTH);
    order.push(pick!);
    rest = others;
  }
  return [...order, ...rest];
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
    order: spreadOrder(candidates, input.me.id),
    gate,
    helpWith,
    inProgressStatusId: inProgress,
    doneStatusId: doneStatusId(columns, input.statuses),
    mine,
  };
}

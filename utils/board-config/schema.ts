/**
 * The board configuration: what a service lead designs in options (columns ↔ PSA statuses, WIP
 * limits, swimlanes, Definition of Ready, skills, ranking, filters), stored per connection in
 * IndexedDB and exported/imported as one JSON file. One versioned zod schema serves all three, so
 * a file that would not load from the store is refused at import with the same words.
 */
import { z } from 'zod';
import type { Member, Status, Ticket } from '../psa/model';
import {
  ColumnDef,
  DEFAULT_RANK_POLICY,
  defaultReadyRules,
  guessColumns,
  ReadyRule,
  skillOf,
  type RankPolicy,
  type SkillMap,
} from '../flow';

export const BOARD_CONFIG_FORMAT = 'pullboard.board-config';
/** The version this Pullboard writes. A file of an older version is migrated on load. */
export const BOARD_CONFIG_VERSION = 1;

const Id = z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters');
const Name = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const Skill = z.string().trim().min(1, 'a skill must not be empty').max(40, 'a skill must be at most 40 characters');
/** PSA id → skill a ticket needs. */
const SkillByPsaId = z.record(z.string(), Skill);

export const Swimlanes = z.enum(['none', 'assignee', 'priority', 'company', 'team']);
export type Swimlanes = z.infer<typeof Swimlanes>;

export const BoardSkills = z.strictObject({
  /** PSA member id → the skills that tech has. */
  byTech: z.record(z.string(), z.array(Skill).max(50)),
  /** PSA board / type / subtype id → the skill its tickets need; the most specific wins (skillOf). */
  byBoard: SkillByPsaId,
  byType: SkillByPsaId,
  bySubtype: SkillByPsaId,
});
export type BoardSkills = z.infer<typeof BoardSkills>;

/** A team as Pullboard knows it: PSA teams carry no member list in the API Pullboard reads. */
export const BoardTeam = z.strictObject({
  /** The PSA team's id when it mirrors one (tickets carry it), else any id. */
  id: Id,
  name: Name,
  memberIds: z.array(z.string()).max(200),
});
export type BoardTeam = z.infer<typeof BoardTeam>;

export const BoardRanking = z.strictObject({
  /** A ticket due within this many minutes (or past due) rides the expedite lane; also the SLA "at risk" window. */
  expediteWithinMinutes: z.number().int('must be a whole number of minutes').min(0, 'must be 0 or more').max(10_080, 'must be at most a week (10080)'),
  /** Ticket ids a dispatcher put in this order; they lead their lane. Never written to the PSA. */
  readyOrder: z.array(z.string().min(1)).max(2_000, 'holds at most 2000 tickets'),
});
export type BoardRanking = z.infer<typeof BoardRanking>;

export const BoardFilters = z.strictObject({
  mine: z.boolean(),
  myTeam: z.boolean(),
  /** Empty: every company. */
  companyIds: z.array(z.string()).max(500),
  /** Empty: every priority. */
  priorityIds: z.array(z.string()).max(50),
  text: z.string().max(100, 'must be at most 100 characters'),
});
export type BoardFilters = z.infer<typeof BoardFilters>;

const Column = ColumnDef.extend({
  id: Id,
  name: Name,
  statusIds: z.array(z.string().min(1)).max(100),
  wipLimit: z.number('must be a number, or null for no limit').int('must be a whole number').min(1, 'must be at least 1, or null for no limit').max(999, 'must be at most 999').nullable(),
}).strict();

export const BoardConfig = z.strictObject({
  id: Id.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
  name: Name,
  columns: z.array(Column).min(1, 'a board needs at least one column').max(20, 'a board has at most 20 columns'),
  /** Caps every tech's own limit (Settings.wipLimit); null leaves it to each tech. */
  personalWipLimit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5').nullable(),
  swimlanes: Swimlanes,
  /** Definition of Ready. */
  readyRules: z.array(ReadyRule).max(20),
  skills: BoardSkills,
  teams: z.array(BoardTeam).max(50),
  ranking: BoardRanking,
  /** The filters the board opens with. */
  filters: BoardFilters,
});
export type BoardConfig = z.infer<typeof BoardConfig>;

/** The stored document and the export file are the same shape. */
export const BoardConfigSet = z
  .strictObject({
    format: z.literal(BOARD_CONFIG_FORMAT, { error: `must be "${BOARD_CONFIG_FORMAT}"` }),
    version: z.literal(BOARD_CONFIG_VERSION),
    /** Where the file came from; informative, never trusted for a write. */
    psa: z.strictObject({ kind: z.string().max(20), boardId: z.string().nullable(), boardName: z.string().max(120).nullable() }).optional(),
    exportedAt: z.string().max(40).optional(),
    /** The board Pull next follows and views open first. */
    defaultBoardId: z.string(),
    boards: z.array(BoardConfig).min(1, 'the file holds no board').max(20, 'at most 20 boards'),
  })
  .superRefine((set, ctx) => {
    const ids = new Set<string>();
    set.boards.forEach((board, b) => {
      if (ids.has(board.id)) ctx.addIssue({ code: 'custom', path: ['boards', b, 'id'], message: `board id "${board.id}" is used twice` });
      ids.add(board.id);
      checkColumns(board, b, ctx);
    });
    if (!ids.has(set.defaultBoardId)) {
      ctx.addIssue({ code: 'custom', path: ['defaultBoardId'], message: `names no board of the file ("${set.defaultBoardId}")` });
    }
  });
export type BoardConfigSet = z.infer<typeof BoardConfigSet>;

function checkColumns(board: BoardConfig, b: number, ctx: z.RefinementCtx): void {
  const columnIds = new Set<string>();
  const owner = new Map<string, string>();
  board.columns.forEach((column, c) => {
    const at = ['boards', b, 'columns', c];
    if (columnIds.has(column.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `column id "${column.id}" is used twice` });
    columnIds.add(column.id);
    if (column.hardLimit && column.wipLimit === null) {
      ctx.addIssue({ code: 'custom', path: [...at, 'hardLimit'], message: 'a hard limit needs a WIP limit' });
    }
    for (const statusId of column.statusIds) {
      const first = owner.get(statusId);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [...at, 'statusIds'], message: `status ${statusId} is already mapped to column "${first}"` });
      } else owner.set(statusId, column.name);
    }
  });
}

export class BoardConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`);
    this.name = 'BoardConfigError';
  }
}

// ---- migrations ------------------------------------------------------------------------------

/** A step takes a document of version N (its index + 1) to N + 1. Never edit a released step. */
export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/** The steps of this Pullboard: none yet, version 1 is the first released format. */
export const BOARD_CONFIG_MIGRATIONS: readonly MigrationStep[] = [];

/**
 * Brings a parsed JSON document to `target` through `steps`. Refuses (with the reason) what is not
 * a board configuration, a version newer than this Pullboard reads, or a version with no path.
 */
export function migrateDocument(
  raw: unknown,
  steps: readonly MigrationStep[] = BOARD_CONFIG_MIGRATIONS,
  target = BOARD_CONFIG_VERSION,
): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BoardConfigError(['The file is not a Pullboard board configuration: expected a JSON object.']);
  }
  let doc = raw as Record<string, unknown>;
  if (doc.format !== BOARD_CONFIG_FORMAT) {
    throw new BoardConfigError([`The file is not a Pullboard board configuration: "format" should be "${BOARD_CONFIG_FORMAT}".`]);
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BoardConfigError(['version: must be a whole number of at least 1.']);
  }
  if (version > target) {
    throw new BoardConfigError([`version: the file is version ${version}, made by a newer Pullboard; this one reads up to version ${target}. Update Pullboard.`]);
  }
  for (let v = version; v < target; v++) {
    const step = steps[v - 1];
    if (!step) throw new BoardConfigError([`version: no migration from version ${v} to ${v + 1}.`]);
    doc = { ...step(doc), version: v + 1 };
  }
  return doc;
}

// ---- parsing with errors a person can act on -------------------------------------------------

/** `boards[0] "Service desk" › columns[2] "Doing" › wipLimit`: the path, with the names the user gave. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = raw;
  let text = '';
  for (const key of path) {
    const label = typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
    text += label;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as string] : undefined;
    if (typeof key === 'number' && node !== null && typeof node === 'object') {
      const name = (node as { name?: unknown }).name;
      if (typeof name === 'string' && name.trim()) text += ` "${name.trim()}"`;
    }
  }
  return text || 'the file';
}

export function describeIssues(raw: unknown, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const unknownKeys = issue.code === 'unrecognized_keys' ? `: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : '';
    const message = unknownKeys || `: ${issue.message}`;
    return `${describePath(raw, issue.path)}${message}`;
  });
}

/** A stored or imported document, migrated and validated; throws BoardConfigError naming every problem. */
export function parseBoardConfigSet(raw: unknown): BoardConfigSet {
  const migrated = migrateDocument(raw);
  const parsed = BoardConfigSet.safeParse(migrated);
  if (!parsed.success) throw new BoardConfigError(describeIssues(migrated, parsed.error));
  return parsed.data;
}

/** The text of an import file: JSON first, then the schema. */
export function parseBoardConfigFile(text: string): BoardConfigSet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BoardConfigError([`The file is not valid JSON (${(error as Error).message}).`]);
  }
  return parseBoardConfigSet(raw);
}

/**
 * What the schema cannot know: the statuses and members this connection really has. A column mapped
 * to a status the PSA board does not have would refuse every move into it, so the file is refused.
 * Skipped while the first sync has not loaded the statuses.
 */
export function checkAgainstPsa(set: BoardConfigSet, statuses: readonly Status[], members: readonly Member[]): string[] {
  const problems: string[] = [];
  if (statuses.length > 0) {
    const known = new Set(statuses.map((s) => s.id));
    for (const board of set.boards) {
      for (const column of board.columns) {
        for (const statusId of column.statusIds) {
          if (!known.has(statusId)) problems.push(`Board "${board.name}", column "${column.name}": status ${statusId} does not exist in this PSA board.`);
        }
      }
    }
  }
  if (members.length > 0) {
    const known = new Set(members.map((m) => m.id));
    for (const board of set.boards) {
      for (const memberId of Object.keys(board.skills.byTech)) {
        if (!known.has(memberId)) problems.push(`Board "${board.name}", skills: member ${memberId} does not exist in this PSA.`);
      }
    }
  }
  return problems;
}

// ---- defaults ----------------------------------------------------------------------------------

export const DEFAULT_BOARD_ID = 'main';

export const EMPTY_FILTERS: BoardFilters = { mine: false, myTeam: false, companyIds: [], priorityIds: [], text: '' };

/** A board nobody configured: columns guessed from the PSA's statuses, the default Definition of Ready. */
export function defaultBoardConfig(statuses: readonly Status[], name = 'Team board', id = DEFAULT_BOARD_ID): BoardConfig {
  const columns = guessColumns(statuses);
  return {
    id,
    name,
    columns,
    personalWipLimit: null,
    swimlanes: 'none',
    readyRules: defaultReadyRules(columns),
    skills: { byTech: {}, byBoard: {}, byType: {}, bySubtype: {} },
    teams: [],
    ranking: { expediteWithinMinutes: DEFAULT_RANK_POLICY.expediteWithinMinutes, readyOrder: [] },
    filters: { ...EMPTY_FILTERS },
  };
}

export function defaultBoardConfigSet(statuses: readonly Status[], boardName: string | null = null): BoardConfigSet {
  const board = defaultBoardConfig(statuses, boardName ?? 'Team board');
  return { format: BOARD_CONFIG_FORMAT, version: BOARD_CONFIG_VERSION, defaultBoardId: board.id, boards: [board] };
}

export function boardById(set: BoardConfigSet, boardId: string | null | undefined): BoardConfig {
  return set.boards.find((b) => b.id === boardId) ?? set.boards.find((b) => b.id === set.defaultBoardId) ?? set.boards[0]!;
}

// ---- what Pull next takes from a board ------------------------------------------------------------

export interface BoardPullSettings {
  columns: ColumnDef[];
  readyRules: ReadyRule[];
  policy: RankPolicy;
  manualOrder: string[];
  skillOfTicket: (ticket: Ticket) => string | null;
  /** The board's cap on the tech's own limit: the smaller wins. */
  wipLimit: number;
  /** The tech's own skills and those the board gives them. */
  skills: string[];
}

/** The board's part of a pull plan for one tech, merged with the tech's own settings. */
export function pullSettingsFromBoard(board: BoardConfig, meId: string, own: { wipLimit: number; skills: readonly string[] }): BoardPullSettings {
  const map: SkillMap = { byBoard: board.skills.byBoard, byType: board.skills.byType, bySubtype: board.skills.bySubtype };
  const fromBoard = Object.hasOwn(board.skills.byTech, meId) ? (board.skills.byTech[meId] ?? []) : [];
  return {
    columns: board.columns,
    readyRules: board.readyRules,
    policy: { expediteWithinMinutes: board.ranking.expediteWithinMinutes },
    manualOrder: board.ranking.readyOrder,
    skillOfTicket: (ticket) => skillOf(ticket, map),
    wipLimit: board.personalWipLimit === null ? own.wipLimit : Math.min(board.personalWipLimit, own.wipLimit),
    skills: [...new Set([...own.skills, ...fromBoard])],
  };
}

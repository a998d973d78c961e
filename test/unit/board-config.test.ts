import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Status, Ticket, type Member } from '../../utils/psa/model';
import {
  BOARD_CONFIG_FORMAT,
  BoardConfigError,
  BoardConfigSet,
  checkAgainstPsa,
  defaultBoardConfigSet,
  migrateDocument,
  parseBoardConfigFile,
  parseBoardConfigSet,
  pullSettingsFromBoard,
  type BoardConfig,
  type MigrationStep,
} from '../../utils/board-config/schema';
import { boardConfigKey, loadBoardConfig, loadBoardConfigSet, saveBoardConfigSet, updateBoardConfig } from '../../utils/store/board-config';
import { openPullboardDb } from '../../utils/store/db';
import { emptySyncState, saveSyncState } from '../../utils/store/sync-state';

const status = (id: string, name: string, order: number, closed = false): Status => Status.parse({ id, name, order, closed, inactive: false, boardId: '1' });
const STATUSES = [
  status('1', 'New', 1),
  status('2', 'Triage', 2),
  status('3', 'Ready', 3),
  status('4', 'In Progress', 4),
  status('5', 'Waiting on Client', 5),
  status('7', 'Completed', 7, true),
  status('8', 'Closed', 8, true),
];
const MEMBERS: Member[] = [{ id: '101', identifier: 'adunn', name: 'Alex Dunn', email: null, inactive: false }];

function validFile(change: (board: BoardConfig) => BoardConfig = (b) => b): Record<string, unknown> {
  const set = defaultBoardConfigSet(STATUSES, 'Service Desk');
  return JSON.parse(JSON.stringify({ ...set, boards: set.boards.map(change) })) as Record<string, unknown>;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BoardConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the board configuration schema', () => {
  it('gives a nobody-configured board the columns guessed from the statuses, and that default is valid', () => {
    const set = defaultBoardConfigSet(STATUSES, 'Service Desk');
    expect(BoardConfigSet.safeParse(set).success).toBe(true);
    const board = set.boards[0]!;
    expect(board.name).toBe('Service Desk');
    expect(board.columns.map((c) => `${c.name}:${c.role}`)).toEqual(['New:intake', 'Triage:intake', 'Ready:ready', 'In Progress:doing', 'Waiting on Client:waiting', 'Done:done']);
    expect(board.columns.find((c) => c.role === 'done')?.statusIds).toEqual(['7', '8']);
    // Definition of Ready by default: contact and type known, not closed, not waiting or done.
    expect(board.readyRules).toContainEqual({ kind: 'notStatus', statusIds: ['5', '7', '8'] });
  });

  it('reads back what it writes, through JSON', () => {
    const file = validFile((b) => ({ ...b, swimlanes: 'assignee', personalWipLimit: 2, columns: b.columns.map((c) => (c.role === 'doing' ? { ...c, wipLimit: 3, hardLimit: true } : c)) }));
    const set = parseBoardConfigFile(JSON.stringify(file));
    expect(set.boards[0]!.swimlanes).toBe('assignee');
    expect(set.boards[0]!.columns.find((c) => c.role === 'doing')).toMatchObject({ wipLimit: 3, hardLimit: true });
  });
});

describe('importing a file: a bad one is refused with the problem named', () => {
  it.each<[string, string, RegExp]>([
    ['not JSON', '{"format": ', /not valid JSON/],
    ['JSON but not an object', '[1, 2]', /expected a JSON object/],
    ['another format', JSON.stringify({ format: 'trello', version: 1 }), /"format" should be "pullboard\.board-config"/],
    ['no version', JSON.stringify({ format: BOARD_CONFIG_FORMAT }), /version: must be a whole number/],
    ['a newer version', JSON.stringify({ ...validFile(), version: 7 }), /version 7, made by a newer Pullboard/],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(() => parseBoardConfigFile(text)).join('\n')).toMatch(expected);
  });

  it('names the board, the column and the field of a wrong value', () => {
    const file = validFile((b) => ({ ...b, columns: b.columns.map((c) => (c.name === 'In Progress' ? { ...c, wipLimit: -2 } : c)) }));
    const problems = problemsOf(() => parseBoardConfigFile(JSON.stringify(file)));
    expect(problems).toEqual(['boards[0] "Service Desk".columns[3] "In Progress".wipLimit: must be at least 1, or null for no limit']);
  });

  it('refuses a status mapped to two columns, a hard limit without a limit, an unknown default board, unknown fields', () => {
    const file = validFile((b) => ({
      ...b,
      columns: b.columns.map((c) => (c.name === 'Triage' ? { ...c, statusIds: ['2', '3'], hardLimit: true } : c)),
    }));
    (file as { defaultBoardId: string }).defaultBoardId = 'nope';
    ((file.boards as Record<string, unknown>[])[0]!).wiplimit = 3;
    const problems = problemsOf(() => parseBoardConfigFile(JSON.stringify(file))).join('\n');
    expect(problems).toContain('boards[0] "Service Desk": unknown field "wiplimit"');
    // The unknown field stops the board's own checks; fixed, the others show.
    delete ((file.boards as Record<string, unknown>[])[0]!).wiplimit;
    const rest = problemsOf(() => parseBoardConfigFile(JSON.stringify(file))).join('\n');
    expect(rest).toContain('columns[2] "Ready".statusIds: status 3 is already mapped to column "Triage"');
    expect(rest).toContain('columns[1] "Triage".hardLimit: a hard limit needs a WIP limit');
    expect(rest).toContain('defaultBoardId: names no board of the file ("nope")');
  });

  it('refuses statuses and members this PSA does not have', () => {
    const set = parseBoardConfigSet(validFile((b) => ({ ...b, columns: [...b.columns, { id: 'x', name: 'Billing', statusIds: ['99'], role: 'done', wipLimit: null, hardLimit: false }], skills: { ...b.skills, byTech: { '555': ['network'] } } })));
    expect(checkAgainstPsa(set, STATUSES, MEMBERS)).toEqual([
      'Board "Service Desk", column "Billing": status 99 does not exist in this PSA board.',
      'Board "Service Desk", skills: member 555 does not exist in this PSA.',
    ]);
    // Before the first sync nothing is known, and nothing is refused for it.
    expect(checkAgainstPsa(set, [], [])).toEqual([]);
  });
});

describe('migrations', () => {
  // A made-up history: v1 had `lanes`, v2 renamed it `swimlanes`, v3 added `teams`.
  const steps: MigrationStep[] = [
    (doc) => ({ ...doc, boards: (doc.boards as Record<string, unknown>[]).map(({ lanes, ...b }) => ({ ...b, swimlanes: lanes })) }),
    (doc) => ({ ...doc, boards: (doc.boards as Record<string, unknown>[]).map((b) => ({ ...b, teams: [] })) }),
  ];
  const v1 = { format: BOARD_CONFIG_FORMAT, version: 1, boards: [{ id: 'main', lanes: 'assignee' }] };

  it('runs every step from the file\'s version to the current one, in order', () => {
    expect(migrateDocument(v1, steps, 3)).toEqual({ format: BOARD_CONFIG_FORMAT, version: 3, boards: [{ id: 'main', swimlanes: 'assignee', teams: [] }] });
    expect(migrateDocument({ ...v1, version: 2, boards: [{ id: 'main', swimlanes: 'none' }] }, steps, 3)).toMatchObject({ version: 3, boards: [{ swimlanes: 'none', teams: [] }] });
  });

  it('leaves a current document as it is, and says when a step is missing', () => {
    expect(migrateDocument(v1, [], 1)).toEqual(v1);
    expect(() => migrateDocument(v1, steps.slice(0, 1), 3)).toThrow(/no migration from version 2 to 3/);
  });
});

describe('the board configuration store', () => {
  const connectionId = 'cfg-test';

  beforeEach(async () => {
    const db = await openPullboardDb();
    await db.delete('config', boardConfigKey(connectionId));
    await saveSyncState({ ...emptySyncState(connectionId, '1'), statuses: STATUSES, boards: [{ id: '1', name: 'Service Desk' }] });
  });

  it('returns the guessed board until one is saved, then the saved one', async () => {
    const guessed = await loadBoardConfigSet(connectionId);
    expect(guessed.stored).toBe(false);
    expect(guessed.set.boards[0]!.name).toBe('Service Desk');
    const set = validFile((b) => ({ ...b, personalWipLimit: 1 }));
    await saveBoardConfigSet(connectionId, parseBoardConfigSet(set));
    expect((await loadBoardConfig(connectionId)).personalWipLimit).toBe(1);
    expect((await loadBoardConfigSet(connectionId)).stored).toBe(true);
  });

  it('sets aside a stored document that no longer reads, and says why', async () => {
    const db = await openPullboardDb();
    await db.put('config', { key: boardConfigKey(connectionId), value: { format: BOARD_CONFIG_FORMAT, version: 1, defaultBoardId: 'main', boards: 'broken' }, version: 1 });
    const loaded = await loadBoardConfigSet(connectionId);
    expect(loaded.stored).toBe(false);
    expect(loaded.problem).toMatch(/could not be read.*boards/);
    expect(loaded.set.boards[0]!.columns.length).toBeGreaterThan(0);
  });

  it('changes one board in place (the Ready order), keeping the rest', async () => {
    await updateBoardConfig(connectionId, 'main', (b) => ({ ...b, ranking: { ...b.ranking, readyOrder: ['12', '10'] } }));
    const board = await loadBoardConfig(connectionId);
    expect(board.ranking.readyOrder).toEqual(['12', '10']);
    expect(board.columns.length).toBe(6);
  });
});

describe('what Pull next takes from the board', () => {
  const ticket = (typeId: string | null): Ticket =>
    Ticket.parse({
      id: '1', number: '#1', title: 't', status: { id: '3', name: 'Ready' }, closed: false, board: { id: '1', name: 'SD' }, priority: null, assignee: null,
      team: null, company: null, contact: null, type: typeId ? { id: typeId, name: 'Network' } : null, subtype: null,
      created: '2026-11-25T10:00:00.000Z', updated: '2026-11-25T10:00:00.000Z',
      sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null }, estimateHours: null, actualHours: null, url: 'https://x.test/1',
    });

  it('caps the tech\'s own WIP limit, adds the skills the board gives them, maps ticket types to skills', () => {
    const board = parseBoardConfigSet(validFile((b) => ({ ...b, personalWipLimit: 2, skills: { byTech: { '101': ['network'] }, byBoard: {}, byType: { '40': 'network' }, bySubtype: {} }, ranking: { expediteWithinMinutes: 30, readyOrder: ['9'] } }))).boards[0]!;
    const settings = pullSettingsFromBoard(board, '101', { wipLimit: 3, skills: ['m365'] });
    expect(settings.wipLimit).toBe(2);
    expect(settings.skills).toEqual(['m365', 'network']);
    expect(settings.skillOfTicket(ticket('40'))).toBe('network');
    expect(settings.skillOfTicket(ticket(null))).toBeNull();
    expect(settings.policy).toEqual({ expediteWithinMinutes: 30 });
    expect(settings.manualOrder).toEqual(['9']);
    // No board limit: the tech's own.
    expect(pullSettingsFromBoard({ ...board, personalWipLimit: null }, '101', { wipLimit: 3, skills: [] }).wipLimit).toBe(3);
  });
});

describe('the file format in the README', () => {
  it('is an example this Pullboard imports', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Board configuration file'));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const set = parseBoardConfigFile(example!);
    expect(set.boards[0]!.columns.find((c) => c.name === 'In Progress')).toMatchObject({ wipLimit: 10, hardLimit: true });
  });
});

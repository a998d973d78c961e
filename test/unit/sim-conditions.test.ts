import { describe, expect, it } from 'vitest';
import { compileConditions, ConditionsError, parseConditions, type FieldTable } from '../psa-sim/conditions';

interface Row {
  id: number;
  summary: string;
  board: number;
  status: string;
  owner: string | null;
  ownerId: number | null;
  closed: boolean;
  updated: number;
  hours: number | null;
}

const rows: Row[] = [
  { id: 1, summary: 'Outlook keeps asking for password', board: 1, status: 'New', owner: null, ownerId: null, closed: false, updated: Date.parse('2026-11-01T09:00:00Z'), hours: null },
  { id: 2, summary: 'VPN drops', board: 1, status: 'Ready', owner: 'adunn', ownerId: 151, closed: false, updated: Date.parse('2026-11-01T10:00:00Z'), hours: 1.5 },
  { id: 3, summary: "It's broken", board: 2, status: 'In Progress', owner: 'bcole', ownerId: 152, closed: false, updated: Date.parse('2026-11-01T11:00:00Z'), hours: 3 },
  { id: 4, summary: 'Printer offline', board: 3, status: 'Closed', owner: 'adunn', ownerId: 151, closed: true, updated: Date.parse('2026-10-31T23:59:59Z'), hours: 0.5 },
  { id: 5, summary: 'Say "hi" to 50% off', board: 1, status: 'Waiting on Client', owner: null, ownerId: null, closed: false, updated: Date.parse('2026-11-02T00:00:00Z'), hours: 0 },
];

const fields: FieldTable<Row> = {
  id: { type: 'number', get: (r) => r.id },
  summary: { type: 'string', get: (r) => r.summary },
  'board/id': { type: 'number', get: (r) => r.board },
  'status/name': { type: 'string', get: (r) => r.status },
  'owner/id': { type: 'number', get: (r) => r.ownerId },
  'owner/identifier': { type: 'string', get: (r) => r.owner },
  closedFlag: { type: 'boolean', get: (r) => r.closed },
  actualHours: { type: 'number', get: (r) => r.hours },
  '_info/lastUpdated': { type: 'date', get: (r) => r.updated },
};
const aliases = { lastUpdated: '_info/lastUpdated' };

const matching = (conditions: string): number[] => {
  const predicate = compileConditions(conditions, fields, aliases);
  return rows.filter(predicate).map((row) => row.id);
};

function errorOf(conditions: string): ConditionsError {
  try {
    compileConditions(conditions, fields, aliases);
  } catch (error) {
    if (error instanceof ConditionsError) return error;
    throw error;
  }
  throw new Error(`expected '${conditions}' to be rejected`);
}

describe('conditions: operators', () => {
  it.each<[string, number[]]>([
    ['', [1, 2, 3, 4, 5]],
    ['   ', [1, 2, 3, 4, 5]],
    ['id = 2', [2]],
    ['id=2', [2]],
    ['id != 2', [1, 3, 4, 5]],
    ['id < 3', [1, 2]],
    ['id <= 3', [1, 2, 3]],
    ['id > 3', [4, 5]],
    ['id >= 3', [3, 4, 5]],
    ['actualHours > 1.2', [2, 3]],
    ['actualHours = 0', [5]],
    ['actualHours > -1', [2, 3, 4, 5]],
    ["summary = 'vpn drops'", [2]],
    ["summary contains 'VPN'", [2]],
    ["summary contains 'o'", [1, 2, 3, 4, 5]],
    ["summary not contains 'off'", [1, 2, 3]],
    ["summary like 'printer*'", [4]],
    ["summary like '*OFF'", [5]],
    ["summary like '%drops'", [2]],
    ["summary like 'vpn'", []],
    ["summary like '*.*'", []],
    ["summary not like '*o*'", []],
    ["summary not like 'p*'", [1, 2, 3, 5]],
    ['board/id in (1,3)', [1, 2, 4, 5]],
    ['board/id in ( 2 )', [3]],
    ['board/id not in (1, 3)', [3]],
    ["status/name in ('new','READY')", [1, 2]],
    ["status/name not in ('New')", [2, 3, 4, 5]],
    ['closedFlag = true', [4]],
    ['closedFlag=false', [1, 2, 3, 5]],
    ['closedFlag != true', [1, 2, 3, 5]],
    ['owner/id = null', [1, 5]],
    ['owner/id != null', [2, 3, 4]],
    ['owner/id = NULL', [1, 5]],
  ])('%s', (conditions, expected) => {
    expect(matching(conditions)).toEqual(expected);
  });

  it('never matches a null field except with = null, as SQL does', () => {
    expect(matching("owner/identifier != 'adunn'")).toEqual([3]);
    expect(matching("owner/identifier not in ('adunn')")).toEqual([3]);
    expect(matching("owner/identifier not like 'a*'")).toEqual([3]);
    expect(matching('actualHours < 100')).toEqual([2, 3, 4, 5]);
  });
});

describe('conditions: dates', () => {
  it.each<[string, number[]]>([
    ['lastUpdated > [2026-11-01T10:00:00Z]', [3, 5]],
    ['_info/lastUpdated >= [2026-11-01T10:00:00Z]', [2, 3, 5]],
    ['lastUpdated < [2026-11-01]', [4]],
    ['lastUpdated = [2026-11-01T12:00:00+02:00]', [2]],
    ['lastUpdated = [2026-11-01T10:00:00]', [2]],
    ['lastUpdated = [2026-11-01T10:00:00.000Z]', [2]],
    ['lastUpdated > [2026-11-01T09:30:00Z] and lastUpdated < [2026-11-01T11:00:00Z]', [2]],
  ])('%s', (conditions, expected) => {
    expect(matching(conditions)).toEqual(expected);
  });
});

describe('conditions: and, or, parentheses, keywords', () => {
  it('binds and tighter than or', () => {
    expect(matching('board/id = 2 or board/id = 1 and closedFlag = true')).toEqual([3]);
    expect(matching('closedFlag = true and board/id = 3 or id = 1')).toEqual([1, 4]);
    const tree = parseConditions('id = 1 or id = 2 and id = 3');
    expect(tree).toMatchObject({ kind: 'or', left: { kind: 'compare', field: 'id' }, right: { kind: 'and' } });
  });

  it('lets parentheses override precedence and nest', () => {
    expect(matching('(board/id = 2 or board/id = 1) and closedFlag = false')).toEqual([1, 2, 3, 5]);
    expect(matching('((id = 1))')).toEqual([1]);
    expect(matching('(id = 1 or (id = 2 and (owner/id = 151)))')).toEqual([1, 2]);
  });

  it('reads keywords and field names in any case', () => {
    expect(matching("BOARD/ID = 1 AND Status/Name = 'New' Or id=4")).toEqual([1, 4]);
    expect(matching("summary NOT LIKE 'p*' and closedflag = FALSE and board/id NOT IN (2)")).toEqual([1, 2, 5]);
    expect(matching('LASTUPDATED > [2026-11-01T10:00:00Z]')).toEqual([3, 5]);
  });
});

describe('conditions: quoting', () => {
  it.each<[string, number[]]>([
    ["summary = 'It\\'s broken'", [3]],
    ["summary = 'It''s broken'", [3]],
    [`summary = "It's broken"`, [3]],
    [`summary = 'Say "hi" to 50% off'`, [5]],
    [`summary = "Say ""hi"" to 50% off"`, [5]],
    ["summary contains 'and' or summary contains ')'", []],
    ["summary = 'a = b or id = 1'", []],
  ])('%s', (conditions, expected) => {
    expect(matching(conditions)).toEqual(expected);
  });
});

describe('conditions: errors', () => {
  it('names an unknown field and where it is', () => {
    const error = errorOf('foo = 1');
    expect(error).toMatchObject({ kind: 'unknownField', field: 'foo', position: 1 });
    expect(error.message).toContain("'foo'");
    expect(errorOf('id = 1 and bar/baz = 2')).toMatchObject({ kind: 'unknownField', field: 'bar/baz', position: 12 });
    expect(errorOf('board/name = 1')).toMatchObject({ kind: 'unknownField', field: 'board/name' });
  });

  it.each<[string, number, RegExp]>([
    ['id = ', 6, /expected a value/],
    ['id = 1 and', 11, /expected a field name/],
    ['and id = 1', 1, /expected a field name/],
    ['(id = 1', 8, /expected '\)'/],
    ['id = 1)', 7, /no matching '\('/],
    ["summary = 'abc", 11, /not closed/],
    ['id == 1', 5, /expected a value/],
    ['summary = abc', 11, /strings need quotes/],
    ['lastUpdated > [yesterday]', 15, /not a date/],
    ['lastUpdated > [2026-11-01', 15, /not closed/],
    ['id ! 1', 4, /unexpected character '!'/],
    ['id not = 1', 8, /'not' must be followed/],
    ['id in 1, 2', 7, /expected '\('/],
    ['id in (1 2)', 10, /expected ',' or '\)'/],
    ['id 1', 4, /expected an operator/],
    ['id = 1 id = 2', 8, /expected 'and', 'or'/],
    ['id = 12abc', 6, /not a number/],
    ['id = 1 & id = 2', 8, /unexpected character '&'/],
  ])('%s → syntax error at %i', (conditions, position, message) => {
    const error = errorOf(conditions);
    expect(error.kind).toBe('syntax');
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`position ${position}`);
  });

  it.each<[string, RegExp]>([
    ["id = '2'", /cannot be compared with a string/],
    ['summary = 5', /cannot be compared with a number/],
    ["lastUpdated > '2026-11-01'", /dates go in \[brackets\]/],
    ['id > [2026-11-01]', /cannot be compared with a \[date\]/],
    ['closedFlag > true', /only be compared with = or !=/],
    ['id contains 1', /needs a string field/],
    ['summary < null', /null can only be compared/],
    ["summary like null", /null can only be compared/],
    ['board/id in (1, null)', /cannot be compared with null/],
    ["board/id in (1, '2')", /cannot be compared with a string/],
  ])('%s → type error', (conditions, message) => {
    const error = errorOf(conditions);
    expect(error.kind).toBe('type');
    expect(error.message).toMatch(message);
  });
});

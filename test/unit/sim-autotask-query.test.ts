import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotaskApiBase, autotaskHeaders } from '../psa-sim/autotask-credentials';
import { AutotaskQueryError, compileFilter, parseQuery, type AutotaskField } from '../psa-sim/autotask-filter';
import { startSimulator, type Simulator } from '../psa-sim/server';

// ---------------------------------------------------------------- the language, on a table of its own

interface Row { id: number; title: string | null; queueID: number | null; hours: number | null; created: number | null; done: boolean }
const ROWS: Row[] = [
  { id: 1, title: 'Printer offline', queueID: 10, hours: 1.5, created: Date.parse('2026-11-01T09:00:00.250Z'), done: false },
  { id: 2, title: 'VPN drops', queueID: 10, hours: null, created: Date.parse('2026-11-02T09:00:00.000Z'), done: true },
  { id: 3, title: 'printer toner low', queueID: 20, hours: 4, created: Date.parse('2026-11-03T09:00:00.999Z'), done: false },
  { id: 4, title: null, queueID: null, hours: 0.5, created: null, done: false },
  { id: 5, title: 'New laptop', queueID: 30, hours: 8, created: Date.parse('2026-11-05T09:00:00.000Z'), done: true },
];
const FIELDS = new Map<string, AutotaskField<Row>>([
  ['id', { name: 'id', type: 'long', get: (r) => r.id }],
  ['title', { name: 'title', type: 'string', get: (r) => r.title }],
  ['queueid', { name: 'queueID', type: 'integer', get: (r) => r.queueID }],
  ['hours', { name: 'hours', type: 'double', get: (r) => r.hours }],
  ['created', { name: 'created', type: 'datetime', get: (r) => r.created }],
  ['done', { name: 'done', type: 'boolean', get: (r) => r.done }],
]);
const ids = (filter: unknown[]) => ROWS.filter(compileFilter(filter, FIELDS, 'Row')).map((row) => row.id);

describe('Autotask filter: every operator', () => {
  it.each<[string, unknown[], number[]]>([
    ['eq', [{ op: 'eq', field: 'queueID', value: 10 }], [1, 2]],
    ['eq on a string ignores case', [{ op: 'eq', field: 'title', value: 'vpn DROPS' }], [2]],
    ['noteq skips empty fields', [{ op: 'noteq', field: 'queueID', value: 10 }], [3, 5]],
    ['gt', [{ op: 'gt', field: 'hours', value: 1.5 }], [3, 5]],
    ['gte', [{ op: 'gte', field: 'hours', value: 1.5 }], [1, 3, 5]],
    ['lt', [{ op: 'lt', field: 'hours', value: 1.5 }], [4]],
    ['lte', [{ op: 'lte', field: 'hours', value: 1.5 }], [1, 4]],
    ['beginsWith ignores case', [{ op: 'beginsWith', field: 'title', value: 'PRINTER' }], [1, 3]],
    ['endsWith', [{ op: 'endsWith', field: 'title', value: 'low' }], [3]],
    ['contains', [{ op: 'contains', field: 'title', value: 'top' }], [5]],
    ['exist', [{ op: 'exist', field: 'hours' }], [1, 3, 4, 5]],
    ['notExist', [{ op: 'notExist', field: 'title' }], [4]],
    ['in', [{ op: 'in', field: 'queueID', value: [20, 30] }], [3, 5]],
    ['notIn skips empty fields', [{ op: 'notIn', field: 'queueID', value: [10] }], [3, 5]],
    ['boolean eq', [{ op: 'eq', field: 'done', value: true }], [2, 5]],
    ['datetime gt with milliseconds', [{ op: 'gt', field: 'created', value: '2026-11-01T09:00:00.250Z' }], [2, 3, 5]],
    ['datetime gte with milliseconds', [{ op: 'gte', field: 'created', value: '2026-11-01T09:00:00.250Z' }], [1, 2, 3, 5]],
    ['datetime without a zone is UTC', [{ op: 'lt', field: 'created', value: '2026-11-02T09:00:00' }], [1]],
    ['numbers as strings', [{ op: 'eq', field: 'queueID', value: '20' }], [3]],
    ['top-level conditions are and-ed', [{ op: 'eq', field: 'queueID', value: 10 }, { op: 'eq', field: 'done', value: false }], [1]],
    ['or group', [{ op: 'or', items: [{ op: 'eq', field: 'id', value: 1 }, { op: 'eq', field: 'id', value: 5 }] }], [1, 5]],
    ['nested groups', [{ op: 'or', items: [
      { op: 'and', items: [{ op: 'eq', field: 'queueID', value: 10 }, { op: 'exist', field: 'hours' }] },
      { op: 'and', items: [{ op: 'notExist', field: 'queueID' }, { op: 'lt', field: 'hours', value: 1 }] },
    ] }], [1, 4]],
    ['field names and operators in any case', [{ op: 'EQ', field: 'QUEUEID', value: 20 }, { Op: 'BeginsWith', Field: 'Title', Value: 'print' }], [3]],
  ])('%s', (_name, filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });
});

describe('Autotask filter: errors name what is wrong', () => {
  it.each<[string, unknown[], RegExp]>([
    ['an unknown field', [{ op: 'eq', field: 'queueName', value: 1 }], /Unable to find field 'queueName' in the Row entity/],
    ['an unknown operator', [{ op: 'like', field: 'title', value: 'x' }], /Invalid operator 'like'/],
    ['a missing value', [{ op: 'eq', field: 'id' }], /needs a value/],
    ['text operators on numbers', [{ op: 'contains', field: 'queueID', value: 1 }], /needs a string field, and 'queueID' is integer/],
    ['ordering on booleans', [{ op: 'gt', field: 'done', value: false }], /cannot be used on the boolean field 'done'/],
    ['in without an array', [{ op: 'in', field: 'id', value: 3 }], /needs a non-empty array value/],
    ['an array for eq', [{ op: 'eq', field: 'id', value: [3] }], /takes one value, not an array/],
    ['a word for a number', [{ op: 'eq', field: 'queueID', value: 'ten' }], /Invalid value "ten" for field 'queueID' \(integer\).*expected a number/],
    ['a fraction for an integer', [{ op: 'eq', field: 'queueID', value: 1.5 }], /expected a whole number/],
    ['a bad date', [{ op: 'gt', field: 'created', value: 'yesterday' }], /expected a date/],
    ['an empty group', [{ op: 'or', items: [] }], /needs a non-empty items array/],
    ['an unknown field deep in a group', [{ op: 'and', items: [{ op: 'or', items: [{ op: 'eq', field: 'nope', value: 1 }] }] }], /Unable to find field 'nope'/],
    ['a user-defined field', [{ op: 'eq', field: 'Region', value: 'EU', udf: true }], /no user-defined field 'Region'/],
    ['no op', [{ field: 'id', value: 1 }], /has no op/],
  ])('%s', (_name, filter, message) => {
    expect(() => compileFilter(filter, FIELDS, 'Row')).toThrow(AutotaskQueryError);
    expect(() => compileFilter(filter, FIELDS, 'Row')).toThrow(message);
  });

  it('requires a filter and keeps MaxRecords within 1..500', () => {
    expect(() => parseQuery({})).toThrow(/requires a filter/);
    expect(() => parseQuery({ filter: [] })).toThrow(/requires a filter/);
    expect(() => parseQuery({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 501 })).toThrow(/MaxRecords must be a whole number from 1 to 500/);
    expect(() => parseQuery({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 0 })).toThrow(/MaxRecords/);
    expect(parseQuery({ filter: [{ op: 'exist', field: 'id' }] }).maxRecords).toBe(500);
    expect(parseQuery({ Filter: [{ op: 'exist', field: 'id' }], maxrecords: 50, includefields: ['id'] })).toMatchObject({ maxRecords: 50, includeFields: ['id'] });
  });
});

// ---------------------------------------------------------------- through the API

let sim: Simulator;
let base: string;
let headers: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 1200 });
  base = autotaskApiBase(sim);
  headers = autotaskHeaders(sim);
});
afterAll(() => sim.close());

interface Page { items: Record<string, unknown>[]; pageDetails: { count: number; requestCount: number; prevPageUrl: string | null; nextPageUrl: string | null } }
const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
async function page(url: string, body: unknown): Promise<Page> {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}
const ALL = { filter: [{ op: 'exist', field: 'id' }] };

describe('Autotask query over HTTP', () => {
  it('answers items and pageDetails, ordered by id, at most 500 a page, with a cursor URL under the zone', async () => {
    const first = await page(`${base}/Tickets/query`, ALL);
    expect(first.items).toHaveLength(500);
    expect(first.pageDetails).toMatchObject({ count: 500, requestCount: 500, prevPageUrl: null });
    const itemIds = first.items.map((item) => item.id as number);
    expect(itemIds).toEqual([...itemIds].sort((a, b) => a - b));
    expect(first.pageDetails.nextPageUrl).toMatch(new RegExp(`^${sim.autotask.apiBaseUrl}V1\\.0/Tickets/query/next\\?paging=`));
  });

  it('follows nextPageUrl to the end with the same body, and prevPageUrl back', async () => {
    const seen: number[] = [];
    let url: string | null = `${base}/Tickets/query`;
    const pages: Page[] = [];
    while (url) {
      const current: Page = await page(url, ALL);
      pages.push(current);
      seen.push(...current.items.map((item) => item.id as number));
      url = current.pageDetails.nextPageUrl;
    }
    expect(pages.map((p) => p.items.length)).toEqual([500, 500, 200]);
    expect(seen).toEqual(sim.data.tickets.map((ticket) => ticket.id));
    const back = await page(pages[2]!.pageDetails.prevPageUrl!, ALL);
    expect(back.items.map((item) => item.id)).toEqual(pages[1]!.items.map((item) => item.id));
  });

  it('keeps a cursor stable when tickets change between pages (it pages by id)', async () => {
    const small = { ...ALL, MaxRecords: 100 };
    const first = await page(`${base}/Tickets/query`, small);
    sim.updateTicketAsSomeoneElse(sim.data.tickets[50]!.id, { summary: 'Edited between pages' });
    const second = await page(first.pageDetails.nextPageUrl!, small);
    expect(second.items[0]!.id).toBe(sim.data.tickets[100]!.id);
  });

  it('rejects MaxRecords 501 and a query without a filter with 500 {errors}', async () => {
    for (const body of [{ ...ALL, MaxRecords: 501 }, {}, { filter: [] }]) {
      const response = await post('/Tickets/query', body);
      expect(response.status).toBe(500);
      const answer = (await response.json()) as { errors: string[] };
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0]).toMatch(/MaxRecords|requires a filter/);
    }
  });

  it('names an unknown field or operator in the error', async () => {
    const unknownField = await post('/Tickets/query', { filter: [{ op: 'eq', field: 'statusName', value: 'New' }] });
    expect(unknownField.status).toBe(500);
    expect(await unknownField.json()).toEqual({ errors: ["Unable to find field 'statusName' in the Ticket entity."] });
    const unknownOp = await post('/Tickets/query', { filter: [{ op: 'between', field: 'id', value: [1, 2] }] });
    expect(((await unknownOp.json()) as { errors: string[] }).errors[0]).toMatch(/Invalid operator 'between'/);
  });

  it('trims items to IncludeFields plus id, matching names in any case', async () => {
    const body = { filter: [{ op: 'eq', field: 'id', value: sim.data.tickets[0]!.id }], IncludeFields: ['STATUS', 'lastActivityDate'] };
    const result = await page(`${base}/Tickets/query`, body);
    expect(Object.keys(result.items[0]!).sort()).toEqual(['id', 'lastActivityDate', 'status']);
    const bad = await post('/Tickets/query', { ...body, IncludeFields: ['nope'] });
    expect(((await bad.json()) as { errors: string[] }).errors[0]).toMatch(/IncludeFields.*'nope'/);
  });

  it('answers the GET form with ?search= and puts the search into its cursor URLs', async () => {
    const search = JSON.stringify({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 400 });
    const response = await fetch(`${base}/tickets/query?search=${encodeURIComponent(search)}`, { headers });
    expect(response.status).toBe(200);
    const first = (await response.json()) as Page;
    expect(first.items).toHaveLength(400);
    expect(first.pageDetails.nextPageUrl).toContain(`&search=${encodeURIComponent(search)}`);
    const localNext = first.pageDetails.nextPageUrl!.replace(sim.autotask.apiBaseUrl, `${sim.url}/ATServicesRest/`);
    const second = (await (await fetch(localNext, { headers })).json()) as Page;
    expect(second.items[0]!.id).toBe(sim.data.tickets[400]!.id);
    expect((await fetch(`${base}/Tickets/query`, { headers })).status).toBe(500);
  });

  it('refuses a cursor re-sent with another filter, or one it did not issue', async () => {
    const first = await page(`${base}/Tickets/query`, { ...ALL, MaxRecords: 10 });
    const other = await post(first.pageDetails.nextPageUrl!.slice(base.length), { filter: [{ op: 'gt', field: 'id', value: 1 }] });
    expect(other.status).toBe(500);
    expect(((await other.json()) as { errors: string[] }).errors[0]).toMatch(/cursor belongs to another query/);
    const forged = await post('/Tickets/query/next?paging=abc', ALL);
    expect(((await forged.json()) as { errors: string[] }).errors[0]).toMatch(/not a cursor this API issued/);
  });

  it('counts with query/count', async () => {
    const open = sim.data.tickets.filter((ticket) => !sim.data.statuses.find((status) => status.id === ticket.statusId)!.closed).length;
    const response = await post('/Tickets/query/count', { filter: [{ op: 'notExist', field: 'completedDate' }] });
    expect(await response.json()).toEqual({ queryCount: open });
  });

  it('pages by id with "id gt lastId" too, for clients that skip the cursor', async () => {
    const lastId = sim.data.tickets[699]!.id;
    const result = await page(`${base}/Tickets/query`, { filter: [{ op: 'gt', field: 'id', value: lastId }], MaxRecords: 500 });
    expect(result.items).toHaveLength(500);
    expect(result.items[0]!.id).toBe(lastId + 1);
    expect(result.pageDetails.nextPageUrl).toBeNull();
  });
});

/**
 * The simulator checked against the published references beside the project (`../shared/reference/`), not against
 * Pullboard's adapters:
 * - Halo: ticket rows and details, statuses, priorities, agents, teams, ticket types, clients and actions are
 *   type-checked against the OpenAPI document's schemas (`Faults` is a ticket), and every route and ticket-list
 *   parameter the simulator serves is one the document lists.
 * - Autotask: the collection holds requests only (method, URL, headers, parameters; no response examples), so the
 *   simulator's routes, header names and parameter names are checked against it, and the ticket's field names
 *   against the field list in `../shared/psa-api.md`, their values against the simulator's own entityInformation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotaskApiBase, autotaskHeaders } from '../psa-sim/autotask-credentials';
import { haloApiBase, haloCredentials, haloToken } from '../psa-sim/halo-credentials';
import { startSimulator, type Simulator } from '../psa-sim/server';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const REFERENCE = `${SHARED}reference/`;
const HALO_SPEC = `${REFERENCE}halo-openapi-v2.json`;
const AUTOTASK_COLLECTION = `${REFERENCE}autotask-rest-collection.json`;
const PSA_API = `${SHARED}psa-api.md`;
const haveReference = existsSync(HALO_SPEC) && existsSync(AUTOTASK_COLLECTION);
if (!haveReference) console.warn(`sim-reference: the reference folder ${REFERENCE} is missing, so the checks against it are skipped.`);

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- a tiny checker for the OpenAPI subset Halo's document uses

interface Schema { type?: string; format?: string; nullable?: boolean; $ref?: string; items?: Schema; properties?: Record<string, Schema> }
interface OpenApi { paths: Record<string, Record<string, { parameters?: { name: string; description?: string }[] }>>; components: { schemas: Record<string, Schema> } }

/** Halo's date-times: 0-7 fractional digits, a zone or none (UTC). Stricter than "parses as a date", looser than RFC 3339. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typeErrors(spec: OpenApi, value: unknown, schema: Schema, path: string): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = spec.components.schemas[name];
    return target ? typeErrors(spec, value, { ...target, nullable: schema.nullable ?? target.nullable }, path) : [`${path}: unknown $ref ${schema.$ref}`];
  }
  if (value === null) return schema.nullable ? [] : [`${path}: null, and the schema is not nullable`];
  const type = ({ int: 'integer', bool: 'boolean', double: 'number' } as Record<string, string>)[schema.type ?? ''] ?? schema.type;
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return [`${path}: ${JSON.stringify(value)} is not a string`];
      if (schema.format === 'date-time' && !DATE_TIME.test(value)) return [`${path}: '${value}' is not a date-time`];
      if (schema.format === 'uuid' && !UUID.test(value)) return [`${path}: '${value}' is not a uuid`];
      return [];
    case 'integer': return Number.isInteger(value) ? [] : [`${path}: ${JSON.stringify(value)} is not an integer`];
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: ${JSON.stringify(value)} is not a number`];
    case 'boolean': return typeof value === 'boolean' ? [] : [`${path}: ${JSON.stringify(value)} is not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return value.flatMap((item, index) => (schema.items ? typeErrors(spec, item, schema.items, `${path}[${index}]`) : []));
    case 'object':
    case undefined:
      if (schema.properties) return objectErrors(spec, value, schema, path, []);
      return [];
    default: return [`${path}: the checker does not know type '${schema.type}'`];
  }
}

/** Every property of `value` must be in the schema (or in `extra`) and match its type. */
function objectErrors(spec: OpenApi, value: unknown, schema: Schema, path: string, extra: readonly string[]): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
  return Object.entries(value as Json).flatMap(([key, child]) => {
    const property = schema.properties?.[key];
    if (!property) return extra.includes(key) ? [] : [`${path}.${key}: not in the schema`];
    return typeErrors(spec, child, property, `${path}.${key}`);
  });
}

describe('the OpenAPI type checker itself', () => {
  const spec: OpenApi = { paths: {}, components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'integer' }, when: { type: 'string', format: 'date-time', nullable: true }, ok: { type: 'boolean' } } } } } };
  const thing = { $ref: '#/components/schemas/Thing' };
  it.each<[string, unknown, number]>([
    ['a good object', { id: 1, when: '2026-11-25T09:30:00.1234567', ok: true }, 0],
    ['a null where nullable', { id: 1, when: null }, 0],
    ['a sentinel date', { when: '1899-12-30T00:00:00' }, 0],
    ['a string id', { id: '1' }, 1],
    ['a fraction id', { id: 1.5 }, 1],
    ['a bad date', { when: '25/11/2026' }, 1],
    ['eight fractional digits', { when: '2026-11-25T09:30:00.12345678' }, 1],
    ['a null where not nullable', { ok: null }, 1],
    ['a property the schema lacks', { colour: 'red' }, 1],
  ])('%s', (_name, value, count) => {
    expect(typeErrors(spec, value, thing, '$')).toHaveLength(count);
  });
});

// ---------------------------------------------------------------- Halo

/** Fields live payloads carry that the OpenAPI document's schemas do not list (psa-api.md; panoramicdata's live-trimmed models). */
const NOT_IN_SPEC: Readonly<Record<string, readonly string[]>> = { Faults: ['team_id'], Actions: ['who'] };
const HALO_FIELDS_NOT_IN_SPEC = NOT_IN_SPEC.Faults!;
/** The ticket fields Pullboard reads from Halo (utils/psa: Ticket model). */
const HALO_FIELDS_USED = [
  'id', 'summary', 'status_id', 'priority_id', 'tickettype_id', 'agent_id', 'team', 'client_id', 'client_name', 'user_name', 'dateoccurred',
  'last_update', 'respondbydate', 'fixbydate', 'responsedate', 'dateclosed', 'hasbeenclosed', 'sla_id', 'slastate', 'onhold', 'estimate', 'timetaken',
];
/** Parameters of GET /Tickets the simulator reads; `includedetails` is left out: the document lists it for /Tickets/{id} only. */
const HALO_LIST_PARAMETERS = [
  'pageinate', 'page_size', 'page_no', 'open_only', 'closed_only', 'status_id', 'status', 'agent_id', 'agent', 'team', 'client_id', 'priority',
  'ticketids', 'search', 'datesearch', 'startdate', 'enddate', 'order', 'orderdesc', 'count',
];

describe.skipIf(!haveReference)('Halo simulator against halo-openapi-v2.json', () => {
  let spec: OpenApi;
  let sim: Simulator;
  let auth: Record<string, string>;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${haloApiBase(sim)}${path}`, { headers: auth });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    spec = JSON.parse(readFileSync(HALO_SPEC, 'utf8')) as OpenApi;
    sim = await startSimulator({ port: 0, tickets: 300 });
    auth = { authorization: `Bearer ${await haloToken(sim)}` };
    // A ticket excluded from SLA, so sentinel due dates are in the rows too.
    await fetch(`${haloApiBase(sim)}/Tickets`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ summary: 'No SLA', client_id: 250, excludefromsla: true }]) });
  });
  afterAll(() => sim.close());

  it('list rows of every kind of ticket match the Faults schema', async () => {
    const rows: Json[] = [];
    for (let pageNo = 1; pageNo <= 7; pageNo++) rows.push(...(await get<{ tickets: Json[] }>(`/Tickets?pageinate=true&page_size=50&page_no=${pageNo}`)).tickets);
    expect(rows.length).toBe(301);
    const problems = rows.flatMap((row) => objectErrors(spec, row, spec.components.schemas.Faults!, `ticket ${String(row.id)}`, HALO_FIELDS_NOT_IN_SPEC));
    expect(problems).toEqual([]);
    const seen = new Set(rows.flatMap((row) => Object.keys(row)));
    expect(HALO_FIELDS_USED.filter((field) => !seen.has(field))).toEqual([]);
  });

  it('details match the Faults schema, and every field Pullboard uses is in it', async () => {
    const faults = spec.components.schemas.Faults!.properties!;
    expect(HALO_FIELDS_USED.filter((field) => !faults[field])).toEqual([]);
    for (const ticket of [sim.data.tickets[0]!, sim.data.tickets[150]!, sim.data.tickets.at(-1)!]) {
      const detail = await get<Json>(`/Tickets/${ticket.id}`);
      expect(objectErrors(spec, detail, spec.components.schemas.Faults!, `detail ${ticket.id}`, HALO_FIELDS_NOT_IN_SPEC)).toEqual([]);
      expect(detail).toHaveProperty('status_name');
    }
  });

  it('lookups and actions match their schemas (TStatus, Policy, Uname, SectionDetail, RequestType, Area, Actions)', async () => {
    const target = sim.data.tickets.find((ticket) => ticket.ownerId !== null && sim.data.timeEntries.some((entry) => entry.ticketId === ticket.id))!;
    const checks: [string, Json[]][] = [
      ['TStatus', await get<Json[]>('/Status')],
      ['Policy', await get<Json[]>('/Priority')],
      ['Uname', await get<Json[]>('/Agent?includeapiagents=true&includeunassigned=true')],
      ['Uname', [await get<Json>('/Agent/me')]],
      ['SectionDetail', await get<Json[]>('/Team')],
      ['RequestType', await get<Json[]>('/TicketType')],
      ['Area', (await get<{ clients: Json[] }>('/Client')).clients],
      ['Actions', (await get<{ actions: Json[] }>(`/Actions?ticket_id=${target.id}`)).actions],
    ];
    for (const [name, rows] of checks) {
      expect(rows.length, name).toBeGreaterThan(0);
      const target = spec.components.schemas[name]!;
      expect(rows.flatMap((row, index) => objectErrors(spec, row, target, `${name}[${index}]`, NOT_IN_SPEC[name] ?? [])), name).toEqual([]);
    }
  });

  it('serves only routes the document lists, and reads only list parameters it documents', async () => {
    sim.resetStats();
    const id = sim.data.tickets[0]!.id;
    for (const path of ['/Tickets?pageinate=true&page_size=1&page_no=1', `/Tickets/${id}`, '/Status', '/Status/9', '/Priority', '/TicketType', '/Agent', '/Agent/me', '/Agent/151', '/Team', '/Client', '/Client/250', `/Actions?ticket_id=${id}`, '/authinfo']) {
      await fetch(`${haloApiBase(sim)}${path}`, { headers: auth });
    }
    await fetch(`${haloApiBase(sim)}/Tickets`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ id }]) });
    await fetch(`${haloApiBase(sim)}/Actions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ ticket_id: id, note: 'x' }]) });
    const documented = new Map(Object.entries(spec.paths).map(([path, operations]) => [path.toLowerCase(), Object.keys(operations)]));
    const served = Object.keys(sim.stats().byRoute);
    expect(served.length).toBe(16);
    for (const route of served) {
      const [method = '', path = ''] = route.split(' ');
      const operations = documented.get(path.replace(/^\/api/, '').toLowerCase());
      expect(operations, route).toBeDefined();
      expect(operations, route).toContain(method.toLowerCase());
    }
    const parameters = spec.paths['/Tickets']!.get!.parameters!;
    const names = new Set(parameters.map((parameter) => parameter.name));
    expect(HALO_LIST_PARAMETERS.filter((name) => !names.has(name))).toEqual([]);
    expect(parameters.find((parameter) => parameter.name === 'page_size')!.description).toMatch(/Maximum size: 100/);
    expect(parameters.find((parameter) => parameter.name === 'datesearch')!.description).toMatch(/dateoccured/);
  });

  it('the application and tech credentials are what the auth server accepts', async () => {
    const creds = haloCredentials(sim.data);
    expect(creds.application.clientId).toMatch(UUID);
    expect(await haloToken(sim, creds.techs[0])).toEqual(expect.any(String));
  });
});

// ---------------------------------------------------------------- Autotask

interface CollectionItem { info: { name: string; type: string }; items?: CollectionItem[]; http?: { method: string; url: string; headers?: { name: string }[]; params?: { name: string; type: string }[] } }
function requests(node: { items?: CollectionItem[] }): CollectionItem[] {
  return (node.items ?? []).flatMap((item) => (item.info.type === 'folder' ? requests(item) : [item]));
}
const template = (url: string) => url.replace('{{baseUrl}}', '').replace(/:[A-Za-z]+/g, '{id}').toLowerCase();

/** The Autotask ticket fields listed in psa-api.md's "ticket fields" row. */
function psaApiTicketFields(): string[] {
  const text = readFileSync(PSA_API, 'utf8');
  const section = text.slice(text.indexOf('## Autotask'), text.indexOf('## HaloPSA'));
  const row = section.split('\n').find((line) => line.startsWith('| ticket fields'));
  const cell = row?.split('|')[2] ?? '';
  return [...cell.matchAll(/[A-Za-z]+/g)].map((match) => match[0]).filter((word) => !['integers', 'for', 'picklists'].includes(word));
}

describe.skipIf(!haveReference)('Autotask simulator against autotask-rest-collection.json', () => {
  let all: CollectionItem[];
  let sim: Simulator;
  beforeAll(async () => {
    all = requests(JSON.parse(readFileSync(AUTOTASK_COLLECTION, 'utf8')) as { items: CollectionItem[] });
    sim = await startSimulator({ port: 0, tickets: 100 });
  });
  afterAll(() => sim.close());
  const byName = (name: string) => all.find((item) => item.info.name === name)!;

  it('serves only requests the collection lists (the cursor URL aside: the API hands it out)', async () => {
    sim.resetStats();
    const base = autotaskApiBase(sim);
    const headers = autotaskHeaders(sim);
    const query = JSON.stringify({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 1 });
    for (const entity of ['Tickets', 'Resources', 'Roles', 'ResourceServiceDeskRoles', 'ResourceRoleQueues', 'TimeEntries', 'Companies', 'Contacts']) {
      await fetch(`${base}/${entity}/query`, { method: 'POST', headers, body: query });
      await fetch(`${base}/${entity}/query?search=${encodeURIComponent(query)}`, { headers });
      await fetch(`${base}/${entity}/query/count`, { method: 'POST', headers, body: query });
      await fetch(`${base}/${entity}/entityInformation/fields`, { headers });
      await fetch(`${base}/${entity}/1`, { headers });
    }
    await fetch(`${base}/Tickets/entityInformation`, { headers });
    await fetch(`${base}/Tickets`, { method: 'PATCH', headers, body: JSON.stringify({ id: sim.data.tickets[0]!.id }) });
    await fetch(`${base}/Tickets`, { method: 'PUT', headers, body: JSON.stringify({ id: sim.data.tickets[0]!.id }) });
    await fetch(`${base}/TimeEntries`, { method: 'POST', headers, body: '{}' });
    await fetch(`${base}/ThresholdInformation`, { headers });
    await fetch(`${base}/zoneInformation?user=x`);
    const documented = new Set(all.map((item) => `${item.http!.method} ${template(item.http!.url)}`));
    const served = Object.keys(sim.stats().byRoute);
    expect(served.length).toBe(46);
    expect(served.filter((route) => !documented.has(route.toLowerCase().replace(/^(\w+)/, (method) => method.toUpperCase())))).toEqual([]);
  });

  it('authenticates with exactly the header names the collection sends, and reads its parameter names', async () => {
    const query = byName('Tickets_Query').http!;
    const names = (query.headers ?? []).map((header) => header.name);
    expect(names).toEqual(['ApiIntegrationCode', 'UserName', 'Secret', 'ImpersonationResourceId']);
    const sent = Object.keys(autotaskHeaders(sim, undefined, 151)).filter((name) => name !== 'content-type');
    expect(sent.sort()).toEqual([...names].sort());
    expect(byName('Tickets_UrlParameterQuery').http!.params).toEqual([expect.objectContaining({ name: 'search', type: 'query' })]);
    expect(byName('ZoneInformationApiIntegration_QueryZoneInformation').http!.params).toEqual([expect.objectContaining({ name: 'user', type: 'query' })]);
    expect(byName('Tickets_PatchEntity').http).toMatchObject({ method: 'PATCH', url: '{{baseUrl}}/V1.0/Tickets' });
  });

  it('a ticket carries every field psa-api.md lists, each of the type its entityInformation declares', async () => {
    const expected = psaApiTicketFields();
    expect(expected.length).toBeGreaterThan(20);
    const headers = autotaskHeaders(sim);
    const base = autotaskApiBase(sim);
    const info = (await (await fetch(`${base}/Tickets/entityInformation/fields`, { headers })).json()) as { fields: { name: string; dataType: string; picklistValues: { value: string }[] | null }[] };
    const declared = new Map(info.fields.map((field) => [field.name, field]));
    const page = (await (await fetch(`${base}/Tickets/query`, { method: 'POST', headers, body: JSON.stringify({ filter: [{ op: 'exist', field: 'id' }] }) })).json()) as { items: Json[] };
    const problems: string[] = [];
    for (const item of page.items) {
      for (const name of expected) {
        if (!(name in item)) problems.push(`${String(item.id)}: no ${name}`);
        const field = declared.get(name);
        const value = item[name];
        if (!field) { problems.push(`${name} is not in entityInformation`); continue; }
        if (value === null) continue;
        const ok = {
          integer: Number.isInteger(value), long: Number.isInteger(value), double: typeof value === 'number',
          string: typeof value === 'string', boolean: typeof value === 'boolean',
          datetime: typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value),
        }[field.dataType];
        if (!ok) problems.push(`${String(item.id)}.${name}: ${JSON.stringify(value)} is not ${field.dataType}`);
        if (field.picklistValues && !field.picklistValues.some((entry) => entry.value === String(value))) problems.push(`${String(item.id)}.${name}: ${String(value)} is not in its picklist`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

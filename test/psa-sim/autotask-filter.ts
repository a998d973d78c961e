/**
 * Autotask's query language: the JSON body of `POST /{Entity}/query` (or the `search` parameter of the GET form)
 *
 *   {"filter":[{"op":"eq","field":"queueID","value":29683354},
 *              {"op":"or","items":[{"op":"notExist","field":"assignedResourceID"},{"op":"in","field":"status","value":[1,8]}]}],
 *    "IncludeFields":["id","status"], "MaxRecords":500}
 *
 * Top-level conditions are and-ed. Field names, operators and body keys match case-insensitively. Every field
 * and value is checked against the entity's field table before anything runs; a problem is an AutotaskQueryError
 * whose message names the field or operator (the dialect answers it as HTTP 500 `{"errors":[message]}`).
 * Semantics follow the SQL Server behind the real API: strings compare case-insensitively, and a comparison with
 * a null field is false for every operator but `notExist` (so `noteq 5` skips tickets where the field is empty).
 */

export type AutotaskFieldType = 'integer' | 'long' | 'double' | 'string' | 'datetime' | 'boolean';
/** What a field getter returns: datetimes are epoch milliseconds (as served, milliseconds included). */
export type AutotaskValue = string | number | boolean | null;
export interface AutotaskField<T> {
  /** As Autotask spells it, e.g. `assignedResourceID`. */
  name: string;
  type: AutotaskFieldType;
  get(record: T): AutotaskValue;
}

export class AutotaskQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutotaskQueryError';
  }
}

export const MAX_RECORDS = 500;

export interface AutotaskQuery {
  /** The filter as sent (kept to check that a cursor is re-sent with the same query). */
  filter: unknown[];
  includeFields: string[] | null;
  maxRecords: number;
}

const OPERATORS = ['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'beginswith', 'endswith', 'contains', 'exist', 'notexist', 'in', 'notin'] as const;
type Operator = (typeof OPERATORS)[number];
const ORDERING: readonly Operator[] = ['gt', 'gte', 'lt', 'lte'];
const TEXT_ONLY: readonly Operator[] = ['beginswith', 'endswith', 'contains'];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads a key of a JSON object whatever its case (`MaxRecords`, `maxRecords`, `maxrecords`). */
function key(object: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [candidate, value] of Object.entries(object)) if (candidate.toLowerCase() === lower) return value;
  return undefined;
}

/** Checks the shape of a query body: a non-empty filter, optional IncludeFields, MaxRecords 1..500 (default 500). */
export function parseQuery(body: unknown): AutotaskQuery {
  if (!isObject(body)) throw new AutotaskQueryError('The query must be a JSON object such as {"filter":[{"op":"exist","field":"id"}]}.');
  const filter = key(body, 'filter');
  if (filter === undefined || filter === null || (Array.isArray(filter) && filter.length === 0)) {
    throw new AutotaskQueryError('A query requires a filter: send at least one condition, e.g. {"op":"exist","field":"id"} for every record.');
  }
  if (!Array.isArray(filter)) throw new AutotaskQueryError('filter must be an array of conditions.');
  const rawFields = key(body, 'IncludeFields');
  let includeFields: string[] | null = null;
  if (rawFields !== undefined && rawFields !== null) {
    if (!Array.isArray(rawFields) || rawFields.some((field) => typeof field !== 'string')) {
      throw new AutotaskQueryError('IncludeFields must be an array of field names.');
    }
    includeFields = rawFields.length > 0 ? (rawFields as string[]) : null;
  }
  const rawMax = key(body, 'MaxRecords');
  let maxRecords = MAX_RECORDS;
  if (rawMax !== undefined && rawMax !== null) {
    const value = typeof rawMax === 'string' && /^\d+$/.test(rawMax) ? Number(rawMax) : rawMax;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RECORDS) {
      throw new AutotaskQueryError(`MaxRecords must be a whole number from 1 to ${MAX_RECORDS}, not ${JSON.stringify(rawMax)}.`);
    }
    maxRecords = value;
  }
  return { filter, includeFields, maxRecords };
}

type Predicate<T> = (record: T) => boolean;
type Comparable = string | number | boolean;

/** Parses an ISO date-time; without a zone it is UTC. */
function parseDateTime(value: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!match) return null;
  const [, day, time = '00:00:00', zone = 'Z'] = match;
  // Date.parse reads at most milliseconds; extra digits are cut, not rounded (they are below a millisecond).
  const [whole = '', fraction = ''] = time.split('.');
  const text = `${day}T${whole}${fraction ? `.${fraction.slice(0, 3)}` : ''}${zone}`;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Converts a filter value to the field's type, or says why it cannot be. */
function coerce(field: AutotaskField<unknown>, value: unknown, op: string): Comparable {
  const bad = (expected: string): AutotaskQueryError =>
    new AutotaskQueryError(`Invalid value ${JSON.stringify(value)} for field '${field.name}' (${field.type}) in a '${op}' condition: expected ${expected}.`);
  switch (field.type) {
    case 'integer':
    case 'long':
    case 'double': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw bad('a number');
      if (field.type !== 'double' && !Number.isInteger(number)) throw bad('a whole number');
      return number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      if (value === 1 || value === 0) return value === 1;
      throw bad('true or false');
    case 'datetime': {
      const parsed = typeof value === 'string' ? parseDateTime(value) : null;
      if (parsed === null) throw bad('a date such as "2026-11-25T09:30:00.000Z"');
      return parsed;
    }
    case 'string':
      if (typeof value === 'string') return value.toLowerCase();
      if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
      throw bad('a string');
  }
}

function compare(op: Operator, a: Comparable, b: Comparable): boolean {
  switch (op) {
    case 'eq': return a === b;
    case 'noteq': return a !== b;
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'lt': return a < b;
    case 'lte': return a <= b;
    case 'beginswith': return String(a).startsWith(String(b));
    case 'endswith': return String(a).endsWith(String(b));
    case 'contains': return String(a).includes(String(b));
    default: return false;
  }
}

/**
 * Compiles a filter (the array of top-level conditions) against an entity's fields, keyed by lower-case name.
 * Throws AutotaskQueryError naming the first unknown field, unknown operator or bad value.
 */
export function compileFilter<T>(filter: readonly unknown[], fields: ReadonlyMap<string, AutotaskField<T>>, entity: string): Predicate<T> {
  const parts = filter.map((item, index) => compileItem(item, fields, entity, `filter[${index}]`));
  return (record) => parts.every((part) => part(record));
}

function compileItem<T>(item: unknown, fields: ReadonlyMap<string, AutotaskField<T>>, entity: string, where: string): Predicate<T> {
  if (!isObject(item)) throw new AutotaskQueryError(`${where} must be a condition object such as {"op":"eq","field":"id","value":1}.`);
  const rawOp = key(item, 'op');
  if (typeof rawOp !== 'string' || rawOp === '') throw new AutotaskQueryError(`${where} has no op.`);
  const op = rawOp.toLowerCase();
  if (op === 'and' || op === 'or') {
    const items = key(item, 'items');
    if (!Array.isArray(items) || items.length === 0) throw new AutotaskQueryError(`${where}: an '${rawOp}' group needs a non-empty items array.`);
    const children = items.map((child, index) => compileItem(child, fields, entity, `${where}.items[${index}]`));
    return op === 'and' ? (record) => children.every((child) => child(record)) : (record) => children.some((child) => child(record));
  }
  if (!(OPERATORS as readonly string[]).includes(op)) {
    throw new AutotaskQueryError(`Invalid operator '${rawOp}' in ${where}: use one of eq, noteq, gt, gte, lt, lte, beginsWith, endsWith, contains, exist, notExist, in, notIn, and, or.`);
  }
  const operator = op as Operator;
  if (key(item, 'udf') === true) throw new AutotaskQueryError(`${entity} has no user-defined field '${String(key(item, 'field'))}'.`);
  const rawField = key(item, 'field');
  if (typeof rawField !== 'string' || rawField === '') throw new AutotaskQueryError(`${where} ('${rawOp}') has no field.`);
  const field = fields.get(rawField.toLowerCase());
  if (!field) throw new AutotaskQueryError(`Unable to find field '${rawField}' in the ${entity} entity.`);
  const get = field.type === 'string'
    ? (record: T) => { const value = field.get(record); return typeof value === 'string' ? value.toLowerCase() : value; }
    : field.get;

  if (operator === 'exist' || operator === 'notexist') {
    const wantPresent = operator === 'exist';
    return (record) => {
      const value = get(record);
      return (value !== null && value !== '') === wantPresent;
    };
  }
  const value = key(item, 'value');
  if (value === undefined || value === null) throw new AutotaskQueryError(`${where} ('${rawOp}' on '${field.name}') needs a value; use exist or notExist to test for an empty field.`);
  if (TEXT_ONLY.includes(operator) && field.type !== 'string') {
    throw new AutotaskQueryError(`Operator '${rawOp}' needs a string field, and '${field.name}' is ${field.type}.`);
  }
  if (field.type === 'boolean' && ORDERING.includes(operator)) {
    throw new AutotaskQueryError(`Operator '${rawOp}' cannot be used on the boolean field '${field.name}'.`);
  }
  if (operator === 'in' || operator === 'notin') {
    if (!Array.isArray(value) || value.length === 0) throw new AutotaskQueryError(`Operator '${rawOp}' on '${field.name}' needs a non-empty array value.`);
    const set = new Set(value.map((entry) => coerce(field as AutotaskField<unknown>, entry, rawOp)));
    const wantIn = operator === 'in';
    return (record) => {
      const current = get(record);
      return current !== null && set.has(current) === wantIn;
    };
  }
  if (Array.isArray(value)) throw new AutotaskQueryError(`Operator '${rawOp}' on '${field.name}' takes one value, not an array (use in or notIn).`);
  const target = coerce(field as AutotaskField<unknown>, value, rawOp);
  return (record) => {
    const current = get(record);
    return current !== null && compare(operator, current, target);
  };
}

/** A stable text of a filter, to check that a paging cursor comes back with the query it was made for. */
export function filterFingerprint(filter: readonly unknown[]): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (isObject(value)) {
      return Object.fromEntries(Object.entries(value)
        .map(([name, child]) => [name.toLowerCase(), name.toLowerCase() === 'op' && typeof child === 'string' ? child.toLowerCase() : canonical(child)] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  };
  let hash = 2166136261;
  for (const char of JSON.stringify(canonical(filter))) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash.toString(36);
}

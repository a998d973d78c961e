/**
 * Autotask addresses, query filters and error answers: pure functions, tested as tables.
 */
import type { TicketQuery } from '../psa';

export type AtOperator = 'eq' | 'noteq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'exist' | 'notExist';
export type AtValue = number | string | boolean;
export interface AtCondition {
  op: AtOperator;
  field: string;
  value?: AtValue | AtValue[];
}
export interface AtGroup {
  op: 'and' | 'or';
  items: AtFilter[];
}
export type AtFilter = AtCondition | AtGroup;

/**
 * A date in a filter: UTC with the milliseconds Autotask keeps. A cursor read from Autotask's own dates can only
 * be at or before the stamp it came from (finer digits were cut), so `gte` repeats a record, never misses one.
 */
export function autotaskDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`Not a date: ${iso}`);
  return new Date(ms).toISOString();
}

/** Not in any status that means closed: `noteq` for one (Complete, 5), `notIn` for several. */
export function notClosed(closedStatuses: readonly number[]): AtCondition {
  if (closedStatuses.length === 0) return { op: 'exist', field: 'status' };
  return closedStatuses.length === 1
    ? { op: 'noteq', field: 'status', value: closedStatuses[0]! }
    : { op: 'notIn', field: 'status', value: [...closedStatuses] };
}

/**
 * The filter of a ticket query: the queue, then open only (with `closedSince`: or closed and changed since),
 * then changed since the cursor. Top-level conditions are and-ed.
 */
export function ticketFilter(queueId: number, query: TicketQuery, closedStatuses: readonly number[]): AtFilter[] {
  const filter: AtFilter[] = [{ op: 'eq', field: 'queueID', value: queueId }];
  if (query.openOnly) {
    const open = notClosed(closedStatuses);
    filter.push(
      query.closedSince === undefined
        ? open
        : { op: 'or', items: [open, { op: 'gte', field: 'lastActivityDate', value: autotaskDate(query.closedSince) }] },
    );
  }
  if (query.updatedSince !== undefined) filter.push({ op: 'gte', field: 'lastActivityDate', value: autotaskDate(query.updatedSince) });
  if (query.closedOnly) filter.push(closedStatuses.length === 1 ? { op: 'eq', field: 'status', value: closedStatuses[0]! } : { op: 'in', field: 'status', value: [...closedStatuses] });
  if (query.updatedBefore !== undefined) filter.push({ op: 'lt', field: 'lastActivityDate', value: autotaskDate(query.updatedBefore) });
  return filter;
}

/** `https://webservices5.autotask.net/ATServicesRest/` → `https://webservices5.autotask.net/ATServicesRest/V1.0`. */
export function zoneApiBase(zoneUrl: string): string {
  return `${withSlash(zoneUrl)}V1.0`;
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/**
 * Whether a zone URL from discovery may receive the credentials. Discovery on Autotask's own host must point
 * at an Autotask host over HTTPS; a discovery URL set for tests or the demo is trusted for its own answers.
 * Returns what is wrong, or null.
 */
export function zoneUrlProblem(zoneUrl: string, discoveryUrl: string): string | null {
  let zone: URL;
  let discovery: URL;
  try {
    zone = new URL(zoneUrl);
    discovery = new URL(discoveryUrl);
  } catch {
    return `'${zoneUrl}' is not a web address`;
  }
  if (!/\.autotask\.net$/i.test(discovery.hostname)) return null;
  if (zone.protocol !== 'https:') return `the zone ${zone.origin} is not served over HTTPS`;
  if (!/\.autotask\.net$/i.test(zone.hostname)) return `the zone ${zone.hostname} is not an Autotask host`;
  return null;
}

export type AutotaskErrorKind = 'auth' | 'forbidden' | 'zone' | 'missing' | 'rateLimited' | 'server' | 'badRequest';

/**
 * What Autotask meant by an HTTP 500 `{"errors":[...]}`: it answers bad credentials, missing permissions,
 * a wrong zone and invalid values all that way, and only some of them are worth retrying.
 */
export function classifyAutotaskErrors(messages: readonly string[]): AutotaskErrorKind {
  const text = messages.join(' ');
  if (/(?<!time ?)\bzone\b/i.test(text)) return 'zone';
  // Past its hourly threshold Autotask slows down, then refuses: no 429, a 500 like any other.
  if (/threshold|too many requests|suspended/i.test(text)) return 'rateLimited';
  if (/impersonat|permission|not authori[sz]ed to|security level|access (is )?denied/i.test(text)) return 'forbidden';
  if (/integration ?code|user ?name|\buser\b.*(not found|invalid|inactive|locked)|secret|password|credential|authenticat|unauthori[sz]ed/i.test(text)) {
    return 'auth';
  }
  if (messages.length === 0 || /unexpected|internal|time(d)? ?out|try again|temporar|unavailable|deadlock|system error/i.test(text)) return 'server';
  if (/\bdoes not exist\b|\bnot found\b/i.test(text)) return 'missing';
  return 'badRequest';
}

/** The HTTP status that says to the shared helper what Autotask said in a 500 body. */
/** A wrong zone is 404 (the adapter re-discovers the zone); a record that does not exist is 410, which it does not. */
const STATUS_FOR: Record<AutotaskErrorKind, number> = { auth: 401, forbidden: 403, zone: 404, missing: 410, rateLimited: 429, server: 500, badRequest: 400 };

/**
 * Wraps `fetch` so that Autotask's 500 answers carry the status they mean (401, 403, 404 for a wrong zone,
 * 410 for a record that does not exist, 429 past the request threshold, 400 for an invalid request); only real server errors stay 500. The shared HTTP helper then maps kinds
 * and retries as it does for every PSA, and does not retry a refusal four times.
 */
export function autotaskFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 500) return response;
    const text = await response.text();
    const status = STATUS_FOR[classifyAutotaskErrors(errorMessages(text))];
    return new Response(text, { status, statusText: response.statusText, headers: response.headers });
  };
}

/** The messages of an Autotask error body `{"errors":["…"]}`; empty for anything else. */
export function errorMessages(text: string): string[] {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return [];
    return body.errors.flatMap((error) => {
      if (typeof error === 'string') return [error];
      if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
        return [(error as { message: string }).message];
      }
      return [];
    });
  } catch {
    return [];
  }
}

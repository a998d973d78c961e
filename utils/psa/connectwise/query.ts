/**
 * ConnectWise addresses and query strings: pure functions, tested as tables.
 */

/** ConnectWise cloud web hosts and the API host each one answers on. */
const CLOUD_API_HOSTS: Readonly<Record<string, string>> = {
  'na.myconnectwise.net': 'api-na.myconnectwise.net',
  'eu.myconnectwise.net': 'api-eu.myconnectwise.net',
  'au.myconnectwise.net': 'api-au.myconnectwise.net',
  'aus.myconnectwise.net': 'api-aus.myconnectwise.net',
  'za.myconnectwise.net': 'api-za.myconnectwise.net',
};

/**
 * The origin the REST API lives on for a site URL the user typed. Cloud web hosts map to their `api-` host;
 * anything else (on-premise, staging `*.connectwisedev.com` whose API host naming is unconfirmed, the
 * simulator) serves the API on its own origin. Throws a TypeError for something that is not a URL.
 */
export function connectWiseApiOrigin(siteUrl: string): string {
  const url = new URL(siteUrl);
  const apiHost = CLOUD_API_HOSTS[url.hostname.toLowerCase()];
  if (!apiHost) return url.origin;
  return `${url.protocol}//${apiHost}${url.port ? `:${url.port}` : ''}`;
}

/** A value in a ConnectWise `conditions` string. A `Date` is written as `[2026-11-25T09:00:00Z]`. */
export type ConditionValue = number | boolean | string | Date;
export type ConditionOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'like';
export type Condition = readonly [field: string, operator: ConditionOperator, value: ConditionValue];

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Writes one value the way ConnectWise parses it: numbers and booleans bare, strings in single quotes,
 * dates in brackets (UTC, whole seconds). Escaping a quote with a backslash is unverified against a live
 * ConnectWise; Pullboard's own queries only use numbers, booleans and dates.
 */
export function conditionValue(value: ConditionValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a number a condition can hold: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `[${connectWiseDate(value)}]`;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Either of several conditions: written in parentheses, joined with `or`. */
export interface AnyOf {
  anyOf: readonly Condition[];
}

/** `board/id=3 and (closedFlag=false or lastUpdated>=[2026-11-25T09:00:00Z])` */
export function conditions(clauses: readonly (Condition | AnyOf)[]): string {
  return clauses
    .map((clause) => ('anyOf' in clause ? `(${clause.anyOf.map(condition).join(' or ')})` : condition(clause)))
    .join(' and ');
}

function condition([field, operator, value]: Condition): string {
  if (!FIELD.test(field)) throw new TypeError(`Not a ConnectWise field name: ${field}`);
  const spaced = operator === 'contains' || operator === 'like' ? ` ${operator} ` : operator;
  return `${field}${spaced}${conditionValue(value)}`;
}

/**
 * A timestamp as ConnectWise writes it: UTC, whole seconds, `Z`. Milliseconds are dropped (rounded down),
 * so `lastUpdated>=[cursor]` can only return a ticket twice, never miss one.
 */
export function connectWiseDate(date: Date | string): string {
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`Not a date: ${String(date)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Query string with `%20` for spaces (never `+`, which ConnectWise conditions may contain literally). */
export function queryString(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

/** The `rel="next"` target of a `Link` header, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2] ?? '')) {
      return match[1] ?? null;
    }
  }
  return null;
}

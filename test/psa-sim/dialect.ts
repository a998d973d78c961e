/**
 * What a PSA dialect (ConnectWise today; Autotask and Halo later) gives the simulator's server: it
 * classifies requests, answers them from the shared seeded MSP, and shapes injected faults its own way.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** `scheme://host[:port]` as the client addressed the simulator (used for links and hrefs). */
  origin: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type RouteMatch =
  /** `route` names the endpoint in stats, e.g. `GET /service/tickets/{id}`. Faults apply when `faultable`. */
  | { kind: 'api'; route: string; faultable: boolean }
  /** A page of the PSA's web app: not counted in stats, no faults. */
  | { kind: 'page' };

export type FaultKind = 'rateLimited' | 'serverError';

export interface Dialect {
  readonly name: string;
  /** Whether this dialect serves the request, and how; null when it does not. */
  match(method: string, url: URL): RouteMatch | null;
  handle(request: SimRequest): SimResponse;
  faultResponse(kind: FaultKind, retryAfterSeconds: number): SimResponse;
  /** Facts for `GET /__sim/state`. */
  state(): Record<string, unknown>;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function htmlResponse(status: number, html: string): SimResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

export function redirectResponse(location: string): SimResponse {
  return { status: 302, headers: { location }, body: '' };
}

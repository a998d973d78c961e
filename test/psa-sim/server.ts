/**
 * The PSA simulator's server: one HTTP(S) listener that serves the seeded MSP through three PSA dialects told
 * apart by path as the real services are (ConnectWise `/{codebase}apis/3.0/`, Autotask `/ATServicesRest/`, Halo
 * `/auth/` and `/api/`), injects faults on request, counts API traffic, and answers admin calls under /__sim/.
 * No dialect depends on the Host header, so real host names can be mapped to this one server.
 */
import type { AccessLimits } from './access';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { autotaskCredentials } from './autotask-credentials';
import { AUTOTASK_DEFAULT_HOURLY_BUDGET, createAutotask, type AutotaskSimOptions } from './autotask';
import { createConnectWise, type ConnectWiseDialect } from './connectwise';
import { jsonResponse, JSON_TYPE, type Dialect, type SimRequest, type SimResponse } from './dialect';
import { createHalo, type HaloSimOptions } from './halo';
import { haloCredentials } from './halo-credentials';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials, seedMsp, type SimData } from './seed';
import { isClosed, updateTicketAsSomeoneElse, type ChangeBySomeoneElse } from './tickets';

export interface SimOptions {
  /** 0 or undefined: a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A board of exactly this many tickets (large boards, benchmarks); without it the default desk, a few weeks of history. */
  tickets?: number;
  /** Days of the default desk's history (28); ignored with `tickets`. */
  days?: number;
  /** Techs beyond the seeded team of 12, each with an API key (for races of many techs). */
  extraTechs?: number;
  /** Default 1. */
  seed?: number;
  /** PEM strings: serve HTTPS instead of HTTP. */
  tls?: { cert: string; key: string };
  /** Added to every API request (the initial `faults.latencyMs`). */
  latencyMs?: number;
  /** The clock; default Date.now. Seeded data is relative to its value at start. */
  now?: () => number;
  /** Autotask: the zone's URLs zoneInformation advertises, the hourly request budget. */
  autotask?: AutotaskSimOptions;
  /** Halo: tenant, advertised URL, page-size cap, token lifetime, agent list and POST answer shapes. */
  halo?: HaloSimOptions;
  /** Credentials with partial rights (a ConnectWise member, an Autotask user, a Halo application). */
  access?: AccessLimits;
}

export interface Faults {
  latencyMs: number;
  /** The next `remaining` API requests answer 429 with `Retry-After: retryAfterSeconds`. */
  fail429: { remaining: number; retryAfterSeconds: number };
  /** The next `remaining` API requests answer 500. */
  fail500: { remaining: number };
  /** The next `remaining` API requests are processed, then answered 200 with truncated JSON. */
  malformed: { remaining: number };
  /** The next `remaining` API requests are processed, then their answer is cut off after the status line (the connection dies). */
  dropResponse: { remaining: number };
  /**
   * The next `remaining` API requests of kind `on` are not carried out: they answer `status` with a `Location` of
   * the same path and query on the origin `to` (a server of the test's, on another origin). `read` is a GET or a
   * query/count that changes nothing, `write` any other API call, `token` Halo's token POST (discovery and
   * authorisation otherwise take no faults).
   */
  redirect: { remaining: number; status: RedirectStatus; to: string; on: RedirectOn };
  /** Moves ConnectWise to its next codebase (`v2025_1/` → `v2025_2/`); the old API prefix answers 404. */
  moveCodebase(): string;
  /** Autotask requests a rolling hour before the simulator slows Autotask down (never a 429). Default 10,000. */
  autotaskHourlyBudget: number;
  /** Expires every Halo token issued so far: the next call with one answers 401. Returns how many were live. */
  expireTokens(): number;
}

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];
const REDIRECT_ON = ['read', 'write', 'token'] as const;
export type RedirectOn = (typeof REDIRECT_ON)[number];

/** Which kind of request a route is, for the redirect fault. */
function requestKind(method: string, route: string): RedirectOn {
  if (/ \/(auth\/)?token$/i.test(route)) return 'token';
  if (method === 'GET' || /\/(query|count)(\/|$)/i.test(route)) return 'read';
  return 'write';
}

/** An origin (`https://host[:port]`) and nothing else: a redirect fault sends the path and query there. */
function redirectOrigin(value: unknown): string {
  if (typeof value !== 'string') throw new Error('redirect.to must be an origin such as "https://elsewhere.example:8443"');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`redirect.to "${value}" is not a URL`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '')) {
    throw new Error(`redirect.to "${value}" must be an http(s) origin alone, without a path`);
  }
  return url.origin;
}

export interface RouteStats { requests: number; bytesOut: number }
export interface SimStats { requests: number; bytesOut: number; byRoute: Record<string, RouteStats> }

export interface Simulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The live seeded dataset, mutable, shared by all dialects. */
  data: SimData;
  faults: Faults;
  /** ConnectWise's current codebase, e.g. `v2025_1/`. */
  readonly codebase: string;
  /** What Autotask's zoneInformation advertises: `apiBaseUrl` (ends `/ATServicesRest/`) and `webBaseUrl`. */
  readonly autotask: { readonly apiBaseUrl: string; readonly webBaseUrl: string };
  /** Halo's tenant, its advertised URL and authorisation server (`{url}/auth`). */
  readonly halo: { readonly tenant: string; readonly url: string; readonly authUrl: string };
  stats(): SimStats;
  resetStats(): void;
  /** Change a ticket as another PSA user would (bumps lastUpdated). Throws on an unknown ticket, status or member. */
  updateTicketAsSomeoneElse(id: number, change: ChangeBySomeoneElse): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, simResponse: SimResponse): number {
  const body = Buffer.from(simResponse.body, 'utf8');
  response.writeHead(simResponse.status, { ...simResponse.headers, 'content-length': String(body.length) });
  response.end(body);
  return body.length;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function nonNegativeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of at least 0`);
  return value;
}

/** Merges a JSON body into the faults, checking every value; unknown keys are an error. */
function mergeFaults(faults: Faults, body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('the body must be an object such as {"fail429":{"remaining":2}}');
  const patch = body as Record<string, unknown>;
  const counters = ['fail429', 'fail500', 'malformed', 'dropResponse'] as const;
  for (const key of Object.keys(patch)) {
    if (key !== 'latencyMs' && key !== 'autotaskHourlyBudget' && key !== 'redirect' && !(counters as readonly string[]).includes(key)) throw new Error(`unknown fault '${key}'`);
  }
  if (patch.redirect !== undefined) faults.redirect = checkedRedirect(patch.redirect, faults.redirect);
  if (patch.latencyMs !== undefined) faults.latencyMs = nonNegativeNumber(patch.latencyMs, 'latencyMs');
  if (patch.autotaskHourlyBudget !== undefined) {
    const budget = Math.floor(nonNegativeNumber(patch.autotaskHourlyBudget, 'autotaskHourlyBudget'));
    if (budget < 1) throw new Error('autotaskHourlyBudget must be at least 1');
    faults.autotaskHourlyBudget = budget;
  }
  for (const key of counters) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object') throw new Error(`${key} must be an object such as {"remaining":1}`);
    const fields = value as Record<string, unknown>;
    if (fields.remaining !== undefined) faults[key].remaining = Math.floor(nonNegativeNumber(fields.remaining, `${key}.remaining`));
    if (key === 'fail429' && fields.retryAfterSeconds !== undefined) {
      faults.fail429.retryAfterSeconds = nonNegativeNumber(fields.retryAfterSeconds, 'fail429.retryAfterSeconds');
    }
  }
}

/** A redirect fault from JSON: every field checked, the ones left out kept. */
function checkedRedirect(value: unknown, current: Faults['redirect']): Faults['redirect'] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('redirect must be an object such as {"remaining":1,"status":307,"to":"https://elsewhere.example","on":"read"}');
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!['remaining', 'status', 'to', 'on'].includes(key)) throw new Error(`unknown redirect field '${key}'`);
  }
  const next = { ...current };
  if (fields.remaining !== undefined) next.remaining = Math.floor(nonNegativeNumber(fields.remaining, 'redirect.remaining'));
  if (fields.status !== undefined) {
    if (!(REDIRECT_STATUSES as readonly unknown[]).includes(fields.status)) throw new Error(`redirect.status must be one of ${REDIRECT_STATUSES.join(', ')}`);
    next.status = fields.status as RedirectStatus;
  }
  if (fields.to !== undefined) next.to = redirectOrigin(fields.to);
  if (fields.on !== undefined) {
    if (!(REDIRECT_ON as readonly unknown[]).includes(fields.on)) throw new Error(`redirect.on must be one of ${REDIRECT_ON.join(', ')}`);
    next.on = fields.on as RedirectOn;
  }
  if (next.remaining > 0 && !next.to) throw new Error('redirect.to is required: the origin to send the client to');
  return next;
}

const faultsView = (faults: Faults) => ({
  latencyMs: faults.latencyMs,
  fail429: { ...faults.fail429 },
  fail500: { ...faults.fail500 },
  malformed: { ...faults.malformed },
  dropResponse: { ...faults.dropResponse },
  redirect: { ...faults.redirect },
  autotaskHourlyBudget: faults.autotaskHourlyBudget,
});

/** A dialect that may slow requests down on its own (Autotask past its hourly threshold). */
type ServedDialect = Dialect & { throttleDelayMs?(method: string, url: URL): number };

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const clock = options.now ?? Date.now;
  const data = seedMsp({
    ...(options.tickets === undefined ? { days: options.days } : { tickets: options.tickets }),
    seed: options.seed ?? 1,
    now: clock(),
    extraTechs: options.extraTechs ?? 0,
  });
  const connectWise: ConnectWiseDialect = createConnectWise({ data, clock, limitedMembers: options.access?.connectwiseMembers });
  // The server's own URL is known once it listens; no request can arrive before then.
  let selfUrl = '';
  const autotask = createAutotask({
    data, clock, selfUrl: () => selfUrl, options: options.autotask, hourlyBudget: () => faults.autotaskHourlyBudget,
    limitedUsers: options.access?.autotaskUsers,
  });
  const halo = createHalo({ data, clock, selfUrl: () => selfUrl, options: options.halo, limitedApplications: options.access?.haloApplications });
  const dialects: ServedDialect[] = [connectWise, autotask, halo];
  const faults: Faults = {
    latencyMs: options.latencyMs ?? 0,
    fail429: { remaining: 0, retryAfterSeconds: 1 },
    fail500: { remaining: 0 },
    malformed: { remaining: 0 },
    dropResponse: { remaining: 0 },
    redirect: { remaining: 0, status: 307, to: '', on: 'read' },
    moveCodebase: () => connectWise.moveCodebase(),
    autotaskHourlyBudget: options.autotask?.hourlyBudget ?? AUTOTASK_DEFAULT_HOURLY_BUDGET,
    expireTokens: () => halo.expireTokens(),
  };
  let stats: SimStats = { requests: 0, bytesOut: 0, byRoute: {} };
  const count = (route: string, bytes: number, isNewRequest: boolean) => {
    const entry = (stats.byRoute[route] ??= { requests: 0, bytesOut: 0 });
    if (isNewRequest) {
      entry.requests++;
      stats.requests++;
    }
    entry.bytesOut += bytes;
    stats.bytesOut += bytes;
  };
  const snapshot = (): SimStats => ({
    requests: stats.requests,
    bytesOut: stats.bytesOut,
    byRoute: Object.fromEntries(Object.entries(stats.byRoute).map(([route, entry]) => [route, { ...entry }])),
  });

  function admin(method: string, path: string, body: string): SimResponse {
    const parse = (): unknown => JSON.parse(body || '{}');
    const fail = (status: number, message: string) => jsonResponse(status, { error: message });
    try {
      if (method === 'GET' && path === '/__sim/state') {
        return jsonResponse(200, {
          tickets: data.tickets.length,
          openTickets: data.tickets.filter((ticket) => !isClosed(data, ticket)).length,
          members: data.members.length,
          companies: data.companies.length,
          contacts: data.contacts.length,
          timeEntries: data.timeEntries.length,
          transitions: data.transitions.length,
          seed: data.seed,
          seededAt: new Date(data.seededAt).toISOString(),
          companyId: DEMO_COMPANY_ID,
          clientId: DEMO_CLIENT_ID,
          ...Object.fromEntries(dialects.map((dialect) => [dialect.name, dialect.state()])),
          codebase: connectWise.codebase,
          access: options.access ?? {},
          faults: faultsView(faults),
        });
      }
      if (method === 'POST' && path === '/__sim/faults') {
        mergeFaults(faults, parse());
        return jsonResponse(200, faultsView(faults));
      }
      if (method === 'POST' && path === '/__sim/move-codebase') return jsonResponse(200, { codebase: faults.moveCodebase() });
      if (method === 'GET' && path === '/__sim/stats') return jsonResponse(200, snapshot());
      if (method === 'POST' && path === '/__sim/reset-stats') {
        stats = { requests: 0, bytesOut: 0, byRoute: {} };
        return jsonResponse(200, snapshot());
      }
      if (method === 'GET' && path === '/__sim/credentials') return jsonResponse(200, memberCredentials(data));
      if (method === 'GET' && path === '/__sim/credentials/autotask') return jsonResponse(200, autotaskCredentials(data));
      if (method === 'GET' && path === '/__sim/credentials/halo') return jsonResponse(200, haloCredentials(data, halo.tenant));
      if (method === 'POST' && path === '/__sim/expire-tokens') return jsonResponse(200, { expired: faults.expireTokens() });
      const ticketPath = /^\/__sim\/tickets\/(\d+)$/.exec(path);
      if (ticketPath) {
        const id = Number(ticketPath[1]);
        const ticket = data.ticketsById.get(id);
        if (!ticket) return fail(404, `ticket ${id} does not exist`);
        if (method === 'GET') return jsonResponse(200, ticket);
        if (method === 'POST') {
          const change = parse() as ChangeBySomeoneElse;
          return jsonResponse(200, updateTicketAsSomeoneElse(data, id, change, clock()));
        }
      }
      return fail(404, `no admin endpoint ${method} ${path}`);
    } catch (error) {
      return fail(400, error instanceof Error ? error.message : String(error));
    }
  }

  const scheme = options.tls ? 'https' : 'http';
  const host = options.host ?? '127.0.0.1';
  let port = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const origin = `${scheme}://${request.headers.host ?? `${host}:${port}`}`;
    const url = new URL(request.url ?? '/', origin);
    const body = await readBody(request);
    if (url.pathname.startsWith('/__sim/')) {
      send(response, admin(method, url.pathname, body));
      return;
    }
    const simRequest: SimRequest = { method, url, headers: request.headers, body, origin };
    for (const dialect of dialects) {
      const match = dialect.match(method, url);
      if (!match) continue;
      if (match.kind === 'page') {
        send(response, dialect.handle(simRequest));
        return;
      }
      count(match.route, 0, true);
      const redirect = faults.redirect;
      if (redirect.remaining > 0 && (match.faultable || redirect.on === 'token') && requestKind(method, match.route) === redirect.on) {
        if (!redirect.to) throw new Error('redirect fault without a target origin');
        redirect.remaining--;
        const location = `${redirect.to}${url.pathname}${url.search}`;
        count(match.route, send(response, { status: redirect.status, headers: { location, 'content-type': JSON_TYPE }, body: '' }), false);
        return;
      }
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const throttle = dialect.throttleDelayMs?.(method, url) ?? 0;
      if (throttle > 0) await sleep(throttle);
      if (match.faultable && faults.fail429.remaining > 0) {
        faults.fail429.remaining--;
        count(match.route, send(response, dialect.faultResponse('rateLimited', faults.fail429.retryAfterSeconds)), false);
        return;
      }
      if (match.faultable && faults.fail500.remaining > 0) {
        faults.fail500.remaining--;
        count(match.route, send(response, dialect.faultResponse('serverError', 0)), false);
        return;
      }
      let answer = dialect.handle(simRequest);
      if (match.faultable && faults.dropResponse.remaining > 0) {
        faults.dropResponse.remaining--;
        // The request was carried out; its answer is cut off on the way: the status line arrives, the
        // body never does. (A connection closed before any byte would make a browser replay the request
        // on a fresh connection by itself — then the client under test never sees the lost answer.)
        response.writeHead(answer.status, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(answer.body) + 64) });
        response.write(answer.body.slice(0, 1));
        setTimeout(() => request.socket.destroy(), 10);
        return;
      }
      if (match.faultable && faults.malformed.remaining > 0) {
        faults.malformed.remaining--;
        answer = { status: 200, headers: { 'content-type': JSON_TYPE }, body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) || '{' };
      }
      count(match.route, send(response, answer), false);
      return;
    }
    send(response, jsonResponse(404, { code: 'NotFound', message: `The requested resource ${url.pathname} was not found.` }));
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      send(response, jsonResponse(500, { code: 'InternalError', message: `Simulator error: ${error instanceof Error ? error.message : String(error)}` }));
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  selfUrl = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: selfUrl,
    port,
    data,
    faults,
    get codebase() { return connectWise.codebase; },
    autotask: {
      get apiBaseUrl() { return autotask.apiBaseUrl; },
      get webBaseUrl() { return autotask.webBaseUrl; },
    },
    halo: {
      tenant: halo.tenant,
      get url() { return halo.url; },
      get authUrl() { return halo.authUrl; },
    },
    stats: snapshot,
    resetStats() {
      stats = { requests: 0, bytesOut: 0, byRoute: {} };
    },
    updateTicketAsSomeoneElse(id, change) {
      updateTicketAsSomeoneElse(data, id, change, clock());
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
